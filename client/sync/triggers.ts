import { poke } from "../../shared/api/sync.js";
import { backoffDelay } from "./backoff.js";
import type { SyncEngine } from "./engine.js";

export const POKE_URL = poke.path;

export interface TriggerOptions {
  pokeUrl?: string;
  /** Injected for tests; defaults to the browser's EventSource. */
  EventSourceImpl?: typeof EventSource;
}

/**
 * Wires browser events to the engine: pull on focus/visibility, push+pull on `online`, and pull on every
 * `poke` from the server's SSE stream. EventSource reconnects by itself after network errors; when the
 * server closes the stream for good (an HTTP error) we reconnect with backoff. Returns a detach function.
 */
export function attachBrowserTriggers(engine: SyncEngine, options: TriggerOptions = {}): () => void {
  const pokeUrl = options.pokeUrl ?? POKE_URL;
  const EventSourceImpl = options.EventSourceImpl ?? (typeof EventSource === "undefined" ? undefined : EventSource);
  let source: EventSource | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let attempts = 0;
  let detached = false;

  const onFocus = () => void engine.requestPull();
  const onVisible = () => {
    if (document.visibilityState === "visible") void engine.requestPull();
  };
  const onOnline = () => {
    void engine.syncNow();
    if (!source || source.readyState === 2) connect();
  };

  function connect(): void {
    if (detached || !EventSourceImpl) return;
    clearTimeout(reconnectTimer);
    source?.close();
    const es = new EventSourceImpl(pokeUrl, { withCredentials: true });
    source = es;
    es.addEventListener("poke", () => void engine.requestPull());
    // After a (re)connect we may have missed pokes: catch up once.
    es.addEventListener("open", () => {
      attempts = 0;
      void engine.requestPull();
    });
    es.addEventListener("error", () => {
      if (es.readyState !== 2 || detached) return; // 2 = CLOSED; otherwise the browser is retrying itself.
      reconnectTimer = setTimeout(connect, backoffDelay(attempts++));
    });
  }

  window.addEventListener("focus", onFocus);
  window.addEventListener("online", onOnline);
  document.addEventListener("visibilitychange", onVisible);
  connect();

  return () => {
    detached = true;
    clearTimeout(reconnectTimer);
    source?.close();
    window.removeEventListener("focus", onFocus);
    window.removeEventListener("online", onOnline);
    document.removeEventListener("visibilitychange", onVisible);
  };
}

import { useSyncExternalStore } from "react";
import { Workbox } from "workbox-window";
import { firstInstallGate, type FirstInstallGate } from "./firstInstall.js";

export interface UpdateState {
  /** A new service worker is installed and waiting to take over. */
  waiting: boolean;
  /** The server refused this version (HTTP 426): updating is the only way to sync again. */
  required: boolean;
}

let state: UpdateState = { waiting: false, required: false };
const listeners = new Set<() => void>();
let workbox: Workbox | null = null;
let reloadWhenControlling = false;
let firstInstall: FirstInstallGate | null = null;

function setState(patch: Partial<UpdateState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

const HOURLY = 60 * 60 * 1000;
/** A first visit installs the worker this long after load, or after its first sync (firstInstall.ts). */
const FIRST_INSTALL = { afterMs: 15_000, settleMs: 3_000, atMostMs: 120_000 };

/**
 * Registers /sw.js (production builds only) and tracks whether an update is waiting. The new worker is
 * never activated behind the user's back: see applyUpdate(). A page no worker controls yet (a first
 * visit) registers once its first sync is done (firstInstall.ts, holdFirstInstall).
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || typeof navigator === "undefined" || !("serviceWorker" in navigator)) return;
  workbox = new Workbox("/sw.js", { scope: "/" });
  workbox.addEventListener("waiting", () => setState({ waiting: true }));
  workbox.addEventListener("controlling", (event) => {
    // Reload for a takeover we asked for, or one another tab asked for (every tab of the app must run the
    // version its worker serves: an old page would ask for old script files the new worker no longer
    // has). Not for the very first install. Queued changes are in IndexedDB and survive the reload.
    if (reloadWhenControlling || event.isUpdate || event.isExternal) window.location.reload();
  });
  const register = () =>
    void workbox?.register().catch(() => {
      // No service worker (private mode, HTTP): the app still works online.
    });
  if (navigator.serviceWorker.controller) register();
  else firstInstall = firstInstallGate(register, FIRST_INSTALL);
  const check = () => void workbox?.update().catch(() => {});
  setInterval(check, HOURLY);
  // A tablet offline for days learns of a new version as soon as it is back, not an hour later.
  window.addEventListener("online", check);
  document.addEventListener("visibilitychange", () => document.visibilityState === "visible" && check());
}

/** Holds a first visit's worker install while a sync runs (firstInstall.ts); call the release when it ends. */
export function holdFirstInstall(): () => void {
  return firstInstall?.hold() ?? (() => {});
}

/** Checks for a new version now; called when the server says this one is too old. */
export function checkForUpdate(): void {
  setState({ required: true });
  void workbox?.update().catch(() => {});
}

/**
 * Activates the waiting worker and reloads once it controls the page. Callers make sure the outbox is
 * empty or the user agreed: the outbox lives in IndexedDB and survives the reload either way.
 * Without a waiting worker (e.g. 426 but no new build found yet) it just reloads.
 */
export function applyUpdate(): void {
  if (workbox && state.waiting) {
    reloadWhenControlling = true;
    workbox.messageSkipWaiting();
  } else {
    window.location.reload();
  }
}

/** The update state as React state. */
export function useUpdateState(): UpdateState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

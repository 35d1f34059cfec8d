import { useState } from "react";
import { api } from "../../api/client.js";
import { useReplica } from "../../app/replicaContext.js";
import type { SyncEngine } from "../../sync/engine.js";
import { FormError } from "../../ui/FormError.js";
import type { Identity } from "../auth/index.js";
import { useSyncOverview } from "../sync/data.js";
import { describeError } from "../../api/describeError.js";
import { switchPractice } from "./data.js";

interface Props {
  identity: Identity;
  /** The session moved to another practice: reopen the app on it. */
  onSwitched: (identity: Identity) => void;
}

/**
 * Picks another of the user's practices. Unsent changes of the current practice stay in its own local
 * database and are sent the next time it is opened.
 */
export function PracticeSwitcher({ identity, onSwitched }: Props) {
  const { engine } = useReplica();
  const { pending } = useSyncOverview();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (identity.practices.length < 2) return null;

  async function choose(practiceId: string) {
    if (practiceId === identity.practice.id) return;
    setBusy(true);
    setError(null);
    // The switch replaces the session cookie: no request of this practice's engine may go out (or be
    // in flight) with the other practice's cookie, or its pushes and pulls would reach the wrong practice.
    engine.stop();
    await whenIdle(engine);
    try {
      onSwitched(await switchPractice(api, window.localStorage, practiceId));
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
      void engine.start();
    }
  }

  return (
    <div className="practice-switcher">
      <label htmlFor="practice-switch">Practice</label>
      <select
        id="practice-switch"
        value={identity.practice.id}
        disabled={busy}
        onChange={(e) => void choose(e.target.value)}
        aria-describedby={pending > 0 ? "practice-switch-pending" : undefined}
      >
        {identity.practices.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} ({p.role.toLowerCase()})
          </option>
        ))}
      </select>
      {pending > 0 && (
        <span id="practice-switch-pending" className="muted">
          {pending.toLocaleString()} unsent change{pending === 1 ? "" : "s"} stay with {identity.practice.name}
        </span>
      )}
      <FormError message={error} />
    </div>
  );
}

/** Resolves once the engine has no push or pull in flight. */
export function whenIdle(engine: Pick<SyncEngine, "getState" | "subscribe">): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      const { pushing, pulling } = engine.getState();
      if (pushing || pulling) return;
      unsubscribe();
      resolve();
    };
    const unsubscribe = engine.subscribe(check);
    check();
  });
}

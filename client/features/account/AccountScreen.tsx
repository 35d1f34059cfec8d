import { useCallback, useState } from "react";
import { api } from "../../api/client.js";
import { FormError } from "../../ui/FormError.js";
import { formatSyncTime } from "../../ui/format.js";
import type { Identity } from "../auth/index.js";
import { describeError } from "../../api/describeError.js";
import { PracticeDetailsForm } from "./PracticeDetailsForm.js";
import { StorageCard } from "./StorageCard.js";
import { SignOutButton } from "../sync/index.js";
import { describeDevice, listSessions, revokeSession, signOutEverywhere } from "./data.js";
import { useServerData } from "../../ui/useServerData.js";

interface Props {
  identity: Identity;
  /** This device's session ended (signed out here or everywhere). */
  onSignedOut: () => void;
}

/** The signed-in user's account: practices, and the devices signed in as them. */
export function AccountScreen({ identity, onSignedOut }: Props) {
  const load = useCallback(() => listSessions(api), []);
  const { state, reload } = useServerData(load);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function act(action: () => Promise<void>, endsThisDevice: boolean) {
    setBusy(true);
    setError(null);
    try {
      await action();
      if (endsThisDevice) return onSignedOut();
      reload();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="screen" aria-labelledby="account-title">
      <div className="screen-header">
        <h1 id="account-title">Your account</h1>
      </div>
      <div className="card">
        <p>
          <strong>{identity.user.name ?? identity.user.email}</strong> · {identity.user.email}
        </p>
        <p className="muted">Member of {identity.practices.map((p) => `${p.name} (${p.role.toLowerCase()})`).join(", ")}.</p>
      </div>
      <PracticeDetailsForm practiceName={identity.practice.name} />
      <StorageCard />
      <div className="card">
        <h2>Signed-in devices</h2>
        {state.status === "loading" && <p className="page-status">Loading…</p>}
        {state.status === "error" && <FormError message={describeError(state.error)} />}
        {state.status === "ready" && (
          <ul className="plain-list">
            {state.data.map((s) => (
              <li key={s.id} className="list-row" data-testid="session-row" data-current={s.current}>
                <span>
                  {describeDevice(s.userAgent)}
                  {s.current && <strong> (this device)</strong>}
                  <br />
                  <span className="muted">
                    {s.practiceName ?? "No practice"} · last seen {formatSyncTime(s.lastSeenAt ?? s.createdAt)}
                    {s.ip ? ` · ${s.ip}` : ""}
                  </span>
                </span>
                {s.current ? (
                  // Ends this device's session: the same warning as the top bar's when changes are not sent yet.
                  <SignOutButton
                    label="Sign out this device"
                    disabled={busy}
                    onSignOut={() => void act(() => revokeSession(api, s.id), true)}
                  />
                ) : (
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy}
                    onClick={() => void act(() => revokeSession(api, s.id), false)}
                  >
                    Sign out
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        <FormError message={error} />
        <div className="form-actions">
          <SignOutButton label="Sign out everywhere" disabled={busy} onSignOut={() => void act(() => signOutEverywhere(api), true)} />
        </div>
      </div>
    </section>
  );
}

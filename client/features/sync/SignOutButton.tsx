import "./sync.css";
import { useEffect, useRef, useState } from "react";
import { useOnline } from "../../ui/useOnline.js";
import { useEngineState, useSyncActions, useSyncOverview } from "./data.js";

/**
 * Sign out, warning first when changes are still queued: they are the user's own (nobody else can send
 * them), so the user can wait until they are sent, or sign out and leave them on this device, where they
 * are listed as waiting and sent when the same person signs in here again.
 */
export function SignOutButton({
  onSignOut,
  label = "Sign out",
  disabled = false,
}: {
  onSignOut: () => void;
  /** The button's text (the account screen has "Sign out this device" and "Sign out everywhere"). */
  label?: string;
  disabled?: boolean;
}) {
  const { pending } = useSyncOverview();
  const { pushError } = useEngineState();
  const { syncNow } = useSyncActions();
  const online = useOnline();
  const dialog = useRef<HTMLDialogElement>(null);
  const [waiting, setWaiting] = useState(false);
  const signedOut = useRef(false);

  useEffect(() => {
    if (!waiting || pending > 0 || signedOut.current) return;
    signedOut.current = true;
    onSignOut();
  }, [waiting, pending, onSignOut]);

  function start() {
    if (pending === 0) return onSignOut();
    setWaiting(false);
    dialog.current?.showModal();
  }

  function waitThenSignOut() {
    setWaiting(true);
    void syncNow();
  }

  const changes = `${pending.toLocaleString()} ${pending === 1 ? "change" : "changes"}`;
  return (
    <>
      <button type="button" className="secondary" onClick={start} disabled={disabled}>
        {label}
      </button>
      <dialog ref={dialog} className="signout-dialog" aria-labelledby="signout-title" onClose={() => setWaiting(false)}>
        <h2 id="signout-title">{changes} not sent yet</h2>
        <p>
          Only you can send them. If you sign out now they stay on this device, listed as waiting, and are sent the next time you sign in
          here.
        </p>
        {waiting && (
          <p role="status" data-testid="signout-waiting">
            {online ? `Sending… ${changes} left.` : `Offline: waiting for the connection to send ${changes}.`}
            {online && pushError && ` The server is not accepting them yet: ${pushError}`}
          </p>
        )}
        <div className="form-actions">
          <button type="button" onClick={waitThenSignOut} disabled={waiting}>
            Wait for sync, then sign out
          </button>
          <button type="button" className="secondary" onClick={onSignOut}>
            Sign out now, keep them here
          </button>
          <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
            Stay signed in
          </button>
        </div>
      </dialog>
    </>
  );
}

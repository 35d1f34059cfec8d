import "./sync.css";
import { useEffect, useState } from "react";
import { formatSyncTime } from "../../ui/format.js";
import { listWaitingOnDevice, type WaitingChanges, type WaitingQuery } from "./waitingOnDevice.js";

interface Props {
  query: WaitingQuery;
  heading?: string;
  className?: string;
  /** Who is signed in, where: their own changes in another practice are sent when they open it. */
  current?: { userId: string; practiceId: string };
}

/**
 * Changes other people queued on this device and have not sent yet: whose, how many, since when. Only
 * their own user can send them (they sign in on this device again); an admin of the practice also sees
 * what each change is, so work of someone who does not come back is never silently lost.
 */
export function WaitingOnDevice({ query, heading = "Waiting on this device", className = "", current }: Props) {
  const waiting = useWaitingOnDevice(query);
  if (waiting.length === 0) return null;
  return (
    <section className={`waiting-on-device ${className}`.trim()} aria-label={heading} data-testid="waiting-on-device">
      <h2>{heading}</h2>
      <ul className="notice-list">
        {waiting.map((w) => (
          <li key={w.dbName} data-testid="waiting-user" data-count={w.count}>
            <div>
              <strong>{w.userName}</strong>: {w.count} {w.count === 1 ? "change" : "changes"} not sent yet
              {w.since && ` (since ${formatSyncTime(w.since)})`}
              {current && w.practiceId !== current.practiceId && ` · ${w.practiceName}`}
              <p className="muted">{whenSent(w, current?.userId)}</p>
              {w.changes && (
                <details>
                  <summary>What they are</summary>
                  <ol>
                    {w.changes.map((c) => (
                      <li key={c.seq}>
                        {c.text} <span className="muted">· {formatSyncTime(c.at)}</span>
                      </li>
                    ))}
                  </ol>
                </details>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Reads the list once per mount (it changes only when someone else signs in on this device). */
function useWaitingOnDevice(query: WaitingQuery): WaitingChanges[] {
  const [waiting, setWaiting] = useState<WaitingChanges[]>([]);
  const { exceptDbName, detailsForPractice } = query;
  useEffect(() => {
    let live = true;
    listWaitingOnDevice(window.localStorage, { exceptDbName, detailsForPractice }).then(
      (w) => live && setWaiting(w),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [exceptDbName, detailsForPractice]);
  return waiting;
}

function whenSent(w: WaitingChanges, me: string | undefined): string {
  if (!w.userId) return "Made before an app update; their author is unknown.";
  if (w.userId === me) return `They are sent when you open ${w.practiceName} again.`;
  return `They are sent when ${w.userName} signs in on this device again.`;
}

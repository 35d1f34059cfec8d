import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { useCountActions, type SessionData } from "./data.js";

/**
 * The server's answers about this session's writes: counts refused because the session closed (with
 * "move them to a new count") and other notices to dismiss.
 */
export function CountNotices({ data }: { data: SessionData }) {
  const actions = useCountActions();
  const [moved, setMoved] = useState<string | null>(null);
  const closedLines = data.notices.filter((n) => n.kind === "rejected" && n.name === "count.recordLine" && n.code === "SESSION_CLOSED");
  const others = data.notices.filter((n) => !closedLines.includes(n));
  if (!data.notices.length && !moved) return null;
  const session = data.session!;
  /** Counts refused because the session closed: into a new session with the same scope, nothing lost. */
  const moveToNew = async () => {
    const id = await actions.start({
      locationId: session.locationId,
      includeSubLocations: session.includeSubLocations,
      itemIds: session.itemIds,
      blind: session.blind,
      recountThreshold: session.recountThresholdUnits
        ? { kind: "units", value: session.recountThresholdUnits }
        : session.recountThresholdPct
          ? { kind: "percent", value: session.recountThresholdPct }
          : null,
      name: session.name ? `${session.name} (continued)` : null,
      note: session.note,
    });
    for (const n of closedLines) {
      const a = n.args as {
        itemId: string;
        locationId: string;
        batchId: string | null;
        countedQuantity: number;
        seenQuantity: number | null;
      };
      await actions.record({
        sessionId: id,
        itemId: a.itemId,
        locationId: a.locationId,
        batchId: a.batchId,
        countedQuantity: a.countedQuantity,
        showExpected: a.seenQuantity !== null,
      });
      await actions.dismissNotice(n.id);
    }
    setMoved(id);
  };
  return (
    <div className="card notices" data-testid="count-notices">
      {closedLines.length > 0 && (
        <div role="alert">
          <p>
            <strong>
              {closedLines.length} count{closedLines.length === 1 ? " was" : "s were"} not accepted:
            </strong>{" "}
            {closedLines[0]!.message}
          </p>
          <button type="button" className="big" onClick={() => void moveToNew()}>
            Move them to a new count
          </button>
        </div>
      )}
      {moved && (
        <p>
          Moved.{" "}
          <Link to="/counts/$sessionId" params={{ sessionId: moved }}>
            Open the new count
          </Link>
        </p>
      )}
      {others.slice(0, 5).map((n) => (
        <p key={n.id} className="notice-line">
          {n.message}{" "}
          <button type="button" className="link-button" onClick={() => void actions.dismissNotice(n.id)}>
            Dismiss
          </button>
        </p>
      ))}
    </div>
  );
}

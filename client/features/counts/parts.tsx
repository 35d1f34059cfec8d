/** Small pieces the count screens share: status badge, times, key labels. */
import type { BatchRow, CountSessionRow, ItemRow, LocationRow } from "../../../shared/protocol/entities.js";
import { expiryAsPrinted } from "../../../shared/stock/expiry.js";
import { Link } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { useSessionData, type SessionData } from "./data.js";

const STATUS_LABEL: Record<CountSessionRow["status"], string> = {
  IN_PROGRESS: "in progress",
  COMPLETED: "completed",
  CANCELLED: "cancelled",
};

export function StatusBadge({ status }: { status: CountSessionRow["status"] }) {
  const tone = status === "IN_PROGRESS" ? "badge-pending" : status === "COMPLETED" ? "badge-ok" : "badge-muted";
  return <span className={`badge ${tone}`}>{STATUS_LABEL[status]}</span>;
}

/** A short local date and time. */
export function when(iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Date(iso).toLocaleString([], { dateStyle: "short", timeStyle: "short" });
}

export function sessionTitle(session: CountSessionRow, locations: ReadonlyMap<string, LocationRow>): string {
  if (session.name) return session.name;
  if (session.locationId) return `Count of ${locations.get(session.locationId)?.name ?? "a location"}`;
  return `Count of ${session.itemIds.length} item${session.itemIds.length === 1 ? "" : "s"}`;
}

export function KeyLabel({
  item,
  batch,
  location,
}: {
  item: ItemRow | undefined;
  batch: BatchRow | undefined | null;
  location?: LocationRow | undefined;
}) {
  return (
    <span className="key-label">
      <span className="key-item">{item?.name ?? "Unknown item"}</span>
      {batch && (
        <span className="muted">
          {" "}
          · lot {batch.lot}
          {batch.expiryDate ? ` (exp. ${batch.expiryDate})` : ""}
        </span>
      )}
      {location && <span className="muted"> · {location.name}</span>}
    </span>
  );
}

/** A GS1 expiry as batch.create takes it (one rule, in shared/stock/expiry.ts). */
export const expiryForBatch = expiryAsPrinted;

/** Loads a count session from the replica and renders `children` with it, or says why it cannot. */
export function WithSession({ sessionId, children }: { sessionId: string; children: (data: SessionData) => ReactNode }) {
  const data = useSessionData(sessionId);
  if (!data) return <p className="page-status">Loading…</p>;
  if (!data.session)
    return (
      <p className="page-status">
        This count is not on this device (yet). <Link to="/counts">All counts</Link>
      </p>
    );
  return <>{children(data)}</>;
}

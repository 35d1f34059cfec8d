import type { ReactNode } from "react";

/** A small inline label; `tone` picks the colour. */
export function Badge({ tone, children, title }: { tone: "pending" | "warning" | "muted"; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}

/** The "pending" badge on rows with unsynced changes. */
export function PendingBadge() {
  return (
    <Badge tone="pending" title="Changed on this device, not yet confirmed by the server">
      pending
    </Badge>
  );
}

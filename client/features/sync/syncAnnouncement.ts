/**
 * What the screen reader hears when sync changes state. Coarse on purpose: it names the state (online
 * or not, changes waiting or all synced, the server refusing, things to review) but not the running
 * count, so scanning twenty items does not queue twenty announcements; the status button shows the count.
 */
export interface SyncAnnouncementInput {
  online: boolean;
  pending: number;
  /** Rejected changes, conflicts and a paused sync: things the user has to look at. */
  problems: number;
  /** Why the last push failed, while it does. */
  pushError: string | null;
  /** A first sync (or one after a reset) is still loading pages: screens may not show everything yet. */
  loading?: boolean;
  /** The device has never completed a sync: "all synced" would be untrue. */
  neverSynced?: boolean;
}

export function syncAnnouncement({
  online,
  pending,
  problems,
  pushError,
  loading = false,
  neverSynced = false,
}: SyncAnnouncementInput): string {
  const parts = [online ? "Online" : "Offline"];
  if (loading) parts.push("Loading practice data");
  if (pending === 0 && neverSynced && !loading) parts.push("Not synced yet");
  else if (pending === 0) parts.push(problems > 0 || loading ? "No changes waiting" : "All changes synced");
  else if (!online) parts.push("Changes are kept on this device and sync when the connection is back");
  else if (pushError) parts.push("Changes are waiting: the server is not accepting them yet");
  else parts.push("Changes are waiting to sync");
  if (problems > 0) parts.push(problems === 1 ? "1 problem to review" : `${problems} problems to review`);
  return `${parts.join(". ")}.`;
}

/** "just now", "5 min ago", "14:03", or a date for older times; the status bar's last-sync label. */
export function formatSyncTime(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return "never";
  const at = new Date(iso);
  const seconds = Math.round((now.getTime() - at.getTime()) / 1000);
  if (seconds < 45) return "just now";
  if (seconds < 60 * 60) return `${Math.round(seconds / 60)} min ago`;
  const sameDay = at.toDateString() === now.toDateString();
  return sameDay
    ? at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })
    : at.toLocaleString([], { dateStyle: "short", timeStyle: "short" });
}

/** A user-facing message for any thrown value. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error && e.message) return e.message;
  return "Something went wrong.";
}

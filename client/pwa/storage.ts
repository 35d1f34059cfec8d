/**
 * Persistent storage for the replica. Without it the browser may evict IndexedDB under storage pressure,
 * and with it any queued change not yet sent. Browsers grant it on their own terms (installed app, site
 * engagement), so the app asks once per start and shows the answer rather than assuming.
 */
export interface StorageStatus {
  /** null when the browser has no StorageManager (then nothing is known). */
  persisted: boolean | null;
  usage: number | null;
  quota: number | null;
}

/** Asks for persistent storage (a no-op when already granted or unsupported). Returns whether it is. */
export async function requestPersistentStorage(): Promise<boolean | null> {
  const storage = typeof navigator === "undefined" ? undefined : navigator.storage;
  if (!storage?.persist) return null;
  try {
    return (await storage.persisted()) || (await storage.persist());
  } catch {
    return null;
  }
}

export async function readStorageStatus(): Promise<StorageStatus> {
  const storage = typeof navigator === "undefined" ? undefined : navigator.storage;
  if (!storage?.estimate) return { persisted: null, usage: null, quota: null };
  const [estimate, persisted] = await Promise.all([storage.estimate(), storage.persisted?.().catch(() => null) ?? null]);
  return { persisted, usage: estimate.usage ?? null, quota: estimate.quota ?? null };
}

/** "12.3 MB" */
export function formatBytes(bytes: number): string {
  const units = ["bytes", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/**
 * The replicas kept on this device, one per (practice, user): a shared storeroom tablet holds one for each
 * person who signed in on it. Each has its own clientId, seq counter and outbox, so nobody ever pushes
 * another person's changes and nobody's queued changes block anyone else's sync (see docs/adr/0007).
 *
 * The list lives in localStorage (not in a replica) so the sign-in screen can say whose changes are
 * waiting before anyone has signed in. It holds names only, never data; the data stays in each replica.
 */
export interface DeviceReplica {
  dbName: string;
  practiceId: string;
  practiceName: string;
  /** null: a replica from before replicas were per user, whose owner this device does not know. */
  userId: string | null;
  userName: string;
  /** When its user last opened it (ISO), for "since" and for an admin deciding what to do. */
  lastUsedAt: string;
}

const STORAGE_KEY = "venzory.replicas";

/** The database name of a user's replica of a practice. */
export function userReplicaName(practiceId: string, userId: string): string {
  return `venzory-${practiceId}-u-${userId}`;
}

/** The database name replicas had before they were per user (one per practice, shared by every user). */
export function legacyReplicaName(practiceId: string): string {
  return `venzory-${practiceId}`;
}

export function listDeviceReplicas(storage: Storage): DeviceReplica[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter(isDeviceReplica) : [];
  } catch {
    return [];
  }
}

/** Adds or replaces the entry with the same dbName. */
export function rememberReplica(storage: Storage, entry: DeviceReplica): void {
  const others = listDeviceReplicas(storage).filter((r) => r.dbName !== entry.dbName);
  save(storage, [...others, entry]);
}

export function forgetReplica(storage: Storage, dbName: string): void {
  save(
    storage,
    listDeviceReplicas(storage).filter((r) => r.dbName !== dbName),
  );
}

/** The replica a user uses for a practice, if this device has one. */
export function findUserReplica(storage: Storage, practiceId: string, userId: string): DeviceReplica | undefined {
  return listDeviceReplicas(storage).find((r) => r.practiceId === practiceId && r.userId === userId);
}

function save(storage: Storage, entries: DeviceReplica[]): void {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(entries));
  } catch {
    // Storage full or disabled: the replicas still work; only the "waiting on this device" list is shorter.
  }
}

function isDeviceReplica(value: unknown): value is DeviceReplica {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.dbName === "string" &&
    typeof v.practiceId === "string" &&
    typeof v.practiceName === "string" &&
    (v.userId === null || typeof v.userId === "string") &&
    typeof v.userName === "string" &&
    typeof v.lastUsedAt === "string"
  );
}

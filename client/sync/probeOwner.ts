import { REPLICA_SCHEMA_VERSION } from "../../shared/protocol/version.js";
import { isApiError } from "../api/errors.js";
import type { ReplicaDb } from "../replica/db.js";
import { getMeta } from "../replica/meta.js";
import type { OwnerProbe } from "../replica/userReplica.js";
import type { SyncTransport } from "./transport.js";

/**
 * Asks the server whether a replica's clientId is the signed-in user's: a one-row pull, which the server
 * refuses with CLIENT_MISMATCH when the id is bound to someone else. Nothing from the answer is applied.
 */
export async function probeOwner(db: ReplicaDb, transport: SyncTransport): ReturnType<OwnerProbe> {
  const clientId = await getMeta(db, "clientId");
  if (!clientId) return "unknown";
  try {
    await transport.pull({ clientId, schemaVersion: REPLICA_SCHEMA_VERSION, cursor: 0, limit: 1 });
    return "mine";
  } catch (e) {
    return isApiError(e, "CLIENT_MISMATCH") ? "other" : "unknown";
  }
}

/**
 * Versions of the sync protocol and of the client replica schema.
 *
 * History:
 *  1 — first protocol: push with per-client seq, pull by per-practice version cursor, tombstones, reset.
 *  replica 2 — issue 10: items carry maxStock, batches expiryRaw; par levels and stock settings replicated
 *      (older replicas lack those fields and rows, so they are rebuilt).
 *  replica 3 — issue 13: orders, order lines, order templates, goods receipts and their lines replicated;
 *      stock settings carry the over-receipt tolerance and the usage window.
 *  replica 4 — issue 12: a stock row's quantity may be null (withheld from a counter during a blind count).
 *      Builds before it reject such a row and so failed every pull; they are now told to update instead
 *      (NULL_QUANTITY_SCHEMA_VERSION), and only when a pull would carry one.
 *
 * REPLICA_SCHEMA_VERSION rises when the shape of replicated rows changes; a client whose replica is older
 * than MIN_REPLICA_SCHEMA_VERSION is told to reset (rebuild from cursor 0, keeping its outbox), and one
 * older than MIN_CLIENT_SCHEMA_VERSION must update the app before pushing.
 */
export const PROTOCOL_VERSION = 1;
export const REPLICA_SCHEMA_VERSION = 4;
export const MIN_REPLICA_SCHEMA_VERSION = 1;
export const MIN_CLIENT_SCHEMA_VERSION = 1;
/** The first replica schema that reads a stock row without its quantity (a blind count's). */
export const NULL_QUANTITY_SCHEMA_VERSION = 4;

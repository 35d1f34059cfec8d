import Dexie from "dexie";
import { ENTITY_SCHEMAS, type EntityName, type EntityRow } from "../../shared/protocol/entities.js";
import type { PullResponse } from "../../shared/protocol/pull.js";
import { REPLICA_SCHEMA_VERSION } from "../../shared/protocol/version.js";
import { ProtocolError } from "../api/errors.js";
import type { ReplicaDb } from "../replica/db.js";
import { getMeta, setMeta } from "../replica/meta.js";
import { clearReplicatedRows } from "../replica/open.js";
import { dropConfirmed } from "../replica/outbox.js";
import { rebaseInTx, rebaseUnlessBacklog } from "../replica/rebase.js";
import { applyServerPage } from "../replica/shadows.js";
import { mapInSlices } from "./yieldToMain.js";
import type { SyncTransport } from "./transport.js";

export interface PullOptions {
  limit?: number;
  /** Upper bound on pages per call; the next trigger continues from the stored cursor. */
  maxPages?: number;
  now?: () => Date;
  /** Called after each applied page (for "loading practice data" progress). */
  onProgress?: (progress: PullProgress) => void;
}

export interface PullProgress {
  pages: number;
  /** Rows changed or deleted so far in this call. */
  changes: number;
  /** True when this call started from an empty replica (first sync or after a reset). */
  initial: boolean;
  /** False after the last page. */
  hasMore: boolean;
}

export interface PullOutcome {
  pages: number;
  reset: boolean;
  /** Rows changed or deleted across all pages. */
  changes: number;
  /** Outbox entries confirmed and dropped. */
  confirmed: number;
}

interface ValidChange {
  entity: EntityName;
  row: EntityRow<EntityName>;
}

interface ValidatedPage {
  page: PullResponse;
  changes: ValidChange[];
  validateMs: number;
}

/**
 * Pulls from the stored cursor until the server has nothing more. Each page is applied in one
 * transaction together with its cursor (rows with pending changes update their shadow instead). The
 * last page also drops confirmed outbox entries and rebases, in the same transaction, so the UI never
 * sees server rows and stale optimistic rows side by side. `reset` clears the replica (not the outbox,
 * rejected list or clientId) and starts again from 0.
 */
export async function pullAll(db: ReplicaDb, transport: SyncTransport, options: PullOptions = {}): Promise<PullOutcome> {
  const maxPages = options.maxPages ?? 1000;
  const now = options.now ?? (() => new Date());
  // Read together: one wait for IndexedDB before the first request instead of three in a row (on a new
  // tablet each came after the first render of the app's screens).
  const [clientId, storedCursor, storedPushedSeq] = await Promise.all([
    getMeta(db, "clientId"),
    getMeta(db, "cursor"),
    getMeta(db, "pushedSeq"),
  ]);
  if (!clientId) throw new Error("The replica has no clientId.");
  const outcome: PullOutcome = { pages: 0, reset: false, changes: 0, confirmed: 0 };
  let resets = 0;
  let cursor = storedCursor ?? 0;
  // After a reset the old rows stay visible until the first page from 0 arrives, and are cleared in
  // that page's transaction: a network failure in between never leaves the user with an empty replica.
  let clearFirst = false;
  let initial = cursor === 0;
  // Ids of the rows this run has stored. A run from 0 starts from a replica holding no server rows (a
  // local change's rows are shadowed and go to their shadows), so a row it has not met yet is absent:
  // a store that must otherwise look a row up first (stock packs, stockPacks.ts) skips that. A wrong
  // guess there is caught by the store (the packs' unique ids index).
  const seen = new Set<string>();
  const presumedAbsent = (id: string) => !seen.has(id);
  // knownSeq: the answers we hold; the server adds any refusal we missed (a push answer lost in transit).
  // A value older than the stored one only costs a repeated answer (pushedSeq only grows).
  // `initial`: this run started from 0, so an old cursor here is no reason to reset (pullRequest.initial).
  // A page's rows are validated as soon as it arrives: a prefetched page's while the one before is
  // committed, when the page's thread would otherwise wait for IndexedDB.
  const fetchValidated = (from: number, knownSeq: number): Promise<ValidatedPage> =>
    transport
      .pull({ clientId, schemaVersion: REPLICA_SCHEMA_VERSION, cursor: from, limit: options.limit, knownSeq, initial })
      .then(async (page) => {
        const started = performance.now();
        const changes = page.reset ? [] : await validateChanges(page);
        return { page, changes, validateMs: performance.now() - started };
      });
  // The next page is requested while this one is being committed, so the network, the server and the
  // tab's check of the next page overlap IndexedDB's work on this one. Not before this page's writes are
  // all sent: until then the tab clones rows for them, and the next page's work on the same cores made
  // each page's apply 20-30% slower than IndexedDB's own speed (a first sync on 2 cores).
  // Safe because a pull reads only: a prefetched page is dropped if applying this one fails, and only
  // the last page (never followed by a prefetch) changes pushedSeq, the knownSeq a request sends.
  let nextPage: Promise<ValidatedPage> | null = null;

  while (outcome.pages < maxPages) {
    if (!nextPage) {
      // The first page (pushedSeq as read above), or the first after a reset (read again).
      const knownSeq = outcome.pages === 0 ? storedPushedSeq : await getMeta(db, "pushedSeq");
      nextPage = fetchValidated(cursor, knownSeq ?? 0);
    }
    const { page, changes, validateMs } = await nextPage;
    nextPage = null;
    outcome.pages++;
    if (page.reset) {
      // A second reset in one call means the server keeps refusing our cursor 0: stop and retry later.
      if (++resets > 1) throw new ProtocolError("The server asked for a reset twice in a row.");
      clearFirst = true;
      initial = true;
      cursor = 0;
      outcome.reset = true;
      continue;
    }
    if (page.hasMore && page.cursor <= cursor) throw new ProtocolError("Pull cursor did not advance.");
    const applyStart = performance.now();
    const last = !page.hasMore;
    const prefetch = !last && outcome.pages < maxPages;
    outcome.changes += changes.length + page.deletes.length;

    await db.transaction("rw", db.tables, async () => {
      // The next page's knownSeq is read in this transaction, as its first request. Read on its own, it
      // was a transaction created just before this one, which this one then waited behind: 10-20 ms of
      // every page of a first sync.
      const knownSeq = prefetch ? getMeta(db, "pushedSeq") : null;
      const lastWriteSent = () => {
        knownSeq
          ?.then((seq) => {
            // Outside this transaction's zone: nothing the request goes on to do belongs to it.
            nextPage = Dexie.ignoreTransaction(() => fetchValidated(page.cursor, seq ?? 0));
            nextPage.catch(() => {}); // surfaces when awaited; unobserved if this page fails to apply
          })
          .catch(() => {}); // a failed read fails this transaction, which reports it
      };
      if (clearFirst) await clearReplicatedRows(db);
      // Sent with the rows, not after them: one wait for IndexedDB less per page (the transaction is
      // atomic, so the order of its writes is not seen).
      const cursorStored = setMeta(db, "cursor", page.cursor);
      await applyServerPage(db, changes, page.deletes, { hints: initial ? { presumedAbsent } : undefined, lastWriteSent });
      await cursorStored;
      if (!last) return;
      await recordMissedOutcomes(db, page, now().toISOString());
      outcome.confirmed = await dropConfirmed(db, page.lastSeq);
      const pushedSeq = (await getMeta(db, "pushedSeq")) ?? 0;
      if (page.lastSeq > pushedSeq) await setMeta(db, "pushedSeq", page.lastSeq);
      // Only rebase when something moved (a no-op rebase would still wake every live query) or one is
      // owed; after a reset always (the cleared rows need the queued changes back on top).
      if (outcome.reset) await rebaseInTx(db);
      else if (outcome.changes > 0 || outcome.confirmed > 0 || (await getMeta(db, "rebaseOwed"))) await rebaseUnlessBacklog(db);
      // "Last sync" means both ways: only when nothing queued is still waiting for the server.
      if ((await db.outbox.count()) === 0) await setMeta(db, "lastSyncAt", now().toISOString());
    });
    if (initial) for (const c of changes) seen.add(c.row.id);
    markApplied(applyStart, changes.length + page.deletes.length, page.cursor, validateMs);
    options.onProgress?.({ pages: outcome.pages, changes: outcome.changes, initial, hasMore: !last });
    clearFirst = false;
    cursor = page.cursor;
    if (last) return outcome;
  }
  return outcome;
}

/**
 * A User Timing entry per applied page (its transaction; `validateMs`, the validation done when it
 * arrived, rides in the detail), visible in DevTools' performance panel and read by the browser
 * benchmark. Only the latest entry is kept in the timeline buffer, so a long-running tab does not
 * accumulate one per pull (observers still receive every entry).
 */
function markApplied(start: number, rows: number, cursor: number, validateMs: number): void {
  if (typeof performance.measure !== "function") return;
  performance.clearMeasures(PULL_APPLY_MEASURE);
  performance.measure(PULL_APPLY_MEASURE, { start, detail: { rows, cursor, validateMs } });
}
export const PULL_APPLY_MEASURE = "venzory:pull-apply";

/**
 * Refusals and conflicts whose push answer never arrived: shown in the rejected list like any other,
 * before their outbox entries are dropped as consumed.
 */
async function recordMissedOutcomes(db: ReplicaDb, page: PullResponse, at: string): Promise<void> {
  for (const o of page.outcomes) {
    const entry = await db.outbox.get(o.seq);
    if (!entry || entry.id !== o.id) continue;
    await db.rejected.put({
      id: entry.id,
      seq: entry.seq,
      name: entry.name,
      args: entry.args,
      at,
      kind: o.status,
      code: o.code,
      message: o.message,
    });
  }
}

/**
 * Validates every row against its entity schema; one bad row fails the page (nothing is half-applied).
 * In slices with the browser let in between: a 2,000-row page validated at once was one long task of
 * about 200 ms on a first sync (zod not yet warmed up), during which the tablet did not answer a tap.
 */
function validateChanges(page: PullResponse): Promise<ValidChange[]> {
  return mapInSlices(page.changes, VALIDATE_SLICE, ({ entity, row }) => {
    const parsed = ENTITY_SCHEMAS[entity].safeParse(row);
    if (!parsed.success) {
      throw new ProtocolError(`Invalid ${entity} row from the server: ${parsed.error.issues[0]?.message ?? "invalid"}.`);
    }
    return { entity, row: parsed.data };
  });
}
const VALIDATE_SLICE = 250;

import { z } from "zod";
import { int32, safeInt } from "../validation/numbers.js";
import { safeText } from "../validation/text.js";
import { ENTITY_NAMES, type EntityName } from "./entities.js";

export const MAX_PULL_LIMIT = 5000;
export const DEFAULT_PULL_LIMIT = 2000;
/** Outcomes per pull answer; beyond it the answer's lastSeq stops before the first one left out. */
export const MAX_PULL_OUTCOMES = 1000;

export const pullRequest = z.object({
  clientId: z.uuid(),
  schemaVersion: int32().nonnegative(),
  /** The version of the newest change already applied; 0 for an empty replica. */
  cursor: safeInt().nonnegative(),
  limit: int32().positive().max(MAX_PULL_LIMIT).optional(),
  /**
   * The highest seq whose push answer the client already holds. If a push answer was lost, the pull
   * returns the refusals and conflicts after it, so the client can show them before it drops the
   * confirmed entries: nothing rejected disappears unexplained.
   */
  knownSeq: int32().nonnegative().optional(),
  /**
   * True while this request continues a sync that started from cursor 0 (a first sync, or one after a
   * reset) in the same run: a cursor below the practice's retained history is then no reason to reset,
   * because the rows whose deletes were pruned were gone before that sync began. Without it, a new
   * device paging through an old practice was reset on every second page.
   */
  initial: z.boolean().optional(),
});

const entityName = z.enum(ENTITY_NAMES as [EntityName, ...EntityName[]]);

/**
 * A changed row as it comes: only "an object" here, neither copied nor looked into, because the client
 * then validates every row against its entity's schema (ENTITY_SCHEMAS), which keeps only known fields.
 * Checked here as a record of safe-text keys, a page of 2,000 rows cost 7-40 ms more of the tablet's
 * main thread, in one task, while the page before was being written.
 */
const changedRow = z.custom<Record<string, unknown>>((value) => typeof value === "object" && value !== null && !Array.isArray(value), {
  message: "Expected a row object.",
});

export const pullResponse = z.object({
  /** When true the client must clear its replica (keeping its outbox) and pull again from 0. */
  reset: z.boolean(),
  cursor: safeInt().nonnegative(),
  hasMore: z.boolean(),
  /**
   * The highest seq of this client the server has consumed, as of this page's snapshot; lower when more
   * than MAX_PULL_OUTCOMES outcomes wait (it then stops before the first outcome not in this answer).
   */
  lastSeq: int32().nonnegative(),
  /** Changed rows, upserted by id. Rows are validated on the client against ENTITY_SCHEMAS. */
  changes: z.array(z.object({ entity: entityName, row: changedRow })),
  deletes: z.array(z.object({ entity: entityName, id: safeText() })),
  /** Rejected or conflicting results of this client with knownSeq < seq <= lastSeq (only with knownSeq). */
  outcomes: z
    .array(z.object({ seq: int32(), id: safeText(), status: z.enum(["rejected", "conflict"]), code: safeText(), message: safeText() }))
    .default([]),
});

export type PullRequest = z.infer<typeof pullRequest>;
export type PullResponse = z.infer<typeof pullResponse>;

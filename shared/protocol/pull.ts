import { z } from "zod";
import { ENTITY_NAMES, type EntityName } from "./entities.js";

export const MAX_PULL_LIMIT = 5000;
export const DEFAULT_PULL_LIMIT = 2000;

export const pullRequest = z.object({
  clientId: z.uuid(),
  schemaVersion: z.number().int().nonnegative(),
  /** The version of the newest change already applied; 0 for an empty replica. */
  cursor: z.number().int().nonnegative(),
  limit: z.number().int().positive().max(MAX_PULL_LIMIT).optional(),
  /**
   * The highest seq whose push answer the client already holds. If a push answer was lost, the pull
   * returns the refusals and conflicts after it, so the client can show them before it drops the
   * confirmed entries: nothing rejected disappears unexplained.
   */
  knownSeq: z.number().int().nonnegative().optional(),
});

const entityName = z.enum(ENTITY_NAMES as [EntityName, ...EntityName[]]);

export const pullResponse = z.object({
  /** When true the client must clear its replica (keeping its outbox) and pull again from 0. */
  reset: z.boolean(),
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
  /** The highest seq of this client the server has consumed, as of this page's snapshot. */
  lastSeq: z.number().int().nonnegative(),
  /** Changed rows, upserted by id. Rows are validated on the client against ENTITY_SCHEMAS. */
  changes: z.array(z.object({ entity: entityName, row: z.record(z.string(), z.unknown()) })),
  deletes: z.array(z.object({ entity: entityName, id: z.string() })),
  /** Rejected or conflicting results of this client with knownSeq < seq <= lastSeq (only with knownSeq). */
  outcomes: z
    .array(z.object({ seq: z.number().int(), id: z.string(), status: z.enum(["rejected", "conflict"]), code: z.string(), message: z.string() }))
    .default([]),
});

export type PullRequest = z.infer<typeof pullRequest>;
export type PullResponse = z.infer<typeof pullResponse>;

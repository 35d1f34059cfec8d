import type { Role } from "../../shared/auth/roles.js";
import type { Tx } from "../db/prisma.js";
import type { EmailEnqueuer } from "../email/outbox.js";

/** What a server mutator knows besides its arguments. Identity comes from the session, never the body. */
export interface MutatorContext {
  tx: Tx;
  practiceId: string;
  userId: string;
  role: Role;
  clientId: string;
  mutationId: string;
  requestId: string;
  /** The practice version every row written by this mutation carries. */
  version: bigint;
  /**
   * Runs `effect` once the mutation has committed (e.g. hand an outbox email to the queue). Dropped if
   * the mutation is rejected or its transaction rolls back, so nothing leaves for a change that never was.
   */
  afterCommit(effect: () => Promise<unknown> | void): void;
  /** Hands committed outbox emails to the queue; absent when running without Redis (the sweep catches up). */
  emails?: EmailEnqueuer;
}

/** A mutator may flag its (applied) result for review, e.g. a count line whose stock moved. */
export type MutatorResult = void | { conflict: { code: string; message: string } };

export type ServerMutator<A> = (ctx: MutatorContext, args: A) => Promise<MutatorResult>;

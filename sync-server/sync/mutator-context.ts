import type { Role } from "../../shared/auth/roles.js";
import type { MutationArgs, MutationName } from "../../shared/mutations/index.js";
import type { Prisma, Tx } from "../db/prisma.js";
import type { EmailEnqueuer } from "../email/outbox.js";
import { writeAudit } from "../audit/audit.js";

/**
 * What a server mutator knows besides its arguments. Identity comes from the session, never the body.
 *
 * The practice lock: push calls nextVersion (sync/versions.ts) before every mutator, and that UPDATE
 * holds the practice's version row until the transaction ends. So every mutator already runs alone
 * among its practice's writers: business checks (last admin, cycles, stock on hand) need no lock of
 * their own, and must not take another one.
 */
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
  /** Records the change in the audit log, in this transaction, tagged with this mutation and request. */
  audit(action: string, entity: string, entityId: string, changes?: Record<string, unknown>): Promise<void>;
}

type ContextFields = Omit<MutatorContext, "audit">;

/** The context push hands a mutator: the given fields plus the kit built on them. */
export function mutatorContext(fields: ContextFields): MutatorContext {
  return {
    ...fields,
    audit: (action, entity, entityId, changes = {}) =>
      writeAudit(fields.tx, {
        practiceId: fields.practiceId, actorId: fields.userId, action, entity, entityId,
        // Mutators pass plain JSON-able values (ids, names, numbers, from/to pairs).
        changes: changes as Prisma.InputJsonObject,
        requestId: fields.requestId, mutationId: fields.mutationId,
      }),
  };
}

/** A mutator may flag its (applied) result for review, e.g. a count line whose stock moved. */
export type MutatorResult = void | { conflict: { code: string; message: string } };

export type ServerMutator<A> = (ctx: MutatorContext, args: A) => Promise<MutatorResult>;

/**
 * One server mutator per shared mutation, each taking exactly that mutation's parsed arguments: a
 * missing, extra or mistyped mutator is a compile error. Injected into push (PushDeps.mutators).
 */
export type ServerMutators = { [N in MutationName]: ServerMutator<MutationArgs<N>> };

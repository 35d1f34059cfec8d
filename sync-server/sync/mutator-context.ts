import type { Role } from "../../shared/auth/roles.js";
import { DomainError } from "../../shared/errors.js";
import type { MutationArgs, MutationName } from "../../shared/mutations/index.js";
import type { Prisma, Tx } from "../db/prisma.js";
import type { EmailEnqueuer } from "../email/outbox.js";
import { writeAudit, type AuditEntry } from "../audit/audit.js";

/**
 * The global product catalogue as a mutator may use it. A mutator's `tx` is the tenant connection, which
 * may only read Product (the API role has no write grant on global tables, by design); the one audited
 * write path (domains/catalogue/global-catalogue.ts) runs on the system connection in its own short
 * transaction. Push hands each mutator this narrow capability, already bound to the practice, user,
 * request and mutation, instead of the system connection itself: a mutator can find or create a product
 * by GTIN and nothing else across tenants.
 *
 * The product commits on its own: if the mutation is then refused (say, a duplicate SKU), the global
 * row stays. That is harmless (a true GTIN → name fact, audited with who caused it) and lets two
 * practices adding the same GTIN at once both succeed.
 */
export interface GlobalCatalogue {
  productForGtin(input: { gtin: string; name: string }): Promise<{ id: string; gtin: string; name: string; created: boolean }>;
  /**
   * The same for many GTINs in ONE system transaction (a batch of item.create from a CSV import), each
   * new product audited against the mutation that named it. Answers product ids by GTIN-14.
   */
  productsForGtins?(inputs: readonly { gtin: string; name: string; mutationId: string }[]): Promise<Map<string, string>>;
}

/** Who a catalogue write is recorded against (the bound part of GlobalCatalogue). */
export interface CatalogueCaller {
  practiceId: string;
  actorId: string;
  requestId: string;
  mutationId: string;
}

/** Builds the bound capability per mutation; the composition root wires it to the system connection. */
export type GlobalCatalogueFactory = (caller: CatalogueCaller) => GlobalCatalogue;

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
  /** The global product catalogue (find or create by GTIN, audited), see GlobalCatalogue. */
  catalogue: GlobalCatalogue;
  /** Records the change in the audit log, in this transaction, tagged with this mutation and request. */
  audit(action: string, entity: string, entityId: string, changes?: Record<string, unknown>): Promise<void>;
}

type ContextFields = Omit<MutatorContext, "audit" | "catalogue"> & {
  catalogue?: GlobalCatalogueFactory;
  /**
   * Where audit entries go instead of one INSERT each: push collects a mutation's entries and writes
   * those of the applied mutations with the chunk's stored results, in the same transaction (a rejected
   * mutation's entries are dropped with its writes).
   */
  auditSink?: (entry: AuditEntry) => void;
};

/** Without a wired catalogue (a push set up for a test that never names a GTIN) a product look-up is a bug, not a refusal: it throws, so nothing is consumed. */
const unwiredCatalogue: GlobalCatalogue = {
  productForGtin: () => Promise.reject(new Error("The global catalogue is not wired into push (PushDeps.catalogue).")),
};

/** The context push hands a mutator: the given fields plus the kit built on them. */
export function mutatorContext({ catalogue, auditSink, ...fields }: ContextFields): MutatorContext {
  return {
    ...fields,
    catalogue: catalogue
      ? catalogue({ practiceId: fields.practiceId, actorId: fields.userId, requestId: fields.requestId, mutationId: fields.mutationId })
      : unwiredCatalogue,
    audit: async (action, entity, entityId, changes = {}) => {
      const entry: AuditEntry = {
        practiceId: fields.practiceId,
        actorId: fields.userId,
        action,
        entity,
        entityId,
        // Mutators pass plain JSON-able values (ids, names, numbers, from/to pairs).
        changes: changes as Prisma.InputJsonObject,
        requestId: fields.requestId,
        mutationId: fields.mutationId,
      };
      if (auditSink) auditSink(entry);
      else await writeAudit(fields.tx, entry);
    },
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

/** One mutation of a run handed to a batch mutator: its own context (mutation id, audit sink) and parsed arguments. */
export interface BatchEntry<A> {
  ctx: MutatorContext;
  args: A;
}

/**
 * Applies a run of consecutive mutations of one name set-based (a few statements for the whole run
 * instead of a few per mutation). Contract: the end state, the audit entries and the results (one per
 * entry, in order) are exactly those of running the single mutator on each entry in order. When any
 * entry would be refused, it throws a DomainError; push then rolls the run back and applies its entries
 * one by one, so each refusal is the single mutator's own and touches only its own mutation.
 */
export type BatchMutator<A> = (entries: readonly BatchEntry<A>[]) => Promise<MutatorResult[]>;

/** What a batch mutator throws for a run it cannot take as a whole (push then applies it one by one). */
export function oneByOne(mutation: string, why: string): DomainError {
  return new DomainError("CONFLICT", `${mutation} run goes one by one: ${why}`);
}

/** The optional batch forms of the hottest mutations (push falls back to ServerMutators for the rest). */
export type ServerBatchMutators = { [N in MutationName]?: BatchMutator<MutationArgs<N>> };

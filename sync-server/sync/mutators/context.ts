import type { Role } from "../../../shared/auth/roles.js";
import type { Tx } from "../../db/prisma.js";

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
}

/** A mutator may flag its (applied) result for review, e.g. a count line whose stock moved. */
export type MutatorResult = void | { conflict: { code: string; message: string } };

export type ServerMutator<A> = (ctx: MutatorContext, args: A) => Promise<MutatorResult>;

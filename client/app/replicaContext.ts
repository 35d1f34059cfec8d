import { createContext, useCallback, useContext } from "react";
import { can, type Permission, type Role } from "../../shared/auth/roles.js";
import { DomainError } from "../../shared/errors.js";
import type { MutationInput, MutationName, RegisteredMutation } from "../../shared/mutations/index.js";
import type { OutboxEntry, ReplicaDb } from "../replica/db.js";
import { enqueueMutation } from "../replica/outbox.js";
import type { SyncEngine } from "../sync/engine.js";

/** The open replica of the signed-in practice, its sync engine and the user's role. */
export interface ReplicaContextValue {
  db: ReplicaDb;
  engine: SyncEngine;
  role: Role;
}

export const ReplicaContext = createContext<ReplicaContextValue | null>(null);

/** The current replica; only valid below ReplicaProvider. */
export function useReplica(): ReplicaContextValue {
  const value = useContext(ReplicaContext);
  if (!value) throw new Error("useReplica() outside ReplicaProvider");
  return value;
}

/** Whether the signed-in role has `permission` (to hide actions it cannot take). */
export function useCan(permission: Permission): boolean {
  return can(useReplica().role, permission);
}

/**
 * Returns `mutate(def, args)`: checks the role, applies the mutation optimistically and queues it (one
 * transaction), then asks the engine to push. Throws DomainError with a message for the user.
 */
export function useMutate(): <N extends MutationName>(def: RegisteredMutation<N>, args: MutationInput<N>) => Promise<OutboxEntry> {
  const { db, engine, role } = useReplica();
  return useCallback(
    async <N extends MutationName>(def: RegisteredMutation<N>, args: MutationInput<N>) => {
      if (!can(role, def.permission)) throw new DomainError("FORBIDDEN", "Your role does not allow this.");
      const entry = await enqueueMutation(db, def, args);
      void engine.requestPush();
      return entry;
    },
    [db, engine, role],
  );
}

import { useLiveQuery } from "dexie-react-hooks";
import { useMemo } from "react";
import { locationArchive, locationCreate, locationUpdate } from "../../../shared/mutations/index.js";
import { locationUnarchive } from "../../../shared/locations/mutations.js";
import type { LocationRow } from "../../../shared/protocol/entities.js";
import { useMutate, useReplica } from "../../app/replicaContext.js";
import { buildLocationTree, pathTo, type LocationNode } from "./tree.js";

/** Every location in the replica (undefined while loading). */
export function useLocations(): LocationRow[] | undefined {
  const { db } = useReplica();
  return useLiveQuery(() => db.location.toArray(), [db]);
}

/** The nested tree (archived hidden unless `includeArchived`). */
export function useLocationTree(includeArchived: boolean): LocationNode[] | undefined {
  const rows = useLocations();
  return useMemo(() => rows && buildLocationTree(rows, includeArchived), [rows, includeArchived]);
}

/** One location and its path from the root; `location` is null when it does not exist (yet). */
export function useLocationWithPath(id: string): { location: LocationRow | null; path: LocationRow[] } | undefined {
  const rows = useLocations();
  return useMemo(() => {
    if (!rows) return undefined;
    const path = pathTo(rows, id);
    return { location: path.at(-1)?.id === id ? path.at(-1)! : null, path };
  }, [rows, id]);
}

/** Location writes. Each validates, applies optimistically, queues and pushes; throws DomainError. */
export function useLocationActions() {
  const mutate = useMutate();
  return useMemo(
    () => ({
      create: (name: string, parentId: string | null) => mutate(locationCreate, { id: crypto.randomUUID(), name, parentId }),
      rename: (id: string, name: string) => mutate(locationUpdate, { id, name }),
      move: (id: string, parentId: string | null) => mutate(locationUpdate, { id, parentId }),
      archive: (id: string) => mutate(locationArchive, { id }),
      unarchive: (id: string) => mutate(locationUnarchive, { id }),
    }),
    [mutate],
  );
}

/** Depth-first list of a tree (for location pickers in other features). */
export { flattenTree } from "./tree.js";

/**
 * The global supplier directory as a practice searches it while adding a supplier. GlobalSupplier is
 * shared by every practice (the API role may read it, never write it) and holds no practice's data, so
 * the search needs no practice scope. strpos, not LIKE: a "%" or "_" typed in the search is a character.
 */
import type { DirectorySupplier } from "../../../shared/api/suppliers.js";
import type { Db } from "../../db/prisma.js";

/** Entries whose name contains `q` (any case): names that start with it first, then in name order. */
export async function searchDirectory(db: Db, q: string, limit: number): Promise<DirectorySupplier[]> {
  return db.$queryRaw<DirectorySupplier[]>`
    SELECT "id"::text AS "id", "name", "website" FROM "GlobalSupplier"
    WHERE strpos(lower("name"), lower(${q}::text)) > 0
    ORDER BY strpos(lower("name"), lower(${q}::text)) <> 1, lower("name"), "id"
    LIMIT ${limit}::int`;
}

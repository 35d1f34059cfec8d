/**
 * A pull page in one statement: its upper version bound, its changed rows and its deletes, the rows
 * written as JSON by PostgreSQL. Loading 2,000 rows into objects through the ORM (a query per table)
 * and serialising them again cost the server about 40 ms of CPU per page, on the cores a tablet's first
 * sync shares with it in the benchmark and other tablets' pushes share in a practice; here the page
 * arrives as one text value that goes out as it is (the pull handler's CPU per 2,000-row page went from
 * about 41 to 18 ms; PostgreSQL spends 10–14 ms on the statement).
 *
 * The bound is the version of the `limit`-th change after the cursor (or the practice's version when
 * fewer remain), and every row up to and including it is returned, so rows written by one mutation (which
 * share a version) never straddle two pages and the next page can safely start after the bound.
 */
import type { Tx } from "../db/prisma.js";
import { BLIND_SCOPE_CTES } from "./blind-stock.js";
import { ENTITY_READERS, type EntityReader } from "./entity-readers.js";
import { ROW, WIRE } from "./wire-sql.js";

export interface PageRequest {
  practiceId: string;
  after: bigint;
  limit: number;
  /** The practice's version in this snapshot: the bound when fewer than `limit` changes remain. */
  version: bigint;
  /** Whether the puller sees a blind count's expected quantities (the admin override). */
  seesExpected: boolean;
}

export interface Page {
  upTo: bigint;
  /** The `{"entity", "row"}` items, comma-separated (their order within a page carries no meaning). */
  changes: string;
  /** The `{"entity", "id"}` deletes as a JSON array. */
  deletes: string;
  /** Whether a row leaves out a figure an app from before blind counts cannot do without. */
  withheld: boolean;
}

// Parameters: $1 practice, $2 after (version), $3 limit, $4 sees expected quantities, $5 the practice's version.

const firstVersions = (table: string) =>
  `(SELECT "version" FROM "${table}" WHERE "practiceId" = $1::uuid AND "version" > $2 ORDER BY "version" LIMIT $3)`;

const inRange = (alias: string) =>
  `${alias}."practiceId" = $1::uuid AND ${alias}."version" > $2 AND ${alias}."version" <= (SELECT "upTo" FROM bound)`;

/** One reader's rows: the wire row is a LATERAL subquery over the table's row, which the planner flattens. */
const rowsOf = (reader: EntityReader) => `
    SELECT '{"entity":"${reader.entity}","row":' || row_to_json(${WIRE})::text || '}' AS j, ${reader.withheld ?? "false"} AS withheld
    FROM "${reader.table}" ${ROW} CROSS JOIN LATERAL (SELECT ${reader.columns.join(", ")}) ${WIRE}
    WHERE ${inRange(ROW)}`;

const PAGE = `WITH RECURSIVE ${BLIND_SCOPE_CTES},
  bound AS (
    SELECT coalesce(
      (SELECT "version" FROM (${[...ENTITY_READERS.map((r) => r.table), "Tombstone"].map(firstVersions).join(" UNION ALL ")}) v ORDER BY "version" OFFSET $3 - 1 LIMIT 1),
      $5::bigint) AS "upTo"
  ),
  page AS (${ENTITY_READERS.map(rowsOf).join("\n    UNION ALL")}
  )
SELECT (SELECT "upTo" FROM bound) AS "upTo",
  (SELECT coalesce(string_agg(j, ','), '') FROM page) AS "changes",
  (SELECT coalesce(bool_or(withheld), false) FROM page) AS "withheld",
  (SELECT coalesce(json_agg(json_build_object('entity', d."entity", 'id', d."entityId")), '[]')::text FROM "Tombstone" d WHERE ${inRange("d")}) AS "deletes"`;

export async function readPage(tx: Tx, req: PageRequest): Promise<Page> {
  const [page] = await tx.$queryRawUnsafe<Page[]>(PAGE, req.practiceId, req.after, req.limit, req.seesExpected, req.version);
  return page!;
}

/**
 * PostgreSQL expressions that give a column its wire form (shared/protocol/entities.ts) inside the pull's
 * JSON-building statement (pull-page.ts): PostgreSQL writes a page's rows as JSON itself, so the server
 * neither loads 2,000 rows into objects nor serialises them again.
 */

/** The alias of the table's row, which every reader's columns refer to. */
export const ROW = "t";

/** The alias of the wire row those columns make (pull-page.ts), for expressions over the result. */
export const WIRE = "r";

/** `t."a", t."b"`: columns that travel as they are stored (text, integers, booleans, uuids, enums, bigint versions). */
export const cols = (...names: string[]): string[] => names.map((n) => `${ROW}."${n}"`);

/** A column under another wire name. */
export const as = (expr: string, name: string): string => `${expr} AS "${name}"`;

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * A `timestamp(3)` column as `Date.toISOString()` writes it: Prisma stores these in UTC without a zone,
 * so the stored digits are UTC already (PostgreSQL's own JSON form would drop the "Z" and trailing zeros).
 */
export const isoUtc = (name: string): string => as(`to_char(${ROW}."${name}", ${ISO})`, name);

/** A `timestamptz(3)` column in UTC, whatever the session's time zone. */
export const isoTz = (name: string): string => as(`to_char(${ROW}."${name}" AT TIME ZONE 'UTC', ${ISO})`, name);

/** A `date` column as YYYY-MM-DD. */
export const day = (name: string): string => as(`to_char(${ROW}."${name}", 'YYYY-MM-DD')`, name);

/**
 * A `Decimal(12,4)` column as its exact text with four decimals ("12.3400"): money never becomes a float,
 * as it would as a JSON number.
 */
export const money = (expr: string, name: string): string => as(`round(${expr}, 4)::text`, name);

/**
 * `npm run db:diff [-- --from <old schema file>]`: prints the SQL that takes the database from the old
 * schema (default: empty) to prisma/schema.prisma. Save it as prisma/migrations/<timestamp>_<name>/migration.sql
 * and append any raw SQL (CHECK constraints, policies) the change needs.
 */
import { readFileSync } from "node:fs";
import { diffSchemas } from "./schema-engine.js";

const fromIndex = process.argv.indexOf("--from");
const fromFile = fromIndex > 0 ? process.argv[fromIndex + 1] : undefined;
const databaseUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const sql = await diffSchemas(fromFile ? readFileSync(fromFile, "utf8") : null, readFileSync("prisma/schema.prisma", "utf8"), databaseUrl);
process.stdout.write(sql);

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL. */
import { migrate } from "./migrate.js";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. Example: DATABASE_URL=postgresql://user@localhost:5432/venzory npm run db:migrate");
  process.exit(1);
}
const { applied } = await migrate(url);
console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.");

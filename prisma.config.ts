// Prisma CLI configuration. The datasource URL is only needed by commands that touch a database;
// `prisma generate` resolves it too, so a placeholder stands in when DATABASE_URL is unset.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/venzory" },
});

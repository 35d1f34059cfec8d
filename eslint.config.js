// Flat ESLint config. typescript-eslint's *non type-checked* rules on purpose: type-aware linting
// re-runs the compiler and roughly triples lint time; `npm run typecheck` covers types.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default defineConfig(
  {
    ignores: ["dist/**", "node_modules/**", "coverage/**", "sync-server/db/generated/**", ".venzory/**", "bench-results/**"],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { console: "readonly", process: "readonly" },
    },
    rules: {
      // `_`-prefixed names mark deliberately unused parameters and destructured leftovers.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    files: ["client/**/*.{ts,tsx}"],
    extends: [reactHooks.configs.flat.recommended],
  },

  // Import boundaries (ARCHITECTURE.md "Dependency direction"). Each block names what its files may not
  // import; a block's no-restricted-imports replaces an earlier one for the same files, so every block
  // repeats the client/server separation it needs.
  {
    // shared/ is used by both sides: it imports only shared/ and zod (vitest in its tests).
    files: ["shared/**/*.ts"],
    ignores: ["shared/**/tools/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^(?!\\.|zod$|vitest$)", message: "shared/ imports only shared/ and zod (it runs in the browser and on the server)." },
            {
              group: ["**/client/**", "**/sync-server/**", "**/test/**", "**/prisma/**", "**/bench/**", "**/scripts/**"],
              message: "shared/ imports only shared/.",
            },
          ],
        },
      ],
    },
  },
  {
    // Features talk to each other through their public surface: a feature's data.ts (and index.ts).
    // Components and helpers stay inside their feature; shared helpers live in client/ui or client/api.
    files: ["client/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [{ group: ["**/sync-server/**", "**/prisma/**"], message: "The client never imports server code." }],
        },
      ],
    },
  },
  {
    files: ["client/features/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/sync-server/**", "**/prisma/**"], message: "The client never imports server code." },
            {
              regex: "^\\.\\./[^./][^/]*/(?!(data|index)\\.js$)",
              message: "Import another feature only through its data.ts or index.ts; move shared helpers to client/ui or client/api.",
            },
            {
              regex: "^\\.\\./\\.\\./features/",
              message: "Import another feature only through its data.ts or index.ts (../<feature>/data.js).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["sync-server/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [{ group: ["**/client/**"], message: "The server never imports client code." }],
        },
      ],
    },
  },
  {
    // Routers validate through their contract and call services: no database access of their own. They
    // may name the Db type to hand a connection to a service, never import the client, transactions or
    // Prisma's generated code, nor call a model on a connection. The composition root and the middleware
    // that must (the guard audits refusals, the error handler classifies database outages) are exempt.
    files: ["sync-server/**/routes/**/*.ts", "sync-server/**/routes.ts", "sync-server/http/**/*.ts"],
    ignores: [
      "**/*.test.ts",
      "sync-server/http/app.ts",
      "sync-server/http/middleware/route-guard.ts",
      "sync-server/http/middleware/errors.ts",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/client/**"], message: "The server never imports client code." },
            {
              group: ["**/db/**", "**/generated/**"],
              allowTypeImports: true,
              message: "Routers do not touch the database: call a service of the domain.",
            },
            { group: ["@prisma/*", "pg"], message: "Routers do not touch the database: call a service of the domain." },
          ],
        },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.type='Identifier'][object.name=/^(db|systemDb|tx|prisma)$/]",
          message: "Routers do not query the database: call a service of the domain.",
        },
        {
          selector: "MemberExpression[object.type='MemberExpression'][object.property.name=/^(db|systemDb|tx|prisma)$/]",
          message: "Routers do not query the database: call a service of the domain.",
        },
      ],
    },
  },
);

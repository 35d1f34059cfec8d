/**
 * The demo practice: an admin, a staff member and a viewer, nested locations, 30 items with GTINs, and
 * opening stock booked through the stock ledger (so the ledger invariant holds from the first row).
 * Idempotent: the practice has a fixed id and is created once. `npm run db:seed` seeds DATABASE_URL; on a
 * fresh clone it first generates the Prisma client (or says which step is missing).
 */
import { pathToFileURL } from "node:url";
import { ensurePrismaClient } from "../scripts/prepare.js";
import { gtinCheckDigit } from "../shared/gs1/gtin.js";
import type { Tx } from "../sync-server/db/prisma.js";
import { DEMO_ITEMS } from "./seed-data.js";

export const DEMO_PRACTICE_ID = "5eed0000-0000-4000-8000-000000000001";
export const DEMO_PASSWORD = "venzory-demo-2026";
export const DEMO_USERS = [
  { email: "admin@demo.venzory.test", name: "Alex Admin", role: "ADMIN" },
  { email: "staff@demo.venzory.test", name: "Sam Staff", role: "STAFF" },
  { email: "viewer@demo.venzory.test", name: "Vic Viewer", role: "VIEWER" },
] as const;

/** A valid GTIN-13 in a demo company prefix, padded to 14 digits for look-up. */
function demoGtin(n: number): string {
  const body = `506000${String(1000 + n).padStart(6, "0")}`;
  return `0${body}${gtinCheckDigit(body)}`;
}

async function addLocations(tx: Tx, practiceId: string, version: bigint) {
  const make = (name: string, parentId: string | null = null) => tx.location.create({ data: { practiceId, name, parentId, version } });
  const main = await make("Main building");
  const store = await make("Storeroom", main.id);
  const shelfA = await make("Shelf A", store.id);
  const shelfB = await make("Shelf B", store.id);
  const fridge = await make("Vaccine fridge", main.id);
  const room1 = await make("Treatment room 1", main.id);
  await make("Treatment room 2", main.id);
  return { shelfA, shelfB, fridge, room1 };
}

export async function seedDemo(databaseUrl: string): Promise<{ practiceId: string; created: boolean }> {
  // Modules that load the generated Prisma client are imported only now, after `ensurePrismaClient`
  // (a fresh clone has none until then; a static import would fail before any code runs).
  await ensurePrismaClient(console.error, { onlyIfMissing: process.env.NODE_ENV === "production" });
  const { createPrisma } = await import("../sync-server/db/prisma.js");
  const { withTransaction } = await import("../sync-server/db/transaction.js");
  const { addMember, createPractice } = await import("../sync-server/domains/accounts/practices.js");
  const { applyStockMovement } = await import("../sync-server/domains/stock/ledger.js");
  const { nextVersion } = await import("../sync-server/sync/versions.js");
  const db = createPrisma(databaseUrl, 2);
  try {
    if (await db.practice.findUnique({ where: { id: DEMO_PRACTICE_ID } })) return { practiceId: DEMO_PRACTICE_ID, created: false };
    await withTransaction(
      db,
      async (tx) => {
        const practice = await createPractice(tx, { id: DEMO_PRACTICE_ID, name: "Riverside Medical Practice" });
        const users = [];
        for (const u of DEMO_USERS) users.push(await addMember(tx, practice.id, { ...u, password: DEMO_PASSWORD }));
        const version = await nextVersion(tx, practice.id);
        const places = await addLocations(tx, practice.id, version);
        for (const [i, spec] of DEMO_ITEMS.entries()) {
          const gtin = demoGtin(i + 1);
          const product = await tx.product.upsert({
            where: { gtin },
            create: { gtin, name: spec.name, manufacturer: spec.manufacturer },
            update: {},
          });
          const item = await tx.item.create({
            data: {
              practiceId: practice.id,
              productId: product.id,
              name: spec.name,
              sku: `RMP-${String(i + 1).padStart(3, "0")}`,
              unit: spec.unit,
              packSize: spec.packSize,
              reorderPoint: spec.reorderPoint,
              reorderQuantity: spec.reorderPoint * 2,
              batchTracked: spec.batchTracked ?? false,
              version,
            },
          });
          const isVaccine = /vaccine/i.test(spec.name);
          const batch = spec.batchTracked
            ? await tx.batch.create({
                data: {
                  practiceId: practice.id,
                  itemId: item.id,
                  lot: `L${2600 + i}A`,
                  expiryDate: new Date(Date.UTC(2027, i % 12, 28)),
                  version,
                },
              })
            : null;
          const locationId = isVaccine
            ? places.fridge.id
            : i % 3 === 0
              ? places.room1.id
              : i % 2 === 0
                ? places.shelfA.id
                : places.shelfB.id;
          if (i % 7 === 6) continue; // a few items with no stock yet
          await applyStockMovement(tx, {
            practiceId: practice.id,
            locationId,
            itemId: item.id,
            batchId: batch?.id ?? null,
            kind: "RECEIPT",
            delta: spec.reorderPoint + 3 + (i % 5),
            reason: "Opening balance",
            reference: "demo-seed",
            actorId: users[0]!.id,
            mutationId: null,
            version,
          });
        }
      },
      { timeoutMs: 60_000 },
    );
    return { practiceId: DEMO_PRACTICE_ID, created: true };
  } finally {
    await db.$disconnect();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set. Example: DATABASE_URL=postgresql://user@localhost:5432/venzory npm run db:seed");
    process.exit(1);
  }
  try {
    const { created } = await seedDemo(url);
    console.log(created ? "Demo practice created." : "Demo practice already present.");
  } catch (err) {
    console.error(`Seeding failed: ${(err as Error).message}`);
    process.exit(1);
  }
}

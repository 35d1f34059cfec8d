/**
 * The one way a practice adds to the global catalogue. The API's database role (venzory_app) may only
 * read Product and GlobalSupplier (see migration 20261201120000_hardened_schema), so a mutator cannot
 * write a global row by accident; this service runs on the system connection (venzory_system) and
 * records who caused each new global row in the audit log, in the same transaction.
 */
import { isValidGtin, toGtin14 } from "../../../shared/gs1/gtin.js";
import { DomainError } from "../../../shared/errors.js";
import type { Db } from "../../db/prisma.js";
import { withTransaction } from "../../db/transaction.js";
import { insertAuditSql, writeAudit } from "../../audit/audit.js";
import type { GlobalCatalogueFactory } from "../../sync/mutator-context.js";

export interface NewProduct {
  gtin: string;
  name: string;
  manufacturer?: string | null;
}

/** Who asked: the practice and person on whose behalf the global row is written. */
export interface CatalogueAuditMeta {
  practiceId: string;
  actorId: string | null;
  requestId?: string | null;
  mutationId?: string | null;
  ip?: string | null;
}

export interface CatalogueProduct {
  id: string;
  gtin: string;
  name: string;
  manufacturer: string | null;
}

const NAME_MAX = 200;

/**
 * The product with this GTIN, created if the catalogue does not have it yet. An existing product keeps
 * its name: the first practice to scan a GTIN does not get to rename it for everyone later.
 * `systemDb` must be the venzory_system connection; on the API's connection the insert is refused.
 */
export async function createOrFindProduct(
  systemDb: Db,
  input: NewProduct,
  meta: CatalogueAuditMeta,
): Promise<{ product: CatalogueProduct; created: boolean }> {
  const code = input.gtin.trim();
  if (!isValidGtin(code)) throw new DomainError("VALIDATION_FAILED", "That is not a valid GTIN (barcode number).", { field: "gtin" });
  const name = input.name.trim();
  if (name.length === 0 || name.length > NAME_MAX)
    throw new DomainError("VALIDATION_FAILED", `A product name needs 1 to ${NAME_MAX} characters.`, { field: "name" });
  const gtin = toGtin14(code);
  const manufacturer = input.manufacturer?.trim() || null;

  return withTransaction(systemDb, async (tx) => {
    // ON CONFLICT DO NOTHING: two practices scanning the same new GTIN at once both end with one row.
    const { count } = await tx.product.createMany({ data: { gtin, name, manufacturer }, skipDuplicates: true });
    const product = await tx.product.findUniqueOrThrow({
      where: { gtin },
      select: { id: true, gtin: true, name: true, manufacturer: true },
    });
    const created = count === 1;
    if (created) {
      await writeAudit(tx, {
        practiceId: meta.practiceId,
        actorId: meta.actorId,
        action: "catalogue.product_created",
        entity: "product",
        entityId: product.id,
        changes: { gtin, name, manufacturer },
        requestId: meta.requestId ?? null,
        mutationId: meta.mutationId ?? null,
        ip: meta.ip ?? null,
      });
    }
    return { product, created };
  });
}

/**
 * Many products at once (the GTINs of a batch of item.create), in one system transaction of four
 * statements instead of one transaction each: insert the missing ones (ON CONFLICT DO NOTHING, as above),
 * read every id back, audit the new ones. Each input's GTIN must be a valid GTIN-14 already and appear
 * once. Answers product ids by GTIN-14.
 */
export async function createOrFindProducts(
  systemDb: Db,
  inputs: readonly { gtin: string; name: string; mutationId: string | null }[],
  meta: Omit<CatalogueAuditMeta, "mutationId">,
): Promise<Map<string, string>> {
  for (const input of inputs) {
    if (!isValidGtin(input.gtin) || input.gtin.length !== 14)
      throw new DomainError("VALIDATION_FAILED", "That is not a valid GTIN (barcode number).", { field: "gtin" });
    const length = input.name.trim().length;
    if (length === 0 || length > NAME_MAX)
      throw new DomainError("VALIDATION_FAILED", `A product name needs 1 to ${NAME_MAX} characters.`, { field: "name" });
  }
  if (inputs.length === 0) return new Map();
  const gtins = inputs.map((i) => i.gtin);
  return withTransaction(systemDb, async (tx) => {
    const created = await tx.$queryRaw<{ id: string; gtin: string }[]>`
      INSERT INTO "Product" ("id", "gtin", "name", "updatedAt")
      SELECT gen_random_uuid(), g, n, now() FROM unnest(${gtins}::text[], ${inputs.map((i) => i.name.trim())}::text[]) AS x(g, n)
      ON CONFLICT ("gtin") DO NOTHING
      RETURNING "id"::text AS "id", "gtin"`;
    const all = await tx.$queryRaw<{ id: string; gtin: string }[]>`
      SELECT "id"::text AS "id", "gtin" FROM "Product" WHERE "gtin" = ANY(${gtins}::text[])`;
    const byGtin = new Map(inputs.map((i) => [i.gtin, i]));
    if (created.length) {
      await tx.$executeRaw(
        insertAuditSql(
          created.map((p) => ({
            practiceId: meta.practiceId,
            actorId: meta.actorId,
            action: "catalogue.product_created",
            entity: "product",
            entityId: p.id,
            changes: { gtin: p.gtin, name: byGtin.get(p.gtin)!.name.trim(), manufacturer: null },
            requestId: meta.requestId ?? null,
            mutationId: byGtin.get(p.gtin)!.mutationId,
            ip: meta.ip ?? null,
          })),
        ),
      );
    }
    return new Map(all.map((p) => [p.gtin, p.id]));
  });
}

/**
 * The push-side capability (sync/mutator-context.ts GlobalCatalogue) over this service: each mutation
 * gets one bound to its practice, user, request and mutation, so the audit row names them.
 */
export function globalCatalogue(systemDb: Db): GlobalCatalogueFactory {
  return (caller) => ({
    async productForGtin(input) {
      const { product, created } = await createOrFindProduct(systemDb, input, {
        practiceId: caller.practiceId,
        actorId: caller.actorId,
        requestId: caller.requestId,
        mutationId: caller.mutationId,
      });
      return { id: product.id, gtin: product.gtin, name: product.name, created };
    },
    productsForGtins(inputs) {
      return createOrFindProducts(systemDb, inputs, {
        practiceId: caller.practiceId,
        actorId: caller.actorId,
        requestId: caller.requestId,
      });
    },
  });
}

/** The global product with this GTIN, if the catalogue has one (read-only; the tenant connection may read Product). */
export async function findProductByGtin(db: Db, code: string): Promise<CatalogueProduct | null> {
  if (!isValidGtin(code)) throw new DomainError("VALIDATION_FAILED", "That is not a valid GTIN (barcode number).", { field: "gtin" });
  return db.product.findUnique({ where: { gtin: toGtin14(code) }, select: { id: true, gtin: true, name: true, manufacturer: true } });
}

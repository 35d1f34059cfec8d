/** Server side of order templates (a practice supplier's recurring list) and the practice's ordering settings. */
import { assertItemActive } from "../../../shared/catalogue/rules.js";
import { DomainError } from "../../../shared/errors.js";
import type { MutationArgs } from "../../../shared/mutations/index.js";
import { assertDistinctItems } from "../../../shared/orders/lines.js";
import { assertSupplierActive } from "../../../shared/suppliers/rules.js";
import { DEFAULT_OVER_RECEIPT_TOLERANCE_PERCENT } from "../../../shared/receiving/tolerance.js";
import { USAGE_WINDOW_WEEKS_DEFAULT } from "../../../shared/orders/template-mutations.js";
import type { MutatorContext } from "../../sync/mutator-context.js";
import { suppliersRepo } from "../suppliers/repository.js";
import { ordersRepo } from "./repository.js";

type Lines = MutationArgs<"orderTemplate.create">["lines"];

async function template(ctx: MutatorContext, id: string) {
  const row = await ctx.tx.orderTemplate.findFirst({
    where: { practiceId: ctx.practiceId, id },
    select: { id: true, name: true, practiceSupplierId: true },
  });
  if (!row) throw new DomainError("NOT_FOUND", "Template not found.");
  return row;
}

async function assertNameFree(ctx: MutatorContext, name: string, selfId: string) {
  const clash = await ctx.tx.orderTemplate.findFirst({
    where: { practiceId: ctx.practiceId, name, id: { not: selfId } },
    select: { id: true },
  });
  if (clash) throw new DomainError("ALREADY_EXISTS", `A template named "${name}" already exists.`, { field: "name" });
}

/** Replaces the template's lines (tombstones for the old ones). */
async function replaceLines(ctx: MutatorContext, templateId: string, supplierId: string | null, lines: Lines) {
  assertDistinctItems(lines);
  (
    await ordersRepo(ctx.tx).activeItems(
      ctx.practiceId,
      lines.map((l) => l.itemId),
    )
  ).forEach((item) => assertItemActive(item));
  const old = await ctx.tx.orderTemplateItem.findMany({ where: { practiceId: ctx.practiceId, templateId }, select: { id: true } });
  if (old.length) {
    await ctx.tx.orderTemplateItem.deleteMany({ where: { practiceId: ctx.practiceId, templateId } });
    await ctx.tx.tombstone.createMany({
      data: old
        .filter((o) => !lines.some((l) => l.id === o.id))
        .map((o) => ({ practiceId: ctx.practiceId, entity: "orderTemplateItem", entityId: o.id, version: ctx.version })),
    });
  }
  await ctx.tx.orderTemplateItem.createMany({
    data: lines.map((l) => ({
      id: l.id,
      practiceId: ctx.practiceId,
      templateId,
      itemId: l.itemId,
      practiceSupplierId: supplierId,
      quantity: l.quantity,
      version: ctx.version,
    })),
  });
}

export async function createTemplate(ctx: MutatorContext, args: MutationArgs<"orderTemplate.create">) {
  assertSupplierActive(await suppliersRepo(ctx.tx).get(ctx.practiceId, args.supplierId));
  await assertNameFree(ctx, args.name, args.id);
  await ctx.tx.orderTemplate.create({
    data: { id: args.id, practiceId: ctx.practiceId, practiceSupplierId: args.supplierId, name: args.name, version: ctx.version },
  });
  await replaceLines(ctx, args.id, args.supplierId, args.lines);
  await ctx.audit("orderTemplate.create", "orderTemplate", args.id, {
    name: args.name,
    supplierId: args.supplierId,
    lines: args.lines.length,
  });
}

export async function updateTemplate(ctx: MutatorContext, args: MutationArgs<"orderTemplate.update">) {
  const row = await template(ctx, args.templateId);
  if (args.name !== undefined) await assertNameFree(ctx, args.name, row.id);
  await ctx.tx.orderTemplate.updateMany({
    where: { practiceId: ctx.practiceId, id: row.id },
    data: { ...(args.name !== undefined && { name: args.name }), version: ctx.version },
  });
  if (args.lines) await replaceLines(ctx, row.id, row.practiceSupplierId, args.lines);
  await ctx.audit("orderTemplate.update", "orderTemplate", row.id, {
    ...(args.name !== undefined && { name: { from: row.name, to: args.name } }),
    ...(args.lines && { lines: args.lines.length }),
  });
}

export async function deleteTemplate(ctx: MutatorContext, args: MutationArgs<"orderTemplate.delete">) {
  const row = await template(ctx, args.templateId);
  const lines = await ctx.tx.orderTemplateItem.findMany({
    where: { practiceId: ctx.practiceId, templateId: row.id },
    select: { id: true },
  });
  await ctx.tx.orderTemplate.deleteMany({ where: { practiceId: ctx.practiceId, id: row.id } });
  await ctx.tx.tombstone.createMany({
    data: [
      { practiceId: ctx.practiceId, entity: "orderTemplate", entityId: row.id, version: ctx.version },
      ...lines.map((l) => ({ practiceId: ctx.practiceId, entity: "orderTemplateItem", entityId: l.id, version: ctx.version })),
    ],
  });
  await ctx.audit("orderTemplate.delete", "orderTemplate", row.id, { name: row.name });
}

export async function setOrderSettings(ctx: MutatorContext, args: MutationArgs<"orderSettings.set">) {
  const { practiceId } = ctx;
  const before = await ctx.tx.stockSettings.findUnique({
    where: { practiceId },
    select: { overReceiptTolerancePercent: true, usageWindowWeeks: true },
  });
  const values = {
    overReceiptTolerancePercent: args.overReceiptTolerancePercent,
    usageWindowWeeks: args.usageWindowWeeks,
    version: ctx.version,
  };
  await ctx.tx.stockSettings.upsert({ where: { practiceId }, create: { practiceId, ...values }, update: values });
  await ctx.audit("orderSettings.set", "stockSettings", practiceId, {
    overReceiptTolerancePercent: {
      from: before?.overReceiptTolerancePercent ?? DEFAULT_OVER_RECEIPT_TOLERANCE_PERCENT,
      to: args.overReceiptTolerancePercent,
    },
    usageWindowWeeks: { from: before?.usageWindowWeeks ?? USAGE_WINDOW_WEEKS_DEFAULT, to: args.usageWindowWeeks },
  });
}

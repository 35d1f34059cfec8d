/**
 * Order templates (a practice supplier's recurring list, drafted into an order in one tap: the client
 * sends order.create with the template's lines) and the practice's ordering settings.
 */
import { z } from "zod";
import { safeText } from "../validation/text.js";
import { assertItemActive } from "../catalogue/rules.js";
import { assertSupplierActive } from "../suppliers/rules.js";
import { defineMutation, type ReplicaTx } from "../mutations/define.js";
import { MAX_OVER_RECEIPT_TOLERANCE_PERCENT } from "../receiving/tolerance.js";
import { assertDistinctItems, MAX_ORDER_LINES, orderLineArgs } from "./lines.js";

export const TEMPLATE_NAME_MAX = 100;
export const USAGE_WINDOW_WEEKS_DEFAULT = 8;
export const USAGE_WINDOW_WEEKS_MAX = 52;

const templateName = safeText().trim().min(1, "Name the template").max(TEMPLATE_NAME_MAX);
const templateLines = z.array(orderLineArgs).min(1, "A template lists at least one item").max(MAX_ORDER_LINES);

async function putTemplateLines(tx: ReplicaTx, templateId: string, lines: z.output<typeof templateLines>) {
  assertDistinctItems(lines);
  for (const old of await tx.where("orderTemplateItem", { templateId })) await tx.delete("orderTemplateItem", old.id);
  for (const line of lines) {
    assertItemActive(await tx.get("item", line.itemId));
    await tx.put("orderTemplateItem", { id: line.id, version: 0, templateId, itemId: line.itemId, quantity: line.quantity });
  }
}

export const orderTemplateCreate = defineMutation({
  name: "orderTemplate.create",
  permission: "orders.manage",
  args: z.object({ id: z.uuid(), name: templateName, supplierId: z.uuid(), lines: templateLines }),
  async applyClient(tx, args) {
    assertSupplierActive(await tx.get("supplier", args.supplierId));
    await tx.put("orderTemplate", { id: args.id, version: 0, supplierId: args.supplierId, name: args.name });
    await putTemplateLines(tx, args.id, args.lines);
  },
});

/** Renames a template and/or replaces its lines (omitted = unchanged). */
export const orderTemplateUpdate = defineMutation({
  name: "orderTemplate.update",
  permission: "orders.manage",
  args: z.object({ templateId: z.uuid(), name: templateName.optional(), lines: templateLines.optional() }),
  async applyClient(tx, args) {
    const template = await tx.get("orderTemplate", args.templateId);
    if (template && args.name !== undefined) await tx.put("orderTemplate", { ...template, name: args.name });
    if (args.lines) await putTemplateLines(tx, args.templateId, args.lines);
  },
});

export const orderTemplateDelete = defineMutation({
  name: "orderTemplate.delete",
  permission: "orders.manage",
  args: z.object({ templateId: z.uuid() }),
  async applyClient(tx, args) {
    for (const line of await tx.where("orderTemplateItem", { templateId: args.templateId })) await tx.delete("orderTemplateItem", line.id);
    await tx.delete("orderTemplate", args.templateId);
  },
});

/** The practice's over-receipt tolerance and the weeks of usage suggested orders look at. */
export const orderSettingsSet = defineMutation({
  name: "orderSettings.set",
  permission: "practice.manage",
  args: z.object({
    overReceiptTolerancePercent: z
      .number()
      .int("A whole percent")
      .min(0, "At least 0 %")
      .max(MAX_OVER_RECEIPT_TOLERANCE_PERCENT, `At most ${MAX_OVER_RECEIPT_TOLERANCE_PERCENT} %`),
    usageWindowWeeks: z
      .number()
      .int("Whole weeks")
      .min(1, "At least 1 week")
      .max(USAGE_WINDOW_WEEKS_MAX, `At most ${USAGE_WINDOW_WEEKS_MAX} weeks`),
  }),
  async applyClient(tx, args) {
    const current = (await tx.all("stockSettings"))[0];
    await tx.put("stockSettings", {
      expiryHorizonDays: 90,
      ...current,
      id: current?.id ?? tx.newId(),
      version: current?.version ?? 0,
      overReceiptTolerancePercent: args.overReceiptTolerancePercent,
      usageWindowWeeks: args.usageWindowWeeks,
    });
  },
});

export const ORDER_TEMPLATE_MUTATIONS = {
  [orderTemplateCreate.name]: orderTemplateCreate,
  [orderTemplateUpdate.name]: orderTemplateUpdate,
  [orderTemplateDelete.name]: orderTemplateDelete,
  [orderSettingsSet.name]: orderSettingsSet,
};

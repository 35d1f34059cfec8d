/**
 * The onboarding checklist. Progress comes from the practice's data where it can (a location exists, a
 * colleague was invited, …) and otherwise from explicit marks stored in `Practice.onboarding`, so the
 * checklist never disagrees with what the practice actually did. Shown until every step is done or an
 * admin dismisses it.
 */
import { z } from "zod";
import { ONBOARDING_STEPS, type OnboardingStepId } from "../../../shared/accounts/rules.js";
import type { Db, Tx } from "../../db/prisma.js";

const stored = z.object({
  dismissedAt: z.string().optional(),
  completed: z.record(z.string(), z.string()).optional(),
});
type Stored = z.infer<typeof stored>;

function read(json: unknown): Stored {
  const parsed = stored.safeParse(json);
  return parsed.success ? parsed.data : {};
}

async function derived(db: Db | Tx, practiceId: string): Promise<Record<OnboardingStepId, boolean>> {
  const [locations, invites, members, suppliers, items, counts, practice] = await Promise.all([
    db.location.count({ where: { practiceId, archived: false } }),
    db.invite.count({ where: { practiceId } }),
    db.membership.count({ where: { practiceId } }),
    db.practiceSupplier.count({ where: { practiceId } }),
    db.item.count({ where: { practiceId } }),
    db.countSession.count({ where: { practiceId, status: "COMPLETED" } }),
    db.practice.findUniqueOrThrow({ where: { id: practiceId }, select: { addressLine: true } }),
  ]);
  return {
    details: Boolean(practice.addressLine),
    location: locations > 0,
    invite: invites > 0 || members > 1,
    supplier: suppliers > 0,
    items: items > 0,
    count: counts > 0,
  };
}

export async function onboardingStatus(db: Db | Tx, practiceId: string) {
  const practice = await db.practice.findUniqueOrThrow({ where: { id: practiceId }, select: { onboarding: true } });
  const marks = read(practice.onboarding);
  const fromData = await derived(db, practiceId);
  const steps = ONBOARDING_STEPS.map((s) => ({ id: s.id, label: s.label, done: fromData[s.id] || Boolean(marks.completed?.[s.id]) }));
  const completedCount = steps.filter((s) => s.done).length;
  const dismissed = Boolean(marks.dismissedAt);
  return { steps, dismissed, completedCount, total: steps.length, visible: !dismissed && completedCount < steps.length };
}

/** Applies a change to the stored marks (under the caller's transaction and the practice lock). */
export async function updateOnboarding(tx: Tx, practiceId: string, change: { dismiss: true } | { complete: OnboardingStepId }) {
  const practice = await tx.practice.findUniqueOrThrow({ where: { id: practiceId }, select: { onboarding: true } });
  const marks = read(practice.onboarding);
  const now = new Date().toISOString();
  const next: Stored =
    "dismiss" in change
      ? { ...marks, dismissedAt: marks.dismissedAt ?? now }
      : { ...marks, completed: { ...marks.completed, [change.complete]: marks.completed?.[change.complete] ?? now } };
  await tx.practice.update({ where: { id: practiceId }, data: { onboarding: next } });
}

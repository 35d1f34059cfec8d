/**
 * The onboarding checklist (GET /api/onboarding). Dismissing and ticking steps are mutations pushed
 * through the outbox; until the push answers, the screen shows them as already done.
 */
import { z } from "zod";
import { ONBOARDING_STEP_IDS, type OnboardingStepId } from "../../../shared/accounts/rules.js";
import type { ApiClient } from "../../api/http.js";

export const onboardingSchema = z.object({
  steps: z.array(z.object({ id: z.enum(ONBOARDING_STEP_IDS), label: z.string(), done: z.boolean() })),
  dismissed: z.boolean(),
  completedCount: z.number().int(),
  total: z.number().int(),
  visible: z.boolean(),
});
export type OnboardingStatus = z.infer<typeof onboardingSchema>;

export const fetchOnboarding = (api: ApiClient): Promise<OnboardingStatus> => api.get("/api/onboarding", onboardingSchema);

/** Where the app helps with a step, if anywhere yet. */
export const STEP_LINKS: Partial<Record<OnboardingStepId, string>> = { details: "#/account", location: "#/locations", invite: "#/members" };

export interface ChecklistView {
  visible: boolean;
  done: number;
  total: number;
  /** 0–100, rounded. */
  percent: number;
  summary: string;
  steps: { id: OnboardingStepId; label: string; done: boolean; next: boolean; href?: string }[];
}

/**
 * What the checklist shows, with local marks (steps ticked or a dismissal still in the outbox) laid over
 * the server's answer. Hidden once dismissed or complete; the first open step is the "next" one.
 */
export function checklistView(status: OnboardingStatus, local: { dismissed: boolean; ticked: ReadonlySet<OnboardingStepId> }): ChecklistView {
  const steps = status.steps.map((s) => ({ id: s.id, label: s.label, done: s.done || local.ticked.has(s.id), href: STEP_LINKS[s.id] }));
  const done = steps.filter((s) => s.done).length;
  const total = steps.length;
  const nextId = steps.find((s) => !s.done)?.id;
  return {
    visible: !status.dismissed && !local.dismissed && done < total,
    done,
    total,
    percent: total === 0 ? 100 : Math.round((done / total) * 100),
    summary: `${done} of ${total} steps done`,
    steps: steps.map((s) => ({ ...s, next: s.id === nextId })),
  };
}

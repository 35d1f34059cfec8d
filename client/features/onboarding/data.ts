/**
 * The onboarding checklist (GET /api/onboarding). Dismissing and ticking steps are mutations pushed
 * through the outbox; until the push answers, the screen shows them as already done.
 */
import type { OnboardingStepId } from "../../../shared/accounts/rules.js";
import type { ContractResult } from "../../../shared/api/define.js";
import { onboarding } from "../../../shared/api/practice.js";
import type { ApiClient } from "../../api/http.js";

export type OnboardingStatus = ContractResult<typeof onboarding>;

export const fetchOnboarding = (api: ApiClient): Promise<OnboardingStatus> => api.call(onboarding);

type StepHref = "/account" | "/locations" | "/members" | "/suppliers/new" | "/items/new" | "/counts";

/** Where the app does each step: every step the checklist asks for has a screen to do it on. */
export const STEP_LINKS: Record<OnboardingStepId, StepHref> = {
  details: "/account",
  location: "/locations",
  invite: "/members",
  supplier: "/suppliers/new",
  items: "/items/new",
  count: "/counts",
};

export interface ChecklistView {
  visible: boolean;
  done: number;
  total: number;
  /** 0–100, rounded. */
  percent: number;
  summary: string;
  steps: { id: OnboardingStepId; label: string; done: boolean; next: boolean; href: StepHref }[];
}

/**
 * What the checklist shows, with local marks (steps ticked or a dismissal still in the outbox) laid over
 * the server's answer. Hidden once dismissed or complete; the first open step is the "next" one.
 */
export function checklistView(
  status: OnboardingStatus,
  local: { dismissed: boolean; ticked: ReadonlySet<OnboardingStepId> },
): ChecklistView {
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

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { onboarding } from "../../../shared/api/practice.js";
import { ONBOARDING_STEPS } from "../../../shared/accounts/rules.js";
import { checklistView, STEP_LINKS, type OnboardingStatus } from "./data.js";

const onboardingSchema = onboarding.response;

const answer: OnboardingStatus = onboardingSchema.parse({
  steps: [
    { id: "details", label: "Add your practice details", done: false },
    { id: "location", label: "Create your first storage location", done: true },
    { id: "invite", label: "Invite a colleague", done: false },
  ],
  dismissed: false,
  completedCount: 1,
  total: 3,
  visible: true,
});

describe("onboarding checklist", () => {
  it("counts progress and points at the first open step", () => {
    const view = checklistView(answer, { dismissed: false, ticked: new Set() });
    expect(view).toMatchObject({ visible: true, done: 1, total: 3, percent: 33, summary: "1 of 3 steps done" });
    expect(view.steps.map((s) => [s.id, s.done, s.next])).toEqual([
      ["details", false, true],
      ["location", true, false],
      ["invite", false, false],
    ]);
    expect(view.steps.find((s) => s.id === "invite")?.href).toBe("/members");
  });

  it("lays steps ticked locally over the answer and hides when all are done or it is dismissed", () => {
    expect(checklistView(answer, { dismissed: false, ticked: new Set(["details"]) }).steps[2]?.next).toBe(true);
    expect(checklistView(answer, { dismissed: false, ticked: new Set(["details", "invite"]) }).visible).toBe(false);
    expect(checklistView(answer, { dismissed: true, ticked: new Set() }).visible).toBe(false);
    expect(checklistView({ ...answer, dismissed: true }, { dismissed: false, ticked: new Set() }).visible).toBe(false);
  });

  it("links every step to the screen where the app does it (the checklist promises nothing the app lacks)", () => {
    // The router itself needs a browser (it reads window.location on import): read its paths from the source.
    const routesSource = readFileSync(new URL("../../app/routes.tsx", import.meta.url), "utf8");
    const paths = new Set([...routesSource.matchAll(/\bpath: "([^"]+)"/g)].map((m) => m[1]));
    for (const { id } of ONBOARDING_STEPS) {
      const href = STEP_LINKS[id];
      expect(href, id).toBeDefined();
      expect(paths.has(href!), `${id} → ${href}`).toBe(true);
    }
  });

  it("refuses an answer with an unknown step", () => {
    expect(onboardingSchema.safeParse({ ...answer, steps: [{ id: "nope", label: "x", done: false }] }).success).toBe(false);
  });
});

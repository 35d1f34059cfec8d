import { Link } from "@tanstack/react-router";
import { useCallback, useState } from "react";
import type { OnboardingStepId } from "../../../shared/accounts/rules.js";
import { onboardingComplete, onboardingDismiss } from "../../../shared/accounts/mutations.js";
import { api } from "../../api/client.js";
import { useCan, useMutate } from "../../app/replicaContext.js";
import { FormError } from "../../ui/FormError.js";
import { describeError } from "../../api/describeError.js";
import { useServerData } from "../../ui/useServerData.js";
import { useReloadWhenSynced } from "../sync/data.js";
import { checklistView, fetchOnboarding } from "./data.js";

/** The getting-started checklist on the home screen, for admins, until done or dismissed. */
export function OnboardingChecklist() {
  const canManage = useCan("practice.manage");
  if (!canManage) return null;
  return <Checklist />;
}

function Checklist() {
  const load = useCallback(() => fetchOnboarding(api), []);
  const { state, reload } = useServerData(load);
  useReloadWhenSynced(reload);
  const mutate = useMutate();
  const [ticked, setTicked] = useState<ReadonlySet<OnboardingStepId>>(new Set());
  const [dismissed, setDismissed] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Offline or failing: the checklist is a helper, the home screen works without it.
  if (state.status !== "ready") return null;
  const view = checklistView(state.data, { dismissed, ticked });
  if (!view.visible) return null;

  async function tick(step: OnboardingStepId) {
    setError(null);
    try {
      await mutate(onboardingComplete, { step });
      setTicked((t) => new Set([...t, step]));
    } catch (err) {
      setError(describeError(err));
    }
  }

  async function dismiss() {
    setError(null);
    try {
      await mutate(onboardingDismiss, {});
      setDismissed(true);
    } catch (err) {
      setError(describeError(err));
    }
  }

  return (
    <section className="card onboarding" aria-labelledby="onboarding-title" data-testid="onboarding">
      <div className="screen-header">
        <h2 id="onboarding-title">Get started</h2>
        <button type="button" className="link-button" onClick={() => void dismiss()}>
          Hide checklist
        </button>
      </div>
      <label htmlFor="onboarding-progress">{view.summary}</label>
      <progress id="onboarding-progress" max={view.total} value={view.done}>
        {view.percent}%
      </progress>
      <ol className="checklist">
        {view.steps.map((s) => (
          <li key={s.id} data-step={s.id} data-done={s.done} className={s.done ? "done" : s.next ? "next" : undefined}>
            <span aria-hidden="true">{s.done ? "✓" : "○"}</span>
            {!s.done ? <Link to={s.href}>{s.label}</Link> : <span>{s.label}</span>}
            {s.done ? (
              <span className="visually-hidden"> (done)</span>
            ) : (
              <button type="button" className="link-button" onClick={() => void tick(s.id)} aria-label={`Mark done: ${s.label}`}>
                Mark done
              </button>
            )}
          </li>
        ))}
      </ol>
      <FormError message={error} />
    </section>
  );
}

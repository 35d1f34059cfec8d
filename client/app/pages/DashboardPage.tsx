import { useCan } from "../replicaContext.js";
import { Dashboard } from "../../features/dashboard/Dashboard.js";
import { LocationsScreen } from "../../features/locations/LocationsScreen.js";
import { OnboardingChecklist } from "../../features/onboarding/OnboardingChecklist.js";

/** "/": the getting-started checklist (admins), the stock overview for managers, then the location tree. */
export function DashboardPage() {
  const isManager = useCan("practice.manage");
  return (
    <>
      <OnboardingChecklist />
      {isManager && <Dashboard />}
      <LocationsScreen />
    </>
  );
}

import { LocationsScreen } from "../../features/locations/LocationsScreen.js";
import { OnboardingChecklist } from "../../features/onboarding/OnboardingChecklist.js";

/** "/": the getting-started checklist (admins) and the location tree. */
export function LocationsPage() {
  return (
    <>
      <OnboardingChecklist />
      <LocationsScreen />
    </>
  );
}

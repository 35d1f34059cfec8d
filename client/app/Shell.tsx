import { useEffect } from "react";
import { AccountScreen } from "../features/account/AccountScreen.js";
import { PracticeSwitcher } from "../features/account/PracticeSwitcher.js";
import { InventoryScreen } from "../features/inventory/InventoryScreen.js";
import { LocationsScreen } from "../features/locations/LocationsScreen.js";
import { MembersScreen } from "../features/members/MembersScreen.js";
import { OnboardingChecklist } from "../features/onboarding/OnboardingChecklist.js";
import { useOwnerAccess } from "../features/owner/data.js";
import { OwnerConsole } from "../features/owner/OwnerConsole.js";
import { useEngineState, useSyncOverview } from "../features/sync/data.js";
import { SyncStatus } from "../features/sync/SyncStatus.js";
import type { Identity } from "../features/auth/identity.js";
import { UpdateBanner } from "../pwa/UpdateBanner.js";
import { hrefFor, useRoute, type Route } from "../ui/router.js";

interface Props {
  identity: Identity;
  onLogout: () => void;
  /** Sync hit a 401: the caller shows the login screen (local data stays). */
  onSessionEnded: (notice: string) => void;
  /** The session moved to another practice: the caller reopens the app on it. */
  onSwitched: (identity: Identity) => void;
}

/** Top bar (practice, navigation, sync status, sign out) and the current screen. */
export function Shell({ identity, onLogout, onSessionEnded, onSwitched }: Props) {
  const route = useRoute();
  const { blocked } = useEngineState();
  const { pending } = useSyncOverview();
  const isOwner = useOwnerAccess(identity.user.id);

  useEffect(() => {
    if (blocked?.kind === "auth") onSessionEnded(blocked.message);
  }, [blocked, onSessionEnded]);

  const link = (to: Route, label: string) => (
    <a href={hrefFor(to)} aria-current={route.name === to.name ? "page" : undefined}>
      {label}
    </a>
  );

  return (
    <>
      <header className="topbar">
        <a className="brand" href={hrefFor({ name: "locations" })}>
          Venzory
        </a>
        <span className="practice" title={identity.user.email} data-testid="current-practice">
          {identity.practice.name} · {identity.role.toLowerCase()}
        </span>
        <PracticeSwitcher identity={identity} onSwitched={onSwitched} />
        <nav aria-label="Main" className="mainnav">
          {link({ name: "locations" }, "Locations")}
          {link({ name: "members" }, "Members")}
          {link({ name: "account" }, "Account")}
          {isOwner && link({ name: "owner" }, "Owner console")}
        </nav>
        <SyncStatus />
        <button type="button" className="secondary" onClick={onLogout}>
          Sign out
        </button>
      </header>
      <UpdateBanner pending={pending} />
      <main className="content">
        <Screen route={route} identity={identity} isOwner={isOwner} onLogout={onLogout} />
      </main>
    </>
  );
}

function Screen({ route, identity, isOwner, onLogout }: { route: Route; identity: Identity; isOwner: boolean; onLogout: () => void }) {
  switch (route.name) {
    case "inventory":
      return <InventoryScreen locationId={route.locationId} />;
    case "members":
      return <MembersScreen />;
    case "account":
      return <AccountScreen identity={identity} onSignedOut={onLogout} />;
    case "owner":
      if (isOwner) return <OwnerConsole />;
      break;
  }
  return (
    <>
      <OnboardingChecklist />
      <LocationsScreen />
    </>
  );
}

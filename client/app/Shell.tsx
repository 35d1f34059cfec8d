import { useEffect } from "react";
import { InventoryScreen } from "../features/inventory/InventoryScreen.js";
import { LocationsScreen } from "../features/locations/LocationsScreen.js";
import { useEngineState, useSyncOverview } from "../features/sync/data.js";
import { SyncStatus } from "../features/sync/SyncStatus.js";
import type { Identity } from "../features/auth/identity.js";
import { UpdateBanner } from "../pwa/UpdateBanner.js";
import { hrefFor, useRoute } from "../ui/router.js";

interface Props {
  identity: Identity;
  onLogout: () => void;
  /** Sync hit a 401: the caller shows the login screen (local data stays). */
  onSessionEnded: (notice: string) => void;
}

/** Top bar (practice, navigation, sync status, sign out) and the current screen. */
export function Shell({ identity, onLogout, onSessionEnded }: Props) {
  const route = useRoute();
  const { blocked } = useEngineState();
  const { pending } = useSyncOverview();

  useEffect(() => {
    if (blocked?.kind === "auth") onSessionEnded(blocked.message);
  }, [blocked, onSessionEnded]);

  return (
    <>
      <header className="topbar">
        <a className="brand" href={hrefFor({ name: "locations" })}>
          Venzory
        </a>
        <span className="practice" title={identity.user.email}>
          {identity.practice.name} · {identity.role.toLowerCase()}
        </span>
        <nav aria-label="Main" className="mainnav">
          <a href={hrefFor({ name: "locations" })} aria-current={route.name === "locations" ? "page" : undefined}>
            Locations
          </a>
        </nav>
        <SyncStatus />
        <button type="button" className="secondary" onClick={onLogout}>
          Sign out
        </button>
      </header>
      <UpdateBanner pending={pending} />
      <main className="content">{route.name === "inventory" ? <InventoryScreen locationId={route.locationId} /> : <LocationsScreen />}</main>
    </>
  );
}

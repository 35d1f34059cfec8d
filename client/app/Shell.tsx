import { Link, Outlet } from "@tanstack/react-router";
import { can } from "../../shared/auth/roles.js";
import { useEffect, useState, type MouseEvent } from "react";
import { PracticeSwitcher } from "../features/account/PracticeSwitcher.js";
import { useEngineState, useSyncOverview } from "../features/sync/data.js";
import { SignOutButton } from "../features/sync/SignOutButton.js";
import { SyncStatus } from "../features/sync/SyncStatus.js";
import type { Identity } from "../features/auth/identity.js";
import { UpdateBanner } from "../pwa/UpdateBanner.js";

interface Props {
  identity: Identity;
  onLogout: () => void;
  /** Sync hit a 401: the caller shows the login screen (local data stays). */
  onSessionEnded: (notice: string) => void;
  /** The session moved to another practice: the caller reopens the app on it. */
  onSwitched: (identity: Identity) => void;
}

/** Top bar (practice, navigation, sync status, sign out) and the current screen (the route's outlet). */
export function Shell({ identity, onLogout, onSessionEnded, onSwitched }: Props) {
  const { blocked } = useEngineState();
  const { pending } = useSyncOverview();
  const isOwner = identity.isPlatformOwner;
  const canOrder = can(identity.role, "orders.manage");
  // On a phone the navigation folds behind a Menu button (CSS shows it at narrow widths only).
  const [menuOpen, setMenuOpen] = useState(false);
  const closeMenuOnLink = (e: MouseEvent) => {
    if ((e.target as HTMLElement).closest("a")) setMenuOpen(false);
  };

  useEffect(() => {
    if (blocked?.kind === "auth") onSessionEnded(blocked.message);
  }, [blocked, onSessionEnded]);

  // The router's Link marks the current screen with aria-current="page"; "/" only when it is exactly it.
  const link = (to: "/" | "/scan" | "/members" | "/account" | "/owner", label: string) => (
    <Link to={to} activeOptions={{ exact: to === "/" }}>
      {label}
    </Link>
  );

  return (
    <>
      <header className="topbar">
        <Link className="brand" to="/" activeProps={{ "aria-current": undefined }}>
          Venzory
        </Link>
        <span className="practice" title={identity.user.email} data-testid="current-practice">
          {identity.practice.name} · {identity.role.toLowerCase()}
        </span>
        <PracticeSwitcher identity={identity} onSwitched={onSwitched} />
        <button
          type="button"
          className="secondary menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        {/* A followed link folds the phone menu again (links handle keys themselves; this only listens). */}
        <nav id="main-nav" aria-label="Main" className={menuOpen ? "mainnav open" : "mainnav"} onClick={closeMenuOnLink}>
          {link("/", "Overview")}
          <Link to="/locations">Locations</Link>
          <Link to="/stock/$view" params={{ view: "low" }}>
            Stock lists
          </Link>
          <Link to="/items">Items</Link>
          <Link to="/suppliers">Suppliers</Link>
          {link("/scan", "Scan")}
          {can(identity.role, "orders.receive") && <Link to="/receiving">Receiving</Link>}
          <Link to="/counts">Counts</Link>
          {canOrder && <Link to="/orders">Orders</Link>}
          {link("/members", "Members")}
          <Link to="/import-export">Import/export</Link>
          {link("/account", "Account")}
          {isOwner && link("/owner", "Owner console")}
        </nav>
        <SyncStatus />
        <SignOutButton onSignOut={onLogout} />
      </header>
      <UpdateBanner pending={pending} />
      <main className="content">
        <Outlet />
      </main>
    </>
  );
}

import { startTransition, useEffect, useMemo, useState, type ReactNode } from "react";
import type { Role } from "../../shared/auth/roles.js";
import type { ApiClient } from "../api/http.js";
import { checkForUpdate, holdFirstInstall } from "../pwa/serviceWorker.js";
import { requestPersistentStorage } from "../pwa/storage.js";
import type { ReplicaDb } from "../replica/db.js";
import { openUserReplica, type ReplicaOwner } from "../replica/userReplica.js";
import { SyncEngine } from "../sync/engine.js";
import { probeOwner } from "../sync/probeOwner.js";
import { httpTransport } from "../sync/transport.js";
import { attachBrowserTriggers } from "../sync/triggers.js";
import { ReplicaContext } from "./replicaContext.js";

interface Props {
  /** Whose replica: each user of a shared device has their own (docs/adr/0007). */
  owner: ReplicaOwner;
  role: Role;
  api: ApiClient;
  children: ReactNode;
}

type Opened = { db: ReplicaDb; engine: SyncEngine } | { error: string } | null;

/**
 * Opens the practice's replica, starts its sync engine and browser triggers, and closes them all when
 * the practice changes or the user signs out. Nothing is deleted on close.
 */
export function ReplicaProvider({ owner, role, api, children }: Props) {
  const [opened, setOpened] = useState<Opened>(null);
  const { practiceId, practiceName, userId, userName } = owner;

  useEffect(() => {
    let cleanup: (() => void) | undefined;
    let cancelled = false;
    const transport = httpTransport(api);
    openUserReplica({ practiceId, practiceName, userId, userName }, window.localStorage, (db) => probeOwner(db, transport)).then(
      (db) => {
        if (cancelled) return db.close();
        const engine = new SyncEngine({ db, transport, onSchemaTooOld: checkForUpdate });
        const detach = attachBrowserTriggers(engine);
        // A tab of a newer version upgrades the database: this tab's code is now the old one. Its outbox is
        // in IndexedDB, so reloading (into the new version) loses nothing; staying would fail every write.
        db.on("versionchange", () => {
          db.close();
          window.location.reload();
        });
        // A first visit installs its service worker once this first sync is done (firstInstall.ts).
        const releaseInstall = holdFirstInstall();
        void engine.start().finally(releaseInstall);
        // Queued changes exist only here: ask the browser not to evict them (the account screen shows the answer).
        void requestPersistentStorage();
        // A transition: rendering the shell and its first screen yields to the browser every few ms, so
        // the first pull's reads and request (started just above) are not held up behind it.
        startTransition(() => setOpened({ db, engine }));
        cleanup = () => {
          releaseInstall();
          detach();
          engine.stop();
          db.close();
        };
      },
      (e: unknown) => !cancelled && setOpened({ error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      cancelled = true;
      cleanup?.();
      setOpened(null);
    };
  }, [practiceId, practiceName, userId, userName, api]);

  const value = useMemo(() => (opened && "db" in opened ? { ...opened, role } : null), [opened, role]);

  if (!opened) return <p className="page-status">Opening local data…</p>;
  if ("error" in opened) {
    return (
      <p className="page-status error" role="alert">
        This browser cannot store data for offline use ({opened.error}). Check that storage is allowed for this site.
      </p>
    );
  }
  return <ReplicaContext.Provider value={value}>{children}</ReplicaContext.Provider>;
}

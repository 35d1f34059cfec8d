import { useEffect, useMemo, useState, type ReactNode } from "react";
import type { Role } from "../../shared/auth/roles.js";
import type { ApiClient } from "../api/http.js";
import { checkForUpdate } from "../pwa/serviceWorker.js";
import type { ReplicaDb } from "../replica/db.js";
import { openReplica } from "../replica/open.js";
import { SyncEngine } from "../sync/engine.js";
import { httpTransport } from "../sync/transport.js";
import { attachBrowserTriggers } from "../sync/triggers.js";
import { ReplicaContext } from "./replicaContext.js";

interface Props {
  practiceId: string;
  role: Role;
  api: ApiClient;
  children: ReactNode;
}

type Opened = { db: ReplicaDb; engine: SyncEngine } | { error: string } | null;

/**
 * Opens the practice's replica, starts its sync engine and browser triggers, and closes them all when
 * the practice changes or the user signs out. Nothing is deleted on close.
 */
export function ReplicaProvider({ practiceId, role, api, children }: Props) {
  const [opened, setOpened] = useState<Opened>(null);

  useEffect(() => {
    let cleanup: (() => void) | undefined;
    let cancelled = false;
    openReplica(practiceId).then(
      (db) => {
        if (cancelled) return db.close();
        const engine = new SyncEngine({ db, transport: httpTransport(api), onSchemaTooOld: checkForUpdate });
        const detach = attachBrowserTriggers(engine);
        void engine.start();
        setOpened({ db, engine });
        cleanup = () => {
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
  }, [practiceId, api]);

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

import { api } from "../api/client.js";
import { SyncAnnouncer } from "../features/sync/SyncAnnouncer.js";
import type { Identity } from "../features/auth/identity.js";
import { ReplicaProvider } from "./ReplicaProvider.js";
import { useSessionContext } from "./sessionContext.js";
import { Shell } from "./Shell.js";
import { SkipLink } from "./SkipLink.js";

/** The practice's replica and the app shell around the current screen (a lazy chunk of its own). */
export default function SignedIn({ identity }: { identity: Identity }) {
  const { logout, sessionEnded, opened } = useSessionContext();
  return (
    <ReplicaProvider owner={ownerOf(identity)} role={identity.role} api={api}>
      <SkipLink />
      <Shell identity={identity} onLogout={() => void logout()} onSessionEnded={sessionEnded} onSwitched={opened} />
      <SyncAnnouncer />
    </ReplicaProvider>
  );
}

function ownerOf(identity: Identity) {
  const { practice, user } = identity;
  return { practiceId: practice.id, practiceName: practice.name, userId: user.id, userName: user.name || user.email };
}

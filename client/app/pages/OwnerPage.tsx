import { useOwnerAccess } from "../../features/owner/data.js";
import { OwnerConsole } from "../../features/owner/OwnerConsole.js";
import { useIdentity } from "../sessionContext.js";
import { LocationsPage } from "./LocationsPage.js";

/** "/owner": the platform owner's console; anyone else sees the location list, as on an unknown path. */
export function OwnerPage() {
  const isOwner = useOwnerAccess(useIdentity().user.id);
  return isOwner ? <OwnerConsole /> : <LocationsPage />;
}

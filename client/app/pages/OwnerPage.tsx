import { OwnerConsole } from "../../features/owner/OwnerConsole.js";
import { useIdentity } from "../sessionContext.js";
import { LocationsPage } from "./LocationsPage.js";

/** "/owner": the platform owner's console; anyone else sees the location list, as on an unknown path. */
export function OwnerPage() {
  const isOwner = useIdentity().isPlatformOwner;
  return isOwner ? <OwnerConsole /> : <LocationsPage />;
}

import { AccountScreen } from "../../features/account/AccountScreen.js";
import { useIdentity, useSessionContext } from "../sessionContext.js";

/** "/account": the user's account and practice details. */
export function AccountPage() {
  const identity = useIdentity();
  const { logout } = useSessionContext();
  return <AccountScreen identity={identity} onSignedOut={() => void logout()} />;
}

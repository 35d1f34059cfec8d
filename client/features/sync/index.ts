/** What other features use of the sync feature: the sign-out that warns about changes not sent yet. */
export { SignOutButton } from "./SignOutButton.js";

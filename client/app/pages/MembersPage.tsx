import { MembersScreen } from "../../features/members/MembersScreen.js";

/** "/members". */
export function MembersPage() {
  return <MembersScreen />;
}

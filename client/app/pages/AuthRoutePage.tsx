import { getRouteApi } from "@tanstack/react-router";
import { AuthPages } from "../../features/account/AuthPages.js";
import { useSessionContext } from "../sessionContext.js";

const route = getRouteApi("/auth/$page");

/** "/auth/<page>?token=…": sign-up and the pages emailed links open, with or without a session. */
export function AuthRoutePage() {
  const { page } = route.useParams();
  const { token } = route.useSearch();
  const { state, opened } = useSessionContext();
  return <AuthPages page={page} token={token ?? ""} identity={state.status === "signedIn" ? state.identity : null} onSignedIn={opened} />;
}

/** CSRF token, password sign-in, sign-out and "who am I". */
import { z } from "zod";
import { emailAddress } from "../accounts/mutations.js";
import { safeText } from "../validation/text.js";
import { defineContract, NO_CONTENT } from "./define.js";
import { identity, sessionStatus } from "./identity.js";

/** Hands the CSRF token to clients that cannot read cookies (tests, tools). */
export const csrfToken = defineContract({
  method: "GET",
  path: "/api/auth/csrf",
  access: "public",
  response: z.object({ token: z.string(), header: z.literal("X-CSRF-Token") }),
});

export const login = defineContract({
  method: "POST",
  path: "/api/auth/login",
  access: "public",
  body: z.object({ email: emailAddress, password: safeText().min(1, "Enter your password").max(128) }),
  response: identity,
});

/** Public: signing out with an expired session must still clear the cookie. */
export const logout = defineContract({ method: "POST", path: "/api/auth/logout", access: "public", response: NO_CONTENT });

export const me = defineContract({ method: "GET", path: "/api/me", access: "session", response: identity });

/** Public: "who is signed in, if anyone" for the app's start, 200 with `identity: null` when nobody is. */
export const session = defineContract({ method: "GET", path: "/api/session", access: "public", response: sessionStatus });

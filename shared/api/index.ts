/**
 * Every HTTP route of the API. The route permission table (shared/auth/routes.ts) is derived from this
 * list: a route missing here is unknown to the server's route guard (404).
 */
import { failedEmails } from "./emails.js";
import { countDevices, countUncounted } from "./counts.js";
import { productByGtin } from "./catalogue.js";
import { acceptInvite, consumeMagicLink, consumePasswordReset, requestMagicLink, requestPasswordReset, signup } from "./email-links.js";
import { health } from "./health.js";
import { ownerPractices } from "./owner.js";
import { members, onboarding } from "./practice.js";
import { listSessions, logoutEverywhere, revokeSession, switchPractice } from "./sessions.js";
import { csrfToken, login, logout, me, session } from "./sign-in.js";
import { poke, pull, push } from "./sync.js";
import { lotMovements } from "./stock.js";
import { orderEmailState, orderEmailStates, orderSuggestions } from "./orders.js";
import { supplierDirectory } from "./suppliers.js";

export const CONTRACTS = [
  health,
  csrfToken,
  login,
  logout,
  signup,
  requestMagicLink,
  consumeMagicLink,
  requestPasswordReset,
  consumePasswordReset,
  acceptInvite,
  me,
  session,
  listSessions,
  revokeSession,
  logoutEverywhere,
  switchPractice,
  members,
  onboarding,
  ownerPractices,
  push,
  pull,
  poke,
  failedEmails,
  productByGtin,
  countDevices,
  countUncounted,
  lotMovements,
  orderSuggestions,
  orderEmailState,
  orderEmailStates,
  supplierDirectory,
] as const;

export type ApiContract = (typeof CONTRACTS)[number];

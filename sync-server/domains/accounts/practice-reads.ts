/** The member list and the onboarding checklist, each read in one transaction scoped to the practice. */
import type { Role } from "../../../shared/auth/roles.js";
import type { Db } from "../../db/prisma.js";
import { withTransaction } from "../../db/transaction.js";
import { listMembers } from "./members.js";
import { onboardingStatus } from "./onboarding.js";

export function readMembers(db: Db, viewer: { practiceId: string; userId: string; role: Role }) {
  return withTransaction(db, (tx) => listMembers(tx, viewer), { practiceId: viewer.practiceId });
}

export function readOnboarding(db: Db, practiceId: string) {
  return withTransaction(db, (tx) => onboardingStatus(tx, practiceId), { practiceId });
}

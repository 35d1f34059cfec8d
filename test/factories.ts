/**
 * Builders for test data. Each test makes its own practice, so tests never depend on each other.
 */
import { randomUUID } from "node:crypto";
import type { Role } from "../shared/auth/roles.js";
import type { Db } from "../sync-server/db/prisma.js";
import { withTransaction } from "../sync-server/db/transaction.js";
import { addMember, createPractice } from "../sync-server/domains/accounts/practices.js";
import { nextVersion } from "../sync-server/sync/versions.js";

export interface TestPractice {
  practiceId: string;
  users: Record<Role, { id: string; email: string }>;
  locationId: string;
  itemIds: string[];
}

/** A practice with one user per role, one location and `items` items (no stock). */
export async function makePractice(db: Db, opts: { items?: number; name?: string; password?: string } = {}): Promise<TestPractice> {
  const tag = randomUUID().slice(0, 8);
  return withTransaction(db, async (tx) => {
    const practice = await createPractice(tx, { name: opts.name ?? `Practice ${tag}` });
    const users = {} as TestPractice["users"];
    for (const role of ["ADMIN", "STAFF", "VIEWER"] as const) {
      const email = `${role.toLowerCase()}-${tag}@example.test`;
      const user = await addMember(tx, practice.id, { email, name: `${role} ${tag}`, role, password: opts.password });
      users[role] = { id: user.id, email };
    }
    const version = await nextVersion(tx, practice.id);
    const location = await tx.location.create({ data: { practiceId: practice.id, name: "Main store", version } });
    const itemIds: string[] = [];
    for (let i = 0; i < (opts.items ?? 3); i++) {
      const item = await tx.item.create({ data: { practiceId: practice.id, name: `Item ${i + 1}`, version } });
      itemIds.push(item.id);
    }
    return { practiceId: practice.id, users, locationId: location.id, itemIds };
  });
}

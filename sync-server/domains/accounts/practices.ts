/** Creating practices and their members. */
import type { Role } from "../../../shared/auth/roles.js";
import type { Tx } from "../../db/prisma.js";
import { hashPassword } from "../../auth/password.js";

/** A practice always comes with its version counter: pushes and pulls rely on it. */
export async function createPractice(tx: Tx, data: { id?: string; name: string }) {
  const practice = await tx.practice.create({ data: { id: data.id, name: data.name } });
  await tx.practiceVersion.create({ data: { practiceId: practice.id } });
  return practice;
}

/** Finds or creates the user by email and gives them `role` in the practice. */
export async function addMember(tx: Tx, practiceId: string, data: { email: string; name: string; password?: string; role: Role }) {
  const email = data.email.trim().toLowerCase();
  const user =
    (await tx.user.findUnique({ where: { email } })) ??
    (await tx.user.create({ data: { email, name: data.name, passwordHash: data.password ? await hashPassword(data.password) : null } }));
  await tx.membership.upsert({
    where: { practiceId_userId: { practiceId, userId: user.id } },
    create: { practiceId, userId: user.id, role: data.role },
    update: { role: data.role },
  });
  return user;
}

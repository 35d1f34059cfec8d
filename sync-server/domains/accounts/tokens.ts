/**
 * Single-use tokens sent by email (magic link, password reset, sign-up confirmation, invites): 256 random
 * bits, base64url in the link, and only their SHA-256 in the database, so a leaked database (or backup)
 * cannot be replayed as links. Consuming is one conditional UPDATE: of two racing requests only one wins.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Tx } from "../../db/prisma.js";
import type { TokenPurpose } from "../../db/generated/enums.js";

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

/** Issues a token for a user; older unconsumed tokens of the same purpose stop working (newest link wins). */
export async function issueAuthToken(tx: Tx, userId: string, purpose: TokenPurpose, ttlMinutes: number): Promise<string> {
  const now = new Date();
  await tx.authToken.updateMany({ where: { userId, purpose, consumedAt: null }, data: { consumedAt: now } });
  const { token, hash } = newToken();
  await tx.authToken.create({ data: { userId, purpose, tokenHash: hash, expiresAt: new Date(now.getTime() + ttlMinutes * 60_000) } });
  return token;
}

/** Marks the token used if it is of this purpose, unused and unexpired; returns its user, else null. */
export async function consumeAuthToken(tx: Tx, purpose: TokenPurpose, token: string): Promise<string | null> {
  const tokenHash = hashToken(token);
  const now = new Date();
  const { count } = await tx.authToken.updateMany({
    where: { tokenHash, purpose, consumedAt: null, expiresAt: { gt: now } },
    data: { consumedAt: now },
  });
  if (count !== 1) return null;
  const row = await tx.authToken.findUnique({ where: { tokenHash }, select: { userId: true } });
  return row?.userId ?? null;
}

/**
 * The one password rule (ASVS 5.0 V6.2): 8 to 128 characters, any characters allowed (no composition
 * rules), and not on the list of common passwords shipped with the project (compared case-insensitively).
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { PASSWORD_MAX, PASSWORD_MIN } from "../../../shared/accounts/rules.js";

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(new URL("./common-passwords.txt", import.meta.url), "utf8")
      .split("\n")
      .map((l) => l.trim().toLowerCase())
      .filter(Boolean),
  );
  return common;
}

export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.toLowerCase());
}

/**
 * The minimum counts characters (code points), so an emoji counts once; the maximum counts UTF-16 units,
 * as the sign-in form does, so every accepted password can also be typed in to sign in.
 */
export const newPassword = z
  .string()
  .refine((p) => [...p].length >= PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`)
  .refine((p) => p.length <= PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters`)
  .refine((p) => !isCommonPassword(p), "This password is too common. Choose one that is harder to guess");

const newPasswordField = z.object({ password: newPassword });

/**
 * The server's half of the rule, after the shared contract checked the length: throws the same 400
 * (VALIDATION_FAILED, field "password") a schema failure gives.
 */
export function assertNewPassword(password: string): void {
  newPasswordField.parse({ password });
}

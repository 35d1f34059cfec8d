/**
 * The one string schema for text that may be stored. PostgreSQL refuses a NUL byte in text, and an
 * unpaired UTF-16 surrogate has no UTF-8 form (it would be stored as U+FFFD, so what was hashed or
 * compared is not what was kept). Either must be refused as invalid input at the edge, with a stable
 * message, instead of reaching the database and failing there as an unexpected error.
 */
import { z } from "zod";

export const UNSTORABLE_TEXT_MESSAGE = "Contains characters that cannot be stored (a NUL byte or an unpaired surrogate)";

// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when the text can be stored and read back unchanged. */
export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && !UNPAIRED_SURROGATE.test(value);
}

/**
 * `z.string()` that refuses NUL bytes and unpaired surrogates. Chain the field's own rules after it
 * (`safeText().trim().min(1).max(100)`): the check runs first, on the text as sent.
 */
export function safeText() {
  return z.string().refine(isStorableText, { message: UNSTORABLE_TEXT_MESSAGE });
}

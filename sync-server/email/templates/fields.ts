/** Zod building blocks shared by the email data schemas. */
import { z } from "zod";

/** A required, non-blank string (trimmed). */
export const requiredText = z.string().trim().min(1, "Required");

/** An optional string; blank, null and missing all mean "not given" and come out as `undefined`. */
export const optionalText = z
  .string()
  .nullish()
  .transform((v) => {
    const t = v?.trim();
    return t ? t : undefined;
  });

/** An absolute http(s) URL; anything else (javascript:, data:, mailto:, relative paths) is rejected. */
export const httpUrl = z.url({ protocol: /^https?$/, error: "Must be an absolute http(s) URL" });

export const positiveInt = z.number().int().positive();

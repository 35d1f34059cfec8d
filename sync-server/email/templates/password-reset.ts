/** Password reset link. */
import { z } from "zod";
import { httpUrl, optionalText, positiveInt } from "./fields.js";
import type { RenderedEmail } from "./layout.js";
import { renderLinkEmail } from "./link-email.js";

export const passwordResetSchema = z.object({
  userName: optionalText,
  resetUrl: httpUrl,
  expiresInMinutes: positiveInt,
});

export type PasswordResetEmailData = z.output<typeof passwordResetSchema>;

export function renderPasswordReset(data: PasswordResetEmailData): RenderedEmail {
  const intro = "We received a request to reset the password for your Venzory account.";
  return renderLinkEmail({
    subject: "Reset your Venzory password",
    heading: "Reset your password",
    preheader: (d) => `Choose a new Venzory password. The link expires in ${d}.`,
    userName: data.userName ?? undefined,
    intro: { html: `${intro} Use the button below to choose a new one.`, text: `${intro} Use the link below to choose a new one.` },
    url: data.resetUrl,
    buttonLabel: "Choose a new password",
    expiresInMinutes: data.expiresInMinutes,
    ignoreNote:
      "If you did not ask to reset your password, you can ignore this email. Your password stays the same until you choose a new one with this link.",
  });
}

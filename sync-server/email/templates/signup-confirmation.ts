/**
 * Confirmation of a new sign-up. Nothing exists until this link is used: it creates the account and the
 * practice, then signs the person in. It says so, so nobody takes it for a sign-in link to an account
 * they do not have yet.
 */
import { z } from "zod";
import { httpUrl, positiveInt, requiredText } from "./fields.js";
import type { RenderedEmail } from "./layout.js";
import { renderLinkEmail } from "./link-email.js";

export const signupConfirmationSchema = z.object({
  userName: requiredText,
  practiceName: requiredText,
  confirmUrl: httpUrl,
  expiresInMinutes: positiveInt,
});

export type SignupConfirmationEmailData = z.output<typeof signupConfirmationSchema>;

export function renderSignupConfirmation(data: SignupConfirmationEmailData): RenderedEmail {
  const intro = `Thank you for signing up ${data.practiceName} on Venzory. Confirm that this is your email address to create your account and your practice.`;
  return renderLinkEmail({
    subject: "Confirm your email to create your Venzory account",
    heading: "Confirm your email address",
    preheader: (d) => `Confirm your email to create ${data.practiceName} on Venzory. The link expires in ${d}.`,
    userName: data.userName,
    intro: { html: `${intro} Use the button below; it also signs you in.`, text: `${intro} Use the link below; it also signs you in.` },
    url: data.confirmUrl,
    buttonLabel: "Confirm and create account",
    expiresInMinutes: data.expiresInMinutes,
    whenExpired: "sign up again",
    ignoreNote: "If you did not sign up for Venzory, you can ignore this email. No account is created unless this link is used.",
  });
}

/** Passwordless sign-in link. */
import { z } from "zod";
import { httpUrl, optionalText, positiveInt } from "./fields.js";
import type { RenderedEmail } from "./layout.js";
import { renderLinkEmail } from "./link-email.js";

export const magicLinkSchema = z.object({
  userName: optionalText,
  signInUrl: httpUrl,
  expiresInMinutes: positiveInt,
  /** Sent because someone tried to sign up with an address that already has an account. */
  afterSignup: z.boolean().optional(),
});

export type MagicLinkEmailData = z.output<typeof magicLinkSchema>;

const ALREADY_HAS_ACCOUNT =
  "Someone asked to create a Venzory account with this email address, which already has one. Nothing was changed.";

export function renderMagicLink(data: MagicLinkEmailData): RenderedEmail {
  return renderLinkEmail({
    subject: "Your Venzory sign-in link",
    heading: "Sign in to Venzory",
    preheader: (d) => `Sign in to Venzory. The link expires in ${d}.`,
    userName: data.userName ?? undefined,
    intro: data.afterSignup
      ? {
          html: `${ALREADY_HAS_ACCOUNT} Use the button below to sign in instead.`,
          text: `${ALREADY_HAS_ACCOUNT} Use the link below to sign in instead.`,
        }
      : { html: "Use the button below to sign in to Venzory.", text: "Use the link below to sign in to Venzory." },
    url: data.signInUrl,
    buttonLabel: "Sign in",
    expiresInMinutes: data.expiresInMinutes,
    ignoreNote: "If you did not ask to sign in, you can ignore this email. Nobody can use this link unless they have access to your inbox.",
  });
}

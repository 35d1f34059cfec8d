/** Passwordless sign-in link. */
import { z } from "zod";
import { httpUrl, optionalText, positiveInt } from "./fields.js";
import type { RenderedEmail } from "./layout.js";
import { renderLinkEmail } from "./link-email.js";

export const magicLinkSchema = z.object({
  userName: optionalText,
  signInUrl: httpUrl,
  expiresInMinutes: positiveInt,
});

export type MagicLinkEmailData = z.output<typeof magicLinkSchema>;

export function renderMagicLink(data: MagicLinkEmailData): RenderedEmail {
  return renderLinkEmail({
    subject: "Your Venzory sign-in link",
    heading: "Sign in to Venzory",
    preheader: (d) => `Sign in to Venzory. The link expires in ${d}.`,
    userName: data.userName ?? undefined,
    intro: { html: "Use the button below to sign in to Venzory.", text: "Use the link below to sign in to Venzory." },
    url: data.signInUrl,
    buttonLabel: "Sign in",
    expiresInMinutes: data.expiresInMinutes,
    ignoreNote: "If you did not ask to sign in, you can ignore this email. Nobody can use this link unless they have access to your inbox.",
  });
}

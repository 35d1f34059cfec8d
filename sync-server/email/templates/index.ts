/**
 * Transactional email templates. `renderEmail(kind, data)` validates the data with the kind's zod schema
 * (a ZodError on bad data) and returns the subject, a complete HTML document and a plain-text version.
 * Templates are template literals over validated data: every user-supplied string is HTML-escaped in the
 * HTML version, and only http(s) links are accepted.
 */
import type { z } from "zod";
import type { RenderedEmail } from "./layout.js";
import { inviteSchema, renderInvite } from "./invite.js";
import { magicLinkSchema, renderMagicLink } from "./magic-link.js";
import { orderSchema, renderOrder } from "./order.js";
import { passwordResetSchema, renderPasswordReset } from "./password-reset.js";
import { renderSignupConfirmation, signupConfirmationSchema } from "./signup-confirmation.js";

export type { RenderedEmail } from "./layout.js";
export type { OrderEmailData } from "./order.js";
export type { InviteEmailData } from "./invite.js";
export type { MagicLinkEmailData } from "./magic-link.js";
export type { PasswordResetEmailData } from "./password-reset.js";
export type { SignupConfirmationEmailData } from "./signup-confirmation.js";
export { escapeHtml } from "./escape.js";

export const EMAIL_KINDS = ["order", "invite", "magic_link", "password_reset", "signup_confirmation"] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export const EMAIL_DATA_SCHEMAS = {
  order: orderSchema,
  invite: inviteSchema,
  magic_link: magicLinkSchema,
  password_reset: passwordResetSchema,
  signup_confirmation: signupConfirmationSchema,
} as const satisfies Record<EmailKind, z.ZodType>;

/** The data each kind accepts, before validation (what a caller passes). */
export type EmailDataInput<K extends EmailKind> = z.input<(typeof EMAIL_DATA_SCHEMAS)[K]>;

/** Validates `data` with the kind's zod schema (throws a ZodError on bad data) and renders it. */
export function renderEmail(kind: EmailKind, data: unknown): RenderedEmail {
  switch (kind) {
    case "order":
      return renderOrder(orderSchema.parse(data));
    case "invite":
      return renderInvite(inviteSchema.parse(data));
    case "magic_link":
      return renderMagicLink(magicLinkSchema.parse(data));
    case "password_reset":
      return renderPasswordReset(passwordResetSchema.parse(data));
    case "signup_confirmation":
      return renderSignupConfirmation(signupConfirmationSchema.parse(data));
    default: {
      const never: never = kind;
      throw new Error(`Unknown email kind: ${String(never)}`);
    }
  }
}

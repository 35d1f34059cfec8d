/** Invitation to join a practice. */
import { z } from "zod";
import { escapeHtml } from "./escape.js";
import { formatDateTime, heading, htmlDocument, button, mutedHtml, paragraphHtml, subjectLine, textDocument, type RenderedEmail } from "./layout.js";
import { httpUrl, requiredText } from "./fields.js";

export const inviteSchema = z.object({
  practiceName: requiredText,
  inviterName: requiredText,
  role: z.enum(["ADMIN", "STAFF", "VIEWER"]),
  acceptUrl: httpUrl,
  expiresAt: z.iso.datetime({ offset: true }),
});

export type InviteEmailData = z.output<typeof inviteSchema>;

const ROLE_TEXT: Record<InviteEmailData["role"], { label: string; article: string; description: string }> = {
  ADMIN: { label: "Admin", article: "an", description: "manage the practice, its team, suppliers and settings, as well as stock and orders" },
  STAFF: { label: "Staff member", article: "a", description: "record stock movements and prepare and place orders" },
  VIEWER: { label: "Viewer", article: "a", description: "see stock levels and orders without changing them" },
};

export function renderInvite(data: InviteEmailData): RenderedEmail {
  const role = ROLE_TEXT[data.role];
  const expires = formatDateTime(data.expiresAt);
  const subject = subjectLine(`${data.inviterName} invited you to join ${data.practiceName} on Venzory`);
  const title = `Join ${data.practiceName} on Venzory`;
  const invitedSentence = (practice: string, inviter: string, roleLabel: string): string =>
    `${inviter} has invited you to join ${practice} on Venzory as ${role.article} ${roleLabel}. As ${role.article} ${roleLabel} you can ${role.description}.`;

  const html = htmlDocument({
    title: subject,
    preheader: `${data.inviterName} invited you to ${data.practiceName}. The invitation expires on ${expires}.`,
    bodyHtml: [
      heading(title),
      paragraphHtml(invitedSentence(`<strong>${escapeHtml(data.practiceName)}</strong>`, escapeHtml(data.inviterName), `<strong>${role.label}</strong>`)),
      button(data.acceptUrl, "Accept invitation"),
      paragraphHtml(`This invitation expires on <strong>${escapeHtml(expires)}</strong>. After that, ask ${escapeHtml(data.inviterName)} to send a new one.`),
    ].join("\n"),
    footerHtml: mutedHtml("If you were not expecting this invitation, you can ignore this email. Nothing happens unless you accept it."),
  });

  const text = textDocument(
    [
      title,
      invitedSentence(data.practiceName, data.inviterName, role.label),
      `Accept the invitation:\n${data.acceptUrl}`,
      `This invitation expires on ${expires}. After that, ask ${data.inviterName} to send a new one.`,
    ],
    ["If you were not expecting this invitation, you can ignore this email. Nothing happens unless you accept it."],
  );

  return { subject, html, text };
}

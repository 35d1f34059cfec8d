/** Invitation to join a practice. */
import { z } from "zod";
import { escapeHtml } from "./escape.js";
import {
  formatDateTime,
  heading,
  htmlDocument,
  button,
  mutedHtml,
  paragraphHtml,
  subjectLine,
  textDocument,
  type RenderedEmail,
} from "./layout.js";
import { httpUrl, requiredText } from "./fields.js";
import { can, type Permission, type Role } from "../../../shared/auth/roles.js";

export const inviteSchema = z.object({
  practiceName: requiredText,
  inviterName: requiredText,
  role: z.enum(["ADMIN", "STAFF", "VIEWER"]),
  acceptUrl: httpUrl,
  expiresAt: z.iso.datetime({ offset: true }),
});

export type InviteEmailData = z.output<typeof inviteSchema>;

const ROLE_LABEL: Record<InviteEmailData["role"], { label: string; article: string }> = {
  ADMIN: { label: "Admin", article: "an" },
  STAFF: { label: "Staff member", article: "a" },
  VIEWER: { label: "Viewer", article: "a" },
};

/**
 * What a role may do, said from the one permission table, so the invitation promises only what the app
 * does for that role.
 */
const CAPABILITIES: [Permission, string][] = [
  ["practice.manage", "manage the practice and its settings"],
  ["members.manage", "invite and manage the team"],
  ["suppliers.manage", "manage suppliers and their prices"],
  ["orders.manage", "order from suppliers"],
  ["catalogue.manage", "add items to the catalogue"],
  ["stock.adjust", "record stock movements"],
  ["counts.count", "count stock"],
  ["orders.receive", "receive deliveries"],
];

function roleDescription(role: Role): string {
  const things = CAPABILITIES.filter(([permission]) => can(role, permission)).map(([, text]) => text);
  if (things.length === 0) return "see stock levels without changing them";
  const last = things.pop()!;
  return things.length ? `${things.join(", ")} and ${last}` : last;
}

export function renderInvite(data: InviteEmailData): RenderedEmail {
  const role = { ...ROLE_LABEL[data.role], description: roleDescription(data.role) };
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
      paragraphHtml(
        invitedSentence(
          `<strong>${escapeHtml(data.practiceName)}</strong>`,
          escapeHtml(data.inviterName),
          `<strong>${role.label}</strong>`,
        ),
      ),
      button(data.acceptUrl, "Accept invitation"),
      paragraphHtml(
        `This invitation expires on <strong>${escapeHtml(expires)}</strong>. After that, ask ${escapeHtml(data.inviterName)} to send a new one.`,
      ),
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

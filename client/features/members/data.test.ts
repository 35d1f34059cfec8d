import { describe, expect, it } from "vitest";
import { members as membersContract } from "../../../shared/api/practice.js";
import { lastAdminRefusal, type Member } from "./data.js";

const membersAnswerSchema = membersContract.response;

const member = (userId: string, role: Member["role"], you = false): Member => ({
  userId,
  name: null,
  email: `${userId}@x.test`,
  role,
  joinedAt: "2026-11-25T10:00:00.000Z",
  you,
});

describe("members data", () => {
  it("parses the members answer with and without invites", () => {
    const members = [member("u1", "ADMIN", true)];
    expect(membersAnswerSchema.parse({ members }).invites).toBeUndefined();
    const invite = {
      id: "i1",
      email: "a@x.test",
      role: "STAFF",
      createdAt: "2026-11-25T10:00:00.000Z",
      expiresAt: "2026-12-02T10:00:00.000Z",
      invitedById: "u1",
    };
    expect(membersAnswerSchema.parse({ members, invites: [invite] }).invites).toHaveLength(1);
    expect(membersAnswerSchema.safeParse({ members: [{ ...members[0], role: "OWNER" }] }).success).toBe(false);
  });

  it("refuses demoting or removing the last admin with the shared rule's message", () => {
    const admin = member("u1", "ADMIN", true);
    const staff = member("u2", "STAFF");
    expect(lastAdminRefusal([admin, staff], admin, { kind: "role", to: "STAFF" })).toMatch(/last admin/);
    expect(lastAdminRefusal([admin, staff], admin, { kind: "leave" })).toMatch(/last admin/);
    expect(lastAdminRefusal([admin, staff], staff, { kind: "leave" })).toBeNull();
    expect(lastAdminRefusal([admin, { ...staff, role: "ADMIN" }], admin, { kind: "role", to: "VIEWER" })).toBeNull();
  });
});

/** A human name for a queued mutation, for notices ("Stock adjustment", "New location"...). */
export function describeMutation(name: string, args: unknown): string {
  const a = (typeof args === "object" && args !== null ? args : {}) as Record<string, unknown>;
  switch (name) {
    case "stock.adjust": {
      const q = typeof a.quantity === "number" ? a.quantity : 0;
      return `Stock adjustment ${q > 0 ? "+" : ""}${q}`;
    }
    case "location.create":
      return `New location "${String(a.name ?? "")}"`;
    case "location.update":
      return typeof a.name === "string" ? `Rename location to "${a.name}"` : "Move location";
    case "location.archive":
      return "Archive location";
    case "email.retry":
      return "Retry a failed email";
    case "member.invite":
      return `Invite ${String(a.email ?? "a colleague")}`;
    case "invite.revoke":
      return "Revoke an invitation";
    case "member.changeRole":
      return `Change a member's role to ${String(a.role ?? "").toLowerCase()}`;
    case "member.remove":
      return "Remove a member";
    case "member.leave":
      return "Leave the practice";
    case "practice.updateDetails":
      return "Update practice details";
    case "onboarding.dismiss":
      return "Hide the onboarding checklist";
    case "onboarding.complete":
      return "Mark an onboarding step done";
    default:
      return name;
  }
}

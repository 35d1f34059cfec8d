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
    default:
      return name;
  }
}

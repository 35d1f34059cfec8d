/**
 * Roles and the one permission table. The server enforces it on every mutation and route; the client
 * uses the same table to hide what a role cannot do.
 */
export const ROLES = ["ADMIN", "STAFF", "VIEWER"] as const;
export type Role = (typeof ROLES)[number];

/** Permissions name capabilities; mutations and routes each require one. */
export const PERMISSIONS = {
  "stock.read": ["ADMIN", "STAFF", "VIEWER"],
  "stock.adjust": ["ADMIN", "STAFF"],
  "locations.manage": ["ADMIN", "STAFF"],
  "locations.archive": ["ADMIN"],
  // Staff add the item they find on a delivery (often on a tablet, offline); retiring an item, suppliers,
  // prices and the preferred supplier are a manager's set-up work.
  "catalogue.manage": ["ADMIN", "STAFF"],
  "catalogue.archive": ["ADMIN"],
  "suppliers.manage": ["ADMIN"],
  "audit.read": ["ADMIN"],
  "emails.manage": ["ADMIN"],
  "members.read": ["ADMIN", "STAFF", "VIEWER"],
  "members.manage": ["ADMIN"],
  "practice.manage": ["ADMIN"],
  "members.leave": ["ADMIN", "STAFF"],
  // Counting: staff start, join, count, cancel and complete sessions; completing one with open
  // conflicts (the admin override) and choosing how a conflict resolves are an admin's.
  "counts.count": ["ADMIN", "STAFF"],
  "counts.complete": ["ADMIN", "STAFF"],
  "counts.override": ["ADMIN"],
  // Ordering: managers (admins) draft, send, cancel and close orders and keep templates; staff receive
  // deliveries at the door (against an order or none).
  "orders.manage": ["ADMIN"],
  "orders.receive": ["ADMIN", "STAFF"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Own keys only: a permission name that is not in the table (or is inherited, like "constructor") allows nothing. */
export function can(role: Role, permission: Permission): boolean {
  if (!Object.hasOwn(PERMISSIONS, permission)) return false;
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

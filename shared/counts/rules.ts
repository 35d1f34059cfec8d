/** Stock counts: the states of a session, the conflicts two counts can raise, and how one is resolved. */
export const COUNT_SESSION_STATUSES = ["IN_PROGRESS", "COMPLETED", "CANCELLED"] as const;
export type CountSessionStatus = (typeof COUNT_SESSION_STATUSES)[number];

export const COUNT_CONFLICT_KINDS = ["DOUBLE_COUNT", "STOCK_MOVED"] as const;
export type CountConflictKind = (typeof COUNT_CONFLICT_KINDS)[number];

export const COUNT_RESOLUTIONS = ["USE_COUNTED", "USE_COUNTED_PLUS_MOVEMENTS"] as const;
export type CountResolution = (typeof COUNT_RESOLUTIONS)[number];

/**
 * The closed set of error codes the API and the sync protocol answer with. Codes are stable: clients
 * branch on them and users see their messages. Each code has exactly one HTTP status.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNKNOWN_MUTATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  CLIENT_MISMATCH: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ALREADY_EXISTS: 409,
  INSUFFICIENT_STOCK: 422,
  LOCATION_CYCLE: 422,
  LOCATION_NOT_EMPTY: 422,
  LOCATION_ARCHIVED: 422,
  ITEM_ARCHIVED: 422,
  BATCH_REQUIRED: 422,
  SCHEMA_TOO_OLD: 426,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
  TOKEN_INVALID: 410,
  LAST_ADMIN: 409,
  /** A count session is completed or cancelled: its lines are refused (the tablet keeps them). */
  SESSION_CLOSED: 409,
  /** The order's status does not allow this action (e.g. editing a sent order, receiving a draft). */
  ORDER_STATE: 409,
  /** An order with no lines (or only zero quantities) cannot be sent. */
  ORDER_EMPTY: 422,
  /** Sending by email needs the supplier's order email; without one the order is marked sent manually. */
  SUPPLIER_NO_ORDER_EMAIL: 422,
  /** The supplier has an order email: the order is sent through it, not marked sent by hand. */
  SUPPLIER_HAS_ORDER_EMAIL: 422,
  /** A receipt would take an order line past the practice's over-receipt tolerance: refused, nothing applied. */
  OVER_RECEIPT: 422,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** A business or input error with a stable code. Thrown by shared rules and server services alike. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; requestId?: string; details?: Record<string, unknown> };
}

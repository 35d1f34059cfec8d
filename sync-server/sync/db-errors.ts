/**
 * Maps database refusals that a client's input can cause (a duplicate id, a row that vanished, a CHECK
 * rule) to business errors with stable codes. Everything else stays unexpected.
 */
import { DomainError } from "../../shared/errors.js";
import { Prisma } from "../db/prisma.js";

interface DriverCause {
  originalCode?: string;
  code?: string;
  constraint?: { index?: string };
}

function driverCause(err: unknown): DriverCause | undefined {
  if (!(err instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  return (err.meta as { driverAdapterError?: { cause?: DriverCause } } | undefined)?.driverAdapterError?.cause;
}

function pgCode(err: unknown): string | undefined {
  if (err instanceof Prisma.PrismaClientKnownRequestError) {
    if (err.code === "P2002") return "23505";
    if (err.code === "P2003") return "23503";
    const cause = driverCause(err);
    return cause?.originalCode ?? cause?.code;
  }
  const code = (err as { code?: unknown })?.code;
  return typeof code === "string" ? code : undefined;
}

/** The violated constraint's name, e.g. "Location_pkey" (PostgreSQL names primary keys <Table>_pkey). */
function constraintName(err: unknown): string | undefined {
  const name = driverCause(err)?.constraint?.index ?? (err as { constraint?: unknown })?.constraint;
  return typeof name === "string" ? name : undefined;
}

/**
 * The answer to a create whose client-chosen id is already taken. Ids are global primary keys, so the
 * row may belong to another practice: the refusal names no identity and is the same whoever owns it,
 * so it cannot confirm that an id exists elsewhere (an "already exists" answer would).
 */
export const ID_UNAVAILABLE = { code: "CONFLICT", message: "This change could not be applied." } as const;

export function asBusinessError(err: unknown): DomainError | null {
  switch (pgCode(err)) {
    case "23505":
      if (constraintName(err)?.endsWith("_pkey")) return new DomainError(ID_UNAVAILABLE.code, ID_UNAVAILABLE.message);
      return new DomainError("ALREADY_EXISTS", "A record with this identity already exists.");
    case "23503":
      return new DomainError("NOT_FOUND", "A record this change refers to does not exist.");
    case "23514":
      return new DomainError("CONFLICT", "The change would break a stock or data rule and was refused.");
    default:
      return null;
  }
}

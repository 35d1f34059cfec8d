/**
 * Maps database refusals that a client's input can cause (a duplicate id, a row that vanished, a CHECK
 * rule) to business errors with stable codes. Everything else stays unexpected.
 */
import { DomainError } from "../../shared/errors.js";
import { Prisma } from "../db/prisma.js";

function pgCode(err: unknown): string | undefined {
  if (err instanceof Prisma.PrismaClientKnownRequestError) {
    const meta = err.meta as { driverAdapterError?: { cause?: { originalCode?: string; code?: string } } } | undefined;
    const cause = meta?.driverAdapterError?.cause;
    if (err.code === "P2002") return "23505";
    if (err.code === "P2003") return "23503";
    return cause?.originalCode ?? cause?.code;
  }
  const code = (err as { code?: unknown })?.code;
  return typeof code === "string" ? code : undefined;
}

export function asBusinessError(err: unknown): DomainError | null {
  switch (pgCode(err)) {
    case "23505":
      return new DomainError("ALREADY_EXISTS", "A record with this identity already exists.");
    case "23503":
      return new DomainError("NOT_FOUND", "A record this change refers to does not exist.");
    case "23514":
      return new DomainError("CONFLICT", "The change would break a stock or data rule and was refused.");
    default:
      return null;
  }
}

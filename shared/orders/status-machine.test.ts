import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.js";
import { ORDER_STATUSES, type OrderStatus } from "./rules.js";
import {
  DELETED,
  ORDER_ACTIONS,
  actionAllowedIn,
  isClosedShort,
  isOpenOrder,
  nextStatus,
  type OrderAction,
  type OrderActionContext,
  type ReceiptProgress,
} from "./status-machine.js";

/** A context under which the action's own conditions hold, so only the status decides. */
const OK_CONTEXT: Record<OrderAction, OrderActionContext> = {
  EDIT: {},
  DELETE: {},
  SEND: { supplierHasOrderEmail: true, lineCount: 2 },
  MARK_SENT_MANUALLY: { supplierHasOrderEmail: false, lineCount: 2 },
  RECEIVE: {},
  CANCEL: { reason: "Supplier out of stock" },
  CLOSE: { reason: "Rest discontinued" },
};

type Outcome = OrderStatus | typeof DELETED | "refused";
/** RECEIVE's outcome depends on how much has arrived, so its cells say it per progress. */
type Cell = Outcome | Record<ReceiptProgress, Outcome>;

const R = "refused" as const;
const recv = (NONE: Outcome, PARTIAL: Outcome, COMPLETE: Outcome) => ({ NONE, PARTIAL, COMPLETE });

/**
 * Every status × every action. The Record types make a new status or action a compile error here, and
 * the loop below walks the const lists, so nothing can be added to the machine without being classified.
 */
const TABLE: Record<OrderStatus, Record<OrderAction, Cell>> = {
  DRAFT: {
    EDIT: "DRAFT",
    DELETE: DELETED,
    SEND: "SENT",
    MARK_SENT_MANUALLY: "SENT",
    RECEIVE: R,
    CANCEL: "CANCELLED",
    CLOSE: R,
  },
  SENT: {
    EDIT: R,
    DELETE: R,
    SEND: R,
    MARK_SENT_MANUALLY: R,
    RECEIVE: recv("SENT", "PARTIALLY_RECEIVED", "RECEIVED"),
    CANCEL: "CANCELLED",
    CLOSE: R,
  },
  PARTIALLY_RECEIVED: {
    EDIT: R,
    DELETE: R,
    SEND: R,
    MARK_SENT_MANUALLY: R,
    RECEIVE: recv("PARTIALLY_RECEIVED", "PARTIALLY_RECEIVED", "RECEIVED"),
    CANCEL: R,
    CLOSE: "RECEIVED",
  },
  RECEIVED: {
    EDIT: R,
    DELETE: R,
    SEND: R,
    MARK_SENT_MANUALLY: R,
    RECEIVE: recv("RECEIVED", "RECEIVED", "RECEIVED"),
    CANCEL: R,
    CLOSE: R,
  },
  CANCELLED: {
    EDIT: R,
    DELETE: R,
    SEND: R,
    MARK_SENT_MANUALLY: R,
    RECEIVE: R,
    CANCEL: R,
    CLOSE: R,
  },
};

function outcome(status: OrderStatus, action: OrderAction, ctx: OrderActionContext): Outcome {
  try {
    return nextStatus(status, action, ctx);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe("ORDER_STATE");
    return "refused";
  }
}

describe("order status machine: every status × every action", () => {
  it("the table lists exactly the statuses and actions of the const lists", () => {
    expect(Object.keys(TABLE).sort()).toEqual([...ORDER_STATUSES].sort());
    for (const status of ORDER_STATUSES) expect(Object.keys(TABLE[status]).sort()).toEqual([...ORDER_ACTIONS].sort());
  });

  for (const status of ORDER_STATUSES) {
    for (const action of ORDER_ACTIONS) {
      const cell = TABLE[status]?.[action];
      it(`${status} × ${action}`, () => {
        expect(cell, `unclassified pair ${status} × ${action}`).toBeDefined();
        if (typeof cell === "object") {
          for (const progress of ["NONE", "PARTIAL", "COMPLETE"] as const) {
            expect(outcome(status, action, { ...OK_CONTEXT[action], progress }), `progress ${progress}`).toBe(cell[progress]);
          }
        } else {
          expect(outcome(status, action, { ...OK_CONTEXT[action], progress: "PARTIAL" })).toBe(cell);
        }
        // The screens' button check agrees with the machine.
        const refusedEverywhere = typeof cell === "object" ? Object.values(cell).every((o) => o === R) : cell === R;
        expect(actionAllowedIn(status, action)).toBe(!refusedEverywhere);
      });
    }
  }
});

describe("order status machine: what an action needs besides the status", () => {
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return (e as DomainError).code;
    }
    return "no error";
  };

  it("cancelling and closing need a reason that is not blank", () => {
    expect(code(() => nextStatus("SENT", "CANCEL", {}))).toBe("VALIDATION_FAILED");
    expect(code(() => nextStatus("DRAFT", "CANCEL", { reason: "   " }))).toBe("VALIDATION_FAILED");
    expect(code(() => nextStatus("PARTIALLY_RECEIVED", "CLOSE", { reason: null }))).toBe("VALIDATION_FAILED");
  });

  it("a status refusal wins over a missing reason (the user learns the real obstacle first)", () => {
    expect(code(() => nextStatus("RECEIVED", "CANCEL", {}))).toBe("ORDER_STATE");
  });

  it("sending by email needs the supplier's order email; marking sent by hand needs its absence", () => {
    expect(code(() => nextStatus("DRAFT", "SEND", { supplierHasOrderEmail: false, lineCount: 1 }))).toBe("SUPPLIER_NO_ORDER_EMAIL");
    expect(code(() => nextStatus("DRAFT", "MARK_SENT_MANUALLY", { supplierHasOrderEmail: true, lineCount: 1 }))).toBe(
      "SUPPLIER_HAS_ORDER_EMAIL",
    );
  });

  it("an order without lines is not sent either way", () => {
    expect(code(() => nextStatus("DRAFT", "SEND", { supplierHasOrderEmail: true, lineCount: 0 }))).toBe("ORDER_EMPTY");
    expect(code(() => nextStatus("DRAFT", "MARK_SENT_MANUALLY", { supplierHasOrderEmail: false }))).toBe("ORDER_EMPTY");
  });

  it("a receipt must say how far the order has been received", () => {
    expect(code(() => nextStatus("SENT", "RECEIVE", {}))).toBe("VALIDATION_FAILED");
  });

  it("the refusal names the status and the action, with a stable code and HTTP 409", () => {
    try {
      nextStatus("SENT", "EDIT");
      expect.unreachable();
    } catch (e) {
      const err = e as DomainError;
      expect(err.status).toBe(409);
      expect(err.details).toEqual({ status: "SENT", action: "EDIT" });
      expect(err.message).toBe("This order is sent: it cannot be edited. Only drafts are edited.");
    }
  });
});

describe("open and closed-short orders", () => {
  it("only sent and partly received orders are open (their missing quantities are on order)", () => {
    expect(ORDER_STATUSES.filter(isOpenOrder)).toEqual(["SENT", "PARTIALLY_RECEIVED"]);
  });

  it("a received order with a line below its quantity was closed short", () => {
    expect(
      isClosedShort("RECEIVED", [
        { quantity: 5, receivedQuantity: 5 },
        { quantity: 4, receivedQuantity: 1 },
      ]),
    ).toBe(true);
    expect(isClosedShort("RECEIVED", [{ quantity: 5, receivedQuantity: 6 }])).toBe(false);
    expect(isClosedShort("PARTIALLY_RECEIVED", [{ quantity: 5, receivedQuantity: 1 }])).toBe(false);
  });
});

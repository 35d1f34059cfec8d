import { describe, expect, it } from "vitest";
import type { OrderEmailState, OrderRow } from "./data.js";
import { emailStateText, orderNumber } from "./emailState.js";

const order = (over: Partial<OrderRow> = {}): OrderRow => ({
  id: "00000000-0000-4000-8000-000000000001",
  version: 1,
  supplierId: "00000000-0000-4000-8000-000000000002",
  deliveryLocationId: null,
  number: 7,
  currency: "GBP",
  status: "SENT",
  notes: null,
  createdById: null,
  sentById: null,
  sentAt: "2026-12-01T08:00:00.000Z",
  sentManually: false,
  emailed: true,
  receivedAt: null,
  cancelledAt: null,
  cancelReason: null,
  closedAt: null,
  closeReason: null,
  createdAt: "2026-12-01T07:00:00.000Z",
  ...over,
});

const email = (over: Partial<OrderEmailState>): OrderEmailState => ({
  orderId: order().id,
  state: "QUEUED",
  sentManually: false,
  recipient: "orders@supplier.test",
  queuedAt: "2026-12-01T08:00:00.000Z",
  sentAt: null,
  failedAt: null,
  lastError: null,
  attempts: 0,
  canRetry: false,
  ...over,
});

describe("emailStateText", () => {
  it("says queued, retrying with the last error, sending, sent at, or failed with the reason", () => {
    expect(emailStateText(order(), email({}))).toBe("queued");
    expect(emailStateText(order(), email({ lastError: "Provider timed out", attempts: 2 }))).toBe("queued (retrying: Provider timed out)");
    expect(emailStateText(order(), email({ state: "SENDING" }))).toBe("sending");
    expect(emailStateText(order(), email({ state: "SENT", sentAt: "2026-12-01T08:01:00.000Z" }))).toMatch(/^sent \S/);
    expect(emailStateText(order(), email({ state: "FAILED", lastError: "Recipient rejected", canRetry: true }))).toBe(
      "failed: Recipient rejected",
    );
  });

  it("says phoned in, not sent yet (a draft), or unknown when the server could not be asked", () => {
    expect(emailStateText(order({ sentManually: true, emailed: false }), undefined)).toBe("phoned in (no email)");
    expect(emailStateText(order({ status: "DRAFT", number: null, sentAt: null, emailed: false }), undefined)).toBe("not sent yet");
    expect(emailStateText(order(), undefined)).toBe("unknown offline");
  });
});

describe("orderNumber", () => {
  it("is the PO number the supplier's email carries, or draft until the server numbers it", () => {
    expect(orderNumber(order({ number: 7 }))).toBe("PO-0007");
    expect(orderNumber(order({ number: null }))).toBe("draft");
  });
});

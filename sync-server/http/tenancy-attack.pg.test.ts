/**
 * The tenancy attack suite. A user of practice A (an ADMIN: the most it can be) aims every mutation and
 * every route at practice B's ids. Each must be refused as "not found" (or refused outright), B must be
 * exactly as before, and the attempt must be on record. The attack lists are checked against the
 * registries, so a new mutation or route without its attack fails this file.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTE_ACCESS } from "../../shared/auth/routes.js";
import { MUTATION_NAMES, MUTATIONS, type MutationInput, type MutationName } from "../../shared/mutations/index.js";
import { testDatabase, type TestDatabase } from "../../test/db.js";
import { makePractice, type TestPractice } from "../../test/factories.js";
import { Browser } from "../../test/http.js";
import { startTestServer } from "../../test/server.js";
import { practiceSnapshot } from "../../test/tenant-snapshot.js";
import type { RunningServer } from "../server.js";

const PASSWORD = "tenancy-attack-pw";
let t: TestDatabase;
let a: TestPractice;
let b: TestPractice;
let server: RunningServer;
let attacker: Browser;
let victim: Browser;
const foreign = {} as {
  batchId: string;
  emailId: string;
  inviteId: string;
  clientId: string;
  sessionId: string;
  archivedLocationId: string;
} & { supplierId: string; archivedSupplierId: string; supplierItemId: string; archivedItemId: string; ownSupplierId: string } & {
  countSessionId: string;
  countConflictId: string;
  ownCountSessionId: string;
} & {
  orderId: string;
  sentOrderId: string;
  sentOrderItemId: string;
  templateId: string;
  ownDraftOrderId: string;
  ownSentOrderId: string;
};

beforeAll(async () => {
  t = await testDatabase();
  [a, b] = [await makePractice(t.db, { password: PASSWORD }), await makePractice(t.db, { password: PASSWORD })];
  server = await startTestServer(t.url);
  attacker = new Browser(server.url);
  victim = new Browser(server.url);
  await attacker.post("/api/auth/login", { email: a.users.ADMIN.email, password: PASSWORD });
  await victim.post("/api/auth/login", { email: b.users.ADMIN.email, password: PASSWORD });
  // B owns a batch, a dead email, an invite, an archived location, a sync client and a session.
  foreign.batchId = (await t.db.batch.create({ data: { practiceId: b.practiceId, itemId: b.itemIds[0]!, lot: "B-LOT" } })).id;
  foreign.emailId = (
    await t.db.emailOutbox.create({
      data: { practiceId: b.practiceId, kind: "magic_link", recipient: "b@example.test", status: "DEAD", data: {} },
    })
  ).id;
  foreign.inviteId = (
    await t.db.invite.create({
      data: {
        practiceId: b.practiceId,
        email: "new@b.test",
        role: "STAFF",
        tokenHash: randomUUID(),
        invitedById: b.users.ADMIN.id,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    })
  ).id;
  foreign.archivedLocationId = (await t.db.location.create({ data: { practiceId: b.practiceId, name: "B archived", archived: true } })).id;
  // Catalogue: B owns a supplier with a price for its item, an archived supplier and an archived item; A has a supplier of its own.
  foreign.supplierId = (await t.db.practiceSupplier.create({ data: { practiceId: b.practiceId, name: "B supplies" } })).id;
  foreign.archivedSupplierId = (
    await t.db.practiceSupplier.create({ data: { practiceId: b.practiceId, name: "B old supplier", archived: true } })
  ).id;
  foreign.supplierItemId = (
    await t.db.practiceSupplierItem.create({
      data: { practiceId: b.practiceId, practiceSupplierId: foreign.supplierId, itemId: b.itemIds[0]!, unitPrice: "3.5000" },
    })
  ).id;
  foreign.archivedItemId = (await t.db.item.create({ data: { practiceId: b.practiceId, name: "B retired item", archived: true } })).id;
  foreign.ownSupplierId = (await t.db.practiceSupplier.create({ data: { practiceId: a.practiceId, name: "A supplies" } })).id;
  // Counts: B has a session with a conflict; A has an open session of its own (to aim B's keys into it).
  foreign.countSessionId = (await t.db.countSession.create({ data: { practiceId: b.practiceId, locationId: b.locationId } })).id;
  foreign.countConflictId = (
    await t.db.countConflict.create({
      data: {
        practiceId: b.practiceId,
        sessionId: foreign.countSessionId,
        itemId: b.itemIds[0]!,
        locationId: b.locationId,
        kind: "DOUBLE_COUNT",
      },
    })
  ).id;
  foreign.ownCountSessionId = (await t.db.countSession.create({ data: { practiceId: a.practiceId } })).id;
  // Orders: B has a draft, a sent order (its email dead) with a line, and a template; A has a draft and a sent order of its own.
  const order = (data: { practiceId: string; practiceSupplierId: string; status?: "SENT"; emailOutboxId?: string }) =>
    t.db.order.create({ data: { ...data, updatedAt: new Date() } });
  foreign.orderId = (await order({ practiceId: b.practiceId, practiceSupplierId: foreign.supplierId })).id;
  await t.db.orderItem.create({ data: { practiceId: b.practiceId, orderId: foreign.orderId, itemId: b.itemIds[0]!, quantity: 2 } });
  foreign.sentOrderId = (
    await order({ practiceId: b.practiceId, practiceSupplierId: foreign.supplierId, status: "SENT", emailOutboxId: foreign.emailId })
  ).id;
  foreign.sentOrderItemId = (
    await t.db.orderItem.create({ data: { practiceId: b.practiceId, orderId: foreign.sentOrderId, itemId: b.itemIds[0]!, quantity: 2 } })
  ).id;
  foreign.templateId = (
    await t.db.orderTemplate.create({ data: { practiceId: b.practiceId, practiceSupplierId: foreign.supplierId, name: "B weekly" } })
  ).id;
  foreign.ownDraftOrderId = (await order({ practiceId: a.practiceId, practiceSupplierId: foreign.ownSupplierId })).id;
  foreign.ownSentOrderId = (await order({ practiceId: a.practiceId, practiceSupplierId: foreign.ownSupplierId, status: "SENT" })).id;
  await t.db.orderItem.create({ data: { practiceId: a.practiceId, orderId: foreign.ownSentOrderId, itemId: a.itemIds[0]!, quantity: 2 } });
  foreign.clientId = randomUUID();
  await victim.post("/api/sync/pull", { clientId: foreign.clientId, schemaVersion: 1, cursor: 0 });
  foreign.sessionId = (await victim.get("/api/auth/sessions")).json.sessions[0].id;
});
afterAll(async () => {
  await server.close();
  await t.drop();
});

/**
 * Per mutation: argument sets that point at B. An empty list says the mutation carries no foreign ids.
 * Keyed by MutationName and typed by each mutation's input: a new mutation without its entry, or an
 * attack whose arguments no longer fit the mutation, fails typecheck.
 */
const MUTATION_ATTACKS: { [N in MutationName]: () => MutationInput<N>[] } = {
  "location.create": () => [{ id: randomUUID(), name: "Under B", parentId: b.locationId }],
  "location.update": () => [
    { id: b.locationId, name: "Renamed by A" },
    { id: a.locationId, parentId: b.locationId },
  ],
  "location.archive": () => [{ id: b.locationId }],
  "location.unarchive": () => [{ id: foreign.archivedLocationId }],
  "stock.adjust": () => [
    { id: randomUUID(), locationId: b.locationId, itemId: a.itemIds[0]!, quantity: 5, reason: "FOUND" },
    { id: randomUUID(), locationId: a.locationId, itemId: b.itemIds[0]!, quantity: 5, reason: "FOUND" },
    { id: randomUUID(), locationId: a.locationId, itemId: a.itemIds[0]!, batchId: foreign.batchId, quantity: 5, reason: "FOUND" },
  ],
  "email.retry": () => [{ id: foreign.emailId }],
  // item.create names no other row; its id is probed by the "no existence oracle" case below.
  "item.create": () => [],
  "item.update": () => [
    { id: b.itemIds[0]!, name: "Renamed by A" },
    { id: b.itemIds[0]!, sku: "A-SKU" },
  ],
  "item.archive": () => [{ id: b.itemIds[0]! }],
  "item.unarchive": () => [{ id: foreign.archivedItemId }],
  "item.setPreferredSupplier": () => [
    { itemId: b.itemIds[0]!, supplierId: null },
    { itemId: a.itemIds[0]!, supplierId: foreign.supplierId },
  ],
  "supplier.create": () => [],
  "supplier.update": () => [{ id: foreign.supplierId, name: "Renamed by A" }],
  "supplier.archive": () => [{ id: foreign.supplierId }],
  "supplier.unarchive": () => [{ id: foreign.archivedSupplierId }],
  "supplierItem.set": () => [
    { id: randomUUID(), supplierId: foreign.supplierId, itemId: a.itemIds[0]!, unitPrice: "1.00" },
    { id: randomUUID(), supplierId: foreign.ownSupplierId, itemId: b.itemIds[0]!, unitPrice: "1.00" },
  ],
  "supplierItem.remove": () => [{ id: foreign.supplierItemId }],
  // A new item priced by B's supplier (its own id is new: nothing else of B's to name).
  "item.createWithPrices": () => [
    { id: randomUUID(), name: "Priced by B", prices: [{ id: randomUUID(), supplierId: foreign.supplierId, unitPrice: "1.00" }] },
  ],
  // batch.create checks its item before the derived id, so any id reaches the tenancy check.
  "batch.create": () => [{ id: randomUUID(), itemId: b.itemIds[0]!, lot: "A-PROBE", expiry: null }],
  "stock.transfer": () => [
    { id: randomUUID(), itemId: a.itemIds[0]!, fromLocationId: b.locationId, toLocationId: a.locationId, quantity: 1 },
    { id: randomUUID(), itemId: a.itemIds[0]!, fromLocationId: a.locationId, toLocationId: b.locationId, quantity: 1 },
    // Same location twice: the item and batch look-ups come before the distinct-locations rule.
    { id: randomUUID(), itemId: b.itemIds[0]!, fromLocationId: a.locationId, toLocationId: a.locationId, quantity: 1 },
    {
      id: randomUUID(),
      itemId: a.itemIds[0]!,
      batchId: foreign.batchId,
      fromLocationId: a.locationId,
      toLocationId: a.locationId,
      quantity: 1,
    },
  ],
  "stock.consume": () => [
    { id: randomUUID(), locationId: b.locationId, itemId: a.itemIds[0]!, quantity: 1 },
    { id: randomUUID(), locationId: a.locationId, itemId: b.itemIds[0]!, quantity: 1 },
    { id: randomUUID(), locationId: a.locationId, itemId: a.itemIds[0]!, batchId: foreign.batchId, quantity: 1 },
  ],
  "parLevel.set": () => [
    { itemId: b.itemIds[0]!, locationId: a.locationId, minQuantity: 1, maxQuantity: 5 },
    { itemId: a.itemIds[0]!, locationId: b.locationId, minQuantity: 1, maxQuantity: 5 },
  ],
  "stock.setItemLevels": () => [{ itemId: b.itemIds[0]!, reorderPoint: 1, maxStock: 5 }],
  "stock.setExpiryHorizon": () => [],
  "member.invite": () => [],
  "invite.revoke": () => [{ id: foreign.inviteId }],
  "member.changeRole": () => [{ userId: b.users.STAFF.id, role: "VIEWER" }],
  "member.remove": () => [{ userId: b.users.STAFF.id }],
  "member.leave": () => [],
  "practice.updateDetails": () => [],
  "onboarding.dismiss": () => [],
  "onboarding.complete": () => [],
  "count.start": () => [
    { id: randomUUID(), locationId: b.locationId },
    { id: randomUUID(), itemIds: [a.itemIds[0]!, b.itemIds[0]!] },
  ],
  "count.join": () => [{ sessionId: foreign.countSessionId }],
  "count.recordLine": () => [
    { id: randomUUID(), sessionId: foreign.countSessionId, itemId: a.itemIds[0]!, locationId: a.locationId, countedQuantity: 1 },
    { id: randomUUID(), sessionId: foreign.ownCountSessionId, itemId: b.itemIds[0]!, locationId: a.locationId, countedQuantity: 1 },
    { id: randomUUID(), sessionId: foreign.ownCountSessionId, itemId: a.itemIds[0]!, locationId: b.locationId, countedQuantity: 1 },
    {
      id: randomUUID(),
      sessionId: foreign.ownCountSessionId,
      itemId: a.itemIds[0]!,
      locationId: a.locationId,
      batchId: foreign.batchId,
      countedQuantity: 1,
    },
  ],
  "count.resolveConflict": () => [{ conflictId: foreign.countConflictId, choice: "USE_COUNTED" }],
  "count.cancel": () => [{ sessionId: foreign.countSessionId }],
  "count.complete": () => [
    { sessionId: foreign.countSessionId },
    { sessionId: foreign.countSessionId, resolveAll: "USE_COUNTED", zeroUncounted: true },
  ],
  "order.create": () => [
    { id: randomUUID(), supplierId: foreign.supplierId },
    { id: randomUUID(), supplierId: foreign.ownSupplierId, deliveryLocationId: b.locationId },
    { id: randomUUID(), supplierId: foreign.ownSupplierId, lines: [{ id: randomUUID(), itemId: b.itemIds[0]!, quantity: 1 }] },
  ],
  "order.update": () => [
    { orderId: foreign.orderId, notes: "Edited by A" },
    { orderId: foreign.ownDraftOrderId, deliveryLocationId: b.locationId },
  ],
  "order.setLine": () => [
    { orderId: foreign.orderId, id: randomUUID(), itemId: a.itemIds[0]!, quantity: 1 },
    { orderId: foreign.ownDraftOrderId, id: randomUUID(), itemId: b.itemIds[0]!, quantity: 1 },
  ],
  "order.removeLine": () => [{ orderId: foreign.orderId, itemId: b.itemIds[0]! }],
  "order.delete": () => [{ orderId: foreign.orderId }],
  "order.send": () => [{ orderId: foreign.orderId }],
  "order.markSentManually": () => [{ orderId: foreign.orderId }],
  "order.cancel": () => [{ orderId: foreign.orderId, reason: "A says so" }],
  "order.close": () => [{ orderId: foreign.sentOrderId, reason: "A says so" }],
  "order.retryEmail": () => [{ orderId: foreign.sentOrderId }],
  "orderTemplate.create": () => [
    {
      id: randomUUID(),
      name: "A into B",
      supplierId: foreign.supplierId,
      lines: [{ id: randomUUID(), itemId: a.itemIds[0]!, quantity: 1 }],
    },
    {
      id: randomUUID(),
      name: "B items",
      supplierId: foreign.ownSupplierId,
      lines: [{ id: randomUUID(), itemId: b.itemIds[0]!, quantity: 1 }],
    },
  ],
  "orderTemplate.update": () => [{ templateId: foreign.templateId, name: "Renamed by A" }],
  "orderTemplate.delete": () => [{ templateId: foreign.templateId }],
  "orderSettings.set": () => [],
  "receipt.post": () => [
    {
      id: randomUUID(),
      orderId: foreign.sentOrderId,
      locationId: a.locationId,
      lines: [{ id: randomUUID(), itemId: b.itemIds[0]!, orderItemId: foreign.sentOrderItemId, accepted: 1 }],
    },
    { id: randomUUID(), locationId: b.locationId, lines: [{ id: randomUUID(), itemId: a.itemIds[0]!, accepted: 1 }] },
    { id: randomUUID(), locationId: a.locationId, lines: [{ id: randomUUID(), itemId: b.itemIds[0]!, accepted: 1 }] },
    {
      id: randomUUID(),
      orderId: foreign.ownSentOrderId,
      locationId: a.locationId,
      lines: [{ id: randomUUID(), itemId: a.itemIds[0]!, orderItemId: foreign.sentOrderItemId, accepted: 1 }],
    },
  ],
};

/** Per route: how A could aim it at B, or null when the route carries no ids of another practice. */
const ROUTE_ATTACKS: Record<string, null | (() => Promise<{ status: number; body: Record<string, unknown> }>)> = {
  "GET /api/health": null,
  "GET /api/auth/csrf": null,
  "POST /api/auth/login": null,
  "POST /api/auth/logout": null,
  "POST /api/auth/signup": null,
  "POST /api/auth/magic-link": null,
  "POST /api/auth/magic-link/consume": null,
  "POST /api/auth/password-reset": null,
  "POST /api/auth/password-reset/consume": null,
  "POST /api/auth/invite/accept": null,
  "GET /api/me": null,
  "GET /api/session": null,
  "GET /api/auth/sessions": null,
  "POST /api/auth/sessions/:id/revoke": async () => wrap(await attacker.post(`/api/auth/sessions/${foreign.sessionId}/revoke`)),
  "POST /api/auth/logout-everywhere": null,
  "POST /api/auth/switch-practice": async () => wrap(await attacker.post("/api/auth/switch-practice", { practiceId: b.practiceId })),
  "GET /api/members": null,
  "GET /api/onboarding": null,
  "GET /api/owner/practices": null,
  "POST /api/sync/push": async () =>
    wrap(await attacker.post("/api/sync/push", { clientId: foreign.clientId, schemaVersion: 1, mutations: [] })),
  "POST /api/sync/pull": async () =>
    wrap(await attacker.post("/api/sync/pull", { clientId: foreign.clientId, schemaVersion: 1, cursor: 0 })),
  "GET /api/sync/poke": null,
  "GET /api/emails/failed": null,
  // The global catalogue is shared by every practice: a GTIN names no practice's row.
  "GET /api/catalogue/products/:gtin": null,
  "GET /api/counts/:id/devices": async () => wrap(await attacker.get(`/api/counts/${foreign.countSessionId}/devices`)),
  "GET /api/counts/:id/uncounted": async () => wrap(await attacker.get(`/api/counts/${foreign.countSessionId}/uncounted`)),
  "GET /api/stock/lots/:batchId/movements": async () => wrap(await attacker.get(`/api/stock/lots/${foreign.batchId}/movements`)),
  // Suggestions are computed from the caller's own practice only; no id goes in.
  "GET /api/orders/suggestions": null,
  "GET /api/orders/emails": null,
  "GET /api/orders/:orderId/email": async () => wrap(await attacker.get(`/api/orders/${foreign.sentOrderId}/email`)),
  // The supplier directory is shared by every practice: a search names no practice's row.
  "GET /api/suppliers/directory": null,
};
const wrap = (r: { status: number; json: Record<string, unknown> }) => ({ status: r.status, body: r.json });

describe("tenancy attack suite", () => {
  it("has an attack (or an explicit 'no foreign ids') for every mutation and every route", () => {
    expect(Object.keys(MUTATION_ATTACKS).sort()).toEqual(expect.arrayContaining(Object.keys(MUTATIONS).sort()));
    expect(Object.keys(ROUTE_ATTACKS).sort()).toEqual(Object.keys(ROUTE_ACCESS).sort());
  });

  it.each(MUTATION_NAMES)("mutation %s aimed at practice B is refused and changes nothing", async (name) => {
    const attacks = MUTATION_ATTACKS[name]();
    for (const args of attacks) {
      const before = await practiceSnapshot(t.db, b.practiceId);
      const clientId = randomUUID();
      const res = await attacker.post("/api/sync/push", {
        clientId,
        schemaVersion: 1,
        mutations: [{ id: randomUUID(), seq: 1, name, args, clientTime: "now" }],
      });
      expect(res.status).toBe(200);
      expect(res.json.results[0]).toMatchObject({ status: "rejected", code: expect.stringMatching(/^(NOT_FOUND|FORBIDDEN)$/) });
      expect(await practiceSnapshot(t.db, b.practiceId)).toBe(before);
      // On record: the refusal is stored with its code against the attacker's practice and client.
      expect(await t.db.mutationResult.findFirst({ where: { clientId, practiceId: a.practiceId, status: "REJECTED" } })).toBeTruthy();
    }
  });

  it.each(Object.keys(ROUTE_ACCESS).filter((k) => ROUTE_ATTACKS[k]))(
    "route %s aimed at practice B is refused and changes nothing",
    async (key) => {
      const before = await practiceSnapshot(t.db, b.practiceId);
      const { status, body } = await ROUTE_ATTACKS[key]!()!;
      expect([403, 404]).toContain(status);
      expect(JSON.stringify(body)).not.toContain(b.practiceId);
      expect(await practiceSnapshot(t.db, b.practiceId)).toBe(before);
      expect((await victim.get("/api/me")).status).toBe(200); // B's session is untouched
    },
  );

  it("B's rows never show up in A's pull", async () => {
    const res = await attacker.post("/api/sync/pull", { clientId: randomUUID(), schemaVersion: 1, cursor: 0 });
    const text = JSON.stringify(res.json);
    for (const id of [b.locationId, ...b.itemIds, foreign.batchId]) expect(text).not.toContain(id);
  });
});

describe("a taken id is no existence oracle", () => {
  /** A's answer to one mutation, without the parts that differ by request (seq and id). */
  async function refusalOf(name: string, args: Record<string, unknown>) {
    const res = await attacker.post("/api/sync/push", {
      clientId: randomUUID(),
      schemaVersion: 1,
      mutations: [{ id: randomUUID(), seq: 1, name, args, clientTime: "now" }],
    });
    expect(res.status).toBe(200);
    const { seq: _seq, id: _id, ...rest } = res.json.results[0] as Record<string, unknown>;
    return rest;
  }

  it("creating with B's id answers byte for byte what creating with one of A's own taken ids answers", async () => {
    // Ids taken in B (B's location, invite and stock adjustment) and ids A itself already used.
    const bAdjustment = randomUUID();
    const pushed = await victim.post("/api/sync/push", {
      clientId: randomUUID(),
      schemaVersion: 1,
      mutations: [
        {
          id: randomUUID(),
          seq: 1,
          name: "stock.adjust",
          args: { id: bAdjustment, locationId: b.locationId, itemId: b.itemIds[0], quantity: 1, reason: "FOUND" },
          clientTime: "now",
        },
      ],
    });
    expect(pushed.json.results[0].status).toBe("applied");
    const aAdjustment = randomUUID();
    expect(
      await refusalOf("stock.adjust", { id: aAdjustment, locationId: a.locationId, itemId: a.itemIds[0], quantity: 1, reason: "FOUND" }),
    ).toEqual({ status: "applied" });
    const aInvite = (
      await t.db.invite.create({
        data: {
          practiceId: a.practiceId,
          email: "taken@a.test",
          role: "STAFF",
          tokenHash: randomUUID(),
          invitedById: a.users.ADMIN.id,
          expiresAt: new Date(Date.now() + 86_400_000),
        },
      })
    ).id;

    const cases: [string, (id: string) => Record<string, unknown>, string, string][] = [
      ["location.create", (id) => ({ id, name: "Probe", parentId: null }), b.locationId, a.locationId],
      ["item.create", (id) => ({ id, name: `Probe ${randomUUID().slice(0, 6)}` }), b.itemIds[0]!, a.itemIds[0]!],
      ["member.invite", (id) => ({ id, email: `probe-${randomUUID().slice(0, 6)}@a.test`, role: "STAFF" }), foreign.inviteId, aInvite],
      [
        "stock.adjust",
        (id) => ({ id, locationId: a.locationId, itemId: a.itemIds[1], quantity: 1, reason: "FOUND" }),
        bAdjustment,
        aAdjustment,
      ],
    ];
    for (const [name, args, ofB, ofA] of cases) {
      const before = await practiceSnapshot(t.db, b.practiceId);
      const foreignAnswer = await refusalOf(name, args(ofB));
      const ownAnswer = await refusalOf(name, args(ofA));
      expect(JSON.stringify(foreignAnswer), name).toBe(JSON.stringify(ownAnswer));
      expect(foreignAnswer, name).toMatchObject({ status: "rejected" });
      // The refusal names no identity: "already exists" would confirm the id is in use somewhere.
      expect(foreignAnswer.code, name).not.toBe("ALREADY_EXISTS");
      expect(String(foreignAnswer.message), name).not.toMatch(/exist|already|taken|duplicate/i);
      expect(await practiceSnapshot(t.db, b.practiceId)).toBe(before);
    }
  });
});

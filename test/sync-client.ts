/**
 * A scripted sync client for tests: allocates seqs like a real replica and calls push/pull directly.
 */
import { randomUUID } from "node:crypto";
import type { Role } from "../shared/auth/roles.js";
import type { MutationInput, MutationName } from "../shared/mutations/index.js";
import type { PushMutation, PushResponse } from "../shared/protocol/push.js";
import { pullResponse, type PullRequest, type PullResponse } from "../shared/protocol/pull.js";
import { ENTITY_SCHEMAS } from "../shared/protocol/entities.js";
import { REPLICA_SCHEMA_VERSION } from "../shared/protocol/version.js";
import type { Db } from "../sync-server/db/prisma.js";
import { createLogger } from "../sync-server/log/logger.js";
import { pull, type PullAnswer } from "../sync-server/sync/pull.js";
import { DEFAULT_PUSH_CHUNK } from "../sync-server/config/env.js";
import { push, pushGroups, type PushGroups, type PushMode } from "../sync-server/sync/push.js";
import { SERVER_BATCH_MUTATORS, SERVER_MUTATORS } from "../sync-server/domains/server-mutators.js";
import { globalCatalogue } from "../sync-server/domains/catalogue/global-catalogue.js";

const log = createLogger("silent");

/**
 * A pull answer as the app reads it: the text parsed, checked against the contract, and every row against
 * its entity's schema, with no field the schema does not know (PostgreSQL writes the rows: this is where
 * the tests hold them to the wire format).
 */
export function decodePull(answer: PullAnswer): PullResponse {
  const page = pullResponse.parse(JSON.parse(answer.json));
  for (const { entity, row } of page.changes) {
    const schema = ENTITY_SCHEMAS[entity];
    schema.parse(row);
    const unknown = Object.keys(row).filter((k) => !(k in schema.shape));
    if (unknown.length) throw new Error(`${entity} row has fields outside its schema: ${unknown.join(", ")}`);
  }
  return page;
}

/** pull() with its answer decoded (decodePull). */
export async function pullPage(db: Db, who: Parameters<typeof pull>[1], req: PullRequest, pageSize?: number): Promise<PullResponse> {
  return decodePull(await pull(db, who, req, pageSize));
}

export class TestClient {
  readonly clientId = randomUUID();
  private nextSeq = 1;

  constructor(
    private readonly db: Db,
    readonly session: { practiceId: string; userId: string; role: Role },
    private readonly mode: PushMode = "per-mutation",
    private readonly chunk = DEFAULT_PUSH_CHUNK,
    /** Whether push may apply runs set-based (the app's setting); off to compare with one by one. */
    private readonly batches = true,
    /** A group commit shared with other clients (testGroups), as the server's per-batch mode has one per process. */
    private readonly groups?: PushGroups,
  ) {}

  /** Queues a mutation (does not send it). Name and arguments are checked by the compiler, like the app's. */
  mutation<N extends MutationName>(name: N, args: MutationInput<N>): PushMutation {
    return this.rawMutation(name, args);
  }

  /** Queues anything at all, for tests of what a hostile or outdated client may send (unknown names, bad args). */
  rawMutation(name: string, args: unknown): PushMutation {
    return { id: randomUUID(), seq: this.nextSeq++, name, args, clientTime: new Date().toISOString() };
  }

  push(mutations: PushMutation[], onCommitted?: (p: string) => void): Promise<PushResponse> {
    return push(
      {
        db: this.db,
        mutators: SERVER_MUTATORS,
        batchMutators: this.batches ? SERVER_BATCH_MUTATORS : undefined,
        catalogue: globalCatalogue(this.db),
        log,
        mode: this.mode,
        chunk: this.chunk,
        onCommitted,
        groups: this.groups,
      },
      this.session,
      { clientId: this.clientId, schemaVersion: REPLICA_SCHEMA_VERSION, mutations },
      "test-request",
    );
  }

  pull(cursor: number, limit?: number): Promise<PullResponse> {
    return pullPage(this.db, this.session, { clientId: this.clientId, schemaVersion: REPLICA_SCHEMA_VERSION, cursor, limit });
  }

  /** Pulls every page from `cursor`; returns the rows by entity and id, the tombstones and the final cursor. */
  async pullAll(cursor = 0, limit?: number) {
    const rows = new Map<string, Record<string, unknown>>();
    let pages = 0;
    let lastSeq = 0;
    for (;;) {
      const page = await this.pull(cursor, limit);
      pages++;
      for (const c of page.changes) rows.set(`${c.entity}:${c.row.id as string}`, c.row);
      for (const d of page.deletes) rows.delete(`${d.entity}:${d.id}`);
      cursor = page.cursor;
      lastSeq = page.lastSeq;
      if (!page.hasMore) return { rows, cursor, pages, lastSeq };
    }
  }
}

/** A group commit for TestClients of `db`, as the sync router creates one per server process. */
export function testGroups(db: Db, chunk = DEFAULT_PUSH_CHUNK): PushGroups {
  return pushGroups({ db, mutators: SERVER_MUTATORS, batchMutators: SERVER_BATCH_MUTATORS, catalogue: globalCatalogue(db) }, chunk);
}

/**
 * count.recordLine for a run of lines in one push chunk: a tablet back from a day offline pushes
 * hundreds at once. Two statements for the whole run (every key's context read together, every row
 * written together) instead of three round trips a line; each line is judged by the same judgeLine as
 * the single mutator. Lines of one key interact (a recount supersedes the device's older line, the
 * conflicts are per key), so a run that names a key twice goes one by one: push's fallback.
 */
import type { MutationArgs } from "../../../shared/mutations/index.js";
import { oneByOne, type BatchEntry, type MutatorResult } from "../../sync/mutator-context.js";
import { readLineContexts, writeLines, type LineWrite } from "./line-store.js";
import { judgeLine } from "./line-judge.js";

type Entry = BatchEntry<MutationArgs<"count.recordLine">>;

const keyOf = ({ args: a }: Entry) => `${a.sessionId}|${a.itemId}|${a.locationId}|${a.batchId ?? ""}`;

export async function recordLinesBatch(entries: readonly Entry[]): Promise<MutatorResult[]> {
  if (new Set(entries.map(keyOf)).size !== entries.length) {
    throw oneByOne("count.recordLine", "it counts one key twice");
  }
  const { tx, practiceId } = entries[0]!.ctx;
  const contexts = await readLineContexts(
    tx,
    practiceId,
    entries.map((e) => e.args),
  );
  const writes: LineWrite[] = [];
  const results: MutatorResult[] = [];
  for (const [i, { ctx, args }] of entries.entries()) {
    const judged = await judgeLine(ctx, args, contexts[i]!);
    writes.push({
      w: { practiceId, version: ctx.version, requestId: ctx.requestId, mutationId: ctx.mutationId },
      line: judged.line,
      supersedes: judged.supersedes,
      conflicts: judged.conflicts,
    });
    results.push(judged.result);
  }
  await writeLines(tx, writes);
  return results;
}

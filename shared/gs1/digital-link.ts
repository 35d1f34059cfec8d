/**
 * GS1 Digital Link URIs: https://<any host>/[any path prefix/]<key AI>/<value>[/<qualifier AI>/<value>...]
 * [?<AI>=<value>&...]. Path keys and query attributes are AIs; values are percent-decoded. Query
 * parameters that are not AIs (linkType, ...) are not data and are ignored.
 */
import { aiEntry } from "./ai.js";
import type { AiPair } from "./fields.js";
import type { ReadPairs } from "./element-string.js";
import type { ScanIssue } from "./types.js";

export function looksLikeUri(text: string): boolean {
  return /^https?:\/\//i.test(text);
}

/** The pairs of a Digital Link URI, or undefined when the URI carries no GS1 primary key. */
export function readDigitalLink(text: string): ReadPairs | undefined {
  const withoutFragment = text.split("#", 1)[0]!;
  const queryAt = withoutFragment.indexOf("?");
  const beforeQuery = queryAt < 0 ? withoutFragment : withoutFragment.slice(0, queryAt);
  const query = queryAt < 0 ? "" : withoutFragment.slice(queryAt + 1);
  const path = beforeQuery.replace(/^https?:\/\/[^/]*/i, "");
  const segments = path.split("/").filter((s) => s !== "");

  const keyAt = segments.findIndex((segment, i) => isKeyPath(segments, i) && aiEntry(segment)?.dlPrimaryKey);
  if (keyAt < 0) return undefined;

  const pairs: AiPair[] = [];
  const issues: ScanIssue[] = [];
  const add = (ai: string, encoded: string) => {
    try {
      pairs.push({ ai, value: normaliseKey(ai, decodeURIComponent(encoded)) });
    } catch {
      issues.push({ code: "bad-percent-encoding", ai, value: encoded, reason: `(${ai}) has broken percent-encoding: ${encoded}` });
    }
  };
  for (let i = keyAt; i < segments.length; i += 2) add(segments[i]!, segments[i + 1]!);
  for (const parameter of query.split("&")) {
    const eq = parameter.indexOf("=");
    if (eq < 0) continue;
    const key = parameter.slice(0, eq);
    // Only numeric keys are AIs; '+' is kept literally (it is in GS1's character set, space is not).
    if (/^\d{2,4}$/.test(key)) add(key, parameter.slice(eq + 1));
  }
  return { pairs, issues };
}

// From the key on, the path must be AI/value pairs to the end.
function isKeyPath(segments: string[], at: number): boolean {
  if ((segments.length - at) % 2 !== 0) return false;
  for (let i = at; i < segments.length; i += 2) if (!/^\d{2,4}$/.test(segments[i]!)) return false;
  return true;
}

// Digital Link allows a GTIN-8/12/13 in the path; look-ups use 14 digits.
function normaliseKey(ai: string, value: string): string {
  return ai === "01" && /^(\d{8}|\d{12}|\d{13})$/.test(value) ? value.padStart(14, "0") : value;
}

/**
 * Reads the text of GS1's Barcode Syntax Dictionary into AiEntry records. Used by the generator only;
 * kept apart so its line grammar can be tested without touching the file system.
 *
 * Line grammar (from the dictionary's own header):
 *   AIs  [Flags]  Specification  [Attributes...]  [# Title]
 */
import type { AiCharset, AiComponent, AiEntry } from "../ai-types.js";

const FLAG_CHARS = "*!?\"$%&'()+,-./:;<=>@[\\]^_`{|}~";
const COMPONENT = /^(\[)?([NXYZ])(\.\.)?(\d+)(\])?((?:,[A-Za-z0-9]+)*)$/;
const AI_RANGE = /^(\d{2,4})(?:-(\d{2,4}))?$/;

export interface Dictionary {
  release: string;
  entries: AiEntry[];
}

export function parseDictionary(text: string): Dictionary {
  const release = /^#\s*Release:\s*(\S+)/m.exec(text)?.[1];
  if (!release) throw new Error("dictionary has no '# Release:' line");
  const entries: AiEntry[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (/^\s*(#|$)/.test(line)) return;
    try {
      entries.push(parseLine(line));
    } catch (error) {
      throw new Error(`line ${index + 1}: ${(error as Error).message}: ${line}`);
    }
  });
  return { release, entries };
}

export function parseLine(line: string): AiEntry {
  const hash = line.indexOf("#");
  const title = hash >= 0 ? line.slice(hash + 1).trim() : "";
  const tokens = (hash >= 0 ? line.slice(0, hash) : line).trim().split(/\s+/);
  const range = AI_RANGE.exec(tokens.shift() ?? "");
  if (!range) throw new Error("no AI or AI range");
  let flags = "";
  if (tokens[0] && [...tokens[0]].every((c) => FLAG_CHARS.includes(c))) flags = tokens.shift() ?? "";

  const components: AiComponent[] = [];
  while (tokens[0] && COMPONENT.test(tokens[0])) components.push(parseComponent(tokens.shift() ?? ""));
  if (components.length === 0) throw new Error("no specification");

  const entry: AiEntry = {
    ai: range[1]!,
    ...(range[2] ? { last: range[2] } : {}),
    title,
    predefinedLength: flags.includes("*"),
    dlAttribute: flags.includes("?"),
    dlPrimaryKey: false,
    components,
  };
  for (const token of tokens) {
    const [key, value] = token.split("=", 2) as [string, string | undefined];
    if (key === "dlpkey") {
      entry.dlPrimaryKey = true;
      if (value) entry.dlQualifiers = value.split("|").map((seq) => seq.split(","));
    } else if ((key === "req" || key === "ex") && value) {
      (entry[key] ??= []).push(value);
    } else {
      throw new Error(`unknown attribute ${token}`);
    }
  }
  if (entry.predefinedLength && components.some((c) => c.min !== c.max || c.optional)) {
    throw new Error("predefined-length AI with a variable component");
  }
  return entry;
}

function parseComponent(token: string): AiComponent {
  const m = COMPONENT.exec(token)!;
  const length = Number(m[4]);
  return {
    charset: m[2] as AiCharset,
    min: m[3] ? 1 : length,
    max: length,
    optional: Boolean(m[1]),
    linters: m[6] ? m[6].slice(1).split(",") : [],
  };
}

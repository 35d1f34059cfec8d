import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, logFormat } from "./logger.js";

/** A stream that keeps everything written to it. */
function capture() {
  const out = new PassThrough();
  let text = "";
  out.on("data", (c: Buffer) => (text += c.toString()));
  return { out, text: () => text };
}

describe("log format", () => {
  it("is JSON in production, pretty elsewhere, and LOG_FORMAT decides when set", () => {
    expect(logFormat({ NODE_ENV: "production" })).toBe("json");
    expect(logFormat({ NODE_ENV: "development" })).toBe("pretty");
    expect(logFormat({})).toBe("pretty");
    expect(logFormat({ NODE_ENV: "production", LOG_FORMAT: "pretty" })).toBe("pretty");
    expect(logFormat({ NODE_ENV: "development", LOG_FORMAT: "json" })).toBe("json");
    expect(logFormat({ NODE_ENV: "development", LOG_FORMAT: "xml" })).toBe("pretty");
  });

  it("pretty lines are for people (no JSON), JSON lines for machines, and both redact secrets", async () => {
    const pretty = capture();
    createLogger("info", { format: "pretty", destination: pretty.out }).info({ password: "hunter2", port: 3000 }, "Venzory is listening");
    const json = capture();
    createLogger("info", { format: "json", destination: json.out }).info({ password: "hunter2", port: 3000 }, "Venzory is listening");
    await new Promise((r) => setImmediate(r));

    expect(pretty.text()).toContain("INFO");
    expect(pretty.text()).toContain("Venzory is listening");
    expect(() => JSON.parse(pretty.text())).toThrow();
    const line = JSON.parse(json.text()) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 30, msg: "Venzory is listening", port: 3000, password: "[redacted]" });
    for (const text of [pretty.text(), json.text()]) expect(text).not.toContain("hunter2");
  });
});

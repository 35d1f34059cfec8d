import { describe, expect, it } from "vitest";
import { formatSyncTime } from "./format.js";

describe("formatSyncTime", () => {
  it("describes recent syncs relatively", () => {
    const now = new Date("2026-03-02T10:00:00Z");
    expect(formatSyncTime(null, now)).toBe("never");
    expect(formatSyncTime("2026-03-02T09:59:40Z", now)).toBe("just now");
    expect(formatSyncTime("2026-03-02T09:55:00Z", now)).toBe("5 min ago");
  });
});

import { describe, expect, it } from "vitest";
import { syncAnnouncement } from "./syncAnnouncement.js";

const base = { online: true, pending: 0, problems: 0, pushError: null };

describe("syncAnnouncement", () => {
  it("says all is synced only when nothing waits and nothing is to review", () => {
    expect(syncAnnouncement(base)).toBe("Online. All changes synced.");
    expect(syncAnnouncement({ ...base, problems: 2 })).toBe("Online. No changes waiting. 2 problems to review.");
  });

  it("does not change with the number of waiting changes (one announcement, not one per change)", () => {
    expect(syncAnnouncement({ ...base, pending: 1 })).toBe(syncAnnouncement({ ...base, pending: 20 }));
    expect(syncAnnouncement({ ...base, pending: 3 })).toBe("Online. Changes are waiting to sync.");
  });

  it("says when the device is offline and when the server refuses the changes", () => {
    expect(syncAnnouncement({ ...base, online: false, pending: 2 })).toBe(
      "Offline. Changes are kept on this device and sync when the connection is back.",
    );
    expect(syncAnnouncement({ ...base, pending: 2, pushError: "Forbidden." })).toBe(
      "Online. Changes are waiting: the server is not accepting them yet.",
    );
    expect(syncAnnouncement({ ...base, online: false })).toBe("Offline. All changes synced.");
  });

  it("never says all is synced before the device has synced once", () => {
    expect(syncAnnouncement({ ...base, neverSynced: true })).toBe("Online. Not synced yet.");
    expect(syncAnnouncement({ ...base, neverSynced: true, online: false })).toBe("Offline. Not synced yet.");
  });

  it("says while the practice's data is still loading, once (not per page)", () => {
    expect(syncAnnouncement({ ...base, loading: true })).toBe("Online. Loading practice data. No changes waiting.");
  });
});

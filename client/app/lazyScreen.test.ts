import { describe, expect, it, vi } from "vitest";
import { allowScreenPreload, lazyScreen } from "./lazyScreen.js";

describe("lazyScreen", () => {
  it("loads nothing ahead of being shown until someone has signed in, then loads as the router asks", async () => {
    const importer = vi.fn(() => Promise.resolve({ Screen: () => null }));
    const screen = lazyScreen(importer, "Screen") as { preload?: () => Promise<void> };
    await screen.preload?.();
    expect(importer).not.toHaveBeenCalled();
    allowScreenPreload();
    await screen.preload?.();
    expect(importer).toHaveBeenCalledTimes(1);
  });
});

import { describe, expect, it } from "vitest";
import { pageTitle } from "./pageTitle.js";

describe("pageTitle", () => {
  it("names each screen of the signed-in app", () => {
    expect(pageTitle("/", true)).toBe("Overview — Venzory");
    expect(pageTitle("/items", true)).toBe("Items — Venzory");
    expect(pageTitle("/items/new", true)).toBe("New item — Venzory");
    expect(pageTitle("/items/0b7c", true)).toBe("Item — Venzory");
    expect(pageTitle("/suppliers/new", true)).toBe("New supplier — Venzory");
    expect(pageTitle("/locations/abc", true)).toBe("Location stock — Venzory");
    expect(pageTitle("/stock/expiring", true)).toBe("Expiring soon — Venzory");
    expect(pageTitle("/counts/s1", true)).toBe("Count — Venzory");
    expect(pageTitle("/counts/s1/review", true)).toBe("Count review — Venzory");
    expect(pageTitle("/import-export", true)).toBe("Import and export — Venzory");
    expect(pageTitle("/orders", true)).toBe("Orders — Venzory");
    expect(pageTitle("/orders/suggestions", true)).toBe("Suggested orders — Venzory");
    expect(pageTitle("/orders/0b7c", true)).toBe("Order — Venzory");
  });

  it("says sign in while signed out, except on the pages emailed links open", () => {
    expect(pageTitle("/items", false)).toBe("Sign in — Venzory");
    expect(pageTitle("/auth/reset", false)).toBe("Choose a new password — Venzory");
    expect(pageTitle("/auth/signup", true)).toBe("Create a practice — Venzory");
  });

  it("falls back to the app's name for a path no screen has", () => {
    expect(pageTitle("/stock/nothing", true)).toBe("Venzory");
    expect(pageTitle("/a/b/c/d", true)).toBe("Venzory");
  });
});

import { describe, expect, it } from "vitest";
import { pathFromLegacyHash } from "./router.js";

describe("old hash links", () => {
  it("emailed links keep their page and token on the real path", () => {
    expect(pathFromLegacyHash("#/auth/magic?token=abc_DEF-1")).toBe("/auth/magic?token=abc_DEF-1");
    expect(pathFromLegacyHash("#/auth/reset?token=x%2By")).toBe("/auth/reset?token=x%2By");
    expect(pathFromLegacyHash("#/auth/invite?token=t1")).toBe("/auth/invite?token=t1");
    expect(pathFromLegacyHash("#/auth/signup")).toBe("/auth/signup");
  });

  it("screens map to their paths; unknown ones to the location list, as before", () => {
    expect(pathFromLegacyHash("#/locations/3f1c2a9e-0000-4000-8000-000000000001")).toBe("/locations/3f1c2a9e-0000-4000-8000-000000000001");
    expect(pathFromLegacyHash("#/locations")).toBe("/");
    expect(pathFromLegacyHash("#/")).toBe("/");
    for (const name of ["members", "account", "owner"]) expect(pathFromLegacyHash(`#/${name}`)).toBe(`/${name}`);
    expect(pathFromLegacyHash("#/nonsense/x")).toBe("/");
    expect(pathFromLegacyHash("#/auth/other?token=1")).toBe("/");
  });

  it("leaves other hashes alone", () => {
    expect(pathFromLegacyHash("")).toBeNull();
    expect(pathFromLegacyHash("#section")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { loadConfig } from "./env.js";

describe("loadConfig", () => {
  it("applies defaults in development", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ NODE_ENV: "development", PORT: 3000, HOST: "127.0.0.1" });
  });
  it("names the bad variable and what it is for", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/PORT: .*HTTP port/);
    expect(() => loadConfig({ DATABASE_URL: "not a url" })).toThrow(/DATABASE_URL/);
  });
  it("requires the database, Redis, a session secret and an email provider key in production", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(
      /DATABASE_URL, DATABASE_APP_URL, DATABASE_SYSTEM_URL, REDIS_URL, SESSION_SECRET, CSRF_SECRET, RESEND_API_KEY must be set in production/,
    );
    expect(() =>
      loadConfig({
        NODE_ENV: "production",
        DATABASE_URL: "postgresql://db/v",
        DATABASE_APP_URL: "postgresql://app@db/v",
        DATABASE_SYSTEM_URL: "postgresql://sys@db/v",
        REDIS_URL: "redis://r:6379",
        SESSION_SECRET: "s".repeat(32),
        CSRF_SECRET: "c".repeat(32),
        RESEND_API_KEY: "re_x",
      }),
    ).not.toThrow();
  });
});

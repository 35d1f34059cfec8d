/**
 * "Rate limit store unavailable" is an alarm about Redis. A client that hangs up mid-request (its
 * address gone before the limiter asks for it) is not a Redis outage, and must not raise that alarm,
 * nor be answered as an internal error.
 */
import { connect } from "node:net";
import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { practiceFixture } from "../../test/fixtures.js";
import { Browser } from "../../test/http.js";
import { startTestServer } from "../../test/server.js";

const PASSWORD = "aborted-request-pw";
const f = practiceFixture({ password: PASSWORD });

/** Sends a whole sign-in request, then resets the connection at once. */
function signInAndHangUp(port: number, cookie: string, csrf: string, body: string) {
  return new Promise<void>((resolve) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(
        `POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nCookie: ${cookie}\r\nX-CSRF-Token: ${csrf}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      socket.resetAndDestroy();
      setTimeout(resolve, 5);
    });
    socket.on("error", () => resolve());
  });
}

describe("rate-limit log", () => {
  it("does not report a store outage (or an internal error) for requests whose client hung up", async () => {
    const lines: { msg: string; err?: unknown }[] = [];
    const logger = pino({ level: "warn" }, new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) }));
    const s = await startTestServer(f.t.url, { logger });
    try {
      const b = new Browser(s.url);
      await b.get("/api/auth/csrf");
      const body = JSON.stringify({ email: f.p.users.STAFF.email, password: PASSWORD });
      for (let i = 0; i < 100; i++) await signInAndHangUp(s.port, b.cookieHeader(), b.csrfToken()!, body);
      expect((await b.post("/api/auth/login", JSON.parse(body))).status).toBe(200); // Redis was up all along
      await new Promise((r) => setTimeout(r, 200)); // let the last hung-up requests finish
      const alarms = lines.filter((l) => /rate limit store unavailable|unhandled error/.test(l.msg));
      console.log(`alarm lines: ${alarms.length}${alarms[0] ? ` — first: ${alarms[0].msg}: ${JSON.stringify(alarms[0].err)}` : ""}`);
      expect(alarms).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

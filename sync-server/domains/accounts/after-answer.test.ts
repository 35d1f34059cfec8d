import { describe, expect, it } from "vitest";
import { createLogger } from "../../log/logger.js";
import { AfterAnswer } from "./after-answer.js";

const log = createLogger("silent");
const tick = () => new Promise((r) => setTimeout(r, 5));

describe("work after the answer", () => {
  it("starts only after the caller continued, and drain waits for it (and for work it scheduled)", async () => {
    const q = new AfterAnswer();
    const events: string[] = [];
    await q.schedule(log, "first", async () => {
      events.push("work");
      await tick();
      void q.schedule(log, "second", async () => void events.push("more"));
    });
    events.push("answered");
    await q.drain();
    expect(events).toEqual(["answered", "work", "more"]);
  });

  it("logs a failure instead of throwing it", async () => {
    const q = new AfterAnswer();
    const lines: unknown[] = [];
    const spy = { ...log, error: (obj: unknown) => void lines.push(obj) } as typeof log;
    await q.schedule(spy, "boom", async () => Promise.reject(new Error("database away")));
    await q.drain();
    expect(lines).toEqual([{ err: "database away", work: "boom" }]);
  });

  it("runs at most maxRunning at once; with the backlog full the caller waits for its own work", async () => {
    const q = new AfterAnswer(1, 1);
    let running = 0;
    let most = 0;
    const work = async () => {
      most = Math.max(most, ++running);
      await tick();
      running--;
    };
    let thirdDone = false;
    await q.schedule(log, "1", work);
    await q.schedule(log, "2", work);
    await tick(); // the first runs, the second waits: the backlog is full
    await q.schedule(log, "3", () => work().then(() => void (thirdDone = true)));
    expect(thirdDone).toBe(true);
    await q.drain();
    expect(most).toBe(1);
  });
});

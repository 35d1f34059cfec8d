/**
 * A second API instance for the benchmark's scale-out scenario, in a process of its own (forked by
 * startSecondInstance in instances.ts): the same server, database, Redis prefix and secrets as the
 * bench's in-process instance, as docs/operations.md runs N instances behind a load balancer. It
 * answers "usage" with its own CPU and statements, so the report can add them to the first instance's.
 */
import { startInProcess, type InstanceMessage, type InstanceSetup } from "./instances.js";
import { installQueryCounter, queriesSoFar } from "./query-count.js";

const send = (m: InstanceMessage) => process.send!(m);

installQueryCounter();
process.once("message", (setup: InstanceSetup) => {
  startInProcess(setup)
    .then((server) => {
      send({ kind: "listening", url: server.url });
      process.on("message", (m: "usage" | "close") => {
        if (m === "usage") {
          const cpu = process.cpuUsage();
          send({ kind: "usage", cpuMs: (cpu.user + cpu.system) / 1000, queries: queriesSoFar() });
        } else void server.close().finally(() => process.exit(0));
      });
    })
    .catch((err: Error) => send({ kind: "failed", error: err.message }));
});

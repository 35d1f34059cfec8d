/**
 * The tablets of the benchmark's concurrent scenario, in a process of their own (forked by
 * concurrentPush in scenarios.ts): signs them in and warms them up, says "ready", pushes on "go", and
 * sends back what each request took.
 */
import { prepareClients, type ClientsMessage, type ConcurrentOptions } from "./scenarios.js";
import type { SeededPractice } from "./data.js";

const send = (m: ClientsMessage) => process.send!(m);

process.once("message", (setup: { urls: string[]; label: string; practices: SeededPractice[]; opts: ConcurrentOptions }) => {
  prepareClients(setup.urls, setup.label, setup.practices, setup.opts)
    .then((run) => {
      send({ kind: "ready" });
      process.once("message", () => {
        run()
          .then((outcome) => send({ kind: "done", outcome }))
          .catch((err: Error) => send({ kind: "failed", error: err.message }));
      });
    })
    .catch((err: Error) => send({ kind: "failed", error: err.message }));
});

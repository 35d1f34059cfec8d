/** What the order and receiving browser tests use besides the screens: pushing as another device, screenshots, the 48 px check. */
import { randomUUID } from "node:crypto";
import path from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { REPLICA_SCHEMA_VERSION } from "../../shared/protocol/version.js";
import { DESKTOP, TABLET } from "./counting.js";

/** Pushes mutations from `page`'s signed-in session under a client id of their own (as another device would). */
export async function pushAs(page: Page, mutations: { name: string; args: unknown }[]) {
  const body = {
    clientId: randomUUID(),
    schemaVersion: REPLICA_SCHEMA_VERSION,
    mutations: mutations.map((m, i) => ({
      id: randomUUID(),
      seq: i + 1,
      name: m.name,
      args: m.args,
      clientTime: new Date().toISOString(),
    })),
  };
  const answer = await page.evaluate(async (payload) => {
    const csrf = /(?:^|; )venzory_csrf=([^;]*)/.exec(document.cookie)?.[1] ?? "";
    const res = await fetch("/api/sync/push", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": decodeURIComponent(csrf) },
      body: JSON.stringify(payload),
    });
    return (await res.json()) as { results: { status: string; message?: string }[] };
  }, body);
  expect(answer.results.map((r) => r.message ?? r.status)).toEqual(mutations.map(() => "applied"));
}

/** Saves `<area>-<name>-tablet.png` and `-desktop.png` to $SCREENSHOT_DIR (when set), then restores the page's size. */
export async function screenshots(page: Page, name: string, area: "receiving" | "orders" = "receiving") {
  const out = process.env.SCREENSHOT_DIR;
  if (!out) return;
  const size = page.viewportSize() ?? TABLET;
  for (const [label, viewport] of [
    ["tablet", TABLET],
    ["desktop", DESKTOP],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: path.join(out, `${area}-${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(size);
}

/** Controls of the receiving screen smaller than 48×48 px (gloved hands), as "tag text w×h". */
export function smallReceivingControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>(".receiving :is(a[href], button, input, select)")].flatMap((el) => {
      const box = el.getBoundingClientRect();
      return box.width + 0.5 >= 48 && box.height + 0.5 >= 48
        ? []
        : [`${el.tagName} "${el.textContent?.trim() ?? ""}" ${box.width}×${box.height}`];
    }),
  );
}

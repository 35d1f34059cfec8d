/**
 * Accessibility probes for the browser suite: axe-core (injected into the page, run on the whole
 * document), a measure of every interactive control's box against the 44 px touch target, and the
 * keyboard and screen-reader checks axe cannot make (skip link, focus ring contrast, spoken sync status).
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { expect } from "vitest";

const require = createRequire(import.meta.url);
let axeSource: Promise<string> | undefined;

/** One line per violation: rule, impact, and the first few offending nodes (selector and why). */
export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  nodes: string[];
}

/**
 * The serious and critical axe-core violations on the page as it is now (WCAG 2.x A and AA rules and
 * axe's best practices). The script goes in through the DevTools protocol, so the app's
 * Content-Security-Policy (script-src 'self') does not stop it.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeFinding[]> {
  axeSource ??= readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  const source = await axeSource;
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(source);
  const findings = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import("axe-core") }).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      resultTypes: ["violations"],
    });
    return result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? "unknown",
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${n.failureSummary?.replace(/\s+/g, " ") ?? ""}`),
    }));
  });
  return findings.filter((f) => f.impact === "serious" || f.impact === "critical");
}

/**
 * Interactive controls whose touch target is smaller than `min`×`min` CSS pixels, or whose label is
 * wider than the control (squeezed), as "tag "text" width×height". A checkbox or radio counts by its label (tapping the label ticks it);
 * controls not rendered, or clipped to a pixel (visually hidden, like the skip link until focused), are
 * not targets.
 */
export async function smallTargets(page: Page, min = 44): Promise<string[]> {
  return page.evaluate((min) => {
    const selector = [
      "a[href]",
      "button",
      "input:not([type=hidden])",
      "select",
      "textarea",
      "summary",
      "[role=button]",
      "[role=link]",
      "[role=tab]",
      "[role=checkbox]",
      "[role=radio]",
      "[role=switch]",
      "[tabindex]:not([tabindex='-1'])",
    ].join(",");
    const found: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      if (el.closest("[inert], [aria-hidden=true]")) continue;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none") continue;
      let target: Element = el;
      if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) {
        target = el.closest("label") ?? (el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null) ?? el;
      }
      const box = target.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) continue;
      // A label wider than its control: squeezed by its container (it spills over its neighbours).
      const squeezed = (el.tagName === "A" || el.tagName === "BUTTON") && el.scrollWidth > el.clientWidth + 1;
      if (!squeezed && box.width + 0.5 >= min && box.height + 0.5 >= min) continue;
      const name = (el.getAttribute("aria-label") ?? el.textContent ?? (el as HTMLInputElement).name ?? "").trim().replace(/\s+/g, " ");
      const kind = el instanceof HTMLInputElement ? `input[type=${el.type}]` : el.tagName.toLowerCase();
      const cls = el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
      const size = `${Math.round(box.width)}×${Math.round(box.height)}`;
      found.push(`${kind}${cls} "${name.slice(0, 40)}" ${size}${squeezed ? ` (label needs ${el.scrollWidth} px)` : ""}`);
    }
    return found;
  }, min);
}

/** WCAG contrast ratio of two CSS colours as computed styles give them ("rgb(…)" or "rgba(…)", opaque). */
export function contrastRatio(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** The skip link, the focus ring and field borders, and the spoken sync status, on the screen now open. */
export async function keyboardAndAnnouncements(page: Page): Promise<void> {
  // A fresh load: the skip link is the first stop of the Tab key, and it moves focus into <main>.
  const title = await page.title();
  await page.reload();
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  expect(await page.title()).toBe(title);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect.poll(() => skip.evaluate((el) => el === document.activeElement)).toBe(true);
  const ring = await skip.evaluate((el) => {
    const style = getComputedStyle(el);
    return { color: style.outlineColor, width: parseFloat(style.outlineWidth) };
  });
  await page.keyboard.press("Enter");
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("MAIN");
  // Focus ring and field borders stand out at least 3:1 from what is around them (WCAG 1.4.11).
  const pageColor = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(ring.width).toBeGreaterThanOrEqual(2);
  expect(contrastRatio(ring.color, pageColor)).toBeGreaterThanOrEqual(3);
  const field = await page
    .locator("main input:not([type=checkbox]):not([type=radio]), main select")
    .first()
    .evaluate((el) => ({ border: getComputedStyle(el).borderTopColor, inside: getComputedStyle(el).backgroundColor }));
  expect(contrastRatio(field.border, field.inside)).toBeGreaterThanOrEqual(3);
  expect(contrastRatio(field.border, pageColor)).toBeGreaterThanOrEqual(3);

  // The sync status is spoken when it changes: a polite live region follows going offline and back.
  const spoken = page.getByTestId("sync-announcement");
  expect(await spoken.getAttribute("aria-live")).toBe("polite");
  await expect.poll(() => spoken.textContent()).toBe("Online. All changes synced.");
  await page.context().setOffline(true);
  await expect.poll(() => spoken.textContent()).toMatch(/^Offline\./);
  await page.context().setOffline(false);
  await expect.poll(() => spoken.textContent()).toMatch(/^Online\./);
}

/**
 * Main navigation links that cannot be seen as the page is: outside the window's width, or clipped by a
 * scrolling bar (a link scrolled off to the side is easily missed on a tablet). Also a page wider than the
 * window (it scrolls sideways). As "label: why".
 */
export async function navigationOffscreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const nav = document.querySelector<HTMLElement>('nav[aria-label="Main"]');
    if (!nav) return ["no main navigation"];
    const bar = nav.getBoundingClientRect();
    const out = [...nav.querySelectorAll("a")].flatMap((a) => {
      const box = a.getBoundingClientRect();
      if (box.width === 0) return [`${a.textContent}: not shown`];
      if (box.left < 0 || box.right > window.innerWidth + 0.5) return [`${a.textContent}: outside the window (${box.left}–${box.right})`];
      if (box.left < bar.left - 0.5 || box.right > bar.right + 0.5) return [`${a.textContent}: scrolled out of the bar`];
      return [];
    });
    const width = document.documentElement.scrollWidth;
    return width > window.innerWidth ? [...out, `page ${width} px wide in a ${window.innerWidth} px window`] : out;
  });
}

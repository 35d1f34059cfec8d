/**
 * Accounts end to end in a real Chromium: sign up a practice through the emailed link, the onboarding
 * checklist, inviting a new colleague and an existing user (links read from the emails the server
 * writes), and switching practice with each practice's own data on screen.
 */
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { emailedLink, useChromium, signIn, syncState } from "./browser.js";

const baseUrl = inject("e2eBaseUrl");
const emailDir = inject("e2eEmailDir");
const POLL = { timeout: 30_000, interval: 100 };
const run = Date.now().toString(36);
const FOUNDER = `founder-${run}@e2e.venzory.test`;
const COLLEAGUE = `colleague-${run}@e2e.venzory.test`;
const DEMO_ADMIN = "admin@demo.venzory.test";
const PRACTICE = `Brookside ${run}`;
const STORE = `Brookside store ${run}`;
const DEMO_ROOM = "Treatment room 1";

/**
 * Waits for the emailed link and returns its full URL on the test server; `legacy` gives the hash form
 * emails carried before the app had real paths (`/#/auth/…`), which must keep working.
 */
async function linkFor(to: string, kind: "magic" | "invite", form: "path" | "legacy" = "path"): Promise<string> {
  let path: string | undefined;
  await expect.poll(async () => (path = await emailedLink(emailDir, to, kind)), POLL).toBeTruthy();
  return form === "legacy" ? `${baseUrl}/#${path}` : `${baseUrl}${path}`;
}

const practiceShown = (page: Page) => page.getByTestId("current-practice").textContent();

async function invite(page: Page, email: string, role: "Staff" | "Admin") {
  await page.getByRole("link", { name: "Members", exact: true }).click();
  await page.getByRole("heading", { name: "Members", level: 1 }).waitFor();
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: role });
  await page.getByRole("button", { name: "Send invitation" }).click();
  // No optimistic effect: the invitation is listed once the push has answered and the list is read again.
  await page.getByTestId("invite-row").filter({ hasText: email }).waitFor();
}

const chromium = useChromium();

describe("accounts", () => {
  it("signs up a practice, invites a new and an existing user, and switches practice", async () => {
    // Sign-up: the request only sends a confirmation link.
    const founderContext = await chromium.newContext();
    const founder = await founderContext.newPage();
    await founder.goto(`${baseUrl}/`);
    await founder.getByRole("link", { name: "Create a practice" }).click();
    await founder.getByLabel("Practice name").fill(PRACTICE);
    await founder.getByLabel("Your name").fill("Fran Founder");
    await founder.getByLabel("Email", { exact: true }).fill(FOUNDER);
    await founder.getByLabel("Password", { exact: true }).fill(`founder-pass-${run}`);
    await founder.getByRole("button", { name: "Create practice" }).click();
    await founder.getByRole("status").filter({ hasText: "Check your inbox" }).waitFor();

    // The link opens a page; only its button uses the token. Opened in the form emailed before real
    // paths (`/#/auth/magic?token=…`), from another page: a fresh load rewrites it.
    await founder.goto(await linkFor(FOUNDER, "magic", "legacy"));
    await founder.getByRole("button", { name: "Continue" }).click();
    await founder.getByRole("heading", { name: "Locations", level: 1 }).waitFor();
    expect(await practiceShown(founder)).toContain(PRACTICE);

    // Onboarding checklist for the new admin; creating a location ticks a step once it is synced.
    const checklist = founder.getByTestId("onboarding");
    await checklist.getByText("0 of 6 steps done").waitFor();
    await founder.getByLabel("Name", { exact: true }).fill(STORE);
    await founder.getByRole("button", { name: "Add location" }).click();
    await founder.getByRole("link", { name: STORE }).waitFor();
    await checklist.getByText("1 of 6 steps done").waitFor();
    expect(await checklist.locator('li[data-step="location"]').getAttribute("data-done")).toBe("true");

    // A brand-new colleague accepts in another browser and creates their account.
    await invite(founder, COLLEAGUE, "Staff");
    const colleagueContext = await chromium.newContext();
    const colleague = await colleagueContext.newPage();
    await colleague.goto(await linkFor(COLLEAGUE, "invite"));
    await colleague.getByRole("heading", { name: "Join a practice" }).waitFor();
    await colleague.getByLabel("Your name").fill("Casey Colleague");
    await colleague.getByLabel("Password", { exact: true }).fill(`colleague-pass-${run}`);
    await colleague.getByRole("button", { name: "Accept invitation" }).click();
    await colleague.getByRole("heading", { name: "Locations", level: 1 }).waitFor();
    expect(await practiceShown(colleague)).toContain(PRACTICE);
    await colleague.getByRole("link", { name: STORE }).waitFor();
    expect(await colleague.getByTestId("onboarding").count()).toBe(0);

    // Their devices, and signing out everywhere.
    await colleague.getByRole("link", { name: "Account", exact: true }).click();
    await colleague.locator('[data-testid="session-row"][data-current="true"]').waitFor();
    await colleague.getByRole("button", { name: "Sign out everywhere" }).click();
    await colleague.getByRole("heading", { name: "Sign in to Venzory" }).waitFor();
    await colleagueContext.close();

    // Opening a screen reads it again from the server.
    await founder.getByRole("link", { name: "Locations", exact: true }).click();
    await checklist.getByText("2 of 6 steps done").waitFor();
    await founder.getByRole("link", { name: "Members", exact: true }).click();
    await founder.getByTestId("member-row").filter({ hasText: COLLEAGUE }).waitFor();
    expect(await founder.getByTestId("invite-row").filter({ hasText: COLLEAGUE }).count()).toBe(0);

    // The practice's only admin cannot demote themself.
    await founder.getByLabel("Role of Fran Founder").selectOption({ label: "Staff" });
    await founder.getByRole("button", { name: "Change role" }).first().click();
    await founder.getByRole("alert").filter({ hasText: "last admin" }).waitFor();

    // Practice details tick their step once saved on the server.
    await founder.getByRole("link", { name: "Account", exact: true }).click();
    await founder.getByLabel("Address").fill("1 River Lane, Brookside");
    await founder.getByRole("button", { name: "Save details" }).click();
    await founder.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    await founder.getByRole("link", { name: "Locations", exact: true }).click();
    await checklist.getByText("3 of 6 steps done").waitFor();

    // The demo admin, signed in to the demo practice, is invited too and accepts in their own browser.
    await invite(founder, DEMO_ADMIN, "Staff");
    const demoContext = await chromium.newContext();
    const demo = await demoContext.newPage();
    await signIn(demo, baseUrl, DEMO_ADMIN);
    await demo.getByRole("link", { name: DEMO_ROOM }).waitFor();
    const demoPractice = ((await practiceShown(demo)) ?? "").split(" · ")[0]!;
    expect(demoPractice).not.toBe("");
    // The old form again, this time into the open app (only the hash changes: no load).
    await demo.goto(await linkFor(DEMO_ADMIN, "invite", "legacy"));
    await demo.getByText(`You are signed in as ${DEMO_ADMIN}`).waitFor();
    await demo.getByRole("button", { name: "Accept invitation" }).click();

    // Accepting opens the new practice: its name and its own locations.
    await demo.getByRole("link", { name: STORE }).waitFor();
    expect(await practiceShown(demo)).toContain(`${PRACTICE} · staff`);
    expect(await demo.getByRole("link", { name: DEMO_ROOM }).count()).toBe(0);

    // Switch back to the demo practice, then to the new one again.
    const switcher = demo.getByLabel("Practice", { exact: true });
    await switcher.selectOption({ label: `${demoPractice} (admin)` });
    await demo.getByRole("link", { name: DEMO_ROOM }).waitFor();
    expect(await practiceShown(demo)).toContain(`${demoPractice} · admin`);
    expect(await demo.getByRole("link", { name: STORE }).count()).toBe(0);
    await expect.poll(async () => (await syncState(demo)).pending, POLL).toBe("0");

    await demo.getByLabel("Practice", { exact: true }).selectOption({ label: `${PRACTICE} (staff)` });
    await demo.getByRole("link", { name: STORE }).waitFor();
    expect(await practiceShown(demo)).toContain(`${PRACTICE} · staff`);
    expect(await demo.getByRole("link", { name: DEMO_ROOM }).count()).toBe(0);

    await demoContext.close();
    await founderContext.close();
  });
});

/** Read-only roles see data but no write actions (the server enforces the same table). */
import { describe, expect, inject, it } from "vitest";
import { useChromium, readStock, signIn } from "./browser.js";

const baseUrl = inject("e2eBaseUrl");

const chromium = useChromium();

describe("viewer", () => {
  it("browses locations and stock without any write action", async () => {
    const context = await chromium.newContext();
    const page = await context.newPage();
    await signIn(page, baseUrl, "viewer@demo.venzory.test");
    await page.getByRole("link", { name: "Vaccine fridge" }).click();
    await page.getByRole("heading", { name: "Vaccine fridge", level: 1 }).waitFor();
    await expect.poll(async () => (await readStock(page)).some((r) => r.quantity > 0)).toBe(true);

    expect(await page.getByRole("button", { name: /^Adjust/ }).count()).toBe(0);
    expect(await page.getByRole("heading", { name: "Adjust stock" }).count()).toBe(0);
    await page.getByRole("link", { name: "Locations", exact: true }).first().click();
    await page.getByRole("link", { name: "Vaccine fridge" }).waitFor();
    expect(await page.getByRole("button", { name: /^(Rename|Move|Archive) / }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Add location" }).count()).toBe(0);
    await context.close();
  });
});

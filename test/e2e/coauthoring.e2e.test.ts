/**
 * Co-authoring in a real browser: the built task pane (dist/) in Debian's
 * chromium, on the Excel test double. With the pane open, another author
 * saves the workbook's rules: the double raises the remote change of the
 * very hidden store sheet as co-authoring delivers it, and the open pane and
 * the LTC formulas of this session follow: new rules taken and recalculated,
 * invalid ones refused, a restore of the built-in rules taken too.
 * See harness.ts for the build, the server and the browser.
 */
import * as path from "path";
import type { Page } from "playwright-core";
import { OUTPUT, paneTestSession } from "./harness";
import { FORMULA_SHEET, OPPSCORE_CELL, OPPSCORE_RESULT, OWNERDEPT_AT_300W, OWNERDEPT_CELL, OWNERDEPT_DEFAULT } from "./workbook";
import { rulebookStamp } from "../../src/rules/fingerprint";
import { DEFAULT_RULEBOOK } from "../../src/rules/rulebook";

jest.setTimeout(120_000);

/* eslint-disable @typescript-eslint/no-explicit-any */
const session = paneTestSession();
const openPane = (displayLanguage: string) => session.openPane({ displayLanguage });

const cellValue = (page: Page, address: string): Promise<unknown> =>
  page.evaluate(([s, a]) => (window as any).__ltc.cell(s, a).value, [FORMULA_SHEET, address]);
/** Waits until the add-in's event handlers are done; the errors they threw. */
const settle = (page: Page): Promise<string[]> => page.evaluate(() => (window as any).__ltc.settle());
const statusMatches = (page: Page, pattern: RegExp) =>
  page.waitForFunction((source) => new RegExp(source).test(document.querySelector("[data-testid=rules-status]")?.textContent ?? ""), pattern.source);

describe("co-authoring in chromium", () => {
  it("a co-author's rules reach the open pane and its LTC formulas; invalid ones are refused; a restore comes through too", async () => {
    const { page, problems } = await openPane("en-US");
    const defaultStamp = rulebookStamp(DEFAULT_RULEBOOK);
    const stamp = () => page.textContent("[data-testid=rules-stamp]");
    await page.click("#tab-rules");
    await page.waitForFunction(() => /built-in default/.test(document.querySelector("[data-testid=rules-stamp]")?.textContent ?? ""));
    expect(await stamp()).toBe(`Rules in force: ${defaultStamp} (the built-in default)`);
    expect(await cellValue(page, OWNERDEPT_CELL)).toBe(OWNERDEPT_DEFAULT);
    const syncsBefore: number = await page.evaluate(() => (window as any).__ltc.syncCount());

    // another region lowers the MTO threshold to 300万 and saves: their first save creates the store sheet
    await page.evaluate(() => (window as any).__ltc.coauthor.saveRules("east-2027", 300_000_000));
    await statusMatches(page, /^Another author changed this workbook's rules: east-2027 · [0-9a-f]{12} is in force now and LTC formulas have been recalculated\.$/);
    expect(await settle(page)).toEqual([]);
    expect(await stamp()).toMatch(/^Rules in force: east-2027 · [0-9a-f]{12} \(this workbook's rules\)$/);
    const changes = await page.locator("[data-testid=rules-remote-diff] li").allTextContents();
    expect(changes.some((line) => /mtoThresholdFen.*500000000 → 300000000/.test(line))).toBe(true);
    // this session's formulas computed again with the co-author's rules: a 400万 MTO project now belongs to the generation sales team
    expect(await cellValue(page, OWNERDEPT_CELL)).toBe(OWNERDEPT_AT_300W);
    expect(await cellValue(page, OPPSCORE_CELL)).toBe(OPPSCORE_RESULT);
    // WorksheetAdded: read the store, recalculate; then the new sheet's WorksheetChanged: one read that finds nothing new
    expect((await page.evaluate(() => (window as any).__ltc.syncCount())) - syncsBefore).toBe(3);
    await page.screenshot({ path: path.join(OUTPUT, "coauthor-1-changed-360.png"), fullPage: true });

    // the pane's own functions agree: Explain computes with the rules in force
    await page.click("#tab-explain");
    await page.evaluate(([s, a]) => (window as any).__ltc.select(s, a), [FORMULA_SHEET, OWNERDEPT_CELL]);
    await page.click("[data-testid=explain-button]");
    await page.waitForSelector("[data-testid=explain-reasons] li");
    expect(await page.textContent("[data-testid=explain-status]")).toBe(`LTC.OWNERDEPT gives ${OWNERDEPT_AT_300W}.`);
    await page.click("#tab-rules");

    // rules that do not validate are refused: the errors are shown, the rules in force and the formulas stay
    const inForce = await stamp();
    await page.evaluate(() => (window as any).__ltc.coauthor.saveBrokenRules());
    await statusMatches(page, /^Another author saved rules that are not valid, so they were not taken; the rules in force stay east-2027 · [0-9a-f]{12}:$/);
    expect(await settle(page)).toEqual([]);
    const errors = await page.locator("[data-testid=rules-errors] li").allTextContents();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^ltcDesk\.rulebook › receivables\.agingBuckets › row 3 › .*"soon"/);
    expect(await stamp()).toBe(inForce);
    expect(await cellValue(page, OWNERDEPT_CELL)).toBe(OWNERDEPT_AT_300W);
    await page.screenshot({ path: path.join(OUTPUT, "coauthor-2-refused-360.png"), fullPage: true });

    // the co-author restores the built-in rules (their add-in deletes the store sheet)
    await page.evaluate(() => (window as any).__ltc.coauthor.restoreDefault());
    await statusMatches(page, /^Another author restored the built-in rules: /);
    expect(await settle(page)).toEqual([]);
    expect(await stamp()).toBe(`Rules in force: ${defaultStamp} (the built-in default)`);
    expect(await cellValue(page, OWNERDEPT_CELL)).toBe(OWNERDEPT_DEFAULT);

    const csp = await page.evaluate(() => (window as any).__cspViolations ?? []);
    expect({ problems, csp }).toEqual({ problems: [], csp: [] });
    await page.close();
  });
});

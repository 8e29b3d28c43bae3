/**
 * The task pane in a real browser: Debian's chromium (/usr/bin/chromium)
 * driven by playwright-core loads the built dist/taskpane.html from a local
 * server. Office.js is replaced by the Excel test double (routed in place of
 * appsforoffice.microsoft.com), pre-loaded with an opportunity table, a
 * receivables table and an LTC formula. The test clicks through the charter
 * and aging wizards and Explain, then checks what the pane asked Excel to
 * write. Screenshots go to test-output/e2e/.
 *
 * dist/ comes from `npm run build` (CI) or is built here when missing or
 * older than src/ (see harness.ts). A missing chromium fails the test.
 */
import * as path from "path";
import type { Page } from "playwright-core";
import { OUTPUT, Pane, paneTestSession } from "./harness";
import {
  AR_SHEET,
  AS_OF,
  FORMULA_SHEET,
  HOSTILE_CUSTOMER,
  HOSTILE_MARKUP,
  HOSTILE_PM,
  HOSTILE_PROJECT,
  OPP_SHEET,
  OPPSCORE_CELL,
  OPPSCORE_RESULT,
  OWNERDEPT_AT_300W,
  OWNERDEPT_CELL,
  OWNERDEPT_DEFAULT,
} from "./workbook";
import { rulebookStamp } from "../../src/rules/fingerprint";
import { DEFAULT_RULEBOOK } from "../../src/rules/rulebook";

jest.setTimeout(120_000);

/* eslint-disable @typescript-eslint/no-explicit-any */
type Cells = Record<string, { value: unknown; formula: string | null }>;

const session = paneTestSession();

/** Opens the pane in a fresh page (a fresh workbook) at the given width and Office display language. */
const openPane = (displayLanguage = "zh-CN", width = 360, query = ""): Promise<Pane> => session.openPane({ displayLanguage, width, query });

async function expectClean(pane: Pane): Promise<void> {
  const csp = await pane.page.evaluate(() => (window as any).__cspViolations ?? []);
  expect({ problems: pane.problems, csp }).toEqual({ problems: [], csp: [] });
}

const ltc = {
  select: (page: Page, sheet: string, address: string) => page.evaluate(([s, a]) => (window as any).__ltc.select(s, a), [sheet, address]),
  sheetNames: (page: Page): Promise<string[]> => page.evaluate(() => (window as any).__ltc.sheetNames()),
  activeSheet: (page: Page): Promise<string> => page.evaluate(() => (window as any).__ltc.activeSheet()),
  syncCount: (page: Page): Promise<number> => page.evaluate(() => (window as any).__ltc.syncCount()),
  type: (page: Page, sheet: string, address: string, value: string | number) =>
    page.evaluate(([s, a, v]) => (window as any).__ltc.type(s, a, v), [sheet, address, value] as const),
  storedForms: (page: Page): Promise<string[]> => page.evaluate(() => (window as any).__ltc.storedForms()),
  cells: (page: Page, sheet: string): Promise<Cells> => page.evaluate((s) => (window as any).__ltc.cells(s), sheet),
  cell: (page: Page, sheet: string, address: string) =>
    page.evaluate(([s, a]) => (window as any).__ltc.cell(s, a), [sheet, address]) as Promise<{
      value: unknown;
      formula: string | null;
      quotePrefix: boolean;
    }>,
};

/** Address of the first cell holding exactly `value`. */
function find(cells: Cells, value: unknown): string | undefined {
  return Object.keys(cells).find((a) => cells[a].value === value);
}

/** Records every text the status region shows, to see progress that comes and goes. */
async function recordStatus(page: Page, testId: string): Promise<void> {
  await page.evaluate((id) => {
    const target = document.querySelector(`[data-testid="${id}"]`)!;
    const seen: string[] = ((window as any).__statusSeen = []);
    // every node added, even by changes made in one synchronous run
    new MutationObserver((records) => {
      for (const record of records)
        for (const node of record.addedNodes) {
          seen.push(node.textContent ?? "");
          if (node.nodeName === "PROGRESS") seen.push("<progress>");
        }
    }).observe(target, { childList: true, subtree: true });
  }, testId);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(OUTPUT, `${name}.png`), fullPage: true });
}

/** No control sticks out of the pane (nothing scrolls sideways) and no visible control cuts its text off. */
async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll).toBeLessThanOrEqual(width);
  const clipped = await page.evaluate(() =>
    [...document.querySelectorAll("button, select, input, label, .ltc-card, .ltc-message, dd, dt, li")]
      .filter((e) => (e as HTMLElement).offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
      .map((e) => `${e.tagName} ${(e.textContent ?? "").slice(0, 40)}`),
  );
  expect(clipped).toEqual([]);
}

describe("task pane in chromium", () => {
  it("loads under its Content-Security-Policy in the Office display language", async () => {
    const zh = await openPane("zh-CN");
    expect(await zh.page.locator("[role=tab]").allTextContents()).toEqual(["项目章程", "账龄", "对账函 / 催款函", "商机漏斗", "解释", "规则", "登记表"]);
    expect(await zh.page.getAttribute("html", "lang")).toBe("zh-CN");
    const policy = await zh.page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
    expect(policy).toContain("script-src 'self' https://appsforoffice.microsoft.com");
    expect(policy).toContain("style-src 'self'");
    // the stylesheet loaded from 'self' and applies the Fluent font stack
    expect(await zh.page.evaluate(() => getComputedStyle(document.body).fontFamily)).toMatch(/Segoe UI/);
    await expectClean(zh);

    const en = await openPane("en-US");
    expect(await en.page.locator("[role=tab]").allTextContents()).toEqual(["Charter", "Aging", "Letters", "Pipeline", "Explain", "Rules", "Registers"]);
    const tw = await openPane("zh-TW");
    expect(await tw.page.locator("[role=tab]").first().textContent()).toBe("项目章程");
    await expectClean(en);
    await Promise.all([zh.page.close(), en.page.close(), tw.page.close()]);
  });

  it("walks the charter wizard: shows the selected rows and their problems, writes one sheet per row, hostile text stays text", async () => {
    const pane = await openPane("zh-CN", 360);
    const { page } = pane;
    const before = await ltc.sheetNames(page);
    await ltc.select(page, OPP_SHEET, "C2:C4");
    await page.click("[data-testid=charter-read]");
    const cards = page.locator("[data-testid=charter-rows] > li");
    await cards.nth(2).waitFor();
    expect(await cards.count()).toBe(3);
    expect(await cards.evaluateAll((els) => els.map((e) => e.getAttribute("data-row")))).toEqual(["2", "3", "4"]);
    // hostile workbook text is shown as text: no markup is created from it
    expect(await cards.nth(1).locator(".ltc-card-title").textContent()).toBe(`第 3 行${HOSTILE_PROJECT}`);
    expect(await page.locator("img").count()).toBe(1); // the header icon only
    // row 4's brand "很好" is not a brand label: the pane names the column, the value and why
    expect(await cards.nth(2).locator(".ltc-problems li").first().textContent()).toMatch(/品牌认同度.*"很好".*brand/);
    expect(await page.textContent("[data-testid=charter-generate]")).toBe("生成 3 份项目章程");
    await screenshot(page, "charter-1-selected-360");

    await recordStatus(page, "charter-status");
    await page.click("[data-testid=charter-generate]");
    await page.waitForSelector("[data-testid=charter-sheets]");
    const seen: string[] = await page.evaluate(() => (window as any).__statusSeen);
    expect(seen).toContain("<progress>");
    // progress counts charters once Excel has them (per request that completes some, not per sheet queued): 0 first, up to 3
    const counts = seen.map((s) => /^正在写入章程：已写入 (\d)\/3 份…$/.exec(s)?.[1]).filter((n) => n !== undefined).map(Number);
    expect(counts[0]).toBe(0);
    expect(counts[counts.length - 1]).toBe(3);
    expect(counts).toEqual([...new Set(counts)].sort());
    expect(await page.textContent("[data-testid=charter-status]")).toBe("已写入 3 张章程工作表。");

    const links = await page.locator("[data-testid=charter-sheets] button").allTextContents();
    expect(links).toHaveLength(3);
    const after = await ltc.sheetNames(page);
    expect(after).toEqual([...before, ...links]);
    expect(links[0]).toBe("章程-湖南500kV变电站电容器集采");

    // the sheet of row 2: rule-derived values in Chinese
    const first = await ltc.cells(page, links[0]);
    expect(first[find(first, "项目章程：湖南500kV变电站电容器集采")!]).toBeDefined();
    expect(find(first, "国网职能部门")).toBeDefined(); // owner department of a State Grid tender
    expect(find(first, OPPSCORE_RESULT)).toBeDefined(); // opportunity score 3+4+3+2

    // the hostile row: every hostile string is a text cell, never a formula
    const hostile = await ltc.cells(page, links[1]);
    for (const text of [HOSTILE_PROJECT, HOSTILE_CUSTOMER, HOSTILE_PM, HOSTILE_MARKUP]) {
      const at = find(hostile, text);
      expect({ text, at: at !== undefined }).toEqual({ text, at: true });
      expect(await ltc.cell(page, links[1], at!)).toMatchObject({ value: text, formula: null });
    }
    const formulas = Object.values(hostile)
      .map((c) => c.formula)
      .filter((f): f is string => f !== null);
    expect(formulas.length).toBeGreaterThan(0); // the charter's own SUM/IF checks
    for (const f of formulas) expect(f).not.toMatch(/HYPERLINK|cmd|A1:A9|onerror/);

    // the link activates its sheet (keyboard: Enter on the focused link)
    await page.focus(`[data-testid=charter-sheets] button[data-sheet="${links[2]}"]`);
    await page.keyboard.press("Enter");
    await page.waitForFunction((name) => (window as any).__ltc.activeSheet() === name, links[2]);
    expect(await page.textContent("[data-testid=charter-status]")).toBe(`已切换到工作表 ${links[2]}。`);
    await page.click(`[data-testid=charter-sheets] button[data-sheet="${links[0]}"]`);
    await page.waitForFunction((name) => (window as any).__ltc.activeSheet() === name, links[0]);
    await screenshot(page, "charter-2-done-360");
    await expectNoHorizontalOverflow(page);

    // regenerating row 2 in English replaces nothing of the user's and writes English text
    await ltc.select(page, OPP_SHEET, "A2");
    await page.click("[data-testid=charter-read]");
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=charter-rows] > li").length === 1);
    await page.check("[data-testid=charter-language] input[value=en]");
    await page.click("[data-testid=charter-generate]");
    await page.waitForSelector("[data-testid=charter-sheets]");
    const english = (await page.locator("[data-testid=charter-sheets] button").allTextContents())[0];
    // our own sheet for this project is replaced, not duplicated
    expect(english).toBe("Charter-湖南500kV变电站电容器集采");
    expect(await ltc.sheetNames(page)).toEqual([...before, english, ...links.slice(1)]);
    const en = await ltc.cells(page, english);
    expect(Object.values(en).some((c) => typeof c.value === "string" && c.value.startsWith("Project charter"))).toBe(true);
    // the table the charters were read from is untouched
    expect(await ltc.cell(page, OPP_SHEET, "A3")).toMatchObject({ value: HOSTILE_PROJECT, formula: null });
    await expectClean(pane);
    await page.close();
  });

  it("shows a missing-column error from the charter wizard as a message in the pane", async () => {
    const pane = await openPane("en-US", 320);
    await ltc.select(pane.page, FORMULA_SHEET, "A1");
    await pane.page.click("[data-testid=charter-read]");
    const alert = pane.page.locator("[data-testid=charter-status] [role=alert]");
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^The table has no column for 客户 \(Customer\); accepted headers: 客户, Customer/);
    // the button is usable again after a failure
    expect(await pane.page.isEnabled("[data-testid=charter-read]")).toBe(true);
    await screenshot(pane.page, "charter-3-error-320");
    await expectNoHorizontalOverflow(pane.page);
    await pane.page.close();
  });

  it("walks the aging wizard: as-of constant, reconciliation, rejected rows, one report per region", async () => {
    const pane = await openPane("zh-CN", 400);
    const { page } = pane;
    // keyboard: from the selected tab, ArrowRight selects 账龄 and Tab enters its panel
    await page.focus("#tab-charter");
    await page.keyboard.press("ArrowRight");
    expect(await page.getAttribute("#tab-aging", "aria-selected")).toBe("true");
    expect(await page.isVisible("#panel-aging")).toBe(true);
    expect(await page.isVisible("#panel-charter")).toBe(false);

    // the as-of date is proposed as today
    const proposed = await page.inputValue("[data-testid=aging-asof]");
    expect(proposed).toBe(await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    }));

    await ltc.select(page, AR_SHEET, "D5");
    await page.click("[data-testid=aging-pick]");
    await page.waitForFunction(() => document.querySelector("[data-testid=aging-table]")?.textContent !== "");
    expect(await page.textContent("[data-testid=aging-table]")).toBe("应收账款!A1:P9：8 行数据");
    await page.fill("[data-testid=aging-asof]", AS_OF);
    await page.selectOption("[data-testid=aging-group1]", "region");
    await page.selectOption("[data-testid=aging-group2]", "office");
    const before = await ltc.sheetNames(page);
    await page.click("[data-testid=aging-generate]");
    await page.waitForSelector("[data-testid=aging-sheets]");

    // the reconciliation line: 1,000,000 + 800,000 + 400,000 + 300,000 + 450,000 aged, −50,000 credit, 50,000 excluded
    expect(await page.textContent("[data-testid=aging-reconciliation]")).toBe(
      "全部 8 行输入的未收合计 ¥2,950,000.00 = 账龄合计 ¥2,950,000.00 + 贷方余额 -¥50,000.00 + 已排除 ¥50,000.00",
    );
    const problems = page.locator("[data-testid=aging-problems] > li");
    expect(await problems.evaluateAll((els) => els.map((e) => e.getAttribute("data-row")))).toEqual(["6", "8", "9"]);
    expect(await problems.nth(0).textContent()).toMatch(/第 6 行.*已排除.*金额：（空）/);
    expect(await problems.nth(2).textContent()).toMatch(/第 9 行.*发票号.*"FP0001".*重复/);
    expect(await page.textContent("[data-testid=aging-status]")).toMatch(/核对一致/);

    const sheets = await page.locator("[data-testid=aging-sheets] button").allTextContents();
    expect(await ltc.sheetNames(page)).toEqual([...before, ...sheets]);
    const summary = await ltc.cells(page, sheets[0]);
    // the as-of date is a constant: 2026-11-30 = serial 46356, and no formula reads the clock
    expect(summary[find(summary, "截至日期")!.replace(/^A/, "B")]).toEqual({ value: 46356, formula: null });
    for (const name of sheets) {
      const cells = await ltc.cells(page, name);
      for (const c of Object.values(cells)) if (c.formula) expect(c.formula).not.toMatch(/TODAY|NOW/i);
    }
    // the hostile customer is text in the detail sheet
    const detail = await ltc.cells(page, sheets[1]);
    const at = find(detail, HOSTILE_CUSTOMER);
    expect(at).toBeDefined();
    expect(await ltc.cell(page, sheets[1], at!)).toMatchObject({ value: HOSTILE_CUSTOMER, formula: null });
    await screenshot(page, "aging-1-done-400");
    await expectNoHorizontalOverflow(page);

    // one report per region, in English, by invoice date and a single grouping
    await page.check("[data-testid=aging-split]");
    await page.check("#panel-aging input[type=radio][value=en]");
    await page.check("#panel-aging input[type=radio][value=invoice]");
    await page.selectOption("[data-testid=aging-group2]", "");
    const count = (await ltc.sheetNames(page)).length;
    await page.click("[data-testid=aging-generate]");
    await page.waitForFunction((n) => (window as any).__ltc.sheetNames().length > n, count);
    await page.waitForSelector("[data-testid=aging-sheets]");
    const regional = await page.locator("[data-testid=aging-sheets] button").allTextContents();
    // three regions (华中, 华北, 华南) with five sheets each
    expect(regional).toHaveLength(15);
    const firstSummary = await ltc.cells(page, regional[0]);
    expect(Object.values(firstSummary).some((c) => c.value === "Invoice date")).toBe(true);
    await screenshot(page, "aging-2-regions-400");
    await expectClean(pane);
    await page.close();
  });

  it("refuses two identical groupings without touching Excel", async () => {
    const pane = await openPane("en-US", 320);
    const { page } = pane;
    await page.click("#tab-aging");
    await ltc.select(page, AR_SHEET, "A1");
    await page.click("[data-testid=aging-pick]");
    await page.waitForFunction(() => document.querySelector("[data-testid=aging-table]")?.textContent !== "");
    await page.selectOption("[data-testid=aging-group1]", "customer");
    await page.selectOption("[data-testid=aging-group2]", "customer");
    const syncs = await ltc.syncCount(page);
    await page.click("[data-testid=aging-generate]");
    await page.waitForFunction(() => /different groupings/.test(document.querySelector("[data-testid=aging-status]")?.textContent ?? ""));
    expect(await ltc.syncCount(page)).toBe(syncs);
    await screenshot(page, "aging-3-options-320");
    await expectNoHorizontalOverflow(page);
    await page.close();
  });

  it("explains =LTC.OPPSCORE(...): the inputs read and the rulebook rows, in the UI language, in one read of the inputs", async () => {
    const pane = await openPane("zh-CN", 360);
    const { page } = pane;
    await page.click("#tab-explain");
    await ltc.select(page, FORMULA_SHEET, OPPSCORE_CELL);
    const syncs = await ltc.syncCount(page);
    await page.click("[data-testid=explain-button]");
    await page.waitForSelector("[data-testid=explain-inputs]");
    // one sync for the selection, one for every referenced cell (on two sheets)
    expect((await ltc.syncCount(page)) - syncs).toBe(2);
    expect(await page.textContent("[data-testid=explain-status]")).toBe(`LTC.OPPSCORE 的结果是 ${OPPSCORE_RESULT}。`);
    const inputs = await page.locator("[data-testid=explain-inputs] dd").allTextContents();
    expect(inputs).toEqual(["认可", "长期合作客户", "0.3", "一般"]);
    const sources = await page.locator("[data-testid=explain-inputs] dt .ltc-code").allTextContents();
    expect(sources).toEqual([`'${OPP_SHEET}'!I2`, `'${OPP_SHEET}'!J2`, `'${OPP_SHEET}'!K2`, "C2"]);
    const reasons = await page.locator("[data-testid=explain-reasons] li").allTextContents();
    expect(reasons).toHaveLength(4);
    expect(reasons[0]).toMatch(/认可 → 3分/);
    expect(reasons[3]).toMatch(/价格竞争力：一般 → 2分/);
    await screenshot(page, "explain-1-zh-360");
    await expectNoHorizontalOverflow(page);

    // a cell without a formula: a message, not an exception
    await ltc.select(page, FORMULA_SHEET, "A2");
    await page.click("[data-testid=explain-button]");
    await page.waitForFunction(() => /不含公式/.test(document.querySelector("[data-testid=explain-status]")?.textContent ?? ""));
    await expectClean(pane);
    await page.close();

    const en = await openPane("en-GB", 450);
    await en.page.click("#tab-explain");
    await ltc.select(en.page, FORMULA_SHEET, OPPSCORE_CELL);
    await en.page.click("[data-testid=explain-button]");
    await en.page.waitForSelector("[data-testid=explain-reasons] li");
    expect(await en.page.textContent("[data-testid=explain-status]")).toBe(`LTC.OPPSCORE gives ${OPPSCORE_RESULT}.`);
    expect(await en.page.locator("[data-testid=explain-reasons] li").first().textContent()).toMatch(/Brand recognition: Recognised → 3/);
    await screenshot(en.page, "explain-2-en-450");
    await expectNoHorizontalOverflow(en.page);
    await expectClean(en);
    await en.page.close();
  });

  it("rules: export, a rejected edit, an accepted edit that changes an LTC answer, restore", async () => {
    const pane = await openPane("zh-CN", 360);
    const { page } = pane;
    const defaultStamp = rulebookStamp(DEFAULT_RULEBOOK);
    await page.click("#tab-rules");
    const stamp = () => page.textContent("[data-testid=rules-stamp]");
    const statusText = () => page.textContent("[data-testid=rules-status]");
    await page.waitForFunction(() => /内置默认规则/.test(document.querySelector("[data-testid=rules-stamp]")?.textContent ?? ""));
    expect(await stamp()).toBe(`当前生效的规则：${defaultStamp}（内置默认规则）`);

    // checking before exporting: there is no rules sheet
    await page.click("[data-testid=rules-check]");
    await page.waitForFunction(() => /没有工作表/.test(document.querySelector("[data-testid=rules-status]")?.textContent ?? ""));

    await page.click("[data-testid=rules-export]");
    await page.waitForFunction(() => /已写入工作表/.test(document.querySelector("[data-testid=rules-status]")?.textContent ?? ""));
    expect(await ltc.sheetNames(page)).toContain("LTC规则");
    expect(await ltc.activeSheet(page)).toBe("LTC规则");
    const sheet = await ltc.cells(page, "LTC规则");
    // the owner.settings row of the 500万 threshold: key in column A, value in column B
    const keyCell = Object.keys(sheet).find((a) => a.startsWith("A") && sheet[a].value === "mtoThresholdFen")!;
    const valueCell = keyCell.replace(/^A/, "B");
    expect(sheet[valueCell].value).toBe(500_000_000);
    const row = Number(keyCell.slice(1));

    // a rejected import: a threshold that is not a number; nothing changes
    await ltc.type(page, "LTC规则", valueCell, "五百万");
    await page.click("[data-testid=rules-check]");
    await page.waitForSelector("[data-testid=rules-errors]");
    expect(await statusText()).toBe("发现 1 个问题。未作任何更改，当前规则继续有效。");
    const errors = await page.locator("[data-testid=rules-errors] li").allTextContents();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^LTC规则 › owner\\.settings › 第${row}行 › .*“五百万”`));
    expect(await page.isVisible("[data-testid=rules-import]")).toBe(false);
    expect(await stamp()).toBe(`当前生效的规则：${defaultStamp}（内置默认规则）`);
    expect(await ltc.storedForms(page)).toEqual([]);
    await screenshot(page, "rules-1-rejected-360");

    // a valid edit: the pane shows the difference before importing
    await ltc.type(page, "LTC规则", valueCell, 400_000_000);
    await page.click("[data-testid=rules-check]");
    await page.waitForSelector("[data-testid=rules-diff]");
    const diff = await page.locator("[data-testid=rules-diff] li").allTextContents();
    expect(diff).toHaveLength(1);
    expect(diff[0]).toMatch(/^主责部门设置 \(owner\.settings\) › mtoThresholdFen「发电MTO项目金额门槛」 › 值[:：] ?500000000 → 400000000（500万元 → 400万元）$/);
    // edited again after the check: import refuses and shows the new difference
    await ltc.type(page, "LTC规则", valueCell, 300_000_000);
    await page.click("[data-testid=rules-import]");
    await page.waitForFunction(() => /检查之后工作表又被修改过/.test(document.querySelector("[data-testid=rules-status]")?.textContent ?? ""));
    expect(await page.locator("[data-testid=rules-diff] li").first().textContent()).toMatch(/500万元 → 300万元/);
    expect(await ltc.storedForms(page)).toEqual([]);
    await screenshot(page, "rules-2-diff-360");

    await page.click("[data-testid=rules-import]");
    await page.waitForFunction(() => /已导入并生效/.test(document.querySelector("[data-testid=rules-status]")?.textContent ?? ""));
    const newStamp = (await stamp())!;
    expect(newStamp).toMatch(/（本工作簿的规则）$/);
    expect(newStamp).not.toContain(defaultStamp);
    expect(await ltc.storedForms(page)).toEqual(["sheet"]);

    // the workbook's rules decide the LTC answer now: a 400万 MTO project belongs to the generation sales team
    await page.click("#tab-explain");
    await ltc.select(page, FORMULA_SHEET, OWNERDEPT_CELL);
    await page.click("[data-testid=explain-button]");
    await page.waitForSelector("[data-testid=explain-reasons] li");
    expect(await page.textContent("[data-testid=explain-status]")).toBe(`LTC.OWNERDEPT 的结果是 ${OWNERDEPT_AT_300W}。`);
    expect(await page.locator("[data-testid=explain-reasons]").textContent()).toMatch(/300万元/);
    // the import recalculated: Excel's cell shows the new answer too
    expect((await ltc.cell(page, FORMULA_SHEET, OWNERDEPT_CELL)).value).toBe(OWNERDEPT_AT_300W);

    // restore the default: the pane asks first, in the pane, and nothing is deleted until confirmed
    await page.click("#tab-rules");
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? null);
    await page.click("[data-testid=rules-reset]");
    await page.waitForSelector("[data-testid=rules-reset-confirm]:not([hidden])");
    expect(await page.textContent("[data-testid=rules-reset-confirm]")).toMatch(/删除本工作簿的规则.*要先把这些规则导出到工作表吗/);
    expect(await focused()).toBe("rules-reset-export");
    await screenshot(page, "rules-3-confirm-reset-360");
    await page.keyboard.press("Escape");
    expect(await page.isVisible("[data-testid=rules-reset-confirm]")).toBe(false);
    expect(await focused()).toBe("rules-reset");
    expect(await ltc.storedForms(page)).toEqual(["sheet"]);
    await page.click("[data-testid=rules-reset]");
    await page.click("[data-testid=rules-reset-cancel]");
    expect(await ltc.storedForms(page)).toEqual(["sheet"]);
    expect(await stamp()).toBe(newStamp);
    // export first over a rules sheet with an edit not imported: refused, nothing deleted, the edit kept and offered for import
    await ltc.type(page, "LTC规则", valueCell, 123);
    await page.click("[data-testid=rules-reset]");
    await page.click("[data-testid=rules-reset-export]");
    await page.waitForFunction(() => /尚未导入的修改/.test(document.querySelector("[data-testid=rules-status]")?.textContent ?? ""));
    expect(await statusText()).toBe("工作表 LTC规则 中有尚未导入的修改，未覆盖它：请先检查并导入这些修改，或将该工作表改名以保留它，然后再导出。");
    expect((await ltc.cell(page, "LTC规则", valueCell)).value).toBe(123);
    expect(await page.isVisible("[data-testid=rules-import]")).toBe(true);
    expect(await ltc.storedForms(page)).toEqual(["sheet"]);
    expect(await stamp()).toBe(newStamp);
    // the edit undone, the sheet holds the rules in force: export first, then restore
    await ltc.type(page, "LTC规则", valueCell, 300_000_000);
    await page.click("[data-testid=rules-reset]");
    await page.click("[data-testid=rules-reset-export]");
    await page.waitForFunction(() => /已恢复内置默认规则/.test(document.querySelector("[data-testid=rules-status]")?.textContent ?? ""));
    expect(await statusText()).toMatch(/^本工作簿的规则已导出到工作表 LTC规则；/);
    expect((await ltc.cell(page, "LTC规则", valueCell)).value).toBe(300_000_000);
    expect(await stamp()).toBe(`当前生效的规则：${defaultStamp}（内置默认规则）`);
    expect((await ltc.cell(page, FORMULA_SHEET, OWNERDEPT_CELL)).value).toBe(OWNERDEPT_DEFAULT);
    expect(await ltc.storedForms(page)).toEqual([]);
    expect(await page.isVisible("[data-testid=rules-reset-confirm]")).toBe(false);
    expect(await focused()).toBe("rules-reset");
    // with nothing stored there is nothing to lose: restoring asks nothing
    await page.click("[data-testid=rules-reset]");
    await page.waitForFunction(() => /^已恢复内置默认规则/.test(document.querySelector("[data-testid=rules-status]")?.textContent ?? ""));
    expect(await page.isVisible("[data-testid=rules-reset-confirm]")).toBe(false);
    await screenshot(page, "rules-3-reset-360");
    await expectNoHorizontalOverflow(page);
    await expectClean(pane);
    await page.close();
  });

  it("computes with the rulebook the workbook carries, from the moment the pane opens", async () => {
    const pane = await openPane("en-US", 360, "&rulebook=mto300");
    const { page } = pane;
    await page.click("#tab-rules");
    await page.waitForFunction(() => /this workbook's rules/.test(document.querySelector("[data-testid=rules-stamp]")?.textContent ?? ""));
    expect(await page.textContent("[data-testid=rules-stamp]")).not.toContain(rulebookStamp(DEFAULT_RULEBOOK));
    // kept in the settings form of earlier versions: the pane says the next import moves them to the store sheet
    expect(await page.textContent("[data-testid=rules-stored-form]")).toMatch(/^This workbook's rules are still kept the way earlier versions kept them.*very hidden sheet ltcDesk\.rulebook/);
    expect(await page.isVisible("[data-testid=rules-stored-form]")).toBe(true);
    await page.click("#tab-explain");
    await ltc.select(page, FORMULA_SHEET, OWNERDEPT_CELL);
    await page.click("[data-testid=explain-button]");
    await page.waitForSelector("[data-testid=explain-reasons] li");
    expect(await page.textContent("[data-testid=explain-status]")).toBe(`LTC.OWNERDEPT gives ${OWNERDEPT_AT_300W}.`);
    await expectClean(pane);
    await page.close();

    // a stored rulebook that does not validate: the default is in force and the pane says why
    const broken = await openPane("en-US", 360, "&rulebook=broken");
    await broken.page.click("#tab-rules");
    await broken.page.waitForSelector("[data-testid=rules-errors] li");
    expect(await broken.page.textContent("[data-testid=rules-status]")).toMatch(/not valid, so the built-in default is in force/);
    expect(await broken.page.textContent("[data-testid=rules-stamp]")).toBe(`Rules in force: ${rulebookStamp(DEFAULT_RULEBOOK)} (the built-in default)`);
    expect(await broken.page.isVisible("[data-testid=rules-stored-form]")).toBe(false);
    // many errors: the first ten, and how many more
    expect(await broken.page.locator("[data-testid=rules-errors] li").count()).toBe(10);
    expect(await broken.page.textContent("#panel-rules")).toMatch(/…and \d+ more\./);
    await screenshot(broken.page, "rules-4-stored-invalid-360");
    await broken.page.close();
  });

  it.each([
    ["zh-CN", 320],
    ["en-US", 320],
    ["zh-CN", 450],
    ["en-US", 450],
  ])("fits a %s pane %ipx wide: every view, filled in, with nothing sticking out", async (lang, width) => {
    const pane = await openPane(lang, width);
    const { page } = pane;
    const name = `${lang}-${width}`;
    // charter: read three rows (one hostile, one with a problem)
    await ltc.select(page, OPP_SHEET, "A2:A4");
    await page.click("[data-testid=charter-read]");
    await page.waitForSelector("[data-testid=charter-generate]");
    await expectNoHorizontalOverflow(page);
    await screenshot(page, `fit-charter-${name}`);
    // aging: pick the table and generate with the defaults
    await page.click("#tab-aging");
    await ltc.select(page, AR_SHEET, "A1");
    await page.click("[data-testid=aging-pick]");
    await page.waitForFunction(() => document.querySelector("[data-testid=aging-table]")?.textContent !== "");
    await page.fill("[data-testid=aging-asof]", AS_OF);
    await page.click("[data-testid=aging-generate]");
    await page.waitForSelector("[data-testid=aging-sheets]");
    await expectNoHorizontalOverflow(page);
    await screenshot(page, `fit-aging-${name}`);
    // explain
    await page.click("#tab-explain");
    await ltc.select(page, FORMULA_SHEET, OPPSCORE_CELL);
    await page.click("[data-testid=explain-button]");
    await page.waitForSelector("[data-testid=explain-reasons] li");
    await expectNoHorizontalOverflow(page);
    await screenshot(page, `fit-explain-${name}`);
    // rules: export, then a rejected check
    await page.click("#tab-rules");
    await page.click("[data-testid=rules-export]");
    await page.waitForFunction(() => document.querySelector("[data-testid=rules-report] button") !== null);
    await expectNoHorizontalOverflow(page);
    await screenshot(page, `fit-rules-${name}`);
    await expectClean(pane);
    await page.close();
  });

  it.each([
    ["no office.js at all (offline, blocked)", null, "en-US", /Office is not available/],
    ["office.js in a browser tab that is no Office host (the SupportUrl)", "plain", "zh-CN", /Office 不可用/],
  ])("outside Excel, with %s, says so instead of loading forever", async (_what, office, locale, expected) => {
    const page = await session.browser().newPage({ viewport: { width: 360, height: 600 }, locale });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    // office.js as a plain browser tab gets it: Office is there, no host, no Excel, no CustomFunctions
    const plainOfficeJs = `window.Office = { HostType: { Excel: "Excel" }, context: {},
      onReady(cb) { const info = { host: null, platform: null }; setTimeout(() => cb && cb(info), 0); return Promise.resolve(info); } };`;
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("https://appsforoffice.microsoft.com/")) {
        return office === "plain" ? route.fulfill({ status: 200, contentType: "text/javascript", body: plainOfficeJs }) : route.fulfill({ status: 404, body: "" });
      }
      return url.startsWith(session.serverUrl()) ? route.continue() : route.abort();
    });
    await page.goto(`${session.serverUrl()}taskpane.html`);
    await page.waitForSelector("#ltc-app [role=alert]");
    expect(await page.textContent("#ltc-app")).toMatch(expected);
    expect(await page.$("#ltc-loading")).toBeNull();
    // the custom functions' registration did not throw on its way (nothing else may have either)
    expect(errors).toEqual([]);
    expect(await page.evaluate(() => typeof (window as any).CustomFunctions)).toBe("undefined");
    await page.close();
  });

  it("follows a dark Office theme: Office's body and control colours, a dark palette for the rest", async () => {
    const pane = await openPane("en-US", 360, "&theme=black");
    const { page } = pane;
    await page.click("#tab-rules");
    await page.click("[data-testid=rules-check]");
    await page.waitForFunction(() => /no sheet/.test(document.querySelector("[data-testid=rules-status]")?.textContent ?? ""));
    const look = await page.evaluate(() => {
      const css = (selector: string) => getComputedStyle(document.querySelector(selector)!);
      return {
        theme: document.documentElement.dataset.theme,
        body: [css("body").backgroundColor, css("body").color],
        button: [css("[data-testid=rules-export]").backgroundColor, css("[data-testid=rules-export]").color],
        message: [css("[data-testid=rules-status] .ltc-message").backgroundColor, css("[data-testid=rules-status] .ltc-message").color],
        styleAttribute: document.documentElement.getAttribute("style") ?? "",
      };
    });
    expect(look.theme).toBe("dark");
    expect(look.body).toEqual(["rgb(38, 38, 38)", "rgb(255, 255, 255)"]);
    expect(look.button).toEqual(["rgb(54, 54, 54)", "rgb(240, 240, 240)"]);
    // the warning comes from the dark palette: light text on a dark amber, not the light theme's near-white box
    expect(look.message).toEqual(["rgb(74, 30, 4)", "rgb(255, 255, 255)"]);
    // only custom properties were set, through the CSSOM
    expect(look.styleAttribute.split(";").filter((d) => d.trim() !== "").every((d) => d.trim().startsWith("--"))).toBe(true);
    await screenshot(page, "theme-black-360");
    await expectClean(pane);
    await page.close();
  });

  it("keeps a visible focus ring on keyboard focus", async () => {
    const pane = await openPane("en-US", 320);
    const { page } = pane;
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("tab-charter");
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement;
      const s = getComputedStyle(e);
      return { testid: e.getAttribute("data-testid"), outline: s.outlineStyle, width: s.outlineWidth };
    });
    expect(focused).toEqual({ testid: "charter-read", outline: "solid", width: "2px" });
    await screenshot(page, "focus-320");
    // an action disables its button while it runs; when it ends, focus is on the button again
    await ltc.select(page, OPP_SHEET, "A2:A3");
    await page.keyboard.press("Enter");
    await page.waitForSelector("[data-testid=charter-generate]");
    await page.waitForFunction(() => !(document.querySelector("[data-testid=charter-read]") as HTMLButtonElement).disabled);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("charter-read");
    await page.focus("[data-testid=charter-generate]");
    await page.keyboard.press("Enter");
    await page.waitForSelector("[data-testid=charter-sheets]");
    await page.waitForFunction(() => !(document.querySelector("[data-testid=charter-generate]") as HTMLButtonElement).disabled);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("charter-generate");
    // every control is labelled
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll("button, input, select")]
        .filter((e) => {
          const el = e as HTMLInputElement;
          const text = (el.labels && el.labels.length > 0 ? el.labels[0].textContent : "") || el.getAttribute("aria-label") || el.textContent;
          return !text || text.trim() === "";
        })
        .map((e) => e.outerHTML.slice(0, 80)),
    );
    expect(unlabelled).toEqual([]);
    await page.close();
  });
});

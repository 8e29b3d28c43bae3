/**
 * The letters wizard (对账函 / 催款函) in a real browser: the built pane (dist/)
 * in Debian's chromium, Office.js replaced by the Excel test double (see
 * harness.ts and officeDouble.ts). Writes statements for the test workbook's
 * receivables, then again after the user has marked a letter served and
 * signed: the register is appended to, never written over, and read back as
 * the dunning log.
 */
import type { Page } from "playwright-core";
import { buildLetters } from "../../src/reports/letters";
import { DEFAULT_RULEBOOK } from "../../src/rules/rulebook";
import { serialFromYmd } from "../../src/rules/values";
import { paneTestSession } from "./harness";
import { AR_HEADER, AR_ROWS, AR_SHEET, HOSTILE_CUSTOMER } from "./workbook";

jest.setTimeout(120_000);

/* eslint-disable @typescript-eslint/no-explicit-any */
const session = paneTestSession();
const openPane = (displayLanguage: string) => session.openPane({ displayLanguage });

/** What the wizard wrote: sheets, the letters sheet's page breaks, the register's rows and the stored company name. */
const written = (page: Page) =>
  page.evaluate(() => {
    const d = (window as any).__ltc.double;
    const register = d.state.tables.find((t: any) => t.name === "发函登记");
    const rows: unknown[][] = [];
    if (register) {
      for (let r = register.rect.r0; r <= register.rect.r1; r++) {
        const row: unknown[] = [];
        for (let c = register.rect.c0; c <= register.rect.c1; c++) row.push(register.sheet.cell(r, c).value);
        rows.push(row);
      }
    }
    const letters = d.state.sheet("对账函");
    return {
      sheets: d.sheetNames() as string[],
      pageBreaks: letters ? [...letters.pageBreaks] : [],
      register: rows,
      company: d.state.settings.get("ltcDesk.companyName") ?? null,
    };
  });

async function generate(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelector("[data-testid=letters-sheets]")?.remove());
  await page.click("[data-testid=letters-generate]");
  await page.waitForSelector("[data-testid=letters-sheets]");
}

const AS_OF = "2026-11-30";
const expected = buildLetters({ header: AR_HEADER, rows: AR_ROWS, firstRowNumber: 2 }, undefined, { asOf: serialFromYmd(2026, 11, 30) }, DEFAULT_RULEBOOK);

describe("the letters wizard in chromium", () => {
  it("writes one statement per customer with page breaks and a register, then appends to that register", async () => {
    const { page, problems } = await openPane("zh-CN");
    await page.click("#tab-letters");
    await page.evaluate(([s, a]) => (window as any).__ltc.select(s, a), [AR_SHEET, "B3"]);
    await page.click("[data-testid=letters-pick]");
    await page.waitForFunction(() => document.querySelector("[data-testid=letters-table]")?.textContent !== "");
    const customers = new Set(AR_ROWS.map((r) => r[1])).size;
    expect(await page.textContent("[data-testid=letters-table]")).toBe(`应收账款!A1:P9：8 行数据，${customers} 户客户`);
    expect(await page.locator("[data-testid=letters-customers] option").count()).toBe(customers);
    await page.fill("[data-testid=letters-asof]", AS_OF);
    await page.fill("[data-testid=letters-company]", "长沙电气有限公司");
    await generate(page);

    const n = expected.letters.length;
    expect(n).toBeGreaterThan(2);
    expect(await page.textContent("[data-testid=letters-status]")).toBe(`已生成 ${n} 份函件，发函登记追加 ${n} 行。`);
    const first = await written(page);
    expect(first.sheets).toEqual(expect.arrayContaining(["对账函", "函件索引", "发函登记"]));
    expect(first.pageBreaks).toHaveLength(n - 1);
    expect(first.register[0]).toEqual(["函号", "客户", "类型", "金额", "项数", "生成日期", "送达日期", "回执"]);
    expect(first.register.slice(1).map((r) => [r[0], r[1]])).toEqual(expected.register.map((r) => [r.number, r.customer]));
    // a customer named like a formula is text in the register, never a formula
    const hostile = first.register.findIndex((r) => r[1] === HOSTILE_CUSTOMER);
    expect(hostile).toBeGreaterThan(0);
    expect(await page.evaluate((row) => (window as any).__ltc.cell("发函登记", `B${row + 2}`), hostile)).toMatchObject({ value: HOSTILE_CUSTOMER, formula: null });
    expect(first.company).toBe("长沙电气有限公司");

    // the user marks the first letter served and signed; the next run reads the register as its log and appends to it
    await page.evaluate(() => (window as any).__ltc.type("发函登记", "G3", "2026-11-30"));
    await page.evaluate(() => (window as any).__ltc.type("发函登记", "H3", "是"));
    await generate(page);
    const second = await written(page);
    expect(second.register).toHaveLength(1 + 2 * n);
    expect(second.register[1][0]).toBe(expected.register[0].number);
    expect(second.register[1].slice(7)).toEqual(["是"]);
    expect(second.register[n + 1][0]).toBe(`DZ20261130-${String(n + 1).padStart(3, "0")}`);
    expect(second.sheets.filter((s) => s.startsWith("发函登记"))).toEqual(["发函登记"]);
    expect(await page.textContent("[data-testid=letters-register]")).toBe(`发函登记：发函登记（追加 ${n} 行，未改动已有行）`);
    expect(problems).toEqual([]);
    await page.close();
  });
});

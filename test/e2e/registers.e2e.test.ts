/**
 * The registers action in a real browser: the built pane (dist/) in Debian's
 * chromium, Office.js replaced by the Excel test double (see harness.ts and
 * officeDouble.ts). Creates the registers twice and checks what the pane
 * asked Excel to write, and how many syncs it took.
 */
import type { Page } from "playwright-core";
import { paneTestSession } from "./harness";

jest.setTimeout(120_000);

/* eslint-disable @typescript-eslint/no-explicit-any */
const session = paneTestSession();
const openPane = (displayLanguage: string) => session.openPane({ displayLanguage });

interface Written {
  syncs: number;
  sheets: string[];
  tables: { name: string; sheet: string }[];
}

const workbook = (page: Page): Promise<Written> =>
  page.evaluate(() => {
    const d = (window as any).__ltc.double;
    return {
      syncs: d.syncCount,
      sheets: d.sheetNames(),
      tables: d.state.tables.map((t: any) => ({ name: t.name, sheet: t.sheet.name })),
    };
  });

/** A register sheet's header row, first data row (value or formula) and drop-down sources, as plain data. */
const register = (page: Page, sheet: string, headerRow: number) =>
  page.evaluate(
    ([name, r]) => {
      const s = (window as any).__ltc.double.sheet(name);
      const header: string[] = [];
      for (let c = 0; s.cell(r, c).value !== ""; c++) header.push(s.cell(r, c).value);
      return {
        header,
        data: header.map((_, c) => s.cell(r + 1, c).formula ?? s.cell(r + 1, c).value),
        lists: s.validations.map((v: any) => ({ col: v.rect.c0, row: v.rect.r0, source: v.rule.list.source })),
        names: [...s.names.values()].map((n: any) => ({ name: n.name, formula: n.formula })),
      };
    },
    [sheet, headerRow] as const,
  );

async function createRegisters(page: Page, asOf: string): Promise<void> {
  await page.click("#tab-registers");
  await page.fill("[data-testid=registers-asof]", asOf);
  await page.click("[data-testid=registers-create]");
  await page.waitForSelector("[data-testid=registers-sheets]");
}

describe("Create registers in chromium", () => {
  it("writes the three registers with drop-downs and formula columns in four syncs, and a second set beside them", async () => {
    const { page, problems } = await openPane("zh-CN");
    const before = await workbook(page);
    await createRegisters(page, "2026-11-30");
    const after = await workbook(page);
    // the action's own syncs: one for the workbook's table names, then the renderer's three (sheets and
    // markers, the new sheets' ids, the writes); the pane's other listeners may sync on the new sheets too
    expect(await page.getAttribute("[data-testid=registers-results]", "data-syncs")).toBe("4");
    expect(after.syncs - before.syncs).toBeGreaterThanOrEqual(4);
    expect(after.sheets.slice(before.sheets.length)).toEqual(["商机登记表", "应收账款台账", "催收记录"]);
    expect(after.tables.slice(before.tables.length)).toEqual([
      { name: "商机登记表", sheet: "商机登记表" },
      { name: "应收账款台账", sheet: "应收账款台账" },
      { name: "催收记录", sheet: "催收记录" },
    ]);
    expect(await page.textContent("[data-testid=registers-status]")).toBe("已创建 3 张登记表。");
    expect(await page.locator("[data-testid=registers-sheets] li").evaluateAll((els) => els.map((e) => e.getAttribute("data-table")))).toEqual([
      "商机登记表",
      "应收账款台账",
      "催收记录",
    ]);

    const opp = await register(page, "商机登记表", 0);
    expect(opp.data[opp.header.indexOf("成功概率")]).toBe(
      '=IF(AND([@品牌认同度]="",[@客户成熟度]="",[@竞争对手参与比例]="",[@价格竞争力]=""),"",LTC.WINPROB([@品牌认同度],[@客户成熟度],[@竞争对手参与比例],[@价格竞争力]))',
    );
    expect(opp.lists.find((l: { col: number }) => l.col === opp.header.indexOf("状态"))).toEqual({ col: opp.header.indexOf("状态"), row: 1, source: "跟进中,赢单,丢单,暂停" });
    const ar = await register(page, "应收账款台账", 2);
    expect(ar.data[ar.header.indexOf("账龄段")]).toBe('=IF([@到期日]="","",LTC.AGINGBUCKET([@到期日],LTC_AsOf,"zh"))');
    expect(ar.names.find((n: { name: string }) => n.name === "LTC_AsOf")?.formula).toMatch(/!\$?B\$?1$/);
    const log = await register(page, "催收记录", 0);
    expect(log.lists.map((l: { source: string }) => l.source)).toContain("对账函,催款函,律师函,还款承诺,起诉");

    // again: the first set (perhaps filled in by now) is left alone
    await createRegisters(page, "");
    const again = await workbook(page);
    expect(await page.getAttribute("[data-testid=registers-results]", "data-syncs")).toBe("4");
    expect(again.tables.slice(after.tables.length).map((t) => t.name)).toEqual(["商机登记表_2", "应收账款台账_2", "催收记录_2"]);
    expect(again.sheets).toEqual(expect.arrayContaining(["商机登记表", "商机登记表 (2)"]));
    expect(problems).toEqual([]);
    await page.close();
  });
});

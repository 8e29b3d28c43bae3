/**
 * The pipeline wizard in a real browser: the built pane (dist/) in Debian's
 * chromium, Office.js replaced by the Excel test double (see harness.ts and
 * officeDouble.ts). A 商机 table with every stage and status is put in the
 * workbook; the wizard reads it at the selection, writes the report's sheets
 * with their charts, and says what it found; the syncs it took are counted.
 */
import type { Page } from "playwright-core";
import { buildPipeline } from "../../src/reports/pipeline";
import { DEFAULT_RULEBOOK } from "../../src/rules/rulebook";
import { serialFromYmd } from "../../src/rules/values";
import { craftedTable } from "../fixtures/pipelineTable";
import { Pane, paneTestSession } from "./harness";

jest.setTimeout(120_000);

/* eslint-disable @typescript-eslint/no-explicit-any */
const session = paneTestSession();

const DATA_SHEET = "漏斗数据";

/** The crafted table without its blank row (a plain range is read as the selection's current region), as cell values. */
function tableCells(): { header: string[]; rows: (string | number)[][] } {
  const t = craftedTable();
  const rows = t.rows.filter((r) => r.some((v) => v !== null)).map((r) => r.map((v) => (v === null ? "" : (v as string | number))));
  return { header: t.header.map(String), rows };
}

/** The pane with the 商机 data on a sheet of its own, the selection in it. */
async function openPane(displayLanguage: string): Promise<Pane> {
  const { page, problems } = await session.openPane({ displayLanguage });
  const { header, rows } = tableCells();
  await page.evaluate(
    async ([sheet, values]) => {
      const ltc = (window as any).__ltc;
      await ltc.double.run(async (context: any) => {
        const ws = context.workbook.worksheets.add(sheet);
        ws.getRangeByIndexes(0, 0, values.length, values[0].length).values = values;
        await context.sync();
      });
      await ltc.settle();
      ltc.select(sheet, "C4");
    },
    [DATA_SHEET, [header, ...rows]] as const,
  );
  return { page, problems };
}

const syncs = (page: Page): Promise<number> => page.evaluate(() => (window as any).__ltc.syncCount());
const settle = (page: Page): Promise<string[]> => page.evaluate(() => (window as any).__ltc.settle());

describe("the pipeline wizard in chromium", () => {
  it("reads the table at the selection, writes six sheets with their charts, and lists attention and rejected rows", async () => {
    const { page, problems } = await openPane("zh-CN");
    await page.click("#tab-pipeline");
    expect(await page.isVisible("#panel-pipeline")).toBe(true);

    // without a table first, the wizard says what to do
    await page.click("[data-testid=pipeline-generate]");
    expect(await page.textContent("[data-testid=pipeline-status]")).toBe("请先选定商机表：单击表中任一单元格，再点击“使用所选位置的表格”。");

    const beforePick = await syncs(page);
    await page.click("[data-testid=pipeline-pick]");
    await page.waitForFunction(() => document.querySelector("[data-testid=pipeline-table]")?.textContent !== "");
    expect(await page.textContent("[data-testid=pipeline-table]")).toBe(`${DATA_SHEET}!A1:Q15：14 行数据`);
    const pickSyncs = (await syncs(page)) - beforePick;

    await page.fill("[data-testid=pipeline-asof]", "2026-11-30");
    await page.selectOption("[data-testid=pipeline-group]", "office");
    await settle(page);
    const before = await syncs(page);
    const sheetsBefore: string[] = await page.evaluate(() => (window as any).__ltc.sheetNames());
    await page.click("[data-testid=pipeline-generate]");
    await page.waitForSelector("[data-testid=pipeline-sheets]");
    expect(await settle(page)).toEqual([]);
    const generateSyncs = (await syncs(page)) - before;
    // picking the table: the reader's two (locate the region, then its values); generating: the region
    // read again at its address (one), then the renderer's three (sheets and markers, new sheet ids, the writes)
    expect({ pickSyncs, generateSyncs }).toEqual({ pickSyncs: 2, generateSyncs: 4 });

    const sheets: string[] = await page.evaluate(() => (window as any).__ltc.sheetNames());
    expect(sheets.slice(sheetsBefore.length)).toEqual(["商机漏斗-汇总", "商机漏斗-漏斗", "商机漏斗-预测", "商机漏斗-关注", "商机漏斗-明细", "商机漏斗-数据问题"]);
    const charts = await page.evaluate(() => {
      const d = (window as any).__ltc.double;
      return ["商机漏斗-汇总", "商机漏斗-漏斗", "商机漏斗-预测"].map((name) => d.sheet(name).charts.map((c: any) => [c.type, c.title]));
    });
    expect(charts).toEqual([
      [["BarStacked", "各组在手商机加权金额（按阶段）"]],
      [["BarStacked", "各阶段商机数（按状态）"]],
      [["ColumnStacked", "加权金额预测（按月）"]],
    ]);

    // the pane's figures are the model's: the same table read the same way
    const { header, rows } = tableCells();
    const model = buildPipeline({ header, rows, firstRowNumber: 2 }, { asOf: serialFromYmd(2026, 11, 30) }, DEFAULT_RULEBOOK);
    expect(model.summaryTotal.total).toEqual({ count: 5, amountFen: 150_000_018, weightedFen: 137_500_016 });
    expect(await page.textContent("[data-testid=pipeline-open]")).toBe("在手商机 5 个，金额 ¥1,500,000.18，加权金额 ¥1,375,000.16");
    expect(await page.textContent("[data-testid=pipeline-reconciliation]")).toBe(
      "共 14 行：计入 10 行 ¥5,300,350.18，剔除 4 行 ¥60.00，合计 ¥5,300,410.18",
    );
    const attention = await page.locator("[data-testid=pipeline-attention] li").evaluateAll((els) => els.map((e) => e.getAttribute("data-row")));
    expect(attention).toEqual(model.attention.map((a) => String(a.row)));
    expect(await page.locator("[data-testid=pipeline-attention] li").first().textContent()).toBe("第 2 行热线索（管理线索）：热线索仍在管理线索阶段：立即转化为机会点");
    expect(await page.locator("[data-testid=pipeline-rejected] li").evaluateAll((els) => els.map((e) => e.getAttribute("data-row")))).toEqual(["12", "13", "14", "15"]);
    expect(await page.textContent("[data-testid=pipeline-status]")).toBe("已生成商机漏斗：6 张工作表。 核对一致（精确到分）。");

    // the summary sheet's total row, as written
    const total = await page.evaluate(() => {
      const s = (window as any).__ltc.double.sheet("商机漏斗-汇总");
      // group, four open stages × (count, amount, weighted), then the total's three
      for (let r = 0; r < 40; r++) if (s.cell(r, 0).value === "合计") return [13, 14, 15].map((c) => s.cell(r, c).value);
      return null;
    });
    expect(total).toEqual([5, 1_500_000.18, 1_375_000.16]);
    expect(problems).toEqual([]);
    await page.close();
  });
});

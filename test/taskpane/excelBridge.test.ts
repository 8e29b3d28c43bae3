import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { readInputTable, RECEIVABLES_WANTED } from "../../src/cli/aging";
import { buildAging } from "../../src/reports/aging";
import { buildAgingReport } from "../../src/reports/agingReport";
import { RawTable } from "../../src/reports/table";
import { DEFAULT_RULEBOOK } from "../../src/rules/rulebook";
import { serialFromYmd } from "../../src/rules/values";
import { readTableAt, readTableAtSelection, renderSheets } from "../../src/taskpane/excelBridge";
import { tempDir } from "../cli/cliHarness";
import { ExcelDouble } from "../doubles/excelDouble";

const AS_OF = serialFromYmd(2026, 11, 30);
const DUE = serialFromYmd(2026, 10, 1);

/** A ledger as people keep it: a title line and a unit line above the header, the table starting in column B. */
const LEDGER: unknown[][] = [
  ["应收账款台账（2026年11月）", null, null, null, null, null, null],
  ["单位：万元", null, null, null, null, null, null],
  ["合同号", "客户", "片区", "代表处", "金额", "已回款", "到期日"],
  ["HT-1", "国网湖南", "华中", "湖南代表处", 1.5, 0.5, DUE],
  ["HT-2", "国网湖北", "华中", "湖北代表处", 2, null, DUE],
];

/** What a report builder reads of a table, without where it says it came from (an Excel region or a file). */
const asRead = (t: RawTable) => ({ header: t.header, rows: t.rows, firstRowNumber: t.firstRowNumber, firstColumn: t.firstColumn, titles: t.titles });

function workbook(): ExcelDouble {
  const d = new ExcelDouble();
  const s = d.addSheet("台账");
  d.put(s, "B2", LEDGER);
  d.select("台账", "C6");
  return d;
}

describe("the pane reads a ledger as the command line does", () => {
  const dir = tempDir("bridge");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("title lines, the unit line and the first column reach the report builders, the same as from the .xlsx", async () => {
    const d = workbook();
    const found = await d.run((ctx) => readTableAtSelection(ctx as unknown as Excel.RequestContext));
    expect(asRead(found.table)).toEqual({
      header: LEDGER[2],
      rows: LEDGER.slice(3),
      firstRowNumber: 5,
      firstColumn: 1,
      titles: [
        { row: 2, text: "应收账款台账（2026年11月）" },
        { row: 3, text: "单位：万元" },
      ],
    });

    const file = path.join(dir, "ledger.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("台账");
    LEDGER.forEach((row, r) => row.forEach((v, c) => v !== null && (ws.getCell(r + 2, c + 2).value = v as ExcelJS.CellValue)));
    await wb.xlsx.writeFile(file);
    const fromCli = await readInputTable(file, { wanted: RECEIVABLES_WANTED });
    expect(asRead(found.table)).toEqual(asRead(fromCli));

    // read again for the report (the pane's second action): the same table
    const again = await d.run((ctx) => readTableAt(ctx as unknown as Excel.RequestContext, found.ref));
    expect(asRead(again)).toEqual(asRead(found.table));

    // so the amounts are in 万元 in Excel too, and the report says which row it took as the header
    const result = buildAging(again, { asOf: AS_OF, groupBy: ["region"] }, DEFAULT_RULEBOOK);
    expect(result.reconciliation.inputFen).toBe(1_000_000 + 2_000_000);
    expect(result.notes.map((n) => n.en).join("\n")).toMatch(/header taken from row 4/);
    // the same report, but for where it says the table came from
    const fromFile = buildAging(fromCli, { asOf: AS_OF, groupBy: ["region"] }, DEFAULT_RULEBOOK);
    expect(result.source).toBe("台账!B2:H6");
    expect({ ...result, source: "" }).toEqual({ ...fromFile, source: "" });
  });

  test("the aging report rendered in Excel echoes the ledger's unit in its header and on the reconciliation line", async () => {
    const d = workbook();
    const found = await d.run((ctx) => readTableAtSelection(ctx as unknown as Excel.RequestContext));
    const result = buildAging(found.table, { asOf: AS_OF, groupBy: ["region"] }, DEFAULT_RULEBOOK);
    await d.run((ctx) => renderSheets(ctx as unknown as Excel.RequestContext, buildAgingReport(result, DEFAULT_RULEBOOK), { markerStore: "customProperties" }));
    const summary = d.sheet("账龄汇总");
    const texts: string[] = [];
    for (const c of summary.cells.values()) if (typeof c.value === "string") texts.push(c.value);
    expect(texts).toContain("金额单位");
    expect(texts).toContain("金额单位：金额 万元；已回款 万元（已换算为元）");
    expect(texts.find((t) => t.startsWith("全部输入行未回款 "))).toBe(
      "全部输入行未回款 30,000.00 = 各账龄段合计 30,000.00 + 贷方余额 0.00 + 剔除行 0.00（金额单位：金额 万元；已回款 万元（已换算为元）） ✓",
    );
  });
});

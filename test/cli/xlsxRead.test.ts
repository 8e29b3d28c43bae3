import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { plainValue, readTableFromWorkbook, readTableFromXlsx, XlsxReadError } from "../../src/cli/xlsxRead";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ltc-xlsx-read-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = ["合同号", "客户", "金额", "到期日"];

/** A workbook as users make them: a cover sheet, a titled data sheet, a table with a totals row. */
async function userWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("封面").getCell("A1").value = "2026 年应收";
  const data = wb.addWorksheet("应收明细");
  data.getCell("B1").value = "应收账款明细（华东片区）";
  data.getRow(3).values = [undefined, ...HEADER];
  data.getRow(4).values = [undefined, "HT-1", { richText: [{ text: "国网" }, { text: "江苏", font: { bold: true } }] }, 1234.5, new Date(Date.UTC(2026, 2, 5))];
  data.getRow(5).values = [undefined, "HT-2", { text: "南网", hyperlink: "https://example.com" }, { formula: "D4*2", result: 2469 }, "2026/3/6"];
  data.getRow(6).values = [undefined, "HT-3", "=HYPERLINK(1)", { error: "#N/A" }, null];
  data.getRow(7).values = [undefined, null, null, null, null];
  data.getCell("B9").style = { fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } } }; // styled but empty
  data.getCell("E4").numFmt = "yyyy-mm-dd";
  const t = wb.addWorksheet("Table sheet");
  t.addTable({
    name: "Receivables",
    ref: "C2",
    headerRow: true,
    totalsRow: true,
    columns: [
      { name: "合同号", totalsRowLabel: "合计" },
      { name: "金额", totalsRowFunction: "sum" },
    ],
    rows: [
      ["HT-9", 10],
      ["HT-10", 20],
    ],
  });
  await wb.xlsx.writeFile(file);
}

describe("readTableFromXlsx", () => {
  let file: string;
  beforeAll(async () => {
    file = join(dir, "user.xlsx");
    await userWorkbook(file);
  });

  test("by sheet: the header is the first non-empty row after a lone title; values are plain; dates stay Date", async () => {
    const t = await readTableFromXlsx(file, { sheet: "应收明细" });
    expect(t).toMatchObject({ sheetName: "应收明细", address: "B3:E6", source: "应收明细!B3:E6", firstRowNumber: 4 });
    expect(t.header).toEqual(HEADER);
    expect(t.rows).toEqual([
      ["HT-1", "国网江苏", 1234.5, new Date(Date.UTC(2026, 2, 5))],
      ["HT-2", "南网", 2469, "2026/3/6"],
      ["HT-3", "=HYPERLINK(1)", "#N/A", null],
    ]);
  });

  test("the streaming reader gives the same table", async () => {
    const a = await readTableFromXlsx(file, { sheet: "应收明细", streaming: false });
    const b = await readTableFromXlsx(file, { sheet: "应收明细", streaming: true });
    expect(b).toEqual(a);
  });

  test("by table name (any case, any sheet): header and rows, no totals row", async () => {
    const t = await readTableFromXlsx(file, { table: "receivables" });
    expect(t).toMatchObject({ sheetName: "Table sheet", tableName: "Receivables", source: "Receivables", firstRowNumber: 3, header: ["合同号", "金额"] });
    expect(t.rows).toEqual([
      ["HT-9", 10],
      ["HT-10", 20],
    ]);
  });

  test("no options: the first sheet", async () => {
    const t = await readTableFromXlsx(file);
    expect(t.sheetName).toBe("封面");
    expect(t.header).toEqual(["2026 年应收"]);
  });

  test("missing sheet or table: one clear line naming what exists", async () => {
    await expect(readTableFromXlsx(file, { sheet: "Nope" })).rejects.toThrow(new XlsxReadError('No sheet named "Nope" (sheets: 封面, 应收明细, Table sheet).'));
    await expect(readTableFromXlsx(file, { sheet: "Nope", streaming: true })).rejects.toThrow(/No sheet named "Nope"/);
    await expect(readTableFromXlsx(file, { table: "Nope" })).rejects.toThrow('No table named "Nope" (tables: Receivables).');
  });

  test("a file that is not an .xlsx fails", async () => {
    const bad = join(dir, "bad.xlsx");
    writeFileSync(bad, "not a zip");
    await expect(readTableFromXlsx(bad)).rejects.toThrow();
  });

  test("an empty sheet has no header row", () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Empty");
    expect(() => readTableFromWorkbook(wb)).toThrow(/empty/);
  });

  test("cell values: formula results, rich text, hyperlinks, errors, blanks", () => {
    expect(plainValue({ formula: "A1", result: { error: "#DIV/0!" } } as unknown as ExcelJS.CellValue)).toBe("#DIV/0!");
    expect(plainValue({ sharedFormula: "A1", result: "x" } as unknown as ExcelJS.CellValue)).toBe("x");
    // a formula the file holds without its result is not blank: the report says to open and save it
    expect(String(plainValue({ formula: "SUM(A1:A3)" } as ExcelJS.CellValue))).toBe("=SUM(A1:A3)");
    expect(plainValue("")).toBeNull();
    expect(plainValue(undefined)).toBeNull();
    expect(plainValue(false)).toBe(false);
  });
});

describe("ledgers as people keep them", () => {
  test("title lines are kept as titles, a merged 片区 belongs to every row it covers, a formula without a result says so", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("台账");
    ws.getCell("A1").value = "应收账款台账（2026年11月）";
    ws.mergeCells("A1:D1"); // a title across the table stays one cell
    ws.getCell("A2").value = "单位：万元";
    ws.getRow(3).values = ["片区", "客户", "金额", "到期日"];
    ws.getRow(4).values = ["华东", "甲", 1, "2026-10-01"];
    ws.getRow(5).values = [null, "乙", { formula: "C4*2" } as unknown as ExcelJS.CellValue, "2026-10-02"];
    ws.mergeCells("A4:A5");
    const file = join(dir, "ledger.xlsx");
    await wb.xlsx.writeFile(file);
    const t = await readTableFromXlsx(file, { streaming: false });
    expect(t).toMatchObject({ firstRowNumber: 4, firstColumn: 0, titles: [{ row: 1, text: "应收账款台账（2026年11月）" }, { row: 2, text: "单位：万元" }] });
    expect(t.header).toEqual(["片区", "客户", "金额", "到期日"]);
    expect(t.rows[1][0]).toBe("华东");
    expect(String(t.rows[1][2])).toBe("=C4*2");
  });
});

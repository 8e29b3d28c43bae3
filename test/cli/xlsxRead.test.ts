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
    expect(plainValue({ formula: "A1" } as ExcelJS.CellValue)).toBeNull();
    expect(plainValue("")).toBeNull();
    expect(plainValue(undefined)).toBeNull();
    expect(plainValue(false)).toBe(false);
  });
});

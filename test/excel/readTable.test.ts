import { readSelectedTable, ReadTableOptions, TableReadError } from "../../src/excel/readTable";
import { ExcelDouble, SheetState } from "../doubles/excelDouble";

function read(d: ExcelDouble, options: ReadTableOptions = {}) {
  return d.run((ctx) => readSelectedTable(ctx as unknown as Excel.RequestContext, options));
}

const HEADER = ["合同号", "客户", "金额", "到期日"];
function dataRows(n: number): unknown[][] {
  return Array.from({ length: n }, (_, i) => [`HT-${i + 1}`, i % 2 ? "国网" : "=HYPERLINK(1)", 1000 + i, 46000 + i]);
}

function workbookWithTable(n: number, at = "B3", options: { showTotals?: boolean } = {}): { d: ExcelDouble; s: SheetState } {
  const d = new ExcelDouble();
  d.addSheet("Cover", [["封面"]]);
  const s = d.addSheet("应收", [["应收账款明细"]]);
  const rows = [HEADER, ...dataRows(n)];
  if (options.showTotals) rows.push(["合计", null, 999, null]);
  d.put(s, at, rows);
  const top = Number(at.slice(1));
  d.addTable(s, "应收表", `B${top}:E${top + rows.length - 1}`, { showTotals: options.showTotals });
  return { d, s };
}

describe("readSelectedTable", () => {
  test("the Excel table the selection is in: header, rows, row numbers, two syncs, no writes", async () => {
    const { d } = workbookWithTable(5);
    d.select("应收", "C6:C7");
    const t = await read(d);
    expect(t).toMatchObject({ kind: "table", tableName: "应收表", sheetName: "应收", address: "B3:E8", source: "应收表", firstRowNumber: 4, selectedRows: { first: 6, last: 7 } });
    expect(t.header).toEqual(HEADER);
    expect(t.rows).toEqual(dataRows(5));
    expect(d.syncCount).toBe(2);
    expect(d.writeLog).toEqual([]);
  });

  test("a table's totals row is not data", async () => {
    const { d } = workbookWithTable(3, "B3", { showTotals: true });
    d.select("应收", "B4");
    const t = await read(d);
    expect(t.rows).toEqual(dataRows(3));
  });

  test("a large table is read in row chunks, one sync each", async () => {
    const { d } = workbookWithTable(25_000, "A1");
    d.select("应收", "A2");
    const t = await read(d, { chunkRows: 5000 });
    expect(t.rows).toHaveLength(25_000);
    expect(t.rows[24_999]).toEqual(dataRows(25_000)[24_999]);
    expect(t.firstRowNumber).toBe(2);
    // locate + first chunk, then the remaining 20,001 table rows (header included) in chunks of 5,000
    expect(d.syncCount).toBe(2 + Math.ceil((25_001 - 5000) / 5000));
  });

  test("without chunkRows the chunks are sized from the first rows and stay small", async () => {
    const { d } = workbookWithTable(30_000, "A1");
    d.select("应收", "A2");
    const t = await read(d);
    expect(t.rows).toHaveLength(30_000);
    expect(d.syncCount).toBeGreaterThan(2);
    expect(d.syncCount).toBeLessThan(20);
  });

  test("no table: the current region around the selection, skipping a title row", async () => {
    const d = new ExcelDouble();
    const s = d.addSheet("Data");
    d.put(s, "B2", [["应收账款明细"], HEADER, ...dataRows(4)]);
    d.put(s, "H2", [["unrelated"]]);
    d.select("Data", "D5");
    const t = await read(d);
    expect(t).toMatchObject({ kind: "region", sheetName: "Data", address: "B2:E7", source: "Data!B2:E7", firstRowNumber: 4, selectedRows: { first: 5, last: 5 } });
    expect(t.header).toEqual(HEADER);
    expect(t.rows).toEqual(dataRows(4));
    expect(d.syncCount).toBe(2);
  });

  test("blank cells read as null", async () => {
    const d = new ExcelDouble();
    const s = d.addSheet("Data");
    d.put(s, "A1", [["a", "b"], [1, null], [null, "x"]]);
    d.select("Data", "A1");
    const t = await read(d);
    expect(t.rows).toEqual([
      [1, null],
      [null, "x"],
    ]);
  });

  test("an empty selection falls back to a named table, else says what to select", async () => {
    const { d } = workbookWithTable(2);
    d.select("Cover", "F20");
    await expect(read(d)).rejects.toMatchObject({ code: "emptySelection" });
    await expect(read(d)).rejects.toBeInstanceOf(TableReadError);
    const t = await read(d, { fallbackTableNames: ["Missing", "应收表"] });
    expect(t.tableName).toBe("应收表");
    expect(t.rows).toEqual(dataRows(2));
  });

  test("no range selected: says so", async () => {
    const { d } = workbookWithTable(2);
    d.state.selection = null;
    await expect(read(d)).rejects.toMatchObject({ code: "noSelection" });
  });

  test("a ledger with merged 片区 and 客户 blocks: every row a block covers gets its value, in the same two syncs", async () => {
    const d = new ExcelDouble();
    const s = d.addSheet("台账");
    d.put(s, "A1", [
      ["应收账款台账（2026年11月）"],
      ["片区", "客户", "金额", "到期日"],
      ["华东", "国网江苏", 100, 46000],
      [null, null, 200, 46001],
      [null, "国网浙江", 300, 46002],
      ["华北", "国网河北", 400, 46003],
      [null, null, 500, 46004],
    ]);
    // merged as a user merges them: the title across the table, 片区 and 客户 down their rows
    await d.run(async (ctx) => {
      const ws = (ctx as unknown as Excel.RequestContext).workbook.worksheets.getItem("台账");
      for (const area of ["A1:D1", "A3:A5", "B3:B4", "A6:A7", "B6:B7"]) ws.getRange(area).merge();
      await ctx.sync();
    });
    d.resetCounters();
    d.select("台账", "C4");
    const t = await read(d);
    expect(t).toMatchObject({ kind: "region", address: "A1:D7", firstRowNumber: 3, titles: [{ row: 1, text: "应收账款台账（2026年11月）" }] });
    expect(t.rows).toEqual([
      ["华东", "国网江苏", 100, 46000],
      ["华东", "国网江苏", 200, 46001],
      ["华东", "国网浙江", 300, 46002],
      ["华北", "国网河北", 400, 46003],
      ["华北", "国网河北", 500, 46004],
    ]);
    expect(d.syncCount).toBe(2);
    expect(d.writeLog).toEqual([]);
  });

  test("a block merged across and down fills its first column only; a host without ExcelApi 1.13 reads without merges", async () => {
    for (const apiVersion of ["1.13", "1.12"]) {
      const d = new ExcelDouble({ apiVersion });
      const s = d.addSheet("Data");
      d.put(s, "A1", [
        ["片区", "备注", "金额"],
        ["华东", "合并说明", 1],
        [null, null, 2],
      ]);
      s.merges.push({ r0: 1, c0: 0, r1: 2, c1: 1 }); // A2:B3, as Excel keeps it: the other cells empty
      s.cells.delete(s.key(1, 1));
      d.select("Data", "C2");
      // the double throws ApiNotFound if the reader asks a 1.12 host for merged areas
      const uninstall = d.install();
      try {
        expect((await read(d)).rows).toEqual([
          ["华东", null, 1],
          [apiVersion === "1.13" ? "华东" : null, null, 2],
        ]);
      } finally {
        uninstall();
      }
    }
  });

  test("a table by name, whatever is selected; a missing name is reported", async () => {
    const { d } = workbookWithTable(3);
    d.select("Cover", "A1");
    const t = await read(d, { tableName: "应收表" });
    expect(t.rows).toEqual(dataRows(3));
    expect(d.syncCount).toBe(3);
    await expect(read(d, { tableName: "Nope" })).rejects.toMatchObject({ code: "tableNotFound" });
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { RECEIVABLES_WANTED } from "../../src/cli/aging";
import {
  inputDescription,
  loadableXlsx,
  plainValue,
  readTableFromWorkbook,
  readTableFromXlsx,
  streamThresholdBytes,
  XlsxReadError,
} from "../../src/cli/xlsxRead";
import { XlsxPackage } from "../../src/cli/xlsxStream";
import { ltc, readWorkbook, rowStartingWith } from "./cliHarness";

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

  test("by table name (any case, any sheet): header and rows, no totals row; loaded whole or streamed", async () => {
    for (const streaming of [false, true]) {
      const t = await readTableFromXlsx(file, { table: "receivables", streaming });
      expect(t).toMatchObject({ sheetName: "Table sheet", tableName: "Receivables", source: "Receivables", firstRowNumber: 3, header: ["合同号", "金额"] });
      expect(t.rows).toEqual([
        ["HT-9", 10],
        ["HT-10", 20],
      ]);
    }
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
    await expect(readTableFromXlsx(file, { table: "Nope", streaming: true })).rejects.toThrow(new XlsxReadError('No table named "Nope" (tables: Receivables).'));
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

describe("the streaming reader reads a ledger as the in-memory reader does", () => {
  test("merged cells: a block merged down gives its rows its value, across it stays one cell; merges are read from the sheet's XML after its rows", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("台账");
    ws.getCell("A1").value = "应收账款台账";
    ws.mergeCells("A1:E1");
    ws.getRow(2).values = ["片区", "客户", "备注", "金额", "到期日"];
    ws.getRow(3).values = ["华东", "国网江苏", "说明跨两列", 1, "2026-10-01"];
    ws.getRow(4).values = [null, null, null, 2, "2026-10-02"];
    ws.getRow(5).values = [null, "国网浙江", null, 3, "2026-10-03"];
    ws.getRow(6).values = ["华北", "国网河北", null, 4, "2026-10-04"];
    ws.getRow(7).values = [null, null, null, 5, "2026-10-05"];
    ws.mergeCells("A3:A5");
    ws.mergeCells("B3:C4"); // down and across: the first column only
    ws.mergeCells("A6:A7");
    ws.mergeCells("B6:B7");
    const file = join(dir, "merged.xlsx");
    await wb.xlsx.writeFile(file);
    const whole = await readTableFromXlsx(file, { streaming: false });
    const streamed = await readTableFromXlsx(file, { streaming: true });
    expect(whole.rows).toEqual([
      ["华东", "国网江苏", null, 1, "2026-10-01"],
      ["华东", "国网江苏", null, 2, "2026-10-02"],
      ["华东", "国网浙江", null, 3, "2026-10-03"],
      ["华北", "国网河北", null, 4, "2026-10-04"],
      ["华北", "国网河北", null, 5, "2026-10-05"],
    ]);
    expect(streamed).toEqual(whole);
  });

  test("Chinese text over many chunks: the same as loaded whole, no character lost at a chunk boundary", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("台账");
    ws.addRow(["片区", "客户", "金额", "到期日"]);
    // distinct texts, so the shared strings part is large too
    for (let i = 0; i < 4000; i++) ws.addRow([`华东片区${i}`, `国网江苏省电力有限公司第${i}分公司`, i, "2026-10-01"]);
    const file = join(dir, "chinese.xlsx");
    await wb.xlsx.writeFile(file);
    const whole = await readTableFromXlsx(file, { streaming: false });
    const streamed = await readTableFromXlsx(file, { streaming: true });
    expect(JSON.stringify(streamed.rows)).not.toContain("\uFFFD");
    expect(streamed).toEqual(whole);
  });

  test("sheet order: the first ledger in tab order, also when the file holds the sheets in another order", async () => {
    const wb = new ExcelJS.Workbook();
    const later = wb.addWorksheet("十月"); // sheet1.xml, second tab
    const first = wb.addWorksheet("十一月"); // sheet2.xml, first tab
    // the tab order ExcelJS writes (its typings lack orderNo)
    (later as unknown as { orderNo: number }).orderNo = 2;
    (first as unknown as { orderNo: number }).orderNo = 1;
    later.addRows([["合同号", "金额", "到期日"], ["OCT-1", 1, "2026-10-01"]]);
    first.addRows([["合同号", "金额", "到期日"], ["NOV-1", 2, "2026-11-01"], ["NOV-2", 3, "2026-11-02"]]);
    const file = join(dir, "order.xlsx");
    await wb.xlsx.writeFile(file);
    for (const streaming of [false, true]) {
      const t = await readTableFromXlsx(file, { streaming, wanted: RECEIVABLES_WANTED });
      expect(t).toMatchObject({ sheetName: "十一月", skipped: [] });
      expect(t.rows.map((r) => r[0])).toEqual(["NOV-1", "NOV-2"]);
    }
  });
});

describe("files written by other tools (test/fixtures/other-tools, made by test/tools/make-other-tools-fixtures.py)", () => {
  const fixture = (name: string) => join(__dirname, "..", "fixtures", "other-tools", name);

  test("an Excel-written file is loaded as it is: nothing to rewrite", async () => {
    const file = join(dir, "excel-like.xlsx");
    await userWorkbook(file);
    const bytes = readFileSync(file);
    expect(await loadableXlsx(bytes)).toBe(bytes);
  });

  test("openpyxl's absolute part targets and comment parts are rewritten so that ExcelJS loads the file; its table is read", async () => {
    const bytes = readFileSync(fixture("openpyxl-table-comments.xlsx"));
    await expect(new ExcelJS.Workbook().xlsx.load(bytes as unknown as ExcelJS.Buffer)).rejects.toThrow(/Cannot read properties of undefined/);
    const zip = await JSZip.loadAsync(await loadableXlsx(bytes));
    const rels = await zip.file("xl/worksheets/_rels/sheet2.xml.rels")!.async("string");
    expect(rels).toContain('Target="../tables/table1.xml"');
    expect(rels).not.toContain("comments");
    const t = await readTableFromXlsx(fixture("openpyxl-table-comments.xlsx"), { table: "Receivables" });
    expect(t).toMatchObject({ sheetName: "应收", address: "A1:F6", header: ["合同号", "客户", "片区", "金额", "已回款", "到期日"] });
    expect(t.rows[0]).toEqual(["HT-2026-001", "国网江苏", "华东", 120000, 20000, new Date(Date.UTC(2026, 9, 31))]);
  });

  /**
   * `ltc aging` on a fixture, loaded whole (LTC_STREAM_THRESHOLD_BYTES over its size) and
   * streamed (the default): the same stdout, the input line included.
   */
  async function agingBothWays(name: string, extra: string[] = []): Promise<{ out: string; streamedInput: string; wb: ExcelJS.Workbook }> {
    const runs: string[] = [];
    let wb: ExcelJS.Workbook | undefined;
    const open = jest.spyOn(XlsxPackage, "open");
    try {
      const WHOLE = String(1024 * 1024 * 1024);
      for (const threshold of [WHOLE, undefined]) {
        const out = join(dir, `${name}-${threshold ?? "streamed"}.xlsx`);
        if (threshold === undefined) delete process.env.LTC_STREAM_THRESHOLD_BYTES;
        else process.env.LTC_STREAM_THRESHOLD_BYTES = threshold;
        open.mockClear();
        const run = await ltc(["aging", fixture(name), "--as-of", "2026-11-30", "--by", "片区", "-o", out, ...extra]);
        expect(run.errLines).toEqual([]);
        expect(run.code).toBe(0);
        // the environment variable decides the path the CLI takes
        expect(open).toHaveBeenCalledTimes(threshold === WHOLE ? 0 : 1);
        runs.push(run.out.replace(out, "OUT"));
        wb ??= await readWorkbook(out);
      }
    } finally {
      delete process.env.LTC_STREAM_THRESHOLD_BYTES;
      open.mockRestore();
    }
    expect(runs[1]).toBe(runs[0]);
    return { out: runs[0], streamedInput: /^input .*$/m.exec(runs[1])![0], wb: wb! };
  }

  /** The 合计 of a region's row in the aging summary. */
  function regionTotal(wb: ExcelJS.Workbook, region: string): unknown {
    const summary = wb.getWorksheet("账龄汇总")!;
    const header = rowStartingWith(summary, "片区")!;
    return rowStartingWith(summary, region)![header.indexOf("合计")];
  }

  test("openpyxl: a table with comments; a formula saved without a result is a data issue that says so", async () => {
    const { out, streamedInput, wb } = await agingBothWays("openpyxl-table-comments.xlsx");
    expect(out).toContain("rows read 5 · open items 3 · credits 0 · excluded 1 · fully paid 1 · data issues 1\n");
    expect(out).toContain("reconciliation OK: input 190,000.50 = ");
    expect(out).toContain("input table Receivables on 应收!A1:F6 (passed over: 说明 not the table wanted)\n");
    expect(streamedInput).toBe("input table Receivables on 应收!A1:F6 (passed over: 说明 not the table wanted)");
    expect(regionTotal(wb, "华东片区")).toBe(150000.5);
    expect(regionTotal(wb, "华北片区")).toBe(40000);
    const issues: string[] = [];
    wb.getWorksheet("数据问题")!.eachRow((row) => row.eachCell((c) => void (typeof c.value === "string" && issues.push(c.value))));
    expect(issues.some((t) => t.includes("没有保存结果的公式"))).toBe(true);
  });

  test("openpyxl: title rows, a 单位：万元 line, merged 片区 and 客户 blocks", async () => {
    const { out, streamedInput, wb } = await agingBothWays("openpyxl-ledger-merged.xlsx");
    expect(out).toContain("rows read 6 · open items 5 · credits 0 · excluded 0 · fully paid 1 · data issues 0\n");
    expect(out).toContain("reconciliation OK: input 299,845.00 = buckets 299,845.00 + credits 0.00 + excluded 0.00 (amount units: 金额 in 10,000 yuan (万元)");
    expect(out).toContain("input 台账!A3:F9\n");
    expect(streamedInput).toBe("input 台账!A3:F9");
    // 华东: 12.5 − 2.5 + 3 + 0.75 万元; 华北: 20 − 5 + 8 − 8 + 1.2345 万元 (a merged 片区 reaches every row)
    expect(regionTotal(wb, "华东片区")).toBe(137500);
    expect(regionTotal(wb, "华北片区")).toBe(162345);
    expect(rowStartingWith(wb.getWorksheet("账龄汇总")!, "（空白）")).toBeUndefined();
  });

  test("LibreOffice: the hidden old ledger is passed over, the visible one read with its merged 片区 blocks; named, the hidden one is read", async () => {
    const { out, streamedInput, wb } = await agingBothWays("libreoffice-ledger-hidden.xlsx");
    expect(out).toContain("rows read 5 · open items 5 · credits 0 · excluded 0 · fully paid 0 · data issues 0\n");
    expect(out).toContain("input 应收台账!A2:E7 (passed over: 旧台账 hidden)\n");
    expect(streamedInput).toBe("input 应收台账!A2:E7 (passed over: 旧台账 hidden)");
    expect(regionTotal(wb, "华南片区")).toBe(49000.25);
    expect(regionTotal(wb, "西南片区")).toBe(24000);
    const { out: named, streamedInput: namedStreamed } = await agingBothWays("libreoffice-ledger-hidden.xlsx", ["--sheet", "旧台账"]);
    expect(named).toContain("rows read 3 ·");
    expect(named).toContain("input 旧台账!A1:E4\n");
    expect(namedStreamed).toBe("input 旧台账!A1:E4");
  });
});

describe("hidden sheets are never chosen by default, loaded whole or streamed", () => {
  const file = join(tmpdir(), `ltc-hidden-${process.pid}.xlsx`);
  const ROWS = 40;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const old = wb.addWorksheet("旧台账", { state: "hidden" });
    old.addRows([["合同号", "客户", "片区", "金额", "到期日"], ...[1, 2, 3].map((i) => [`OLD-${i}`, "旧客户", "华东", 999, "2020-01-01"])]);
    const ledger = wb.addWorksheet("应收台账");
    ledger.addRows([
      ["应收账款台账（2026年11月）"],
      ["单位：元"],
      ["合同号", "客户", "片区", "金额", "到期日"],
      ...Array.from({ length: ROWS }, (_, i) => [`HT-${i + 1}`, "国网江苏", i % 2 ? "华东" : "华北", 1000 + i, "2026-10-31"]),
    ]);
    await wb.xlsx.writeFile(file);
  });
  afterAll(() => rmSync(file, { force: true }));

  test("the reader: the visible ledger, saying which sheet it passed over", async () => {
    for (const streaming of [false, true]) {
      const t = await readTableFromXlsx(file, { streaming, wanted: RECEIVABLES_WANTED });
      expect(t).toMatchObject({ sheetName: "应收台账", firstRowNumber: 4, skipped: [{ sheet: "旧台账", why: "hidden" }] });
      expect(t.rows).toHaveLength(ROWS);
      expect(inputDescription(t)).toBe("应收台账!A3:E43 (passed over: 旧台账 hidden)");
    }
  });

  test("ltc aging over the stream threshold (LTC_STREAM_THRESHOLD_BYTES) and under it: the visible ledger; --sheet names the hidden one", async () => {
    const out = join(dir, "hidden-out.xlsx");
    for (const threshold of ["0", String(10 * 1024 * 1024)]) {
      process.env.LTC_STREAM_THRESHOLD_BYTES = threshold;
      try {
        const run = await ltc(["aging", file, "--as-of", "2026-11-30", "-o", out]);
        expect(run.code).toBe(0);
        expect(run.out).toContain(`rows read ${ROWS} ·`);
        expect(run.out).toContain("input 应收台账!A3:E43 (passed over: 旧台账 hidden)\n");
        const named = await ltc(["aging", file, "--sheet", "旧台账", "--as-of", "2026-11-30", "-o", out]);
        expect(named.code).toBe(0);
        expect(named.out).toContain("rows read 3 ·");
        expect(named.out).toContain("input 旧台账!A1:E4\n");
      } finally {
        delete process.env.LTC_STREAM_THRESHOLD_BYTES;
      }
    }
  });

  test("the threshold: every file is streamed unless LTC_STREAM_THRESHOLD_BYTES says otherwise; anything but a whole number is refused", () => {
    expect(streamThresholdBytes({})).toBe(0);
    expect(streamThresholdBytes({ LTC_STREAM_THRESHOLD_BYTES: "1024" })).toBe(1024);
    expect(() => streamThresholdBytes({ LTC_STREAM_THRESHOLD_BYTES: "8MB" })).toThrow('LTC_STREAM_THRESHOLD_BYTES="8MB": accepts a whole number of bytes');
  });

  test("every sheet hidden: named in the error", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("甲", { state: "hidden" }).addRow(["a", "b"]);
    expect(() => readTableFromWorkbook(wb)).toThrow('Every sheet is hidden (甲); name one with --sheet.');
  });
});

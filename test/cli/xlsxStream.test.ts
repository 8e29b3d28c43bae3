import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import * as yazl from "yazl";
import { RECEIVABLES_WANTED } from "../../src/cli/aging";
import { inputDescription, readTableFromXlsx, XlsxTable } from "../../src/cli/xlsxRead";
import { isDateFormat, NotAWorkbook } from "../../src/cli/xlsxStream";
import { FormulaWithoutValue } from "../../src/reports/table";
import { ltc } from "./cliHarness";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ltc-xlsx-stream-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A zip of the given parts, written by hand (yazl): what other tools may write and ExcelJS never does. */
async function zipOf(parts: Record<string, string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(parts)) zip.addBuffer(Buffer.from(text, "utf8"), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const DAY_MS = 24 * 3600 * 1000;
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

// ------------------------------------------------------------------ streamed = loaded whole, for generated workbooks

type CellSpec =
  | { kind: "number"; value: number; numFmt?: string }
  | { kind: "date"; value: Date; numFmt: string }
  | { kind: "text"; value: string }
  | { kind: "bool"; value: boolean }
  | { kind: "formula"; formula: string; result?: number | string }
  | { kind: "error"; value: string }
  | { kind: "rich"; runs: string[] }
  | { kind: "link"; text: string };

/** Date formats: built-in (mm-dd-yy is id 14, [h]:mm:ss 46), custom, and with date letters only inside quotes or brackets (not dates). */
const DATE_FORMATS = ["mm-dd-yy", "yyyy-mm-dd", 'yyyy"年"m"月"d"日"', "[h]:mm:ss", "yyyy/m/d h:mm"];
const NUMBER_FORMATS = [undefined, "0.00", '#,##0.00"d"', "[Red]0.0", "0%"];

const textArb = fc.oneof(
  fc.constantFrom("国网江苏", "华东片区", "HT-2026-001", " 前后空格 ", "a&b<c>", "123", "=SUM(1)", "单位：万元"),
  fc.string({ minLength: 1, maxLength: 6 }),
);
const cellArb: fc.Arbitrary<CellSpec> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("number" as const), value: fc.double({ min: -1e9, max: 1e9, noNaN: true }), numFmt: fc.constantFrom(...NUMBER_FORMATS) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("date" as const),
      value: fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }).map((ms) => new Date(Math.round(ms / 1000) * 1000)),
      numFmt: fc.constantFrom(...DATE_FORMATS),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("text" as const), value: textArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("bool" as const), value: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record(
      { kind: fc.constant("formula" as const), formula: fc.constantFrom("A1*2", "SUM(B1:B3)", 'CONCAT("a","b")'), result: fc.oneof(fc.integer(), textArb) },
      { requiredKeys: ["kind", "formula"] },
    ),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("error" as const), value: fc.constantFrom("#N/A", "#DIV/0!", "#VALUE!") }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("rich" as const), runs: fc.array(textArb, { minLength: 1, maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("link" as const), text: textArb }) },
);

interface SheetSpec {
  hidden: boolean;
  /** sparse: [row, column, cell], 1-based */
  cells: [number, number, CellSpec][];
  /** merged blocks, each starting on its own even column (so none overlap): [column, first row, rows, columns (1 or 2)] */
  merges: [number, number, number, number][];
}

const sheetArb: fc.Arbitrary<SheetSpec> = fc.record({
  hidden: fc.boolean(),
  cells: fc.array(fc.tuple(fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 8 }), cellArb), { maxLength: 60 }),
  merges: fc.uniqueArray(fc.tuple(fc.constantFrom(2, 4, 6), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 2 })), {
    selector: (m) => m[0],
    maxLength: 3,
  }),
});

function setCell(cell: ExcelJS.Cell, spec: CellSpec): void {
  switch (spec.kind) {
    case "number":
    case "date":
      cell.value = spec.value;
      if (spec.numFmt !== undefined) cell.numFmt = spec.numFmt;
      return;
    case "text":
    case "bool":
    case "error":
      cell.value = spec.kind === "error" ? { error: spec.value as ExcelJS.CellErrorValue["error"] } : spec.value;
      return;
    case "formula":
      cell.value = (spec.result === undefined ? { formula: spec.formula } : { formula: spec.formula, result: spec.result }) as ExcelJS.CellValue;
      return;
    case "rich":
      cell.value = { richText: spec.runs.map((text, i) => ({ text, font: { bold: i % 2 === 1 } })) };
      return;
    case "link":
      cell.value = { text: spec.text, hyperlink: "https://example.com/" };
      return;
  }
}

/** A table read, or the one-line reason it cannot be. */
async function outcome(file: string, options: Parameters<typeof readTableFromXlsx>[1]): Promise<XlsxTable | string> {
  try {
    return await readTableFromXlsx(file, options);
  } catch (e) {
    return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
}

describe("the streaming reader gives the table the in-memory reader gives", () => {
  test("generated workbooks: numbers, dates (1900 and 1904), text, rich text, links, formulas with and without values, errors, sparse rows and cells, merges, hidden sheets", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(sheetArb, { minLength: 1, maxLength: 3 }), fc.boolean(), async (sheets, date1904) => {
        const wb = new ExcelJS.Workbook();
        wb.properties.date1904 = date1904;
        sheets.forEach((spec, i) => {
          const ws = wb.addWorksheet(`表${i + 1}`, { state: spec.hidden ? "hidden" : "visible" });
          for (const [r, c, cell] of spec.cells) setCell(ws.getCell(r, c), cell);
          for (const [c, r, rows, cols] of spec.merges) ws.mergeCells(r, c, r + rows - 1, c + cols - 1);
        });
        const file = join(dir, `generated-${run++}.xlsx`);
        await wb.xlsx.writeFile(file);
        const names = [undefined, ...sheets.map((_s, i) => `表${i + 1}`)];
        for (const sheet of names) {
          const whole = await outcome(file, { sheet, streaming: false });
          const streamed = await outcome(file, { sheet, streaming: true });
          expect(streamed).toEqual(whole);
        }
      }),
      { numRuns: 40, seed: 20261205 },
    );
  });

  test("Excel tables: by name, and chosen by default before their sheet; merged cells inside a table have the merged value", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("说明").getCell("A1").value = "本工作簿的应收表";
    const ws = wb.addWorksheet("应收");
    ws.getCell("A1").value = "应收账款（2026年11月）";
    ws.addTable({
      name: "Notes",
      ref: "H3",
      columns: [{ name: "备注" }],
      rows: [["见附件"]],
    });
    ws.addTable({
      name: "Receivables",
      displayName: "应收表",
      ref: "A3",
      totalsRow: true,
      columns: [{ name: "片区" }, { name: "合同号", totalsRowLabel: "合计" }, { name: "金额", totalsRowFunction: "sum" }, { name: "到期日" }],
      rows: [
        ["华东", "HT-1", 100, utc(2026, 10, 31)],
        [null, "HT-2", 200, utc(2026, 11, 30)],
        ["华北", "HT-3", 300.5, utc(2026, 12, 31)],
      ],
    });
    ws.getCell("D5").numFmt = "yyyy-mm-dd";
    ws.mergeCells("A4:A5");
    const file = join(dir, "tables.xlsx");
    await wb.xlsx.writeFile(file);
    for (const options of [{ table: "receivables" }, { table: "应收表" }, { table: "notes" }, { wanted: RECEIVABLES_WANTED }, {}, { sheet: "应收" }]) {
      const whole = await readTableFromXlsx(file, { ...options, streaming: false });
      expect(await readTableFromXlsx(file, { ...options, streaming: true })).toEqual(whole);
    }
    const t = await readTableFromXlsx(file, { wanted: RECEIVABLES_WANTED, streaming: true });
    expect(inputDescription(t)).toBe("table Receivables on 应收!A3:D7 (passed over: 说明 not the table wanted)");
    expect(t.rows.map((r) => r[0])).toEqual(["华东", "华东", "华北"]);
  });

  test("1904 dates: the same day as loaded whole, and the day the file means", async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet("台账");
    ws.addRow(["合同号", "到期日"]);
    ws.addRow(["HT-1", utc(2026, 3, 5)]).getCell(2).numFmt = "yyyy-mm-dd";
    const file = join(dir, "1904.xlsx");
    await wb.xlsx.writeFile(file);
    const streamed = await readTableFromXlsx(file, { streaming: true });
    expect(streamed.rows).toEqual([["HT-1", utc(2026, 3, 5)]]);
    expect(streamed).toEqual(await readTableFromXlsx(file, { streaming: false }));
  });
});

// ------------------------------------------------------------------ what other tools write

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** A workbook as a tool other than Excel may write it: absolute targets, a prefixed namespace, no r on rows and cells. */
function handMadeParts(): Record<string, string> {
  return {
    "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
    "_rels/.rels": `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml":
      `<x:workbook xmlns:x="${MAIN}" xmlns:rel="${REL}"><x:workbookPr date1904="1"/><x:sheets>` +
      `<x:sheet name="旧台账" sheetId="1" state="hidden" rel:id="rId2"/><x:sheet name="应收" sheetId="2" rel:id="rId1"/></x:sheets></x:workbook>`,
    "xl/_rels/workbook.xml.rels":
      `<Relationships xmlns="${PKG_REL}">` +
      `<Relationship Id="rId1" Type="${REL}/worksheet" Target="/xl/worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${REL}/worksheet" Target="worksheets/old.xml"/>` +
      `<Relationship Id="rId3" Type="${REL}/styles" Target="/xl/styles.xml"/>` +
      `<Relationship Id="rId4" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    "xl/styles.xml":
      `<styleSheet xmlns="${MAIN}"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>` +
      `<numFmt numFmtId="165" formatCode="#,##0.00&quot;d&quot;"/></numFmts>` +
      // a cell style format (cellStyleXfs) is not a cell's style: only cellXfs count
      `<cellStyleXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellStyleXfs>` +
      `<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="31"/></cellXfs></styleSheet>`,
    "xl/sharedStrings.xml":
      `<sst xmlns="${MAIN}" count="4" uniqueCount="4">` +
      `<si><t>合同号</t></si>` +
      `<si><r><rPr><b/></rPr><t>客</t></r><r><t xml:space="preserve">户 </t></r><rPh sb="0" eb="1"><t>きゃく</t></rPh></si>` +
      `<si><t>第一行_x000D__x000A_第二行</t></si>` +
      `<si><t/></si></sst>`,
    "xl/worksheets/old.xml": `<worksheet xmlns="${MAIN}"><sheetData><row><c t="inlineStr"><is><t>合同号</t></is></c></row><row><c t="inlineStr"><is><t>OLD-1</t></is></c></row></sheetData></worksheet>`,
    "xl/worksheets/sheet1.xml":
      `<x:worksheet xmlns:x="${MAIN}"><x:sheetData>` +
      // a title row, then the header: rows and cells without r
      `<x:row><x:c t="inlineStr"><x:is><x:t>应收台账</x:t></x:is></x:c></x:row>` +
      `<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="inlineStr"><x:is><x:t>金额</x:t></x:is></x:c>` +
      `<x:c t="inlineStr"><x:is><x:t>到期日</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>备注</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>开票日</x:t></x:is></x:c></x:row>` +
      // a row with r after a gap; a cell with r skipping a column; rich inline text with a phonetic run
      `<x:row r="4"><x:c t="inlineStr"><x:is><x:t>HT-1</x:t></x:is></x:c>` +
      `<x:c t="inlineStr"><x:is><x:r><x:t>国网</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>江苏</x:t></x:r><x:rPh><x:t>こくもう</x:t></x:rPh></x:is></x:c>` +
      `<x:c s="3"><x:v>1234.5</x:v></x:c><x:c s="1"><x:v>44000</x:v></x:c><x:c r="F4" s="2"><x:v>44001.5</x:v></x:c></x:row>` +
      // no r again: row 5; a shared formula with its value, t="d", a boolean
      `<x:row><x:c t="str"><x:f>"HT-"&amp;2</x:f><x:v>HT-2</x:v></x:c><x:c t="s"><x:v>2</x:v></x:c>` +
      `<x:c r="C5"><x:f t="shared" ref="C5:C6" si="0">B4*2</x:f><x:v>2469</x:v></x:c><x:c t="d"><x:v>2026-03-05T00:00:00</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c s="4"><x:v>44002</x:v></x:c></x:row>` +
      // a formula saved without its value, a shared formula's other cell without its value, an error, an empty shared string
      `<x:row r="6"><x:c r="A6" t="s"><x:v>3</x:v></x:c><x:c r="B6" t="inlineStr"><x:is><x:t>南网</x:t></x:is></x:c><x:c r="C6"><x:f t="shared" si="0"/></x:c>` +
      `<x:c r="D6"><x:f>TODAY()+30</x:f></x:c><x:c r="E6" t="e"><x:v>#N/A</x:v></x:c></x:row>` +
      `</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="B4:B6"/></x:mergeCells></x:worksheet>`,
  };
}

describe("files other tools write, streamed", () => {
  const serial1904 = (n: number) => new Date(Date.UTC(1904, 0, 1) + n * DAY_MS);
  let file: string;
  beforeAll(async () => {
    file = join(dir, "hand-made.xlsx");
    writeFileSync(file, await zipOf(handMadeParts()));
  });

  test("rows and cells without r, every cell type, inline and rich text without phonetic runs, escapes, 1904 dates, custom and East Asian date formats, merges", async () => {
    const t = await readTableFromXlsx(file, { streaming: true });
    expect(t).toMatchObject({ sheetName: "应收", address: "A2:F6", firstRowNumber: 3, skipped: [{ sheet: "旧台账", why: "hidden" }] });
    expect(t.titles).toEqual([{ row: 1, text: "应收台账" }]);
    expect(t.header).toEqual(["合同号", "客户 ", "金额", "到期日", "备注", "开票日"]);
    expect(t.rows).toEqual([
      [null, null, null, null, null, null], // row 3: none in the file
      // 1234.5 in #,##0.00"d" is a number (the d is quoted); style 1 (id 14) and 164 (年月日) are dates
      ["HT-1", "国网江苏", 1234.5, serial1904(44000), null, new Date(serial1904(44001).getTime() + DAY_MS / 2)],
      // zh-CN 31 (yyyy"年"m"月"d"日") is a date; t="d" is an ISO date
      ["HT-2", "国网江苏", 2469, utc(2026, 3, 5), true, serial1904(44002)],
      [null, "国网江苏", new FormulaWithoutValue("C5"), new FormulaWithoutValue("TODAY()+30"), "#N/A", null],
    ]);
    // the shared string with escapes: CR and LF
    const second = await readTableFromXlsx(file, { sheet: "应收", streaming: true });
    expect(second.rows[2][1]).toBe("国网江苏"); // merged down from B4, over the escaped text of B5
  });

  test("escaped characters in shared strings are decoded", async () => {
    const parts = handMadeParts();
    parts["xl/worksheets/sheet1.xml"] = `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c></row></sheetData></worksheet>`;
    const f = join(dir, "escapes.xlsx");
    writeFileSync(f, await zipOf(parts));
    const t = await readTableFromXlsx(f, { streaming: true });
    expect(t.rows).toEqual([["第一行\r\n第二行"]]);
  });

  test("an Excel table as Excel writes it (no headerRowCount: the header row is there by default)", async () => {
    const parts = handMadeParts();
    parts["xl/worksheets/_rels/sheet1.xml.rels"] = `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/table" Target="../tables/table1.xml"/></Relationships>`;
    parts["xl/tables/table1.xml"] =
      `<table xmlns="${MAIN}" id="1" name="表1" displayName="应收表" ref="A2:D5" totalsRowCount="1"><autoFilter ref="A2:D4"/><tableColumns count="4">` +
      `<tableColumn id="1" name="合同号"/><tableColumn id="2" name="客户 "/><tableColumn id="3" name="金额"><calculatedColumnFormula>B2*2</calculatedColumnFormula></tableColumn><tableColumn id="4" name="到期日"/></tableColumns></table>`;
    const f = join(dir, "excel-table.xlsx");
    writeFileSync(f, await zipOf(parts));
    for (const table of ["应收表", "表1"]) {
      const t = await readTableFromXlsx(f, { table, streaming: true });
      expect(t).toMatchObject({ tableName: "表1", address: "A2:D5", firstRowNumber: 3, header: ["合同号", "客户 ", "金额", "到期日"] });
      expect(t.rows.map((r) => r[0])).toEqual([null, "HT-1"]); // row 5, the totals row, left out
    }
  });

  test("the hidden sheet, named; its relationship target relative", async () => {
    const t = await readTableFromXlsx(file, { sheet: "旧台账", streaming: true });
    expect(t).toMatchObject({ sheetName: "旧台账", header: ["合同号"], rows: [["OLD-1"]] });
  });

  test("date formats: ExcelJS's rule (a date letter outside quotes and brackets), and its built-in formats", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const utils = require("exceljs/lib/utils/utils") as { isDateFmt(f: string): boolean };
    const codes = ["yyyy-mm-dd", 'yyyy"年"m"月"d"日"', '0.00"d"', "[Red]0.00", "[$-409]mmm d", "h:mm AM/PM", "General", "0%", "#,##0;(#,##0)", "[h]:mm:ss", "@", "b"];
    for (const code of codes) expect([code, isDateFormat(code)]).toEqual([code, utils.isDateFmt(code)]);
  });
});

describe("files that are not workbooks: one line saying so", () => {
  test("not a zip", async () => {
    const f = join(dir, "not-a-zip.xlsx");
    writeFileSync(f, "PK\u0003\u0004 but no more");
    const e = await readTableFromXlsx(f, { streaming: true }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(NotAWorkbook);
    expect((e as Error).message).toMatch(/^not a zip file: [^\n]+$/);
  });

  test("a zip without a workbook part, through ltc aging (streamed)", async () => {
    const f = join(dir, "no-workbook.xlsx");
    writeFileSync(f, await zipOf({ "word/document.xml": "<document/>" }));
    await expect(readTableFromXlsx(f, { streaming: true })).rejects.toThrow(new NotAWorkbook("no xl/workbook.xml part in the zip"));
    process.env.LTC_STREAM_THRESHOLD_BYTES = "0";
    try {
      const run = await ltc(["aging", f, "--as-of", "2026-11-30", "-o", join(dir, "never.xlsx")]);
      expect(run.code).toBe(2);
      expect(run.errLines).toEqual([`ltc: ${f} is not a readable .xlsx workbook (no xl/workbook.xml part in the zip)`]);
    } finally {
      delete process.env.LTC_STREAM_THRESHOLD_BYTES;
    }
  });

  test("a broken sheet part", async () => {
    const parts = handMadeParts();
    parts["xl/worksheets/sheet1.xml"] = `<worksheet xmlns="${MAIN}"><sheetData><row><c><v>1</v></row></sheetData></worksheet>`;
    const f = join(dir, "broken.xlsx");
    writeFileSync(f, await zipOf(parts));
    await expect(readTableFromXlsx(f, { streaming: true })).rejects.toThrow(/^xl\/worksheets\/sheet1\.xml is not well-formed XML \(/);
  });
});

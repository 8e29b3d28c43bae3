import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { writePlansToXlsx } from "../../src/cli/xlsxRender";
import { PlanValue, rowsBlock, SheetPlan } from "../../src/reports/sheetplan";

/**
 * The own .xlsx writer (src/cli/xlsxWriter.ts) read by other programs than
 * ExcelJS (issue 10: a hand-written writer must be verified by openpyxl and
 * LibreOffice reading its output). Neither is ever skipped: without
 * /usr/bin/python3 + openpyxl or LibreOffice the tests fail saying what to
 * install (.ci/run installs python3-openpyxl and libreoffice-calc-nogui).
 */

jest.setTimeout(240_000);

const PYTHON = "/usr/bin/python3";
const OPENPYXL_READER = join(__dirname, "..", "tools", "read-xlsx-openpyxl.py");
const OFFICES = ["/usr/bin/libreoffice", "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ltc-xlsx-writer-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Text XML 1.0 cannot hold (a control character), a CR, a literal escape and markup: all must come back as written. */
const AWKWARD = ["bell\u0007here", "tab\tand\nline", "cr\r\nlf", "a_x000D_b", "<b>&amp;</b>", "=1+1", "  spaced  "];

function reportPlan(name: string, n: number): SheetPlan {
  const rows: PlanValue[][] = [];
  for (let i = 0; i < n; i++) rows.push([`客户${i % 3}`, (i * 37) / 100, 46000 + i, { formula: `=B${i + 3}*2` }, i % 2 === 0 ? "是" : null, i === 0]);
  return {
    name,
    ownerKey: `t:${name}`,
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
        values: [["客户", "金额", "到期日", "两倍", "备注", "标记"], ...rows],
        columnStyles: [undefined, "money", "date", "money", "input"],
        rowStyles: ["header"],
      },
      { row: n + 3, col: 0, values: AWKWARD.map((t) => [t]) },
    ],
    columnWidths: [16, 14, 12, 12, 20],
    freeze: { rows: 2, cols: 1 },
    merges: [{ row: 0, col: 0, rows: 1, cols: 5 }],
    conditionalFormats: [{ kind: "dataBar", area: { row: 2, col: 1, rows: n, cols: 1 }, color: "#5B9BD5" }],
    validations: [
      { area: { row: 2, col: 4, rows: n, cols: 1 }, list: ["是", "否"] },
      // items an inline list cannot hold: written to a hidden helper column
      { area: { row: 2, col: 0, rows: n, cols: 1 }, list: ["甲,乙", "=丙"] },
    ],
    charts: [{ kind: "stackedBar", title: "账龄分布", data: { row: 1, col: 0, rows: 3, cols: 2 }, anchor: { row: 0, col: 9 }, width: 480, height: 300 }],
    print: { paper: "A4", orientation: "landscape", repeatRows: { first: 0, last: 1 }, fitToWidth: true, footer: "规则 v1", margins: { top: 2, bottom: 2, left: 1.5, right: 1.5 } },
    pageBreaks: [4],
    tabColor: "#2F5597",
    tables: [{ name: "Aging", area: { row: 1, col: 0, rows: n + 1, cols: 6 }, columnFormulas: [{ column: 3, formula: { formula: "=[@金额]*2" } }] }],
    names: [{ name: "AsOf", row: 0, col: 0 }],
  };
}

describe("openpyxl reads what the writer writes", () => {
  let book: {
    names: { name: string; localSheetId: number | null; value: string }[];
    sheets: {
      name: string;
      cells: Record<string, { value: unknown; type: string; numberFormat: string; bold: boolean; fill: string | null; locked: boolean; comment: string | null }>;
      merges: string[];
      freeze: string | null;
      tables: { name: string; ref: string; columns: [string, string | null][] }[];
      validations: { type: string; formula1: string; sqref: string }[];
      printTitleRows: string | null;
      print: { paperSize: number; orientation: string; fitToPage: boolean; fitToWidth: number; fitToHeight: number; margins: { left: number; top: number }; footer: string; footerRight: string };
      rowBreaks: number[];
      tabColor: string | null;
      widths: Record<string, number>;
      hidden: string[];
    }[];
  };
  const n = 6;

  beforeAll(async () => {
    const file = join(dir, "openpyxl.xlsx");
    await writePlansToXlsx(file, [reportPlan("华东 应收", n), reportPlan("O'Brien", n)]);
    const run = spawnSync(PYTHON, [OPENPYXL_READER, file], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (run.error || run.status === 3) {
      throw new Error(`${PYTHON} with openpyxl is needed to check the .xlsx writer: install Debian's python3-openpyxl (${run.error?.message ?? run.stderr.trim()})`);
    }
    expect({ status: run.status, stderr: run.status === 0 ? "" : run.stderr }).toEqual({ status: 0, stderr: "" });
    book = JSON.parse(run.stdout) as typeof book;
  });

  test("values: text, numbers, dates, booleans, formulas (and only our formulas)", () => {
    const cells = book.sheets[0].cells;
    expect(cells.A3).toMatchObject({ value: "客户0", type: "s" });
    expect(cells.B4).toMatchObject({ value: 0.37, type: "n", numberFormat: "#,##0.00" });
    expect(cells.C3).toMatchObject({ value: "2025-12-09T00:00:00", type: "d", numberFormat: "yyyy-mm-dd" });
    expect(cells.D3).toMatchObject({ value: "=Aging[[#This Row],[金额]]*2", type: "f" });
    expect(cells.F3).toMatchObject({ value: true, type: "b" });
    const awkward = AWKWARD.map((_, i) => cells[`A${n + 4 + i}`]?.value);
    // openpyxl 3.0 shows the ST_Xstring escapes of a CR and a control character undecoded, as in files Excel writes
    expect(awkward).toEqual(AWKWARD.map((t) => t.replace("\u0007", "_x0007_").replace("\r", "_x000D_")));
    expect(cells[`A${n + 4 + AWKWARD.indexOf("=1+1")}`].type).toBe("s");
  });

  test("styles: bold, fills, number formats, input cells unlocked", () => {
    const cells = book.sheets[0].cells;
    expect(cells.A1).toMatchObject({ bold: true });
    expect(cells.A2).toMatchObject({ bold: true, fill: "FFD9E1F2" });
    expect(cells.E3).toMatchObject({ fill: "FFFFF2CC", locked: false });
    expect(cells.B3).toMatchObject({ locked: true, fill: null, bold: false });
  });

  test("layout: merges, freeze panes, widths, hidden helper column, tab colour, validations", () => {
    const sheet = book.sheets[0];
    expect(sheet.merges).toEqual(["A1:E1"]);
    expect(sheet.freeze).toBe("B3");
    expect(sheet.widths).toMatchObject({ A: 16, B: 14, C: 12 });
    // the helper column comes after the chart's note at J1, past a blank column
    expect(sheet.hidden).toEqual(["L"]);
    expect(sheet.cells.L1.value).toBe("甲,乙");
    expect(sheet.cells.L2.value).toBe("=丙");
    expect(sheet.tabColor).toBe("FF2F5597");
    expect(sheet.validations).toEqual([
      { type: "list", formula1: '"是,否"', sqref: `E3:E${n + 2}` },
      { type: "list", formula1: "$L$1:$L$2", sqref: `A3:A${n + 2}` },
    ]);
  });

  test("tables with their calculated column; sheet-scoped names; print titles also on a sheet named with an apostrophe", () => {
    expect(book.sheets.map((s) => s.tables)).toEqual([
      [{ name: "Aging", ref: `A2:F${n + 2}`, columns: [["客户", null], ["金额", null], ["到期日", null], ["两倍", "Aging[[#This Row],[金额]]*2"], ["备注", null], ["标记", null]] }],
      [{ name: "Aging_2", ref: `A2:F${n + 2}`, columns: [["客户", null], ["金额", null], ["到期日", null], ["两倍", "Aging_2[[#This Row],[金额]]*2"], ["备注", null], ["标记", null]] }],
    ]);
    expect(book.names).toEqual([
      { name: "AsOf", localSheetId: 0, value: "'华东 应收'!$A$1" },
      { name: "AsOf", localSheetId: 1, value: "'O''Brien'!$A$1" },
    ]);
    expect(book.sheets.map((s) => s.printTitleRows)).toEqual(["$1:$2", "$1:$2"]);
  });

  test("print setup, page breaks and the chart's note", () => {
    const sheet = book.sheets[1];
    expect(sheet.name).toBe("O'Brien");
    expect(sheet.print).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, footerRight: "&P/&N" });
    expect(sheet.print.footer).toBe("规则 v1");
    expect(sheet.print.margins.left).toBeCloseTo(1.5 / 2.54, 10);
    expect(sheet.rowBreaks).toEqual([4]);
    expect(sheet.cells.J1.comment).toMatch(/^LTC Desk: 图表「账龄分布」.*cannot create charts/s);
  });
});

test("ExcelJS reads control characters and CRs back as written", async () => {
  const file = join(dir, "awkward.xlsx");
  await writePlansToXlsx(file, [reportPlan("Awkward", 2)]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0];
  expect(AWKWARD.map((_, i) => ws.getCell(`A${2 + 4 + i}`).value)).toEqual(AWKWARD);
});

describe("LibreOffice opens what the writer writes", () => {
  test("values, dates and formulas calculated on open", async () => {
    const office = OFFICES.find((p) => existsSync(p));
    if (!office) throw new Error(`LibreOffice is not installed (looked for ${OFFICES.join(", ")}); install Debian's libreoffice-calc-nogui`);
    const file = join(dir, "lo.xlsx");
    await writePlansToXlsx(file, [reportPlan("LO", 4)]);
    const out = join(dir, "lo-csv");
    mkdirSync(out);
    const profile = join(dir, "lo-profile");
    // UTF-8, values as shown (so dates in their format and formulas as LibreOffice calculated them)
    const filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1";
    const lo = spawnSync(office, [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", filter, "--outdir", out, file], {
      encoding: "utf8",
      timeout: 200_000,
    });
    if (lo.error) throw lo.error;
    expect(lo.status).toBe(0);
    const csv = readFileSync(join(out, readdirSync(out).find((f) => f.endsWith(".csv"))!), "utf8");
    const lines = csv.split("\n");
    expect(lines[0].split(",")[0]).toBe("应收账款账龄");
    expect(lines[1]).toMatch(/^客户,金额,到期日,两倍,备注,标记/);
    // row 4: 客户1, 0.37, 2025-12-10, =B4*2 → 0.74 (calculated by LibreOffice: the file has no cached value)
    expect(lines[3]).toMatch(/^客户1,0\.37,2025-12-10,0\.74,,FALSE/);
    expect(lines[2]).toMatch(/^客户0,0\.00,2025-12-09,0\.00,是,TRUE/);
    expect(csv).toContain("=1+1");
    expect(csv).toContain("<b>&amp;</b>");
  });
});

test("a failure while the rows are written rejects and leaves no file behind", async () => {
  const file = join(dir, "failed.xlsx");
  const failing: SheetPlan = {
    name: "Failing",
    ownerKey: "t:failing",
    styles: {},
    blocks: [
      rowsBlock(
        { row: 0, col: 0 },
        {
          count: 100_000,
          width: 2,
          at: (r) => {
            if (r === 50_000) throw new Error("row 50000 cannot be made");
            return [`row ${r}`, r];
          },
        },
      ),
    ],
  };
  await expect(writePlansToXlsx(file, [failing])).rejects.toThrow("row 50000 cannot be made");
  expect(existsSync(file)).toBe(false);
});

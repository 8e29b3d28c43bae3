import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Readable } from "stream";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { runCli } from "../../src/cli/cli";
import { inputSheetPlan } from "../../src/cli/demo";
import { writePlansToXlsx } from "../../src/cli/xlsxRender";
import { RawTable } from "../../src/reports/table";

/** Shared by the CLI tests: run the CLI in-process, make input workbooks, read outputs. */

export interface Run {
  code: number;
  out: string;
  err: string;
  /** stderr lines, without the "rules: …" line every report verb prints */
  errLines: string[];
}

export async function ltc(args: string[], options: { tty?: boolean } = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    stdin: Readable.from([""]),
    stdout: { write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t), isTTY: options.tty },
  });
  const e = err.join("");
  return {
    code,
    out: out.join(""),
    err: e,
    errLines: e
      .split("\n")
      .filter((l) => l !== "" && !l.startsWith("rules: ")),
  };
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `ltc-${prefix}-`));
}

/** An input workbook: each table on its own sheet as an Excel table (the demo's layout), optional junk sheet first. */
export async function writeInput(
  file: string,
  tables: { sheet: string; tableName: string; table: RawTable }[],
  options: { junkFirst?: boolean } = {},
): Promise<void> {
  const plans = tables.map((t) => inputSheetPlan(t.sheet, t.tableName, t.table, `input:${t.sheet}`));
  if (options.junkFirst) {
    plans.unshift({ name: "说明", ownerKey: "junk", styles: {}, blocks: [{ row: 0, col: 0, values: [["这是说明页"], ["金额", "备注"], [1, "x"]] }] });
  }
  await writePlansToXlsx(file, plans, { streaming: false });
}

export async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Every cell of a sheet whose value is one of `texts` (merged ranges count once, by their top-left cell). */
export function cellsWithText(ws: ExcelJS.Worksheet, texts: readonly string[]): ExcelJS.Cell[] {
  const found: ExcelJS.Cell[] = [];
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.type === ExcelJS.ValueType.Merge) return;
      if (typeof cell.value === "string" && texts.includes(cell.value)) found.push(cell);
    }),
  );
  return found;
}

/** The XML of every worksheet part of an .xlsx file. */
export async function worksheetXml(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const names = Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  return Promise.all(names.map((n) => zip.file(n)!.async("string")));
}

/** The row of a sheet whose first cell is `label`, as values from column A. */
export function rowStartingWith(ws: ExcelJS.Worksheet, label: string): unknown[] | undefined {
  let found: unknown[] | undefined;
  ws.eachRow((row) => {
    if (found === undefined && row.getCell(1).value === label) found = (row.values as unknown[]).slice(1);
  });
  return found;
}

import { statSync } from "node:fs";
import ExcelJS from "exceljs";
import { areaAddress } from "../reports/sheetplan";
import { FormulaWithoutValue, headerRowIndex, RawTable, titleLines } from "../reports/table";

/**
 * Reads a table from an .xlsx file with ExcelJS (Node only), read-only.
 *
 * - `table`: an Excel table (ListObject) by name, on any sheet (case-insensitive);
 *   its header row and data rows, without a totals row.
 * - `sheet` (or neither: the first visible worksheet): the sheet's header row
 *   is found by headerRowIndex (title lines of one cell above it are kept as
 *   the table's titles, so a report can say so and read "单位：万元"); the
 *   columns are those the header spans; the rows run to the last row with data
 *   in those columns.
 * - Values: numbers, text, booleans; dates stay Date (ExcelJS gives them as
 *   UTC Dates); a formula gives its cached result, or FormulaWithoutValue when
 *   the file holds none; rich text its plain text; a hyperlink its text; an
 *   error its code ("#N/A"). Blank cells are null. A cell merged down a column
 *   (片区 or 客户 merged over several rows) gives every row it covers the merged
 *   value (in memory only: the streaming reader sees merges after the rows).
 * - Large files (over `streamThresholdBytes`, default 8 MB) are read with
 *   ExcelJS's streaming reader, row by row, unless a table is asked for (the
 *   streaming reader does not see table definitions).
 */

export interface ReadXlsxOptions {
  sheet?: string;
  table?: string;
  /** true, false or "auto" (default: stream files over streamThresholdBytes when reading a sheet) */
  streaming?: boolean | "auto";
  streamThresholdBytes?: number;
}

export interface XlsxTable extends RawTable {
  sheetName: string;
  tableName?: string;
  /** A1 address of header and rows */
  address: string;
}

export const DEFAULT_STREAM_THRESHOLD_BYTES = 8 * 1024 * 1024;

/** Why a table could not be read (a one-line reason for the command line). */
export class XlsxReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XlsxReadError";
  }
}

/** An ExcelJS cell value as a plain table value. */
export function plainValue(v: ExcelJS.CellValue | undefined): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v === "" ? null : v;
  if (typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  if (typeof v === "object") {
    const o = v as unknown as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join("");
    if ("formula" in o || "sharedFormula" in o) {
      if (o.result === undefined || o.result === null) return new FormulaWithoutValue(String(o.formula ?? o.sharedFormula ?? ""));
      return plainValue(o.result as ExcelJS.CellValue);
    }
    if ("error" in o) return String(o.error);
    if ("text" in o) return plainValue(o.text as ExcelJS.CellValue);
  }
  return String(v);
}

function nonEmpty(v: unknown): boolean {
  return v !== null && v !== undefined && !(typeof v === "string" && v.trim() === "");
}

/** Sparse rows (1-based row number → values by 1-based column) to a RawTable. */
class SheetScan {
  rows = new Map<number, unknown[]>();
  add(rowNumber: number, values: unknown[]): void {
    if (values.some(nonEmpty)) this.rows.set(rowNumber, values);
  }
  toTable(sheetName: string): XlsxTable {
    const numbers = [...this.rows.keys()].sort((a, b) => a - b);
    if (numbers.length === 0) throw new XlsxReadError(`Sheet "${sheetName}" is empty: no header row found.`);
    const top = numbers.slice(0, 10).map((n) => this.rows.get(n)!);
    const hIdx = headerRowIndex(top);
    const headerRow = numbers[hIdx];
    const header = this.rows.get(headerRow)!;
    let first = header.findIndex(nonEmpty);
    let last = header.length - 1;
    while (last > first && !nonEmpty(header[last])) last--;
    if (first < 1) first = 1;
    const dataNumbers = numbers.filter((n) => n > headerRow && this.rows.get(n)!.slice(first, last + 1).some(nonEmpty));
    const lastRow = dataNumbers.length > 0 ? dataNumbers[dataNumbers.length - 1] : headerRow;
    const slice = (vals: unknown[] | undefined) => {
      const out: unknown[] = [];
      for (let c = first; c <= last; c++) out.push(vals?.[c] ?? null);
      return out;
    };
    const rows: unknown[][] = [];
    for (let n = headerRow + 1; n <= lastRow; n++) rows.push(slice(this.rows.get(n)));
    const address = areaAddress({ row: headerRow - 1, col: first - 1, rows: lastRow - headerRow + 1, cols: last - first + 1 });
    return {
      sheetName,
      address,
      header: slice(header),
      rows,
      firstRowNumber: headerRow + 1,
      source: `${sheetName}!${address}`,
      firstColumn: first - 1,
      titles: titleLines(top, hIdx, (i) => numbers[i]),
    };
  }
}

/**
 * The OOXML escapes (_x000D_ for CR, …) that ExcelJS's in-memory reader
 * decodes and its streaming reader leaves in place; decoded the same way.
 */
function decodeEscapes(v: unknown): unknown {
  return typeof v === "string" && v.includes("_x") ? v.replace(/_x([0-9A-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : v;
}

function rowValues(row: ExcelJS.Row, decode = false): unknown[] {
  const out: unknown[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    // a block merged down a column (片区 over its rows) belongs to every row it
    // covers; across columns it is one cell (a title over the table), so the
    // columns to its right stay blank
    let source: ExcelJS.Cell = cell;
    if (cell.type === ExcelJS.ValueType.Merge) {
      if (cell.master.fullAddress.col !== cell.fullAddress.col) return;
      source = cell.master;
    }
    const v = plainValue(source.value);
    out[col] = decode ? decodeEscapes(v) : v;
  });
  return out;
}

function decodeRef(ref: string): { r0: number; c0: number; r1: number; c1: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(ref.trim());
  if (!m) throw new XlsxReadError(`Unreadable table range ${ref}`);
  const col = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { c0: col(m[1]), r0: Number(m[2]), c1: col(m[3] ?? m[1]), r1: Number(m[4] ?? m[2]) };
}

interface TableModel {
  name: string;
  displayName?: string;
  ref?: string;
  tableRef?: string;
  headerRow?: boolean;
  totalsRow?: boolean;
}

/** Reads a table from a workbook already in memory (see readTableFromXlsx). */
export function readTableFromWorkbook(workbook: ExcelJS.Workbook, options: Pick<ReadXlsxOptions, "sheet" | "table"> = {}): XlsxTable {
  if (options.table !== undefined) {
    const wanted = options.table.toUpperCase();
    for (const ws of workbook.worksheets) {
      const tables = (ws as unknown as { tables: Record<string, { table?: TableModel; model?: TableModel }> }).tables ?? {};
      for (const t of Object.values(tables)) {
        const model = t.table ?? t.model;
        if (!model) continue;
        if (model.name.toUpperCase() !== wanted && (model.displayName ?? "").toUpperCase() !== wanted) continue;
        return tableValues(ws, model);
      }
    }
    const all = workbook.worksheets.flatMap((ws) => Object.keys((ws as unknown as { tables: Record<string, unknown> }).tables ?? {}));
    throw new XlsxReadError(`No table named "${options.table}"${all.length ? ` (tables: ${all.join(", ")})` : " (the workbook has no tables)"}.`);
  }
  const ws = options.sheet !== undefined ? findSheet(workbook, options.sheet) : workbook.worksheets.find((w) => w.state === "visible") ?? workbook.worksheets[0];
  if (!ws) throw new XlsxReadError("The workbook has no worksheets.");
  const scan = new SheetScan();
  ws.eachRow({ includeEmpty: false }, (row, n) => scan.add(n, rowValues(row)));
  return scan.toTable(ws.name);
}

function findSheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = workbook.worksheets.find((w) => w.name === name) ?? workbook.worksheets.find((w) => w.name.toUpperCase() === name.toUpperCase());
  if (!ws) throw new XlsxReadError(`No sheet named "${name}" (sheets: ${workbook.worksheets.map((w) => w.name).join(", ")}).`);
  return ws;
}

function tableValues(ws: ExcelJS.Worksheet, model: TableModel): XlsxTable {
  const ref = model.tableRef ?? model.ref;
  if (!ref) throw new XlsxReadError(`Table ${model.name} has no range.`);
  const { r0, c0, r1, c1 } = decodeRef(ref.includes(":") ? ref : `${ref}:${ref}`);
  const lastData = model.totalsRow ? r1 - 1 : r1;
  const read = (r: number) => {
    const sheetRow = ws.getRow(r);
    const out: unknown[] = [];
    // ExcelJS cells, not Office.js proxies: nothing to load
    // eslint-disable-next-line office-addins/load-object-before-read
    for (let c = c0; c <= c1; c++) out.push(plainValue(sheetRow.getCell(c).value));
    return out;
  };
  const hasHeader = model.headerRow !== false;
  const header = read(r0);
  const rows: unknown[][] = [];
  for (let r = hasHeader ? r0 + 1 : r0; r <= lastData; r++) rows.push(read(r));
  return {
    sheetName: ws.name,
    tableName: model.name,
    address: areaAddress({ row: r0 - 1, col: c0 - 1, rows: r1 - r0 + 1, cols: c1 - c0 + 1 }),
    header,
    rows,
    firstRowNumber: hasHeader ? r0 + 1 : r0,
    source: model.name,
    firstColumn: c0 - 1,
  };
}

/** Streams the wanted sheet (or the first) and scans its rows. */
async function streamSheet(path: string, sheet: string | undefined): Promise<XlsxTable> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "emit",
  });
  const seen: string[] = [];
  for await (const wsReader of reader) {
    const ws = wsReader as unknown as AsyncIterable<ExcelJS.Row> & { name: string };
    seen.push(ws.name);
    const wanted = sheet === undefined || ws.name === sheet || ws.name.toUpperCase() === sheet.toUpperCase();
    if (!wanted) {
      for await (const _row of ws) void _row; // drain: the reader needs the sheet consumed before the next
      continue;
    }
    const scan = new SheetScan();
    for await (const row of ws) scan.add(row.number, rowValues(row, true));
    return scan.toTable(ws.name);
  }
  throw new XlsxReadError(sheet === undefined ? "The workbook has no worksheets." : `No sheet named "${sheet}" (sheets: ${seen.join(", ")}).`);
}

/**
 * Reads a table from an .xlsx file: by table name, by sheet, or the first
 * sheet. Throws XlsxReadError with a one-line reason when the file has no such
 * table or sheet; ExcelJS's own error when the file is not an .xlsx.
 */
export async function readTableFromXlsx(path: string, options: ReadXlsxOptions = {}): Promise<XlsxTable> {
  const mode = options.streaming ?? "auto";
  const big = () => statSync(path).size > (options.streamThresholdBytes ?? DEFAULT_STREAM_THRESHOLD_BYTES);
  if (options.table === undefined && (mode === true || (mode === "auto" && big()))) {
    return streamSheet(path, options.sheet);
  }
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return readTableFromWorkbook(workbook, options);
}

import { readFileSync, statSync } from "node:fs";
import { posix } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { areaAddress } from "../reports/sheetplan";
import { UsageError } from "./io";
import { anchorHeaderWhere, FormulaWithoutValue, headerRowIndex, RawTable, titleLines } from "../reports/table";
import { decodeRef, MergedArea, partOf, relsBase, SheetEntry, TableDef, XlsxPackage, XlsxReadError } from "./xlsxStream";

export { XlsxReadError } from "./xlsxStream";

/**
 * Reads a table from an .xlsx file (Node only), read-only: streamed by
 * XlsxPackage (xlsxStream.ts), or loaded whole with ExcelJS (see below).
 *
 * - `table`: an Excel table (ListObject) by name, on any sheet (case-insensitive);
 *   its header row and data rows, without a totals row.
 * - `sheet`: that sheet, hidden or not. Its header row is found by
 *   headerRowIndex (title lines of one cell above it are kept as the table's
 *   titles, so a report can say so and read "单位：万元"); the columns are those
 *   the header spans; the rows run to the last row with data in those columns.
 * - neither: the first table or sheet, in tab order, whose header `wanted`
 *   accepts (without `wanted`: the first with data), never on a hidden sheet;
 *   none accepted: the first visible sheet with data, so the verb names what
 *   it lacks. The same choice (TableChoice) on both paths below; the table
 *   says which sheets it passed over (`skipped`).
 * - Values: numbers, text, booleans; dates stay Date (ExcelJS gives them as
 *   UTC Dates); a formula gives its cached result, or FormulaWithoutValue when
 *   the file holds none; rich text its plain text; a hyperlink its text; an
 *   error its code ("#N/A"). Blank cells are null. A cell merged down a column
 *   (片区 or 客户 merged over several rows) gives every row it covers the merged
 *   value; merged across columns it is one cell (a title over the table).
 * - Files are streamed, row by row (XlsxPackage: yauzl + saxes; issue 10:
 *   streaming at every size), reading only the sheets the choice needs.
 *   Those of at most LTC_STREAM_THRESHOLD_BYTES (unset: none) are loaded
 *   whole with ExcelJS instead: the tests read every file both ways, and a
 *   user who doubts a reading can compare. Both give the same table: the
 *   same values, sheet choice, header finder and merges (streamed, read from
 *   the sheet's XML after its rows, see SheetScan.applyMerges).
 * - Files written by other tools (openpyxl, LibreOffice) load: see loadableXlsx.
 */

/** The kind of table a verb reads: a predicate on a header row. */
export interface HeaderWanted {
  /**
   * true when a header row is the kind of table the verb reads; an Error when
   * it is that kind of table but cannot be read as it stands (two columns
   * claim one field): the verb reports it rather than passing the table over.
   * `firstColumn` is the worksheet column of header[0], for column letters.
   */
  accepts(header: readonly unknown[], firstColumn?: number): boolean | Error;
}

export interface ReadXlsxOptions {
  sheet?: string;
  table?: string;
  /** with neither sheet nor table: the table to choose (see TableChoice) */
  wanted?: HeaderWanted;
  /** true, false or "auto" (default: stream files over streamThresholdBytes) */
  streaming?: boolean | "auto";
  streamThresholdBytes?: number;
}

export interface XlsxTable extends RawTable {
  sheetName: string;
  tableName?: string;
  /** A1 address of header and rows */
  address: string;
  /** chosen by default: the sheets before it (tab order) passed over, and why */
  skipped?: readonly SkippedSheet[];
}

export interface SkippedSheet {
  sheet: string;
  why: "hidden" | "empty" | "not the table wanted";
}

/**
 * The size above which a file is streamed: LTC_STREAM_THRESHOLD_BYTES when
 * set (files up to it are loaded whole with ExcelJS), else 0: every file.
 */
export function streamThresholdBytes(env: NodeJS.ProcessEnv = process.env): number {
  const set = env.LTC_STREAM_THRESHOLD_BYTES;
  if (set === undefined || set.trim() === "") return 0;
  if (!/^\d+$/.test(set.trim())) throw new XlsxReadError(`LTC_STREAM_THRESHOLD_BYTES=${JSON.stringify(set)}: accepts a whole number of bytes`);
  return Number(set.trim());
}

/** "应收明细!A3:F40 (passed over: 旧台账 hidden; 说明 not the table wanted)": which table a verb read. */
export function inputDescription(table: XlsxTable): string {
  const skipped = table.skipped ?? [];
  const passed = skipped.length === 0 ? "" : ` (passed over: ${skipped.map((s) => `${s.sheet} ${s.why}`).join("; ")})`;
  return `${table.tableName !== undefined ? `table ${table.tableName} on ${table.sheetName}!${table.address}` : `${table.sheetName}!${table.address}`}${passed}`;
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
  /**
   * Merged areas known only after the rows (the streaming reader: they are at
   * the end of the sheet's XML), applied as the in-memory reader applies them
   * cell by cell (rowValues): a block merged down a column gives its value to
   * every row it covers; the cells right of its first column are blank.
   */
  applyMerges(areas: readonly MergedArea[]): void {
    for (const a of areas) {
      const value = this.rows.get(a.r0)?.[a.c0] ?? null;
      for (let r = a.r0; r <= a.r1; r++) {
        const row = this.rows.get(r) ?? [];
        if (r > a.r0) row[a.c0] = value;
        for (let c = a.c0 + 1; c <= a.c1; c++) row[c] = undefined;
        this.rows.delete(r);
        this.add(r, row);
      }
    }
  }
  toTable(sheetName: string): XlsxTable {
    const numbers = [...this.rows.keys()].sort((a, b) => a - b);
    if (numbers.length === 0) throw new EmptySheet(sheetName);
    const top = numbers.slice(0, 10).map((n) => this.rows.get(n)!);
    const hIdx = headerRowIndex(top);
    const headerRow = numbers[hIdx];
    const header = this.rows.get(headerRow)!;
    let first = header.findIndex(nonEmpty);
    let last = header.length - 1;
    while (last > first && !nonEmpty(header[last])) last--;
    if (first < 1) first = 1;
    const hasData = (vals: unknown[]) => {
      for (let c = first; c <= last; c++) if (nonEmpty(vals[c])) return true;
      return false;
    };
    let lastRow = headerRow;
    for (let i = numbers.length - 1; i > hIdx; i--) {
      if (hasData(this.rows.get(numbers[i])!)) {
        lastRow = numbers[i];
        break;
      }
    }
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

/** A sheet with no cell filled: read by name it is an error; chosen by default it is passed over. */
class EmptySheet extends XlsxReadError {
  constructor(readonly sheet: string) {
    super(`Sheet "${sheet}" is empty: no header row found.`);
  }
}

function rowValues(row: ExcelJS.Row): unknown[] {
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
    out[col] = v;
  });
  return out;
}

interface TableModel {
  name: string;
  displayName?: string;
  ref?: string;
  tableRef?: string;
  headerRow?: boolean;
  totalsRow?: boolean;
}

// ------------------------------------------------------------------ choosing the table

/** One sheet or table on offer: its place in tab order (lower first), whether its sheet is hidden, and how to read it. */
interface Offer {
  sheet: string;
  position: number;
  hidden: boolean;
  read(): XlsxTable;
}

/**
 * The table a verb reads when it names neither sheet nor table, one rule for
 * the in-memory and the streaming reader: the first table or sheet in tab
 * order whose header `wanted` accepts (the header found by headerRowIndex, or
 * a row below it among the first ten: title rows above a ledger), never one on
 * a hidden sheet; without `wanted`, the first with data. When none is
 * accepted: the first that would be but cannot be read as it stands (a column
 * named twice) is that error, naming the table or sheet; else the first
 * visible sheet with data (the verb then names the columns it lacks). Offers
 * may come in any order (the streaming reader gets sheets in the file's
 * order, not the tabs').
 */
export class TableChoice {
  private chosen: Ranked<XlsxTable> | undefined;
  private unreadable: Ranked<Error> | undefined;
  private fallback: Ranked<XlsxTable> | undefined;
  private firstEmpty: EmptySheet | undefined;
  private readonly passed: (SkippedSheet & { position: number })[] = [];

  constructor(private readonly wanted?: HeaderWanted) {}

  /** False once a table at an earlier position than `position` is chosen: such an offer can be skipped unread. */
  wants(position: number): boolean {
    return this.chosen === undefined || position < this.chosen.position;
  }

  offer(o: Offer): void {
    if (o.hidden) {
      this.passed.push({ sheet: o.sheet, why: "hidden", position: o.position });
      return;
    }
    if (!this.wants(o.position)) return;
    let read: XlsxTable;
    try {
      read = o.read();
    } catch (e) {
      if (!(e instanceof EmptySheet)) throw e;
      this.firstEmpty ??= e;
      this.passed.push({ sheet: o.sheet, why: "empty", position: o.position });
      return;
    }
    const wanted = this.wanted;
    const table = wanted ? anchorHeaderWhere(read, (row) => wanted.accepts(row, read.firstColumn) !== false) : read;
    const verdict = wanted ? wanted.accepts(table.header, table.firstColumn) : true;
    if (verdict === true) {
      this.chosen = { position: o.position, value: table };
      return;
    }
    this.passed.push({ sheet: o.sheet, why: "not the table wanted", position: o.position });
    if (verdict instanceof Error) {
      const where = table.tableName !== undefined ? `table ${JSON.stringify(table.tableName)} on sheet ${JSON.stringify(o.sheet)}` : `sheet ${JSON.stringify(o.sheet)}`;
      if (earlier(o.position, this.unreadable)) this.unreadable = { position: o.position, value: new UsageError(`${where}: ${verdict.message}`) };
    }
    if (earlier(o.position, this.fallback)) this.fallback = { position: o.position, value: read };
  }

  /** The choice, with the sheets passed over before it; XlsxReadError when no visible sheet has data. */
  result(sheetNames: readonly string[]): XlsxTable {
    if (this.chosen === undefined && this.unreadable) throw this.unreadable.value;
    const pick = this.chosen ?? this.fallback;
    if (!pick) {
      if (this.firstEmpty) throw this.firstEmpty;
      throw new XlsxReadError(sheetNames.length === 0 ? "The workbook has no worksheets." : `Every sheet is hidden (${sheetNames.join(", ")}); name one with --sheet.`);
    }
    const skipped = new Map<string, SkippedSheet>(); // a sheet's tables and the sheet itself: named once
    for (const p of [...this.passed].sort((a, b) => a.position - b.position)) {
      if (p.position < pick.position && p.sheet !== pick.value.sheetName && !skipped.has(p.sheet)) skipped.set(p.sheet, { sheet: p.sheet, why: p.why });
    }
    return { ...pick.value, skipped: [...skipped.values()] };
  }
}

interface Ranked<T> {
  position: number;
  value: T;
}

function earlier(position: number, than: Ranked<unknown> | undefined): boolean {
  return than === undefined || position < than.position;
}

function isHidden(state: string | undefined): boolean {
  return state !== undefined && state !== "visible";
}

/** Reads a table from a workbook already in memory (see readTableFromXlsx). */
export function readTableFromWorkbook(workbook: ExcelJS.Workbook, options: Pick<ReadXlsxOptions, "sheet" | "table" | "wanted"> = {}): XlsxTable {
  if (options.table !== undefined) {
    for (const ws of workbook.worksheets) {
      const model = tablesOf(ws).find((t) => isTableNamed(t, options.table!));
      if (model) return tableValues(ws, model);
    }
    throw noSuchTable(options.table, workbook.worksheets.flatMap((ws) => tablesOf(ws).map((t) => t.name)));
  }
  if (options.sheet !== undefined) return scanWorksheet(findSheet(workbook, options.sheet));
  const choice = new TableChoice(options.wanted);
  let position = 0;
  for (const ws of workbook.worksheets) {
    const hidden = isHidden(ws.state);
    // a sheet's Excel tables first (their bounds are exact), then the sheet as a range
    for (const model of tablesOf(ws)) choice.offer({ sheet: ws.name, position: position++, hidden, read: () => tableValues(ws, model) });
    choice.offer({ sheet: ws.name, position: position++, hidden, read: () => scanWorksheet(ws) });
  }
  return choice.result(workbook.worksheets.map((w) => w.name));
}

function tablesOf(ws: ExcelJS.Worksheet): TableModel[] {
  const tables = (ws as unknown as { tables?: Record<string, { table?: TableModel; model?: TableModel }> }).tables ?? {};
  return Object.values(tables)
    .map((t) => t.table ?? t.model)
    .filter((m): m is TableModel => m !== undefined);
}

function scanWorksheet(ws: ExcelJS.Worksheet): XlsxTable {
  const scan = new SheetScan();
  ws.eachRow({ includeEmpty: false }, (row, n) => scan.add(n, rowValues(row)));
  return scan.toTable(ws.name);
}

function sameSheetName(a: string, b: string): boolean {
  return a === b || a.toUpperCase() === b.toUpperCase();
}

function findSheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = workbook.worksheets.find((w) => w.name === name) ?? workbook.worksheets.find((w) => sameSheetName(w.name, name));
  if (!ws) throw new XlsxReadError(`No sheet named "${name}" (sheets: ${workbook.worksheets.map((w) => w.name).join(", ")}).`);
  return ws;
}

function tableValues(ws: ExcelJS.Worksheet, model: TableModel): XlsxTable {
  return excelTable(ws.name, model, (r, c) => plainValue(ws.getRow(r).getCell(c).value));
}

/** An Excel table's header and rows (without its totals row), from its cells: `cell(row, column)`, 1-based. */
function excelTable(sheetName: string, model: TableModel, cell: (row: number, column: number) => unknown): XlsxTable {
  const ref = model.tableRef ?? model.ref;
  if (!ref) throw new XlsxReadError(`Table ${model.name} has no range.`);
  const { r0, c0, r1, c1 } = decodeRef(ref);
  const lastData = model.totalsRow ? r1 - 1 : r1;
  const read = (r: number) => {
    const out: unknown[] = [];
    for (let c = c0; c <= c1; c++) out.push(cell(r, c));
    return out;
  };
  const hasHeader = model.headerRow !== false;
  const header = read(r0);
  const rows: unknown[][] = [];
  for (let r = hasHeader ? r0 + 1 : r0; r <= lastData; r++) rows.push(read(r));
  return {
    sheetName,
    tableName: model.name,
    address: areaAddress({ row: r0 - 1, col: c0 - 1, rows: r1 - r0 + 1, cols: c1 - c0 + 1 }),
    header,
    rows,
    firstRowNumber: hasHeader ? r0 + 1 : r0,
    source: model.name,
    firstColumn: c0 - 1,
  };
}

function isTableNamed(model: TableModel, name: string): boolean {
  const wanted = name.toUpperCase();
  return model.name.toUpperCase() === wanted || (model.displayName ?? "").toUpperCase() === wanted;
}

function noSuchTable(name: string, all: readonly string[]): XlsxReadError {
  return new XlsxReadError(`No table named "${name}"${all.length ? ` (tables: ${all.join(", ")})` : " (the workbook has no tables)"}.`);
}

// ------------------------------------------------------------------ files from other tools

const COMMENTS_TYPE = /\/relationships\/(comments|vmlDrawing)$/;
/** The only comment parts ExcelJS 4 indexes (it looks them up by these names). */
const EXCELJS_COMMENT_PART = /^xl\/(comments\d+\.xml|drawings\/vmlDrawing\d+\.vml)$/;

/**
 * The .xlsx bytes as ExcelJS can load them whole. ExcelJS 4 looks a
 * worksheet's parts up by the relationship target Excel writes, relative to
 * the sheet ("../tables/table1.xml"), and finds comments only under Excel's
 * part names (xl/comments1.xml). Other tools write what the format equally
 * allows: absolute targets ("/xl/tables/table1.xml": openpyxl) and their own
 * comment parts (xl/comments/comment1.xml); ExcelJS then fails with "Cannot
 * read properties of undefined". So absolute targets are rewritten relative
 * to their part, and comment relationships ExcelJS cannot resolve are dropped
 * (a report reads values, never comments); calculated table columns too
 * (below). A file that needs none of it comes back as it was, unzipped only
 * far enough to look.
 */
export async function loadableXlsx(bytes: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  let changed = false;
  for (const name of Object.keys(zip.files).filter((n) => n.endsWith(".rels") && !zip.files[n].dir)) {
    const xml = await zip.file(name)!.async("string");
    const base = relsBase(name);
    const fixed = xml.replace(/<Relationship\b[^>]*?\/>/g, (rel) => {
      const target = /\bTarget="([^"]*)"/.exec(rel)?.[1];
      if (target === undefined || /\bTargetMode="External"/.test(rel)) return rel;
      const type = /\bType="([^"]*)"/.exec(rel)?.[1] ?? "";
      if (COMMENTS_TYPE.test(type) && !EXCELJS_COMMENT_PART.test(partOf(base, target))) return "";
      if (!target.startsWith("/")) return rel;
      const relative = posix.relative(base === "" ? "." : base, target.slice(1));
      return rel.replace(`Target="${target}"`, `Target="${relative}"`);
    });
    if (fixed !== xml) {
      zip.file(name, fixed);
      changed = true;
    }
  }
  // ExcelJS reads <tableColumn> as an empty element: a child Excel writes for a calculated column
  // (<calculatedColumnFormula>, <totalsRowFormula>) loses it the columns and it throws. Reading needs
  // neither (the cells hold the formulas): the copy ExcelJS loads leaves them out.
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/tables\/[^/]+\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async("string");
    const fixed = xml.replace(/<tableColumn\b([^>]*[^/])>[\s\S]*?<\/tableColumn>/g, "<tableColumn$1/>");
    if (fixed !== xml) {
      zip.file(name, fixed);
      changed = true;
    }
  }
  // ExcelJS reads <tableColumn> as an empty element: a child Excel writes for a calculated column
  // (<calculatedColumnFormula>, <totalsRowFormula>) loses it the columns and it throws. Reading needs
  // neither (the cells hold the formulas): the copy ExcelJS loads leaves them out.
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/tables\/[^/]+\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async("string");
    const fixed = xml.replace(/<tableColumn\b([^>]*[^/])>[\s\S]*?<\/tableColumn>/g, "<tableColumn$1/>");
    if (fixed !== xml) {
      zip.file(name, fixed);
      changed = true;
    }
  }
  if (!changed) return bytes;
  // parts left alone keep their compressed bytes
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** An .xlsx file loaded whole with ExcelJS, from any tool that writes the format (see loadableXlsx). */
export async function loadXlsxWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await loadableXlsx(readFileSync(path))) as unknown as ExcelJS.Buffer);
  return workbook;
}

// ------------------------------------------------------------------ streaming

/**
 * Streams the file (XlsxPackage): the table or sheet asked for, or the
 * TableChoice over the sheets in tab order (a sheet's Excel tables, then the
 * sheet), reading no sheet once the choice is final and each sheet once.
 */
async function streamTable(path: string, options: Pick<ReadXlsxOptions, "sheet" | "table" | "wanted">): Promise<XlsxTable> {
  const pkg = await XlsxPackage.open(path);
  try {
    const names = pkg.sheets.map((s) => s.name);
    if (options.table !== undefined) {
      const all: string[] = [];
      for (const sheet of pkg.sheets) {
        const tables = await pkg.tables(sheet);
        const model = tables.find((t) => isTableNamed(t, options.table!));
        if (model) return (await streamSheet(pkg, sheet, [model])).tables[0];
        all.push(...tables.map((t) => t.name));
      }
      throw noSuchTable(options.table, all);
    }
    if (options.sheet !== undefined) {
      const name = options.sheet;
      const sheet = pkg.sheets.find((s) => s.name === name) ?? pkg.sheets.find((s) => sameSheetName(s.name, name));
      if (!sheet) throw new XlsxReadError(`No sheet named "${name}" (sheets: ${names.join(", ")}).`);
      const { table } = await streamSheet(pkg, sheet, []);
      if (table instanceof EmptySheet) throw table;
      return table;
    }
    const choice = new TableChoice(options.wanted);
    let position = 0;
    for (const sheet of pkg.sheets) {
      if (sheet.hidden) {
        // passed over unread (TableChoice never reads a hidden sheet)
        choice.offer({ sheet: sheet.name, position: position++, hidden: true, read: () => new SheetScan().toTable(sheet.name) });
        continue;
      }
      if (!choice.wants(position)) break;
      const models = await pkg.tables(sheet);
      const read = await streamSheet(pkg, sheet, models);
      for (const table of read.tables) choice.offer({ sheet: sheet.name, position: position++, hidden: false, read: () => table });
      choice.offer({
        sheet: sheet.name,
        position: position++,
        hidden: false,
        read: () => {
          if (read.table instanceof EmptySheet) throw read.table;
          return read.table;
        },
      });
    }
    return choice.result(names);
  } finally {
    pkg.close();
  }
}

/**
 * A sheet streamed once: its Excel tables (`models`) and the sheet as a
 * table (or EmptySheet). In a table every cell of a merged area has the
 * area's value, as ExcelJS gives a merged cell's value loaded whole; the
 * sheet applies merges as SheetScan.applyMerges says.
 */
async function streamSheet(pkg: XlsxPackage, sheet: SheetEntry, models: readonly TableDef[]): Promise<{ tables: XlsxTable[]; table: XlsxTable | EmptySheet }> {
  const scan = new SheetScan();
  const merges = await pkg.readSheet(sheet, (n, values) => scan.add(n, values));
  const tables = models.map((model) => {
    const { r0, c0, r1, c1 } = decodeRef(model.ref);
    // a merged cell inside the table → the merged area's first cell
    const mergedFrom = new Map<string, [number, number]>();
    for (const m of merges) {
      if (m.r1 < r0 || m.r0 > r1 || m.c1 < c0 || m.c0 > c1) continue;
      for (let r = m.r0; r <= m.r1; r++) for (let c = m.c0; c <= m.c1; c++) mergedFrom.set(`${r},${c}`, [m.r0, m.c0]);
    }
    const value = (r: number, c: number) => scan.rows.get(r)?.[c] ?? null;
    if (mergedFrom.size === 0) return excelTable(sheet.name, model, value);
    return excelTable(sheet.name, model, (r, c) => {
      const [mr, mc] = mergedFrom.get(`${r},${c}`) ?? [r, c];
      return value(mr, mc);
    });
  });
  scan.applyMerges(merges);
  let table: XlsxTable | EmptySheet;
  try {
    table = scan.toTable(sheet.name);
  } catch (e) {
    if (!(e instanceof EmptySheet)) throw e;
    table = e;
  }
  return { tables, table };
}

/**
 * Reads a table from an .xlsx file: by table name, by sheet, or the one
 * chosen by TableChoice. Throws XlsxReadError with a one-line reason when the
 * file has no such table or sheet; when it is not an .xlsx, NotAWorkbook
 * (streamed) or ExcelJS's own error (loaded whole).
 */
export async function readTableFromXlsx(path: string, options: ReadXlsxOptions = {}): Promise<XlsxTable> {
  const mode = options.streaming ?? "auto";
  const big = () => statSync(path).size > (options.streamThresholdBytes ?? streamThresholdBytes());
  if (mode === true || (mode === "auto" && big())) {
    return streamTable(path, options);
  }
  const workbook = await loadXlsxWorkbook(path);
  // a zip that is not a workbook loads as one without sheets: ExcelJS's kind of error, not a missing sheet
  if (workbook.worksheets.length === 0) throw new Error("it has no worksheets");
  return readTableFromWorkbook(workbook, options);
}

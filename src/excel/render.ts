import {
  a1,
  Area,
  areaAddress,
  Block,
  blockWidth,
  blockWraps,
  CellStyle,
  ChartPlan,
  columnLetters,
  isFormula,
  PlanValue,
  resolveListValidations,
  SheetPlan,
  styleNamed,
  uniqueSheetName,
  uniqueTableName,
} from "../reports/sheetplan";
import { CarriedInputs, carryInto, EarlierEntry, earlierEntries, INPUT_KEYS_NAME, keyColumnBlock, keyColumnOf, keyedColumns, keyRangeOf } from "./carryOver";
import {
  ExistingSheet,
  MarkerStore,
  markerFormula,
  markerText,
  OWNER_NAME,
  OWNER_PROPERTY_KEY,
  parseMarker,
  planTargets,
  SheetTarget,
} from "./sheets";

/**
 * Renders SheetPlans into the open workbook with Office.js. The caller owns
 * the Excel.run (one per user action); this code only queues work on the
 * context and syncs when it must:
 *
 *   sync 1  sheet names, positions and ids, existing tables, the active sheet
 *   sync 2  the ownership marker of every sheet (see sheets.ts); adds the
 *           new sheets under temporary names and learns their ids
 *   sync 3  only when a sheet being replaced has input keys (carryOver.ts):
 *           its cells, in one read, so the user's entries go into the new sheet
 *   then    the writes, in requests of at most `maxRequestBytes` (estimated
 *           as the UTF-8 size of the JSON of what is sent); small reports go
 *           in one request, a 100,000-row detail in one request per chunk.
 *
 * Per sheet the writes go values → number formats → formats → layout
 * (widths, freeze panes, merges, data bars, validations, charts, print setup,
 * tab colour) → the hidden column of input keys → ownership marker. Calculation is suspended for every write
 * request, screen updating once per run (see Batcher).
 */

/** Excel on the web rejects requests over 5 MB; the default stays well under it. */
export const DEFAULT_MAX_REQUEST_BYTES = 2_000_000;

/** Estimated bytes of one action besides its value (object path, ids, property name). */
const ACTION_OVERHEAD = 160;

/** Excel's limit on the characters in a cell. */
const MAX_CELL_TEXT = 32767;

/** Fill of input cells (light yellow: "type here"). */
export const INPUT_FILL = "#FFF2CC";
const BORDER_COLOR = "#808080";

export interface RenderOptions {
  /** largest estimated request, in bytes (default 2,000,000) */
  maxRequestBytes?: number;
  /**
   * where ownership markers are written: worksheet custom properties (ExcelApi
   * 1.12) or a sheet-scoped name. Default: custom properties unless the host
   * says it lacks ExcelApi 1.12.
   */
  markerStore?: MarkerStore;
  /** activate the first rendered sheet */
  activate?: boolean;
  /** called as sheets are written: after the request that completes them has synced, not when it is queued */
  onProgress?: (done: number, total: number) => void;
}

export interface RenderedSheet {
  name: string;
  ownerKey: string;
  /** true when our earlier sheet for the same ownerKey was replaced */
  replaced: boolean;
  /** what became of the entries the user had made in the replaced sheet's input cells (absent when it held none) */
  carried?: CarriedInputs;
  /**
   * our earlier sheet for the same ownerKey, kept because columns were
   * inserted or deleted in it (its entries could not be matched to their
   * keys): it is the user's now, and the new sheet was written beside it
   */
  keptEarlier?: string;
}

export interface RenderResult {
  sheets: RenderedSheet[];
  /** what this call did, for progress and diagnostics */
  stats: { syncs: number; writeRequests: number; largestRequestBytes: number };
}

// ---------------------------------------------------------------------------
// Text safety

/**
 * True when Excel might not keep the string as the text it is.
 *
 * Office.js documents that a value written through Range.values "starting
 * with a plus, minus or equal sign" is interpreted as a formula, and that
 * number- and date-shaped strings are converted (the docs' own example writes
 * '29.96' and '15-Feb' and gets a number and a date). Writes go through the
 * same input parser as typing, so the way to say "this is text" is the one a
 * user has: a leading apostrophe. Excel stores the rest as a text value (the
 * apostrophe is a prefix flag, not part of the value: Range.values reads back
 * the original string).
 *
 * We rejected the alternative, number format "@" before the values: it would
 * turn the documented order (values, then number formats) around, and a Text
 * format stays on the cell, so a number the user later types into an input
 * cell would become text and drop out of SUM().
 *
 * Prefixed: anything starting with = + - @ tab CR LF, an apostrophe (which
 * Excel would otherwise swallow) or whitespace; anything containing a digit in
 * any script (numbers, dates, times, percentages, 00123 codes, full-width
 * digits); anything not starting with a letter (#N/A, $, (…)); TRUE/FALSE.
 */
export function needsTextPrefix(text: string): boolean {
  if (text === "") return false;
  if (/^[=+\-@'\t\r\n\s]/.test(text)) return true;
  if (/\p{Nd}/u.test(text)) return true;
  if (!/^\p{L}/u.test(text)) return true;
  return /^(true|false)$/i.test(text);
}

/** A plan value as Office.js input: text made literal, formulas as "=…", blanks as "". */
export function officeInput(v: PlanValue): string | number | boolean {
  if (v === null || v === undefined) return "";
  if (isFormula(v)) return v.formula.startsWith("=") ? v.formula : `=${v.formula}`;
  if (typeof v === "number") return Number.isFinite(v) ? v : "'#NUM!";
  if (typeof v === "boolean") return v;
  const text = String(v).length > MAX_CELL_TEXT ? String(v).slice(0, MAX_CELL_TEXT) : String(v);
  return needsTextPrefix(text) ? `'${text}` : text;
}

// ---------------------------------------------------------------------------
// Request batching

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Estimated payload of sending `value`: its JSON, in UTF-8 bytes. */
export function estimateBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? "");
}

/**
 * Keeps the queued work of one request under the budget: before queueing an
 * action it syncs if the action would not fit. Each write request suspends
 * calculation (until its sync); screen updating is suspended once per run,
 * in the first write request: the docs warn that calling it repeatedly makes
 * Excel flicker.
 */
class Batcher {
  pending = 0;
  syncs = 0;
  /** syncs that completed without error */
  succeeded = 0;
  writeRequests = 0;
  largest = 0;
  /** called after each sync that completed without error */
  onSynced: () => void = () => undefined;
  private open = false;
  private screenSuspended = false;

  constructor(
    private context: Excel.RequestContext,
    readonly budget: number,
  ) {}

  async reserve(bytes: number): Promise<void> {
    const cost = bytes + ACTION_OVERHEAD;
    if (this.open && this.pending + cost > this.budget) await this.flush();
    if (!this.open) {
      const app = this.context.workbook.application;
      app.suspendApiCalculationUntilNextSync();
      this.pending = ACTION_OVERHEAD;
      if (!this.screenSuspended) {
        app.suspendScreenUpdatingUntilNextSync();
        this.screenSuspended = true;
        this.pending += ACTION_OVERHEAD;
      }
      this.open = true;
    }
    this.pending += cost;
  }

  async flush(): Promise<void> {
    if (!this.open) return;
    this.largest = Math.max(this.largest, this.pending);
    this.open = false;
    this.pending = 0;
    this.writeRequests++;
    await this.sync();
  }

  async sync(): Promise<void> {
    this.syncs++;
    await this.context.sync();
    this.succeeded++;
    this.onSynced();
  }

  /** Records a sync the caller made itself. */
  countSync(): void {
    this.syncs++;
    this.succeeded++;
  }
}

/** Row ranges [start, end) of consecutive rows whose summed bytes stay within `budget` (a lone bigger row stands alone). */
function chunkRows(rowBytes: number[], budget: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  let sum = 0;
  for (let i = 0; i < rowBytes.length; i++) {
    const b = rowBytes[i] + 1;
    if (i > start && sum + b > budget) {
      out.push([start, i]);
      start = i;
      sum = 0;
    }
    sum += b;
  }
  if (start < rowBytes.length) out.push([start, rowBytes.length]);
  return out;
}

// ---------------------------------------------------------------------------
// Writing one 2-D property (values/formulas or numberFormat) in chunks

interface Matrix {
  /** top-left on the sheet */
  row: number;
  col: number;
  rows: (string | number | boolean | null)[][];
  width: number;
}

async function writeMatrix(
  batcher: Batcher,
  sheet: Excel.Worksheet,
  m: Matrix,
  assign: (range: Excel.Range, values: (string | number | boolean | null)[][], hasFormula: boolean) => void,
  isFormulaText: (v: unknown) => boolean,
): Promise<number> {
  if (m.rows.length === 0 || m.width === 0) return 0;
  const rowBytes = m.rows.map((r) => estimateBytes(r));
  const budget = batcher.budget - 3 * ACTION_OVERHEAD;
  let chunks = 0;
  for (const [r0, r1] of chunkRows(rowBytes, budget)) {
    if (r1 - r0 === 1 && rowBytes[r0] > budget) {
      // one row too big for a request: split it by columns
      const row = m.rows[r0];
      const cellBytes = row.map((v) => estimateBytes(v) + 1);
      for (const [c0, c1] of chunkRows(cellBytes, budget)) {
        const part = [row.slice(c0, c1)];
        await batcher.reserve(estimateBytes(part));
        const range = sheet.getRange(areaAddress({ row: m.row + r0, col: m.col + c0, rows: 1, cols: c1 - c0 }));
        assign(range, part, part[0].some(isFormulaText));
        chunks++;
      }
      continue;
    }
    const part = m.rows.slice(r0, r1);
    await batcher.reserve(rowBytes.slice(r0, r1).reduce((a, b) => a + b + 1, 2));
    const range = sheet.getRange(areaAddress({ row: m.row + r0, col: m.col, rows: r1 - r0, cols: m.width }));
    assign(range, part, part.some((row) => row.some(isFormulaText)));
    chunks++;
  }
  return chunks;
}

function padRow<T>(row: readonly T[], width: number, fill: T): T[] {
  if (row.length === width) return row.slice();
  const out = row.slice(0, width);
  while (out.length < width) out.push(fill);
  return out;
}

function valuesMatrix(block: Block): Matrix {
  const width = blockWidth(block);
  return {
    row: block.row,
    col: block.col,
    width,
    rows: block.values.map((row) => padRow(row.map(officeInput), width, "")),
  };
}

/**
 * Number formats of a block: each cell's effective style's numberFormat (block
 * style, column style, row style), null where none is set (null leaves a cell
 * unchanged). Trimmed to the columns that have any; empty when none do.
 */
function numberFormatMatrix(plan: SheetPlan, block: Block): Matrix {
  const width = blockWidth(block);
  const blockFmt = styleNamed(plan, block.style)?.numberFormat;
  const colFmt: (string | null)[] = [];
  for (let c = 0; c < width; c++) colFmt.push(styleNamed(plan, block.columnStyles?.[c])?.numberFormat ?? blockFmt ?? null);
  const rows: (string | null)[][] = [];
  let lo = width;
  let hi = -1;
  const cache = new Map<string, (string | null)[]>();
  for (let r = 0; r < block.values.length; r++) {
    const rowStyle = block.rowStyles?.[r];
    const rowFmt = styleNamed(plan, rowStyle)?.numberFormat;
    const key = rowFmt ?? "\u0000";
    let row = cache.get(key);
    if (!row) {
      row = colFmt.map((f) => rowFmt ?? f);
      cache.set(key, row);
    }
    rows.push(row);
  }
  for (const row of cache.values())
    row.forEach((f, c) => {
      if (f !== null) {
        lo = Math.min(lo, c);
        hi = Math.max(hi, c);
      }
    });
  if (hi < 0) return { row: block.row, col: block.col, rows: [], width: 0 };
  const trimmed = new Map<(string | null)[], (string | null)[]>();
  return {
    row: block.row,
    col: block.col + lo,
    width: hi - lo + 1,
    rows: rows.map((row) => {
      let t = trimmed.get(row);
      if (!t) {
        t = row.slice(lo, hi + 1);
        trimmed.set(row, t);
      }
      return t;
    }),
  };
}

// ---------------------------------------------------------------------------
// Formats

const H_ALIGN = { left: "Left", center: "Center", right: "Right" } as const;
const V_ALIGN = { top: "Top", center: "Center", bottom: "Bottom" } as const;

/** How many actions queueStyle sends for a style (for the request budget). */
function styleActions(style: CellStyle, multiRow: boolean, multiCol: boolean): number {
  let n = 0;
  for (const k of ["bold", "italic", "fontSize", "fontColor", "hAlign", "vAlign", "wrap", "input"] as const) if (style[k] !== undefined) n++;
  if (style.fill !== undefined || style.input) n++;
  if (style.border !== undefined) n += (4 + (multiRow ? 1 : 0) + (multiCol ? 1 : 0)) * (style.border ? 3 : 2);
  return n + 2; // the range itself and its format
}

/**
 * Queues a style's formats (not its number format) on a range or on the areas
 * of a RangeAreas (its format applies to each area, edges included).
 */
function queueStyle(target: { format: Excel.RangeFormat }, style: CellStyle, multiRow: boolean, multiCol: boolean): void {
  const f = target.format;
  if (style.bold !== undefined) f.font.bold = style.bold;
  if (style.italic !== undefined) f.font.italic = style.italic;
  if (style.fontSize !== undefined) f.font.size = style.fontSize;
  if (style.fontColor !== undefined) f.font.color = style.fontColor;
  const fill = style.fill ?? (style.input ? INPUT_FILL : undefined);
  if (fill !== undefined) f.fill.color = fill;
  if (style.hAlign !== undefined) f.horizontalAlignment = H_ALIGN[style.hAlign];
  if (style.vAlign !== undefined) f.verticalAlignment = V_ALIGN[style.vAlign];
  if (style.wrap !== undefined) f.wrapText = style.wrap;
  if (style.input !== undefined) f.protection.locked = !style.input;
  if (style.border !== undefined) {
    const edges: Excel.BorderIndex[] = [Excel_BorderIndex.EdgeTop, Excel_BorderIndex.EdgeBottom, Excel_BorderIndex.EdgeLeft, Excel_BorderIndex.EdgeRight];
    if (multiRow) edges.push(Excel_BorderIndex.InsideHorizontal);
    if (multiCol) edges.push(Excel_BorderIndex.InsideVertical);
    for (const edge of edges) {
      const b = f.borders.getItem(edge);
      if (style.border) {
        b.style = "Continuous";
        b.color = BORDER_COLOR;
      } else b.style = "None";
    }
  }
}

// String literals rather than the Excel.* enums: the enums exist only once
// office.js has loaded, and the literals are what the enums hold.
const Excel_BorderIndex = {
  EdgeTop: "EdgeTop",
  EdgeBottom: "EdgeBottom",
  EdgeLeft: "EdgeLeft",
  EdgeRight: "EdgeRight",
  InsideHorizontal: "InsideHorizontal",
  InsideVertical: "InsideVertical",
} as unknown as Record<string, Excel.BorderIndex>;

function hasFormats(style: CellStyle | undefined): style is CellStyle {
  if (!style) return false;
  return Object.keys(style).some((k) => k !== "numberFormat" && (style as Record<string, unknown>)[k] !== undefined);
}

/** Longest address list sent to Worksheet.getRanges in one call. */
const MAX_AREAS_ADDRESS = 2000;

/**
 * Formats of a block in whole ranges, layered like mergeStyles: the block's
 * style over the block, each column style over its column, then each row
 * style over its rows. Consecutive rows with one style are one range, and the
 * runs of a style that recurs (say, every overdue row of a detail) are
 * formatted together as a RangeAreas (Worksheet.getRanges, ExcelApi 1.9), so
 * a 100,000-row detail costs a handful of format actions, not one per row.
 */
async function writeBlockFormats(batcher: Batcher, sheet: Excel.Worksheet, plan: SheetPlan, block: Block): Promise<void> {
  const rows = block.values.length;
  const cols = blockWidth(block);
  if (rows === 0 || cols === 0) return;
  const apply = async (area: Area, style: CellStyle | undefined) => {
    if (!hasFormats(style)) return;
    await batcher.reserve(styleActions(style, area.rows > 1, area.cols > 1) * ACTION_OVERHEAD);
    queueStyle(sheet.getRange(areaAddress(area)), style, area.rows > 1, area.cols > 1);
  };
  await apply({ row: block.row, col: block.col, rows, cols }, styleNamed(plan, block.style));
  for (let c = 0; c < cols; c++) {
    await apply({ row: block.row, col: block.col + c, rows, cols: 1 }, styleNamed(plan, block.columnStyles?.[c]));
  }
  if (!block.rowStyles) return;
  const runs = new Map<string, Area[]>();
  let start = 0;
  for (let r = 1; r <= rows; r++) {
    if (r === rows || block.rowStyles[r] !== block.rowStyles[start]) {
      const name = block.rowStyles[start];
      if (name !== undefined && hasFormats(styleNamed(plan, name))) {
        const list = runs.get(name) ?? [];
        list.push({ row: block.row + start, col: block.col, rows: r - start, cols });
        runs.set(name, list);
      }
      start = r;
    }
  }
  for (const [name, areas] of runs) {
    const style = styleNamed(plan, name)!;
    if (areas.length === 1) {
      await apply(areas[0], style);
      continue;
    }
    let group: Area[] = [];
    let length = 0;
    const flush = async () => {
      if (group.length === 0) return;
      const multiRow = group.some((a) => a.rows > 1);
      const address = group.map(areaAddress).join(",");
      await batcher.reserve(styleActions(style, multiRow, cols > 1) * ACTION_OVERHEAD + estimateBytes(address));
      queueStyle(sheet.getRanges(address), style, multiRow, cols > 1);
      group = [];
      length = 0;
    };
    for (const area of areas) {
      const address = areaAddress(area);
      if (length + address.length + 1 > MAX_AREAS_ADDRESS) await flush();
      group.push(area);
      length += address.length + 1;
    }
    await flush();
  }
}

// ---------------------------------------------------------------------------
// Layout

/** Excel column width in characters → points (Calibri 11: 7 px per character plus 5 px padding, 0.75 pt per px). */
export function columnWidthPoints(chars: number): number {
  return Math.round((Math.max(0, chars) * 7 + 5) * 0.75 * 100) / 100;
}

/** Header/footer text: "&" starts a code in Excel, so a literal one is "&&". */
function footerText(text: string): string {
  return text.replace(/&/g, "&&");
}

const CHART_TYPE: Record<ChartPlan["kind"], Excel.ChartType> = {
  stackedBar: "BarStacked" as Excel.ChartType,
  stackedColumn: "ColumnStacked" as Excel.ChartType,
};

async function writeLayout(
  batcher: Batcher,
  sheet: Excel.Worksheet,
  plan: SheetPlan,
  lists: ReturnType<typeof resolveListValidations>,
  tableNames: string[],
): Promise<CreatedTable[]> {
  const createdTables: CreatedTable[] = [];
  // column widths: one range per run of equal widths
  const widths = plan.columnWidths ?? [];
  for (let c = 0; c < widths.length; ) {
    let e = c;
    while (e + 1 < widths.length && widths[e + 1] === widths[c]) e++;
    if (widths[c] !== undefined && widths[c] !== null && Number.isFinite(widths[c])) {
      await batcher.reserve(ACTION_OVERHEAD);
      sheet.getRange(`${columnLetters(c)}:${columnLetters(e)}`).format.columnWidth = columnWidthPoints(widths[c]);
    }
    c = e + 1;
  }
  // Rows with wrapped text grow to show it: Excel's own autofit, once the widths are set.
  for (const block of plan.blocks) {
    if (block.values.length === 0 || !blockWraps(plan, block)) continue;
    await batcher.reserve(ACTION_OVERHEAD);
    sheet.getRange(areaAddress({ row: block.row, col: block.col, rows: block.values.length, cols: blockWidth(block) })).format.autofitRows();
  }
  for (const col of lists.helperColumns) {
    await batcher.reserve(ACTION_OVERHEAD);
    sheet.getRange(`${columnLetters(col)}:${columnLetters(col)}`).columnHidden = true;
  }
  if (plan.freeze && (plan.freeze.rows > 0 || plan.freeze.cols > 0)) {
    await batcher.reserve(ACTION_OVERHEAD);
    const { rows, cols } = plan.freeze;
    if (rows > 0 && cols > 0) sheet.freezePanes.freezeAt(sheet.getRange(areaAddress({ row: 0, col: 0, rows, cols })));
    else if (rows > 0) sheet.freezePanes.freezeRows(rows);
    else sheet.freezePanes.freezeColumns(cols);
  }
  for (const m of plan.merges ?? []) {
    if (m.rows * m.cols <= 1) continue;
    await batcher.reserve(ACTION_OVERHEAD);
    sheet.getRange(areaAddress(m)).merge(false);
  }
  for (const cf of plan.conditionalFormats ?? []) {
    await batcher.reserve(3 * ACTION_OVERHEAD);
    const format = sheet.getRange(areaAddress(cf.area)).conditionalFormats.add("DataBar" as Excel.ConditionalFormatType);
    format.dataBar.positiveFormat.fillColor = cf.color;
  }
  for (const v of lists.validations) {
    const source = v.inline ?? `=${absoluteAddress(v.helper!)}`;
    await batcher.reserve(estimateBytes(source) + ACTION_OVERHEAD);
    sheet.getRange(areaAddress(v.validation.area)).dataValidation.rule = { list: { inCellDropDown: true, source } };
  }
  for (const chart of plan.charts ?? []) {
    await batcher.reserve(6 * ACTION_OVERHEAD + estimateBytes(chart.title));
    const c = sheet.charts.add(CHART_TYPE[chart.kind], sheet.getRange(areaAddress(chart.data)), "Columns" as Excel.ChartSeriesBy);
    c.title.text = chart.title;
    c.setPosition(a1(chart.anchor.row, chart.anchor.col));
    c.width = chart.width;
    c.height = chart.height;
  }
  // sheet-scoped names before the tables: their formulas may read them
  for (const n of plan.names ?? []) {
    await batcher.reserve(ACTION_OVERHEAD + estimateBytes(n.name));
    sheet.names.add(n.name, sheet.getRange(a1(n.row, n.col)));
  }
  for (const t of plan.tables ?? []) {
    await batcher.reserve(3 * ACTION_OVERHEAD);
    const table = sheet.tables.add(areaAddress(t.area), true);
    const name = uniqueTableName(t.name, tableNames);
    tableNames.push(name);
    table.name = name;
    if (t.style) table.style = t.style;
    createdTables.push({ table, name, wanted: uniqueTableName(t.name, []) });
    // a formula in every data cell of a table column makes it a calculated column ([@Header] needs the table)
    const dataRows = t.area.rows - 1;
    for (const cf of dataRows > 0 ? (t.columnFormulas ?? []) : []) {
      await batcher.reserve(dataRows * estimateBytes(cf.formula.formula) + ACTION_OVERHEAD);
      sheet.getRange(areaAddress({ row: t.area.row + 1, col: t.area.col + cf.column, rows: dataRows, cols: 1 })).formulas = Array.from({ length: dataRows }, () => [cf.formula.formula]);
    }
  }
  if (plan.print) {
    const p = plan.print;
    await batcher.reserve(6 * ACTION_OVERHEAD + estimateBytes(p.footer ?? ""));
    const layout = sheet.pageLayout;
    layout.paperSize = "A4" as Excel.PaperType;
    layout.orientation = (p.orientation === "landscape" ? "Landscape" : "Portrait") as Excel.PageOrientation;
    if (p.repeatRows) layout.setPrintTitleRows(`$${p.repeatRows.first + 1}:$${p.repeatRows.last + 1}`);
    // fit all columns on one page width; 0 pages tall = as many as needed (OOXML fitToHeight="0")
    if (p.fitToWidth) layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    const footers = layout.headersFooters.defaultForAllPages;
    if (p.footer) footers.centerFooter = footerText(p.footer);
    footers.rightFooter = "&P/&N";
    if (p.margins) {
      const m = p.margins;
      layout.setPrintMargins("Centimeters" as Excel.PrintMarginUnit, { top: m.top, bottom: m.bottom, left: m.left, right: m.right, header: m.top / 2, footer: m.bottom / 2 });
    }
  }
  for (const row of plan.pageBreaks ?? []) {
    if (row <= 0) continue;
    await batcher.reserve(ACTION_OVERHEAD);
    sheet.horizontalPageBreaks.add(a1(row, 0));
  }
  if (plan.tabColor) {
    await batcher.reserve(ACTION_OVERHEAD);
    sheet.tabColor = plan.tabColor;
  }
  return createdTables;
}

interface CreatedTable {
  table: Excel.Table;
  /** the name it was given (suffixed while the sheet it replaces still holds the wanted name) */
  name: string;
  /** the plan's name, made valid */
  wanted: string;
}

function absoluteAddress(area: Area): string {
  const tl = `$${columnLetters(area.col)}$${area.row + 1}`;
  const br = `$${columnLetters(area.col + area.cols - 1)}$${area.row + area.rows}`;
  return `${tl}:${br}`;
}

// ---------------------------------------------------------------------------
// Discovery

function defaultMarkerStore(): MarkerStore {
  const office = (globalThis as { Office?: { context?: { requirements?: { isSetSupported?: (n: string, v: string) => boolean } } } }).Office;
  const ask = office?.context?.requirements?.isSetSupported;
  if (typeof ask !== "function") return "customProperties";
  return ask.call(office!.context!.requirements, "ExcelApi", "1.12") ? "customProperties" : "names";
}

interface Discovery {
  sheets: Excel.WorksheetCollection;
  tables: Excel.TableCollection;
  /** names of every sheet in the workbook */
  sheetNames: string[];
  activeSheet: string | null;
  tableNames: string[];
}

/** Sync 1: the workbook's sheets, tables and active sheet. */
async function discover(context: Excel.RequestContext, batcher: Batcher): Promise<Discovery> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/position,items/id");
  const tables = context.workbook.tables;
  tables.load("items/name,items/worksheet/name");
  const active = sheets.getActiveWorksheet();
  active.load("name");
  await context.sync();
  batcher.countSync();
  return {
    sheets,
    tables,
    sheetNames: sheets.items.map((s) => s.name),
    activeSheet: active.name,
    tableNames: tables.items.map((t) => t.name),
  };
}

/** What sync 2 learned of the sheets already in the workbook. */
interface Probed {
  existing: ExistingSheet[];
  /** by Worksheet.id: the formula of the name over the sheet's input keys (sheets LTC Desk wrote with input cells) */
  inputKeys: Map<string, string>;
  /** by Worksheet.id: where the sheet's ownership marker is, to take it away from a sheet that becomes the user's */
  markers: Map<string, { property: boolean; name: boolean }>;
}

/** Queues the read of every sheet's ownership marker and input-key name; the returned function reads them after the next sync. */
function probeMarkers(found: Discovery, store: MarkerStore): () => Probed {
  const byName = new Map<string, string[]>();
  for (const t of found.tables.items) byName.set(t.worksheet.name, [...(byName.get(t.worksheet.name) ?? []), t.name]);
  const probes = found.sheets.items.map((ws) => {
    const prop = store === "customProperties" ? ws.customProperties.getItemOrNullObject(OWNER_PROPERTY_KEY) : null;
    if (prop) prop.load("value");
    const name = ws.names.getItemOrNullObject(OWNER_NAME);
    name.load("formula");
    const keys = ws.names.getItemOrNullObject(INPUT_KEYS_NAME);
    keys.load("formula");
    return { ws, prop, name, keys };
  });
  return () => {
    const inputKeys = new Map<string, string>();
    const markers = new Map<string, { property: boolean; name: boolean }>();
    const existing = probes.map(({ ws, prop, name, keys }) => {
      const fromProp = prop && !prop.isNullObject ? parseMarker(prop.value) : null;
      const fromName = !name.isNullObject ? parseMarker(name.formula) : null;
      if (!keys.isNullObject) inputKeys.set(ws.id, keys.formula);
      markers.set(ws.id, { property: fromProp !== null, name: fromName !== null });
      return {
        name: ws.name,
        id: ws.id,
        position: ws.position,
        marker: fromProp ?? fromName,
        tableNames: byName.get(ws.name) ?? [],
      };
    });
    return { existing, inputKeys, markers };
  };
}

type EarlierInputs = EarlierEntry[] | "columnsMoved" | null;

/**
 * The user's entries in each sheet about to be replaced that LTC Desk wrote
 * with input keys (see carryOver.ts): its cells from A1 to its key column,
 * values, formulas and number formats, all in one request (one sync, made
 * only when some replaced sheet has input keys). null where there is nothing
 * to carry; "columnsMoved" where the keys no longer sit where they were
 * written (columns inserted or deleted, or the key column gone).
 */
async function readEarlierInputs(context: Excel.RequestContext, batcher: Batcher, targets: readonly SheetTarget[], inputKeys: Map<string, string>): Promise<EarlierInputs[]> {
  const reads = targets.map((t) => {
    const formula = t.replaces ? inputKeys.get(t.replaces.id) : undefined;
    if (!t.replaces || formula === undefined) return null;
    const keys = keyRangeOf(formula);
    if (!keys) return "columnsMoved" as const;
    const sheet = context.workbook.worksheets.getItem(t.replaces.name);
    const rows = keys.lastRow + 1;
    if (rows * (keys.col + 1) > WHOLE_READ_CELLS) {
      // a sheet of thousands of letters: its whole area would not fit in one response, so the key column first
      const keyCells = sheet.getRange(areaAddress({ row: 0, col: keys.col, rows, cols: 1 }));
      keyCells.load("values");
      return { kind: "keysFirst" as const, sheet, keyCells, keyCol: keys.col, rows };
    }
    const cells = sheet.getRange(areaAddress({ row: 0, col: 0, rows, cols: keys.col + 1 }));
    cells.load("values,formulas,numberFormat");
    return { kind: "whole" as const, cells, keyCol: keys.col };
  });
  if (reads.some((r) => r !== null && r !== "columnsMoved")) {
    await context.sync();
    batcher.countSync();
  }
  // then, for such a sheet, only its input cells (one more sync): the rest of the area stays empty here
  const sparse = reads.map((r) => {
    if (r === null || r === "columnsMoved" || r.kind !== "keysFirst") return null;
    const read = (r.keyCells.values as unknown[][]).map((line, row) => ({ row, key: line[0], cells: keyedColumns(line[0]).map((col) => ({ col, range: r.sheet.getCell(row, col) })) }));
    for (const line of read) for (const c of line.cells) c.range.load("values,formulas,numberFormat");
    return { read, keyCol: r.keyCol, rows: r.rows };
  });
  if (sparse.some((s) => s !== null)) {
    await context.sync();
    batcher.countSync();
  }
  return reads.map((r, i) => {
    if (r === null || r === "columnsMoved") return r;
    if (r.kind === "whole") return earlierEntries(r.cells.values, r.cells.formulas, r.cells.numberFormat, r.keyCol);
    const s = sparse[i];
    if (!s) return null;
    const values: unknown[][] = Array.from({ length: s.rows }, () => []);
    const formulas: unknown[][] = Array.from({ length: s.rows }, () => []);
    const formats: unknown[][] = Array.from({ length: s.rows }, () => []);
    for (const line of s.read) {
      values[line.row][s.keyCol] = line.key;
      for (const c of line.cells) {
        values[line.row][c.col] = c.range.values[0][0];
        formulas[line.row][c.col] = c.range.formulas[0][0];
        formats[line.row][c.col] = c.range.numberFormat[0][0];
      }
    }
    return earlierEntries(values, formulas, formats, s.keyCol);
  });
}

/**
 * Above this many cells, an earlier sheet's area is not read whole (Excel on
 * the web refuses responses over 5 MB: a sheet of 500 letters is some 140,000
 * cells of text), but its key column and then only its input cells.
 */
const WHOLE_READ_CELLS = 50_000;

/** A sheet to write: its target (the plan with the user's entries carried in), and what the carrying did. */
interface TargetWrite {
  target: SheetTarget;
  /** the plan as the builder made it: what the key column records as written */
  generated: SheetPlan;
  /** keys whose cells hold a user's entry whatever they hold (the entries listed without a place) */
  userEntries: Set<string>;
  carried?: CarriedInputs;
  keptEarlier?: string;
}

/**
 * Each target with the earlier sheet's entries carried into its plan. A
 * sheet whose keys moved is not replaced: its ownership marker is taken away
 * (it is the user's now, so later runs leave it alone too) and the new sheet
 * gets a name of its own beside it.
 */
async function withEarlierInputs(
  batcher: Batcher,
  targets: readonly SheetTarget[],
  earlier: readonly EarlierInputs[],
  probed: Probed,
  sheets: Excel.WorksheetCollection,
  taken: readonly string[],
): Promise<TargetWrite[]> {
  const names = targets.map((t) => t.name);
  const writes: TargetWrite[] = [];
  for (let i = 0; i < targets.length; i++) {
    const target = targets[i];
    const found = earlier[i];
    if (found === "columnsMoved" && target.replaces) {
      const old = target.replaces;
      const name = uniqueSheetName(target.plan.name, [...taken, ...names.filter((_, k) => k !== i)]);
      names[i] = name;
      const marker = probed.markers.get(old.id);
      await batcher.reserve(2 * ACTION_OVERHEAD);
      const ws = sheets.getItem(old.name);
      if (marker?.property) ws.customProperties.getItem(OWNER_PROPERTY_KEY).delete();
      if (marker?.name) ws.names.getItem(OWNER_NAME).delete();
      writes.push({ target: { ...target, name, replaces: null }, generated: target.plan, userEntries: new Set(), keptEarlier: old.name });
    } else if (found === null || found === "columnsMoved" || found.length === 0) {
      writes.push({ target, generated: target.plan, userEntries: new Set() });
    } else {
      const { plan, carried, userEntries } = carryInto(target.plan, found);
      writes.push({ target: { ...target, plan }, generated: target.plan, userEntries, carried });
    }
  }
  return writes;
}

// ---------------------------------------------------------------------------
// The renderer

/**
 * Writes each plan to its own sheet in the workbook of `context` (call it
 * inside one Excel.run). Returns the sheet names actually used, in plan order.
 *
 * Every plan's sheet is added in sync 2, beside the marker reads, under a
 * temporary name: the sheet's id is then known before its writes, so the
 * ownership marker written with its last request can record it. The sheet
 * takes its final name (and a replaced sheet's place) in that same request,
 * so an old sheet stays intact until its replacement is complete.
 */
export async function renderPlans(context: Excel.RequestContext, plans: readonly SheetPlan[], options: RenderOptions = {}): Promise<RenderResult> {
  const batcher = new Batcher(context, options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES);
  const stats = () => ({ syncs: batcher.syncs, writeRequests: batcher.writeRequests, largestRequestBytes: batcher.largest });
  if (plans.length === 0) return { sheets: [], stats: stats() };
  const store = options.markerStore ?? defaultMarkerStore();
  const found = await discover(context, batcher);
  const allNames = [...found.sheetNames];
  const tableNames = [...found.tableNames];

  // sheets this call creates, removed again if a request fails before they are complete
  const created: CreatedSheet[] = [];
  try {
    const readMarkers = probeMarkers(found, store);
    const sheets = plans.map(() => {
      const workingName = uniqueSheetName("LTC Desk temp", allNames);
      allNames.push(workingName);
      const sheet = context.workbook.worksheets.add(workingName);
      sheet.load("id");
      created.push({ workingName, completeAfterSync: Infinity });
      return sheet;
    });
    await batcher.sync();
    const probed = readMarkers();
    const planned = planTargets(plans, probed.existing);
    const earlier = await readEarlierInputs(context, batcher, planned, probed.inputKeys);
    const writes = await withEarlierInputs(batcher, planned, earlier, probed, context.workbook.worksheets, allNames);
    const targets = writes.map((w) => w.target);
    allNames.push(...targets.map((t) => t.name));

    let reported = 0;
    batcher.onSynced = () => {
      const done = created.filter((c) => batcher.succeeded >= c.completeAfterSync).length;
      if (done > reported) options.onProgress?.((reported = done), targets.length);
    };
    for (let i = 0; i < targets.length; i++) {
      await writeTarget(context, batcher, writes[i], sheets[i], store, tableNames, found.activeSheet);
      // complete once the request now being filled has synced
      created[i].completeAfterSync = batcher.syncs + 1;
    }
    if (options.activate) {
      await batcher.reserve(ACTION_OVERHEAD);
      sheets[0].activate();
    }
    await batcher.flush();
    return {
      sheets: writes.map(({ target: t, carried, keptEarlier }) => ({
        name: t.name,
        ownerKey: t.plan.ownerKey,
        replaced: t.replaces !== null,
        ...(carried ? { carried } : {}),
        ...(keptEarlier !== undefined ? { keptEarlier } : {}),
      })),
      stats: stats(),
    };
  } catch (error) {
    await removeIncomplete(context, batcher, created);
    throw error;
  }
}

async function writeTarget(
  context: Excel.RequestContext,
  batcher: Batcher,
  write: TargetWrite,
  sheet: Excel.Worksheet,
  store: MarkerStore,
  tableNames: string[],
  activeSheet: string | null,
): Promise<void> {
  const { target } = write;
  const { plan } = target;
  const lists = resolveListValidations(plan);
  const keys = keyColumnBlock(write.generated, plan.inputs?.cells ?? [], keyColumnOf(plan), write.userEntries);
  const blocks = [...plan.blocks, ...lists.helperBlocks, ...(keys ? [keys] : [])];

  for (const block of blocks) {
    await writeMatrix(
      batcher,
      sheet,
      valuesMatrix(block),
      (range, values, hasFormula) => {
        if (hasFormula) range.formulas = values as string[][];
        else range.values = values as string[][];
      },
      (v) => typeof v === "string" && v.startsWith("="),
    );
  }
  for (const block of plan.blocks) {
    await writeMatrix(
      batcher,
      sheet,
      numberFormatMatrix(plan, block),
      (range, formats) => {
        range.numberFormat = formats as string[][];
      },
      () => false,
    );
  }
  for (const block of plan.blocks) await writeBlockFormats(batcher, sheet, plan, block);
  const createdTables = await writeLayout(batcher, sheet, plan, lists, tableNames);
  if (keys) {
    // the input keys stay with the sheet, out of sight: a hidden column, and a name the next run looks for
    await batcher.reserve(3 * ACTION_OVERHEAD);
    sheet.getRange(`${columnLetters(keys.col)}:${columnLetters(keys.col)}`).columnHidden = true;
    sheet.names.add(INPUT_KEYS_NAME, sheet.getRange(areaAddress({ row: 0, col: keys.col, rows: keys.values.length, cols: 1 })), "LTC Desk: the keys of this sheet's input cells, to carry your entries over when it is regenerated");
  }

  const marker = markerText(plan.ownerKey, target.name, sheet.id);
  await batcher.reserve(5 * ACTION_OVERHEAD + 2 * estimateBytes(marker));
  if (target.replaces) {
    context.workbook.worksheets.getItem(target.replaces.name).delete();
    // The old sheet's tables went with it: our new tables take their names back.
    const freed = new Set(target.replaces.tableNames.map((n) => n.toUpperCase()));
    for (let i = tableNames.length - 1; i >= 0; i--) if (freed.has(tableNames[i].toUpperCase())) tableNames.splice(i, 1);
    for (const t of createdTables) {
      if (t.name === t.wanted || !freed.has(t.wanted.toUpperCase())) continue;
      await batcher.reserve(ACTION_OVERHEAD + estimateBytes(t.wanted));
      t.table.name = t.wanted;
      tableNames[tableNames.indexOf(t.name)] = t.wanted;
    }
  }
  sheet.name = target.name;
  if (target.replaces) {
    sheet.position = target.replaces.position;
    if (activeSheet !== null && activeSheet === target.replaces.name) sheet.activate();
  }
  if (store === "customProperties") sheet.customProperties.add(OWNER_PROPERTY_KEY, marker);
  else sheet.names.add(OWNER_NAME, markerFormula(plan.ownerKey, target.name, sheet.id), "LTC Desk: generated sheet; regenerating the report replaces it");
}

interface CreatedSheet {
  /** the name the sheet was added under (temporary for a replacement) */
  workingName: string;
  /** the sheet is complete once this many syncs have succeeded */
  completeAfterSync: number;
}

/**
 * After a failed request: deletes the sheets this call added that are not
 * complete (still under their working name), so no half-written report is
 * left behind. A replaced sheet is only deleted in the request that completes
 * its replacement, so it survives a failure before that.
 */
async function removeIncomplete(context: Excel.RequestContext, batcher: Batcher, created: CreatedSheet[]): Promise<void> {
  const incomplete = created.filter((c) => batcher.succeeded < c.completeAfterSync);
  if (incomplete.length === 0) return;
  try {
    // learn which of them exist (a method call on a null object is not something to rely on)
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();
    const present = new Set(sheets.items.map((s) => s.name));
    const doomed = incomplete.filter((c) => present.has(c.workingName));
    if (doomed.length === 0) return;
    for (const c of doomed) sheets.getItem(c.workingName).delete();
    await context.sync();
  } catch {
    // best effort: the original error is what the caller needs to see
  }
}

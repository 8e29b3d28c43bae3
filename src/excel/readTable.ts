import { areaAddress } from "../reports/sheetplan";
import { a1Bounds, headerRowIndex, RawTable, titleLines } from "../reports/table";

// the taskpane finds a re-read region's header the same way
export { headerRowIndex };

/**
 * Reads the table a report starts from, with Office.js, read-only:
 *   1. the Excel table (ListObject) the selection is in, else
 *   2. the current region around the selection (Range.getSurroundingRegion), else
 *   3. the first of `fallbackTableNames` that exists;
 * or, with `tableName`, that table directly.
 *
 * A region's cells merged down a column (片区 or 客户 over the rows of a
 * block) give every row they cover the merged value, as the command line
 * reads them (Excel gives the covered cells as ""); merged across columns a
 * cell stays one cell (a title over the table). An Excel table cannot hold
 * merged cells, so a table is read as it is.
 *
 * Syncs: one to locate (selection, its tables, its region); a region or a
 * selected table of up to `chunkRows` rows is read in the second (with a
 * region's merged areas: no extra sync). Larger
 * tables are read in row chunks, one sync each, sized from the first chunk
 * so that no response grows past ~2 MB. A named table takes one more sync
 * (its position is unknown until then).
 */

/** Rows read by the first request (and by every request when chunkRows is given). */
export const DEFAULT_FIRST_CHUNK_ROWS = 2000;
/** Target size of one response when reading in chunks. */
const RESPONSE_BUDGET_BYTES = 2_000_000;
const MAX_ROWS = 1048576;

export interface ReadTableOptions {
  /** read this table (ListObject) by name, ignoring the selection */
  tableName?: string;
  /** tables to try, in order, when the selection is neither in a table nor next to data */
  fallbackTableNames?: string[];
  /** rows per request (default: 2,000 first, then sized to ~2 MB per response) */
  chunkRows?: number;
}

export interface FoundTable extends RawTable {
  kind: "table" | "region";
  sheetName: string;
  /** A1 address of the whole table or region, header included, without the sheet */
  address: string;
  tableName?: string;
  /** 1-based worksheet rows of the selection's first and last row (absent when read by tableName) */
  selectedRows?: { first: number; last: number };
}

export type TableReadErrorCode = "noSelection" | "emptySelection" | "tableNotFound" | "emptyTable";

/** Why no table could be read; the task pane words it for the user. */
export class TableReadError extends Error {
  constructor(
    readonly code: TableReadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "TableReadError";
  }
}

interface Geometry {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

function blankToNull(v: unknown): unknown {
  return v === "" || v === undefined ? null : v;
}

function nonEmptyCount(row: readonly unknown[]): number {
  let n = 0;
  for (const v of row) if (v !== null && v !== undefined && !(typeof v === "string" && v.trim() === "")) n++;
  return n;
}

function rowsPerChunk(sample: unknown[][], columns: number, fixed: number | undefined): number {
  if (fixed !== undefined) return Math.max(1, Math.floor(fixed));
  const bytes = sample.length > 0 ? JSON.stringify(sample).length / sample.length : columns * 24;
  return Math.max(100, Math.min(50000, Math.floor(RESPONSE_BUDGET_BYTES / Math.max(1, bytes))));
}

/**
 * Loads the values of the area's rows from `into.length` to the end, one sync
 * per chunk: `fixed` rows per chunk if given, else 2,000 rows first and then
 * as many as keep a response near 2 MB, judged from the rows read so far.
 */
async function loadRest(context: Excel.RequestContext, sheet: Excel.Worksheet, g: Geometry, into: unknown[][], fixed: number | undefined): Promise<void> {
  while (into.length < g.rowCount) {
    const chunk = into.length === 0 && fixed === undefined ? DEFAULT_FIRST_CHUNK_ROWS : rowsPerChunk(into.slice(-200), g.columnCount, fixed);
    const n = Math.min(chunk, g.rowCount - into.length);
    const range = sheet.getRange(areaAddress({ row: g.rowIndex + into.length, col: g.columnIndex, rows: n, cols: g.columnCount }));
    range.load("values");
    // one sync per chunk is the point: each response stays near RESPONSE_BUDGET_BYTES
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    for (const row of range.values) into.push(row);
  }
}

function toRawTable(
  all: unknown[][],
  g: Geometry,
  kind: FoundTable["kind"],
  sheetName: string,
  tableName: string | undefined,
  headerIndex: number,
  dropLast: boolean,
): FoundTable {
  const body = all.slice(headerIndex + 1, dropLast ? all.length - 1 : all.length);
  const address = areaAddress({ row: g.rowIndex, col: g.columnIndex, rows: g.rowCount, cols: g.columnCount });
  return {
    kind,
    sheetName,
    address,
    tableName,
    header: (all[headerIndex] ?? []).map(blankToNull),
    rows: body.map((row) => row.map(blankToNull)),
    firstRowNumber: g.rowIndex + headerIndex + 2,
    source: tableName ?? `${sheetName}!${address}`,
    firstColumn: g.columnIndex,
    titles: titleLines(all, headerIndex, (i) => g.rowIndex + i + 1),
  };
}

/**
 * Range.getMergedAreasOrNullObject is ExcelApi 1.13; on an older host the
 * region is read without it (covered cells stay blank, as they were before).
 */
function hostReadsMergedAreas(): boolean {
  const office = (globalThis as { Office?: { context?: { requirements?: { isSetSupported?: (n: string, v: string) => boolean } } } }).Office;
  const ask = office?.context?.requirements?.isSetSupported;
  return typeof ask !== "function" || ask.call(office!.context!.requirements, "ExcelApi", "1.13");
}

/**
 * Gives the value of each area merged down a column to the rows it covers,
 * in its first column. `address` is a RangeAreas address ("Data!A4:A6,
 * Data!B4:B5"); Excel returns the areas whose top-left cell is in the region.
 */
function fillMergedDown(all: unknown[][], g: Geometry, address: string): void {
  for (const ref of address.split(",")) {
    const area = a1Bounds(ref.slice(ref.lastIndexOf("!") + 1));
    if (!area) continue;
    const col = area.c0 - g.columnIndex;
    const top = area.r0 - g.rowIndex;
    const bottom = Math.min(area.r1 - g.rowIndex, all.length - 1);
    if (col < 0 || top < 0 || top >= all.length) continue;
    for (let r = top + 1; r <= bottom; r++) all[r][col] = all[top][col];
  }
}

/** Reads a whole table (ListObject): header row, body, no totals row. */
async function readTable(
  context: Excel.RequestContext,
  table: Excel.Table,
  options: ReadTableOptions,
  firstChunk: { rows: unknown[][]; geometry: Geometry } | null,
): Promise<FoundTable> {
  let geometry: Geometry;
  let head: unknown[][];
  const sheet = table.worksheet;
  if (firstChunk) {
    geometry = firstChunk.geometry;
    head = firstChunk.rows;
  } else {
    const range = table.getRange();
    range.load("rowIndex,columnIndex,rowCount,columnCount");
    sheet.load("name");
    await context.sync();
    geometry = { rowIndex: range.rowIndex, columnIndex: range.columnIndex, rowCount: range.rowCount, columnCount: range.columnCount };
    head = [];
  }
  const all = head.slice();
  await loadRest(context, sheet, geometry, all, options.chunkRows);
  return toRawTable(all, geometry, "table", sheet.name, table.name, 0, table.showTotals);
}

/**
 * Finds and reads the table for the current selection (see the file comment).
 * Never writes. Throws TableReadError when there is nothing to read.
 */
export async function readSelectedTable(context: Excel.RequestContext, options: ReadTableOptions = {}): Promise<FoundTable> {
  const workbook = context.workbook;
  if (options.tableName !== undefined) {
    const table = workbook.tables.getItemOrNullObject(options.tableName);
    table.load("name,showHeaders,showTotals");
    await context.sync();
    if (table.isNullObject) throw new TableReadError("tableNotFound", `No table named "${options.tableName}" in this workbook.`);
    return readTable(context, table, options, null);
  }

  // request 1: locate
  const selection = workbook.getSelectedRange();
  selection.load("rowIndex,rowCount");
  // the selection is always on the active sheet
  const sheet = workbook.worksheets.getActiveWorksheet();
  sheet.load("name");
  const tableCount = selection.getTables(false).getCount();
  // the region's size only: its values could be anything up to a whole sheet
  const region = selection.getSurroundingRegion();
  region.load("rowIndex,columnIndex,rowCount,columnCount");
  const fallbacks = (options.fallbackTableNames ?? []).map((name) => {
    const t = workbook.tables.getItemOrNullObject(name);
    t.load("name,showHeaders,showTotals");
    return t;
  });
  try {
    await context.sync();
  } catch (error) {
    // a chart, shape or nothing selected: Excel has no selected range to offer
    if ((error as { code?: string }).code === "InvalidSelection") {
      throw new TableReadError("noSelection", "Select a cell inside the table (the current selection is not a range of cells).");
    }
    throw error;
  }

  const firstChunkRows = options.chunkRows ?? DEFAULT_FIRST_CHUNK_ROWS;
  const selectedRows = () => ({ first: selection.rowIndex + 1, last: selection.rowIndex + selection.rowCount });
  // a ClientResult, readable after the sync above (the lint rule knows only load())
  // eslint-disable-next-line office-addins/load-object-before-read
  if (tableCount.value > 0) {
    // request 2: the table, its geometry and its first rows (rows from the table's
    // top; it starts at or above the selection, so the read stays on the grid)
    const table = selection.getTables(false).getFirst();
    table.load("name,showHeaders,showTotals");
    const range = table.getRange();
    range.load("rowIndex,columnIndex,rowCount,columnCount");
    const n = Math.max(1, Math.min(firstChunkRows, MAX_ROWS - selection.rowIndex));
    const head = range.getRow(0).getResizedRange(n - 1, 0).getIntersection(range);
    head.load("values");
    table.worksheet.load("name");
    await context.sync();
    const geometry = { rowIndex: range.rowIndex, columnIndex: range.columnIndex, rowCount: range.rowCount, columnCount: range.columnCount };
    return { ...(await readTable(context, table, options, { rows: head.values.slice(), geometry })), selectedRows: selectedRows() };
  }

  const g: Geometry = { rowIndex: region.rowIndex, columnIndex: region.columnIndex, rowCount: region.rowCount, columnCount: region.columnCount };
  const regionIsBlankCell = g.rowCount === 1 && g.columnCount === 1;
  if (regionIsBlankCell) {
    // a lone cell is either empty or not a table: look for a named table instead
    const found = fallbacks.find((t) => !t.isNullObject);
    if (found) return { ...(await readTable(context, found, options, null)), selectedRows: selectedRows() };
    throw new TableReadError(
      "emptySelection",
      "Select a cell inside the table (an Excel table, or a block of cells with a header row).",
    );
  }

  // request 2 (and more for a large region): the region's values, and its merged areas with the first chunk
  const merged = hostReadsMergedAreas() ? sheet.getRange(areaAddress({ row: g.rowIndex, col: g.columnIndex, rows: g.rowCount, cols: g.columnCount })).getMergedAreasOrNullObject() : null;
  merged?.load("address");
  const all: unknown[][] = [];
  await loadRest(context, sheet, g, all, options.chunkRows);
  if (merged && !merged.isNullObject) fillMergedDown(all, g, merged.address);
  const headerIndex = headerRowIndex(all);
  if (nonEmptyCount(all[headerIndex] ?? []) === 0) {
    throw new TableReadError("emptyTable", `The cells around the selection (${sheet.name}!${areaAddress({ row: g.rowIndex, col: g.columnIndex, rows: g.rowCount, cols: g.columnCount })}) hold no header row.`);
  }
  return { ...toRawTable(all, g, "region", sheet.name, undefined, headerIndex, false), selectedRows: selectedRows() };
}

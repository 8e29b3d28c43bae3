/**
 * The pane's calls into Office.js, each taking the context of the Excel.run
 * its caller owns (one Excel.run per user action): reading the table at the
 * selection, rendering SheetPlans (src/excel/render), activating a sheet.
 */
import { FoundTable, headerRowIndex, readSelectedTable } from "../excel/readTable";
import { renderPlans, RenderOptions, RenderResult } from "../excel/render";
import { SheetPlan } from "../reports/sheetplan";
import { RawTable, titleLines } from "../reports/table";
import { serialFromYmd } from "../rules/values";

/** Where a table was found, to read it again in a later action. */
export interface TableRef {
  sheet: string;
  /** A1 address of header + data, without the sheet */
  address: string;
  /** the Excel table's name when the data is a ListObject */
  tableName?: string;
}

export interface TableAtSelection {
  table: RawTable;
  ref: TableRef;
  /** worksheet row numbers (1-based) of the selection's first and last row */
  firstSelectedRow: number;
  lastSelectedRow: number;
}

function blankToNull(v: unknown): unknown {
  return v === "" || v === undefined ? null : v;
}

/**
 * The table as the report builders read it, whole: header row, data rows,
 * the title lines above the header (a "单位：万元" line sets the amounts'
 * unit, and the report names the header row it took) and the worksheet column
 * of the first cell (errors name columns by letter) — the same RawTable the
 * command line's reader gives, so a ledger reads the same in Excel and on the
 * command line.
 */
function tableOf(found: FoundTable, source: string): RawTable {
  return {
    header: found.header,
    rows: found.rows,
    firstRowNumber: found.firstRowNumber,
    source,
    firstColumn: found.firstColumn,
    titles: found.titles,
  };
}

function refOf(found: FoundTable): TableRef {
  return { sheet: found.sheetName, address: found.address, tableName: found.tableName };
}

/**
 * The table around the selection (src/excel/readTable: the Excel table the
 * selection is in, else the current region) and the selection's rows. The
 * selection's rows ride along in the reader's first sync.
 */
export async function readTableAtSelection(context: Excel.RequestContext): Promise<TableAtSelection> {
  const selection = context.workbook.getSelectedRange();
  selection.load(["rowIndex", "rowCount"]);
  const found = await readSelectedTable(context);
  const source = found.tableName ? `${found.tableName} (${found.sheetName}!${found.address})` : `${found.sheetName}!${found.address}`;
  // readSelectedTable's first sync loaded the selection's rows (the lint rule cannot see into it).
  // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read
  const [first, count] = [selection.rowIndex, selection.rowCount];
  return {
    table: tableOf(found, source),
    ref: refOf(found),
    firstSelectedRow: first + 1,
    lastSelectedRow: first + count,
  };
}

/**
 * Reads a table found earlier, as it is now: an Excel table by its name (it
 * may have grown), a plain region at the same address (header row found
 * the same way the reader finds it).
 */
export async function readTableAt(context: Excel.RequestContext, ref: TableRef): Promise<RawTable> {
  if (ref.tableName) {
    const found = await readSelectedTable(context, { tableName: ref.tableName });
    return tableOf(found, `${found.tableName} (${found.sheetName}!${found.address})`);
  }
  const range = context.workbook.worksheets.getItem(ref.sheet).getRange(ref.address);
  range.load(["values", "rowIndex", "columnIndex"]);
  await context.sync();
  const values = range.values as unknown[][];
  const headerIndex = headerRowIndex(values);
  return {
    header: (values[headerIndex] ?? []).map(blankToNull),
    rows: values.slice(headerIndex + 1).map((row) => row.map(blankToNull)),
    firstRowNumber: range.rowIndex + headerIndex + 2,
    source: `${ref.sheet}!${ref.address}`,
    firstColumn: range.columnIndex,
    titles: titleLines(values, headerIndex, (i) => range.rowIndex + i + 1),
  };
}

export function renderSheets(context: Excel.RequestContext, plans: readonly SheetPlan[], options: RenderOptions = {}): Promise<RenderResult> {
  return renderPlans(context, plans, options);
}

export async function activateSheet(context: Excel.RequestContext, name: string): Promise<void> {
  context.workbook.worksheets.getItem(name).activate();
  await context.sync();
}

/** Today on the user's calendar, as an Excel serial: the pane proposes it; reports record it as a constant. */
export function generationDate(now: Date = new Date()): number {
  return serialFromYmd(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** Today as the value of an <input type="date">: yyyy-mm-dd on the user's calendar. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

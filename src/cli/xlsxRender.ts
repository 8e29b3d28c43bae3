import * as fs from "fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import {
  a1,
  Area,
  areaAddress,
  Block,
  blockCellStyle,
  blockWidth,
  CellStyle,
  ChartPlan,
  columnLetters,
  isFormula,
  PlanValue,
  planExtent,
  PrintSetup,
  resolveListValidations,
  ResolvedListValidation,
  savedFormula,
  SheetPlan,
  uniqueSheetName,
  uniqueTableName,
  wrappedRowHeights,
} from "../reports/sheetplan";

/**
 * Renders SheetPlans to .xlsx with ExcelJS (Node only): the same plans the
 * Office.js renderer writes, so the command line and the add-in produce the
 * same sheets.
 *
 * - A string is always a string cell (shared string, t="s"), never a
 *   formula: ExcelJS writes a formula only for a { formula } value, which only
 *   our own FormulaValue becomes. A carriage return is stored as the OOXML
 *   escape _x000D_ (raw CRs do not survive XML parsing), and a literal
 *   "_xHHHH_" in the text is escaped so that it reads back unchanged.
 * - Styles, column widths, freeze panes, merges, data bars (conditional
 *   formatting), list validations, print setup and tab colour are written.
 * - Charts are not: ExcelJS cannot create them. The chart's anchor cell gets a
 *   note saying so, and the result counts the skipped charts.
 * - Ownership markers are not written (ExcelJS cannot write worksheet custom
 *   properties); a name already taken gets a " (2)" suffix, no sheet is ever
 *   replaced.
 * - Files are written with ExcelJS's streaming writer
 *   (stream.xlsx.WorkbookWriter), row by row, in constant memory, each style
 *   object built once per column kind; what it cannot write (tables and their
 *   calculated columns, sheet-scoped names, calculation on open) is added to
 *   the file afterwards. The in-memory writer (writePlansToWorkbook) is for
 *   sheets added to a workbook that is being built.
 */

export interface XlsxRenderedSheet {
  name: string;
  ownerKey: string;
  /** always false: the .xlsx writer never replaces a sheet */
  replaced: false;
}

export interface XlsxRenderResult {
  sheets: XlsxRenderedSheet[];
  /** charts in the plans that ExcelJS could not create (a note marks each) */
  skippedCharts: number;
}

export interface XlsxWriteOptions {
  /** false: the in-memory writer (ExcelJS's Workbook) instead of the streaming one (default) */
  streaming?: boolean;
}

/** Fill of input cells (same as the Office.js renderer). */
const INPUT_FILL = "#FFF2CC";
const BORDER_COLOR = "FF808080";
/** ExcelJS paper size code for A4. */
const PAPER_A4 = 9;

// ---------------------------------------------------------------------------
// Values and styles

/**
 * Text as stored in the file: CR as the OOXML escape _x000D_ (XML parsers
 * turn a raw CR into LF), and an existing "_xHHHH_" escaped as "_x005F_xHHHH_"
 * so readers do not decode it.
 */
export function xlsxText(text: string): string {
  // most text has neither: no regular expression run for it
  if (!text.includes("\r") && !text.includes("_x")) return text;
  return text.replace(/_x[0-9A-Fa-f]{4}_/g, (m) => `_x005F${m}`).replace(/\r/g, "_x000D_");
}

/** A plan value as an ExcelJS cell value. */
export function xlsxCellValue(v: PlanValue): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (isFormula(v)) return { formula: savedFormula(v) } as ExcelJS.CellFormulaValue;
  if (typeof v === "number") return Number.isFinite(v) ? v : "#NUM!";
  if (typeof v === "boolean") return v;
  return xlsxText(String(v));
}

function argb(hex: string): string {
  return `FF${hex.replace(/^#/, "").toUpperCase()}`;
}

/** A CellStyle as an ExcelJS style. */
export function xlsxStyle(style: CellStyle): Partial<ExcelJS.Style> {
  const out: Partial<ExcelJS.Style> = {};
  const font: Partial<ExcelJS.Font> = {};
  if (style.bold !== undefined) font.bold = style.bold;
  if (style.italic !== undefined) font.italic = style.italic;
  if (style.fontSize !== undefined) font.size = style.fontSize;
  if (style.fontColor !== undefined) font.color = { argb: argb(style.fontColor) };
  if (Object.keys(font).length > 0) out.font = font;
  const fill = style.fill ?? (style.input ? INPUT_FILL : undefined);
  if (fill !== undefined) out.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(fill) } };
  const alignment: Partial<ExcelJS.Alignment> = {};
  if (style.hAlign !== undefined) alignment.horizontal = style.hAlign;
  if (style.vAlign !== undefined) alignment.vertical = style.vAlign === "center" ? "middle" : style.vAlign;
  if (style.wrap !== undefined) alignment.wrapText = style.wrap;
  if (Object.keys(alignment).length > 0) out.alignment = alignment;
  if (style.border) {
    const side: Partial<ExcelJS.Border> = { style: "thin", color: { argb: BORDER_COLOR } };
    out.border = { top: side, left: side, bottom: side, right: side };
  }
  if (style.numberFormat !== undefined) out.numFmt = style.numberFormat;
  if (style.input !== undefined) out.protection = { locked: !style.input };
  return out;
}

/**
 * The converted styles of one sheet, one object per combination of block,
 * column and row style names (a column kind), built once and handed to every
 * cell of that kind. ExcelJS remembers the style id of each style object it
 * has seen (a WeakMap in its styles part), so a shared object is reconciled
 * once instead of once per cell; an unstyled cell gets the shared EMPTY_STYLE
 * for the same reason. Lookups go through nested maps, so a cell costs no
 * allocation.
 */
class StyleCache {
  private cache = new Map<string | undefined, Map<string | undefined, Map<string | undefined, Partial<ExcelJS.Style>>>>();
  constructor(private plan: SheetPlan) {}
  at(block: Block, r: number, c: number): Partial<ExcelJS.Style> {
    const columnName = block.columnStyles?.[c];
    const rowName = block.rowStyles?.[r];
    let byColumn = this.cache.get(block.style);
    if (!byColumn) this.cache.set(block.style, (byColumn = new Map()));
    let byRow = byColumn.get(columnName);
    if (!byRow) byColumn.set(columnName, (byRow = new Map()));
    let style = byRow.get(rowName);
    if (!style) {
      const converted = xlsxStyle(blockCellStyle(this.plan, block, r, c));
      style = Object.keys(converted).length > 0 ? converted : EMPTY_STYLE;
      byRow.set(rowName, style);
    }
    return style;
  }
}

/** The style of an unstyled cell, one object for all of them (never mutated). */
const EMPTY_STYLE: Partial<ExcelJS.Style> = Object.freeze({});

/**
 * Writes one plan cell. `shareStyle`: hand the cached style object itself to
 * the cell (the streaming writer, whose rows are committed and never edited
 * again); the in-memory writer gives each cell a copy, since ExcelJS mutates a
 * cell's style object in place on later edits (a table over the cells, a note).
 */
function setBlockCell(cell: ExcelJS.Cell, block: Block, r: number, c: number, styles: StyleCache, shareStyle: boolean): void {
  const v = block.values[r]?.[c] ?? null;
  const value = xlsxCellValue(v);
  if (value !== null) cell.value = value;
  const style = styles.at(block, r, c);
  if (shareStyle) cell.style = style;
  else if (style !== EMPTY_STYLE) cell.style = { ...style };
}

// ---------------------------------------------------------------------------
// Layout (shared by the in-memory and the streaming writer)

function footerText(text: string): string {
  return text.replace(/&/g, "&&");
}

function absoluteAddress(area: Area): string {
  return `$${columnLetters(area.col)}$${area.row + 1}:$${columnLetters(area.col + area.cols - 1)}$${area.row + area.rows}`;
}

function chartNote(chart: ChartPlan): string {
  return (
    `LTC Desk: 图表「${chart.title}」只在 Excel 加载项中生成；命令行 (.xlsx, ExcelJS) 不能创建图表。数据：${areaAddress(chart.data)}。\n` +
    `The chart "${chart.title}" is created by the Excel add-in only; the command line (.xlsx, ExcelJS) cannot create charts. Data: ${areaAddress(chart.data)}.`
  );
}

type AnyWorksheet = ExcelJS.Worksheet;

function sheetOptions(plan: SheetPlan, name: string): Partial<ExcelJS.AddWorksheetOptions> {
  const options: Partial<ExcelJS.AddWorksheetOptions> = {};
  if (plan.tabColor) options.properties = { tabColor: { argb: argb(plan.tabColor) } } as ExcelJS.WorksheetProperties;
  if (plan.freeze && (plan.freeze.rows > 0 || plan.freeze.cols > 0)) {
    options.views = [
      { state: "frozen", xSplit: plan.freeze.cols, ySplit: plan.freeze.rows, topLeftCell: a1(plan.freeze.rows, plan.freeze.cols) } as ExcelJS.WorksheetView,
    ];
  }
  if (plan.print) {
    const p = plan.print;
    options.pageSetup = {
      paperSize: PAPER_A4 as ExcelJS.PaperSize,
      orientation: p.orientation,
      ...(p.fitToWidth ? { fitToPage: true, fitToWidth: 1, fitToHeight: 0 } : {}),
      // ExcelJS quotes the sheet name in the Print_Titles name without doubling an
      // apostrophe, which would corrupt the file: such sheets print without repeated rows
      ...(p.repeatRows && !name.includes("'") ? { printTitlesRow: `${p.repeatRows.first + 1}:${p.repeatRows.last + 1}` } : {}),
      ...(p.margins ? { margins: marginsInInches(p.margins) } : {}),
    };
    options.headerFooter = { oddFooter: `${p.footer ? `&C${footerText(p.footer)}` : ""}&R&P/&N` } as ExcelJS.HeaderFooter;
  }
  return options;
}

/** PrintSetup margins (cm) as ExcelJS wants them (inches, header and footer within the top and bottom margins). */
function marginsInInches(m: NonNullable<PrintSetup["margins"]>): ExcelJS.Margins {
  const inch = (cm: number) => cm / 2.54;
  return { top: inch(m.top), bottom: inch(m.bottom), left: inch(m.left), right: inch(m.right), header: inch(m.top) / 2, footer: inch(m.bottom) / 2 };
}

/** The 1-based rows a printed page ends after: a break above 0-based row r ends the page at 1-based row r. */
function breakAfterRows(plan: SheetPlan): Set<number> {
  return new Set((plan.pageBreaks ?? []).filter((r) => r > 0));
}

function writeColumns(ws: AnyWorksheet, plan: SheetPlan, hidden: number[]): void {
  (plan.columnWidths ?? []).forEach((w, i) => {
    if (w !== undefined && w !== null && Number.isFinite(w)) ws.getColumn(i + 1).width = w;
  });
  for (const c of hidden) ws.getColumn(c + 1).hidden = true;
}

function writeMerges(ws: AnyWorksheet, plan: SheetPlan): void {
  for (const m of plan.merges ?? []) {
    if (m.rows * m.cols <= 1) continue;
    ws.mergeCells(m.row + 1, m.col + 1, m.row + m.rows, m.col + m.cols);
  }
}

function writeConditionalFormats(ws: AnyWorksheet, plan: SheetPlan): void {
  (plan.conditionalFormats ?? []).forEach((cf, i) => {
    ws.addConditionalFormatting({
      ref: areaAddress(cf.area),
      rules: [
        {
          type: "dataBar",
          priority: i + 1,
          cfvo: [{ type: "min" }, { type: "max" }],
          color: { argb: argb(cf.color) },
          gradient: true,
        } as unknown as ExcelJS.ConditionalFormattingRule,
      ],
    });
  });
}

function writeValidations(ws: AnyWorksheet, validations: ResolvedListValidation[]): void {
  for (const v of validations) {
    const formula = v.inline !== undefined ? `"${v.inline.replace(/"/g, '""')}"` : absoluteAddress(v.helper!);
    const dv = { type: "list", allowBlank: true, showErrorMessage: true, formulae: [formula] } as ExcelJS.DataValidation;
    (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
      areaAddress(v.validation.area),
      dv,
    );
  }
}

// ---------------------------------------------------------------------------
// In-memory writer

/**
 * Adds one worksheet per plan to `workbook` (names made valid and unique
 * among the workbook's sheets). Save with `xlsxBuffer(workbook)`, which adds
 * what ExcelJS cannot write (calculated table columns, sheet-scoped names).
 */
export function writePlansToWorkbook(workbook: ExcelJS.Workbook, plans: readonly SheetPlan[]): XlsxRenderResult {
  const taken = workbook.worksheets.map((w) => w.name);
  const tableNames: string[] = [];
  for (const w of workbook.worksheets) for (const t of Object.keys((w as unknown as { tables: Record<string, unknown> }).tables ?? {})) tableNames.push(t);
  const result: XlsxRenderResult = { sheets: [], skippedCharts: 0 };
  const extras = FILE_EXTRAS.get(workbook) ?? { calculatedColumns: [], names: [] };
  FILE_EXTRAS.set(workbook, extras);
  // formulas are written without cached results: ask Excel to calculate on open
  workbook.calcProperties = { ...workbook.calcProperties, fullCalcOnLoad: true };
  for (const plan of plans) {
    const name = uniqueSheetName(plan.name, taken);
    taken.push(name);
    const ws = workbook.addWorksheet(name, sheetOptions(plan, name));
    const lists = resolveListValidations(plan);
    writeColumns(ws, plan, lists.helperColumns);
    for (const block of [...plan.blocks, ...lists.helperBlocks]) {
      const styles = new StyleCache(plan);
      const width = blockWidth(block);
      block.values.forEach((row, r) => {
        const wsRow = ws.getRow(block.row + r + 1);
        for (let c = 0; c < width; c++) setBlockCell(wsRow.getCell(block.col + c + 1), block, r, c, styles, false);
      });
    }
    // Excel does not grow rows to fit wrapped text when it opens a file: give them their height.
    for (const [r, points] of wrappedRowHeights(plan)) ws.getRow(r + 1).height = points;
    for (const r of breakAfterRows(plan)) ws.getRow(r).addPageBreak();
    for (const t of plan.tables ?? []) {
      const tname = uniqueTableName(t.name, tableNames);
      tableNames.push(tname);
      // calculated columns: the formula in every data row now, in the table's XML when saved (xlsxBuffer)
      for (const cf of t.columnFormulas ?? []) {
        const formula = savedFormula(cf.formula, tname);
        for (let r = 1; r < t.area.rows; r++) ws.getCell(t.area.row + r + 1, t.area.col + cf.column + 1).value = { formula } as ExcelJS.CellFormulaValue;
        extras.calculatedColumns.push({ table: tname, column: cf.column, formula });
      }
      addTable(ws, t.area, tname, t.style);
    }
    for (const n of plan.names ?? []) extras.names.push({ sheet: name, name: n.name, ref: `'${name.replace(/'/g, "''")}'!$${columnLetters(n.col)}$${n.row + 1}` });
    writeMerges(ws, plan);
    writeConditionalFormats(ws, plan);
    writeValidations(ws, lists.validations);
    for (const chart of plan.charts ?? []) {
      ws.getCell(chart.anchor.row + 1, chart.anchor.col + 1).note = chartNote(chart);
      result.skippedCharts++;
    }
    result.sheets.push({ name, ownerKey: plan.ownerKey, replaced: false });
  }
  return result;
}

/** What ExcelJS cannot write, added to the saved file by xlsxBuffer. */
interface FileExtras {
  /** a table column's formula, for <calculatedColumnFormula> (Excel fills it into rows a user adds) */
  calculatedColumns: { table: string; column: number; formula: string }[];
  /** sheet-scoped defined names (ExcelJS writes workbook-scoped ones only) */
  names: { sheet: string; name: string; ref: string }[];
}

const FILE_EXTRAS = new WeakMap<ExcelJS.Workbook, FileExtras>();

function xmlEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function xmlUnescape(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}

/**
 * The workbook as .xlsx bytes, with what ExcelJS cannot write patched into
 * its XML: each calculated column's <calculatedColumnFormula> in its table
 * part, and sheet-scoped <definedName localSheetId="…"> entries.
 */
export async function xlsxBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  const extras = FILE_EXTRAS.get(workbook);
  if (!extras || (extras.calculatedColumns.length === 0 && extras.names.length === 0)) return bytes;
  const zip = await JSZip.loadAsync(bytes);
  await addSheetScopedNames(zip, extras.names);
  for (const part of zip.file(/^xl\/tables\/[^/]+\.xml$/)) {
    const xml = await part.async("string");
    const table = xmlUnescape(/<table\b[^>]*?\bname="([^"]*)"/.exec(xml)?.[1] ?? "");
    const formulas = new Map(extras.calculatedColumns.filter((c) => c.table === table).map((c) => [c.column, c.formula]));
    if (formulas.size === 0) continue;
    let column = 0;
    const patched = xml.replace(/<tableColumn\b([^>]*?)\/>/g, (whole, attrs: string) => {
      const formula = formulas.get(column++);
      return formula === undefined ? whole : `<tableColumn${attrs}>${calculatedColumnXml(formula)}</tableColumn>`;
    });
    zip.file(part.name, patched);
  }
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

function calculatedColumnXml(formula: string): string {
  return `<calculatedColumnFormula>${xmlEscape(formula)}</calculatedColumnFormula>`;
}

/** Sheet-scoped <definedName localSheetId="…"> entries in xl/workbook.xml. */
async function addSheetScopedNames(zip: JSZip, names: FileExtras["names"]): Promise<void> {
  if (names.length === 0) return;
  const book = await zip.file("xl/workbook.xml")!.async("string");
  const sheetNames = [...book.matchAll(/<sheet\b[^>]*?\bname="([^"]*)"/g)].map((m) => xmlUnescape(m[1]));
  const defined = names.map((n) => `<definedName name="${xmlEscape(n.name)}" localSheetId="${sheetNames.indexOf(n.sheet)}">${xmlEscape(n.ref)}</definedName>`).join("");
  const patched = book.includes("</definedNames>")
    ? book.replace("</definedNames>", `${defined}</definedNames>`)
    : book.replace("</sheets>", `</sheets><definedNames>${defined}</definedNames>`);
  zip.file("xl/workbook.xml", patched);
}

/**
 * A table's column names from its header cells, as Excel needs them: a blank
 * header becomes ColumnN, a repeated one gets a number (case-insensitively).
 */
function tableColumnNames(area: Area, headerAt: (c: number) => unknown): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (let c = 0; c < area.cols; c++) {
    const raw = headerAt(c);
    let header = raw === null || raw === undefined || String(raw).trim() === "" ? `Column${c + 1}` : String(raw);
    for (let n = 2; seen.has(header.toUpperCase()); n++) header = `${String(raw ?? `Column${c + 1}`)}${n}`;
    seen.add(header.toUpperCase());
    names.push(header);
  }
  return names;
}

/** An Excel table over cells already written: header names from the header row (made unique), rows as they are. */
function addTable(ws: ExcelJS.Worksheet, area: Area, name: string, style: string | undefined): void {
  const columns: ExcelJS.TableColumnProperties[] = tableColumnNames(area, (c) => ws.getCell(area.row + 1, area.col + c + 1).value).map((header) => ({
    name: header,
    filterButton: true,
  }));
  const rows: ExcelJS.CellValue[][] = [];
  for (let r = 1; r < area.rows; r++) {
    const row: ExcelJS.CellValue[] = [];
    for (let c = 0; c < area.cols; c++) row.push(ws.getCell(area.row + r + 1, area.col + c + 1).value);
    rows.push(row);
  }
  ws.addTable({
    name,
    displayName: name,
    ref: a1(area.row, area.col),
    headerRow: true,
    style: { theme: (style ?? "TableStyleMedium2") as ExcelJS.TableStyleProperties["theme"], showRowStripes: true },
    columns,
    rows,
  });
}

// ---------------------------------------------------------------------------
// Streaming writer

/**
 * Writes the plans to a new .xlsx file, with the streaming writer unless
 * `streaming: false` asks for the in-memory one. Both write the same sheets;
 * the streaming one adds the tables, their calculated columns and the
 * sheet-scoped names to the file after ExcelJS has written it.
 */
export async function writePlansToXlsx(path: string, plans: readonly SheetPlan[], options: XlsxWriteOptions = {}): Promise<XlsxRenderResult & { streamed: boolean }> {
  if (options.streaming === false) {
    const workbook = new ExcelJS.Workbook();
    const result = writePlansToWorkbook(workbook, plans);
    await fs.promises.writeFile(path, await xlsxBuffer(workbook));
    return { ...result, streamed: false };
  }
  return { ...(await streamPlansToXlsx(path, plans)), streamed: true };
}

/** Rows committed between two turns of the event loop in the streaming writer. */
const YIELD_EVERY_ROWS = 1000;

/** A table of a streamed sheet, added to the file afterwards (ExcelJS's streaming writer cannot write tables). */
interface StreamedTable {
  /** ExcelJS's worksheet id: the sheet's part is xl/worksheets/sheet{id}.xml */
  sheetId: number;
  name: string;
  area: Area;
  style: string;
  columns: string[];
  /** calculated columns: column index in the table → formula */
  formulas: Map<number, string>;
}

/** The value a plan puts in a cell (the last block covering it wins, as in the in-memory writer). */
function planValueAt(blocks: readonly Block[], row: number, col: number): PlanValue {
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i];
    if (row < b.row || col < b.col) continue;
    const v = b.values[row - b.row]?.[col - b.col];
    if (v !== undefined) return v;
  }
  return null;
}

/**
 * ExcelJS's streaming writer drops a row without a value, and with it the
 * styles and notes of its empty cells (an empty input cell, a chart's note):
 * a row with cells we wrote is kept.
 */
function keepRowOfEmptyCells(streamedRow: ExcelJS.Row): void {
  if (!streamedRow.hasValues && streamedRow.cellCount > 0) Object.defineProperty(streamedRow, "hasValues", { value: true });
}

/** The style the plan gives a cell (that of the last block covering it, as values go). */
function styleAt(blocks: readonly Block[], styles: StyleCache, row: number, col: number): Partial<ExcelJS.Style> {
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i];
    if (row >= b.row && row < b.row + b.values.length && col >= b.col && col < b.col + blockWidth(b)) return styles.at(b, row - b.row, col - b.col);
  }
  return EMPTY_STYLE;
}

/** The streaming writer: rows are built in order and committed, so memory stays flat for any row count. */
async function streamPlansToXlsx(path: string, plans: readonly SheetPlan[]): Promise<XlsxRenderResult> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: true });
  const result: XlsxRenderResult = { sheets: [], skippedCharts: 0 };
  const taken: string[] = [];
  const tableNames: string[] = [];
  const tables: StreamedTable[] = [];
  const names: FileExtras["names"] = [];
  let hasFormulas = false;
  for (const plan of plans) {
    const name = uniqueSheetName(plan.name, taken);
    taken.push(name);
    const ws = workbook.addWorksheet(name, sheetOptions(plan, name)) as unknown as ExcelJS.Worksheet;
    const lists = resolveListValidations(plan);
    writeColumns(ws, plan, lists.helperColumns);
    writeConditionalFormats(ws, plan);
    writeValidations(ws, lists.validations);

    const blocks = [...plan.blocks, ...lists.helperBlocks].filter((b) => b.values.length > 0).sort((a, b) => a.row - b.row);
    hasFormulas ||= blocks.some((b) => b.values.some((row) => row.some((v) => v !== null && isFormula(v))));
    const notes = new Map<number, { col: number; text: string }[]>();
    const addNote = (row: number, col: number, text: string) => {
      const list = notes.get(row) ?? [];
      list.push({ col, text });
      notes.set(row, list);
    };
    for (const chart of plan.charts ?? []) {
      addNote(chart.anchor.row, chart.anchor.col, chartNote(chart));
      result.skippedCharts++;
    }
    const sheetTables: StreamedTable[] = (plan.tables ?? []).map((t) => {
      const tname = uniqueTableName(t.name, tableNames);
      tableNames.push(tname);
      const formulas = new Map((t.columnFormulas ?? []).map((cf) => [cf.column, savedFormula(cf.formula, tname)]));
      hasFormulas ||= formulas.size > 0;
      const columns = tableColumnNames(t.area, (c) => xlsxCellValue(planValueAt(blocks, t.area.row, t.area.col + c)));
      return { sheetId: (ws as unknown as { id: number }).id, name: tname, area: t.area, style: t.style ?? "TableStyleMedium2", columns, formulas };
    });
    tables.push(...sheetTables);
    for (const n of plan.names ?? []) names.push({ sheet: name, name: n.name, ref: `'${name.replace(/'/g, "''")}'!$${columnLetters(n.col)}$${n.row + 1}` });
    // merges touch their cells: declare them before any row is committed
    writeMerges(ws, plan);

    const extent = planExtent(plan);
    // a loop, not Math.max(...): a letters sheet has tens of thousands of blocks, too many arguments for one call
    let lastRow = extent.rows;
    for (const b of blocks) lastRow = Math.max(lastRow, b.row + b.values.length);
    for (const r of notes.keys()) lastRow = Math.max(lastRow, r + 1);
    for (const t of sheetTables) lastRow = Math.max(lastRow, t.area.row + t.area.rows);
    const styles = new StyleCache(plan);
    const widths = new Map<Block, number>(blocks.map((b) => [b, blockWidth(b)]));
    let next = 0; // index of the first block not yet started
    const active: Block[] = [];
    const merges = (plan.merges ?? []).filter((m) => m.rows * m.cols > 1).map((m) => ({ ...m, style: styleAt(blocks, styles, m.row, m.col) }));
    const mergesByRow = new Map<number, typeof merges>();
    for (const m of merges) for (let r = m.row; r < m.row + m.rows; r++) mergesByRow.set(r, [...(mergesByRow.get(r) ?? []), m]);
    const heights = wrappedRowHeights(plan);
    const breaks = breakAfterRows(plan);
    for (let r = 0; r < lastRow; r++) {
      // ExcelJS's streaming writer takes rows without back-pressure: let the zip stream compress and
      // write what was committed, or rows pile up in memory faster than they are written
      if (r % YIELD_EVERY_ROWS === YIELD_EVERY_ROWS - 1) await new Promise((resolve) => setImmediate(resolve));
      while (next < blocks.length && blocks[next].row <= r) active.push(blocks[next++]);
      for (let i = active.length - 1; i >= 0; i--) if (active[i].row + active[i].values.length <= r) active.splice(i, 1);
      const rowNotes = notes.get(r);
      const inTable = sheetTables.some((t) => r >= t.area.row && r < t.area.row + t.area.rows);
      if (active.length === 0 && !rowNotes && !mergesByRow.has(r) && !breaks.has(r + 1) && !inTable) continue;
      const row = ws.getRow(r + 1);
      for (const block of active) {
        const br = r - block.row;
        const width = widths.get(block)!;
        for (let c = 0; c < width; c++) setBlockCell(row.getCell(block.col + c + 1), block, br, c, styles, true);
      }
      // the in-memory writer's mergeCells gives the covered cells the first cell's style (its borders frame the area)
      for (const m of mergesByRow.get(r) ?? []) {
        for (let c = m.col; c < m.col + m.cols; c++) if (r !== m.row || c !== m.col) row.getCell(c + 1).style = m.style;
      }
      for (const t of sheetTables) writeTableCells(row, r, t);
      for (const n of rowNotes ?? []) row.getCell(n.col + 1).note = n.text;
      keepRowOfEmptyCells(row);
      const height = heights.get(r);
      if (height !== undefined) row.height = height;
      if (breaks.has(r + 1)) row.addPageBreak();
      row.commit();
    }
    (ws as unknown as { commit(): void }).commit();
    result.sheets.push({ name, ownerKey: plan.ownerKey, replaced: false });
  }
  await workbook.commit();
  if (tables.length > 0 || names.length > 0 || hasFormulas) await completeStreamedFile(path, tables, names, hasFormulas);
  return result;
}

/**
 * What a table puts in a streamed row, as ExcelJS's addTable does in memory:
 * the column names in its header cells, its calculated columns' formula in
 * each data row.
 */
function writeTableCells(row: ExcelJS.Row, r: number, t: StreamedTable): void {
  if (r === t.area.row) {
    t.columns.forEach((header, c) => (row.getCell(t.area.col + c + 1).value = header));
  } else if (r > t.area.row && r < t.area.row + t.area.rows) {
    for (const [c, formula] of t.formulas) row.getCell(t.area.col + c + 1).value = { formula } as ExcelJS.CellFormulaValue;
  }
}

const TABLE_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table";
const TABLE_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml";

/** A table part as Excel writes it: autofilter, columns (with calculated formulas) and style. */
function tableXml(t: StreamedTable, id: number): string {
  const ref = areaAddress(t.area);
  const columns = t.columns
    .map((header, c) => {
      const formula = t.formulas.get(c);
      const attrs = `id="${c + 1}" name="${xmlEscape(header)}"`;
      return formula === undefined ? `<tableColumn ${attrs}/>` : `<tableColumn ${attrs}>${calculatedColumnXml(formula)}</tableColumn>`;
    })
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${id}" name="${xmlEscape(t.name)}" displayName="${xmlEscape(t.name)}" ref="${ref}" headerRowCount="1" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${t.columns.length}">${columns}</tableColumns>` +
    `<tableStyleInfo name="${xmlEscape(t.style)}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

/**
 * Adds to a file ExcelJS's streaming writer has written what that writer
 * cannot: table parts (with their relationships, content types and the
 * sheets' <tableParts>), sheet-scoped names, and the request to calculate
 * formulas on open (they are written without cached results). Only the small
 * parts are rewritten: untouched entries keep their compressed bytes, and a
 * sheet's XML is read only when it has a table.
 */
async function completeStreamedFile(path: string, tables: readonly StreamedTable[], names: FileExtras["names"], calculateOnLoad: boolean): Promise<void> {
  const zip = await JSZip.loadAsync(await fs.promises.readFile(path));
  await addSheetScopedNames(zip, names);
  if (calculateOnLoad) {
    const book = await zip.file("xl/workbook.xml")!.async("string");
    zip.file("xl/workbook.xml", book.replace(/<calcPr\b(?![^>]*fullCalcOnLoad)/, '<calcPr fullCalcOnLoad="1"'));
  }
  let types = await zip.file("[Content_Types].xml")!.async("string");
  const sheetIds = [...new Set(tables.map((t) => t.sheetId))];
  let tableId = 0;
  for (const sheetId of sheetIds) {
    const relsPath = `xl/worksheets/_rels/sheet${sheetId}.xml.rels`;
    let rels =
      (await zip.file(relsPath)?.async("string")) ??
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
    const parts: string[] = [];
    for (const t of tables.filter((x) => x.sheetId === sheetId)) {
      tableId++;
      const rId = `rIdLtcTable${tableId}`;
      zip.file(`xl/tables/table${tableId}.xml`, tableXml(t, tableId));
      rels = rels.replace("</Relationships>", `<Relationship Id="${rId}" Type="${TABLE_RELATIONSHIP}" Target="../tables/table${tableId}.xml"/></Relationships>`);
      types = types.replace("</Types>", `<Override PartName="/xl/tables/table${tableId}.xml" ContentType="${TABLE_CONTENT_TYPE}"/></Types>`);
      parts.push(`<tablePart r:id="${rId}"/>`);
    }
    zip.file(relsPath, rels);
    const sheetPath = `xl/worksheets/sheet${sheetId}.xml`;
    const sheet = await zip.file(sheetPath)!.async("string");
    // <tableParts> is the last child of <worksheet> but for the worksheet's own <extLst>
    // (data bars): that one closes the sheet, and holds no <extLst> of its own
    const end = sheet.lastIndexOf("</worksheet>");
    const at = sheet.slice(0, end).endsWith("</extLst>") ? sheet.lastIndexOf("<extLst", end) : end;
    zip.file(sheetPath, `${sheet.slice(0, at)}<tableParts count="${parts.length}">${parts.join("")}</tableParts>${sheet.slice(at)}`);
  }
  zip.file("[Content_Types].xml", types);
  await fs.promises.writeFile(path, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

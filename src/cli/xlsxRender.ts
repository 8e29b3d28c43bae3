import * as fs from "fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import {
  a1,
  Area,
  areaAddress,
  Block,
  blockWidth,
  CellStyle,
  isFormula,
  PlanValue,
  resolveListValidations,
  ResolvedListValidation,
  savedFormula,
  SheetPlan,
  uniqueSheetName,
  uniqueTableName,
  wrappedRowHeights,
} from "../reports/sheetplan";
import {
  argb,
  BORDER_COLOR,
  breakAfterRows,
  chartNote,
  INPUT_FILL,
  marginsInInches,
  namedCellRef,
  PAPER_A4,
  printFooter,
  quotedSheetName,
  StyleCache,
  tableColumnNames,
  validationFormula,
  writeXlsxFile,
  xlsxText,
  xmlEscape,
  XlsxRenderResult,
} from "./xlsxWriter";

/**
 * Renders SheetPlans to .xlsx (Node only): the same plans the Office.js
 * renderer writes, so the command line and the add-in produce the same sheets.
 *
 * - Files are written by our own streaming SpreadsheetML writer (xlsxWriter.ts):
 *   row by row, in constant memory, tables, calculated columns, sheet-scoped
 *   names and print titles included, in one pass.
 * - The in-memory writer here (writePlansToWorkbook, ExcelJS) is for sheets
 *   added to a workbook that is being built (demo, rules); xlsxBuffer saves
 *   it, adding what ExcelJS cannot write (calculated table columns,
 *   sheet-scoped names). `streaming: false` writes a file with it.
 * - A string is always a string cell, never a formula: only our own
 *   FormulaValue becomes one. Text is stored with xlsxText's escapes.
 * - Charts are not drawn: the chart's anchor cell gets a note saying so, and
 *   the result counts the skipped charts.
 * - Ownership markers are not written; a name already taken gets a " (2)"
 *   suffix, no sheet is ever replaced.
 */

export type { XlsxRenderedSheet, XlsxRenderResult } from "./xlsxWriter";
export { xlsxText } from "./xlsxWriter";

export interface XlsxWriteOptions {
  /** false: the in-memory writer (ExcelJS's Workbook) instead of the streaming one (default) */
  streaming?: boolean;
}

// ---------------------------------------------------------------------------
// Values and styles

/** A plan value as an ExcelJS cell value. */
export function xlsxCellValue(v: PlanValue): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (isFormula(v)) return { formula: savedFormula(v) } as ExcelJS.CellFormulaValue;
  if (typeof v === "number") return Number.isFinite(v) ? v : "#NUM!";
  if (typeof v === "boolean") return v;
  return xlsxText(String(v));
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

/** The style of an unstyled cell, one object for all of them (never mutated). */
const EMPTY_STYLE: Partial<ExcelJS.Style> = Object.freeze({});

/** The converted ExcelJS style of a CellStyle; every unstyled cell shares EMPTY_STYLE. */
function cachedStyle(style: CellStyle): Partial<ExcelJS.Style> {
  const converted = xlsxStyle(style);
  return Object.keys(converted).length > 0 ? converted : EMPTY_STYLE;
}

/**
 * Writes one plan cell. Each cell gets a copy of the cached style, since
 * ExcelJS mutates a cell's style object in place on later edits (a table over
 * the cells, a note).
 */
function setBlockCell(cell: ExcelJS.Cell, block: Block, r: number, c: number, styles: StyleCache<Partial<ExcelJS.Style>>): void {
  const v = block.values[r]?.[c] ?? null;
  const value = xlsxCellValue(v);
  if (value !== null) cell.value = value;
  const style = styles.at(block, r, c);
  if (style !== EMPTY_STYLE) cell.style = { ...style };
}

// ---------------------------------------------------------------------------
// Layout

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
      // apostrophe, which would corrupt the file: such a sheet's titles are added by xlsxBuffer
      ...(p.repeatRows && !name.includes("'") ? { printTitlesRow: `${p.repeatRows.first + 1}:${p.repeatRows.last + 1}` } : {}),
      ...(p.margins ? { margins: marginsInInches(p.margins) } : {}),
    };
    options.headerFooter = { oddFooter: printFooter(p) } as ExcelJS.HeaderFooter;
  }
  return options;
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
    const dv = { type: "list", allowBlank: true, showErrorMessage: true, formulae: [validationFormula(v)] } as ExcelJS.DataValidation;
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
      const styles = new StyleCache(plan, cachedStyle);
      const width = blockWidth(block);
      block.values.forEach((row, r) => {
        const wsRow = ws.getRow(block.row + r + 1);
        for (let c = 0; c < width; c++) setBlockCell(wsRow.getCell(block.col + c + 1), block, r, c, styles);
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
    for (const n of plan.names ?? []) extras.names.push({ sheet: name, name: n.name, ref: namedCellRef(name, n.row, n.col) });
    const titles = plan.print?.repeatRows;
    if (titles && name.includes("'")) extras.names.push({ sheet: name, name: "_xlnm.Print_Titles", ref: `${quotedSheetName(name)}!$${titles.first + 1}:$${titles.last + 1}` });
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
// Files

/**
 * Writes the plans to a new .xlsx file, with the streaming writer
 * (xlsxWriter.ts) unless `streaming: false` asks for the in-memory one. Both
 * write the same sheets.
 */
export async function writePlansToXlsx(path: string, plans: readonly SheetPlan[], options: XlsxWriteOptions = {}): Promise<XlsxRenderResult & { streamed: boolean }> {
  if (options.streaming === false) {
    const workbook = new ExcelJS.Workbook();
    const result = writePlansToWorkbook(workbook, plans);
    await fs.promises.writeFile(path, await xlsxBuffer(workbook));
    return { ...result, streamed: false };
  }
  return { ...(await writeXlsxFile(path, plans)), streamed: true };
}

import * as fs from "fs";
import { Readable } from "stream";
import * as yazl from "yazl";
import {
  a1,
  Area,
  areaAddress,
  Block,
  blockCellStyle,
  blockRow,
  blockRowCount,
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
 * Writes SheetPlans straight to an .xlsx file (SpreadsheetML, ECMA-376 Part 1)
 * in one pass: each sheet's XML is generated in ~64 KB chunks that the zip
 * writer (yazl) pulls as it compresses, so a million-row sheet never sits in
 * memory and nothing is rewritten afterwards. Issue 10: ExcelJS's streaming
 * writer spends most of its time reconciling a style object per cell and
 * building XML through its generic xforms; this writer knows every style up
 * front (one cell format per column kind) and writes strings.
 *
 * Strings go to the shared-string table (t="s"), not inline (t="inlineStr",
 * XlsxWriter's constant_memory choice): ExcelJS's in-memory reader, which the
 * CLI and its tests use, decodes the _xHHHH_ escapes (CR, control characters)
 * only in the shared-string table, and its streaming reader entity-decodes
 * inline text a second time ("&amp;lt;" would come back "<"). The table holds
 * each distinct string once (an aging detail's customers repeat), and cells
 * refer to it by number, which makes the sheet XML shorter to compress.
 */

export interface XlsxRenderedSheet {
  name: string;
  ownerKey: string;
  /** always false: the .xlsx writer never replaces a sheet */
  replaced: false;
}

export interface XlsxRenderResult {
  sheets: XlsxRenderedSheet[];
  /** charts in the plans that could not be drawn in the file (a note marks each) */
  skippedCharts: number;
}

// ---------------------------------------------------------------------------
// Shared with the in-memory (ExcelJS) writer in xlsxRender.ts

/** Fill of input cells (same as the Office.js renderer). */
export const INPUT_FILL = "#FFF2CC";
export const BORDER_COLOR = "FF808080";
/** Paper size code for A4 (ECMA-376 Part 1, 18.3.1.63 pageSetup, paperSize). */
export const PAPER_A4 = 9;

/**
 * Characters XML 1.0 does not allow (§2.2 Char), which Excel itself stores as
 * the escape _xHHHH_ (ECMA-376 Part 1, 22.9.2.19 ST_Xstring).
 */
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * Text as stored in the file: CR as the OOXML escape _x000D_ (XML parsers
 * turn a raw CR into LF), a character XML forbids as its _xHHHH_ escape, and
 * an existing "_xHHHH_" escaped as "_x005F_xHHHH_" so readers do not decode it.
 */
export function xlsxText(text: string): string {
  // most text has none of these: no replacing for it
  // eslint-disable-next-line no-control-regex
  if (!/[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]|_x/.test(text)) return text;
  return text
    .replace(/_x[0-9A-Fa-f]{4}_/g, (m) => `_x005F${m}`)
    .replace(/\r/g, "_x000D_")
    .replace(XML_FORBIDDEN, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
}

/** "#RRGGBB" as ARGB, opaque. */
export function argb(hex: string): string {
  return `FF${hex.replace(/^#/, "").toUpperCase()}`;
}

/** An Excel footer's text: "&" starts a code there, "&&" is a literal one. */
export function footerText(text: string): string {
  return text.replace(/&/g, "&&");
}

/** The footer every printed plan gets: its text centred, "page/pages" right. */
export function printFooter(print: PrintSetup): string {
  return `${print.footer ? `&C${footerText(print.footer)}` : ""}&R&P/&N`;
}

export function absoluteAddress(area: Area): string {
  return `$${columnLetters(area.col)}$${area.row + 1}:$${columnLetters(area.col + area.cols - 1)}$${area.row + area.rows}`;
}

/** The note left at a chart's anchor cell: no .xlsx writer of ours draws charts. */
export function chartNote(chart: ChartPlan): string {
  return (
    `LTC Desk: 图表「${chart.title}」只在 Excel 加载项中生成；命令行 (.xlsx) 不能创建图表。数据：${areaAddress(chart.data)}。\n` +
    `The chart "${chart.title}" is created by the Excel add-in only; the command line (.xlsx) cannot create charts. Data: ${areaAddress(chart.data)}.`
  );
}

/** Page margins in inches (PrintSetup has cm), the header and footer halfway into the top and bottom margins. */
export function marginsInInches(m: NonNullable<PrintSetup["margins"]>): { top: number; bottom: number; left: number; right: number; header: number; footer: number } {
  const inch = (cm: number) => cm / 2.54;
  return { top: inch(m.top), bottom: inch(m.bottom), left: inch(m.left), right: inch(m.right), header: inch(m.top) / 2, footer: inch(m.bottom) / 2 };
}

/** The 1-based rows a printed page ends after: a break above 0-based row r ends the page at 1-based row r. */
export function breakAfterRows(plan: SheetPlan): Set<number> {
  return new Set((plan.pageBreaks ?? []).filter((r) => r > 0));
}

/** A sheet name in a formula or defined name: always quoted, an apostrophe doubled. */
export function quotedSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** A sheet-scoped name's reference to its cell. */
export function namedCellRef(sheet: string, row: number, col: number): string {
  return `${quotedSheetName(sheet)}!$${columnLetters(col)}$${row + 1}`;
}

/** A list validation's formula: the quoted inline list, or the helper cells. */
export function validationFormula(v: ResolvedListValidation): string {
  return v.inline !== undefined ? `"${v.inline.replace(/"/g, '""')}"` : absoluteAddress(v.helper!);
}

/**
 * A table's column names from its header cells, as Excel needs them: a blank
 * header becomes ColumnN, a repeated one gets a number (case-insensitively).
 */
export function tableColumnNames(area: Area, headerAt: (c: number) => unknown): string[] {
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

/**
 * The converted styles of one sheet, one per combination of block, column and
 * row style names (a column kind), converted once and handed to every cell of
 * that kind. Lookups go through nested maps, so a cell costs no allocation.
 */
export class StyleCache<T> {
  private cache = new Map<string | undefined, Map<string | undefined, Map<string | undefined, T>>>();
  constructor(
    private plan: SheetPlan,
    private convert: (style: CellStyle) => T,
  ) {}
  at(block: Block, r: number, c: number): T {
    const columnName = block.columnStyles?.[c];
    const rowName = block.rowStyles?.[r];
    let byColumn = this.cache.get(block.style);
    if (!byColumn) this.cache.set(block.style, (byColumn = new Map()));
    let byRow = byColumn.get(columnName);
    if (!byRow) byColumn.set(columnName, (byRow = new Map()));
    let style = byRow.get(rowName);
    if (style === undefined) {
      style = this.convert(blockCellStyle(this.plan, block, r, c));
      byRow.set(rowName, style);
    }
    return style;
  }
}

// ---------------------------------------------------------------------------
// XML

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;
const REL = {
  officeDocument: `${REL_NS}/officeDocument`,
  worksheet: `${REL_NS}/worksheet`,
  styles: `${REL_NS}/styles`,
  sharedStrings: `${REL_NS}/sharedStrings`,
  table: `${REL_NS}/table`,
  comments: `${REL_NS}/comments`,
  vmlDrawing: `${REL_NS}/vmlDrawing`,
  extendedProperties: `${REL_NS}/extended-properties`,
  coreProperties: "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
};
const CONTENT_TYPE = {
  workbook: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  sharedStrings: "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
  comments: "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
  vml: "application/vnd.openxmlformats-officedocument.vmlDrawing",
  core: "application/vnd.openxmlformats-package.core-properties+xml",
  app: "application/vnd.openxmlformats-officedocument.extended-properties+xml",
};

/**
 * XML-escaped text or attribute value (attributes are always in double quotes,
 * so an apostrophe stays as it is); characters XML 1.0 forbids are dropped (as
 * ExcelJS drops them).
 */
export function xmlEscape(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(text)) return text;
  return text
    .replace(XML_FORBIDDEN, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Text content, with xml:space="preserve" where leading or trailing spaces or line breaks would otherwise be trimmed. */
function textElement(text: string): string {
  const escaped = xmlEscape(text);
  return /^\s|\s$/.test(text) ? `<t xml:space="preserve">${escaped}</t>` : `<t>${escaped}</t>`;
}

function relationships(rels: { id: string; type: string; target: string }[]): string {
  return `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">${rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${xmlEscape(r.target)}"/>`).join("")}</Relationships>`;
}

// ---------------------------------------------------------------------------
// Styles (xl/styles.xml)

/** Format codes Excel knows by number (ECMA-376 Part 1, 18.8.30 numFmt); others get ids from 164. */
const BUILT_IN_FORMATS: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "@": 49,
};
const FIRST_CUSTOM_FORMAT = 164;
/** The default font, as ExcelJS and Excel write it (font 0, used by every cell that sets no font). */
const DEFAULT_FONT = `<font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>`;

/**
 * The workbook's cell formats: each distinct CellStyle is one <xf> (one per
 * column kind of a sheet), its font, fill and border deduplicated by their XML.
 * Cell format 0 is the unstyled cell's.
 */
class StyleSheet {
  private numFmts = new Map<string, number>();
  private fonts = new Map<string, number>([[DEFAULT_FONT, 0]]);
  private fills = new Map<string, number>([
    [`<fill><patternFill patternType="none"/></fill>`, 0],
    [`<fill><patternFill patternType="gray125"/></fill>`, 1],
  ]);
  private borders = new Map<string, number>([[`<border><left/><right/><top/><bottom/><diagonal/></border>`, 0]]);
  private xfs = new Map<string, number>([[`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`, 0]]);

  /** The cell format index of a style (0 for a style that sets nothing). */
  xfOf(style: CellStyle): number {
    let attrs = "";
    let inner = "";
    const numFmtId = style.numberFormat !== undefined ? this.numFmtId(style.numberFormat) : 0;
    const fontId = this.fontId(style);
    const fill = style.fill ?? (style.input ? INPUT_FILL : undefined);
    const fillId = fill !== undefined ? idIn(this.fills, `<fill><patternFill patternType="solid"><fgColor rgb="${argb(fill)}"/></patternFill></fill>`) : 0;
    const borderSide = (side: string) => `<${side} style="thin"><color rgb="${BORDER_COLOR}"/></${side}>`;
    const borderId = style.border ? idIn(this.borders, `<border>${borderSide("left")}${borderSide("right")}${borderSide("top")}${borderSide("bottom")}<diagonal/></border>`) : 0;
    if (numFmtId) attrs += ` applyNumberFormat="1"`;
    if (fontId) attrs += ` applyFont="1"`;
    if (fillId) attrs += ` applyFill="1"`;
    if (borderId) attrs += ` applyBorder="1"`;
    let alignment = "";
    if (style.hAlign !== undefined) alignment += ` horizontal="${style.hAlign}"`;
    if (style.vAlign !== undefined) alignment += ` vertical="${style.vAlign}"`;
    if (style.wrap) alignment += ` wrapText="1"`;
    if (alignment) {
      attrs += ` applyAlignment="1"`;
      inner += `<alignment${alignment}/>`;
    }
    if (style.input !== undefined) {
      // cells are locked by default (18.8.33 protection): only an input cell says otherwise
      attrs += ` applyProtection="1"`;
      if (style.input) inner += `<protection locked="0"/>`;
    }
    if (!numFmtId && !fontId && !fillId && !borderId && !inner && style.input === undefined) return 0;
    const head = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${attrs}`;
    return idIn(this.xfs, inner ? `${head}>${inner}</xf>` : `${head}/>`);
  }

  private numFmtId(code: string): number {
    const builtIn = BUILT_IN_FORMATS[code];
    if (builtIn !== undefined) return builtIn;
    let id = this.numFmts.get(code);
    if (id === undefined) this.numFmts.set(code, (id = FIRST_CUSTOM_FORMAT + this.numFmts.size));
    return id;
  }

  /** Only what the style sets: a font that sets only bold keeps the default's size and face (as ExcelJS writes it). */
  private fontId(style: CellStyle): number {
    let font = "";
    if (style.bold !== undefined) font += style.bold ? "<b/>" : `<b val="0"/>`;
    if (style.italic !== undefined) font += style.italic ? "<i/>" : `<i val="0"/>`;
    if (style.fontSize !== undefined) font += `<sz val="${style.fontSize}"/>`;
    if (style.fontColor !== undefined) font += `<color rgb="${argb(style.fontColor)}"/>`;
    return font ? idIn(this.fonts, `<font>${font}</font>`) : 0;
  }

  xml(): string {
    const list = (tag: string, items: Map<string, number>, extra = "") => `<${tag} count="${items.size}"${extra}>${[...items.keys()].join("")}</${tag}>`;
    const numFmts =
      this.numFmts.size > 0
        ? `<numFmts count="${this.numFmts.size}">${[...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlEscape(code)}"/>`).join("")}</numFmts>`
        : "";
    return (
      `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">${numFmts}${list("fonts", this.fonts)}${list("fills", this.fills)}${list("borders", this.borders)}` +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>${list("cellXfs", this.xfs)}` +
      `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/>` +
      `<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`
    );
  }
}

/** The index of `key` in an insertion-ordered map of distinct XML fragments, adding it if new. */
function idIn(map: Map<string, number>, key: string): number {
  let id = map.get(key);
  if (id === undefined) map.set(key, (id = map.size));
  return id;
}

// ---------------------------------------------------------------------------
// Shared strings (xl/sharedStrings.xml)

class SharedStrings {
  private index = new Map<string, number>();
  private count = 0;
  /** The index of text (already xlsxText-escaped). */
  of(text: string): number {
    let i = this.index.get(text);
    if (i === undefined) this.index.set(text, (i = this.index.size));
    this.count++;
    return i;
  }
  get size(): number {
    return this.index.size;
  }
  *xml(): Generator<string> {
    yield `${XML_HEAD}<sst xmlns="${MAIN_NS}" count="${this.count}" uniqueCount="${this.index.size}">`;
    let chunk = "";
    for (const text of this.index.keys()) {
      chunk += `<si>${textElement(text)}</si>`;
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = "";
      }
    }
    yield `${chunk}</sst>`;
  }
}

// ---------------------------------------------------------------------------
// Sheets

/** Characters of XML generated before handing a chunk to the zip stream (~64 KB). */
const CHUNK_CHARS = 64 * 1024;
/** Bytes of sheet XML made ahead of the compressor. */
const READ_AHEAD = 1024 * 1024;
/**
 * Deflate level of the sheet parts. zlib's default (6) costs about as much CPU
 * as making the XML; 3 costs half of that for files ~10% larger (2.2 M cells:
 * 11.3 MB against 10.2 MB, still smaller than ExcelJS's 13.5 MB; npm run bench:writer).
 */
const COMPRESSION_LEVEL = 3;

/** Everything about a sheet that is known before its rows are written. */
interface PreparedSheet {
  plan: SheetPlan;
  name: string;
  /** 1-based sheet number: xl/worksheets/sheet{n}.xml */
  n: number;
  blocks: Block[];
  lists: ReturnType<typeof resolveListValidations>;
  tables: { id: number; name: string; area: Area; style: string; columns: string[]; formulas: Map<number, string> }[];
  notes: { row: number; col: number; text: string }[];
  /** comments part number, when the sheet has notes */
  commentsN?: number;
}

function prepareSheet(plan: SheetPlan, name: string, n: number, tableNames: string[], firstTableId: number): PreparedSheet {
  const lists = resolveListValidations(plan);
  // blocks in row order (stable: of two blocks on a cell, the later one wins, as in the in-memory writer)
  const blocks = [...plan.blocks, ...lists.helperBlocks].filter((b) => blockRowCount(b) > 0).sort((a, b) => a.row - b.row);
  let id = firstTableId;
  const tables = (plan.tables ?? []).map((t) => {
    const tname = uniqueTableName(t.name, tableNames);
    tableNames.push(tname);
    const formulas = new Map((t.columnFormulas ?? []).map((cf) => [cf.column, savedFormula(cf.formula, tname)]));
    const columns = tableColumnNames(t.area, (c) => {
      const v = planValueAt(blocks, t.area.row, t.area.col + c);
      return v === null ? null : isFormula(v) ? savedFormula(v) : typeof v === "number" && !Number.isFinite(v) ? "#NUM!" : String(v);
    });
    return { id: id++, name: tname, area: t.area, style: t.style ?? "TableStyleMedium2", columns, formulas };
  });
  const notes = (plan.charts ?? []).map((chart) => ({ row: chart.anchor.row, col: chart.anchor.col, text: chartNote(chart) }));
  return { plan, name, n, blocks, lists, tables, notes };
}

/** The value a plan puts in a cell (the last block covering it wins, as in the in-memory writer). */
function planValueAt(blocks: readonly Block[], row: number, col: number): PlanValue {
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i];
    if (row < b.row || col < b.col || row >= b.row + blockRowCount(b)) continue;
    const v = blockRow(b, row - b.row)?.[col - b.col];
    if (v !== undefined && v !== null) return v;
  }
  return null;
}

function sheetPrXml(plan: SheetPlan): string {
  const tab = plan.tabColor ? `<tabColor rgb="${argb(plan.tabColor)}"/>` : "";
  const fit = plan.print?.fitToWidth ? `<pageSetUpPr fitToPage="1"/>` : "";
  return tab || fit ? `<sheetPr>${tab}${fit}</sheetPr>` : "";
}

function sheetViewsXml(plan: SheetPlan): string {
  const f = plan.freeze;
  if (!f || (f.rows <= 0 && f.cols <= 0)) return "";
  const pane = f.rows > 0 && f.cols > 0 ? "bottomRight" : f.rows > 0 ? "bottomLeft" : "topRight";
  const split = `${f.cols > 0 ? ` xSplit="${f.cols}"` : ""}${f.rows > 0 ? ` ySplit="${f.rows}"` : ""}`;
  return (
    `<sheetViews><sheetView workbookViewId="0"><pane${split} topLeftCell="${a1(Math.max(0, f.rows), Math.max(0, f.cols))}" activePane="${pane}" state="frozen"/>` +
    `<selection pane="${pane}"/></sheetView></sheetViews>`
  );
}

function colsXml(plan: SheetPlan, hidden: number[]): string {
  const cols = new Map<number, { width?: number; hidden?: boolean }>();
  (plan.columnWidths ?? []).forEach((w, i) => {
    if (w !== undefined && w !== null && Number.isFinite(w)) cols.set(i, { width: w });
  });
  for (const c of hidden) cols.set(c, { ...cols.get(c), hidden: true });
  if (cols.size === 0) return "";
  const xml = [...cols.keys()]
    .sort((a, b) => a - b)
    .map((c) => {
      const col = cols.get(c)!;
      const width = col.width !== undefined ? ` width="${col.width}" customWidth="1"` : ` width="9.140625"`;
      return `<col min="${c + 1}" max="${c + 1}"${width}${col.hidden ? ` hidden="1"` : ""}/>`;
    })
    .join("");
  return `<cols>${xml}</cols>`;
}

/** What follows <sheetData>, in the order CT_Worksheet requires (ECMA-376 Part 1, 18.3.1.99). */
function sheetTailXml(sheet: PreparedSheet): string {
  const { plan } = sheet;
  let xml = "";
  const merges = (plan.merges ?? []).filter((m) => m.rows * m.cols > 1);
  if (merges.length > 0) xml += `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${areaAddress(m)}"/>`).join("")}</mergeCells>`;
  // data bars as ExcelJS writes them (the x14 ext with an empty id, which Excel accepts)
  (plan.conditionalFormats ?? []).forEach((cf, i) => {
    xml +=
      `<conditionalFormatting sqref="${areaAddress(cf.area)}"><cfRule type="dataBar" priority="${i + 1}"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="${argb(cf.color)}"/></dataBar>` +
      `<extLst><ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:id/></ext></extLst></cfRule></conditionalFormatting>`;
  });
  const validations = sheet.lists.validations;
  if (validations.length > 0) {
    xml += `<dataValidations count="${validations.length}">`;
    for (const v of validations) {
      xml += `<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="${areaAddress(v.validation.area)}"><formula1>${xmlEscape(validationFormula(v))}</formula1></dataValidation>`;
    }
    xml += `</dataValidations>`;
  }
  const p = plan.print;
  const m = p?.margins ? marginsInInches(p.margins) : { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };
  xml += `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>`;
  if (p) {
    const fit = p.fitToWidth ? ` fitToWidth="1" fitToHeight="0"` : "";
    xml += `<pageSetup paperSize="${PAPER_A4}" orientation="${p.orientation}"${fit}/>`;
    xml += `<headerFooter><oddFooter>${xmlEscape(printFooter(p))}</oddFooter></headerFooter>`;
  } else {
    // what Excel and ExcelJS write for a sheet nobody set up for printing
    xml += `<pageSetup orientation="portrait"/>`;
  }
  const breaks = [...breakAfterRows(plan)].sort((a, b) => a - b);
  if (breaks.length > 0) {
    xml += `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${breaks.map((r) => `<brk id="${r}" max="16383" man="1"/>`).join("")}</rowBreaks>`;
  }
  if (sheet.notes.length > 0) xml += `<legacyDrawing r:id="rIdVml"/>`;
  if (sheet.tables.length > 0) xml += `<tableParts count="${sheet.tables.length}">${sheet.tables.map((t) => `<tablePart r:id="rIdTable${t.id}"/>`).join("")}</tableParts>`;
  return xml;
}

/** Per-sheet cell writer state: styles, strings and the XML of one cell. */
class CellWriter {
  private styleIds: StyleCache<number>;
  constructor(
    plan: SheetPlan,
    styles: StyleSheet,
    private strings: SharedStrings,
  ) {
    this.styleIds = new StyleCache(plan, (s) => styles.xfOf(s));
  }
  styleAt(block: Block, r: number, c: number): number {
    return this.styleIds.at(block, r, c);
  }
  private rowStyleCache = new Map<Block, Map<string | undefined, number[]>>();
  /** The cell format of every cell of a block's row r: one array for all the rows of a row style. */
  rowStyleIds(block: Block, r: number, width: number): number[] {
    const rowName = block.rowStyles?.[r];
    let byRow = this.rowStyleCache.get(block);
    if (!byRow) this.rowStyleCache.set(block, (byRow = new Map()));
    let ids = byRow.get(rowName);
    if (!ids) {
      ids = [];
      for (let c = 0; c < width; c++) ids.push(this.styleAt(block, r, c));
      byRow.set(rowName, ids);
    }
    return ids;
  }
  /** A <c> element, or "" for a cell with neither value nor style. */
  cell(ref: string, value: PlanValue | undefined, style: number): string {
    const s = style ? ` s="${style}"` : "";
    if (value === null || value === undefined) return style ? `<c r="${ref}"${s}/>` : "";
    switch (typeof value) {
      case "number":
        // a non-finite number has no place in a number cell: the text "#NUM!", as the in-memory writer stores it
        return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : `<c r="${ref}"${s} t="s"><v>${this.strings.of("#NUM!")}</v></c>`;
      case "boolean":
        return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
      case "string":
        return `<c r="${ref}"${s} t="s"><v>${this.strings.of(xlsxText(value))}</v></c>`;
      default:
        // only our own FormulaValue is a formula; written without a cached value (calcPr fullCalcOnLoad)
        if (isFormula(value)) return this.formula(ref, savedFormula(value), style);
        return `<c r="${ref}"${s} t="s"><v>${this.strings.of(xlsxText(String(value)))}</v></c>`;
    }
  }
  formula(ref: string, formula: string, style: number): string {
    return `<c r="${ref}"${style ? ` s="${style}"` : ""}><f>${xmlEscape(formula)}</f></c>`;
  }
}

/** A sheet part's XML, in chunks, generated as the zip stream asks for them. */
function* sheetXml(sheet: PreparedSheet, styles: StyleSheet, strings: SharedStrings): Generator<string> {
  const { plan, blocks } = sheet;
  const extent = planExtent(plan);
  let lastRow = extent.rows;
  let lastCol = extent.cols;
  // a loop, not Math.max(...): a letters sheet has tens of thousands of blocks, too many arguments for one call
  for (const b of blocks) {
    lastRow = Math.max(lastRow, b.row + blockRowCount(b));
    lastCol = Math.max(lastCol, b.col + blockWidth(b));
  }
  for (const n of sheet.notes) {
    lastRow = Math.max(lastRow, n.row + 1);
    lastCol = Math.max(lastCol, n.col + 1);
  }
  const dimension = lastRow > 0 && lastCol > 0 ? `<dimension ref="A1:${a1(lastRow - 1, lastCol - 1)}"/>` : `<dimension ref="A1"/>`;
  yield `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${sheetPrXml(plan)}${dimension}${sheetViewsXml(plan)}` +
    `<sheetFormatPr defaultRowHeight="15"/>${colsXml(plan, sheet.lists.helperColumns)}<sheetData>`;

  const cells = new CellWriter(plan, styles, strings);
  const letters: string[] = [];
  for (let c = 0; c < lastCol; c++) letters.push(columnLetters(c));
  const widths = blocks.map(blockWidth);
  const heights = wrappedRowHeights(plan);
  // the in-memory writer's mergeCells gives the covered cells the first cell's style (its borders frame the area)
  const coveredStyle = new Map<number, { from: number; to: number; style: number }[]>();
  for (const m of plan.merges ?? []) {
    if (m.rows * m.cols <= 1) continue;
    let style = 0;
    for (let i = blocks.length - 1; i >= 0; i--) {
      const b = blocks[i];
      if (m.row >= b.row && m.row < b.row + blockRowCount(b) && m.col >= b.col && m.col < b.col + widths[i]) {
        style = cells.styleAt(b, m.row - b.row, m.col - b.col);
        break;
      }
    }
    for (let r = m.row; r < m.row + m.rows; r++) {
      const list = coveredStyle.get(r) ?? [];
      list.push({ from: r === m.row ? m.col + 1 : m.col, to: m.col + m.cols - 1, style });
      coveredStyle.set(r, list);
    }
  }

  // one row's cells by column: value and style of the last block covering each
  const rowValues: (PlanValue | undefined)[] = new Array(lastCol);
  const rowStyles: number[] = new Array(lastCol).fill(-1);
  const rowFormulas: (string | undefined)[] = new Array(lastCol);
  let next = 0;
  const active: number[] = [];
  let chunk = "";
  for (let r = 0; r < lastRow; r++) {
    while (next < blocks.length && blocks[next].row <= r) active.push(next++);
    for (let i = active.length - 1; i >= 0; i--) if (blocks[active[i]].row + blockRowCount(blocks[active[i]]) <= r) active.splice(i, 1);
    const covered = coveredStyle.get(r);
    const tables = sheet.tables.filter((t) => r >= t.area.row && r < t.area.row + t.area.rows);
    const height = heights.get(r);
    if (active.length === 0 && !covered && tables.length === 0 && height === undefined) continue;
    const rowNumber = r + 1;
    let xml = "";
    if (active.length === 1 && !covered && !tables.some((t) => r === t.area.row || t.formulas.size > 0)) {
      // the common row: one block's cells and nothing else on them
      const block = blocks[active[0]];
      const br = r - block.row;
      const values = blockRow(block, br) ?? [];
      const ids = cells.rowStyleIds(block, br, widths[active[0]]);
      for (let c = 0; c < ids.length; c++) xml += cells.cell(letters[block.col + c] + rowNumber, values[c], ids[c]);
    } else {
      let minCol = lastCol;
      let maxCol = -1;
      const touch = (col: number) => {
        if (col < minCol) minCol = col;
        if (col > maxCol) maxCol = col;
      };
      for (const i of active) {
        const block = blocks[i];
        const br = r - block.row;
        const values = blockRow(block, br) ?? [];
        const ids = cells.rowStyleIds(block, br, widths[i]);
        for (let c = 0; c < widths[i]; c++) {
          const col = block.col + c;
          const v = values[c];
          if (v !== null && v !== undefined) rowValues[col] = v;
          rowStyles[col] = ids[c];
          touch(col);
        }
      }
      for (const m of covered ?? []) {
        for (let col = m.from; col <= m.to; col++) {
          rowStyles[col] = m.style;
          touch(col);
        }
      }
      // what a table puts in its cells: the column names in the header row, the calculated formula in each data row
      for (const t of tables) {
        if (r === t.area.row) {
          t.columns.forEach((header, c) => {
            rowValues[t.area.col + c] = header;
            touch(t.area.col + c);
          });
        } else {
          for (const [c, formula] of t.formulas) {
            rowFormulas[t.area.col + c] = formula;
            touch(t.area.col + c);
          }
        }
      }
      for (let col = minCol; col <= maxCol; col++) {
        const style = rowStyles[col] > 0 ? rowStyles[col] : 0;
        const formula = rowFormulas[col];
        xml += formula !== undefined ? cells.formula(letters[col] + rowNumber, formula, style) : cells.cell(letters[col] + rowNumber, rowValues[col], style);
        rowValues[col] = undefined;
        rowStyles[col] = -1;
        rowFormulas[col] = undefined;
      }
    }
    if (xml === "" && height === undefined) continue;
    const ht = height !== undefined ? ` ht="${height}" customHeight="1"` : "";
    chunk += xml === "" ? `<row r="${rowNumber}"${ht}/>` : `<row r="${rowNumber}"${ht}>${xml}</row>`;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = "";
    }
  }
  yield `${chunk}</sheetData>${sheetTailXml(sheet)}</worksheet>`;
}

function tableXml(t: PreparedSheet["tables"][number]): string {
  const ref = areaAddress(t.area);
  const columns = t.columns
    .map((header, c) => {
      const formula = t.formulas.get(c);
      const attrs = `id="${c + 1}" name="${xmlEscape(header)}"`;
      return formula === undefined ? `<tableColumn ${attrs}/>` : `<tableColumn ${attrs}><calculatedColumnFormula>${xmlEscape(formula)}</calculatedColumnFormula></tableColumn>`;
    })
    .join("");
  return (
    `${XML_HEAD}<table xmlns="${MAIN_NS}" id="${t.id}" name="${xmlEscape(t.name)}" displayName="${xmlEscape(t.name)}" ref="${ref}" headerRowCount="1" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${t.columns.length}">${columns}</tableColumns>` +
    `<tableStyleInfo name="${xmlEscape(t.style)}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

function commentsXml(sheet: PreparedSheet): string {
  const list = sheet.notes.map((n) => `<comment ref="${a1(n.row, n.col)}" authorId="0"><text><r><t xml:space="preserve">${xmlEscape(n.text)}</t></r></text></comment>`).join("");
  return `${XML_HEAD}<comments xmlns="${MAIN_NS}"><authors><author>LTC Desk</author></authors><commentList>${list}</commentList></comments>`;
}

/** The legacy (VML) drawing that shows notes: Excel draws a note's box from it (ECMA-376 Part 4, 19.4; Part 1, 18.7). */
function vmlXml(sheet: PreparedSheet): string {
  const shapes = sheet.notes
    .map(
      (n, i) =>
        `<v:shape id="_x0000_s${1025 + i}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:240pt;height:90pt;z-index:${i + 1};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
        `<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>` +
        `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${n.col + 1}, 15, ${n.row}, 2, ${n.col + 5}, 15, ${n.row + 6}, 4</x:Anchor><x:AutoFill>False</x:AutoFill>` +
        `<x:Row>${n.row}</x:Row><x:Column>${n.col}</x:Column></x:ClientData></v:shape>`,
    )
    .join("");
  return (
    `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${sheet.commentsN}"/></o:shapelayout>` +
    `<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>` +
    `${shapes}</xml>`
  );
}

function workbookXml(sheets: PreparedSheet[]): string {
  const names: string[] = [];
  sheets.forEach((s, i) => {
    const rows = s.plan.print?.repeatRows;
    // Print_Titles: the rows repeated on every printed page; the sheet name quoted, an apostrophe doubled
    if (rows) names.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlEscape(`${quotedSheetName(s.name)}!$${rows.first + 1}:$${rows.last + 1}`)}</definedName>`);
    for (const n of s.plan.names ?? []) names.push(`<definedName name="${xmlEscape(n.name)}" localSheetId="${i}">${xmlEscape(namedCellRef(s.name, n.row, n.col))}</definedName>`);
  });
  return (
    `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><workbookPr/><bookViews><workbookView/></bookViews>` +
    `<sheets>${sheets.map((s, i) => `<sheet name="${xmlEscape(s.name)}" sheetId="${i + 1}" r:id="rIdSheet${s.n}"/>`).join("")}</sheets>` +
    `${names.length > 0 ? `<definedNames>${names.join("")}</definedNames>` : ""}` +
    // formulas are written without cached results: Excel calculates them when it opens the file
    `<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>`
  );
}

/**
 * Writes the plans to a new .xlsx file at `path`, one sheet each (names made
 * valid and unique), in one streaming pass.
 */
export async function writeXlsxFile(path: string, plans: readonly SheetPlan[]): Promise<XlsxRenderResult> {
  const taken: string[] = [];
  const tableNames: string[] = [];
  const sheets: PreparedSheet[] = [];
  let tableId = 1;
  let commentsN = 0;
  for (const plan of plans) {
    const name = uniqueSheetName(plan.name, taken);
    taken.push(name);
    const sheet = prepareSheet(plan, name, sheets.length + 1, tableNames, tableId);
    tableId += sheet.tables.length;
    if (sheet.notes.length > 0) sheet.commentsN = ++commentsN;
    sheets.push(sheet);
  }
  const styles = new StyleSheet();
  const strings = new SharedStrings();
  const zip = new yazl.ZipFile();
  const out = fs.createWriteStream(path);
  let fail: (err: unknown) => void = () => {};
  const done = new Promise<void>((resolve, reject) => {
    // a failure anywhere (a plan's rows, the disk) leaves no half-written file behind
    let failure: { err: unknown } | undefined;
    fail = (err) => {
      if (failure) return;
      failure = { err };
      out.destroy();
    };
    out.on("close", () => (failure ? fs.rm(path, { force: true }, () => reject(failure!.err)) : resolve())).on("error", fail);
    zip.on("error", fail);
    zip.outputStream.on("error", fail).pipe(out);
  });
  const mtime = new Date();
  const add = (name: string, text: string) => zip.addBuffer(Buffer.from(text, "utf8"), name, { mtime });
  // a sheet's XML is made ahead of the compressor (which runs on libuv's thread pool) by up to READ_AHEAD bytes
  const addLazy = (name: string, chunks: () => Iterable<string>) =>
    zip.addReadStreamLazy(name, { mtime, compressionLevel: COMPRESSION_LEVEL }, (cb) =>
      // yazl does not listen for a read stream's errors: an exception while making the XML would be uncaught
      cb(null, Readable.from(asBuffers(chunks()), { objectMode: false, highWaterMark: READ_AHEAD }).on("error", fail)),
    );

  const overrides: [string, string][] = [
    ["/xl/workbook.xml", CONTENT_TYPE.workbook],
    ["/xl/styles.xml", CONTENT_TYPE.styles],
    ["/xl/sharedStrings.xml", CONTENT_TYPE.sharedStrings],
    ["/docProps/core.xml", CONTENT_TYPE.core],
    ["/docProps/app.xml", CONTENT_TYPE.app],
  ];
  for (const s of sheets) {
    overrides.push([`/xl/worksheets/sheet${s.n}.xml`, CONTENT_TYPE.worksheet]);
    for (const t of s.tables) overrides.push([`/xl/tables/table${t.id}.xml`, CONTENT_TYPE.table]);
    if (s.commentsN) overrides.push([`/xl/comments${s.commentsN}.xml`, CONTENT_TYPE.comments]);
  }
  add(
    "[Content_Types].xml",
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/><Default Extension="vml" ContentType="${CONTENT_TYPE.vml}"/>` +
      `${overrides.map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`).join("")}</Types>`,
  );
  add(
    "_rels/.rels",
    relationships([
      { id: "rId1", type: REL.officeDocument, target: "xl/workbook.xml" },
      { id: "rId2", type: REL.coreProperties, target: "docProps/core.xml" },
      { id: "rId3", type: REL.extendedProperties, target: "docProps/app.xml" },
    ]),
  );
  const created = mtime.toISOString().replace(/\.\d+Z$/, "Z");
  add(
    "docProps/core.xml",
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<dc:creator>LTC Desk</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${created}</dcterms:modified></cp:coreProperties>`,
  );
  add(
    "docProps/app.xml",
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
      `<Application>LTC Desk</Application><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${sheets.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
      `<TitlesOfParts><vt:vector size="${sheets.length}" baseType="lpstr">${sheets.map((s) => `<vt:lpstr>${xmlEscape(s.name)}</vt:lpstr>`).join("")}</vt:vector></TitlesOfParts></Properties>`,
  );
  add("xl/workbook.xml", workbookXml(sheets));
  add(
    "xl/_rels/workbook.xml.rels",
    relationships([
      ...sheets.map((s) => ({ id: `rIdSheet${s.n}`, type: REL.worksheet, target: `worksheets/sheet${s.n}.xml` })),
      { id: "rIdStyles", type: REL.styles, target: "styles.xml" },
      { id: "rIdStrings", type: REL.sharedStrings, target: "sharedStrings.xml" },
    ]),
  );
  const result: XlsxRenderResult = { sheets: [], skippedCharts: 0 };
  for (const s of sheets) {
    const rels = s.tables.map((t) => ({ id: `rIdTable${t.id}`, type: REL.table, target: `../tables/table${t.id}.xml` }));
    if (s.commentsN) {
      rels.push({ id: "rIdComments", type: REL.comments, target: `../comments${s.commentsN}.xml` });
      rels.push({ id: "rIdVml", type: REL.vmlDrawing, target: `../drawings/vmlDrawing${s.commentsN}.vml` });
      add(`xl/comments${s.commentsN}.xml`, commentsXml(s));
      add(`xl/drawings/vmlDrawing${s.commentsN}.vml`, vmlXml(s));
    }
    if (rels.length > 0) add(`xl/worksheets/_rels/sheet${s.n}.xml.rels`, relationships(rels));
    for (const t of s.tables) add(`xl/tables/table${t.id}.xml`, tableXml(t));
    addLazy(`xl/worksheets/sheet${s.n}.xml`, () => sheetXml(s, styles, strings));
    result.sheets.push({ name: s.name, ownerKey: s.plan.ownerKey, replaced: false });
    result.skippedCharts += s.notes.length;
  }
  // known only once every sheet is written: the zip asks for them after the sheets
  addLazy("xl/styles.xml", () => [styles.xml()]);
  addLazy("xl/sharedStrings.xml", () => strings.xml());
  zip.end();
  await done;
  return result;
}

function* asBuffers(chunks: Iterable<string>): Generator<Buffer> {
  for (const chunk of chunks) yield Buffer.from(chunk, "utf8");
}

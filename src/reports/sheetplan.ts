/**
 * SheetPlan: a generated sheet as pure data. Builders (charter, aging, rules)
 * produce it; renderers (src/excel for Office.js, src/cli for ExcelJS) write
 * it. Renderers know nothing of LTC; builders know nothing of Excel.
 *
 * Safety rule: a string value is ALWAYS literal text, whatever it starts with
 * (=, +, -, @, tab, CR). Only a { formula } value, built by our own code, is
 * ever written as a formula.
 */

/** A formula our code wrote, in English (invariant) syntax with a leading "=". */
export interface FormulaValue {
  formula: string;
  /**
   * The namespace of the add-in custom functions the formula calls (e.g.
   * "LTC"): an .xlsx file saves such calls in another form than one types
   * them (see savedFormula), so the file writer must know which names they are.
   */
  customFunctionNamespace?: string;
}

export type PlanValue = string | number | boolean | null | FormulaValue;

export function isFormula(v: PlanValue): v is FormulaValue {
  return typeof v === "object" && v !== null && "formula" in v;
}

/** Named cell style; only what both renderers can honour. */
export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  /** "#RRGGBB" */
  fontColor?: string;
  /** "#RRGGBB" */
  fill?: string;
  /** Excel number format, e.g. "#,##0.00", "yyyy-mm-dd", "0.0%", "@" */
  numberFormat?: string;
  hAlign?: "left" | "center" | "right";
  vAlign?: "top" | "center" | "bottom";
  wrap?: boolean;
  /** thin border round every cell of the range */
  border?: boolean;
  /** an input cell the user is meant to edit (rendered visibly editable and left unlocked) */
  input?: boolean;
}

/** A rectangle of values with its top-left corner (0-based row and column). */
export interface Block {
  row: number;
  col: number;
  values: PlanValue[][];
  /** style applied to the whole block */
  style?: string;
  /** per-column styles (index within the block), applied after `style` */
  columnStyles?: (string | undefined)[];
  /** per-row styles (index within the block), applied after columnStyles, e.g. a header or total row */
  rowStyles?: (string | undefined)[];
  /**
   * Set on a block of rows made when they are read (rowsBlock): its size, and
   * one row at a time. `values` still gives every row (made once, on first use).
   */
  rows?: BlockRows;
}

/** The rows of a large block, made one at a time (see rowsBlock). */
export interface BlockRows {
  readonly count: number;
  readonly width: number;
  at(r: number): PlanValue[];
}

/**
 * A block whose rows are made when they are read. A million-row detail sheet
 * as arrays of values costs ~250 MB and most of the report's build time (the
 * garbage collector copying them); the .xlsx writer asks for one row at a time
 * (blockRow) and keeps none. Code that reads `values` gets every row, made on
 * first use and kept, so every renderer and test sees the same block.
 * `at(r)` must return a new array each time (callers may keep or change it).
 */
export function rowsBlock(block: Omit<Block, "values" | "rows">, rows: BlockRows): Block {
  let made: PlanValue[][] | undefined;
  return Object.defineProperty({ ...block, rows } as Block, "values", {
    enumerable: true,
    get(): PlanValue[][] {
      if (made === undefined) {
        made = new Array<PlanValue[]>(rows.count);
        for (let r = 0; r < rows.count; r++) made[r] = rows.at(r);
      }
      return made;
    },
  });
}

/** The number of rows of a block, without making the rows of a rowsBlock. */
export function blockRowCount(block: Block): number {
  return block.rows ? block.rows.count : block.values.length;
}

/** Row r of a block (made now for a rowsBlock: keep it only as long as needed). */
export function blockRow(block: Block, r: number): PlanValue[] | undefined {
  if (block.rows) return r >= 0 && r < block.rows.count ? block.rows.at(r) : undefined;
  return block.values[r];
}

/** A 0-based rectangle. */
export interface Area {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface DataBar {
  kind: "dataBar";
  area: Area;
  /** "#RRGGBB" */
  color: string;
}

export interface ListValidation {
  area: Area;
  /** allowed values, shown as a drop-down */
  list: string[];
}

export interface ChartPlan {
  kind: "stackedBar" | "stackedColumn";
  title: string;
  /** data incl. header row (series names) and first column (categories) */
  data: Area;
  /** where the chart's top-left corner goes */
  anchor: { row: number; col: number };
  /** size in points */
  width: number;
  height: number;
}

export interface PrintSetup {
  paper: "A4";
  orientation: "portrait" | "landscape";
  /** 0-based rows repeated at the top of every printed page */
  repeatRows?: { first: number; last: number };
  fitToWidth?: boolean;
  footer?: string;
  /** page margins in centimetres (the renderer's defaults where absent) */
  margins?: { top: number; bottom: number; left: number; right: number };
}

export interface SheetPlan {
  /** wanted sheet name (the renderer makes it valid and unique) */
  name: string;
  /** stable id of what this sheet is for (e.g. "charter:Project X"), used to find LTC Desk's own sheet on regeneration */
  ownerKey: string;
  styles: Record<string, CellStyle>;
  blocks: Block[];
  /** widths in characters, by column index */
  columnWidths?: number[];
  /** rows/columns frozen at the top/left */
  freeze?: { rows: number; cols: number };
  merges?: Area[];
  conditionalFormats?: DataBar[];
  validations?: ListValidation[];
  charts?: ChartPlan[];
  print?: PrintSetup;
  tabColor?: string;
  /** Excel tables (ListObjects) over cells the blocks wrote, e.g. a demo workbook's input tables */
  tables?: TablePlan[];
  /** names scoped to this sheet, each for one cell (written before the tables, whose formulas may use them) */
  names?: NamedCell[];
  /** 0-based rows that start a new printed page (manual row breaks above them), e.g. one letter per page */
  pageBreaks?: number[];
  /** the input cells by stable key: what a user typed into them is carried over when the sheet is regenerated */
  inputs?: PlanInputs;
}

/**
 * An input cell's identity: a key that names what the cell is for (section,
 * row identity such as a role code, and field), not where it is, so an entry
 * follows its key when a regenerated sheet puts it elsewhere.
 */
export interface InputCell {
  key: string;
  row: number;
  col: number;
  /** what the cell is for, in the plan's language ("团队 · 项目经理 · 人员"): names an entry whose key a regenerated sheet no longer has */
  label: string;
}

export interface PlanInputs {
  cells: InputCell[];
  /** texts of the list, below the sheet's content, of earlier entries whose key this plan no longer has: its title and column headers */
  unplaced: { title: string; place: string; entry: string };
}

/** A1 address of a 0-based cell. */
export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

export function columnLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A1 address of an area: "B3:D9". */
export function areaAddress(area: Area): string {
  return `${a1(area.row, area.col)}:${a1(area.row + area.rows - 1, area.col + area.cols - 1)}`;
}

/** Text that Excel would read as a formula or command if typed: =, +, -, @, tab, CR. */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

// ---------------------------------------------------------------------------
// Additions for the renderers (additive: nothing above changed).

/**
 * An Excel table (ListObject) over part of a sheet, e.g. the demo workbook's
 * input tables. `area` includes the header row; header cells must be distinct
 * non-blank text. Renderers create the table over cells the blocks already wrote.
 */
export interface TablePlan {
  name: string;
  area: Area;
  /** built-in table style, e.g. "TableStyleMedium2" */
  style?: string;
  /**
   * Calculated columns: the formula of every data row of a column (index
   * within the table), written as one types it in the table ("[@Header]" for
   * this row's cell). Excel fills it into the rows a user adds.
   */
  columnFormulas?: TableColumnFormula[];
}

export interface TableColumnFormula {
  column: number;
  formula: FormulaValue;
}

/** A name scoped to its sheet for one cell (0-based), e.g. an as-of date the sheet's formulas read. */
export interface NamedCell {
  name: string;
  row: number;
  col: number;
}

/**
 * "[@Header]", a table formula's reference to this row's cell of a column, as
 * one types it: bracketed again when the header has more than letters, digits
 * and "_", with Excel's escape (') before ' # [ and ].
 */
export function thisRowRef(header: string): string {
  const escaped = header.replace(/['#[\]]/g, (c) => `'${c}`);
  return /^[\p{L}\p{N}_]+$/u.test(header) ? `[@${escaped}]` : `[@[${escaped}]]`;
}

/**
 * A formula as an .xlsx file stores it (no leading "="). Two things differ
 * from what one types:
 * - "[@Header]" / "[@[Header]]" is the typing shorthand (Excel 2010 on); the
 *   file has the table name and the item: Table[[#This Row],[Header]].
 * - A JavaScript custom function NS.NAME( is saved as _xldudf_NS_NAME( (the
 *   namespace's dot an underscore). Evidence, a workbook Excel wrote
 *   (Microsoft Macintosh Excel, AppVersion 16.0300): its sheet "Correct" holds
 *   =CONTOSO.ADD(1,2) entered with the add-in loaded, saved as
 *   `<f t="array" ref="A1">_xldudf_CONTOSO_ADD(1,2)</f><v>3</v>`, while the
 *   same formula typed before the add-in loaded is saved as `CONTOSO.ADD(1,2)`
 *   and stays #NAME? after the add-in loads
 *   (https://github.com/evelyn-chrono/officejs-custom-functions-name-error-repro,
 *   "Custom Functions Protected Sheet Repro.xlsx", xl/worksheets/sheet3.xml;
 *   reported as https://github.com/OfficeDev/office-js/issues/6611). And
 *   Microsoft on https://github.com/OfficeDev/Excel-Custom-Functions/issues/108:
 *   "For Javascript Custom Functions, we by default save out with a different
 *   prefix "_xldudf"". The call needs no defined name, no _xlfn. prefix and no
 *   metadata part: that file's metadata.xml only marks its two cells as
 *   dynamic-array formulas (cm="1"); a formula without the mark is an ordinary
 *   one, which a scalar result does not need.
 * Text inside "…" literals is left alone.
 */
export function savedFormula(value: FormulaValue, tableName?: string): string {
  const ns = value.customFunctionNamespace;
  const call = ns ? new RegExp(`^${ns.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.([A-Za-z_][A-Za-z0-9_.]*)\\(`, "i") : null;
  const src = value.formula.replace(/^=/, "");
  let out = "";
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === '"') {
      // a text literal, "" inside it an escaped quote
      let j = i + 1;
      while (j < src.length && !(src[j] === '"' && src[j + 1] !== '"')) j += src[j] === '"' ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (call && (i === 0 || !/[A-Za-z0-9_.]/.test(src[i - 1]))) {
      const m = call.exec(src.slice(i));
      if (m) {
        out += `_xldudf_${ns!.toUpperCase()}_${m[1].toUpperCase().replace(/\./g, "_")}(`;
        i += m[0].length;
        continue;
      }
    }
    if (tableName !== undefined && src.startsWith("[@", i)) {
      const ref = thisRowRefAt(src, i);
      if (ref) {
        out += `${tableName}[[#This Row],[${ref.escaped}]]`;
        i = ref.end;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

/** The escaped header of the "[@…]" reference starting at `at`, and the index after it. */
function thisRowRefAt(src: string, at: number): { escaped: string; end: number } | undefined {
  const bracketed = src[at + 2] === "[";
  let j = at + (bracketed ? 3 : 2);
  let escaped = "";
  while (j < src.length && src[j] !== "]") {
    const step = src[j] === "'" && j + 1 < src.length ? 2 : 1;
    escaped += src.slice(j, j + step);
    j += step;
  }
  if (j >= src.length) return undefined;
  if (!bracketed) return { escaped, end: j + 1 };
  return src[j + 1] === "]" ? { escaped, end: j + 2 } : undefined;
}

/** Longest sheet name Excel accepts. */
export const MAX_SHEET_NAME_LENGTH = 31;

/**
 * A valid Excel sheet name for the wanted text: the characters Excel forbids
 * ([ ] : * ? / \) become "_", control characters go, surrounding spaces and
 * apostrophes are trimmed (Excel rejects a leading or trailing '), "History"
 * (reserved by Excel) gets a "_", a blank name becomes `fallback`, and the
 * result is at most 31 UTF-16 units without splitting a surrogate pair.
 */
export function validSheetName(wanted: string, fallback = "Sheet"): string {
  let name = String(wanted ?? "")
    .replace(/[[\]:*?/\\]/g, "_")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .replace(/\s+/g, " ");
  name = trimSheetName(name);
  if (name === "") name = trimSheetName(fallback) || "Sheet";
  name = clipUtf16(name, MAX_SHEET_NAME_LENGTH);
  name = trimSheetName(name);
  if (name.toUpperCase() === "HISTORY") name = `${name}_`;
  return name;
}

function trimSheetName(name: string): string {
  return name.replace(/^[\s']+|[\s']+$/g, "");
}

/** The longest prefix of `text` that fits in `max` UTF-16 units without cutting a surrogate pair. */
export function clipUtf16(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1; // would cut a surrogate pair
  return text.slice(0, end);
}

/**
 * The key under which Excel considers two sheet names the same. Excel compares
 * case-insensitively; folding width (NFKC) as well only ever adds a suffix
 * where one might not be needed, which is the safe side.
 */
export function sheetNameKey(name: string): string {
  return name.normalize("NFKC").toUpperCase();
}

/**
 * `validSheetName(wanted)`, or, if a sheet of that name is taken, the first
 * free "<name> (2)", "<name> (3)", … (the base is shortened so the whole stays
 * within 31 characters).
 */
export function uniqueSheetName(wanted: string, taken: Iterable<string>): string {
  const used = new Set<string>();
  for (const t of taken) used.add(sheetNameKey(t));
  const base = validSheetName(wanted);
  if (!used.has(sheetNameKey(base))) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const head = trimSheetName(clipUtf16(base, MAX_SHEET_NAME_LENGTH - suffix.length)) || "Sheet";
    const candidate = `${head}${suffix}`;
    if (!used.has(sheetNameKey(candidate))) return candidate;
  }
}

/** Later styles override earlier ones property by property; undefined entries are skipped. */
export function mergeStyles(...styles: (CellStyle | undefined)[]): CellStyle {
  const out: CellStyle = {};
  for (const s of styles) {
    if (!s) continue;
    for (const [k, v] of Object.entries(s)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

/** The named style, or undefined (an unknown name is ignored rather than fatal: styling never blocks a report). */
export function styleNamed(plan: SheetPlan, name: string | undefined): CellStyle | undefined {
  return name === undefined ? undefined : plan.styles[name];
}

/**
 * The effective style of a block's cell (r, c are indexes within the block):
 * block style, then the column's style, then the row's style.
 */
export function blockCellStyle(plan: SheetPlan, block: Block, r: number, c: number): CellStyle {
  return mergeStyles(
    styleNamed(plan, block.style),
    styleNamed(plan, block.columnStyles?.[c]),
    styleNamed(plan, block.rowStyles?.[r]),
  );
}

/** The number of columns of a block (its widest row). */
export function blockWidth(block: Block): number {
  if (block.rows) return block.rows.width;
  let w = 0;
  for (const row of block.values) if (row.length > w) w = row.length;
  return w;
}

/** Excel's limit on a list validation's inline source ("a,b,c"). */
export const MAX_INLINE_LIST_LENGTH = 255;

/** A list validation as renderers write it: an inline source, or a range of helper cells. */
export interface ResolvedListValidation {
  validation: ListValidation;
  /** "a,b,c" when the items fit inline */
  inline?: string;
  /** the helper cells holding the items otherwise (hidden column to the right of the plan's content) */
  helper?: Area;
}

/**
 * Decides how each list validation is written. Items go inline ("a,b,c") when
 * that is safe: no item contains a comma or starts like a formula, and the
 * whole fits Excel's 255 characters. Otherwise the items are written as text
 * into a helper column right of everything the plan uses (one column per such
 * list, to be hidden) and the validation refers to those cells.
 */
export function resolveListValidations(plan: SheetPlan): {
  validations: ResolvedListValidation[];
  helperBlocks: Block[];
  helperColumns: number[];
} {
  const validations: ResolvedListValidation[] = [];
  const helperBlocks: Block[] = [];
  const helperColumns: number[] = [];
  let nextCol = planExtent(plan).cols + 1;
  for (const v of plan.validations ?? []) {
    const items = v.list.map((x) => String(x));
    const inline = items.join(",");
    const safe = items.every((x) => !x.includes(",") && !looksLikeFormula(x) && x.trim() === x) && inline.length <= MAX_INLINE_LIST_LENGTH;
    if (safe && items.length > 0) {
      validations.push({ validation: v, inline });
      continue;
    }
    const col = nextCol++;
    helperColumns.push(col);
    helperBlocks.push({ row: 0, col, values: items.map((x) => [x]) });
    validations.push({ validation: v, helper: { row: 0, col, rows: Math.max(1, items.length), cols: 1 } });
  }
  return { validations, helperBlocks, helperColumns };
}

/** Rows and columns a plan reaches (blocks, merges, formats, validations, chart data and anchors), from A1. */
export function planExtent(plan: SheetPlan): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  const take = (a: Area) => {
    rows = Math.max(rows, a.row + a.rows);
    cols = Math.max(cols, a.col + a.cols);
  };
  for (const b of plan.blocks) take({ row: b.row, col: b.col, rows: blockRowCount(b), cols: blockWidth(b) });
  for (const m of plan.merges ?? []) take(m);
  for (const c of plan.conditionalFormats ?? []) take(c.area);
  for (const v of plan.validations ?? []) take(v.area);
  // the anchor too: the .xlsx writer puts a note there, and a helper column must not land on it
  for (const c of plan.charts ?? []) {
    take(c.data);
    take({ row: c.anchor.row, col: c.anchor.col, rows: 1, cols: 1 });
  }
  for (const t of plan.tables ?? []) take(t.area);
  cols = Math.max(cols, plan.columnWidths?.length ?? 0);
  return { rows, cols };
}

/**
 * A valid, unused Excel table name: letters, digits, "_" and "." only,
 * starting with a letter or "_", not a cell reference (A1 or R1C1 style),
 * at most 255 characters; "_2", "_3", … added when taken (compared case-insensitively).
 */
export function uniqueTableName(wanted: string, taken: Iterable<string>): string {
  let base = String(wanted ?? "")
    .normalize("NFKC")
    .replace(/[^\p{L}\p{N}_.]/gu, "_")
    .slice(0, 240);
  if (!/^[\p{L}_]/u.test(base)) base = `_${base}`;
  if (/^[A-Za-z]{1,3}\d+$/.test(base) || /^[RrCc]\d*([RrCc]\d*)?$/.test(base)) base = `_${base}`;
  if (base === "_") base = "Table";
  const used = new Set<string>();
  for (const t of taken) used.add(t.toUpperCase());
  if (!used.has(base.toUpperCase())) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}_${n}`;
    if (!used.has(candidate.toUpperCase())) return candidate;
  }
}

/** Width of text in Excel's column units (the default font's digit width): CJK and full-width characters count 2. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      code >= 0x20000;
    w += wide ? 2 : 1;
  }
  return w;
}

/** Excel's default column width in characters, for columns a plan leaves unset. */
export const DEFAULT_COLUMN_WIDTH = 8.43;
const LINE_POINTS = 15; // one line of the 11-point default font
const MAX_ROW_POINTS = 409; // Excel's largest row height

/** True when some cell of the block wraps its text. */
export function blockWraps(plan: SheetPlan, block: Block): boolean {
  const wraps = (name: string | undefined) => styleNamed(plan, name)?.wrap === true;
  return wraps(block.style) || (block.columnStyles ?? []).some(wraps) || (block.rowStyles ?? []).some(wraps);
}

/**
 * Row heights (points) that show every line of wrapped text, estimated from
 * the text's width and its column's (or merged area's) width. Excel does not
 * grow rows to fit when it opens a file, so the .xlsx writer sets these; in
 * Excel itself the renderer asks for a real autofit instead.
 */
export function wrappedRowHeights(plan: SheetPlan): Map<number, number> {
  const heights = new Map<number, number>();
  const widths = plan.columnWidths ?? [];
  const widthOf = (col: number) => widths[col] ?? DEFAULT_COLUMN_WIDTH;
  const mergedWidth = new Map<string, number>();
  for (const m of plan.merges ?? []) {
    let w = 0;
    for (let c = m.col; c < m.col + m.cols; c++) w += widthOf(c);
    mergedWidth.set(`${m.row},${m.col}`, w);
  }
  for (const block of plan.blocks) {
    if (!blockWraps(plan, block)) continue;
    const rows = blockRowCount(block);
    for (let r = 0; r < rows; r++) {
      blockRow(block, r)!.forEach((v, c) => {
        if (typeof v !== "string" || v === "") return;
        const style = blockCellStyle(plan, block, r, c);
        if (!style.wrap) return;
        const at = { row: block.row + r, col: block.col + c };
        const room = Math.max(1, (mergedWidth.get(`${at.row},${at.col}`) ?? widthOf(at.col)) - 1);
        let lines = 0;
        for (const line of v.split(/\r\n|\r|\n/)) lines += Math.max(1, Math.ceil(displayWidth(line) / room));
        if (lines <= 1) return;
        const points = Math.min(MAX_ROW_POINTS, Math.ceil(lines * LINE_POINTS * ((style.fontSize ?? 11) / 11)));
        if (points > (heights.get(at.row) ?? 0)) heights.set(at.row, points);
      });
    }
  }
  return heights;
}

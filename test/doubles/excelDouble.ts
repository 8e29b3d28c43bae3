/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * A counting in-memory Excel for tests: the subset of the Office.js Excel API
 * that LTC Desk uses, with the same load/sync discipline.
 *
 * - Proxies queue work; nothing touches the workbook until `context.sync()`.
 *   Reading a property that was not loaded and synced throws like Office.js
 *   ("PropertyNotLoaded"); so does `isNullObject` before a sync, and
 *   `ClientResult.value` before its sync.
 * - Every sync is counted and every request is measured: the UTF-8 size of
 *   the JSON of its queued actions (object path, member, value), which is what
 *   Office.js ships to Excel (5 MB limit on the web).
 * - Cell input follows Excel's typing rules: a string starting with "=" (or
 *   "+", "-", "@" when it is not a plain number) becomes a formula, numeric-,
 *   date- and boolean-looking strings are converted, and a leading apostrophe
 *   makes the rest literal text. So a renderer that writes hostile text naively
 *   fails the tests, as it would in Excel.
 * - Events: handlers registered on Worksheet.onChanged and on the worksheet
 *   collection's onChanged / onAdded / onDeleted hear of what the add-in's own
 *   requests changed (source "Local", triggerSource "ThisLocalAddin"), after the
 *   sync that carried the change, and of a co-author's edits raised with
 *   raiseRemoteChange / raiseRemoteSheetAdded / raiseRemoteSheetDeleted (source
 *   "Remote"), as Excel reports a change that synchronises in from another
 *   session. `settle()` waits for the handlers.
 * - A full calculation (Application.calculate) recomputes the cells whose
 *   formula calls a registered custom function (`customFunctions`) on literal
 *   and cell-reference arguments; other formulas keep their cached values.
 * - Tests inspect the result: cell(value, formula, number format, style),
 *   merges, charts, conditional formats, validations, page layout, custom
 *   properties, and an ordered log of writes.
 *
 * No Node imports: the browser end-to-end test bundles this file too.
 */

// ---------------------------------------------------------------------------
// Errors

export class OfficeApiError extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
}

function propertyNotLoaded(prop: string): OfficeApiError {
  return new OfficeApiError(
    "PropertyNotLoaded",
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

// ---------------------------------------------------------------------------
// Addresses

export interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

const MAX_ROWS = 1048576;
const MAX_COLS = 16384;

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function colLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Parses "A1", "$A$1:B2", "A:C", "3:5", with an optional "Sheet!" or "'My sheet'!" prefix. */
export function parseAddress(address: string): { sheet?: string; rect: Rect } {
  let sheet: string | undefined;
  let a = address.trim();
  const bang = a.lastIndexOf("!");
  if (bang >= 0) {
    sheet = a.slice(0, bang);
    if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    a = a.slice(bang + 1);
  }
  a = a.replace(/\$/g, "").toUpperCase();
  const [p, q] = a.split(":");
  const one = (part: string) => {
    const m = /^([A-Z]*)(\d*)$/.exec(part);
    if (!m || (m[1] === "" && m[2] === "")) throw new OfficeApiError("InvalidArgument", `Bad address ${address}`);
    return { col: m[1] === "" ? null : colIndex(m[1]), row: m[2] === "" ? null : Number(m[2]) - 1 };
  };
  const s = one(p);
  const e = q === undefined ? s : one(q);
  const rect: Rect = {
    r0: s.row ?? 0,
    c0: s.col ?? 0,
    r1: e.row ?? MAX_ROWS - 1,
    c1: e.col ?? MAX_COLS - 1,
  };
  if (s.row === null && e.row === null) {
    rect.r0 = 0;
    rect.r1 = MAX_ROWS - 1;
  }
  if (s.col === null && e.col === null) {
    rect.c0 = 0;
    rect.c1 = MAX_COLS - 1;
  }
  if (rect.r0 > rect.r1) [rect.r0, rect.r1] = [rect.r1, rect.r0];
  if (rect.c0 > rect.c1) [rect.c0, rect.c1] = [rect.c1, rect.c0];
  return { sheet, rect };
}

export function rectAddress(rect: Rect): string {
  const tl = `${colLetters(rect.c0)}${rect.r0 + 1}`;
  if (rect.r0 === rect.r1 && rect.c0 === rect.c1) return tl;
  return `${tl}:${colLetters(rect.c1)}${rect.r1 + 1}`;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function contains(rect: Rect, r: number, c: number): boolean {
  return r >= rect.r0 && r <= rect.r1 && c >= rect.c0 && c <= rect.c1;
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}

// ---------------------------------------------------------------------------
// Sizes

/** UTF-8 byte length of a string. */
export function utf8Length(s: string): number {
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

function jsonBytes(v: unknown): number {
  return utf8Length(JSON.stringify(v) ?? "");
}

// ---------------------------------------------------------------------------
// Workbook state (what tests inspect)

export type CellValue = string | number | boolean;

export interface CellState {
  /** "" for an empty cell; the cached result for a formula cell ("" unless a test set one) */
  value: CellValue;
  formula?: string;
  /** entered with a leading apostrophe: the value is literal text */
  quotePrefix?: boolean;
  /** error value such as "#N/A" */
  error?: string;
  numberFormat?: string;
}

export interface BorderState {
  style: string;
  color?: string;
  weight?: string;
}

export interface CellFormat {
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  fontColor?: string;
  fontName?: string;
  fill?: string;
  hAlign?: string;
  vAlign?: string;
  wrap?: boolean;
  locked?: boolean;
  /** the four sides of this cell that carry a border */
  borders: { top?: BorderState; bottom?: BorderState; left?: BorderState; right?: BorderState };
}

interface FormatPatch {
  rect: Rect;
  patch: Partial<Omit<CellFormat, "borders">>;
  edge?: { name: string; border: BorderState };
}

export interface ChartState {
  name: string;
  type: string;
  source: Rect;
  seriesBy: string;
  title: string;
  top: number;
  left: number;
  width: number;
  height: number;
  position?: { start: string; end?: string };
}

export interface ConditionalFormatState {
  type: string;
  rect: Rect;
  dataBar: { barDirection?: string; showDataBarOnly?: boolean; fillColor?: string; gradientFill?: boolean };
}

export interface ValidationState {
  rect: Rect;
  rule: any;
  errorAlert?: any;
}

export interface TableState {
  id: string;
  name: string;
  sheet: SheetState;
  rect: Rect;
  showHeaders: boolean;
  showTotals: boolean;
  style: string;
}

export interface PageLayoutState {
  orientation: string;
  paperSize: string;
  zoom: any;
  printTitleRows: string | null;
  printArea: string | null;
  centerHorizontally: boolean;
  printGridlines: boolean;
  footers: { left: string; center: string; right: string };
  headers: { left: string; center: string; right: string };
}

let idCounter = 0;

export class SheetState {
  id = `{sheet-${++idCounter}}`;
  deleted = false;
  visibility = "Visible";
  tabColor = "";
  cells = new Map<number, CellState>();
  formatPatches: FormatPatch[] = [];
  columnWidths = new Map<number, number>();
  rowHeights = new Map<number, number>();
  hiddenColumns = new Set<number>();
  merges: Rect[] = [];
  freeze = { rows: 0, cols: 0 };
  /** 0-based rows with a manual page break above them (Worksheet.horizontalPageBreaks) */
  pageBreaks: number[] = [];
  pageLayout: PageLayoutState = {
    orientation: "Portrait",
    paperSize: "Letter",
    zoom: { scale: 100 },
    printTitleRows: null,
    printArea: null,
    centerHorizontally: false,
    printGridlines: false,
    footers: { left: "", center: "", right: "" },
    headers: { left: "", center: "", right: "" },
  };
  customProperties = new Map<string, { key: string; value: string }>();
  names = new Map<string, { name: string; formula: string; comment: string }>();
  charts: ChartState[] = [];
  conditionalFormats: ConditionalFormatState[] = [];
  validations: ValidationState[] = [];

  constructor(
    public workbook: WorkbookState,
    public name: string,
  ) {}

  get position(): number {
    return this.workbook.sheets.indexOf(this);
  }

  key(r: number, c: number): number {
    return r * MAX_COLS + c;
  }

  /** The cell at a 0-based position or A1 address (an empty cell if never written). */
  cell(addressOrRow: string | number, col?: number): CellState {
    let r: number;
    let c: number;
    if (typeof addressOrRow === "string") {
      const { rect } = parseAddress(addressOrRow);
      r = rect.r0;
      c = rect.c0;
    } else {
      r = addressOrRow;
      c = col ?? 0;
    }
    return this.cells.get(this.key(r, c)) ?? { value: "" };
  }

  /** True when the cell holds text (not a number, boolean, error or formula). */
  isText(address: string): boolean {
    const cell = this.cell(address);
    return cell.formula === undefined && cell.error === undefined && typeof cell.value === "string";
  }

  mutableCell(r: number, c: number): CellState {
    const k = this.key(r, c);
    let cell = this.cells.get(k);
    if (!cell) {
      cell = { value: "" };
      this.cells.set(k, cell);
    }
    return cell;
  }

  /** The effective format of a cell (all format writes covering it, in order). */
  format(address: string): CellFormat {
    const { rect } = parseAddress(address);
    const r = rect.r0;
    const c = rect.c0;
    const out: CellFormat = { borders: {} };
    for (const p of this.formatPatches) {
      if (!contains(p.rect, r, c)) continue;
      Object.assign(out, p.patch);
      if (p.edge) {
        const { name, border } = p.edge;
        const b = border.style === "None" ? undefined : border;
        const { r0, r1, c0, c1 } = p.rect;
        if ((name === "EdgeTop" && r === r0) || (name === "InsideHorizontal" && r > r0)) out.borders.top = b;
        if ((name === "EdgeBottom" && r === r1) || (name === "InsideHorizontal" && r < r1)) out.borders.bottom = b;
        if ((name === "EdgeLeft" && c === c0) || (name === "InsideVertical" && c > c0)) out.borders.left = b;
        if ((name === "EdgeRight" && c === c1) || (name === "InsideVertical" && c < c1)) out.borders.right = b;
      }
    }
    return out;
  }

  /** Values of a rectangle as Excel's Range.values would give them. */
  valuesOf(rect: Rect): CellValue[][] {
    const out: CellValue[][] = [];
    for (let r = rect.r0; r <= rect.r1; r++) {
      const row: CellValue[] = [];
      for (let c = rect.c0; c <= rect.c1; c++) {
        const cell = this.cells.get(this.key(r, c));
        row.push(cell ? (cell.error ?? cell.value) : "");
      }
      out.push(row);
    }
    return out;
  }

  /** The smallest rectangle holding every non-empty cell, or null. */
  usedRect(): Rect | null {
    let rect: Rect | null = null;
    for (const [k, cell] of this.cells) {
      if (cell.value === "" && cell.formula === undefined && cell.error === undefined) continue;
      const r = Math.floor(k / MAX_COLS);
      const c = k % MAX_COLS;
      if (!rect) rect = { r0: r, c0: c, r1: r, c1: c };
      else {
        rect.r0 = Math.min(rect.r0, r);
        rect.r1 = Math.max(rect.r1, r);
        rect.c0 = Math.min(rect.c0, c);
        rect.c1 = Math.max(rect.c1, c);
      }
    }
    return rect;
  }

  isEmptyAt(r: number, c: number): boolean {
    const cell = this.cells.get(this.key(r, c));
    return !cell || (cell.value === "" && cell.formula === undefined && cell.error === undefined);
  }

  tables(): TableState[] {
    return this.workbook.tables.filter((t) => t.sheet === this);
  }
}

export class WorkbookState {
  sheets: SheetState[] = [];
  tables: TableState[] = [];
  selection: { sheet: SheetState; rect: Rect } | null = null;
  activeSheet: SheetState | null = null;
  settings = new Map<string, unknown>();
  calculationSuspendedFor = -1;

  sheet(name: string): SheetState | undefined {
    const key = name.toUpperCase();
    return this.sheets.find((s) => s.name.toUpperCase() === key);
  }
}

// ---------------------------------------------------------------------------
// Excel's input rules (what typing a value into a cell does)

const ERROR_LITERALS = new Set(["#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!", "#SPILL!", "#CALC!"]);

function plainNumber(text: string): number | null {
  const t = text.normalize("NFKC").trim().replace(/^[$¥€£]/, "");
  const m = /^([+-]?)(\d{1,3}(,\d{3})+|\d*)(\.\d*)?([eE][+-]?\d+)?(%?)$/.exec(t);
  if (!m || !/\d/.test(t)) return null;
  let n = Number((m[1] + m[2].replace(/,/g, "") + (m[4] ?? "") + (m[5] ?? "")) || "NaN");
  if (!Number.isFinite(n)) return null;
  if (m[6] === "%") n /= 100;
  return n;
}

function dateSerial(y: number, m: number, d: number): number {
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);
}

function dateLike(text: string): number | null {
  const t = text.normalize("NFKC").trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(t);
  if (m) return dateSerial(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-/](\d{1,2})$/.exec(t) ?? /^(\d{1,2})月(\d{1,2})日$/.exec(t);
  if (m) return dateSerial(2026, Number(m[1]), Number(m[2]));
  return null;
}

/** Excel's limit on the text of one cell. */
export const MAX_CELL_TEXT = 32767;

/** Applies one input value to a cell as typing it would. */
export function enterValue(cell: CellState, input: unknown): void {
  delete cell.formula;
  delete cell.quotePrefix;
  delete cell.error;
  if (typeof input === "number") {
    if (!Number.isFinite(input)) throw new OfficeApiError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
    cell.value = input;
    return;
  }
  if (typeof input === "boolean") {
    cell.value = input;
    return;
  }
  if (typeof input !== "string") throw new OfficeApiError("InvalidArgument", `Unsupported cell input ${String(input)}`);
  if (input === "") {
    cell.value = "";
    return;
  }
  if (input.length - (input.startsWith("'") ? 1 : 0) > MAX_CELL_TEXT) {
    // Excel's limit: "Total number of characters that a cell can contain: 32,767"
    throw new OfficeApiError("InvalidArgument", `A cell can hold at most ${MAX_CELL_TEXT} characters (got ${input.length}).`);
  }
  if (input.startsWith("'")) {
    cell.value = input.slice(1);
    cell.quotePrefix = true;
    return;
  }
  if (input.startsWith("=") && input.length > 1) {
    cell.formula = input;
    cell.value = "";
    return;
  }
  const asNumber = plainNumber(input);
  if (asNumber !== null) {
    cell.value = asNumber;
    return;
  }
  if (/^[+\-@]/.test(input) && input.length > 1) {
    // Excel takes "+cmd", "-2+3" and "@SUM(…)" as formulas
    cell.formula = `=${input.startsWith("@") ? input.slice(1) : input}`;
    cell.value = "";
    return;
  }
  const asDate = dateLike(input);
  if (asDate !== null) {
    cell.value = asDate;
    return;
  }
  const upper = input.trim().toUpperCase();
  if (upper === "TRUE" || upper === "FALSE") {
    cell.value = upper === "TRUE";
    return;
  }
  if (ERROR_LITERALS.has(upper)) {
    cell.error = upper;
    cell.value = "";
    return;
  }
  cell.value = input;
}

// ---------------------------------------------------------------------------
// API objects: what a proxy resolves to at sync time. Each class declares its
// navigation properties, methods (with the class they return) and value-returning
// methods; scalar properties are its accessors.

type ApiClass = (new (...args: any[]) => any) & {
  nav?: Record<string, () => ApiClass>;
  methods?: Record<string, (() => ApiClass) | null>;
  results?: string[];
  itemClass?: () => ApiClass;
};

function checkShape(rect: Rect, matrix: unknown, what: string): unknown[][] {
  const rows = rect.r1 - rect.r0 + 1;
  const cols = rect.c1 - rect.c0 + 1;
  if (!Array.isArray(matrix) || matrix.length !== rows || matrix.some((row) => !Array.isArray(row) || row.length !== cols)) {
    throw new OfficeApiError(
      "InvalidArgument",
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}).`,
    );
  }
  return matrix as unknown[][];
}

export class RangeApi {
  static nav = {
    format: () => RangeFormatApi,
    worksheet: () => WorksheetApi,
    conditionalFormats: () => ConditionalFormatCollectionApi,
    dataValidation: () => DataValidationApi,
  };
  static methods: Record<string, (() => ApiClass) | null> = {
    getSurroundingRegion: () => RangeApi,
    getTables: () => TableScopedCollectionApi,
    getRow: () => RangeApi,
    getColumn: () => RangeApi,
    getCell: () => RangeApi,
    getResizedRange: () => RangeApi,
    getAbsoluteResizedRange: () => RangeApi,
    getIntersection: () => RangeApi,
    getEntireRow: () => RangeApi,
    getEntireColumn: () => RangeApi,
    getOffsetRange: () => RangeApi,
    getLastRow: () => RangeApi,
    getMergedAreasOrNullObject: () => RangeAreasApi,
    merge: null,
    unmerge: null,
    clear: null,
    select: null,
  };

  constructor(
    public d: ExcelDouble,
    public sheet: SheetState,
    public rect: Rect,
  ) {
    if (sheet.deleted) throw new OfficeApiError("InvalidReference", "This reference is not valid: the worksheet was deleted.");
  }

  private log(kind: WriteKind): void {
    this.d.writeLog.push({ kind, sheet: this.sheet.name, sheetId: this.sheet.id, rect: { ...this.rect }, sync: this.d.syncCount });
  }

  get address(): string {
    return `${quoteSheet(this.sheet.name)}!${rectAddress(this.rect)}`;
  }
  get rowIndex(): number {
    return this.rect.r0;
  }
  get columnIndex(): number {
    return this.rect.c0;
  }
  get rowCount(): number {
    return this.rect.r1 - this.rect.r0 + 1;
  }
  get columnCount(): number {
    return this.rect.c1 - this.rect.c0 + 1;
  }
  get cellCount(): number {
    return this.rowCount * this.columnCount;
  }

  get values(): CellValue[][] {
    return this.sheet.valuesOf(this.rect);
  }
  set values(matrix: unknown[][]) {
    this.enter(checkShape(this.rect, matrix, "values"));
    this.log("values");
    this.d.noteLocalChange(this.sheet, this.rect);
  }
  get formulas(): CellValue[][] {
    const out: CellValue[][] = [];
    for (let r = this.rect.r0; r <= this.rect.r1; r++) {
      const row: CellValue[] = [];
      for (let c = this.rect.c0; c <= this.rect.c1; c++) {
        const cell = this.sheet.cell(r, c);
        row.push(cell.formula ?? cell.error ?? cell.value);
      }
      out.push(row);
    }
    return out;
  }
  set formulas(matrix: unknown[][]) {
    this.enter(checkShape(this.rect, matrix, "formulas"));
    this.log("formulas");
    this.d.noteLocalChange(this.sheet, this.rect);
  }
  get text(): string[][] {
    return this.values.map((row) => row.map((v) => (typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v))));
  }
  get numberFormat(): string[][] {
    const out: string[][] = [];
    for (let r = this.rect.r0; r <= this.rect.r1; r++) {
      const row: string[] = [];
      for (let c = this.rect.c0; c <= this.rect.c1; c++) row.push(this.sheet.cell(r, c).numberFormat ?? "General");
      out.push(row);
    }
    return out;
  }
  set numberFormat(matrix: unknown[][]) {
    const m = checkShape(this.rect, matrix, "numberFormat");
    m.forEach((row, i) =>
      row.forEach((f, j) => {
        if (f === null || f === undefined) return;
        if (typeof f !== "string") throw new OfficeApiError("InvalidArgument", "numberFormat entries must be strings");
        this.sheet.mutableCell(this.rect.r0 + i, this.rect.c0 + j).numberFormat = f === "" ? "General" : f;
      }),
    );
    this.log("numberFormat");
  }

  private enter(matrix: unknown[][]): void {
    matrix.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v === null || v === undefined) return; // null leaves the cell unchanged
        enterValue(this.sheet.mutableCell(this.rect.r0 + i, this.rect.c0 + j), v);
      }),
    );
  }

  get columnHidden(): boolean {
    for (let c = this.rect.c0; c <= this.rect.c1; c++) if (!this.sheet.hiddenColumns.has(c)) return false;
    return true;
  }
  set columnHidden(v: boolean) {
    for (let c = this.rect.c0; c <= this.rect.c1; c++) {
      if (v) this.sheet.hiddenColumns.add(c);
      else this.sheet.hiddenColumns.delete(c);
    }
  }

  get format(): RangeFormatApi {
    return new RangeFormatApi(this.d, this);
  }
  get worksheet(): WorksheetApi {
    return new WorksheetApi(this.d, this.sheet);
  }
  get conditionalFormats(): ConditionalFormatCollectionApi {
    return new ConditionalFormatCollectionApi(this.d, this);
  }
  get dataValidation(): DataValidationApi {
    return new DataValidationApi(this.d, this);
  }

  private sub(rect: Rect): RangeApi {
    if (rect.r0 < 0 || rect.c0 < 0 || rect.r1 >= MAX_ROWS || rect.c1 >= MAX_COLS || rect.r1 < rect.r0 || rect.c1 < rect.c0) {
      throw new OfficeApiError("InvalidArgument", "The range is outside the grid.");
    }
    return new RangeApi(this.d, this.sheet, rect);
  }
  getRow(i: number): RangeApi {
    return this.sub({ ...this.rect, r0: this.rect.r0 + i, r1: this.rect.r0 + i });
  }
  getColumn(j: number): RangeApi {
    return this.sub({ ...this.rect, c0: this.rect.c0 + j, c1: this.rect.c0 + j });
  }
  getCell(i: number, j: number): RangeApi {
    const r = this.rect.r0 + i;
    const c = this.rect.c0 + j;
    return this.sub({ r0: r, r1: r, c0: c, c1: c });
  }
  getLastRow(): RangeApi {
    return this.sub({ ...this.rect, r0: this.rect.r1 });
  }
  getResizedRange(dr: number, dc: number): RangeApi {
    return this.sub({ ...this.rect, r1: this.rect.r1 + dr, c1: this.rect.c1 + dc });
  }
  getAbsoluteResizedRange(rows: number, cols: number): RangeApi {
    return this.sub({ ...this.rect, r1: this.rect.r0 + rows - 1, c1: this.rect.c0 + cols - 1 });
  }
  getOffsetRange(dr: number, dc: number): RangeApi {
    return this.sub({ r0: this.rect.r0 + dr, r1: this.rect.r1 + dr, c0: this.rect.c0 + dc, c1: this.rect.c1 + dc });
  }
  getEntireRow(): RangeApi {
    return this.sub({ ...this.rect, c0: 0, c1: MAX_COLS - 1 });
  }
  getEntireColumn(): RangeApi {
    return this.sub({ ...this.rect, r0: 0, r1: MAX_ROWS - 1 });
  }
  getIntersection(other: RangeApi | string): RangeApi {
    const o = typeof other === "string" ? parseAddress(other).rect : other.rect;
    const rect = {
      r0: Math.max(this.rect.r0, o.r0),
      c0: Math.max(this.rect.c0, o.c0),
      r1: Math.min(this.rect.r1, o.r1),
      c1: Math.min(this.rect.c1, o.c1),
    };
    if (rect.r0 > rect.r1 || rect.c0 > rect.c1) throw new OfficeApiError("ItemNotFound", "The ranges do not intersect.");
    return this.sub(rect);
  }
  getSurroundingRegion(): RangeApi {
    // Excel's current region: grow from the top-left cell while a bordering row or column has data
    const s = this.sheet;
    const rect = { r0: this.rect.r0, c0: this.rect.c0, r1: this.rect.r0, c1: this.rect.c0 };
    const rowHasData = (r: number, c0: number, c1: number) => {
      if (r < 0 || r >= MAX_ROWS) return false;
      for (let c = Math.max(0, c0); c <= Math.min(MAX_COLS - 1, c1); c++) if (!s.isEmptyAt(r, c)) return true;
      return false;
    };
    const colHasData = (c: number, r0: number, r1: number) => {
      if (c < 0 || c >= MAX_COLS) return false;
      for (let r = Math.max(0, r0); r <= Math.min(MAX_ROWS - 1, r1); r++) if (!s.isEmptyAt(r, c)) return true;
      return false;
    };
    // rows first (cheap: a row check scans the region's width), columns only when rows settle
    for (;;) {
      while (rowHasData(rect.r0 - 1, rect.c0 - 1, rect.c1 + 1)) rect.r0--;
      while (rowHasData(rect.r1 + 1, rect.c0 - 1, rect.c1 + 1)) rect.r1++;
      if (colHasData(rect.c0 - 1, rect.r0 - 1, rect.r1 + 1)) rect.c0--;
      else if (colHasData(rect.c1 + 1, rect.r0 - 1, rect.r1 + 1)) rect.c1++;
      else break;
    }
    return this.sub(rect);
  }
  getTables(fullyContained = false): TableScopedCollectionApi {
    const tables = this.sheet
      .tables()
      .filter((t) =>
        fullyContained
          ? t.rect.r0 >= this.rect.r0 && t.rect.r1 <= this.rect.r1 && t.rect.c0 >= this.rect.c0 && t.rect.c1 <= this.rect.c1
          : overlaps(t.rect, this.rect),
      );
    return new TableScopedCollectionApi(this.d, tables);
  }
  merge(across = false): void {
    const rects = across
      ? Array.from({ length: this.rowCount }, (_, i) => ({ ...this.rect, r0: this.rect.r0 + i, r1: this.rect.r0 + i }))
      : [{ ...this.rect }];
    for (const rect of rects) {
      for (let r = rect.r0; r <= rect.r1; r++)
        for (let c = rect.c0; c <= rect.c1; c++) if (r !== rect.r0 || c !== rect.c0) this.sheet.cells.delete(this.sheet.key(r, c));
      this.sheet.merges.push(rect);
    }
    this.log("merge");
  }
  unmerge(): void {
    this.sheet.merges = this.sheet.merges.filter((m) => !overlaps(m, this.rect));
  }
  /** The merged areas whose top-left cell is in the range, as Excel returns them (ExcelApi 1.13; OfficeDev/office-js#3611). */
  getMergedAreasOrNullObject(): RangeAreasApi | null {
    this.d.requireApi("1.13", "Range.getMergedAreasOrNullObject");
    const inside = (r: number, c: number) => r >= this.rect.r0 && r <= this.rect.r1 && c >= this.rect.c0 && c <= this.rect.c1;
    const found = this.sheet.merges.filter((m) => inside(m.r0, m.c0));
    return found.length === 0 ? null : new RangeAreasApi(this.d, this.sheet, found.map((m) => new RangeApi(this.d, this.sheet, { ...m })));
  }
  clear(): void {
    for (let r = this.rect.r0; r <= Math.min(this.rect.r1, 100000); r++)
      for (let c = this.rect.c0; c <= Math.min(this.rect.c1, 1000); c++) this.sheet.cells.delete(this.sheet.key(r, c));
    this.d.noteLocalChange(this.sheet, this.rect);
  }
  select(): void {
    this.d.state.selection = { sheet: this.sheet, rect: { ...this.rect } };
  }
}

type WriteKind = "values" | "formulas" | "numberFormat" | "format" | "merge";

export class RangeFormatApi {
  static nav = {
    font: () => RangeFontApi,
    fill: () => RangeFillApi,
    borders: () => RangeBorderCollectionApi,
    protection: () => FormatProtectionApi,
  };
  static methods = { autofitColumns: null, autofitRows: null };
  /** the ranges formatted together (one, or the areas of a RangeAreas) */
  readonly areas: RangeApi[];
  constructor(
    public d: ExcelDouble,
    public range: RangeApi,
    areas?: RangeApi[],
  ) {
    this.areas = areas ?? [range];
  }
  patch(patch: FormatPatch["patch"], edge?: FormatPatch["edge"]): void {
    for (const area of this.areas) {
      area.sheet.formatPatches.push({ rect: { ...area.rect }, patch, edge });
      this.d.writeLog.push({ kind: "format", sheet: area.sheet.name, sheetId: area.sheet.id, rect: { ...area.rect }, sync: this.d.syncCount });
    }
  }
  get font(): RangeFontApi {
    return new RangeFontApi(this);
  }
  get fill(): RangeFillApi {
    return new RangeFillApi(this);
  }
  get borders(): RangeBorderCollectionApi {
    return new RangeBorderCollectionApi(this);
  }
  get protection(): FormatProtectionApi {
    return new FormatProtectionApi(this);
  }
  private first(): CellFormat {
    return this.range.sheet.format(rectAddress(this.range.rect));
  }
  get horizontalAlignment(): string {
    return this.first().hAlign ?? "General";
  }
  set horizontalAlignment(v: string) {
    this.patch({ hAlign: v });
  }
  get verticalAlignment(): string {
    return this.first().vAlign ?? "Bottom";
  }
  set verticalAlignment(v: string) {
    this.patch({ vAlign: v });
  }
  get wrapText(): boolean {
    return this.first().wrap ?? false;
  }
  set wrapText(v: boolean) {
    this.patch({ wrap: v });
  }
  get columnWidth(): number {
    return this.range.sheet.columnWidths.get(this.range.rect.c0) ?? 48;
  }
  set columnWidth(points: number) {
    for (let c = this.range.rect.c0; c <= this.range.rect.c1; c++) this.range.sheet.columnWidths.set(c, points);
  }
  get rowHeight(): number {
    return this.range.sheet.rowHeights.get(this.range.rect.r0) ?? 15;
  }
  set rowHeight(points: number) {
    for (let r = this.range.rect.r0; r <= Math.min(this.range.rect.r1, this.range.rect.r0 + 100000); r++) this.range.sheet.rowHeights.set(r, points);
  }
  autofitColumns(): void {}
  autofitRows(): void {}
}

export class RangeFontApi {
  constructor(public f: RangeFormatApi) {}
  private get cur(): CellFormat {
    return this.f.range.sheet.format(rectAddress(this.f.range.rect));
  }
  get bold(): boolean {
    return this.cur.bold ?? false;
  }
  set bold(v: boolean) {
    this.f.patch({ bold: v });
  }
  get italic(): boolean {
    return this.cur.italic ?? false;
  }
  set italic(v: boolean) {
    this.f.patch({ italic: v });
  }
  get size(): number {
    return this.cur.fontSize ?? 11;
  }
  set size(v: number) {
    this.f.patch({ fontSize: v });
  }
  get color(): string {
    return this.cur.fontColor ?? "#000000";
  }
  set color(v: string) {
    this.f.patch({ fontColor: v });
  }
  get name(): string {
    return this.cur.fontName ?? "Calibri";
  }
  set name(v: string) {
    this.f.patch({ fontName: v });
  }
}

export class RangeFillApi {
  static methods = { clear: null };
  constructor(public f: RangeFormatApi) {}
  get color(): string {
    return this.f.range.sheet.format(rectAddress(this.f.range.rect)).fill ?? "";
  }
  set color(v: string) {
    this.f.patch({ fill: v });
  }
  clear(): void {
    this.f.patch({ fill: undefined });
  }
}

export class FormatProtectionApi {
  constructor(public f: RangeFormatApi) {}
  get locked(): boolean {
    return this.f.range.sheet.format(rectAddress(this.f.range.rect)).locked ?? true;
  }
  set locked(v: boolean) {
    this.f.patch({ locked: v });
  }
  get formulaHidden(): boolean {
    return false;
  }
  set formulaHidden(_v: boolean) {}
}

const EDGES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideHorizontal", "InsideVertical", "DiagonalDown", "DiagonalUp"];

export class RangeBorderCollectionApi {
  static methods = { getItem: () => RangeBorderApi };
  constructor(public f: RangeFormatApi) {}
  getItem(index: string): RangeBorderApi {
    if (!EDGES.includes(index)) throw new OfficeApiError("InvalidArgument", `Unknown border ${index}`);
    return new RangeBorderApi(this.f, index);
  }
}

export class RangeBorderApi {
  constructor(
    public f: RangeFormatApi,
    public edge: string,
  ) {}
  private current: BorderState = { style: "None" };
  get style(): string {
    return this.current.style;
  }
  set style(v: string) {
    this.current = { ...this.current, style: v };
    this.f.patch({}, { name: this.edge, border: { ...this.current } });
  }
  get color(): string {
    return this.current.color ?? "#000000";
  }
  set color(v: string) {
    this.current = { ...this.current, color: v };
    this.f.patch({}, { name: this.edge, border: { ...this.current, style: this.current.style === "None" ? "Continuous" : this.current.style } });
  }
  get weight(): string {
    return this.current.weight ?? "Thin";
  }
  set weight(v: string) {
    this.current = { ...this.current, weight: v };
  }
}

export class ConditionalFormatCollectionApi {
  static methods = { add: () => ConditionalFormatApi, clearAll: null };
  static results = ["getCount"];
  constructor(
    public d: ExcelDouble,
    public range: RangeApi,
  ) {}
  add(type: string): ConditionalFormatApi {
    const state: ConditionalFormatState = { type, rect: { ...this.range.rect }, dataBar: {} };
    this.range.sheet.conditionalFormats.push(state);
    return new ConditionalFormatApi(state);
  }
  clearAll(): void {
    this.range.sheet.conditionalFormats = this.range.sheet.conditionalFormats.filter((c) => !overlaps(c.rect, this.range.rect));
  }
  getCount(): number {
    return this.range.sheet.conditionalFormats.filter((c) => overlaps(c.rect, this.range.rect)).length;
  }
}

export class ConditionalFormatApi {
  static nav = { dataBar: () => DataBarApi };
  constructor(public state: ConditionalFormatState) {}
  get type(): string {
    return this.state.type;
  }
  get dataBar(): DataBarApi {
    if (this.state.type !== "DataBar") throw new OfficeApiError("InvalidOperation", "Not a data bar.");
    return new DataBarApi(this.state);
  }
}

export class DataBarApi {
  static nav = { positiveFormat: () => DataBarPositiveFormatApi };
  constructor(public state: ConditionalFormatState) {}
  get barDirection(): string {
    return this.state.dataBar.barDirection ?? "Context";
  }
  set barDirection(v: string) {
    this.state.dataBar.barDirection = v;
  }
  get showDataBarOnly(): boolean {
    return this.state.dataBar.showDataBarOnly ?? false;
  }
  set showDataBarOnly(v: boolean) {
    this.state.dataBar.showDataBarOnly = v;
  }
  get positiveFormat(): DataBarPositiveFormatApi {
    return new DataBarPositiveFormatApi(this.state);
  }
}

export class DataBarPositiveFormatApi {
  constructor(public state: ConditionalFormatState) {}
  get fillColor(): string {
    return this.state.dataBar.fillColor ?? "#638EC6";
  }
  set fillColor(v: string) {
    this.state.dataBar.fillColor = v;
  }
  get gradientFill(): boolean {
    return this.state.dataBar.gradientFill ?? true;
  }
  set gradientFill(v: boolean) {
    this.state.dataBar.gradientFill = v;
  }
}

export class DataValidationApi {
  static methods = { clear: null };
  constructor(
    public d: ExcelDouble,
    public range: RangeApi,
  ) {}
  private find(): ValidationState | undefined {
    return this.range.sheet.validations.find((v) => overlaps(v.rect, this.range.rect));
  }
  get rule(): any {
    return this.find()?.rule ?? {};
  }
  set rule(rule: any) {
    const list = rule?.list;
    if (list) {
      const source = list.source;
      if (typeof source === "string" && !source.startsWith("=") && source.length > 255) {
        throw new OfficeApiError("InvalidArgument", "A list source longer than 255 characters is not valid.");
      }
    }
    this.clear();
    this.range.sheet.validations.push({ rect: { ...this.range.rect }, rule });
  }
  get errorAlert(): any {
    return this.find()?.errorAlert ?? {};
  }
  set errorAlert(v: any) {
    const found = this.find();
    if (found) found.errorAlert = v;
  }
  clear(): void {
    this.range.sheet.validations = this.range.sheet.validations.filter((v) => !overlaps(v.rect, this.range.rect));
  }
}

export class WorksheetFreezePanesApi {
  static methods = { freezeRows: null, freezeColumns: null, freezeAt: null, unfreeze: null };
  constructor(public sheet: SheetState) {}
  freezeRows(n = 1): void {
    this.sheet.freeze = { rows: n, cols: 0 };
  }
  freezeColumns(n = 1): void {
    this.sheet.freeze = { rows: 0, cols: n };
  }
  freezeAt(range: RangeApi | string): void {
    const rect = typeof range === "string" ? parseAddress(range).rect : range.rect;
    this.sheet.freeze = { rows: rect.r1 + 1, cols: rect.c1 + 1 };
  }
  unfreeze(): void {
    this.sheet.freeze = { rows: 0, cols: 0 };
  }
}

export class HeaderFooterApi {
  constructor(public pl: PageLayoutState) {}
  get leftFooter(): string {
    return this.pl.footers.left;
  }
  set leftFooter(v: string) {
    this.pl.footers.left = v;
  }
  get centerFooter(): string {
    return this.pl.footers.center;
  }
  set centerFooter(v: string) {
    this.pl.footers.center = v;
  }
  get rightFooter(): string {
    return this.pl.footers.right;
  }
  set rightFooter(v: string) {
    this.pl.footers.right = v;
  }
  get leftHeader(): string {
    return this.pl.headers.left;
  }
  set leftHeader(v: string) {
    this.pl.headers.left = v;
  }
  get centerHeader(): string {
    return this.pl.headers.center;
  }
  set centerHeader(v: string) {
    this.pl.headers.center = v;
  }
  get rightHeader(): string {
    return this.pl.headers.right;
  }
  set rightHeader(v: string) {
    this.pl.headers.right = v;
  }
}

export class HeaderFooterGroupApi {
  static nav = { defaultForAllPages: () => HeaderFooterApi };
  constructor(public pl: PageLayoutState) {}
  get defaultForAllPages(): HeaderFooterApi {
    return new HeaderFooterApi(this.pl);
  }
  get state(): string {
    return "Default";
  }
}

export class PageLayoutApi {
  static nav = { headersFooters: () => HeaderFooterGroupApi };
  static methods = { setPrintTitleRows: null, setPrintArea: null, setPrintMargins: null };
  constructor(public sheet: SheetState) {}
  private get pl(): PageLayoutState {
    return this.sheet.pageLayout;
  }
  get orientation(): string {
    return this.pl.orientation;
  }
  set orientation(v: string) {
    if (v !== "Portrait" && v !== "Landscape") throw new OfficeApiError("InvalidArgument", `orientation ${v}`);
    this.pl.orientation = v;
  }
  get paperSize(): string {
    return this.pl.paperSize;
  }
  set paperSize(v: string) {
    this.pl.paperSize = v;
  }
  get zoom(): any {
    return this.pl.zoom;
  }
  set zoom(v: any) {
    this.pl.zoom = v;
  }
  get centerHorizontally(): boolean {
    return this.pl.centerHorizontally;
  }
  set centerHorizontally(v: boolean) {
    this.pl.centerHorizontally = v;
  }
  get printGridlines(): boolean {
    return this.pl.printGridlines;
  }
  set printGridlines(v: boolean) {
    this.pl.printGridlines = v;
  }
  get headersFooters(): HeaderFooterGroupApi {
    return new HeaderFooterGroupApi(this.pl);
  }
  setPrintTitleRows(rows: RangeApi | string): void {
    const rect = typeof rows === "string" ? parseAddress(rows).rect : rows.rect;
    if (rect.c0 !== 0 || rect.c1 !== MAX_COLS - 1) throw new OfficeApiError("InvalidArgument", "Print title rows must span entire rows.");
    this.pl.printTitleRows = `$${rect.r0 + 1}:$${rect.r1 + 1}`;
  }
  setPrintArea(area: RangeApi | string): void {
    this.pl.printArea = typeof area === "string" ? area : rectAddress(area.rect);
  }
  setPrintMargins(): void {}
}

export class ChartTitleApi {
  constructor(public chart: ChartState) {}
  get text(): string {
    return this.chart.title;
  }
  set text(v: string) {
    this.chart.title = v;
  }
  get visible(): boolean {
    return this.chart.title !== "";
  }
  set visible(_v: boolean) {}
}

export class ChartLegendApi {
  constructor(public chart: ChartState) {}
  get position(): string {
    return "Right";
  }
  set position(_v: string) {}
  get visible(): boolean {
    return true;
  }
  set visible(_v: boolean) {}
}

export class ChartApi {
  static nav = { title: () => ChartTitleApi, legend: () => ChartLegendApi };
  static methods = { setPosition: null, delete: null };
  constructor(
    public sheet: SheetState,
    public state: ChartState,
  ) {}
  get name(): string {
    return this.state.name;
  }
  set name(v: string) {
    this.state.name = v;
  }
  get chartType(): string {
    return this.state.type;
  }
  get title(): ChartTitleApi {
    return new ChartTitleApi(this.state);
  }
  get legend(): ChartLegendApi {
    return new ChartLegendApi(this.state);
  }
  get top(): number {
    return this.state.top;
  }
  set top(v: number) {
    this.state.top = v;
  }
  get left(): number {
    return this.state.left;
  }
  set left(v: number) {
    this.state.left = v;
  }
  get width(): number {
    return this.state.width;
  }
  set width(v: number) {
    this.state.width = v;
  }
  get height(): number {
    return this.state.height;
  }
  set height(v: number) {
    this.state.height = v;
  }
  setPosition(start: RangeApi | string, end?: RangeApi | string): void {
    const addr = (x: RangeApi | string) => (typeof x === "string" ? x : rectAddress(x.rect));
    this.state.position = { start: addr(start), end: end === undefined ? undefined : addr(end) };
  }
  delete(): void {
    this.sheet.charts = this.sheet.charts.filter((c) => c !== this.state);
  }
}

export class ChartCollectionApi {
  static methods = { add: () => ChartApi, getItem: () => ChartApi, getItemAt: () => ChartApi };
  static results = ["getCount"];
  static itemClass = () => ChartApi;
  constructor(public sheet: SheetState) {}
  add(type: string, source: RangeApi, seriesBy = "Auto"): ChartApi {
    if (!(source instanceof RangeApi)) throw new OfficeApiError("InvalidArgument", "sourceData must be a Range");
    const state: ChartState = {
      name: `Chart ${this.sheet.charts.length + 1}`,
      type,
      source: { ...source.rect },
      seriesBy,
      title: "",
      top: 0,
      left: 0,
      width: 360,
      height: 216,
    };
    this.sheet.charts.push(state);
    return new ChartApi(this.sheet, state);
  }
  getItem(name: string): ChartApi {
    const c = this.sheet.charts.find((x) => x.name === name);
    if (!c) throw new OfficeApiError("ItemNotFound", `No chart ${name}`);
    return new ChartApi(this.sheet, c);
  }
  getItemAt(i: number): ChartApi {
    return new ChartApi(this.sheet, this.sheet.charts[i]);
  }
  getCount(): number {
    return this.sheet.charts.length;
  }
  get items(): ChartApi[] {
    return this.sheet.charts.map((c) => new ChartApi(this.sheet, c));
  }
}

export class CustomPropertyApi {
  static methods = { delete: null };
  constructor(
    public sheet: SheetState,
    public state: { key: string; value: string },
  ) {}
  get key(): string {
    return this.state.key;
  }
  get value(): string {
    return this.state.value;
  }
  set value(v: string) {
    this.state.value = v;
  }
  delete(): void {
    this.sheet.customProperties.delete(this.state.key.toLowerCase());
  }
}

export class CustomPropertyCollectionApi {
  static methods = { add: () => CustomPropertyApi, getItem: () => CustomPropertyApi, getItemOrNullObject: () => CustomPropertyApi };
  static results = ["getCount"];
  static itemClass = () => CustomPropertyApi;
  constructor(public sheet: SheetState) {}
  add(key: string, value: string): CustomPropertyApi {
    if (key.length > 255) throw new OfficeApiError("InvalidArgument", "Custom property keys are limited to 255 characters.");
    const state = { key, value: String(value) };
    this.sheet.customProperties.set(key.toLowerCase(), state);
    return new CustomPropertyApi(this.sheet, state);
  }
  getItem(key: string): CustomPropertyApi {
    const found = this.getItemOrNullObject(key);
    if (!found) throw new OfficeApiError("ItemNotFound", `No custom property ${key}`);
    return found;
  }
  getItemOrNullObject(key: string): CustomPropertyApi | null {
    const state = this.sheet.customProperties.get(key.toLowerCase());
    return state ? new CustomPropertyApi(this.sheet, state) : null;
  }
  getCount(): number {
    return this.sheet.customProperties.size;
  }
  get items(): CustomPropertyApi[] {
    return [...this.sheet.customProperties.values()].map((s) => new CustomPropertyApi(this.sheet, s));
  }
}

export class NamedItemApi {
  static methods = { delete: null };
  constructor(
    public sheet: SheetState,
    public state: { name: string; formula: string; comment: string },
  ) {}
  get name(): string {
    return this.state.name;
  }
  get formula(): string {
    return this.state.formula;
  }
  set formula(v: string) {
    this.state.formula = v;
  }
  get comment(): string {
    return this.state.comment;
  }
  get type(): string {
    return /^="/.test(this.state.formula) ? "String" : "Range";
  }
  /** For a string constant, its text (as Excel evaluates the name). */
  get value(): string {
    const m = /^="((?:[^"]|"")*)"$/.exec(this.state.formula);
    return m ? m[1].replace(/""/g, '"') : this.state.formula;
  }
  get visible(): boolean {
    return true;
  }
  delete(): void {
    this.sheet.names.delete(this.state.name.toUpperCase());
  }
}

export class NamedItemCollectionApi {
  static methods = { add: () => NamedItemApi, getItem: () => NamedItemApi, getItemOrNullObject: () => NamedItemApi };
  static results = ["getCount"];
  static itemClass = () => NamedItemApi;
  constructor(public sheet: SheetState) {}
  add(name: string, reference: RangeApi | string, comment = ""): NamedItemApi {
    if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name)) throw new OfficeApiError("InvalidArgument", `Bad name ${name}`);
    if (this.sheet.names.has(name.toUpperCase())) throw new OfficeApiError("ItemAlreadyExists", `Name ${name} exists`);
    const formula = typeof reference === "string" ? reference : `=${quoteSheet(reference.sheet.name)}!${rectAddress(reference.rect)}`;
    if (typeof reference === "string" && formula.length > 8192) throw new OfficeApiError("InvalidArgument", "Formula too long");
    const m = /^="((?:[^"]|"")*)"$/.exec(formula);
    if (m && m[1].replace(/""/g, '"').length > 255) throw new OfficeApiError("InvalidArgument", "Text values in formulas are limited to 255 characters.");
    const state = { name, formula, comment };
    this.sheet.names.set(name.toUpperCase(), state);
    return new NamedItemApi(this.sheet, state);
  }
  getItem(name: string): NamedItemApi {
    const found = this.getItemOrNullObject(name);
    if (!found) throw new OfficeApiError("ItemNotFound", `No name ${name}`);
    return found;
  }
  getItemOrNullObject(name: string): NamedItemApi | null {
    const state = this.sheet.names.get(name.toUpperCase());
    return state ? new NamedItemApi(this.sheet, state) : null;
  }
  getCount(): number {
    return this.sheet.names.size;
  }
  get items(): NamedItemApi[] {
    return [...this.sheet.names.values()].map((s) => new NamedItemApi(this.sheet, s));
  }
}

export class TableApi {
  static nav = { worksheet: () => WorksheetApi, rows: () => TableRowCollectionApi };
  static methods = {
    getRange: () => RangeApi,
    getHeaderRowRange: () => RangeApi,
    getDataBodyRange: () => RangeApi,
    getTotalRowRange: () => RangeApi,
    delete: null,
  };
  constructor(
    public d: ExcelDouble,
    public state: TableState,
  ) {}
  get id(): string {
    return this.state.id;
  }
  get name(): string {
    return this.state.name;
  }
  set name(v: string) {
    if (this.d.state.tables.some((t) => t !== this.state && t.name.toUpperCase() === v.toUpperCase())) {
      throw new OfficeApiError("ItemAlreadyExists", `A table named ${v} exists`);
    }
    this.state.name = v;
  }
  get showHeaders(): boolean {
    return this.state.showHeaders;
  }
  set showHeaders(v: boolean) {
    this.state.showHeaders = v;
  }
  get showTotals(): boolean {
    return this.state.showTotals;
  }
  set showTotals(v: boolean) {
    this.state.showTotals = v;
  }
  get style(): string {
    return this.state.style;
  }
  set style(v: string) {
    this.state.style = v;
  }
  get worksheet(): WorksheetApi {
    return new WorksheetApi(this.d, this.state.sheet);
  }
  get rows(): TableRowCollectionApi {
    return new TableRowCollectionApi(this.d, this.state);
  }
  getRange(): RangeApi {
    return new RangeApi(this.d, this.state.sheet, { ...this.state.rect });
  }
  getHeaderRowRange(): RangeApi {
    if (!this.state.showHeaders) throw new OfficeApiError("ItemNotFound", "The table has no header row.");
    return new RangeApi(this.d, this.state.sheet, { ...this.state.rect, r1: this.state.rect.r0 });
  }
  getDataBodyRange(): RangeApi {
    const r0 = this.state.rect.r0 + (this.state.showHeaders ? 1 : 0);
    const r1 = this.state.rect.r1 - (this.state.showTotals ? 1 : 0);
    return new RangeApi(this.d, this.state.sheet, { ...this.state.rect, r0, r1: Math.max(r0, r1) });
  }
  getTotalRowRange(): RangeApi {
    if (!this.state.showTotals) throw new OfficeApiError("ItemNotFound", "The table has no total row.");
    return new RangeApi(this.d, this.state.sheet, { ...this.state.rect, r0: this.state.rect.r1 });
  }
  delete(): void {
    this.d.state.tables = this.d.state.tables.filter((t) => t !== this.state);
  }
}

/** Table.rows: `add(undefined, values)` appends rows at the table's end (the cells below must be free, as the double does not shift them). */
export class TableRowCollectionApi {
  static methods = { add: null };
  static results = ["getCount"];
  constructor(
    public d: ExcelDouble,
    public table: TableState,
  ) {}
  add(index: number | undefined | null, values: unknown[][]): void {
    const { rect, sheet } = this.table;
    const width = rect.c1 - rect.c0 + 1;
    if (index !== undefined && index !== null) throw new OfficeApiError("InvalidArgument", "The double appends rows only (index must be absent).");
    if (this.table.showTotals) throw new OfficeApiError("InvalidOperation", "The double cannot add rows above a total row.");
    if (values.some((row) => row.length !== width)) throw new OfficeApiError("InvalidArgument", `Each row needs ${width} values.`);
    values.forEach((row, i) => {
      for (let j = 0; j < width; j++) {
        const at = sheet.cell(rect.r1 + 1 + i, rect.c0 + j);
        if (at.value !== "" || at.formula !== undefined) throw new OfficeApiError("InvalidOperation", "The cells below the table are not empty.");
      }
    });
    values.forEach((row, i) => row.forEach((v, j) => enterValue(sheet.mutableCell(rect.r1 + 1 + i, rect.c0 + j), v)));
    rect.r1 += values.length;
  }
  getCount(): number {
    return this.table.rect.r1 - this.table.rect.r0 + (this.table.showHeaders ? 0 : 1);
  }
}

/** Worksheet.horizontalPageBreaks (ExcelApi 1.9): a break above the given cell's row. */
export class PageBreakCollectionApi {
  static methods = { add: null, removePageBreaks: null };
  constructor(
    public d: ExcelDouble,
    public sheet: SheetState,
  ) {}
  add(cell: RangeApi | string): void {
    this.d.requireApi("1.9", "Worksheet.horizontalPageBreaks");
    const rect = typeof cell === "string" ? parseAddress(cell).rect : cell.rect;
    if (!this.sheet.pageBreaks.includes(rect.r0)) this.sheet.pageBreaks.push(rect.r0);
  }
  removePageBreaks(): void {
    this.sheet.pageBreaks = [];
  }
}

export class TableCollectionApi {
  static methods = { add: () => TableApi, getItem: () => TableApi, getItemOrNullObject: () => TableApi, getItemAt: () => TableApi };
  static results = ["getCount"];
  static itemClass = () => TableApi;
  constructor(
    public d: ExcelDouble,
    public sheet: SheetState | null,
  ) {}
  private list(): TableState[] {
    return this.sheet ? this.sheet.tables() : this.d.state.tables;
  }
  add(address: RangeApi | string, hasHeaders: boolean): TableApi {
    let sheet = this.sheet;
    let rect: Rect;
    if (typeof address === "string") {
      const parsed = parseAddress(address);
      rect = parsed.rect;
      if (parsed.sheet) sheet = this.d.state.sheet(parsed.sheet) ?? null;
    } else {
      rect = { ...address.rect };
      sheet = address.sheet;
    }
    if (!sheet) throw new OfficeApiError("InvalidArgument", "A table needs a worksheet.");
    if (this.d.state.tables.some((t) => t.sheet === sheet && overlaps(t.rect, rect))) {
      throw new OfficeApiError("InvalidOperation", "A table can't overlap another table.");
    }
    const n = this.d.state.tables.length + 1;
    const state: TableState = { id: `${n}`, name: `Table${n}`, sheet, rect, showHeaders: hasHeaders, showTotals: false, style: "TableStyleMedium2" };
    this.d.state.tables.push(state);
    return new TableApi(this.d, state);
  }
  getItem(key: string): TableApi {
    const found = this.getItemOrNullObject(key);
    if (!found) throw new OfficeApiError("ItemNotFound", `No table ${key}`);
    return found;
  }
  getItemOrNullObject(key: string): TableApi | null {
    const t = this.list().find((x) => x.name.toUpperCase() === key.toUpperCase() || x.id === key);
    return t ? new TableApi(this.d, t) : null;
  }
  getItemAt(i: number): TableApi {
    return new TableApi(this.d, this.list()[i]);
  }
  getCount(): number {
    return this.list().length;
  }
  get items(): TableApi[] {
    return this.list().map((t) => new TableApi(this.d, t));
  }
}

export class TableScopedCollectionApi {
  static methods = { getFirst: () => TableApi, getItem: () => TableApi, getItemOrNullObject: () => TableApi };
  static results = ["getCount"];
  static itemClass = () => TableApi;
  constructor(
    public d: ExcelDouble,
    public tables: TableState[],
  ) {}
  getFirst(): TableApi {
    if (this.tables.length === 0) throw new OfficeApiError("ItemNotFound", "No table in the range.");
    return new TableApi(this.d, this.tables[0]);
  }
  getItem(key: string): TableApi {
    const t = this.tables.find((x) => x.name.toUpperCase() === key.toUpperCase());
    if (!t) throw new OfficeApiError("ItemNotFound", `No table ${key}`);
    return new TableApi(this.d, t);
  }
  getItemOrNullObject(key: string): TableApi | null {
    const t = this.tables.find((x) => x.name.toUpperCase() === key.toUpperCase());
    return t ? new TableApi(this.d, t) : null;
  }
  getCount(): number {
    return this.tables.length;
  }
  get items(): TableApi[] {
    return this.tables.map((t) => new TableApi(this.d, t));
  }
}

/** Several ranges of one sheet handled as one (Worksheet.getRanges, ExcelApi 1.9). */
export class RangeAreasApi {
  static nav = { format: () => RangeFormatApi };
  constructor(
    public d: ExcelDouble,
    public sheet: SheetState,
    public areas: RangeApi[],
  ) {}
  get address(): string {
    return this.areas.map((a) => a.address).join(",");
  }
  get areaCount(): number {
    return this.areas.length;
  }
  get format(): RangeFormatApi {
    return new RangeFormatApi(this.d, this.areas[0], this.areas);
  }
}

// ---------------------------------------------------------------------------
// Events

export type WorksheetEvent = "Changed" | "Added" | "Deleted";

/** The arguments Excel gives a handler (WorksheetChangedEventArgs, WorksheetAddedEventArgs, WorksheetDeletedEventArgs). */
export interface WorksheetEventArgs {
  type: "WorksheetChanged" | "WorksheetAdded" | "WorksheetDeleted";
  source: "Local" | "Remote";
  worksheetId: string;
  /** WorksheetChanged only: the changed area, without the sheet name ("A1:A4") */
  address?: string;
  /** WorksheetChanged only */
  changeType?: "RangeEdited";
  /** WorksheetChanged, ExcelApi 1.14: "ThisLocalAddin" when this add-in's own request made the change */
  triggerSource?: "ThisLocalAddin" | "Unknown";
  getRange?: (ctx: DoubleRequestContext) => any;
  getRangeOrNullObject?: (ctx: DoubleRequestContext) => any;
}

interface EventRegistration {
  event: WorksheetEvent;
  /** the worksheet whose event this is, or null for the worksheet collection (every sheet) */
  sheet: SheetState | null;
  handler: (args: WorksheetEventArgs) => unknown;
}

/** OfficeExtension.EventHandlers: `add(handler)` registers once the request that carries it syncs. */
export class EventHandlersApi {
  static methods = { add: () => EventHandlerResultApi };
  constructor(
    public d: ExcelDouble,
    public sheet: SheetState | null,
    public event: WorksheetEvent,
  ) {}
  add(handler: (args: WorksheetEventArgs) => unknown): EventHandlerResultApi {
    if (typeof handler !== "function") throw new OfficeApiError("InvalidArgument", "An event handler must be a function.");
    // Worksheet.onChanged and the collection's onAdded/onDeleted are ExcelApi 1.7; the collection's onChanged is 1.9
    this.d.requireApi(this.sheet === null && this.event === "Changed" ? "1.9" : "1.7", `on${this.event}`);
    const registration: EventRegistration = { event: this.event, sheet: this.sheet, handler };
    this.d.eventRegistrations.push(registration);
    return new EventHandlerResultApi(this.d, registration);
  }
}

/** OfficeExtension.EventHandlerResult: `remove()` unregisters at the next sync. */
export class EventHandlerResultApi {
  static methods = { remove: null };
  constructor(
    public d: ExcelDouble,
    private registration: EventRegistration,
  ) {}
  remove(): void {
    this.d.eventRegistrations = this.d.eventRegistrations.filter((r) => r !== this.registration);
  }
}

export class WorksheetApi {
  static nav = {
    onChanged: () => EventHandlersApi,
    freezePanes: () => WorksheetFreezePanesApi,
    pageLayout: () => PageLayoutApi,
    horizontalPageBreaks: () => PageBreakCollectionApi,
    charts: () => ChartCollectionApi,
    customProperties: () => CustomPropertyCollectionApi,
    names: () => NamedItemCollectionApi,
    tables: () => TableCollectionApi,
  };
  static methods = {
    getRange: () => RangeApi,
    getRanges: () => RangeAreasApi,
    getRangeByIndexes: () => RangeApi,
    getUsedRange: () => RangeApi,
    getUsedRangeOrNullObject: () => RangeApi,
    getCell: () => RangeApi,
    copy: () => WorksheetApi,
    delete: null,
    activate: null,
  };
  constructor(
    public d: ExcelDouble,
    public sheet: SheetState,
  ) {
    if (sheet.deleted) throw new OfficeApiError("InvalidReference", "The worksheet was deleted.");
  }
  get id(): string {
    return this.sheet.id;
  }
  get name(): string {
    return this.sheet.name;
  }
  set name(v: string) {
    this.d.checkSheetName(v, this.sheet);
    this.sheet.name = v;
  }
  get position(): number {
    return this.sheet.position;
  }
  set position(p: number) {
    const sheets = this.d.state.sheets;
    if (p < 0 || p >= sheets.length) throw new OfficeApiError("InvalidArgument", `position ${p}`);
    sheets.splice(sheets.indexOf(this.sheet), 1);
    sheets.splice(p, 0, this.sheet);
  }
  get visibility(): string {
    return this.sheet.visibility;
  }
  set visibility(v: string) {
    this.sheet.visibility = v;
  }
  get onChanged(): EventHandlersApi {
    return new EventHandlersApi(this.d, this.sheet, "Changed");
  }
  get tabColor(): string {
    return this.sheet.tabColor;
  }
  set tabColor(v: string) {
    if (v !== "" && !/^#[0-9A-Fa-f]{6}$/.test(v)) throw new OfficeApiError("InvalidArgument", `tabColor ${v}`);
    this.sheet.tabColor = v;
  }
  get freezePanes(): WorksheetFreezePanesApi {
    return new WorksheetFreezePanesApi(this.sheet);
  }
  get pageLayout(): PageLayoutApi {
    return new PageLayoutApi(this.sheet);
  }
  get horizontalPageBreaks(): PageBreakCollectionApi {
    return new PageBreakCollectionApi(this.d, this.sheet);
  }
  get charts(): ChartCollectionApi {
    return new ChartCollectionApi(this.sheet);
  }
  get customProperties(): CustomPropertyCollectionApi {
    this.d.requireApi("1.12", "Worksheet.customProperties");
    return new CustomPropertyCollectionApi(this.sheet);
  }
  get names(): NamedItemCollectionApi {
    return new NamedItemCollectionApi(this.sheet);
  }
  get tables(): TableCollectionApi {
    return new TableCollectionApi(this.d, this.sheet);
  }
  getRange(address?: string): RangeApi {
    if (address === undefined || address === "") return new RangeApi(this.d, this.sheet, { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 });
    const parsed = parseAddress(address);
    if (parsed.sheet && parsed.sheet.toUpperCase() !== this.sheet.name.toUpperCase()) {
      throw new OfficeApiError("InvalidArgument", `Address ${address} is not on ${this.sheet.name}`);
    }
    return new RangeApi(this.d, this.sheet, parsed.rect);
  }
  getRanges(address: string): RangeAreasApi {
    this.d.requireApi("1.9", "Worksheet.getRanges");
    const parts = address.split(",").map((a) => a.trim()).filter(Boolean);
    if (parts.length === 0) throw new OfficeApiError("InvalidArgument", "No ranges.");
    return new RangeAreasApi(this.d, this.sheet, parts.map((a) => this.getRange(a)));
  }
  getRangeByIndexes(r: number, c: number, rows: number, cols: number): RangeApi {
    return new RangeApi(this.d, this.sheet, { r0: r, c0: c, r1: r + rows - 1, c1: c + cols - 1 });
  }
  getCell(r: number, c: number): RangeApi {
    return new RangeApi(this.d, this.sheet, { r0: r, c0: c, r1: r, c1: c });
  }
  getUsedRange(): RangeApi {
    return new RangeApi(this.d, this.sheet, this.sheet.usedRect() ?? { r0: 0, c0: 0, r1: 0, c1: 0 });
  }
  getUsedRangeOrNullObject(): RangeApi | null {
    const rect = this.sheet.usedRect();
    return rect ? new RangeApi(this.d, this.sheet, rect) : null;
  }
  /** Worksheet.copy (ExcelApi 1.7): what the user's "Move or Copy… / Create a copy" does. */
  copy(positionType = "None", relativeTo?: WorksheetApi): WorksheetApi {
    this.d.requireApi("1.7", "Worksheet.copy");
    const at = positionType === "Beginning" ? 0 : positionType === "Before" && relativeTo ? relativeTo.sheet.position : positionType === "After" && relativeTo ? relativeTo.sheet.position + 1 : positionType === "End" ? this.d.state.sheets.length : this.sheet.position + 1;
    const copy = this.d.copySheet(this.sheet, at);
    this.d.noteLocalSheetEvent("Added", copy);
    return new WorksheetApi(this.d, copy);
  }
  delete(): void {
    const sheets = this.d.state.sheets;
    if (sheets.length === 1) throw new OfficeApiError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
    sheets.splice(sheets.indexOf(this.sheet), 1);
    this.sheet.deleted = true;
    this.d.state.tables = this.d.state.tables.filter((t) => t.sheet !== this.sheet);
    if (this.d.state.activeSheet === this.sheet) this.d.state.activeSheet = sheets[0];
    this.d.noteLocalSheetEvent("Deleted", this.sheet);
  }
  activate(): void {
    this.d.state.activeSheet = this.sheet;
  }
}

export class WorksheetCollectionApi {
  static nav = { onChanged: () => EventHandlersApi, onAdded: () => EventHandlersApi, onDeleted: () => EventHandlersApi };
  static methods = {
    add: () => WorksheetApi,
    getItem: () => WorksheetApi,
    getItemOrNullObject: () => WorksheetApi,
    getActiveWorksheet: () => WorksheetApi,
    getFirst: () => WorksheetApi,
  };
  static results = ["getCount"];
  static itemClass = () => WorksheetApi;
  constructor(public d: ExcelDouble) {}
  add(name?: string): WorksheetApi {
    const wanted = name ?? this.d.nextSheetName();
    this.d.checkSheetName(wanted, null);
    const sheet = new SheetState(this.d.state, wanted);
    this.d.state.sheets.push(sheet);
    this.d.noteLocalSheetEvent("Added", sheet);
    return new WorksheetApi(this.d, sheet);
  }
  get onChanged(): EventHandlersApi {
    return new EventHandlersApi(this.d, null, "Changed");
  }
  get onAdded(): EventHandlersApi {
    return new EventHandlersApi(this.d, null, "Added");
  }
  get onDeleted(): EventHandlersApi {
    return new EventHandlersApi(this.d, null, "Deleted");
  }
  getItem(key: string): WorksheetApi {
    const found = this.getItemOrNullObject(key);
    if (!found) throw new OfficeApiError("ItemNotFound", `The requested resource doesn't exist: worksheet ${key}`);
    return found;
  }
  getItemOrNullObject(key: string): WorksheetApi | null {
    const s = this.d.state.sheet(key) ?? this.d.state.sheets.find((x) => x.id === key);
    return s ? new WorksheetApi(this.d, s) : null;
  }
  getActiveWorksheet(): WorksheetApi {
    return new WorksheetApi(this.d, this.d.state.activeSheet ?? this.d.state.sheets[0]);
  }
  getFirst(): WorksheetApi {
    return new WorksheetApi(this.d, this.d.state.sheets[0]);
  }
  getCount(): number {
    return this.d.state.sheets.length;
  }
  get items(): WorksheetApi[] {
    return this.d.state.sheets.map((s) => new WorksheetApi(this.d, s));
  }
}

export class ApplicationApi {
  static methods = { suspendApiCalculationUntilNextSync: null, suspendScreenUpdatingUntilNextSync: null, calculate: null };
  constructor(public d: ExcelDouble) {}
  suspendApiCalculationUntilNextSync(): void {
    this.d.currentRequest.suspendedCalculation = true;
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.d.currentRequest.suspendedScreenUpdating = true;
    this.d.screenUpdatingSuspensions++;
  }
  /** Application.calculate: every calculation type recomputes the custom-function cells (the only formulas the double evaluates). */
  calculate(): void {
    this.d.calculateCustomFunctions();
  }
  get calculationMode(): string {
    return "Automatic";
  }
}

export class SettingApi {
  static methods = { delete: null };
  constructor(
    public d: ExcelDouble,
    public key: string,
  ) {}
  get value(): unknown {
    return this.d.state.settings.get(this.key);
  }
  set value(v: unknown) {
    this.d.state.settings.set(this.key, v);
  }
  delete(): void {
    this.d.state.settings.delete(this.key);
  }
}

export class SettingCollectionApi {
  static methods = { add: () => SettingApi, getItem: () => SettingApi, getItemOrNullObject: () => SettingApi };
  static itemClass = () => SettingApi;
  constructor(public d: ExcelDouble) {}
  add(key: string, value: unknown): SettingApi {
    this.d.state.settings.set(key, value);
    return new SettingApi(this.d, key);
  }
  getItem(key: string): SettingApi {
    if (!this.d.state.settings.has(key)) throw new OfficeApiError("ItemNotFound", `No setting ${key}`);
    return new SettingApi(this.d, key);
  }
  getItemOrNullObject(key: string): SettingApi | null {
    return this.d.state.settings.has(key) ? new SettingApi(this.d, key) : null;
  }
  get items(): SettingApi[] {
    return [...this.d.state.settings.keys()].map((k) => new SettingApi(this.d, k));
  }
}

export class WorkbookApi {
  static nav = {
    worksheets: () => WorksheetCollectionApi,
    tables: () => TableCollectionApi,
    application: () => ApplicationApi,
    settings: () => SettingCollectionApi,
  };
  static methods = { getSelectedRange: () => RangeApi, getActiveCell: () => RangeApi };
  constructor(public d: ExcelDouble) {}
  get name(): string {
    return "Book1.xlsx";
  }
  get worksheets(): WorksheetCollectionApi {
    return new WorksheetCollectionApi(this.d);
  }
  get tables(): TableCollectionApi {
    return new TableCollectionApi(this.d, null);
  }
  get application(): ApplicationApi {
    return new ApplicationApi(this.d);
  }
  get settings(): SettingCollectionApi {
    return new SettingCollectionApi(this.d);
  }
  getSelectedRange(): RangeApi {
    const sel = this.d.state.selection;
    if (!sel) throw new OfficeApiError("InvalidSelection", "Nothing is selected.");
    return new RangeApi(this.d, sel.sheet, { ...sel.rect });
  }
  getActiveCell(): RangeApi {
    const sel = this.d.state.selection;
    if (!sel) throw new OfficeApiError("InvalidSelection", "Nothing is selected.");
    return new RangeApi(this.d, sel.sheet, { r0: sel.rect.r0, c0: sel.rect.c0, r1: sel.rect.r0, c1: sel.rect.c0 });
  }
}

// ---------------------------------------------------------------------------
// Proxies: queue on use, resolve on sync

interface Slot {
  done: boolean;
  value: any;
}

interface Ref {
  ctx: DoubleRequestContext;
  cls: ApiClass;
  path: string;
  resolve: () => any;
  loaded: Map<string, unknown>;
  children: Map<string, any>;
  slot?: Slot;
  items?: any[];
  /** set once a sync has resolved this object (isNullObject becomes readable) */
  synced: boolean;
  /** the proxy handed out for this object */
  self?: any;
  /** id of this object's path in requests */
  id: number;
  /** the object this one was reached from */
  parent: Ref | null;
  /** bytes of this object's own path entry ({parent id, member, arguments}) */
  segment: number;
}

interface Op {
  kind: "set" | "call" | "load";
  /** bytes of the action itself (object id, member, value) */
  bytes: number;
  /** the objects the action refers to: their path entries travel with the request */
  refs: Ref[];
  describe: string;
  run: () => void;
}

let refIds = 0;

export interface RequestRecord {
  /** estimated payload: UTF-8 bytes of the JSON of the queued actions */
  bytes: number;
  actions: number;
  suspendedCalculation: boolean;
  suspendedScreenUpdating: boolean;
  /** human-readable list of the actions, in order */
  log: string[];
}

export interface WriteRecord {
  kind: WriteKind;
  /** the sheet's name when it was written (a sheet may be renamed later) */
  sheet: string;
  sheetId: string;
  rect: Rect;
  /** index of the sync that carried the write (0-based) */
  sync: number;
}

const refOf = new WeakMap<object, Ref>();

// Members that JavaScript itself, promises and test frameworks probe on any object.
const PROBES = new Set(["then", "asymmetricMatch", "$$typeof", "nodeType", "tagName", "constructor", "@@__IMMUTABLE_ITERABLE__@@", "@@__IMMUTABLE_RECORD__@@", "_isMockFunction", "toAsymmetricMatcher"]);

function hasAccessor(cls: ApiClass, prop: string): { get: boolean; set: boolean } {
  let proto = cls.prototype;
  while (proto && proto !== Object.prototype) {
    const d = Object.getOwnPropertyDescriptor(proto, prop);
    if (d) return { get: !!d.get, set: !!d.set };
    proto = Object.getPrototypeOf(proto);
  }
  return { get: false, set: false };
}

function cloneValue<T>(v: T): T {
  if (v === null || typeof v !== "object") return v;
  if (refOf.has(v as object)) return v;
  return JSON.parse(JSON.stringify(v));
}

function unwrap(arg: unknown): unknown {
  if (arg !== null && typeof arg === "object" && refOf.has(arg as object)) {
    const r = refOf.get(arg as object)!.resolve();
    return r;
  }
  return arg;
}

function refArgs(args: unknown[]): Ref[] {
  const out: Ref[] = [];
  for (const a of args) if (a !== null && typeof a === "object" && refOf.has(a as object)) out.push(refOf.get(a as object)!);
  return out;
}

function argText(arg: unknown): unknown {
  if (arg !== null && typeof arg === "object" && refOf.has(arg as object)) return { $ref: refOf.get(arg as object)!.id };
  return arg;
}

/** Splits a load argument into property paths ("values", "format/font/bold", "items/name"). */
function loadPaths(arg: unknown): string[] | "all" {
  if (arg === undefined || arg === null) return "all";
  if (typeof arg === "string") return arg.split(",").map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(arg)) return arg.flatMap((a) => (typeof a === "string" ? a.split(",").map((s) => s.trim()) : [])).filter(Boolean);
  if (typeof arg === "object") {
    const o = arg as Record<string, unknown>;
    if (typeof o.select === "string") return loadPaths(o.select);
    const out: string[] = [];
    const walk = (obj: Record<string, unknown>, prefix: string) => {
      for (const [k, v] of Object.entries(obj)) {
        if (k === "$all" || k === "$top" || k === "$skip") continue;
        if (v === true) out.push(prefix + k);
        else if (v && typeof v === "object") walk(v as Record<string, unknown>, `${prefix}${k}/`);
      }
    };
    walk(o, "");
    return out.length ? out : "all";
  }
  return "all";
}

function scalarProps(cls: ApiClass): string[] {
  const out: string[] = [];
  let proto = cls.prototype;
  while (proto && proto !== Object.prototype) {
    for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
      if (d.get && !(cls.nav && k in cls.nav) && k !== "items" && !out.includes(k)) out.push(k);
    }
    proto = Object.getPrototypeOf(proto);
  }
  return out;
}

export class DoubleRequestContext {
  queue: Op[] = [];
  readonly workbook: any;
  readonly application: any;
  private refsToMark: Ref[] = [];

  constructor(public d: ExcelDouble) {
    this.workbook = this.proxy({ cls: WorkbookApi, path: "workbook", resolve: () => new WorkbookApi(d) });
    this.application = this.proxy({ cls: ApplicationApi, path: "application", resolve: () => new ApplicationApi(d) });
  }

  /** Office.js has context.trackedObjects; the double needs no tracking. */
  readonly trackedObjects = { add: () => undefined, remove: () => undefined };

  load(obj: any, arg?: unknown): any {
    return obj.load(arg);
  }

  private enqueue(op: Op): void {
    this.queue.push(op);
  }

  proxy(init: { cls: ApiClass; path: string; resolve: () => any; slot?: Slot; parent?: Ref | null; segment?: unknown }): any {
    const { parent = null, segment, ...rest } = init;
    const ref: Ref = {
      ctx: this,
      loaded: new Map(),
      children: new Map(),
      synced: false,
      id: ++refIds,
      parent,
      segment: jsonBytes({ p: parent?.id ?? 0, ...(segment && typeof segment === "object" ? segment : { n: init.path }) }),
      ...rest,
    };
    this.refsToMark.push(ref);
    const target = {};
    const p = new Proxy(target, {
      get: (_t, prop) => {
        if (typeof prop === "symbol") return undefined;
        return this.member(ref, prop);
      },
      set: (_t, prop, value) => {
        if (typeof prop === "symbol") return false;
        this.queueSet(ref, prop, value);
        return true;
      },
    });
    refOf.set(p, ref);
    ref.self = p;
    return p;
  }

  private child(ref: Ref, prop: string, cls: ApiClass): any {
    let c = ref.children.get(prop);
    if (!c) {
      c = this.proxy({
        cls,
        path: `${ref.path}.${prop}`,
        parent: ref,
        segment: { n: prop },
        resolve: () => {
          const parent = ref.resolve();
          return parent === null ? null : parent[prop];
        },
      });
      ref.children.set(prop, c);
    }
    return c;
  }

  private member(ref: Ref, prop: string): any {
    const cls = ref.cls;
    switch (prop) {
      case "load":
        return (arg?: unknown) => {
          this.queueLoad(ref, arg);
          return ref.self;
        };
      case "set":
        return (props: Record<string, unknown>) => {
          this.queueSetObject(ref, props);
        };
      case "toJSON":
        return () => Object.fromEntries(ref.loaded);
      case "context":
        return this;
      case "isNullObject":
        if (!ref.synced) throw propertyNotLoaded("isNullObject");
        return ref.slot ? ref.slot.value === null : false;
      case "items":
        if (!ref.items) throw propertyNotLoaded("items");
        return ref.items;
    }
    if (cls.nav && prop in cls.nav) return this.child(ref, prop, cls.nav[prop]());
    if (cls.methods && prop in cls.methods) {
      const returns = cls.methods[prop];
      return (...args: unknown[]) => this.queueCall(ref, prop, args, returns ? returns() : null);
    }
    if (cls.results && cls.results.includes(prop)) {
      return (...args: unknown[]) => this.queueResult(ref, prop, args);
    }
    const acc = hasAccessor(cls, prop);
    if (acc.get) {
      if (!ref.loaded.has(prop)) throw propertyNotLoaded(prop);
      return ref.loaded.get(prop);
    }
    if (PROBES.has(prop)) return undefined;
    throw new Error(`ExcelDouble: ${cls.name} has no member '${prop}' (not in the Office.js subset the double implements)`);
  }

  private queueSet(ref: Ref, prop: string, value: unknown): void {
    const cls = ref.cls;
    if (!hasAccessor(cls, prop).set) {
      throw new Error(`ExcelDouble: ${cls.name}.${prop} is not a settable property in the double`);
    }
    const v = cloneValue(value);
    const payload = { o: ref.id, set: prop, value: argText(v) };
    this.enqueue({
      kind: "set",
      bytes: jsonBytes(payload),
      refs: [ref, ...refArgs([v])],
      describe: `set ${ref.path}.${prop}`,
      run: () => {
        const t = ref.resolve();
        if (t === null) return;
        t[prop] = unwrap(v);
      },
    });
  }

  private queueSetObject(ref: Ref, props: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(props)) {
      if (ref.cls.nav && k in ref.cls.nav && v && typeof v === "object" && !Array.isArray(v)) {
        this.queueSetObject(refOf.get(this.child(ref, k, ref.cls.nav[k]()))!, v as Record<string, unknown>);
      } else this.queueSet(ref, k, v);
    }
  }

  private queueCall(ref: Ref, method: string, args: unknown[], returns: ApiClass | null): any {
    const slot: Slot = { done: false, value: undefined };
    const payload = { o: ref.id, call: method, args: args.map(argText) };
    const path = `${ref.path}.${method}(${args.map((a) => JSON.stringify(argText(a))).join(",")})`;
    this.enqueue({
      kind: "call",
      bytes: jsonBytes(payload),
      refs: [ref, ...refArgs(args)],
      describe: `call ${path}`,
      run: () => {
        const t = ref.resolve();
        slot.value = t === null ? null : (t[method](...args.map(unwrap)) ?? null);
        slot.done = true;
      },
    });
    if (!returns) return undefined;
    return this.proxy({
      cls: returns,
      path,
      slot,
      parent: ref,
      segment: { result: method },
      resolve: () => {
        if (!slot.done) throw new Error(`ExcelDouble: ${path} used before the call that creates it ran`);
        return slot.value;
      },
    });
  }

  private queueResult(ref: Ref, method: string, args: unknown[]): { value: unknown } {
    let done = false;
    let value: unknown;
    this.enqueue({
      kind: "call",
      bytes: jsonBytes({ o: ref.id, call: method, args }),
      refs: [ref],
      describe: `call ${ref.path}.${method}()`,
      run: () => {
        const t = ref.resolve();
        value = t === null ? null : t[method](...args.map(unwrap));
        done = true;
      },
    });
    return {
      get value() {
        if (!done) throw propertyNotLoaded("value");
        return value;
      },
    };
  }

  private queueLoad(ref: Ref, arg: unknown): void {
    const paths = loadPaths(arg);
    this.enqueue({
      kind: "load",
      bytes: jsonBytes({ o: ref.id, load: paths }),
      refs: [ref],
      describe: `load ${ref.path} ${paths === "all" ? "*" : paths.join(",")}`,
      run: () => {
        const t = ref.resolve();
        this.fill(ref, t, paths);
      },
    });
  }

  private fill(ref: Ref, t: any, paths: string[] | "all"): void {
    const cls = ref.cls;
    if (cls.itemClass) {
      const itemCls = cls.itemClass();
      const itemPaths = paths === "all" ? "all" : paths.map((p) => (p.startsWith("items/") ? p.slice(6) : p)).filter((p) => p !== "items");
      const items: any[] = t === null ? [] : t.items;
      ref.items = items.map((api: any, i: number) => {
        const childProxy = this.proxy({ cls: itemCls, path: `${ref.path}.items[${i}]`, parent: ref, segment: { item: i }, resolve: () => api });
        const childRef = refOf.get(childProxy)!;
        childRef.synced = true;
        this.fill(childRef, api, itemPaths.length === 0 ? "all" : itemPaths);
        return childProxy;
      });
      return;
    }
    const list = paths === "all" ? scalarProps(cls) : paths;
    for (const path of list) {
      const [head, ...rest] = path.split("/");
      if (rest.length > 0) {
        const navCls = cls.nav?.[head];
        if (!navCls) throw new OfficeApiError("InvalidArgument", `Cannot load ${path} on ${cls.name}`);
        const childProxy = this.child(ref, head, navCls());
        const childRef = refOf.get(childProxy)!;
        this.fill(childRef, t === null ? null : t[head], [rest.join("/")]);
        continue;
      }
      if (cls.nav && head in cls.nav) {
        const childProxy = this.child(ref, head, cls.nav[head]());
        this.fill(refOf.get(childProxy)!, t === null ? null : t[head], "all");
        continue;
      }
      if (!hasAccessor(cls, head).get) throw new OfficeApiError("InvalidArgument", `${cls.name} has no property ${head}`);
      ref.loaded.set(head, t === null ? null : cloneValue(t[head]));
    }
  }

  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    // like Office.js: the request carries its actions plus, once each, the path
    // entries of every object they refer to (and of those objects' ancestors)
    const counted = new Set<Ref>();
    let pathBytes = 0;
    for (const op of ops)
      for (const target of op.refs)
        for (let r: Ref | null = target; r && !counted.has(r); r = r.parent) {
          counted.add(r);
          pathBytes += r.segment;
        }
    const rec: RequestRecord = {
      bytes: ops.reduce((n, o) => n + o.bytes, 0) + pathBytes,
      actions: ops.length,
      suspendedCalculation: false,
      suspendedScreenUpdating: false,
      log: this.d.keepActionLog ? ops.map((o) => o.describe) : [],
    };
    this.d.currentRequest = rec;
    this.d.requests.push(rec);
    try {
      if (rec.bytes > this.d.payloadLimit) {
        throw new OfficeApiError("RequestPayloadSizeLimitExceeded", `The request payload size (${rec.bytes} bytes) has exceeded the limit.`);
      }
      for (const op of ops) op.run();
    } finally {
      this.d.syncCount++;
      for (const r of this.refsToMark) r.synced = true;
      this.refsToMark = [];
      // what the request changed is reported after it (even one that failed part-way changed what it changed)
      this.d.dispatchLocalEvents();
    }
  }
}

/** The arguments of a formula call, split at top-level commas (not inside quotes or parentheses). */
function splitArguments(text: string): string[] {
  if (text.trim() === "") return [];
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === "'") {
      const end = text.indexOf("'!", i + 1);
      if (end > i) i = end;
    } else if (!quoted && ch === "(") depth++;
    else if (!quoted && ch === ")") depth--;
    else if (!quoted && depth === 0 && ch === ",") {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

// ---------------------------------------------------------------------------
// The double

export interface ExcelDoubleOptions {
  /** ExcelApi requirement sets the host supports (default: everything, "1.17") */
  apiVersion?: string;
  /** largest request the host accepts (default 5 MB, Excel on the web) */
  payloadLimit?: number;
  /** keep a readable list of every action of every request (memory-heavy for big writes) */
  keepActionLog?: boolean;
}

export class ExcelDouble {
  state = new WorkbookState();
  syncCount = 0;
  /** calls of Application.suspendScreenUpdatingUntilNextSync (each one can make Excel flicker) */
  screenUpdatingSuspensions = 0;
  requests: RequestRecord[] = [];
  writeLog: WriteRecord[] = [];
  currentRequest: RequestRecord = { bytes: 0, actions: 0, suspendedCalculation: false, suspendedScreenUpdating: false, log: [] };
  payloadLimit: number;
  keepActionLog: boolean;
  /** handlers registered through onChanged / onAdded / onDeleted */
  eventRegistrations: EventRegistration[] = [];
  /** every event delivered so far, in order (what a handler was given, minus the functions) */
  eventLog: Omit<WorksheetEventArgs, "getRange" | "getRangeOrNullObject">[] = [];
  /** errors thrown or rejected by event handlers (Excel only logs them; tests should see none) */
  eventErrors: unknown[] = [];
  /** custom functions by their formula name ("LTC.OWNERDEPT"), as CustomFunctions.associate registers them */
  customFunctions = new Map<string, (...args: any[]) => unknown>();
  private apiVersion: number;
  private localEvents: { event: WorksheetEvent; sheet: SheetState; rect?: Rect }[] = [];
  private pendingHandlers = new Set<Promise<void>>();

  constructor(options: ExcelDoubleOptions = {}) {
    this.payloadLimit = options.payloadLimit ?? 5 * 1024 * 1024;
    this.keepActionLog = options.keepActionLog ?? false;
    this.apiVersion = Number((options.apiVersion ?? "1.17").split(".")[1]);
  }

  /** Office.context.requirements.isSetSupported, as far as ExcelApi goes. */
  isSetSupported(name: string, version: string): boolean {
    return name === "ExcelApi" && Number(version.split(".")[1] ?? "0") <= this.apiVersion;
  }

  requireApi(version: string, member: string): void {
    if (!this.isSetSupported("ExcelApi", version)) {
      throw new OfficeApiError("ApiNotFound", `${member} needs ExcelApi ${version}, which this host does not support.`);
    }
  }

  /** A new request context (like `new Excel.RequestContext()`). */
  context(): DoubleRequestContext {
    return new DoubleRequestContext(this);
  }

  /** Excel.run: runs the batch, then syncs what is still queued. */
  async run<T>(batch: (context: DoubleRequestContext) => Promise<T>): Promise<T> {
    const ctx = this.context();
    const result = await batch(ctx);
    if (ctx.queue.length > 0) await ctx.sync();
    return result;
  }

  /** An `Excel` namespace object with `run` for code that calls Excel.run (e.g. the browser test installs it as window.Excel). */
  namespace(): { run: <T>(batch: (context: any) => Promise<T>) => Promise<T>; RequestContext: new () => DoubleRequestContext } {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const double = this;
    return {
      run: (batch) => this.run(batch),
      RequestContext: class extends DoubleRequestContext {
        constructor() {
          super(double);
        }
      },
    };
  }

  /**
   * Makes this double the global `Excel` (window.Excel in the browser test,
   * globalThis.Excel in jest) and answers `Office.context.requirements.isSetSupported`
   * for ExcelApi (creating a minimal `Office` if there is none). Returns a function that undoes it.
   */
  install(target: any = globalThis): () => void {
    const previousExcel = target.Excel;
    const previousOffice = target.Office;
    target.Excel = this.namespace();
    const office = previousOffice ?? {};
    office.context = office.context ?? {};
    const previousRequirements = office.context.requirements;
    office.context.requirements = { isSetSupported: (name: string, version: string) => this.isSetSupported(name, version) };
    target.Office = office;
    return () => {
      target.Excel = previousExcel;
      office.context.requirements = previousRequirements;
      target.Office = previousOffice;
    };
  }

  // --- setting up a workbook -------------------------------------------------

  nextSheetName(): string {
    for (let i = 1; ; i++) if (!this.state.sheet(`Sheet${i}`)) return `Sheet${i}`;
  }

  checkSheetName(name: string, self: SheetState | null): void {
    if (typeof name !== "string" || name.trim() === "" || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name) || name.toUpperCase() === "HISTORY") {
      throw new OfficeApiError("InvalidArgument", `The sheet name '${name}' is not valid.`);
    }
    const other = this.state.sheet(name);
    if (other && other !== self) throw new OfficeApiError("ItemAlreadyExists", `A sheet named '${name}' already exists.`);
  }

  /** Adds a sheet directly (no sync counted), optionally with values from A1 (or `at`), entered as typing would. */
  addSheet(name: string, values?: unknown[][], at = "A1"): SheetState {
    this.checkSheetName(name, null);
    const sheet = new SheetState(this.state, name);
    this.state.sheets.push(sheet);
    if (!this.state.activeSheet) this.state.activeSheet = sheet;
    if (values) this.put(sheet, at, values);
    return sheet;
  }

  /** Writes raw cell contents: numbers, booleans and strings stored as given (no typing rules), Date as a serial. */
  put(sheet: SheetState, at: string, values: unknown[][]): void {
    const { rect } = parseAddress(at);
    values.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v === null || v === undefined) return;
        const cell = sheet.mutableCell(rect.r0 + i, rect.c0 + j);
        if (v instanceof Date) {
          cell.value = (v.getTime() - Date.UTC(1899, 11, 30)) / 86400000;
          cell.numberFormat = "yyyy-mm-dd";
        } else cell.value = v as CellValue;
      }),
    );
  }

  addTable(sheet: SheetState, name: string, address: string, options: { showHeaders?: boolean; showTotals?: boolean } = {}): TableState {
    const state: TableState = {
      id: `${this.state.tables.length + 1}`,
      name,
      sheet,
      rect: parseAddress(address).rect,
      showHeaders: options.showHeaders ?? true,
      showTotals: options.showTotals ?? false,
      style: "TableStyleMedium2",
    };
    this.state.tables.push(state);
    return state;
  }

  /**
   * Copies a sheet as Excel does ("Move or Copy… / Create a copy", or
   * Worksheet.copy): everything on it is carried along, its custom properties
   * and sheet-scoped names included, under the name "Name (2)" (or the next
   * free number), with a new id and its tables renamed to stay unique.
   * Inserted at `position` (default: right after the source).
   */
  copySheet(source: SheetState | string, position?: number): SheetState {
    const from = typeof source === "string" ? this.sheet(source) : source;
    const base = from.name.replace(/ \(\d+\)$/, "");
    let n = 2;
    while (this.state.sheet(`${base} (${n})`)) n++;
    const copy = new SheetState(this.state, `${base.slice(0, 31 - ` (${n})`.length)} (${n})`);
    const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));
    for (const [k, cell] of from.cells) copy.cells.set(k, { ...cell });
    copy.formatPatches = clone(from.formatPatches);
    copy.columnWidths = new Map(from.columnWidths);
    copy.rowHeights = new Map(from.rowHeights);
    copy.hiddenColumns = new Set(from.hiddenColumns);
    copy.merges = clone(from.merges);
    copy.pageBreaks = [...from.pageBreaks];
    copy.freeze = { ...from.freeze };
    copy.pageLayout = clone(from.pageLayout);
    copy.tabColor = from.tabColor;
    for (const [k, p] of from.customProperties) copy.customProperties.set(k, { ...p });
    for (const [k, nm] of from.names) copy.names.set(k, { ...nm });
    copy.charts = clone(from.charts);
    copy.conditionalFormats = clone(from.conditionalFormats);
    copy.validations = clone(from.validations);
    for (const t of from.tables()) {
      let name = `${t.name}_2`;
      for (let i = 3; this.state.tables.some((x) => x.name.toUpperCase() === name.toUpperCase()); i++) name = `${t.name}_${i}`;
      this.state.tables.push({ ...t, id: `${this.state.tables.length + 1}`, name, sheet: copy, rect: { ...t.rect } });
    }
    this.state.sheets.splice(position ?? from.position + 1, 0, copy);
    return copy;
  }

  select(sheet: SheetState | string, address: string): void {
    const s = typeof sheet === "string" ? this.state.sheet(sheet) : sheet;
    if (!s) throw new Error(`no sheet ${String(sheet)}`);
    this.state.selection = { sheet: s, rect: parseAddress(address).rect };
    this.state.activeSheet = s;
  }

  sheet(name: string): SheetState {
    const s = this.state.sheet(name);
    if (!s) throw new Error(`ExcelDouble: no sheet named ${name} (sheets: ${this.sheetNames().join(", ")})`);
    return s;
  }

  sheetNames(): string[] {
    return this.state.sheets.map((s) => s.name);
  }

  // --- events -------------------------------------------------------------------

  /** A request changed cells: reported as a local WorksheetChanged after its sync. */
  noteLocalChange(sheet: SheetState, rect: Rect): void {
    this.localEvents.push({ event: "Changed", sheet, rect: { ...rect } });
  }

  /** A request added or deleted a sheet: reported after its sync. */
  noteLocalSheetEvent(event: "Added" | "Deleted", sheet: SheetState): void {
    this.localEvents.push({ event, sheet });
  }

  /** Delivers what the request that just synced changed, as the add-in's own changes. */
  dispatchLocalEvents(): void {
    const events = this.localEvents;
    this.localEvents = [];
    for (const e of events) this.dispatch(e.event, e.sheet, "Local", e.rect);
  }

  /**
   * A co-author's edit synchronising in: the cells take the values as Excel's
   * input rules give them (the co-author's add-in wrote them through
   * Range.values too), then WorksheetChanged with source "Remote". No request,
   * no sync: nothing this session asked for.
   */
  raiseRemoteChange(sheet: SheetState | string, at: string, values: unknown[][]): void {
    const target = typeof sheet === "string" ? this.sheet(sheet) : sheet;
    const { rect } = parseAddress(at);
    values.forEach((row, i) => row.forEach((v, j) => enterValue(target.mutableCell(rect.r0 + i, rect.c0 + j), v ?? "")));
    const cols = Math.max(...values.map((row) => row.length));
    this.dispatch("Changed", target, "Remote", { r0: rect.r0, c0: rect.c0, r1: rect.r0 + values.length - 1, c1: rect.c0 + cols - 1 });
  }

  /** A co-author added a sheet (hidden or very hidden if they chose): WorksheetAdded, then the change of its cells, both "Remote". */
  raiseRemoteSheetAdded(name: string, options: { visibility?: string; values?: unknown[][] } = {}): SheetState {
    this.checkSheetName(name, null);
    const sheet = new SheetState(this.state, name);
    sheet.visibility = options.visibility ?? "Visible";
    this.state.sheets.push(sheet);
    this.dispatch("Added", sheet, "Remote");
    if (options.values) this.raiseRemoteChange(sheet, "A1", options.values);
    return sheet;
  }

  /** A co-author deleted a sheet: WorksheetDeleted, "Remote". */
  raiseRemoteSheetDeleted(name: string): void {
    const sheet = this.sheet(name);
    this.state.sheets.splice(this.state.sheets.indexOf(sheet), 1);
    sheet.deleted = true;
    this.state.tables = this.state.tables.filter((t) => t.sheet !== sheet);
    if (this.state.activeSheet === sheet) this.state.activeSheet = this.state.sheets[0] ?? null;
    this.dispatch("Deleted", sheet, "Remote");
  }

  /** Waits until every handler called so far (and any they caused) has finished. */
  async settle(): Promise<void> {
    while (this.pendingHandlers.size > 0) await Promise.allSettled([...this.pendingHandlers]);
  }

  private dispatch(event: WorksheetEvent, sheet: SheetState, source: "Local" | "Remote", rect?: Rect): void {
    const type = event === "Changed" ? "WorksheetChanged" : event === "Added" ? "WorksheetAdded" : "WorksheetDeleted";
    const args: WorksheetEventArgs = { type, source, worksheetId: sheet.id };
    if (event === "Changed" && rect) {
      const address = rectAddress(rect);
      args.address = address;
      args.changeType = "RangeEdited";
      if (this.isSetSupported("ExcelApi", "1.14")) args.triggerSource = source === "Local" ? "ThisLocalAddin" : "Unknown";
      args.getRange = (ctx) => ctx.workbook.worksheets.getItem(sheet.id).getRange(address);
      args.getRangeOrNullObject = (ctx) => ctx.workbook.worksheets.getItem(sheet.id).getRange(address);
    }
    this.eventLog.push(Object.fromEntries(Object.entries(args).filter(([, v]) => typeof v !== "function")) as WorksheetEventArgs);
    for (const r of this.eventRegistrations) {
      if (r.event !== event || (r.sheet !== null && r.sheet !== sheet)) continue;
      // Excel delivers events asynchronously, after the change: never inside the request that made it
      const pending: Promise<void> = new Promise<void>((resolve) => setTimeout(resolve, 0))
        .then(() => r.handler(args))
        .then(
          () => undefined,
          (e: unknown) => void this.eventErrors.push(e),
        )
        .finally(() => this.pendingHandlers.delete(pending));
      this.pendingHandlers.add(pending);
    }
  }

  // --- custom functions ------------------------------------------------------

  /**
   * Recomputes every cell whose formula is one call of a registered custom
   * function (`=LTC.OWNERDEPT("发电MTO项目",4000000)`) on literal or
   * cell-reference arguments, as Excel's full calculation would; an empty
   * cell arrives as null (Excel on the web). An error the function throws
   * (CustomFunctions.Error) shows as its code.
   */
  calculateCustomFunctions(): void {
    for (const sheet of this.state.sheets)
      for (const cell of sheet.cells.values()) {
        const call = cell.formula === undefined ? null : /^=([A-Za-z_][\w]*\.[A-Za-z_][\w.]*)\((.*)\)$/s.exec(cell.formula);
        const fn = call ? this.customFunctions.get(call[1].toUpperCase()) : undefined;
        if (!call || !fn) continue;
        const args = splitArguments(call[2]).map((a) => this.argumentValue(sheet, a));
        delete cell.error;
        try {
          const result = fn(...args);
          if (result !== null && typeof result === "object" && "then" in result) throw new Error("ExcelDouble: asynchronous custom functions are not calculated");
          cell.value = result as CellValue;
        } catch (e) {
          if (e instanceof Error && e.message.startsWith("ExcelDouble:")) throw e;
          cell.value = "";
          cell.error = String((e as { code?: unknown }).code ?? "#VALUE!");
        }
      }
  }

  private argumentValue(sheet: SheetState, text: string): unknown {
    const t = text.trim();
    if (t === "") return null;
    if (/^".*"$/s.test(t)) return t.slice(1, -1).replace(/""/g, '"');
    if (/^(TRUE|FALSE)$/i.test(t)) return t.toUpperCase() === "TRUE";
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
    const ref = /^(?:'((?:[^']|'')+)'|([^'!]+))?!?\$?([A-Z]+)\$?(\d+)$/.exec(t);
    if (!ref) throw new Error(`ExcelDouble: cannot evaluate the argument ${t}`);
    const target = ref[1] !== undefined ? this.sheet(ref[1].replace(/''/g, "'")) : ref[2] !== undefined ? this.sheet(ref[2]) : sheet;
    const { rect } = parseAddress(`${ref[3]}${ref[4]}`);
    if (target.isEmptyAt(rect.r0, rect.c0)) return null;
    const cell = target.cell(rect.r0, rect.c0);
    return cell.error ?? cell.value;
  }

  /** Largest request so far, in bytes. */
  maxRequestBytes(): number {
    return this.requests.reduce((m, r) => Math.max(m, r.bytes), 0);
  }

  resetCounters(): void {
    this.syncCount = 0;
    this.screenUpdatingSuspensions = 0;
    this.requests = [];
    this.writeLog = [];
    this.eventLog = [];
  }
}

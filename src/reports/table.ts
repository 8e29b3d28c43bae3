import { describeInput, Failure, LtcError } from "../rules/errors";
import { normalizeLabel } from "../rules/normalize";
import { Lang, pick, Text } from "../rules/types";

/**
 * Reading a workbook table (a ListObject, a used range or an .xlsx sheet) by
 * its header row. Columns are found by header aliases in Chinese and English;
 * unknown columns are ignored; a missing required column is one clear
 * message naming it and its aliases.
 */

/** One column a report reads. */
export interface ColumnDef<K extends string = string> {
  key: K;
  zh: string;
  en: string;
  /** other header spellings (simplified/traditional folding is automatic) */
  aliases: readonly string[];
  required?: boolean;
}

/** A table as values: header row plus data rows, with the sheet row number of the first data row. */
export interface RawTable {
  header: readonly unknown[];
  rows: readonly (readonly unknown[])[];
  /** 1-based worksheet row number of rows[0], so problems can name the row a user sees */
  firstRowNumber: number;
  /** where the table came from, for messages ("Sheet1!A1:K40", "表1") */
  source?: string;
  /** 0-based worksheet column of header[0], so messages can name column letters (absent: A) */
  firstColumn?: number;
  /** the title lines above the header row ("应收账款台账（2026年11月）", "单位：万元"), each with its row */
  titles?: readonly TitleLine[];
}

/** A line of text above a table's header row. */
export interface TitleLine {
  row: number;
  text: string;
}

/**
 * A data issue, the one shape every report uses for a row it could not read
 * as it stands: the row a user sees, the column (null: the whole row), the
 * value as read and why, in both output languages (a report and the pane each
 * show it in their own language).
 */
export interface DataIssue {
  row: number;
  column: Text | null;
  value: unknown;
  reason: Text;
}

/** A column of ours as a data issue names it: "金额" / "Amount". */
export function columnText(def: Pick<ColumnDef, "zh" | "en">): Text {
  return { zh: def.zh, en: def.en };
}

/** The same text in both languages (a header as the table writes it). */
export function sameText(text: string): Text {
  return { zh: text, en: text };
}

/**
 * Why a cell was not accepted, from a reader's LtcError or an evaluator's Failure: the message names
 * the argument and what it accepts, and is written in English (labels in it
 * are the rulebook's Chinese); the Chinese says so in a sentence of its own.
 */
export function readerReason(e: LtcError | Failure): Text {
  const code = e instanceof LtcError ? e.code : e.failed;
  return { zh: `${code === "#N/A" ? "规则手册中没有对应的行" : "无法读取"}：${e.message}`, en: e.message };
}

/** A data issue as one line: "第 12 行 金额：(100) — why" / "row 12 Amount: (100) — why". */
export function issueLine(issue: DataIssue, lang: Lang, shown: string = describeInput(issue.value)): string {
  const where = lang === "en" ? `row ${issue.row}` : `第 ${issue.row} 行`;
  const column = issue.column ? ` ${pick(issue.column, lang)}` : "";
  const value = issue.value === null || issue.value === undefined ? "" : `${lang === "en" ? ": " : "："}${shown}`;
  return `${where}${column}${value} — ${pick(issue.reason, lang)}`;
}

export type ColumnIndex<K extends string> = { readonly [P in K]?: number };

function headerKey(text: string): string {
  return normalizeLabel(text);
}

/** "金额(元)" → "金额": a header's unit in brackets does not change the column. */
function withoutUnit(key: string): string {
  return key.replace(UNIT_SUFFIX, "").trim();
}

const UNIT_SUFFIX = /\s*[([{【（][^)\]}】）]*[)\]}】）]\s*$/;

/** "A", "B", … "AA": a 0-based column's letters. */
export function columnLetters(col: number): string {
  let s = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A1 reference ("B3:E40", "$A$1", "C2") as 0-based first and last row and column; null when it is not one. */
export function a1Bounds(ref: string): { r0: number; c0: number; r1: number; c1: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(ref.trim());
  if (!m) return null;
  const col = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { r0: Number(m[2]) - 1, c0: col(m[1]), r1: Number(m[4] ?? m[2]) - 1, c1: col(m[3] ?? m[1]) };
}

/**
 * Finds each column's position by its header. Exact (normalised) matches win;
 * a header with a bracketed unit matches too. Throws #VALUE! naming every
 * missing required column and the headers it accepts, and a column two
 * headers claim (both named by letter: the first one is not silently taken).
 * `firstColumn` is the worksheet column of header[0] (0 = A).
 */
export function mapColumns<K extends string>(
  header: readonly unknown[],
  defs: readonly ColumnDef<K>[],
  firstColumn = 0,
): ColumnIndex<K> {
  const index = findColumns(header, defs);
  if (index.duplicates.length > 0) {
    const [def, a, b] = index.duplicates[0];
    const where = (i: number) => `column ${columnLetters(firstColumn + i)} ("${String(header[i]).trim()}")`;
    throw new LtcError("#VALUE!", `The table has two columns for ${columnName(def)}: ${where(a)} and ${where(b)}; rename or remove one`);
  }
  const missing = defs.filter((d) => d.required && index.at[d.key] === undefined);
  if (missing.length > 0) throw missingColumnsError(missing);
  return index.at;
}

function findColumns<K extends string>(
  header: readonly unknown[],
  defs: readonly ColumnDef<K>[],
): { at: { [P in K]?: number }; duplicates: [ColumnDef<K>, number, number][] } {
  const byAlias = new Map<string, ColumnDef<K>>();
  for (const def of defs) for (const a of [def.zh, def.en, ...def.aliases]) byAlias.set(headerKey(a), def);
  const at: { [P in K]?: number } = {};
  const duplicates: [ColumnDef<K>, number, number][] = [];
  header.forEach((cell, i) => {
    if (cell === null || cell === undefined) return;
    const key = headerKey(String(cell));
    const def = byAlias.get(key) ?? byAlias.get(withoutUnit(key));
    if (!def) return;
    const first = at[def.key];
    if (first === undefined) at[def.key] = i;
    else duplicates.push([def, first, i]);
  });
  return { at, duplicates };
}

/** True when a row holds a header for every required column. */
function holdsHeader(row: readonly unknown[], defs: readonly ColumnDef[]): boolean {
  const { at } = findColumns(row, defs);
  return defs.every((d) => !d.required || at[d.key] !== undefined);
}

function cellFilled(v: unknown): boolean {
  return v !== null && v !== undefined && !(typeof v === "string" && v.trim() === "");
}

/** How many rows from the top are searched for the header row. */
const HEADER_SCAN_ROWS = 10;

/**
 * Index of the header row in a grid of values read from the top of a sheet
 * or region. With the report's columns: the first row that names every
 * required column. Without (a reader that does not know the report yet), or
 * when no row does: the first row with two or more filled cells — the title
 * lines people put above a ledger ("应收账款台账（2026年11月）", "单位：元") hold
 * one cell each.
 */
export function headerRowIndex(grid: readonly (readonly unknown[])[], defs?: readonly ColumnDef[]): number {
  const scan = Math.min(grid.length, HEADER_SCAN_ROWS);
  if (defs) for (let i = 0; i < scan; i++) if (holdsHeader(grid[i], defs)) return i;
  let firstFilled = -1;
  for (let i = 0; i < scan; i++) {
    const n = grid[i].filter(cellFilled).length;
    if (n >= 2) return i;
    if (n === 1 && firstFilled < 0) firstFilled = i;
  }
  return Math.max(0, firstFilled);
}

/** The filled rows of a grid above its header row, as title lines; `rowOf(i)` is grid[i]'s worksheet row. */
export function titleLines(grid: readonly (readonly unknown[])[], headerIndex: number, rowOf: (i: number) => number): TitleLine[] {
  const out: TitleLine[] = [];
  for (let i = 0; i < headerIndex; i++) {
    const text = grid[i].filter(cellFilled).map((v) => String(v).trim()).join(" ");
    if (text !== "") out.push({ row: rowOf(i), text });
  }
  return out;
}

/**
 * The table with its header on the row that names the report's required
 * columns: a reader that took a title line or a second title row for the
 * header is corrected here, by the report that knows its columns. The rows
 * skipped become title lines. Unchanged when the header already holds them
 * or no row near the top does (mapColumns then names what is missing).
 */
export function anchorHeader(table: RawTable, defs: readonly ColumnDef[]): RawTable {
  return anchorHeaderWhere(table, (row) => holdsHeader(row, defs));
}

/**
 * The table with its header on the first row near the top that `isHeader`
 * accepts (anchorHeader with any test: a CLI verb choosing a sheet by the
 * kind of table it reads). Unchanged when the header is accepted or no row is.
 */
export function anchorHeaderWhere<T extends RawTable>(table: T, isHeader: (row: readonly unknown[]) => boolean): T {
  if (isHeader(table.header)) return table;
  const scan = Math.min(table.rows.length, HEADER_SCAN_ROWS);
  for (let i = 0; i < scan; i++) {
    if (!isHeader(table.rows[i])) continue;
    const headerRow = table.firstRowNumber - 1;
    const skipped = titleLines([table.header, ...table.rows.slice(0, i)], i + 1, (k) => headerRow + k);
    return {
      ...table,
      header: table.rows[i],
      rows: table.rows.slice(i + 1),
      firstRowNumber: table.firstRowNumber + i + 1,
      titles: [...(table.titles ?? []), ...skipped],
    };
  }
  return table;
}

/** The note a report shows when title lines were skipped: which row it took as the header. */
export function headerNote(table: RawTable): Text | null {
  const titles = table.titles ?? [];
  if (titles.length === 0) return null;
  const row = table.firstRowNumber - 1;
  const zhList = titles.map((t) => `第 ${t.row} 行“${t.text}”`).join("、");
  const enList = titles.map((t) => `row ${t.row} "${t.text}"`).join(", ");
  return {
    zh: `表头取自第 ${row} 行；其上的标题行未作为数据读取：${zhList}`,
    en: `header taken from row ${row}; the title lines above it were not read as data: ${enList}`,
  };
}

// ------------------------------------------------------------------ money units

/** The unit a money column is kept in: amounts read are multiplied by `scale` (exactly, in fen). */
export interface MoneyUnit {
  scale: 1 | 1000 | 10_000;
  text: Text;
}

export const YUAN: MoneyUnit = { scale: 1, text: { zh: "元", en: "yuan" } };
const THOUSAND_YUAN: MoneyUnit = { scale: 1000, text: { zh: "千元", en: "thousand yuan" } };
const TEN_THOUSAND_YUAN: MoneyUnit = { scale: 10_000, text: { zh: "万元", en: "10,000 yuan (万元)" } };

const UNIT_NAMES = new Map<string, MoneyUnit>([
  ["元", YUAN],
  ["人民币元", YUAN],
  ["yuan", YUAN],
  ["cny", YUAN],
  ["rmb", YUAN],
  ["千元", THOUSAND_YUAN],
  ["千", THOUSAND_YUAN],
  ["万元", TEN_THOUSAND_YUAN],
  ["万", TEN_THOUSAND_YUAN],
  ["10k", TEN_THOUSAND_YUAN],
  ["10kyuan", TEN_THOUSAND_YUAN],
]);
const UNITS_ACCEPTED = "元, 千元, 万元";

function unitNamed(name: string): MoneyUnit | undefined {
  return UNIT_NAMES.get(name.normalize("NFKC").replace(/\s+/g, "").toLowerCase());
}

/**
 * The unit a money header states in brackets ("金额(万元)", "已回款（千元）"),
 * null when it states none. An unknown unit is #VALUE! naming the column:
 * an amount is never read in a unit the reader cannot scale.
 */
export function headerUnit(header: unknown, def: Pick<ColumnDef, "zh" | "en">): MoneyUnit | null {
  if (header === null || header === undefined) return null;
  const text = String(header).normalize("NFKC").trim();
  const m = /[([{【]([^)\]}】]*)[)\]}】]\s*$/.exec(text);
  if (!m) return null;
  const unit = unitNamed(m[1]);
  if (!unit) throw new LtcError("#VALUE!", `The ${columnName(def)} column's header "${text}" states an unknown unit "${m[1].trim()}"; accepted units: ${UNITS_ACCEPTED}`);
  return unit;
}

/**
 * The unit a title line above the table states for amounts ("单位：万元",
 * "Unit: yuan"), null when none does; an unknown one is #VALUE! naming the line.
 */
export function titleUnit(table: RawTable): MoneyUnit | null {
  for (const line of table.titles ?? []) {
    const m = /(?:^|\s)(?:单位|金额单位|unit)\s*[:：]\s*(\S+)/i.exec(line.text.normalize("NFKC"));
    if (!m) continue;
    const unit = unitNamed(m[1]);
    if (!unit) throw new LtcError("#VALUE!", `Row ${line.row} "${line.text}" states an unknown unit "${m[1]}"; accepted units: ${UNITS_ACCEPTED}`);
    return unit;
  }
  return null;
}

/** A money column's unit: its header's, else the title line's, else yuan. */
export function moneyUnitOf(table: RawTable, index: ColumnIndex<string>, def: ColumnDef): MoneyUnit {
  const i = index[def.key];
  return (i === undefined ? null : headerUnit(table.header[i], def)) ?? titleUnit(table) ?? YUAN;
}

// ------------------------------------------------------------------ ledger amounts

/**
 * A formula cell a workbook holds without its result (written by a tool that
 * does not calculate): there is no value to read, and saying "blank" would
 * hide why.
 */
export class FormulaWithoutValue {
  constructor(readonly formula: string) {}
  toString(): string {
    return `=${this.formula.replace(/^=/, "")}`;
  }
}

export const FORMULA_WITHOUT_VALUE: Text = {
  zh: "是没有保存结果的公式：请在 Excel 中打开并保存该工作簿",
  en: "is a formula with no saved value: open and save the workbook in Excel",
};

/** A money cell read: fen, or why it cannot be read. */
export type LedgerAmount = { fen: number; reason?: undefined } | { fen?: undefined; reason: Text };

const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const SPACE_GROUPED = /^\d{1,3}(?: \d{3})+(?:\.\d+)?$/;
const PLAIN = /^\d+(?:\.\d+)?$|^\.\d+$/;

function why(zh: string, en: string): LedgerAmount {
  return { reason: { zh, en } };
}

/**
 * A number cell in fen, its column's unit applied; NaN where ledgerFen gives
 * a reason (not finite, too large, or a non-zero amount under one fen). For
 * callers reading a million cells: no object per cell.
 */
export function numberFen(v: number, unit: MoneyUnit = YUAN): number {
  if (!Number.isFinite(v)) return NaN;
  const fen = Math.round(v * 100 * unit.scale);
  if (!Number.isSafeInteger(fen) || (fen === 0 && v !== 0)) return NaN;
  return fen + 0;
}

/**
 * An amount as a ledger keeps it, in fen, its column's unit applied
 * (1.5 under 金额(万元) is 1,500,000 fen): a number, or text such as
 * "1,234.50", "¥1,000", "1 000", "-5" or an accountant's "(100)" (−100).
 * Text that different locales read differently ("1.000,00", "12,34",
 * "1 2 3"), digits below a fen and a non-zero amount that rounds to 0 fen are
 * reasons, never a guess.
 */
export function ledgerFen(v: unknown, unit: MoneyUnit = YUAN): LedgerAmount {
  if (v instanceof FormulaWithoutValue) return { reason: FORMULA_WITHOUT_VALUE };
  if (typeof v === "number") {
    const fen = numberFen(v, unit);
    if (!Number.isNaN(fen)) return { fen };
    if (!Number.isFinite(v)) return why("不是有限数值", "is not a finite number");
    if (Number.isSafeInteger(Math.round(v * 100 * unit.scale))) return why("金额不足 1 分（四舍五入为 0）", "is less than one fen (rounds to 0)");
    return why("数额过大", "is too large");
  }
  if (typeof v !== "string") return why("应为数字或金额文本", "is not a number or money text");
  let t = v.normalize("NFKC").trim().replace(/^[¥]\s*|\s*元$/g, "");
  let sign = 1;
  const bracketed = /^\((.*)\)$/.exec(t);
  if (bracketed) {
    sign = -1;
    t = bracketed[1].trim();
  }
  if (/^[+-]/.test(t)) {
    if (t[0] === "-") sign = -sign;
    t = t.slice(1).trim();
  }
  t = t.replace(/^[¥]\s*/, "");
  let digits: string;
  if (PLAIN.test(t)) digits = t;
  else if (GROUPED.test(t) || SPACE_GROUPED.test(t)) digits = t.replace(/[, ]/g, "");
  else if (/^\d{1,3}(?:\.\d{3})+(?:,\d*)?$/.test(t) || /^\d+,\d{1,2}$/.test(t) || /^\d+(?:,\d+)+\.\d*,/.test(t))
    return why("小数点与千分位写法有歧义（如 1.000,00 或 12,34）：请写作 1000.00", "uses a decimal comma or dot grouping that locales read differently (1.000,00 or 12,34): write 1000.00");
  else if (/^\d[\d ,.]*$/.test(t)) return why("数字分组不明确（如 1 2 3）", "has digits grouped in a way that is not a number (such as 1 2 3)");
  else return why("应为数字或如 1,234.50、¥1,000、(100) 的金额文本", "is not a number or money text such as 1,234.50, ¥1,000 or (100)");
  const [whole, fraction = ""] = digits.split(".");
  const places = 2 + Math.round(Math.log10(unit.scale));
  if (/[1-9]/.test(fraction.slice(places))) return why(`小数位超过 1 分（单位${unit.text.zh}）`, `has digits below one fen (unit: ${unit.text.en})`);
  const fen = Number(whole || "0") * 100 * unit.scale + Number(fraction.slice(0, places).padEnd(places, "0"));
  if (!Number.isSafeInteger(fen)) return why("数额过大", "is too large");
  return { fen: sign * fen + 0 };
}

export function missingColumnsError(missing: readonly ColumnDef[]): LtcError {
  const parts = missing.map((d) => `${d.zh} (${d.en}); accepted headers: ${[d.zh, d.en, ...d.aliases].join(", ")}`);
  return new LtcError(
    "#VALUE!",
    `The table has no column for ${parts.join(" — and none for ")}`,
  );
}

/** The value of a row's cell for a column key, or undefined if the table lacks that column. */
export function cellOf<K extends string>(row: readonly unknown[], index: ColumnIndex<K>, key: K): unknown {
  const i = index[key];
  return i === undefined ? undefined : row[i];
}

/** True when every cell of a row is blank: such rows are skipped, not reported. */
export function isEmptyRow(row: readonly unknown[]): boolean {
  return row.every((v) => v === null || v === undefined || (typeof v === "string" && v.trim() === ""));
}

/** Display name of a column for problem reports: "金额 (Amount)". */
export function columnName(def: Pick<ColumnDef, "zh" | "en">): string {
  return `${def.zh} (${def.en})`;
}

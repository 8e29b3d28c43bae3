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
  return key.replace(/\s*[([{【][^)\]}】]*[)\]}】]\s*$/, "").trim();
}

/**
 * Finds each column's position by its header. Exact (normalised) matches win;
 * a header with a bracketed unit matches too. Throws #VALUE! naming every
 * missing required column and the headers it accepts.
 */
export function mapColumns<K extends string>(
  header: readonly unknown[],
  defs: readonly ColumnDef<K>[],
): ColumnIndex<K> {
  const byAlias = new Map<string, ColumnDef<K>>();
  for (const def of defs) for (const a of [def.zh, def.en, ...def.aliases]) byAlias.set(headerKey(a), def);
  const index: { [P in K]?: number } = {};
  header.forEach((cell, i) => {
    if (cell === null || cell === undefined) return;
    const key = headerKey(String(cell));
    const def = byAlias.get(key) ?? byAlias.get(withoutUnit(key));
    if (def && index[def.key] === undefined) index[def.key] = i;
  });
  const missing = defs.filter((d) => d.required && index[d.key] === undefined);
  if (missing.length > 0) throw missingColumnsError(missing);
  return index;
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

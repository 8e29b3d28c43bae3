import { LtcError } from "../rules/errors";
import { normalizeLabel } from "../rules/normalize";

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

/** A row-level problem: the row a user sees, the column, the value and why. */
export interface RowProblem {
  row: number;
  column: string;
  value: unknown;
  reason: string;
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

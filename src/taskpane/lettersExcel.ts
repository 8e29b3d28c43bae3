/**
 * The letters wizard's Office side, inside the caller's Excel.run: find the
 * workbook's letter register (the table the wizard wrote before), read it as
 * the dunning log, write the letter sheets, and append this run's letters to
 * the register — rows are added to the table, never written over it; only
 * when the workbook has no register yet is one created.
 */
import { LettersResult } from "../reports/letters";
import { buildLettersReport } from "../reports/lettersReport";
import { RawTable } from "../reports/table";
import { Rulebook } from "../rules/rulebook";
import { readTableAt, renderSheets } from "./excelBridge";
import { registerRowsFor } from "./lettersModel";

/** The register's table names the wizard writes (zh, en as Excel keeps it), looked for in this order. */
export const REGISTER_TABLES = ["发函登记", "Letter_register"] as const;

/** Headers that make a table a letter register whatever it is called: the letter number and the served date (zh, en). */
const REGISTER_HEADERS = [
  ["函号", "送达日期"],
  ["letter no.", "served on"],
] as const;

/**
 * The workbook's letter register, as a table name, or null when there is
 * none: the table by the name the wizard gives it, or else a table the user
 * renamed, known by its headers (one more sync, only in a workbook that has
 * tables but none of those names). Missing it would write a new register
 * sheet in place of the wizard's earlier one, and the renamed table with it.
 */
export async function findRegister(context: Excel.RequestContext): Promise<string | null> {
  const tables = REGISTER_TABLES.map((name) => {
    const t = context.workbook.tables.getItemOrNullObject(name);
    t.load("name");
    return t;
  });
  const all = context.workbook.tables;
  all.load("items/name");
  await context.sync();
  const found = tables.find((t) => !t.isNullObject);
  if (found) return found.name;
  if (all.items.length === 0) return null;
  const headers = all.items.map((t) => {
    const header = t.getHeaderRowRange();
    header.load("values");
    return { name: t.name, header };
  });
  await context.sync();
  const isRegister = (row: readonly unknown[]) => {
    const names = new Set(row.map((h) => String(h ?? "").trim().toLowerCase()));
    return REGISTER_HEADERS.some((wanted) => wanted.every((h) => names.has(h)));
  };
  return headers.find((t) => isRegister(t.header.values[0] ?? []))?.name ?? null;
}

/** The register read as a table (the dunning log of the next letters). */
export function readRegister(context: Excel.RequestContext, name: string): Promise<RawTable> {
  return readTableAt(context, { sheet: "", address: "", tableName: name });
}

export interface LettersWritten {
  sheets: string[];
  /** the register table the rows went to */
  register: string;
  appended: number;
}

/**
 * Writes the letters and the index (replacing the wizard's own earlier ones),
 * then the register: appended to `register` when the workbook has one, else
 * created as the report's register sheet.
 */
export async function writeLetters(
  context: Excel.RequestContext,
  result: LettersResult,
  rb: Rulebook,
  register: string | null,
  onProgress?: (done: number, total: number) => void,
): Promise<LettersWritten> {
  const [letters, index, registerSheet] = buildLettersReport(result, rb);
  if (register === null) {
    const rendered = await renderSheets(context, [letters, index, registerSheet], { activate: true, onProgress });
    const table = registerSheet.tables?.[0];
    const names = context.workbook.tables;
    names.load("items/name");
    await context.sync();
    const created = table ? names.items.map((t) => t.name).find((n) => (REGISTER_TABLES as readonly string[]).includes(n)) : undefined;
    return { sheets: rendered.sheets.map((s) => s.name), register: created ?? "", appended: result.register.length };
  }
  const rendered = await renderSheets(context, [letters, index], { activate: true, onProgress });
  if (result.register.length === 0) return { sheets: rendered.sheets.map((s) => s.name), register, appended: 0 };
  const table = context.workbook.tables.getItem(register);
  const header = table.getHeaderRowRange();
  header.load("values");
  await context.sync();
  const rows = registerRowsFor(header.values[0], result.register).map((r) => r.map((v) => (v === null ? "" : (v as string | number | boolean))));
  table.rows.add(undefined, rows);
  await context.sync();
  return { sheets: rendered.sheets.map((s) => s.name), register, appended: result.register.length };
}

/**
 * Creating the registers in the open workbook, inside the caller's Excel.run:
 * one sync learns the workbook's table names (a register whose name is taken
 * gets a new one, and a user's table is never touched), then the renderer's
 * syncs write the sheets, the drop-downs, the named as-of cell and the tables
 * with their formula columns, written as one types them (Office.js takes
 * =LTC.OPPSCORE([@品牌认同度],…) as the user's own entry).
 */
import { buildRegisters, BuiltRegister, FunctionParams, RegisterOptions } from "../reports/registers";
import { Rulebook } from "../rules/rulebook";
import { renderSheets } from "./excelBridge";

export interface RegistersCreated {
  registers: BuiltRegister[];
  /** the sheets' names as written */
  sheets: string[];
  /** context.sync() calls of the whole action */
  syncs: number;
}

/**
 * `creation` tells this set of registers from any other (the renderer
 * replaces a sheet whose owner key matches, and a register holds the user's
 * rows: it must never be replaced, even when a later set reuses a table name
 * the user has since freed).
 */
export async function createRegisters(
  context: Excel.RequestContext,
  rb: Rulebook,
  functions: readonly FunctionParams[],
  options: Pick<RegisterOptions, "lang" | "asOf">,
  creation: string,
): Promise<RegistersCreated> {
  const tables = context.workbook.tables;
  tables.load("items/name");
  await context.sync();
  const registers = buildRegisters(rb, functions, { ...options, takenTableNames: tables.items.map((t) => t.name) });
  const plans = registers.map((r) => ({ ...r.plan, ownerKey: `${r.plan.ownerKey}:${creation}` }));
  const rendered = await renderSheets(context, plans, { activate: true });
  return { registers, sheets: rendered.sheets.map((s) => s.name), syncs: 1 + rendered.stats.syncs };
}

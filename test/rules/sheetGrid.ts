/**
 * Test helper: the LTC规则 sheet of a rulebook as a mutable grid of values,
 * with lookups by table id, row key and column key, as a user edits it.
 */
import { planValues, rulesSheetPlan } from "../../src/reports/rulesSheet";
import { Rulebook } from "../../src/rules/rulebook";
import { headerText, tableInfo } from "../../src/rules/tables";

export type Grid = unknown[][];

export function sheetGrid(rb: Rulebook): Grid {
  return planValues(rulesSheetPlan(rb)).map((row) => [...row]);
}

/** 0-based index of a table's title row. */
export function titleRow(grid: Grid, tableId: string): number {
  const r = grid.findIndex((row) => row[0] === tableId);
  if (r < 0) throw new Error(`no table ${tableId} on the sheet`);
  return r;
}

export function columnIndex(grid: Grid, tableId: string, column: string): number {
  const header = grid[titleRow(grid, tableId) + 1];
  const c = header.indexOf(headerText(column));
  if (c < 0) throw new Error(`no column ${column} in ${tableId}`);
  return c;
}

/** 0-based grid index of the row whose key column is `key`. */
export function rowIndex(grid: Grid, tableId: string, key: string): number {
  const info = tableInfo(tableId);
  const keyColumn = info ? info.keyColumn : "key";
  const c = columnIndex(grid, tableId, keyColumn);
  const start = titleRow(grid, tableId) + 2;
  for (let r = start; r < grid.length && grid[r].length > 0; r++) if (grid[r][c] === key) return r;
  throw new Error(`no row ${key} in ${tableId}`);
}

/** Sets one cell; returns the worksheet row number (1-based) a user sees. */
export function setCell(grid: Grid, tableId: string, key: string, column: string, value: unknown): number {
  const r = rowIndex(grid, tableId, key);
  grid[r][columnIndex(grid, tableId, column)] = value;
  return r + 1;
}

export function getCell(grid: Grid, tableId: string, key: string, column: string): unknown {
  return grid[rowIndex(grid, tableId, key)][columnIndex(grid, tableId, column)];
}

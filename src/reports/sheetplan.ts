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

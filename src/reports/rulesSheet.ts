import { normalizeLabel } from "../rules/normalize";
import { Rulebook } from "../rules/rulebook";
import {
  ColumnInfo,
  defaultSettings,
  excelTableName,
  headerText,
  META_TABLE,
  rulebookSchema,
  rulebookTables,
  RowValue,
  SECTION_NAMES,
  TableInfo,
  tableIdFromName,
  TableRow,
} from "../rules/tables";
import { rulebookStamp } from "../rules/fingerprint";
import { numberFromText } from "../rules/values";
import {
  blankProblem,
  checkCandidate,
  ImportResult,
  nonNumericSetting,
  notNumber,
  notOneOf,
  RuleError,
  unknownColumn,
  wrongType,
} from "../rules/validate";
import { Text } from "../rules/types";
import { Block, CellStyle, displayWidth, PlanValue, SheetPlan, TablePlan } from "./sheetplan";
import { RawTable } from "./table";

/**
 * The rulebook as an editable sheet, `LTC规则`, and back. One block per
 * rulebook table: a title row whose first cell is the table's id
 * ("owner.rules"), a header row of bilingual column names, then the rows,
 * each also an Excel table (ListObject) named "LTC_owner_rules". Rows the
 * deck marks [reading] or [default] are shaded (the company's to change).
 * Lists are written joined with " | ".
 *
 * Reading back works from Excel tables (`rulebookFromTables`) or from the
 * sheet's plain values (`rawTablesFromSheet`), so a renderer that cannot
 * create ListObjects still round-trips.
 */

export const RULES_SHEET_NAME = "LTC规则";
export const RULES_SHEET_OWNER_KEY = "ltc:rules";
export const LIST_SEPARATOR = " | ";

const MARK_STYLE: Record<string, string | undefined> = { reading: "markReading", default: "markDefault" };

/** Words users may type in a `mark` cell for each mark. */
const MARK_ALIASES: Record<string, string> = {
  deck: "deck",
  原文: "deck",
  reading: "reading",
  解读: "reading",
  default: "default",
  默认: "default",
};

const STYLES: Record<string, CellStyle> = {
  title: { bold: true, fontSize: 14 },
  info: { italic: true, fontColor: "#605E5C" },
  tableTitle: { bold: true, fontSize: 12, fontColor: "#0F6CBD" },
  tableId: { bold: true, fontColor: "#0F6CBD" },
  header: { bold: true, fill: "#E1DFDD", border: true, wrap: true, vAlign: "center" },
  cell: { border: true, wrap: true, vAlign: "top", input: true },
  text: { numberFormat: "@" },
  markReading: { fill: "#DEECF9" },
  markDefault: { fill: "#FFF4CE" },
};

function formatStyleName(fmt: string): string {
  return `fmt:${fmt}`;
}

/** A row value as a cell: lists joined with " | ", "" and null as blank. */
export function cellFromValue(v: RowValue | undefined): PlanValue {
  if (v === undefined || v === null || v === "") return null;
  if (Array.isArray(v)) return v.length === 0 ? null : v.join(LIST_SEPARATOR);
  return v;
}

function valueWidth(v: PlanValue): number {
  return v === null || typeof v === "object" ? 0 : displayWidth(String(v));
}

function tableTitle(info: TableInfo): string {
  const section = SECTION_NAMES[info.section];
  return `${section.zh} · ${info.name.zh} · ${info.name.en}`;
}

/** The label of the sheet's line with the stamp of the rules it was written with. */
const STAMP_LABEL = "当前规则 · Rules in force";

/**
 * The stamp of the rules a rules sheet was written with (its "Rules in force"
 * line near the top), or undefined: rules read back from the sheet with
 * another stamp were edited there.
 */
export function exportedStamp(values: readonly (readonly unknown[])[]): string | undefined {
  const line = values.slice(0, 5).find((row) => row[0] === STAMP_LABEL);
  return typeof line?.[1] === "string" ? line[1] : undefined;
}

/**
 * The rulebook as the `LTC规则` sheet: a title, the stamp of the rules in
 * force, a legend of the marks, the version table, then one block and one
 * Excel table per rulebook table.
 */
export function rulesSheetPlan(rb: Rulebook): SheetPlan {
  const styles: Record<string, CellStyle> = { ...STYLES };
  const blocks: Block[] = [];
  const tables: TablePlan[] = [];
  const widths: number[] = [];
  const note = (row: number, values: PlanValue[], style: string) => blocks.push({ row, col: 0, values: [values], style });

  note(0, ["LTC 规则手册 · LTC rulebook"], "title");
  note(1, [STAMP_LABEL, rulebookStamp(rb)], "info");
  blocks.push({
    row: 2,
    col: 0,
    values: [["标注 · Mark", "deck = 原文 (stated by the deck)", "reading = 解读 (a reading; the company's to change)", "default = 默认 (a default; the company should set it)"]],
    style: "info",
    columnStyles: [undefined, undefined, "markReading", "markDefault"],
  });
  note(
    3,
    [
      "编辑后在任务窗格“规则”中导入；金额以分计（500万元 = 500000000）；列表以 | 分隔；日期按 yyyy-mm-dd 填写 · " +
        "Edit, then import in the task pane's Rules view; amounts in fen (5,000,000 CNY = 500000000); lists separated by |; dates as yyyy-mm-dd",
    ],
    "info",
  );

  let row = 5;
  const addTable = (id: string, title: string, columns: ColumnInfo[], rows: TableRow[], rowStyles: (string | undefined)[]) => {
    blocks.push({ row, col: 0, values: [[id, title]], columnStyles: ["tableId", "tableTitle"] });
    const header = columns.map((c) => headerText(c.key));
    const body: PlanValue[][] = rows.map((r) => columns.map((c) => cellFromValue(r[c.key])));
    const dataRows = body.length > 0 ? body : [columns.map(() => null)];
    const columnStyles = columns.map((c) => {
      if (c.numberFormat) {
        const name = formatStyleName(c.numberFormat);
        styles[name] = { numberFormat: c.numberFormat };
        return name;
      }
      return c.kind === "text" || c.kind === "list" ? "text" : undefined;
    });
    blocks.push({ row: row + 1, col: 0, values: [header], style: "header" });
    blocks.push({ row: row + 2, col: 0, values: dataRows, style: "cell", columnStyles, rowStyles: body.length > 0 ? rowStyles : undefined });
    tables.push({ name: excelTableName(id), area: { row: row + 1, col: 0, rows: 1 + dataRows.length, cols: columns.length }, style: "TableStyleLight1" });
    [header, ...body].forEach((line) =>
      line.forEach((v, c) => {
        widths[c] = Math.max(widths[c] ?? 8, Math.min(50, valueWidth(v) + 2));
      }),
    );
    row += 2 + dataRows.length + 1;
  };

  const metaColumns = metaTableColumns();
  addTable(META_TABLE, "规则手册 · Rulebook", metaColumns, [{ key: "version", value: rb.version }], []);
  for (const t of rulebookTables(rb)) {
    addTable(
      t.id,
      tableTitle(t),
      t.columns,
      t.rows,
      t.rows.map((r) => (typeof r.mark === "string" ? MARK_STYLE[r.mark] : undefined)),
    );
  }

  return {
    name: RULES_SHEET_NAME,
    ownerKey: RULES_SHEET_OWNER_KEY,
    styles,
    blocks,
    columnWidths: widths.map((w) => w ?? 8),
    tables,
    print: { paper: "A4", orientation: "landscape", fitToWidth: true, footer: `LTC Desk · ${rulebookStamp(rb)}` },
    tabColor: "#0F6CBD",
  };
}

function metaTableColumns(): ColumnInfo[] {
  const col = (key: string): ColumnInfo => ({
    key,
    header: { zh: key, en: key },
    kind: "text",
    nullable: false,
    optional: false,
    required: true,
  });
  return [col("key"), col("value")];
}

/** The plan's cells as one grid of values (what a renderer writes), e.g. to read a plan back in tests and the CLI. */
export function planValues(plan: SheetPlan): PlanValue[][] {
  const grid: PlanValue[][] = [];
  for (const b of plan.blocks) {
    b.values.forEach((line, r) =>
      line.forEach((v, c) => {
        const row = (grid[b.row + r] ??= []);
        row[b.col + c] = v;
      }),
    );
  }
  return Array.from(grid, (line) => Array.from(line ?? [], (v) => (v === undefined ? null : v)));
}

// ---------------------------------------------------------------- reading the sheet back

function isBlankCell(v: unknown): boolean {
  return v === null || v === undefined || v === "";
}

function known(id: string): boolean {
  return id === META_TABLE || rulebookSchema().some((t) => t.id === id);
}

/**
 * The rulebook tables on a rules sheet given as plain values: each block is
 * found by its title row (first cell a table id, nothing after the title),
 * then a header row and the rows up to the next title (blank rows skipped).
 * `firstRowNumber` is the worksheet row of values[0] (1 when read from A1).
 */
export function rawTablesFromSheet(values: readonly (readonly unknown[])[], firstRowNumber = 1, sheet = RULES_SHEET_NAME): Record<string, RawTable> {
  const isTitle = (line: readonly unknown[] | undefined): string | undefined => {
    if (!line || typeof line[0] !== "string") return undefined;
    const id = tableIdFromName(line[0]);
    if (!known(id) || line[0].trim() !== id) return undefined;
    return line.slice(2).every(isBlankCell) ? id : undefined;
  };
  const out: Record<string, RawTable> = {};
  for (let r = 0; r < values.length; r++) {
    const id = isTitle(values[r]);
    if (!id || r + 1 >= values.length) continue;
    const header = [...(values[r + 1] ?? [])];
    while (header.length > 0 && isBlankCell(header[header.length - 1])) header.pop();
    const rows: unknown[][] = [];
    let end = r + 2;
    while (end < values.length && !isTitle(values[end])) {
      rows.push([...(values[end] ?? [])]);
      end++;
    }
    while (rows.length > 0 && rows[rows.length - 1].every(isBlankCell)) rows.pop();
    out[id] = { header, rows, firstRowNumber: firstRowNumber + r + 2, source: `${sheet}!${id}` };
    r = end - 1;
  }
  return out;
}

/** A cell converted for a column: the value, nothing (an optional column left blank), or the problem. */
type Converted = { value: RowValue } | { omit: true } | { problem: Text };

function serialFromDate(d: Date): number {
  return (d.getTime() - Date.UTC(1899, 11, 30)) / 86400000;
}

const TRUE_WORDS = new Set(["true", "是", "yes", "y"]);
const FALSE_WORDS = new Set(["false", "否", "no", "n"]);

function textOf(raw: unknown): string | undefined {
  if (typeof raw === "string") return raw;
  if (typeof raw === "number" && Number.isFinite(raw)) return String(raw);
  return undefined;
}

/** Reads a cell as a number: numbers, numeric text ("1,000", full-width digits), dates as serials; "10%" where the column shows percents. */
function numberOf(raw: unknown, col: ColumnInfo | undefined): number | undefined {
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : undefined;
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? undefined : serialFromDate(raw);
  if (typeof raw !== "string") return undefined;
  const t = raw.normalize("NFKC").trim();
  if (col?.numberFormat?.includes("%") && t.endsWith("%")) {
    const n = numberFromText(t.slice(0, -1));
    return Number.isNaN(n) ? undefined : n / 100;
  }
  const n = numberFromText(t);
  return Number.isNaN(n) ? undefined : n;
}

/** Converts one cell of the rules sheet for its column (checking its type); `row` gives a setting's key. */
export function convertCell(info: TableInfo, col: ColumnInfo, raw: unknown, row: TableRow): Converted {
  if (isBlankCell(raw)) {
    if (col.optional) return { omit: true };
    if (col.kind === "list") return { value: [] };
    if (col.nullable) return { value: null };
    if (col.kind === "text" && !col.required && !col.values) return { value: "" };
    return { problem: blankProblem(info, col) };
  }
  const codeLike = col.key === info.keyColumn || col.ref !== undefined || col.values !== undefined;
  switch (col.kind) {
    case "text": {
      let t = textOf(raw);
      if (t === undefined) return { problem: wrongType(raw, { zh: "文本", en: "text" }) };
      if (codeLike) t = t.trim();
      if (col.key === "mark") t = MARK_ALIASES[t.toLowerCase()] ?? t;
      if (col.values && !col.values.includes(t)) return { problem: notOneOf(raw, col.values) };
      if (t === "" && (col.required || col.nullable)) return col.nullable ? { value: null } : { problem: blankProblem(info, col) };
      return { value: t };
    }
    case "number": {
      const n = numberOf(raw, col);
      return n === undefined ? { problem: notNumber(col, raw) } : { value: n };
    }
    case "boolean": {
      if (typeof raw === "boolean") return { value: raw };
      const t = typeof raw === "string" ? raw.normalize("NFKC").trim().toLowerCase() : undefined;
      if (t !== undefined && TRUE_WORDS.has(t)) return { value: true };
      if (t !== undefined && FALSE_WORDS.has(t)) return { value: false };
      return { problem: wrongType(raw, { zh: "TRUE 或 FALSE", en: "TRUE or FALSE" }) };
    }
    case "list": {
      const t = textOf(raw);
      if (t === undefined) return { problem: wrongType(raw, { zh: "以 | 分隔的代码列表", en: "a list of codes separated by |" }) };
      return {
        value: t
          .split("|")
          .map((s) => s.trim())
          .filter((s) => s !== ""),
      };
    }
    case "setting": {
      const key = typeof row.key === "string" ? row.key : undefined;
      const kind = key ? defaultSettings(info.id).get(key) : undefined;
      if (kind === "number") {
        const n = numberOf(raw, col);
        return n === undefined ? { problem: nonNumericSetting(key!, raw) } : { value: n };
      }
      if (typeof raw === "number") return Number.isFinite(raw) ? { value: raw } : { problem: nonNumericSetting(key ?? "?", raw) };
      if (typeof raw === "string") return { value: raw.trim() };
      return { problem: wrongType(raw, { zh: "数字或文本", en: "a number or text" }) };
    }
  }
}

/** Header spellings of a column: "代码 (Code)", "代码", "Code", "code". */
function headerKeys(key: string, header: Text): string[] {
  return [headerText(key), header.zh, header.en, key].map((s) => normalizeLabel(s));
}

interface ReadTable {
  rows: TableRow[];
  rowNumbers: number[];
  /** required columns the table has no header for (a sheet exported before they existed) */
  absentColumns: string[];
}

function cellError(sheet: string, table: string, row: number | null, column: string | null, problem: Text): RuleError {
  return { sheet, table, row, column, reason: problem.en, reasonZh: problem.zh };
}

/** Reads one raw table against its structure; errors go to `errors`. */
function readTable(info: TableInfo, raw: RawTable, sheet: string, errors: RuleError[]): ReadTable {
  const headerRow = raw.firstRowNumber - 1;
  const index = new Map<string, number>();
  raw.header.forEach((cell, i) => {
    if (isBlankCell(cell)) {
      if (raw.rows.some((r) => !isBlankCell(r[i]))) {
        errors.push(cellError(sheet, info.id, headerRow, null, { zh: `第${i + 1}列有数据但没有列名`, en: `column ${i + 1} has data but no header` }));
      }
      return;
    }
    const k = normalizeLabel(String(cell));
    const col = info.columns.find((c) => headerKeys(c.key, c.header).includes(k));
    if (!col) {
      errors.push(cellError(sheet, info.id, headerRow, String(cell), unknownColumn(info, String(cell))));
      return;
    }
    if (index.has(col.key)) {
      errors.push(
        cellError(sheet, info.id, headerRow, col.key, { zh: `列 ${col.header.zh} 出现了两次`, en: `column ${col.key} (${col.header.en}) appears twice` }),
      );
      return;
    }
    index.set(col.key, i);
  });
  const out: ReadTable = { rows: [], rowNumbers: [], absentColumns: info.columns.filter((c) => !index.has(c.key) && !c.optional).map((c) => c.key) };
  raw.rows.forEach((cells, r) => {
    if (cells.every(isBlankCell)) return;
    const rowNumber = raw.firstRowNumber + r;
    const row: TableRow = {};
    // the key first: a setting's value is read by its key's kind
    const ordered = [...info.columns].sort((a, b) => (a.key === info.keyColumn ? -1 : b.key === info.keyColumn ? 1 : 0));
    for (const col of ordered) {
      const i = index.get(col.key);
      if (i === undefined) continue;
      const converted = convertCell(info, col, cells[i], row);
      if ("problem" in converted) errors.push(cellError(sheet, info.id, rowNumber, col.key, converted.problem));
      else if ("value" in converted) row[col.key] = converted.value;
    }
    // keep the structure's column order (readability of stored JSON; the fingerprint sorts keys anyway)
    const inOrder: TableRow = {};
    for (const col of info.columns) if (col.key in row) inOrder[col.key] = row[col.key];
    out.rows.push(inOrder);
    out.rowNumbers.push(rowNumber);
  });
  return out;
}

/** The version from the rules sheet's `rulebook` table, or undefined. */
function readVersion(raw: RawTable, sheet: string, errors: RuleError[]): string | undefined {
  const keyAt = raw.header.findIndex((h) => !isBlankCell(h) && headerKeys("key", { zh: "键", en: "Key" }).includes(normalizeLabel(String(h))));
  const valueAt = raw.header.findIndex((h) => !isBlankCell(h) && headerKeys("value", { zh: "值", en: "Value" }).includes(normalizeLabel(String(h))));
  if (keyAt < 0 || valueAt < 0) {
    errors.push(cellError(sheet, META_TABLE, raw.firstRowNumber - 1, keyAt < 0 ? "key" : "value", { zh: "规则手册表需要“键”和“值”两列", en: "the rulebook table needs a Key and a Value column" }));
    return undefined;
  }
  let version: string | undefined;
  raw.rows.forEach((cells, r) => {
    if (cells.every(isBlankCell)) return;
    const key = textOf(cells[keyAt])?.trim();
    const value = textOf(cells[valueAt])?.trim();
    if (key === "version") {
      if (!value) errors.push(cellError(sheet, META_TABLE, raw.firstRowNumber + r, "value", { zh: "版本不能为空", en: "the version is required" }));
      else version = value;
    } else {
      errors.push(cellError(sheet, META_TABLE, raw.firstRowNumber + r, "key", { zh: `未知的键“${key ?? ""}”（只有 version）`, en: `unknown key "${key ?? ""}" (only version)` }));
    }
  });
  return version;
}

/**
 * The rulebook in a set of tables read from the rules sheet (Excel tables by
 * name, "LTC_owner_rules" or "owner.rules", or the output of
 * rawTablesFromSheet). Every cell and every rule is checked before anything
 * is returned: either the whole rulebook, or every error with its sheet,
 * table, row and column. `base` gives the version when the sheet has none;
 * a table or column the sheet lacks (a sheet exported before it existed) is
 * completed from the built-in rulebook, with a notice.
 */
export function rulebookFromTables(tables: Record<string, RawTable>, base: Rulebook, options: { sheet?: string } = {}): ImportResult {
  const sheet = options.sheet ?? RULES_SHEET_NAME;
  const errors: RuleError[] = [];
  const byId = new Map<string, RawTable>();
  for (const [name, raw] of Object.entries(tables)) {
    const id = tableIdFromName(name);
    if (!known(id)) {
      errors.push(cellError(sheet, name, null, null, { zh: `未知的表“${name}”`, en: `unknown table "${name}"` }));
      continue;
    }
    byId.set(id, raw);
  }
  const meta = byId.get(META_TABLE);
  const version = (meta && readVersion(meta, sheet, errors)) ?? base.version;
  const candidate: Record<string, unknown> = { version };
  const rowNumbers = new Map<string, number[]>();
  const absentColumns = new Map<string, string[]>();
  for (const info of rulebookSchema()) {
    const section = (candidate[info.section] ??= {}) as Record<string, unknown>;
    const raw = byId.get(info.id);
    if (!raw) continue; // a table the sheet lacks is completed from the default (checkCandidate), with a notice
    const read = readTable(info, raw, sheet, errors);
    section[info.table] = read.rows;
    rowNumbers.set(info.id, read.rowNumbers);
    if (read.absentColumns.length > 0) absentColumns.set(info.id, read.absentColumns);
  }
  return checkCandidate(
    candidate as unknown as Rulebook,
    { sheet, rowNumber: (table, index) => rowNumbers.get(table)?.[index] ?? null },
    errors,
    absentColumns,
  );
}

/** rawTablesFromSheet + rulebookFromTables: the rulebook on a rules sheet read as plain values. */
export function rulebookFromSheetValues(values: readonly (readonly unknown[])[], base: Rulebook, firstRowNumber = 1, sheet = RULES_SHEET_NAME): ImportResult {
  return rulebookFromTables(rawTablesFromSheet(values, firstRowNumber, sheet), base, { sheet });
}

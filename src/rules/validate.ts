import { setActiveRulebook } from "./active";
import { deepFreeze } from "./compile";
import { rulebookStamp } from "./fingerprint";
import { Vocabulary } from "./labels";
import { DEFAULT_RULEBOOK, Rulebook } from "./rulebook";
import {
  ADDED_ROWS,
  RETIRED_ROWS,
  ColumnInfo,
  ColumnRef,
  defaultSettings,
  headerText,
  META_TABLE,
  NumberRule,
  REFERENCES,
  rulebookSchema,
  RowValue,
  sectionNames,
  settingRef,
  TableInfo,
  TableRow,
  tableInfo,
  tableRows,
  TableRule,
  columnHeader,
} from "./tables";
import { Text } from "./types";

/**
 * Import validation: everything is checked before anything changes, and
 * every problem is reported with where it is (sheet, table, row, column) and
 * why, in English and Chinese. A rulebook is only ever made active through
 * `applyImport`, and only when it has no error: otherwise the previous one
 * stays in force.
 */

/** The document-settings key under which a workbook carries its rulebook (as JSON text). */
export const RULEBOOK_SETTING_KEY = "ltcDesk.rulebook";

export interface RuleError {
  /** the sheet, file or store the rules came from ("LTC规则", "rules.json") */
  sheet: string;
  /** table id ("owner.rules"), "rulebook" for the version, "" for the whole file */
  table: string;
  /** the row as the user sees it (worksheet row number; 1-based position in JSON), or null */
  row: number | null;
  /** column key ("score"), or null */
  column: string | null;
  /** why, in English */
  reason: string;
  /** why, in Chinese */
  reasonZh: string;
}

/**
 * An accepted rulebook, with `notices` where the import completed it: tables,
 * settings or rows of the built-in rulebook that the rules (saved by an
 * earlier version) lack, added from DEFAULT_RULEBOOK. The notices have the
 * shape of errors (where, and why, in both languages). A completed rulebook
 * keeps its version but is a new rulebook: its fingerprint is the completed one's.
 */
export type ImportResult = { rulebook: Rulebook; notices?: RuleError[] } | { errors: RuleError[] };

/** Where the rows of a candidate rulebook came from, so errors can name them. */
export interface Origin {
  sheet: string;
  /** the row number a user sees for row `index` of table `table` (default: index + 1) */
  rowNumber?: (table: string, index: number) => number | null;
}

export function isRejected(result: ImportResult): result is { errors: RuleError[] } {
  return "errors" in result;
}

// ---------------------------------------------------------------- messages

type Problem = Text; // {zh, en}

/** A value as a message shows it: "abc" / 12 / TRUE / blank. */
export function describeValue(v: unknown): Text {
  if (v === null || v === undefined || v === "") return { zh: "空白", en: "blank" };
  if (typeof v === "string") {
    const s = v.length > 40 ? v.slice(0, 40) + "…" : v;
    return { zh: `“${s}”`, en: JSON.stringify(s) };
  }
  if (typeof v === "number") return { zh: String(v), en: String(v) };
  if (typeof v === "boolean") return { zh: v ? "TRUE" : "FALSE", en: v ? "TRUE" : "FALSE" };
  if (v instanceof Date) return { zh: "日期", en: "a date" };
  if (Array.isArray(v)) return { zh: "列表", en: "a list" };
  return { zh: typeof v, en: `a ${typeof v}` };
}

function tableLabel(id: string): Text {
  const info = tableInfo(id);
  return info ? { zh: `${id}（${info.name.zh}）`, en: `${id} (${info.name.en})` } : { zh: id, en: id };
}

/** One line for a person: `LTC规则 › owner.rules › row 14 › 分值 (Score): score is missing …`. */
export function formatRuleError(e: RuleError, lang: "zh" | "en" = "en"): string {
  const parts = [e.sheet];
  if (e.table) parts.push(e.table);
  if (e.row !== null) parts.push(lang === "zh" ? `第${e.row}行` : `row ${e.row}`);
  if (e.column) parts.push(lang === "zh" ? columnHeader(e.column).zh : headerText(e.column));
  return `${parts.join(" › ")}${lang === "zh" ? "：" : ": "}${lang === "zh" ? e.reasonZh : e.reason}`;
}

class Collector {
  readonly errors: RuleError[] = [];
  readonly notices: RuleError[] = [];
  /** the rulebook being checked, for references to its other tables */
  candidate: unknown;
  /** tables added whole from the default, and per table the indices of rows inserted from it: they have no row number */
  readonly addedTables = new Set<string>();
  readonly insertedRows = new Map<string, number[]>();
  /** per table, the source indices of rows retired on completion (RETIRED_ROWS), ascending */
  readonly removedRows = new Map<string, number[]>();
  /** per table, the columns each row lacks in the source (by row index), for completeFromDefault */
  readonly absent = new Map<string, Map<number, string[]>>();
  constructor(readonly origin: Origin) {}

  rowNumber(table: string, index: number | null): number | null {
    if (index === null || this.addedTables.has(table)) return null;
    const inserted = this.insertedRows.get(table) ?? [];
    if (inserted.includes(index)) return null;
    let original = index - inserted.filter((i) => i < index).length;
    for (const removed of this.removedRows.get(table) ?? []) if (original >= removed) original++;
    return this.origin.rowNumber ? this.origin.rowNumber(table, original) : original + 1;
  }

  /** Records that the row at source index `index` of `table` was removed (before any row is inserted into it). */
  removed(table: string, index: number): void {
    const list = this.removedRows.get(table) ?? [];
    list.push(index);
    list.sort((a, b) => a - b);
    this.removedRows.set(table, list);
  }

  /** Records a row inserted at `index` of `table` (later rows move down by one). */
  inserted(table: string, index: number): void {
    const moved = (this.insertedRows.get(table) ?? []).map((i) => (i >= index ? i + 1 : i));
    this.insertedRows.set(table, [...moved, index]);
  }

  private entry(table: string, index: number | null, column: string | null, problem: Problem): RuleError {
    return { sheet: this.origin.sheet, table, row: this.rowNumber(table, index), column, reason: problem.en, reasonZh: problem.zh };
  }

  add(table: string, index: number | null, column: string | null, problem: Problem): void {
    this.errors.push(this.entry(table, index, column, problem));
  }

  note(table: string, column: string | null, problem: Problem): void {
    this.notices.push(this.entry(table, null, column, problem));
  }

  lacks(table: string, index: number, column: string): void {
    let rows = this.absent.get(table);
    if (!rows) this.absent.set(table, (rows = new Map()));
    const columns = rows.get(index);
    if (columns) columns.push(column);
    else rows.set(index, [column]);
  }
}

// ---------------------------------------------------------------- cell checks

/**
 * What is wrong with a (typed) value for a column, or undefined. Used for
 * JSON and stored rulebooks; the rules sheet converts cells first (rulesSheet.ts).
 */
export function valueProblem(info: TableInfo, col: ColumnInfo, value: unknown, row?: Record<string, unknown>): Problem | undefined {
  if (value === null) {
    if (col.nullable) return undefined;
    return blankProblem(info, col);
  }
  switch (col.kind) {
    case "text":
      if (typeof value !== "string") return wrongType(value, { zh: "文本", en: "text" });
      if (value === "" && (col.required || col.values)) return blankProblem(info, col);
      if (col.values && !col.values.includes(value)) return notOneOf(value, col.values);
      return undefined;
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) return notNumber(col, value);
      return undefined;
    case "boolean":
      if (typeof value !== "boolean") return wrongType(value, { zh: "TRUE 或 FALSE", en: "TRUE or FALSE" });
      return undefined;
    case "list":
      if (!Array.isArray(value) || value.some((x) => typeof x !== "string")) {
        return wrongType(value, { zh: "以 | 分隔的代码列表", en: "a list of codes separated by |" });
      }
      return undefined;
    case "setting": {
      const key = row && typeof row.key === "string" ? row.key : undefined;
      const kind = key ? defaultSettings(info.id).get(key) : undefined;
      if (kind === "number" && (typeof value !== "number" || !Number.isFinite(value))) return nonNumericSetting(key!, value);
      if (typeof value !== "number" && typeof value !== "string") return wrongType(value, { zh: "数字或文本", en: "a number or text" });
      if (value === "") return blankProblem(info, col);
      return undefined;
    }
  }
}

export function blankProblem(info: TableInfo, col: ColumnInfo): Problem {
  if (col.key === "score" && info.scored) {
    return {
      zh: "缺少分值：4/3/2/1 评分表的每一行都必须有分值",
      en: "score is missing: every row of a 4/3/2/1 table needs a score",
    };
  }
  if (col.key === info.keyColumn) return { zh: `缺少${col.header.zh}`, en: `${col.header.en.toLowerCase()} is missing` };
  return { zh: `${col.header.zh}不能为空`, en: `${col.header.en} is required` };
}

export function wrongType(value: unknown, expected: Text): Problem {
  const got = describeValue(value);
  return { zh: `类型不对：应为${expected.zh}，实为${got.zh}`, en: `wrong type: expected ${expected.en}, got ${got.en}` };
}

export function notOneOf(value: unknown, values: readonly string[]): Problem {
  const got = describeValue(value);
  return {
    zh: `类型不对：应为 ${values.join("、")} 之一，实为${got.zh}`,
    en: `wrong type: expected one of ${values.join(", ")}, got ${got.en}`,
  };
}

export function notNumber(col: ColumnInfo, value: unknown): Problem {
  const got = describeValue(value);
  return { zh: `${got.zh}不是数字：${col.header.zh}须为数字`, en: `${got.en} is not a number: ${col.header.en} needs a number` };
}

export function nonNumericSetting(key: string, value: unknown): Problem {
  const got = describeValue(value);
  return { zh: `设置 ${key} 须为数字，${got.zh}不是数字`, en: `setting ${key} needs a number; ${got.en} is not a number` };
}

// ---------------------------------------------------------------- shape (JSON, stored rulebooks)

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Checks that a parsed JSON value has the rulebook's shape (no unknown
 * sections or tables, rows with the table's columns and value types), and
 * returns a clean copy of it. Tables it lacks are left out: completeFromDefault adds them.
 */
function checkShape(candidate: unknown, out: Collector): Rulebook | undefined {
  if (!isPlainObject(candidate)) {
    out.add("", null, null, {
      zh: "不是规则手册：应为包含 version 和各节的 JSON 对象",
      en: "not a rulebook: expected a JSON object with a version and the sections",
    });
    return undefined;
  }
  const clean: Record<string, unknown> = {};
  if (typeof candidate.version !== "string" || candidate.version.trim() === "") {
    out.add(META_TABLE, null, "version", { zh: "缺少版本（version）", en: "the version is missing" });
  } else clean.version = candidate.version;

  const sections = new Set<string>(sectionNames());
  for (const key of Object.keys(candidate)) {
    if (key !== "version" && !sections.has(key)) {
      out.add(key, null, null, { zh: `未知的表“${key}”`, en: `unknown table "${key}"` });
    }
  }
  for (const section of sectionNames()) {
    const sec = candidate[section];
    const known = rulebookSchema().filter((t) => t.section === section);
    if (sec !== undefined && !isPlainObject(sec)) {
      out.add(section, null, null, { zh: `“${section}”应为由表组成的对象`, en: `"${section}" must be an object of tables` });
    }
    const cleanSection: Record<string, unknown> = {};
    clean[section] = cleanSection;
    if (isPlainObject(sec)) {
      for (const table of Object.keys(sec)) {
        if (!known.some((t) => t.table === table)) {
          out.add(`${section}.${table}`, null, null, { zh: `未知的表“${section}.${table}”`, en: `unknown table "${section}.${table}"` });
        }
      }
    }
    for (const info of known) {
      const rows = isPlainObject(sec) ? sec[info.table] : undefined;
      if (rows === undefined) continue; // completed from the default (completeFromDefault)
      if (!Array.isArray(rows)) {
        out.add(info.id, null, null, { zh: "表必须是行的列表", en: "a table must be a list of rows" });
        continue;
      }
      cleanSection[info.table] = rows.map((row, index) => checkRowShape(info, row, index, out));
    }
  }
  return clean as unknown as Rulebook;
}

// ---------------------------------------------------------------- completing rules saved by an earlier version

/**
 * The stored-rulebook contract: rules saved by an earlier version (a
 * workbook's stored rulebook, a rules file) must still load. What they lack
 * of the built-in rulebook's structure is added from DEFAULT_RULEBOOK, each
 * addition a notice: a missing table (whole), a missing setting (its row), a
 * row of ADDED_ROWS, a missing column (each row's value from the default's
 * row with the same key; blank where the column may be blank; otherwise an
 * error). Added rows go where the default has them, are checked like the
 * others, and have no row number (the rows the user sees keep theirs).
 */
function completeFromDefault(candidate: Record<string, unknown>, out: Collector): void {
  const builtIn = DEFAULT_RULEBOOK.version;
  completeColumns(candidate, out);
  for (const info of rulebookSchema()) {
    const section = (candidate[info.section] ??= {});
    if (!isPlainObject(section)) continue; // reported by checkShape
    const defaults = tableRows(DEFAULT_RULEBOOK, info.id) ?? [];
    const rows = section[info.table];
    if (rows === undefined) {
      section[info.table] = defaults.map(copyRow);
      out.addedTables.add(info.id);
      const t = tableLabel(info.id);
      out.note(info.id, null, {
        zh: `缺少表 ${t.zh}：已按内置规则手册 ${builtIn} 补上（规则保存于此表出现之前）`,
        en: `table ${t.en} was missing: added from the built-in rulebook ${builtIn} (the rules were saved before it existed)`,
      });
      continue;
    }
    if (!Array.isArray(rows)) continue; // reported by checkShape
    const at = (value: unknown) => rows.findIndex((r) => isPlainObject(r) && r[info.keyColumn] === value);
    const has = (value: unknown) => at(value) >= 0;
    for (const code of Object.keys(RETIRED_ROWS[info.id] ?? {})) {
      const index = at(code);
      if (index < 0) continue;
      const sourceIndex = (out.removedRows.get(info.id) ?? []).reduce((i, r) => (i >= r ? i + 1 : i), index);
      rows.splice(index, 1);
      out.removed(info.id, sourceIndex);
      const why = RETIRED_ROWS[info.id][code];
      out.note(info.id, info.keyColumn, {
        zh: `行 ${code} 已删除：${why.zh}（内置规则手册 ${builtIn} 不再有此行）`,
        en: `row ${code} was removed: ${why.en} (the built-in rulebook ${builtIn} no longer has it)`,
      });
    }
    // where the default has it: after the nearest row before it in the default that the rules have
    const add = (row: TableRow, column: string | null, problem: Problem) => {
      let index = 0;
      for (let d = defaults.indexOf(row) - 1; d >= 0; d--) {
        const found = at(defaults[d][info.keyColumn]);
        if (found >= 0) {
          index = found + 1;
          break;
        }
      }
      rows.splice(index, 0, copyRow(row));
      out.inserted(info.id, index);
      out.note(info.id, column, problem);
    };
    if (info.settings) {
      for (const row of defaults) {
        if (has(row.key)) continue;
        add(row, "key", {
          zh: `缺少设置 ${String(row.key)}：已按内置规则手册 ${builtIn} 的值 ${String(row.value)} 补上`,
          en: `setting ${String(row.key)} was missing: added with the built-in rulebook ${builtIn}'s value ${String(row.value)}`,
        });
      }
    }
    for (const code of ADDED_ROWS[info.id] ?? []) {
      const row = defaults.find((r) => r[info.keyColumn] === code);
      if (!row || has(code)) continue;
      add(row, info.keyColumn, {
        zh: `缺少行 ${code}：已按内置规则手册 ${builtIn} 补上（规则保存于此行出现之前）；如不需要，请修改该行而不是删除`,
        en: `row ${code} was missing: added from the built-in rulebook ${builtIn} (the rules were saved before it existed); to switch it off, edit it rather than delete it`,
      });
    }
  }
}

/** Fills the columns rows lack (Collector.absent) from the default's row with the same key. */
function completeColumns(candidate: Record<string, unknown>, out: Collector): void {
  for (const [id, byRow] of out.absent) {
    const info = tableInfo(id);
    const rows = info ? rowsOf(candidate, info) : [];
    if (!info) continue;
    const defaults = new Map((tableRows(DEFAULT_RULEBOOK, id) ?? []).map((r) => [r[info.keyColumn], r]));
    const noted = new Set<string>();
    for (const [index, columns] of byRow) {
      const row = rows[index];
      for (const key of columns) {
        const col = info.columns.find((c) => c.key === key)!;
        const fromDefault = defaults.get(row[info.keyColumn] as RowValue)?.[key];
        const value = fromDefault !== undefined ? fromDefault : col.nullable ? null : col.kind === "list" ? [] : undefined;
        if (value === undefined) {
          out.add(id, index, key, missingColumn(col));
          continue;
        }
        row[key] = Array.isArray(value) ? [...value] : value;
        if (noted.has(key)) continue;
        noted.add(key);
        out.note(id, key, {
          zh: `缺少列 ${col.header.zh}（${key}）：已按内置规则手册 ${DEFAULT_RULEBOOK.version} 补上（规则保存于此列出现之前）`,
          en: `column ${key} (${col.header.en}) was missing: filled in from the built-in rulebook ${DEFAULT_RULEBOOK.version} (the rules were saved before it existed)`,
        });
      }
    }
  }
}

function copyRow(row: TableRow): TableRow {
  const copy: TableRow = {};
  for (const [k, v] of Object.entries(row)) copy[k] = Array.isArray(v) ? [...v] : v;
  return copy;
}

function checkRowShape(info: TableInfo, row: unknown, index: number, out: Collector): TableRow {
  const clean: TableRow = {};
  if (!isPlainObject(row)) {
    out.add(info.id, index, null, { zh: "不是表行（应为对象）", en: "not a table row (expected an object)" });
    return clean;
  }
  for (const key of Object.keys(row)) {
    if (!info.columns.some((c) => c.key === key)) out.add(info.id, index, key, unknownColumn(info, key));
  }
  for (const col of info.columns) {
    const value = row[col.key];
    if (value === undefined) {
      if (!col.optional) out.lacks(info.id, index, col.key); // completed from the default, or reported, by completeFromDefault
      continue;
    }
    const problem = valueProblem(info, col, value, row);
    if (problem) out.add(info.id, index, col.key, problem);
    else clean[col.key] = Array.isArray(value) ? [...(value as string[])] : (value as RowValue);
  }
  return clean;
}

export function unknownColumn(info: TableInfo, column: string): Problem {
  return {
    zh: `未知的列“${column}”；此表的列为 ${info.columns.map((c) => c.header.zh).join("、")}`,
    en: `unknown column "${column}"; this table's columns are ${info.columns.map((c) => c.key).join(", ")}`,
  };
}

export function missingColumn(col: ColumnInfo): Problem {
  return { zh: `缺少列 ${col.header.zh}（${col.key}）`, en: `column ${col.key} (${col.header.en}) is missing` };
}

// ---------------------------------------------------------------- rules (semantic checks)

const SCORES = [4, 3, 2, 1];

function rowsOf(rb: unknown, info: TableInfo): Record<string, unknown>[] {
  if (!isPlainObject(rb)) return [];
  const sec = rb[info.section];
  const rows = isPlainObject(sec) ? sec[info.table] : undefined;
  return Array.isArray(rows) ? rows.map((r) => (isPlainObject(r) ? r : {})) : [];
}

/**
 * The rulebook's own rules, on a candidate whose cells may be partly missing
 * (a bad cell already reported is left out): unique codes, complete 4/3/2/1
 * tables, one row per label within a vocabulary, existing references, no
 * unknown setting, and the declared checks of tables.ts: what each column's
 * numbers and each setting's value must be (NUMBER_RULES, SETTING_RULES) and
 * the checks over a table's rows (TABLE_RULES).
 */
function checkRules(rb: unknown, out: Collector): void {
  out.candidate = rb;
  for (const info of rulebookSchema()) {
    const rows = rowsOf(rb, info);
    checkUniqueKeys(info, rows, out);
    if (info.vocabulary) checkLabels(info, rows, out);
    if (info.scored) checkScores(info, rows, out);
    for (const col of info.columns) if (col.numbers) checkColumnNumbers(info, rows, col, col.numbers, out);
    if (info.settings) checkSettings(info, rows, out);
    for (const col of info.columns) if (col.ref) checkRefs(info, rows, col.key, col.ref, out);
    for (const check of info.checks) checkTable(info, rows, check, out);
  }
}

function checkUniqueKeys(info: TableInfo, rows: Record<string, unknown>[], out: Collector): void {
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    const key = row[info.keyColumn];
    if (typeof key !== "string" || key === "") return;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
      return;
    }
    const at = out.rowNumber(info.id, first);
    const name = info.keyColumn === "code" ? { zh: "代码", en: "code" } : { zh: columnHeader(info.keyColumn).zh, en: info.keyColumn };
    out.add(info.id, index, info.keyColumn, {
      zh: `${name.zh}“${key}”重复${at !== null ? `：第${at}行已使用` : ""}`,
      en: `duplicate ${name.en} "${key}"${at !== null ? `: row ${at} has it too` : ""}`,
    });
  });
}

function checkLabels(info: TableInfo, rows: Record<string, unknown>[], out: Collector): void {
  const usable = rows
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => typeof row.code === "string" && row.code !== "")
    .map(({ row, index }) => ({
      index,
      code: row.code as string,
      zh: typeof row.zh === "string" ? row.zh : "",
      en: typeof row.en === "string" ? row.en : "",
      aliases: Array.isArray(row.aliases) ? row.aliases.filter((a): a is string => typeof a === "string") : [],
    }));
  // the last row of each code (a duplicated code is reported by checkUniqueKeys), found once: a sheet may have 150,000 rows
  const lastOfCode = new Map(usable.map((r) => [r.code, r]));
  for (const conflict of new Vocabulary(usable).conflicts) {
    const [firstCode, secondCode] = conflict.codes;
    const second = lastOfCode.get(secondCode);
    const column = second ? (second.zh === conflict.alias ? "zh" : second.en === conflict.alias ? "en" : "aliases") : "aliases";
    out.add(info.id, second ? second.index : null, column, {
      zh: `标签“${conflict.alias}”在同一词表中同时指向 ${firstCode} 和 ${secondCode}：每个标签只能对应一行`,
      en: `label "${conflict.alias}" is used twice in this vocabulary, by ${firstCode} and ${secondCode}: a label must name one row`,
    });
  }
}

function checkScores(info: TableInfo, rows: Record<string, unknown>[], out: Collector): void {
  const present = new Set<number>();
  rows.forEach((row, index) => {
    const score = row.score;
    if (score === undefined) return; // a bad cell, reported already
    if (score === null) {
      out.add(info.id, index, "score", blankProblem(info, info.columns.find((c) => c.key === "score")!));
      return;
    }
    if (typeof score !== "number") return;
    if (!SCORES.includes(score)) {
      out.add(info.id, index, "score", { zh: `分值 ${score} 不是 4、3、2 或 1`, en: `score ${score} is not 4, 3, 2 or 1` });
      return;
    }
    present.add(score);
  });
  for (const s of SCORES) {
    if (!present.has(s)) {
      out.add(info.id, null, "score", {
        zh: `没有分值为 ${s} 的行：4/3/2/1 评分表必须有 4、3、2、1 每个分值`,
        en: `no row has score ${s}: a 4/3/2/1 table needs each of the scores 4, 3, 2 and 1`,
      });
    }
  }
}

/** What is wrong with a number under a rule, or undefined; `what` names it ("Rate in percent", "setting x"). */
export function numberProblem(rule: NumberRule, v: number, what: Text): Problem | undefined {
  if (rule.whole && !Number.isInteger(v)) return { zh: `${v} 不是整数：${what.zh}须为整数`, en: `${v} is not a whole number: ${what.en} must be whole` };
  if (rule.min !== undefined && v < rule.min) {
    return { zh: `${v} 小于 ${rule.min}：${what.zh}不能小于 ${rule.min}`, en: `${v} is below ${rule.min}: ${what.en} must be at least ${rule.min}` };
  }
  if (rule.above !== undefined && !(v > rule.above)) {
    return { zh: `${v} 不大于 ${rule.above}：${what.zh}必须大于 ${rule.above}`, en: `${v} is not above ${rule.above}: ${what.en} must be above ${rule.above}` };
  }
  if (rule.max !== undefined && v > rule.max) {
    return { zh: `${v} 大于 ${rule.max}：${what.zh}不能大于 ${rule.max}`, en: `${v} is above ${rule.max}: ${what.en} must be at most ${rule.max}` };
  }
  return undefined;
}

/** A column's numbers one by one, and, where declared, increasing down the table. */
function checkColumnNumbers(info: TableInfo, rows: Record<string, unknown>[], col: ColumnInfo, rule: NumberRule, out: Collector): void {
  let previous: number | undefined;
  rows.forEach((row, index) => {
    const v = row[col.key];
    if (v === null && rule.increasing?.blank === "last" && index !== rows.length - 1) {
      out.add(info.id, index, col.key, {
        zh: `只有最后一行可以为空：${col.header.zh}为空表示不设上限`,
        en: `only the last row may be blank: a blank ${col.header.en} makes it open-ended`,
      });
      return;
    }
    if (typeof v !== "number") return;
    const problem = numberProblem(rule, v, col.header);
    if (problem) out.add(info.id, index, col.key, problem);
    if (rule.increasing && previous !== undefined && !(v > previous)) {
      const what = rule.increasing.what;
      out.add(info.id, index, col.key, {
        zh: `${what.zh}必须递增：${v} 不大于上一行的 ${previous}`,
        en: `${what.en} must increase: ${v} is not above the previous row's ${previous}`,
      });
    }
    previous = v;
  });
}

function checkTable(info: TableInfo, rows: Record<string, unknown>[], check: TableRule, out: Collector): void {
  switch (check.rule) {
    case "nonEmpty":
      if (rows.length === 0) out.add(info.id, null, null, { zh: `${info.name.zh}没有行：至少需要一行`, en: `${info.name.en} has no rows: it needs at least one` });
      return;
    case "openEnded": {
      const last = rows.length - 1;
      if (last >= 0 && rows[last][check.column] !== null && rows[last][check.column] !== undefined) {
        out.add(info.id, last, check.column, {
          zh: `${info.name.zh}的最后一行须留空（不设上限），否则超过 ${String(rows[last][check.column])} 天的应收无处可归`,
          en: `the last row of ${info.name.en} must be blank (open-ended): otherwise receivables older than ${String(rows[last][check.column])} days fall in no row`,
        });
      }
      return;
    }
    case "ordered":
      if (check.by) return checkOrderedCodes(info, rows, check.lower, check.upper, check.orEqual ?? false, check.by, out);
      return checkOrderedSettings(info, rows, check.lower, check.upper, check.orEqual ?? false, out);
    case "rowOrder":
      return checkRowOrder(info, rows, check.lower, check.upper, out);
    case "bands":
      return checkBands(info, rows, check.lower, check.upper, out);
    case "rowsForUsed":
      return checkRowsForUsed(info, rows, check.column, out);
    case "uniqueTogether":
      return checkUniqueTogether(info, rows, check.columns, out);
    case "escalating":
      return checkEscalating(info, rows, check.columns, out);
  }
}

/** Two settings of a table in order (lead temperature: warm from fewer months than cold). */
function checkOrderedSettings(info: TableInfo, rows: Record<string, unknown>[], lower: string, upper: string, orEqual: boolean, out: Collector): void {
  const at = (key: string) => rows.findIndex((r) => r.key === key);
  const lo = rows[at(lower)]?.value;
  const upIndex = at(upper);
  const up = rows[upIndex]?.value;
  if (typeof lo !== "number" || typeof up !== "number") return;
  if (orEqual ? up >= lo : up > lo) return;
  out.add(info.id, upIndex, "value", {
    zh: `设置 ${upper}（${up}）${orEqual ? "不能小于" : "必须大于"}设置 ${lower}（${lo}）`,
    en: `setting ${upper} (${up}) must be ${orEqual ? "at least" : "above"} setting ${lower} (${lo})`,
  });
}

/**
 * Two settings naming codes of an ordered table in order (the open pipeline from one stage to
 * another): reversed, the range between them would be empty and every report built on it blank.
 * A code the table lacks is reported by the reference check.
 */
function checkOrderedCodes(
  info: TableInfo,
  rows: Record<string, unknown>[],
  lower: string,
  upper: string,
  orEqual: boolean,
  by: ColumnRef,
  out: Collector,
): void {
  const target = tableInfo(by.table);
  if (!target) return;
  const targetRows = rowsOf(out.candidate, target);
  const at = (key: string) => rows.findIndex((r) => r.key === key);
  const ranked = (key: string) => {
    const code = rows[at(key)]?.value;
    const row = targetRows.find((r) => r[target.keyColumn] === code);
    const rank = row?.[by.column];
    return typeof code === "string" && row && typeof rank === "number" ? { code, rank, zh: String(row.zh ?? code), en: String(row.en ?? code) } : undefined;
  };
  const lo = ranked(lower);
  const up = ranked(upper);
  if (!lo || !up || (orEqual ? up.rank >= lo.rank : up.rank > lo.rank)) return;
  const t = tableLabel(by.table);
  out.add(info.id, at(upper), "value", {
    zh: `设置 ${upper}（${up.code} ${up.zh}，${by.column} ${up.rank}）在 ${t.zh}中排在设置 ${lower}（${lo.code} ${lo.zh}，${by.column} ${lo.rank}）之前：${upper}须${orEqual ? "等于或晚于" : "晚于"} ${lower}，否则其间没有任何一项`,
    en: `setting ${upper} (${up.code} ${up.en}, ${by.column} ${up.rank}) comes before setting ${lower} (${lo.code} ${lo.en}, ${by.column} ${lo.rank}) in ${t.en}: ${upper} must be ${orEqual ? "the same as or after" : "after"} ${lower}, or nothing lies between them`,
  });
}

/**
 * Levels whose thresholds escalate down the table (dunning levels by days and amount): with
 * "the last row whose thresholds all hold" as the answer, every input then gets exactly one
 * level or none, and each level is the answer for some input.
 */
function checkEscalating(info: TableInfo, rows: Record<string, unknown>[], columns: string[], out: Collector): void {
  let previous: { index: number; values: number[] } | undefined;
  rows.forEach((row, index) => {
    const values = columns.map((c) => row[c]);
    if (!values.every((v): v is number => typeof v === "number")) {
      previous = undefined; // a bad cell, reported already
      return;
    }
    if (previous) {
      const names = columns.map((c) => columnHeader(c));
      const before = previous.values;
      const falls = columns.findIndex((_c, i) => values[i] < before[i]);
      const at = out.rowNumber(info.id, previous.index);
      const prevRow = { zh: at !== null ? `第${at}行` : "上一行", en: at !== null ? `row ${at}` : "the previous row" };
      if (falls >= 0) {
        out.add(info.id, index, columns[falls], {
          zh: `${names[falls].zh}（${values[falls]}）低于${prevRow.zh}的 ${before[falls]}：级别须逐行升级，每个门槛不低于上一行，每种情况才恰好落入一个级别`,
          en: `${names[falls].en} (${values[falls]}) is below ${prevRow.en}'s ${before[falls]}: levels must escalate down the table, each threshold at least the one before, so that every case falls in one level`,
        });
      } else if (values.every((v, i) => v === before[i])) {
        out.add(info.id, index, columns[columns.length - 1], {
          zh: `门槛（${names.map((n, i) => `${n.zh} ${values[i]}`).join("，")}）与${prevRow.zh}相同：${prevRow.zh}永远不会被选中，至少一个门槛须高于上一行`,
          en: `the thresholds (${names.map((n, i) => `${n.en} ${values[i]}`).join(", ")}) repeat ${prevRow.en}'s: ${prevRow.en} would never be chosen; at least one threshold must be above the previous row's`,
        });
      }
    }
    previous = { index, values: values as number[] };
  });
}

/** Within each row, one number below another (a date range: issued from … before). */
function checkRowOrder(info: TableInfo, rows: Record<string, unknown>[], lower: string, upper: string, out: Collector): void {
  const lo = columnHeader(lower);
  const up = columnHeader(upper);
  rows.forEach((row, index) => {
    const a = row[lower];
    const b = row[upper];
    if (typeof a === "number" && typeof b === "number" && !(b > a)) {
      out.add(info.id, index, upper, { zh: `${up.zh}（${b}）必须大于${lo.zh}（${a}）`, en: `${up.en} (${b}) must be above ${lo.en} (${a})` });
    }
  });
}

/** Bands (lower, upper] follow each other without overlap or gap. */
function checkBands(info: TableInfo, rows: Record<string, unknown>[], lower: string, upper: string, out: Collector): void {
  let prevUpTo: number | undefined;
  rows.forEach((row, index) => {
    const above = row[lower];
    const upTo = row[upper];
    if (typeof upTo !== "number" || (above !== null && typeof above !== "number")) {
      prevUpTo = undefined;
      return;
    }
    if (typeof above === "number" && !(upTo > above)) {
      out.add(info.id, index, upper, { zh: `上限 ${upTo} 必须大于下限 ${above}`, en: `${upper} ${upTo} must be above '${lower}' ${above}` });
    }
    if (index > 0 && prevUpTo !== undefined) {
      if (above === null || (above as number) < prevUpTo) {
        out.add(info.id, index, lower, {
          zh: `与上一区间重叠：下限 ${above === null ? "空白" : above} 低于上一区间的上限 ${prevUpTo}`,
          en: `overlaps the previous band: ${lower} ${above === null ? "blank" : above} is below the previous band's ${upper} ${prevUpTo}`,
        });
      } else if ((above as number) > prevUpTo) {
        out.add(info.id, index, lower, {
          zh: `与上一区间之间有空档：下限 ${above} 高于上一区间的上限 ${prevUpTo}`,
          en: `leaves a gap after the previous band: ${lower} ${above} is beyond the previous band's ${upper} ${prevUpTo}`,
        });
      }
    }
    prevUpTo = upTo;
  });
}

/**
 * Every code that `column` can hold (its reference target) and that another
 * table uses has a row here: an approval chain an escalation step names has
 * its steps. The error is on the first row that uses it.
 */
function checkRowsForUsed(info: TableInfo, rows: Record<string, unknown>[], column: string, out: Collector): void {
  const target = info.columns.find((c) => c.key === column)?.ref;
  if (!target) return;
  const present = new Set(rows.map((r) => r[column]));
  const reported = new Set<unknown>();
  for (const [where, ref] of Object.entries(REFERENCES)) {
    if (ref.table !== target.table || ref.column !== target.column) continue;
    const userId = where.slice(0, where.lastIndexOf("."));
    const userColumn = where.slice(where.lastIndexOf(".") + 1);
    const user = tableInfo(userId);
    if (!user || userId === info.id) continue;
    rowsOf(out.candidate, user).forEach((row, index) => {
      const v = row[userColumn];
      for (const code of Array.isArray(v) ? v : [v]) {
        if (typeof code !== "string" || present.has(code) || reported.has(code)) continue;
        reported.add(code);
        const here = tableLabel(info.id);
        out.add(userId, index, userColumn, {
          zh: `“${code}”在 ${here.zh}中没有行：使用中的每一项至少需要一行`,
          en: `"${code}" has no rows in ${here.en}: each one in use needs at least one`,
        });
      }
    });
  }
}

function checkUniqueTogether(info: TableInfo, rows: Record<string, unknown>[], columns: string[], out: Collector): void {
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    const values = columns.map((c) => row[c]);
    if (values.some((v) => v === null || v === undefined || v === "")) return;
    const key = JSON.stringify(values);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
      return;
    }
    const at = out.rowNumber(info.id, first);
    const names = columns.map((c) => columnHeader(c));
    out.add(info.id, index, columns[columns.length - 1], {
      zh: `${names.map((n) => n.zh).join("与")}（${values.join("、")}）重复${at !== null ? `：第${at}行已使用` : ""}`,
      en: `duplicate ${columns.join(" and ")} (${values.join(", ")})${at !== null ? `: row ${at} has ${columns.length > 1 ? "them" : "it"} too` : ""}`,
    });
  });
}

function checkSettings(info: TableInfo, rows: Record<string, unknown>[], out: Collector): void {
  const wanted = defaultSettings(info.id);
  rows.forEach((row, index) => {
    if (typeof row.key !== "string" || row.key === "") return;
    if (!wanted.has(row.key)) {
      out.add(info.id, index, "key", {
        zh: `未知的设置“${row.key}”；此表的设置为 ${[...wanted.keys()].join("、")}`,
        en: `unknown setting "${row.key}"; this table's settings are ${[...wanted.keys()].join(", ")}`,
      });
      return;
    }
    const ref = settingRef(info.id, row.key);
    if (ref && typeof row.value === "string") checkRefValue(rbTargets(out, ref), info, index, "value", row.value, ref, out);
    const rule = info.settingNumbers?.[row.key];
    if (rule && typeof row.value === "number") {
      const problem = numberProblem(rule, row.value, { zh: `设置 ${row.key}`, en: `setting ${row.key}` });
      if (problem) out.add(info.id, index, "value", problem);
    }
  });
}

/** The values a reference may take: the target column of the candidate's target table. */
function rbTargets(out: Collector, ref: ColumnRef): Set<string> {
  const info = tableInfo(ref.table);
  const set = new Set<string>();
  if (!info) return set;
  for (const row of rowsOf(out.candidate, info)) {
    const v = row[ref.column];
    if (typeof v === "string") set.add(v);
  }
  return set;
}

function checkRefs(info: TableInfo, rows: Record<string, unknown>[], column: string, ref: ColumnRef, out: Collector): void {
  const targets = rbTargets(out, ref);
  rows.forEach((row, index) => {
    const v = row[column];
    if (typeof v === "string") checkRefValue(targets, info, index, column, v, ref, out);
    else if (Array.isArray(v)) for (const item of v) if (typeof item === "string") checkRefValue(targets, info, index, column, item, ref, out);
  });
}

function checkRefValue(targets: Set<string>, info: TableInfo, index: number, column: string, value: string, ref: ColumnRef, out: Collector): void {
  if (targets.has(value)) return;
  const t = tableLabel(ref.table);
  const what =
    ref.column === "key"
      ? { zh: "设置", en: "a setting of" }
      : ref.column === "code"
        ? { zh: "代码", en: "a code of" }
        : { zh: columnHeader(ref.column).zh, en: `a ${ref.column} of` };
  out.add(info.id, index, column, {
    zh: `引用不存在：“${value}”不是 ${t.zh}中的${what.zh}`,
    en: `unknown reference: "${value}" is not ${what.en} ${t.en}`,
  });
}

// ---------------------------------------------------------------- entry points

/** Errors in reading order: by table (rulebook order), then by row; a table-wide error after the rows. */
function sortErrors(errors: RuleError[]): RuleError[] {
  const order = new Map(rulebookSchema().map((t, i) => [t.id, i]));
  const tableRank = (t: string) => (t === "" ? -2 : t === META_TABLE ? -1 : (order.get(t) ?? order.size));
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => tableRank(a.e.table) - tableRank(b.e.table) || (a.e.row ?? Infinity) - (b.e.row ?? Infinity) || a.i - b.i)
    .map(({ e }) => e);
}

/** The accepted rulebook is deep-frozen: validated once, it never changes, so its compiled sections never go stale. */
function finish(out: Collector, rb: Rulebook | undefined): ImportResult {
  if (out.errors.length > 0 || !rb) return { errors: sortErrors(out.errors) };
  return out.notices.length > 0 ? { rulebook: deepFreeze(rb), notices: out.notices } : { rulebook: deepFreeze(rb) };
}

/**
 * Validates a rulebook given as data (parsed JSON, a stored rulebook):
 * its shape, every value's type, and the rulebook's rules. Returns a clean
 * copy (completed from the default where rules saved earlier lack a table,
 * setting or row, with notices), or every error found.
 */
export function validateRulebook(candidate: unknown, origin: Origin = { sheet: "JSON" }): ImportResult {
  const out = new Collector(origin);
  const clean = checkShape(candidate, out);
  if (clean) completeFromDefault(clean as unknown as Record<string, unknown>, out);
  checkRules(clean, out);
  return finish(out, clean);
}

/**
 * The rules checks alone, for a candidate built from cells that were already
 * converted and checked one by one (the rules sheet; tables it lacks left
 * out, and `absentColumns` without a value, to be completed from the
 * default). `earlier` are those cell errors: they are reported first, and any
 * error rejects the candidate.
 */
export function checkCandidate(
  candidate: Rulebook,
  origin: Origin,
  earlier: RuleError[] = [],
  absentColumns: ReadonlyMap<string, readonly string[]> = new Map(),
): ImportResult {
  const out = new Collector(origin);
  // one by one: a 150,000-row sheet can have more errors than a call takes arguments
  for (const e of earlier) out.errors.push(e);
  for (const [id, columns] of absentColumns) {
    const info = tableInfo(id);
    if (info) rowsOf(candidate, info).forEach((_row, index) => columns.forEach((column) => out.lacks(id, index, column)));
  }
  completeFromDefault(candidate as unknown as Record<string, unknown>, out);
  checkRules(candidate, out);
  return finish(out, candidate);
}

/** Reads rulebook JSON text (a rules.json file, a stored setting) and validates it. */
export function rulebookFromJson(text: string, origin: Origin = { sheet: "JSON" }): ImportResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return {
      errors: [{ sheet: origin.sheet, table: "", row: null, column: null, reason: `not JSON: ${message}`, reasonZh: `不是 JSON：${message}` }],
    };
  }
  return validateRulebook(parsed, origin);
}

/** The JSON text a rulebook is stored and exported as (pretty for files, compact for document settings). */
export function rulebookJson(rb: Rulebook, pretty = false): string {
  return pretty ? JSON.stringify(rb, null, 2) + "\n" : JSON.stringify(rb);
}

export type ApplyResult = { accepted: true; rulebook: Rulebook; stamp: string } | { accepted: false; errors: RuleError[] };

/**
 * Makes a validated rulebook the active one; on any error changes nothing,
 * so the previous rulebook stays in force.
 */
export function applyImport(result: ImportResult): ApplyResult {
  if (isRejected(result)) return { accepted: false, errors: result.errors };
  setActiveRulebook(result.rulebook);
  return { accepted: true, rulebook: result.rulebook, stamp: rulebookStamp(result.rulebook) };
}

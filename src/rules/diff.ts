import { rulebookStamp } from "./fingerprint";
import { amountText } from "./owner";
import { Rulebook } from "./rulebook";
import { columnHeader, rulebookSchema, RowValue, TableInfo, tableRows, TableRow } from "./tables";
import { Lang, Text } from "./types";

/**
 * What differs between two rulebooks, by table and row: the pane shows it
 * before an import ("what changes if I accept this?") and next to the
 * default ("what this workbook's company changed").
 */

export interface FieldChange {
  column: string;
  header: Text;
  from: RowValue | undefined;
  to: RowValue | undefined;
}

export interface RowChange {
  kind: "added" | "removed" | "changed";
  /** the row's key (its code, a setting's key) */
  key: string;
  /** the row's own words (zh/en), where it has them */
  label?: Text;
  /** changed cells (for added/removed rows: every filled cell) */
  fields: FieldChange[];
}

export interface TableDiff {
  table: string;
  name: Text;
  changes: RowChange[];
  /** the rows common to both are in another order (order matters: buckets, escalation steps…) */
  reordered: boolean;
}

export interface RulebookDiff {
  /** nothing differs */
  same: boolean;
  /** "version · fingerprint" of each side */
  from: string;
  to: string;
  version?: { from: string; to: string };
  /** only the tables that differ, in rulebook order */
  tables: TableDiff[];
}

function sameValue(a: RowValue | undefined, b: RowValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

function rowKey(info: TableInfo, row: TableRow, index: number): string {
  const k = row[info.keyColumn];
  return typeof k === "string" && k !== "" ? k : `#${index + 1}`;
}

function rowLabel(row: TableRow | undefined): Text | undefined {
  if (!row) return undefined;
  return typeof row.zh === "string" && typeof row.en === "string" ? { zh: row.zh, en: row.en } : undefined;
}

function diffTable(info: TableInfo, fromRows: TableRow[], toRows: TableRow[]): TableDiff | undefined {
  const fromByKey = new Map(fromRows.map((r, i) => [rowKey(info, r, i), r]));
  const toByKey = new Map(toRows.map((r, i) => [rowKey(info, r, i), r]));
  const columns = info.columns.map((c) => c.key);
  const changes: RowChange[] = [];
  for (const [key, before] of fromByKey) {
    const after = toByKey.get(key);
    if (!after) {
      changes.push({ kind: "removed", key, label: rowLabel(before), fields: filled(before, columns, "from") });
      continue;
    }
    const fields: FieldChange[] = [];
    for (const column of columns) {
      if (!sameValue(before[column], after[column])) {
        fields.push({ column, header: columnHeader(column), from: before[column], to: after[column] });
      }
    }
    if (fields.length > 0) changes.push({ kind: "changed", key, label: rowLabel(after), fields });
  }
  for (const [key, after] of toByKey) {
    if (!fromByKey.has(key)) changes.push({ kind: "added", key, label: rowLabel(after), fields: filled(after, columns, "to") });
  }
  const commonFrom = [...fromByKey.keys()].filter((k) => toByKey.has(k));
  const commonTo = [...toByKey.keys()].filter((k) => fromByKey.has(k));
  const reordered = commonFrom.some((k, i) => commonTo[i] !== k);
  if (changes.length === 0 && !reordered) return undefined;
  return { table: info.id, name: info.name, changes, reordered };
}

function filled(row: TableRow, columns: string[], side: "from" | "to"): FieldChange[] {
  return columns
    .filter((c) => row[c] !== undefined && row[c] !== null && row[c] !== "" && !(Array.isArray(row[c]) && (row[c] as string[]).length === 0))
    .map((c) => ({ column: c, header: columnHeader(c), from: side === "from" ? row[c] : undefined, to: side === "to" ? row[c] : undefined }));
}

/** Differences from `from` to `to`, table by table and row by row (rows matched by their code or key). */
export function diffRulebooks(from: Rulebook, to: Rulebook): RulebookDiff {
  const tables: TableDiff[] = [];
  for (const info of rulebookSchema()) {
    const d = diffTable(info, tableRows(from, info.id) ?? [], tableRows(to, info.id) ?? []);
    if (d) tables.push(d);
  }
  const version = from.version !== to.version ? { from: from.version, to: to.version } : undefined;
  return { same: tables.length === 0 && !version, from: rulebookStamp(from), to: rulebookStamp(to), version, tables };
}

// ---------------------------------------------------------------- readable lines

/** A cell value in a diff line: lists joined with " | ", blank shown as such. */
export function diffValueText(v: RowValue | undefined, lang: Lang): string {
  if (v === undefined || v === null || v === "") return lang === "zh" ? "（空）" : "(blank)";
  if (Array.isArray(v)) return v.length === 0 ? (lang === "zh" ? "（空）" : "(blank)") : v.join(" | ");
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

/** Amount settings are kept in fen; a diff line also says them in 万元 / CNY. */
function moneyNote(table: TableDiff, change: RowChange, field: FieldChange, lang: Lang): string {
  if (!table.table.endsWith(".settings") || field.column !== "value" || !/Fen$/.test(change.key)) return "";
  const part = (v: RowValue | undefined) => (typeof v === "number" && Number.isSafeInteger(v) ? amountText(v)[lang] : diffValueText(v, lang));
  return lang === "zh" ? `（${part(field.from)} → ${part(field.to)}）` : ` (${part(field.from)} → ${part(field.to)})`;
}

/**
 * The diff as lines a person reads, e.g.
 * "主责部门设置 (owner.settings) › mtoThresholdFen「发电MTO项目金额门槛」 › 值：500000000 → 300000000（500万元 → 300万元）".
 */
export function diffLines(diff: RulebookDiff, lang: Lang = "zh"): string[] {
  const zh = lang === "zh";
  const lines: string[] = [];
  if (diff.same) return [zh ? "与对照规则相同，没有差异" : "No differences"];
  if (diff.version) lines.push(zh ? `版本：${diff.version.from} → ${diff.version.to}` : `Version: ${diff.version.from} → ${diff.version.to}`);
  for (const table of diff.tables) {
    const head = `${table.name[lang]} (${table.table})`;
    for (const change of table.changes) {
      const who = change.label ? (zh ? `${change.key}「${change.label.zh}」` : `${change.key} "${change.label.en}"`) : change.key;
      if (change.kind === "added") {
        lines.push(zh ? `${head} › 新增行 ${who}` : `${head} › added row ${who}`);
      } else if (change.kind === "removed") {
        lines.push(zh ? `${head} › 删除行 ${who}` : `${head} › removed row ${who}`);
      } else {
        for (const f of change.fields) {
          const values = `${diffValueText(f.from, lang)} → ${diffValueText(f.to, lang)}${moneyNote(table, change, f, lang)}`;
          lines.push(`${head} › ${who} › ${f.header[lang]}${zh ? "：" : ": "}${values}`);
        }
      }
    }
    if (table.reordered) lines.push(zh ? `${head} › 行的顺序已改变` : `${head} › rows reordered`);
  }
  return lines;
}

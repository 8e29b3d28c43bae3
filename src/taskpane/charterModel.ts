/**
 * The charter wizard's pure part: which data rows the selection covers and
 * what each of them says (record and problems), ready to show in the pane.
 */
import type { RenderedSheet } from "../excel/render";
import { OpportunityRecord, openOpportunityTable, readOpportunityRow } from "../reports/opportunityTable";
import { RawTable, DataIssue } from "../reports/table";
import { defineMessages, say } from "../rules/messages";
import { Rulebook } from "../rules/rulebook";
import { Lang } from "../rules/types";
import { formatFen } from "../rules/values";

export interface SelectedOpportunity {
  /** worksheet row number */
  row: number;
  record?: OpportunityRecord;
  problems: DataIssue[];
  /** short labels for the pane: project, customer, amount, type, class (as found) */
  title: string;
  facts: string[];
}

/**
 * The data rows of `table` that the selection (worksheet rows first..last)
 * covers, skipping the header and blank rows.
 */
export function selectedDataRows(table: RawTable, firstSelectedRow: number, lastSelectedRow: number): number[] {
  const first = Math.max(firstSelectedRow, table.firstRowNumber);
  const last = Math.min(lastSelectedRow, table.firstRowNumber + table.rows.length - 1);
  const rows: number[] = [];
  for (let row = first; row <= last; row++) {
    const cells = table.rows[row - table.firstRowNumber];
    if (cells.some((v) => v !== null && v !== undefined && !(typeof v === "string" && v.trim() === ""))) rows.push(row);
  }
  return rows;
}

/** Reads the selected rows. Throws (LtcError) only when a required column is missing. */
export function readSelectedOpportunities(table: RawTable, rows: readonly number[], rb: Rulebook, ui: Lang): SelectedOpportunity[] {
  const opened = openOpportunityTable(table);
  return rows.map((row) => {
    const reading = readOpportunityRow(opened, row, rb);
    const r = reading.record;
    const cells = table.rows[row - table.firstRowNumber] ?? [];
    const title = r?.project ?? textOf(opened.index.project === undefined ? "" : cells[opened.index.project]);
    const facts = r
      ? [
          r.customer,
          r.amountFen !== undefined ? yuanText(r.amountFen) : "",
          r.projectType ? r.projectType[ui] : "",
          r.projectClass ? r.projectClass[ui] : "",
        ].filter((f) => f !== "")
      : [];
    return { row, record: r, problems: reading.problems, title, facts };
  });
}

function textOf(value: unknown): string {
  return value === null || value === undefined ? "" : String(value).trim();
}

function yuanText(fen: number): string {
  return fen < 0 ? `-¥${formatFen(-fen)}` : `¥${formatFen(fen)}`;
}

const CARRY = defineMessages({
  carried: {
    zh: "“{sheet}”：已将您在原表中填写的 {n} 项内容放回新表的对应位置。",
    en: "“{sheet}”: the {n} entries you made in the earlier sheet are in the new one, each in its place.",
  },
  unplaced: {
    zh: "“{sheet}”：原表中有 {n} 项填写内容在新表中已无对应位置（如该角色已不在团队中），未删除，已列在该表底部：",
    en: "“{sheet}”: {n} entries of the earlier sheet have no place in the new one (say, a role no longer in the team); nothing was deleted: they are listed at the bottom of the sheet:",
  },
  kept: {
    zh: "原表“{earlier}”中插入或删除了列，无法确定其中填写内容的位置：该表原样保留，今后视为您自己的工作表；新章程写入“{sheet}”。",
    en: "Columns were inserted or deleted in the earlier sheet “{earlier}”, so its entries could not be placed: it is kept as it is, as your own sheet from now on, and the new charter is in “{sheet}”.",
  },
});

/** What a regeneration did with a user's entries, sheet by sheet, in the UI language: whether any need the user's attention, and the lines. */
export function carryOverReport(sheets: readonly RenderedSheet[], ui: Lang): { attention: boolean; lines: string[] } {
  const lines: string[] = [];
  let attention = false;
  for (const s of sheets) {
    if (s.keptEarlier !== undefined) {
      attention = true;
      lines.push(say(ui, CARRY.kept, { earlier: s.keptEarlier, sheet: s.name }));
    }
    if (!s.carried) continue;
    if (s.carried.placed > 0) lines.push(say(ui, CARRY.carried, { sheet: s.name, n: s.carried.placed }));
    if (s.carried.unplaced.length > 0) {
      attention = true;
      lines.push(say(ui, CARRY.unplaced, { sheet: s.name, n: s.carried.unplaced.length }));
      for (const e of s.carried.unplaced) lines.push(`${e.label}${ui === "en" ? ": " : "："}${String(e.value)}`);
    }
  }
  return { attention, lines };
}

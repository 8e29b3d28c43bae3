/**
 * The charter wizard's pure part: which data rows the selection covers and
 * what each of them says (record and problems), ready to show in the pane.
 */
import { OpportunityRecord, openOpportunityTable, readOpportunityRow } from "../reports/opportunityTable";
import { RawTable, DataIssue } from "../reports/table";
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

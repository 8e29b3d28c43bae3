/**
 * The aging wizard's pure part: the form's choices → AgingOptions, and the
 * result's reconciliation and data issues as pane text.
 */
import { AgingBasis, AgingOptions, AgingProblem, GroupKey, GROUP_KEYS, Reconciliation } from "../reports/aging";
import { Lang, pick, Text } from "../rules/types";
import { formatFen, serialFromInput } from "../rules/values";
import { problemValue } from "./explain";
import { PlainUiKey, t } from "./i18n";

export interface AgingForm {
  /** the date input's value, yyyy-mm-dd */
  asOf: string;
  basis: AgingBasis;
  groupBy: string;
  /** "" for none */
  thenBy: string;
  lang: Lang;
  splitByRegion: boolean;
}

export const GROUP_LABEL_KEYS: Record<GroupKey, PlainUiKey> = {
  region: "dimRegion",
  office: "dimOffice",
  customer: "dimCustomer",
  productLine: "dimProductLine",
  customerClass: "dimCustomerClass",
};

export type FormReading = { ok: true; options: AgingOptions; splitByRegion: boolean } | { ok: false; message: string };

/** The options the form asks for, or the message saying what to fix. The as-of date becomes a serial constant. */
export function agingOptionsOf(form: AgingForm, ui: Lang): FormReading {
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(form.asOf) ? serialFromInput(form.asOf) : undefined;
  if (asOf === undefined) return { ok: false, message: t(ui, "asOfInvalid") };
  const isKey = (k: string): k is GroupKey => (GROUP_KEYS as readonly string[]).includes(k);
  if (!isKey(form.groupBy)) return { ok: false, message: t(ui, "groupsMustDiffer") };
  const groupBy: GroupKey[] = [form.groupBy];
  if (form.thenBy !== "") {
    if (!isKey(form.thenBy) || form.thenBy === form.groupBy) return { ok: false, message: t(ui, "groupsMustDiffer") };
    groupBy.push(form.thenBy);
  }
  return { ok: true, options: { asOf, basis: form.basis, groupBy, lang: form.lang }, splitByRegion: form.splitByRegion };
}

/** ¥1,234.50, −¥50.00: the sign before the currency. */
export function yuan(fen: number): string {
  return fen < 0 ? `-¥${formatFen(-fen)}` : `¥${formatFen(fen)}`;
}

/**
 * "Outstanding of all 40 input rows ¥… = aged ¥… + credits ¥… + excluded ¥…",
 * with the ledger's units when it kept amounts in 万元 or 千元, and whether it holds.
 */
export function reconciliationText(r: Reconciliation, ui: Lang, units: Text | null = null): { line: string; holds: boolean; verdict: string } {
  const sums = t(ui, "reconciliationLine", {
    rows: r.rows,
    input: yuan(r.inputFen),
    buckets: yuan(r.bucketsFen),
    credits: yuan(r.creditsFen),
    excluded: yuan(r.excludedFen),
  });
  const line = units ? `${sums}${ui === "en" ? ` (${units.en})` : `（${units.zh}）`}` : sums;
  const diff = r.inputFen - (r.bucketsFen + r.creditsFen + r.excludedFen);
  return { line, holds: diff === 0, verdict: diff === 0 ? t(ui, "reconciles") : t(ui, "reconcilesNot", { diff: yuan(diff) }) };
}

const OUTCOME_KEYS: Record<AgingProblem["outcome"], PlainUiKey> = {
  excluded: "outcomeExcluded",
  corrected: "outcomeCorrected",
  kept: "outcomeKept",
};

export interface ProblemLine {
  row: number;
  outcome: string;
  text: string;
}

/** Data issues in the UI language, at most `limit` of them, plus how many were left out. */
export function problemLines(problems: readonly AgingProblem[], ui: Lang, limit = 100): { lines: ProblemLine[]; more: number } {
  const lines = problems.slice(0, limit).map((p) => ({
    row: p.row,
    outcome: t(ui, OUTCOME_KEYS[p.outcome]),
    text: t(ui, "agingProblemLine", {
      column: p.column ? pick(p.column, ui) : "—",
      value: problemValue(p.value, ui),
      reason: pick(p.reason, ui),
      how: pick(p.how, ui),
    }),
  }));
  return { lines, more: Math.max(0, problems.length - limit) };
}

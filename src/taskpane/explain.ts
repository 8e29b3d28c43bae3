/**
 * "Explain this cell" as pure logic: given an LTC formula, the values its
 * references hold and a rulebook, say which inputs were read and which
 * rulebook rows decided the answer. The Excel side (explainAction) only loads
 * the formula and the referenced values; everything here runs in jest.
 */
import { evaluateCall } from "../functions/runtime";
import { functionNamed } from "../functions/registry";
import { describeInput } from "../rules/errors";
import { Rulebook } from "../rules/rulebook";
import { Lang, pick } from "../rules/types";
import { FormulaArg, LtcCall, parseLtcFormula, ParseResult, RefArg } from "./formula";
import { t } from "./i18n";

export interface ExplainedInput {
  /** parameter name of the function ("brand"), or "#4" past the declared parameters */
  param: string;
  /** the parameter as the pane shows it: "品牌认同度 brand" in zh (from the function's spec), "brand" in en */
  label: string;
  /** where the value came from, as written in the formula ("B2", "'Opps'!D2", "\"认可\"") */
  source: string;
  kind: FormulaArg["kind"];
  /** the value handed to the function: a cell value, a 2-D array for a range, a literal or null */
  value: unknown;
  /** the value in plain words for the UI */
  shown: string;
}

export interface ExplainedReason {
  table: string;
  row: string;
  /** the row's text in the UI language */
  text: string;
}

export interface Explanation {
  kind: "explained";
  /** "LTC.OPPSCORE" */
  functionName: string;
  cell: string;
  /** the cell's formula as Excel gives it */
  formula?: string;
  inputs: ExplainedInput[];
  outcome: { ok: true; value: string | number | boolean; shown: string } | { ok: false; error: string; message: string };
  reasons: ExplainedReason[];
  /** what the cell shows in Excel now, when it differs from what we computed */
  cellShows?: string;
  /** remarks: formula does more than the call, several cells selected, … */
  notes: string[];
}

export interface ExplainProblem {
  kind: "problem";
  message: string;
}

/** The refs of a parsed call that must be loaded from the workbook, in argument order. */
export function refsToLoad(call: LtcCall): RefArg[] {
  return call.args.filter((a): a is RefArg => a.kind === "ref");
}

/** Step 1: what the selected cell holds. A problem message, or the call and the refs to load. */
export function planExplain(
  formula: unknown,
  ui: Lang,
  sheetNames: readonly string[],
): { kind: "problem"; message: string } | { kind: "load"; call: LtcCall; refs: RefArg[] } {
  const parsed: ParseResult = parseLtcFormula(formula);
  if (!parsed.ok) {
    if (parsed.reason === "notFormula") return { kind: "problem", message: t(ui, "explainNotFormula") };
    if (parsed.reason === "noLtcCall") return { kind: "problem", message: t(ui, "explainNoLtc") };
    return { kind: "problem", message: t(ui, "explainSyntax", { detail: parsed.detail ?? "" }) };
  }
  const call = parsed.call;
  if (!functionNamed(call.name)) return { kind: "problem", message: t(ui, "explainUnknownFunction", { name: call.name }) };
  const unsupported = call.args.find((a) => a.kind === "expression");
  if (unsupported) return { kind: "problem", message: t(ui, "explainExpressionArg", { text: unsupported.text }) };
  const refs = refsToLoad(call);
  const known = new Set(sheetNames.map((s) => s.toLowerCase()));
  const missing = refs.find((r) => r.sheet !== undefined && !known.has(r.sheet.toLowerCase()));
  if (missing) return { kind: "problem", message: t(ui, "explainNoSheet", { sheet: missing.sheet ?? "" }) };
  return { kind: "load", call, refs };
}

/**
 * Step 2: evaluate with the loaded values (one entry per ref, in the order of
 * refsToLoad: a 2-D array of the range's values) and explain.
 */
export function explainCall(
  call: LtcCall,
  refValues: readonly unknown[][][],
  rulebook: Rulebook,
  ui: Lang,
  context: { cell: string; formula?: string; cellValue?: unknown; notes?: string[] },
): Explanation | ExplainProblem {
  const spec = functionNamed(call.name);
  if (!spec) return { kind: "problem", message: t(ui, "explainUnknownFunction", { name: call.name }) };
  let refIndex = 0;
  const inputs: ExplainedInput[] = call.args.map((arg, i) => {
    const declared = spec.params[i];
    const param = declared?.name ?? `#${i + 1}`;
    const label = declared && ui === "zh" ? `${declared.zhName} ${param}` : param;
    if (arg.kind === "ref") {
      const values = refValues[refIndex++] ?? [[null]];
      const value = arg.isRange ? values : values[0]?.[0] ?? null;
      return { param, label, source: arg.text, kind: arg.kind, value: blankToNull(value), shown: showValue(value, ui) };
    }
    if (arg.kind === "literal") return { param, label, source: arg.text, kind: arg.kind, value: arg.value, shown: showValue(arg.value, ui) };
    return { param, label, source: "", kind: arg.kind, value: null, shown: t(ui, "blank") };
  });
  const notes = [...(context.notes ?? [])];
  if (!call.whole) notes.push(t(ui, "explainPartOfFormula"));
  if (call.args.length > spec.params.length) notes.push(t(ui, "explainTooManyArgs", { n: spec.params.length }));
  const result = evaluateCall(spec, inputs.map((i) => i.value), rulebook);
  const common = { kind: "explained" as const, functionName: `LTC.${spec.name}`, cell: context.cell, formula: context.formula, inputs, notes };
  const cellShown = context.cellValue === undefined ? undefined : showValue(context.cellValue, ui);
  if ("error" in result) {
    return {
      ...common,
      outcome: { ok: false, error: result.error, message: result.message },
      reasons: [],
      cellShows: cellShown !== undefined && cellShown !== result.error ? cellShown : undefined,
    };
  }
  const shown = showValue(result.value, ui);
  return {
    ...common,
    outcome: { ok: true, value: result.value, shown },
    reasons: result.reasons.map((r) => ({ table: r.table, row: r.row, text: pick(r.text, ui) })),
    // A whole-cell call that Excel shows differently was computed with other rules or stale inputs.
    cellShows: call.whole && cellShown !== undefined && cellShown !== shown ? cellShown : undefined,
  };
}

/** Excel's blank cell ("") reaches a custom function as null. */
function blankToNull(value: unknown): unknown {
  if (value === "") return null;
  if (Array.isArray(value)) return value.map((row) => (Array.isArray(row) ? row.map((v) => (v === "" ? null : v)) : row));
  return value;
}

/** An input value for a problem line: blank as "(blank)", text quoted, others as Excel shows them. */
export function problemValue(value: unknown, ui: Lang): string {
  if (value === null || value === undefined || (typeof value === "string" && value.trim() === "")) return t(ui, "blank");
  return describeInput(value);
}

/** A value in plain words: text as is, blank as "(blank)", a range as its values. */
export function showValue(value: unknown, ui: Lang): string {
  if (value === null || value === undefined || value === "") return t(ui, "blank");
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return Number.isFinite(value) ? String(Math.round(value * 1e10) / 1e10) : String(value);
  if (Array.isArray(value)) {
    const flat = (value as unknown[][]).flat();
    const shown = flat.slice(0, 6).map((v) => showValue(v, ui));
    const rows = value.length;
    const cols = Array.isArray(value[0]) ? (value[0] as unknown[]).length : 1;
    return `${t(ui, "rangeOf", { rows, cols })}: ${shown.join(", ")}${flat.length > 6 ? ", …" : ""}`;
  }
  return String(value);
}

/**
 * The "Explain this cell" view: one button; one Excel.run that reads the
 * selected cell's formula and the cells it refers to; the inputs and the
 * rulebook rows that decided the answer, in the UI language.
 */
import { activeRulebook } from "../rules/active";
import { Lang } from "../rules/types";
import { el, replaceChildren } from "./dom";
import { explainCall, ExplainProblem, Explanation, planExplain } from "./explain";
import { t } from "./i18n";
import { button, runAction, StatusArea } from "./ui";

export function explainView(ui: Lang): HTMLElement {
  const status = new StatusArea(t(ui, "explainTitle"), "explain-status");
  const details = el("div", { className: "ltc-section", attrs: { "data-testid": "explain-details" } });
  const go: HTMLButtonElement = button(
    t(ui, "explainButton"),
    () =>
      void runAction(ui, status, go, async () => {
        replaceChildren(details);
        const result = await explainSelectedCell(ui);
        showExplanation(ui, result, status, details);
      }),
    true,
  );
  go.setAttribute("data-testid", "explain-button");
  return el(
    "section",
    {},
    el("h2", {}, t(ui, "explainTitle")),
    el("p", { className: "ltc-intro" }, t(ui, "explainIntro")),
    el("div", { className: "ltc-actions" }, go),
    status.element,
    details,
  );
}

/** One Excel.run: the selection's formula and sheet names, then (one sync) every referenced range. */
export async function explainSelectedCell(ui: Lang): Promise<Explanation | ExplainProblem> {
  return Excel.run(async (context) => {
    const selection = context.workbook.getSelectedRange();
    selection.load(["address", "formulas", "values", "cellCount"]);
    // the selection is on the active sheet: that is the sheet of the formula's unqualified references
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();

    const cell = topLeftOf(selection.address);
    const notes = selection.cellCount > 1 ? [t(ui, "explainSeveralCells", { cell })] : [];
    const plan = planExplain(selection.formulas[0]?.[0], ui, sheets.items.map((s) => s.name));
    if (plan.kind === "problem") return plan;
    const ranges = plan.refs.map((ref) => {
      const target = ref.sheet === undefined ? sheet : sheets.getItem(ref.sheet);
      const range = target.getRange(ref.address);
      range.load("values");
      return range;
    });
    if (ranges.length > 0) await context.sync();
    return explainCall(
      plan.call,
      ranges.map((r) => r.values),
      activeRulebook(),
      ui,
      { cell, formula: String(selection.formulas[0]?.[0] ?? ""), cellValue: selection.values[0]?.[0], notes },
    );
  });
}

/** "Sheet1!B2:C4" → "Sheet1!B2". */
export function topLeftOf(address: string): string {
  const bang = address.lastIndexOf("!");
  const sheet = bang >= 0 ? address.slice(0, bang + 1) : "";
  return sheet + address.slice(bang + 1).split(":")[0];
}

function showExplanation(ui: Lang, result: Explanation | ExplainProblem, status: StatusArea, details: HTMLElement): void {
  if (result.kind === "problem") {
    status.message("warning", result.message);
    return;
  }
  const summary = result.outcome.ok
    ? t(ui, "resultIs", { fn: result.functionName, value: result.outcome.shown })
    : t(ui, "resultError", { fn: result.functionName, error: result.outcome.error, message: result.outcome.message });
  status.message(result.outcome.ok ? "success" : "error", summary);

  const inputs = el(
    "dl",
    { className: "ltc-pairs", attrs: { "data-testid": "explain-inputs" } },
    ...result.inputs.flatMap((input) => [
      el("dt", {}, input.label, input.source ? el("span", { className: "ltc-meta ltc-code" }, input.source) : null),
      el("dd", {}, input.shown),
    ]),
  );
  const reasons =
    result.reasons.length > 0
      ? el(
          "ol",
          { className: "ltc-reasons", attrs: { "data-testid": "explain-reasons" } },
          ...result.reasons.map((r) =>
            el("li", {}, el("span", {}, r.text), el("span", { className: "ltc-meta" }, t(ui, "ruleRow", { table: r.table, row: r.row }))),
          ),
        )
      : el("p", { className: "ltc-hint", attrs: { "data-testid": "explain-reasons" } }, result.outcome.ok ? t(ui, "noReasons") : "");
  replaceChildren(
    details,
    el("p", { className: "ltc-meta" }, t(ui, "explainCell", { cell: result.cell })),
    el("p", { className: "ltc-formula ltc-code", attrs: { "data-testid": "explain-formula" } }, result.formula || result.functionName),
    ...result.notes.map((n) => el("p", { className: "ltc-message ltc-message--warning" }, n)),
    result.cellShows !== undefined ? el("p", { className: "ltc-message ltc-message--warning" }, t(ui, "cellShows", { value: result.cellShows })) : null,
    el("h3", {}, t(ui, "inputsRead")),
    inputs,
    result.outcome.ok ? el("h3", {}, t(ui, "decidedBy")) : null,
    result.outcome.ok ? reasons : null,
  );
}

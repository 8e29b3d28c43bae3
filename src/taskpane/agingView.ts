/**
 * The receivables-aging wizard (应收账款账龄): pick the table, choose the
 * as-of date (proposed as today, written into the report as a constant),
 * basis, grouping, language and one report per region; generate; then the
 * reconciliation line, the rows excluded or corrected, and links to the sheets.
 */
import { buildAging, GROUP_KEYS } from "../reports/aging";
import { buildAgingReport, buildRegionReports } from "../reports/agingReport";
import { activeRulebook } from "../rules/active";
import { Lang, pick } from "../rules/types";
import { AgingForm, agingOptionsOf, GROUP_LABEL_KEYS, problemLines, reconciliationText } from "./agingModel";
import { sheetLink } from "./charterView";
import { el, replaceChildren } from "./dom";
import { readTableAt, readTableAtSelection, renderSheets, TableRef, todayIso } from "./excelBridge";
import { t } from "./i18n";
import { button, field, radioGroup, runAction, select, StatusArea } from "./ui";

export function agingView(ui: Lang): HTMLElement {
  let ref: TableRef | null = null;
  const status = new StatusArea(t(ui, "agingTitle"), "aging-status");
  const tableLine = el("p", { className: "ltc-meta", attrs: { "data-testid": "aging-table" } });
  const results = el("div", { className: "ltc-section", attrs: { "data-testid": "aging-results" } });

  const pickTable: HTMLButtonElement = button(t(ui, "detectTable"), () =>
    void runAction(ui, status, pickTable, async () => {
      ref = null;
      tableLine.textContent = "";
      const found = await Excel.run(async (context) => readTableAtSelection(context));
      ref = found.ref;
      tableLine.textContent = t(ui, "tableFound", { source: found.table.source ?? "", rows: found.table.rows.length });
      status.clear();
    }),
  );
  pickTable.setAttribute("data-testid", "aging-pick");

  const asOf = el("input", { className: "ltc-input", attrs: { type: "date", required: true, "data-testid": "aging-asof" }, props: { value: todayIso() } });
  const basis = radioGroup(t(ui, "basis"), "aging-basis", [
    { value: "due", label: t(ui, "basisDue") },
    { value: "invoice", label: t(ui, "basisInvoice") },
  ], "due");
  const groupChoices = GROUP_KEYS.map((k) => ({ value: k as string, label: t(ui, GROUP_LABEL_KEYS[k]) }));
  const groupBy = select(groupChoices, "region");
  groupBy.setAttribute("data-testid", "aging-group1");
  const thenBy = select([{ value: "", label: t(ui, "none") }, ...groupChoices], "office");
  thenBy.setAttribute("data-testid", "aging-group2");
  const split = el("input", { attrs: { type: "checkbox", "data-testid": "aging-split" } });
  const language = radioGroup(t(ui, "outputLanguage"), "aging-lang", [
    { value: "zh", label: t(ui, "langZh") },
    { value: "en", label: t(ui, "langEn") },
  ], "zh");

  const generate: HTMLButtonElement = button(
    t(ui, "generateAging"),
    () =>
      void runAction(ui, status, generate, async () => {
        replaceChildren(results);
        if (!ref) {
          status.message("warning", t(ui, "useTableFirst"));
          return;
        }
        const form: AgingForm = {
          asOf: asOf.value,
          basis: basis.value() as AgingForm["basis"],
          groupBy: groupBy.value,
          thenBy: thenBy.value,
          lang: language.value() as Lang,
          splitByRegion: split.checked,
        };
        const reading = agingOptionsOf(form, ui);
        if (!reading.ok) {
          status.message("warning", reading.message);
          return;
        }
        const tableRef = ref;
        const rb = activeRulebook();
        const outcome = await Excel.run(async (context) => {
          const table = await readTableAt(context, tableRef);
          const result = buildAging(table, reading.options, rb);
          const plans = reading.splitByRegion ? buildRegionReports(result, rb).flatMap((r) => r.sheets) : buildAgingReport(result, rb);
          const rendered = await renderSheets(context, plans, {
            activate: true,
            onProgress: (done, total) => {
              if (total > 1) status.progress(t(ui, "sheetProgress", { done, total }), done, total);
            },
          });
          return { result, sheets: rendered.sheets.map((s) => s.name) };
        });
        const recon = reconciliationText(outcome.result.reconciliation, ui, outcome.result.units);
        const issues = problemLines(outcome.result.problems, ui);
        replaceChildren(
          results,
          el("h3", {}, t(ui, "reconciliation")),
          el("p", { attrs: { "data-testid": "aging-reconciliation" } }, recon.line),
          el("p", { className: recon.holds ? "ltc-ok" : "ltc-message ltc-message--error" }, recon.verdict),
          outcome.result.notes.length > 0 ? el("h3", {}, t(ui, "reportNotes")) : null,
          outcome.result.notes.length > 0 ? el("ul", { className: "ltc-problems" }, ...outcome.result.notes.map((n) => el("li", {}, pick(n, ui)))) : null,
          el("h3", {}, `${t(ui, "rejectedRows")} (${outcome.result.problems.length})`),
          issues.lines.length === 0
            ? el("p", { className: "ltc-ok" }, t(ui, "noRejected"))
            : el(
                "ul",
                { className: "ltc-list", attrs: { "data-testid": "aging-problems" } },
                ...issues.lines.map((line) =>
                  el(
                    "li",
                    { className: "ltc-card", attrs: { "data-row": line.row } },
                    el("span", { className: "ltc-card-title" }, el("span", { className: "ltc-badge" }, t(ui, "rowN", { row: line.row })), el("span", { className: "ltc-badge ltc-badge--brand" }, line.outcome)),
                    el("span", { className: "ltc-meta" }, line.text),
                  ),
                ),
              ),
          issues.more > 0 ? el("p", { className: "ltc-hint" }, t(ui, "moreProblems", { n: issues.more })) : null,
          el("h3", {}, t(ui, "newSheets")),
          el("ul", { className: "ltc-list", attrs: { "data-testid": "aging-sheets" } }, ...outcome.sheets.map((name) => el("li", {}, sheetLink(ui, status, name)))),
        );
        status.message(recon.holds ? "success" : "warning", `${t(ui, "agingDone", { n: outcome.sheets.length })} ${recon.verdict}`);
      }),
    true,
  );
  generate.setAttribute("data-testid", "aging-generate");

  return el(
    "section",
    {},
    el("h2", {}, t(ui, "agingTitle")),
    el("p", { className: "ltc-intro" }, t(ui, "agingIntro")),
    el("div", { className: "ltc-actions" }, pickTable),
    tableLine,
    el(
      "div",
      { className: "ltc-step ltc-section" },
      field(t(ui, "asOf"), asOf, t(ui, "asOfHint")),
      basis.group,
      el("div", { className: "ltc-row" }, field(t(ui, "groupBy"), groupBy), field(t(ui, "thenBy"), thenBy)),
      el("label", { className: "ltc-choice" }, split, el("span", {}, t(ui, "splitByRegion"))),
      language.group,
      el("div", { className: "ltc-actions" }, generate),
    ),
    status.element,
    results,
  );
}

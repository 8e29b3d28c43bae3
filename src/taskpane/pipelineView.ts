/**
 * The pipeline wizard (商机漏斗): pick the opportunity table, choose the as-of
 * date (proposed as today, written into the report as a constant), the
 * grouping and the output language; build; then the reconciliation, the open
 * pipeline's totals, the opportunities that need attention, the rejected
 * rows, and links to the new sheets (charts included: Excel draws them).
 */
import { buildPipeline } from "../reports/pipeline";
import { buildPipelineReport } from "../reports/pipelineReport";
import { activeRulebook } from "../rules/active";
import { say } from "../rules/messages";
import { Lang } from "../rules/types";
import { sheetLink } from "./charterView";
import { el, replaceChildren } from "./dom";
import { readTableAt, readTableAtSelection, renderSheets, TableRef, todayIso } from "./excelBridge";
import { t } from "./i18n";
import { groupChoices, PIPELINE_TEXT, PipelineLine, pipelineOptionsOf, pipelineSummary } from "./pipelineModel";
import { button, field, radioGroup, runAction, select, StatusArea } from "./ui";

function lineList(ui: Lang, testId: string, lines: PipelineLine[]): HTMLElement {
  return el(
    "ul",
    { className: "ltc-list", attrs: { "data-testid": testId } },
    ...lines.map((line) =>
      el(
        "li",
        { className: "ltc-card", attrs: { "data-row": line.row } },
        el("span", { className: "ltc-card-title" }, el("span", { className: "ltc-badge" }, t(ui, "rowN", { row: line.row }))),
        el("span", { className: "ltc-meta" }, line.text),
      ),
    ),
  );
}

export function pipelineView(ui: Lang): HTMLElement {
  let ref: TableRef | null = null;
  const status = new StatusArea(say(ui, PIPELINE_TEXT.title), "pipeline-status");
  const tableLine = el("p", { className: "ltc-meta", attrs: { "data-testid": "pipeline-table" } });
  const results = el("div", { className: "ltc-section", attrs: { "data-testid": "pipeline-results" } });

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
  pickTable.setAttribute("data-testid", "pipeline-pick");

  const asOf = el("input", { className: "ltc-input", attrs: { type: "date", required: true, "data-testid": "pipeline-asof" }, props: { value: todayIso() } });
  const groupBy = select(groupChoices(ui), "office");
  groupBy.setAttribute("data-testid", "pipeline-group");
  const language = radioGroup(t(ui, "outputLanguage"), "pipeline-lang", [
    { value: "zh", label: t(ui, "langZh") },
    { value: "en", label: t(ui, "langEn") },
  ], "zh");

  const generate: HTMLButtonElement = button(
    say(ui, PIPELINE_TEXT.generate),
    () =>
      void runAction(ui, status, generate, async () => {
        replaceChildren(results);
        if (!ref) {
          status.message("warning", say(ui, PIPELINE_TEXT.useTableFirst));
          return;
        }
        const reading = pipelineOptionsOf({ asOf: asOf.value, groupBy: groupBy.value, lang: language.value() as Lang }, t(ui, "asOfInvalid"));
        if (!reading.ok) {
          status.message("warning", reading.message);
          return;
        }
        const tableRef = ref;
        const rb = activeRulebook();
        // one Excel.run: read the table as it is now, build, write the sheets
        const outcome = await Excel.run(async (context) => {
          const table = await readTableAt(context, tableRef);
          const result = buildPipeline(table, reading.options, rb);
          const rendered = await renderSheets(context, buildPipelineReport(result, rb), {
            activate: true,
            onProgress: (done, total) => {
              if (total > 1) status.progress(t(ui, "sheetProgress", { done, total }), done, total);
            },
          });
          return { result, sheets: rendered.sheets.map((s) => s.name) };
        });
        const summary = pipelineSummary(outcome.result, ui);
        replaceChildren(
          results,
          el("p", { attrs: { "data-testid": "pipeline-open" } }, summary.openPipeline),
          el("p", { attrs: { "data-testid": "pipeline-reconciliation" } }, summary.reconciliation),
          el("p", { className: summary.holds ? "ltc-ok" : "ltc-message ltc-message--error" }, summary.verdict),
          el("h3", {}, `${say(ui, PIPELINE_TEXT.attention)} (${outcome.result.attention.length})`),
          summary.attention.length === 0 ? el("p", { className: "ltc-ok" }, say(ui, PIPELINE_TEXT.noAttention)) : lineList(ui, "pipeline-attention", summary.attention),
          summary.moreAttention > 0 ? el("p", { className: "ltc-hint" }, say(ui, PIPELINE_TEXT.more, { n: summary.moreAttention })) : null,
          el("h3", {}, `${say(ui, PIPELINE_TEXT.rejected)} (${outcome.result.rejected.length})`),
          summary.rejected.length === 0 ? el("p", { className: "ltc-ok" }, say(ui, PIPELINE_TEXT.noRejected)) : lineList(ui, "pipeline-rejected", summary.rejected),
          summary.moreRejected > 0 ? el("p", { className: "ltc-hint" }, say(ui, PIPELINE_TEXT.more, { n: summary.moreRejected })) : null,
          el("h3", {}, t(ui, "newSheets")),
          el("ul", { className: "ltc-list", attrs: { "data-testid": "pipeline-sheets" } }, ...outcome.sheets.map((name) => el("li", {}, sheetLink(ui, status, name)))),
        );
        status.message(summary.holds ? "success" : "warning", `${say(ui, PIPELINE_TEXT.done, { n: outcome.sheets.length })} ${summary.verdict}`);
      }),
    true,
  );
  generate.setAttribute("data-testid", "pipeline-generate");

  return el(
    "section",
    {},
    el("h2", {}, say(ui, PIPELINE_TEXT.title)),
    el("p", { className: "ltc-intro" }, say(ui, PIPELINE_TEXT.intro)),
    el("div", { className: "ltc-actions" }, pickTable),
    tableLine,
    el(
      "div",
      { className: "ltc-step ltc-section" },
      field(t(ui, "asOf"), asOf, t(ui, "asOfHint")),
      field(t(ui, "groupBy"), groupBy),
      language.group,
      el("div", { className: "ltc-actions" }, generate),
    ),
    status.element,
    results,
  );
}

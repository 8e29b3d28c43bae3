/**
 * The project-charter wizard (项目章程): read the selected opportunity rows,
 * show them with their problems, pick the sheet language, generate one
 * charter sheet per row (progress when more than one), then link to each.
 * Every button is one Excel.run.
 */
import { buildCharters } from "../reports/charter";
import { RawTable } from "../reports/table";
import { activeRulebook } from "../rules/active";
import { Lang, pick } from "../rules/types";
import { carryOverReport, readSelectedOpportunities, selectedDataRows, SelectedOpportunity } from "./charterModel";
import { el, replaceChildren } from "./dom";
import { problemValue } from "./explain";
import { activateSheet, generationDate, readTableAt, readTableAtSelection, renderSheets, TableRef } from "./excelBridge";
import { t } from "./i18n";
import { button, radioGroup, runAction, StatusArea } from "./ui";

interface CharterState {
  ref: TableRef;
  rows: number[];
}

export function charterView(ui: Lang): HTMLElement {
  let state: CharterState | null = null;
  const status = new StatusArea(t(ui, "charterTitle"), "charter-status");
  const selection = el("div", { className: "ltc-section", attrs: { "data-testid": "charter-selection" } });
  const results = el("div", { className: "ltc-section", attrs: { "data-testid": "charter-results" } });
  const language = radioGroup(t(ui, "outputLanguage"), "charter-lang", [
    { value: "zh", label: t(ui, "langZh") },
    { value: "en", label: t(ui, "langEn") },
  ], "zh");
  language.group.setAttribute("data-testid", "charter-language");

  const read: HTMLButtonElement = button(t(ui, "readSelection"), () =>
    void runAction(ui, status, read, async () => {
      state = null;
      replaceChildren(selection);
      replaceChildren(results);
      const found = await Excel.run(async (context) => readTableAtSelection(context));
      const rows = selectedDataRows(found.table, found.firstSelectedRow, found.lastSelectedRow);
      const picked = readSelectedOpportunities(found.table, rows, activeRulebook(), ui);
      if (rows.length === 0) {
        status.message("warning", t(ui, "noRowsSelected"));
        showSelection(ui, selection, found.table, picked, null);
        return;
      }
      state = { ref: found.ref, rows };
      generate.textContent = rows.length > 1 ? t(ui, "generateCharters", { n: rows.length }) : t(ui, "generateCharter");
      showSelection(ui, selection, found.table, picked, el("div", { className: "ltc-step" }, language.group, el("div", { className: "ltc-actions" }, generate)));
      status.clear();
    }),
  );
  read.setAttribute("data-testid", "charter-read");

  const generate: HTMLButtonElement = button(
    t(ui, "generateCharter"),
    () =>
      void runAction(ui, status, generate, async () => {
        if (!state) {
          status.message("warning", t(ui, "readFirst"));
          return;
        }
        const { ref, rows } = state;
        const lang = language.value();
        replaceChildren(results);
        const rendered = await Excel.run(async (context) => {
          // Read the table again in this action: what is written is what the sheet holds now.
          const table = await readTableAt(context, ref);
          const build = buildCharters(table, rows, { generatedOn: generationDate(), lang }, activeRulebook());
          if (build.plans.length === 0) return { sheets: [], problems: build.problems };
          const total = build.plans.length;
          if (total > 1) status.progress(t(ui, "charterProgress", { done: 0, total }), 0, total);
          const result = await renderSheets(context, build.plans, {
            activate: true,
            onProgress: (done, all) => {
              if (all > 1) status.progress(t(ui, "charterProgress", { done, total: all }), done, all);
            },
          });
          return { sheets: result.sheets, problems: build.problems };
        });
        showResults(ui, results, status, rendered.sheets.map((s) => s.name));
        if (rendered.sheets.length === 0) {
          status.message("error", rendered.problems.map((p) => `${t(ui, "rowN", { row: p.row })}: ${pick(p.reason, ui)}`).join("\n") || t(ui, "noRowsSelected"));
        } else {
          // what became of the entries typed into the sheets replaced: said, never dropped silently
          const carried = carryOverReport(rendered.sheets, ui);
          status.message(carried.attention ? "warning" : "success", [t(ui, "charterDone", { n: rendered.sheets.length }), ...carried.lines].join("\n"));
        }
      }),
    true,
  );
  generate.setAttribute("data-testid", "charter-generate");

  return el(
    "section",
    {},
    el("h2", {}, t(ui, "charterTitle")),
    el("p", { className: "ltc-intro" }, t(ui, "charterIntro")),
    el("div", { className: "ltc-actions" }, read),
    selection,
    status.element,
    results,
  );
}

function showSelection(ui: Lang, target: HTMLElement, table: RawTable, picked: SelectedOpportunity[], next: HTMLElement | null): void {
  replaceChildren(
    target,
    el("p", { className: "ltc-meta" }, t(ui, "tableFound", { source: table.source ?? "", rows: table.rows.length })),
    picked.length > 0 ? el("h3", {}, `${t(ui, "selectedRows")} (${picked.length})`) : null,
    picked.length > 0 ? el("ul", { className: "ltc-list", attrs: { "data-testid": "charter-rows" } }, ...picked.map((p) => opportunityCard(ui, p))) : null,
    next,
  );
}

function opportunityCard(ui: Lang, p: SelectedOpportunity): HTMLElement {
  return el(
    "li",
    { className: "ltc-card", attrs: { "data-row": p.row } },
    el("span", { className: "ltc-card-title" }, el("span", { className: "ltc-badge" }, t(ui, "rowN", { row: p.row })), p.title || t(ui, "blank")),
    p.facts.length > 0 ? el("span", { className: "ltc-meta" }, p.facts.join(" · ")) : null,
    p.problems.length > 0
      ? el(
          "ul",
          { className: "ltc-problems", attrs: { "aria-label": t(ui, "rowProblems") } },
          ...p.problems.map((problem) =>
            el("li", {}, t(ui, "problemLine", { column: problem.column ? pick(problem.column, ui) : "—", value: problemValue(problem.value, ui), reason: pick(problem.reason, ui) })),
          ),
        )
      : el("span", { className: "ltc-ok" }, t(ui, "noProblems")),
  );
}

/** The result list: one link per new sheet; a click activates it (its own Excel.run). */
function showResults(ui: Lang, target: HTMLElement, status: StatusArea, names: string[]): void {
  if (names.length === 0) {
    replaceChildren(target);
    return;
  }
  replaceChildren(
    target,
    el("h3", {}, t(ui, "newSheets")),
    el(
      "ul",
      { className: "ltc-list", attrs: { "data-testid": "charter-sheets" } },
      ...names.map((name) => el("li", {}, sheetLink(ui, status, name))),
    ),
  );
}

export function sheetLink(ui: Lang, status: StatusArea, name: string): HTMLButtonElement {
  const link: HTMLButtonElement = el(
    "button",
    {
      className: "ltc-link",
      attrs: { type: "button", "aria-label": t(ui, "openSheet", { name }), "data-sheet": name },
      on: {
        click: () =>
          void runAction(ui, status, link, async () => {
            await Excel.run(async (context) => activateSheet(context, name));
            status.message("success", t(ui, "sheetActivated", { name }));
          }),
      },
    },
    name,
  );
  return link;
}

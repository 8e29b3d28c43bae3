/**
 * The letters wizard (对账函 / 催款函): pick the receivables table (and a
 * dunning log, else the workbook's register serves as one), the as-of date,
 * the kind, the customers (all, those with overdue items, or a selection),
 * our company's name (kept in the workbook, asked once) and the language;
 * write the letters with progress; then the sheets, the register rows
 * appended and the data issues.
 */
import { buildLetters } from "../reports/letters";
import { RawTable, issueLine } from "../reports/table";
import { activeRulebook } from "../rules/active";
import { say } from "../rules/messages";
import { Lang, pick } from "../rules/types";
import { sheetLink } from "./charterView";
import { el, replaceChildren } from "./dom";
import { readTableAt, readTableAtSelection, TableRef, todayIso } from "./excelBridge";
import { t } from "./i18n";
import { findRegister, readRegister, writeLetters } from "./lettersExcel";
import { customersOf, LETTERS_TEXT, LettersForm, lettersOptionsOf, overdueOnly } from "./lettersModel";
import { button, field, radioGroup, runAction, StatusArea } from "./ui";

/** The workbook setting that keeps our company's name for the letters. */
export const COMPANY_SETTING = "ltcDesk.companyName";

export function lettersView(ui: Lang): HTMLElement {
  let ref: TableRef | null = null;
  let logRef: TableRef | null = null;
  const status = new StatusArea(say(ui, LETTERS_TEXT.title), "letters-status");
  const tableLine = el("p", { className: "ltc-meta", attrs: { "data-testid": "letters-table" } });
  const logLine = el("p", { className: "ltc-meta", attrs: { "data-testid": "letters-log" } }, say(ui, LETTERS_TEXT.logDefault));
  const results = el("div", { className: "ltc-section", attrs: { "data-testid": "letters-results" } });
  const customerList = el("select", { className: "ltc-select", attrs: { multiple: true, size: 6, "data-testid": "letters-customers" } });
  const company = el("input", { className: "ltc-input", attrs: { type: "text", "data-testid": "letters-company" } });

  const fillCustomers = (table: RawTable) => {
    const names = customersOf(table);
    replaceChildren(customerList, ...names.map((n) => el("option", { props: { value: n } }, n)));
    return names.length;
  };

  const pickTable: HTMLButtonElement = button(say(ui, LETTERS_TEXT.pickTable), () =>
    void runAction(ui, status, pickTable, async () => {
      ref = null;
      tableLine.textContent = "";
      const found = await Excel.run(async (context) => {
        const at = await readTableAtSelection(context);
        const setting = context.workbook.settings.getItemOrNullObject(COMPANY_SETTING);
        setting.load("value");
        await context.sync();
        return { ...at, company: setting.isNullObject ? "" : String(setting.value ?? "") };
      });
      ref = found.ref;
      const customers = fillCustomers(found.table);
      if (company.value === "") company.value = found.company;
      tableLine.textContent = say(ui, LETTERS_TEXT.tableFound, { source: found.table.source ?? "", rows: found.table.rows.length, customers });
      status.clear();
    }),
  );
  pickTable.setAttribute("data-testid", "letters-pick");

  const pickLog: HTMLButtonElement = button(say(ui, LETTERS_TEXT.pickLog), () =>
    void runAction(ui, status, pickLog, async () => {
      const found = await Excel.run(async (context) => readTableAtSelection(context));
      logRef = found.ref;
      logLine.textContent = say(ui, LETTERS_TEXT.logFound, { source: found.table.source ?? "", rows: found.table.rows.length });
      status.clear();
    }),
  );
  pickLog.setAttribute("data-testid", "letters-pick-log");

  const asOf = el("input", { className: "ltc-input", attrs: { type: "date", required: true, "data-testid": "letters-asof" }, props: { value: todayIso() } });
  const kind = radioGroup(say(ui, LETTERS_TEXT.kind), "letters-kind", [
    { value: "statement", label: say(ui, LETTERS_TEXT.statement) },
    { value: "dunning", label: say(ui, LETTERS_TEXT.dunning) },
  ], "statement");
  const who = radioGroup(say(ui, LETTERS_TEXT.customers), "letters-who", [
    { value: "all", label: say(ui, LETTERS_TEXT.all) },
    { value: "overdue", label: say(ui, LETTERS_TEXT.overdue) },
    { value: "selected", label: say(ui, LETTERS_TEXT.selected) },
  ], "all");
  const language = radioGroup(t(ui, "outputLanguage"), "letters-lang", [
    { value: "zh", label: t(ui, "langZh") },
    { value: "en", label: t(ui, "langEn") },
  ], "zh");

  const generate: HTMLButtonElement = button(
    say(ui, LETTERS_TEXT.generate),
    () =>
      void runAction(ui, status, generate, async () => {
        replaceChildren(results);
        if (!ref) {
          status.message("warning", say(ui, LETTERS_TEXT.useTableFirst));
          return;
        }
        const form: LettersForm = {
          asOf: asOf.value,
          kind: kind.value() as LettersForm["kind"],
          customers: who.value() as LettersForm["customers"],
          selected: [...customerList.selectedOptions].map((o) => o.value),
          lang: language.value() as Lang,
          company: company.value,
        };
        const reading = lettersOptionsOf(form, ui);
        if (!reading.ok) {
          status.message("warning", reading.message);
          return;
        }
        const tableRef = ref;
        const chosenLog = logRef;
        const rb = activeRulebook();
        const outcome = await Excel.run(async (context) => {
          const table = await readTableAt(context, tableRef);
          const register = await findRegister(context);
          const log = chosenLog ? await readTableAt(context, chosenLog) : register ? await readRegister(context, register) : undefined;
          const built = buildLetters(table, log, reading.options, rb);
          const result = reading.overdueOnly ? overdueOnly(built) : built;
          if (form.company.trim() !== "") context.workbook.settings.add(COMPANY_SETTING, form.company.trim());
          const written = await writeLetters(context, result, rb, register, (done, total) => {
            if (total > 1) status.progress(t(ui, "sheetProgress", { done, total }), done, total);
          });
          return { result, written };
        });
        const { result, written } = outcome;
        replaceChildren(
          results,
          el("p", { attrs: { "data-testid": "letters-register" } }, say(ui, LETTERS_TEXT.registerLine, { table: written.register, rows: written.appended })),
          result.notes.length > 0 ? el("ul", { className: "ltc-problems" }, ...result.notes.map((n) => el("li", {}, pick(n, ui)))) : null,
          el("h3", {}, say(ui, LETTERS_TEXT.issues, { n: result.issues.length })),
          result.issues.length === 0
            ? null
            : el("ul", { className: "ltc-problems", attrs: { "data-testid": "letters-issues" } }, ...result.issues.slice(0, 100).map((i) => el("li", {}, issueLine(i, ui)))),
          el("h3", {}, say(ui, LETTERS_TEXT.sheets)),
          el("ul", { className: "ltc-list", attrs: { "data-testid": "letters-sheets" } }, ...written.sheets.map((name) => el("li", {}, sheetLink(ui, status, name)))),
        );
        status.message(
          result.letters.length > 0 ? "success" : "warning",
          result.letters.length > 0 ? say(ui, LETTERS_TEXT.done, { n: result.letters.length, rows: written.appended }) : say(ui, LETTERS_TEXT.noLetters),
        );
      }),
    true,
  );
  generate.setAttribute("data-testid", "letters-generate");

  return el(
    "section",
    {},
    el("h2", {}, say(ui, LETTERS_TEXT.title)),
    el("p", { className: "ltc-intro" }, say(ui, LETTERS_TEXT.intro)),
    el("div", { className: "ltc-actions" }, pickTable, pickLog),
    tableLine,
    logLine,
    el(
      "div",
      { className: "ltc-step ltc-section" },
      field(say(ui, LETTERS_TEXT.asOf), asOf),
      kind.group,
      who.group,
      field(say(ui, LETTERS_TEXT.selected), customerList),
      field(say(ui, LETTERS_TEXT.company), company, say(ui, LETTERS_TEXT.companyHint)),
      language.group,
      el("div", { className: "ltc-actions" }, generate),
    ),
    status.element,
    results,
  );
}

/**
 * The registers action (创建登记表 / Create registers): the output language
 * and an optional as-of date, one button; then the new sheets, each with its
 * table and formula columns, as links.
 */
import { FUNCTIONS } from "../functions/registry";
import { activeRulebook } from "../rules/active";
import { say } from "../rules/messages";
import { Lang } from "../rules/types";
import { sheetLink } from "./charterView";
import { el, replaceChildren } from "./dom";
import { t } from "./i18n";
import { createRegisters } from "./registersExcel";
import { createdRegisters, REGISTERS_TEXT, registersOptionsOf } from "./registersModel";
import { button, field, radioGroup, runAction, StatusArea } from "./ui";

export function registersView(ui: Lang): HTMLElement {
  const status = new StatusArea(say(ui, REGISTERS_TEXT.title), "registers-status");
  const results = el("div", { className: "ltc-section", attrs: { "data-testid": "registers-results" } });
  const asOf = el("input", { className: "ltc-input", attrs: { type: "date", "data-testid": "registers-asof" } });
  const language = radioGroup(t(ui, "outputLanguage"), "registers-lang", [
    { value: "zh", label: t(ui, "langZh") },
    { value: "en", label: t(ui, "langEn") },
  ], ui);

  const create: HTMLButtonElement = button(
    say(ui, REGISTERS_TEXT.create),
    () =>
      void runAction(ui, status, create, async () => {
        replaceChildren(results);
        const lang = language.value() as Lang;
        const reading = registersOptionsOf({ asOf: asOf.value, lang }, ui);
        if (!reading.ok) {
          status.message("warning", reading.message);
          return;
        }
        const rb = activeRulebook();
        // tells this set of registers from any earlier one (see createRegisters)
        const creation = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
        const done = await Excel.run(async (context) => createRegisters(context, rb, FUNCTIONS, reading.options, creation));
        const created = createdRegisters(done.registers, done.sheets, ui, lang);
        // the action's own round trips to Excel (a browser test holds it to its budget)
        results.dataset.syncs = String(done.syncs);
        replaceChildren(
          results,
          el("h3", {}, say(ui, REGISTERS_TEXT.created)),
          el(
            "ul",
            { className: "ltc-list", attrs: { "data-testid": "registers-sheets" } },
            ...created.map((c) =>
              el(
                "li",
                { className: "ltc-card", attrs: { "data-table": c.table } },
                el("span", { className: "ltc-card-title" }, sheetLink(ui, status, c.sheet)),
                el("span", { className: "ltc-meta" }, c.line),
                c.formulas === null ? null : el("span", { className: "ltc-meta" }, c.formulas),
              ),
            ),
          ),
        );
        status.message("success", say(ui, REGISTERS_TEXT.done, { n: created.length }));
      }),
    true,
  );
  create.setAttribute("data-testid", "registers-create");

  return el(
    "section",
    {},
    el("h2", {}, say(ui, REGISTERS_TEXT.title)),
    el("p", { className: "ltc-intro" }, say(ui, REGISTERS_TEXT.intro)),
    el("div", { className: "ltc-step ltc-section" }, field(say(ui, REGISTERS_TEXT.asOf), asOf, say(ui, REGISTERS_TEXT.asOfHint)), language.group, el("div", { className: "ltc-actions" }, create)),
    status.element,
    results,
  );
}

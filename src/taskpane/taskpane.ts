/*
 * Task pane entry. Runs in the shared-runtime page after functions.js, so the
 * pane and the custom functions share one active rulebook.
 *
 * The pane's own language follows Office's display language; each wizard
 * asks separately for the language of the sheets it writes.
 */
import { say } from "../rules/messages";
import { Lang } from "../rules/types";
import { agingView } from "./agingView";
import { charterView } from "./charterView";
import { el, replaceChildren } from "./dom";
import { explainView } from "./explainView";
import { PIPELINE_TEXT } from "./pipelineModel";
import { pipelineView } from "./pipelineView";
import { t, uiLanguageOf } from "./i18n";
import { LETTERS_TEXT } from "./lettersModel";
import { lettersView } from "./lettersView";
import { registersView } from "./registersView";
import { REGISTERS_TEXT } from "./registersModel";
import { rulesView } from "./rulesView";
import { applyPaneTheme, paneTheme } from "./theme";
import { createTabs } from "./ui";

function buildPane(ui: Lang): void {
  const app = document.getElementById("ltc-app");
  if (!app) return;
  document.documentElement.lang = ui === "zh" ? "zh-CN" : "en";
  // The Office theme as the pane opens (Excel has no theme-changed event for add-ins: Outlook only).
  applyPaneTheme(document.documentElement, paneTheme(Office.context?.officeTheme));
  document.title = t(ui, "appTitle");
  const subtitle = document.getElementById("ltc-subtitle");
  if (subtitle) subtitle.textContent = t(ui, "appSubtitle");
  const rules = rulesView(ui);
  const tabs = createTabs(t(ui, "tabsLabel"), [
    { id: "charter", label: t(ui, "tabCharter"), panel: charterView(ui) },
    { id: "aging", label: t(ui, "tabAging"), panel: agingView(ui) },
    { id: "letters", label: say(ui, LETTERS_TEXT.tab), panel: lettersView(ui) },
    { id: "pipeline", label: say(ui, PIPELINE_TEXT.title), panel: pipelineView(ui) },
    { id: "explain", label: t(ui, "tabExplain"), panel: explainView(ui) },
    { id: "rules", label: t(ui, "tabRules"), panel: rules.element },
    { id: "registers", label: say(ui, REGISTERS_TEXT.title), panel: registersView(ui) },
  ]);
  replaceChildren(app, tabs.list, el("main", {}, ...tabs.panels));
  // The workbook's own rulebook, if it carries one, replaces the default for
  // the pane and the custom functions alike (shared runtime).
  void rules.load();
}

function showOfficeMissing(): void {
  const app = document.getElementById("ltc-app");
  const ui = uiLanguageOf(typeof navigator !== "undefined" ? navigator.language : "en");
  if (app) replaceChildren(app, el("p", { className: "ltc-message ltc-message--error ltc-loading", attrs: { role: "alert" } }, t(ui, "officeMissing")));
}

// Outside Excel the page must say so instead of "Loading…": office.js missing
// (offline, blocked, a plain page), or loaded in a browser tab that is no Office
// host (the SupportUrl): Office.onReady then reports no host.
if (typeof Office === "undefined") {
  showOfficeMissing();
} else {
  void Office.onReady((info) => {
    if (info?.host !== Office.HostType.Excel) showOfficeMissing();
    else buildPane(uiLanguageOf(Office.context?.displayLanguage));
  });
}

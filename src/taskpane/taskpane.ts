/*
 * Task pane entry. Runs in the shared-runtime page after functions.js, so the
 * pane and the custom functions share one active rulebook.
 *
 * The pane's own language follows Office's display language; each wizard
 * asks separately for the language of the sheets it writes.
 */
import { Lang } from "../rules/types";
import { agingView } from "./agingView";
import { charterView } from "./charterView";
import { el, replaceChildren } from "./dom";
import { explainView } from "./explainView";
import { t, uiLanguageOf } from "./i18n";
import { rulesView } from "./rulesView";
import { createTabs } from "./ui";

function buildPane(ui: Lang): void {
  const app = document.getElementById("ltc-app");
  if (!app) return;
  document.documentElement.lang = ui === "zh" ? "zh-CN" : "en";
  document.title = t(ui, "appTitle");
  const subtitle = document.getElementById("ltc-subtitle");
  if (subtitle) subtitle.textContent = t(ui, "appSubtitle");
  const rules = rulesView(ui);
  const tabs = createTabs(t(ui, "tabsLabel"), [
    { id: "charter", label: t(ui, "tabCharter"), panel: charterView(ui) },
    { id: "aging", label: t(ui, "tabAging"), panel: agingView(ui) },
    { id: "explain", label: t(ui, "tabExplain"), panel: explainView(ui) },
    { id: "rules", label: t(ui, "tabRules"), panel: rules.element },
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

if (typeof Office === "undefined") {
  showOfficeMissing();
} else {
  Office.onReady(() => {
    buildPane(uiLanguageOf(Office.context?.displayLanguage));
  });
}

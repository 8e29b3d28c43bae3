/**
 * The Rules view (规则): the rules in force and where they come from; export
 * them to the LTC规则 sheet; check the edited sheet (every error named, or the
 * differences an import would make); import (stored in the workbook, active,
 * formulas recalculated); restore the built-in default, after an in-pane
 * confirmation that offers to export the workbook's rules first (add-ins
 * cannot use window.confirm). Each button is one Excel.run: the rules
 * store's helpers run inside the pane's context. While the pane is open, a
 * co-author's change of the stored rules is taken (or refused) as it arrives
 * and said in the status area: the new stamp and what changed.
 */
import {
  ExcelRun,
  importRulebook,
  loadWorkbookRulebook,
  readRulesSheet,
  resetWorkbookRulebook,
  StoredRulebookChange,
  watchWorkbookRulebook,
} from "../excel/rulesStore";
import { RULES_SHEET_NAME, rulebookFromTables, rulesSheetPlan } from "../reports/rulesSheet";
import { STORED_RULEBOOK_SHEET } from "../reports/storedRulebook";
import { activeRulebook, onRulebookChange } from "../rules/active";
import { rulebookStamp } from "../rules/fingerprint";
import { say } from "../rules/messages";
import { Lang } from "../rules/types";
import { formatRuleError } from "../rules/validate";
import { el, replaceChildren, uid } from "./dom";
import { renderSheets } from "./excelBridge";
import { t } from "./i18n";
import {
  CheckReport,
  checkReport,
  coauthorReport,
  EXPORT_TEXT,
  hasUnimportedEdits,
  resetOffer,
  storedFormNotice,
  StoredRules,
  StoredRulesChange,
} from "./rulesModel";
import { button, runAction, StatusArea } from "./ui";
import { sheetLink } from "./charterView";

/** Lines shown per list; the rest are counted ("…and 12 more"). */
const MAX_LINES = 50;
const MAX_STORED_ERRORS = 10;

export interface RulesView {
  element: HTMLElement;
  /** reads the workbook's stored rulebook, makes it active and follows co-authors' changes of it (call once at start) */
  load(): Promise<void>;
}

export function rulesView(ui: Lang): RulesView {
  let stored: StoredRules = "none";
  // The sheet the last export wrote: "LTC规则", or "LTC规则 (2)" when the renderer kept an earlier one.
  let rulesSheet = RULES_SHEET_NAME;
  let checked: Extract<CheckReport, { kind: "valid" }> | null = null;
  const status = new StatusArea(t(ui, "rulesTitle"), "rules-status");
  const stampLine = el("p", { className: "ltc-meta", attrs: { "data-testid": "rules-stamp" } });
  const report = el("div", { className: "ltc-section", attrs: { "data-testid": "rules-report" } });
  const showStamp = (): void => {
    stampLine.textContent = t(ui, "rulesInForce", {
      stamp: rulebookStamp(activeRulebook()),
      source: t(ui, stored === "valid" ? "rulesSourceWorkbook" : "rulesSourceDefault"),
    });
  };
  onRulebookChange(showStamp);
  showStamp();
  // the settings form of earlier versions: said until an import (or a restore, or a co-author's save) moves it to the store sheet
  const formLine = el("p", { className: "ltc-hint", attrs: { "data-testid": "rules-stored-form" } });
  const showStoredForm = (storedAs: "sheet" | "settings" | undefined): void => {
    const notice = storedFormNotice(storedAs, STORED_RULEBOOK_SHEET, ui);
    formLine.textContent = notice ?? "";
    formLine.hidden = notice === null;
  };
  showStoredForm(undefined);

  /**
   * Writes the rules in force to the rules sheet; returns the sheet's name, or
   * null when the sheet there holds edits not imported: it is left as it is,
   * its check shown (Import offered) and the pane says why nothing was written.
   */
  const exportRules = async (): Promise<string | null> => {
    const outcome = await Excel.run(async (context) => {
      const earlier = await checkSheet(context, ui, rulesSheet);
      if (earlier?.edited) return { kept: earlier.report };
      const result = await renderSheets(context, [rulesSheetPlan(activeRulebook())], { activate: true });
      return { written: result.sheets[0]?.name ?? RULES_SHEET_NAME };
    });
    if ("kept" in outcome) {
      show(outcome.kept);
      status.message("warning", say(ui, EXPORT_TEXT.keptEdits, { sheet: rulesSheet }));
      return null;
    }
    rulesSheet = outcome.written;
    return rulesSheet;
  };
  const exportButton: HTMLButtonElement = button(t(ui, "exportRules", { sheet: RULES_SHEET_NAME }), () =>
    void runAction(ui, status, exportButton, async () => {
      forgetCheck();
      const name = await exportRules();
      if (name === null) return;
      status.message("success", t(ui, "rulesExported", { sheet: name }));
      replaceChildren(report, el("ul", { className: "ltc-list" }, el("li", {}, sheetLink(ui, status, name))));
    }),
  );
  exportButton.setAttribute("data-testid", "rules-export");

  const checkButton: HTMLButtonElement = button(t(ui, "checkRules"), () =>
    void runAction(ui, status, checkButton, async () => {
      forgetCheck();
      const found = await Excel.run((context) => checkSheet(context, ui, rulesSheet));
      show(found?.report);
    }),
  );
  checkButton.setAttribute("data-testid", "rules-check");

  const importButton: HTMLButtonElement = button(
    t(ui, "importRules"),
    () =>
      void runAction(ui, status, importButton, async () => {
        const wanted = checked;
        if (!wanted) {
          status.message("warning", t(ui, "checkFirst"));
          return;
        }
        forgetCheck();
        const outcome = await Excel.run(async (context) => {
          // Read the sheet again in this action: import exactly what was checked, or nothing.
          const now = (await checkSheet(context, ui, rulesSheet))?.report;
          if (now === undefined || now.kind === "rejected" || now.stamp !== wanted.stamp) return { imported: false as const, now };
          const applied = await importRulebook({ rulebook: now.rulebook }, { run: inContext(context) });
          return { imported: applied.accepted, now };
        });
        if (outcome.imported) {
          stored = "valid";
          showStamp();
          showStoredForm("sheet");
          replaceChildren(report);
          status.message("success", t(ui, "rulesImported", { stamp: rulebookStamp(activeRulebook()) }));
          return;
        }
        show(outcome.now);
        if (outcome.now?.kind === "valid") status.message("warning", t(ui, "rulesChangedSinceCheck"));
      }),
    true,
  );
  importButton.setAttribute("data-testid", "rules-import");
  importButton.disabled = true;

  const confirmBox = el("div", {
    className: "ltc-confirm",
    attrs: { role: "group", "data-testid": "rules-reset-confirm" },
    on: {
      keydown: (e) => {
        if (e.key !== "Escape") return;
        e.preventDefault();
        closeConfirm();
      },
    },
  });
  confirmBox.hidden = true;

  const resetButton: HTMLButtonElement = button(t(ui, "resetRules"), () => {
    const offer = resetOffer(stored);
    if (!offer.confirm) {
      void restore(false, resetButton);
      return;
    }
    const question = el(
      "p",
      { id: uid("reset-question"), className: "ltc-confirm-text" },
      offer.exportFirst ? t(ui, "resetConfirm", { stamp: rulebookStamp(activeRulebook()) }) : t(ui, "resetConfirmInvalid"),
    );
    const exportFirst: HTMLButtonElement | null = offer.exportFirst
      ? button(t(ui, "resetExportFirst", { sheet: RULES_SHEET_NAME }), () => void restore(true, exportFirst), true)
      : null;
    exportFirst?.setAttribute("data-testid", "rules-reset-export");
    const restoreNow: HTMLButtonElement = button(t(ui, "resetWithoutExport"), () => void restore(false, restoreNow));
    restoreNow.setAttribute("data-testid", "rules-reset-confirmed");
    const cancel = button(t(ui, "cancel"), () => closeConfirm());
    cancel.setAttribute("data-testid", "rules-reset-cancel");
    confirmBox.setAttribute("aria-labelledby", question.id);
    replaceChildren(confirmBox, question, el("div", { className: "ltc-actions" }, exportFirst, restoreNow, cancel));
    confirmBox.hidden = false;
    resetButton.setAttribute("aria-expanded", "true");
    (exportFirst ?? cancel).focus();
  });
  resetButton.setAttribute("data-testid", "rules-reset");
  resetButton.setAttribute("aria-expanded", "false");

  function closeConfirm(): void {
    replaceChildren(confirmBox);
    confirmBox.hidden = true;
    resetButton.setAttribute("aria-expanded", "false");
    resetButton.focus();
  }

  /** Deletes the workbook's rules (exporting them to the rules sheet first when asked): the built-in default is in force again. */
  async function restore(exportFirst: boolean, trigger: HTMLButtonElement | null): Promise<void> {
    await runAction(ui, status, trigger, async () => {
      forgetCheck();
      // an export that fails, or is refused over edits not imported, stops here: nothing has been deleted
      const exported = exportFirst ? await exportRules() : null;
      if (exportFirst && exported === null) return;
      const stamp = await resetWorkbookRulebook();
      stored = "none";
      showStamp();
      showStoredForm(undefined);
      if (exported === null) {
        replaceChildren(report);
        status.message("success", t(ui, "rulesReset", { stamp }));
      } else {
        replaceChildren(report, el("ul", { className: "ltc-list" }, el("li", {}, sheetLink(ui, status, exported))));
        status.message("success", t(ui, "rulesResetExported", { sheet: exported, stamp }));
      }
    });
    if (!confirmBox.hidden) closeConfirm();
  }

  function forgetCheck(): void {
    checked = null;
    importButton.disabled = true;
  }

  /** Shows a check's outcome; a valid sheet that differs from the rules in force enables Import. */
  function show(found: CheckReport | undefined): void {
    if (found === undefined) {
      replaceChildren(report);
      status.message("warning", t(ui, "noRulesSheet", { sheet: rulesSheet }));
      return;
    }
    if (found.kind === "rejected") {
      status.message("error", t(ui, "rulesRejected", { n: found.errors.length }));
      replaceChildren(report, lines(ui, found.errors, "rules-errors", "ltc-problems"));
      return;
    }
    if (found.same) {
      status.message("info", t(ui, "rulesSame"));
      replaceChildren(report);
      return;
    }
    checked = found;
    importButton.disabled = false;
    status.message("success", t(ui, "rulesChecked", { stamp: found.stamp }));
    replaceChildren(
      report,
      el("h3", {}, t(ui, "diffVsActive")),
      lines(ui, found.vsActive, "rules-diff", "ltc-reasons"),
      found.vsDefault ? el("h3", {}, t(ui, "diffVsDefault")) : null,
      found.vsDefault ? lines(ui, found.vsDefault, "rules-diff-default", "ltc-reasons") : null,
      found.completed.length > 0 ? el("h3", {}, t(ui, "rulesCompleted", { n: found.completed.length })) : null,
      found.completed.length > 0 ? lines(ui, found.completed, "rules-completed", "ltc-reasons") : null,
      el("div", { className: "ltc-actions" }, importButton),
    );
  }

  const element = el(
    "section",
    {},
    el("h2", {}, t(ui, "rulesTitle")),
    el("p", { className: "ltc-intro" }, t(ui, "rulesIntro")),
    stampLine,
    formLine,
    el("div", { className: "ltc-actions" }, exportButton, checkButton),
    status.element,
    report,
    el("div", { className: "ltc-section" }, el("div", { className: "ltc-actions" }, resetButton), confirmBox),
  );

  async function load(): Promise<void> {
    await runAction(ui, status, null, async () => {
      const loaded = await loadWorkbookRulebook();
      stored = loaded.source === "workbook" ? "valid" : loaded.source === "invalid" ? "invalid" : "none";
      showStamp();
      showStoredForm(loaded.source === "workbook" ? loaded.storedAs : undefined);
      if (loaded.source === "invalid") {
        status.message("warning", t(ui, "rulesStoredInvalid"));
        replaceChildren(report, lines(ui, loaded.errors.map((e) => formatRuleError(e, ui)), "rules-errors", "ltc-problems", MAX_STORED_ERRORS));
      } else if (loaded.source === "workbook" && loaded.notices.length > 0) {
        status.message("info", t(ui, "rulesCompleted", { n: loaded.notices.length }));
        replaceChildren(report, lines(ui, loaded.notices.map((e) => formatRuleError(e, ui)), "rules-completed", "ltc-reasons"));
      } else {
        status.clear();
      }
      await watchWorkbookRulebook(showStoredChange);
    });
  }

  /** A co-author's change of the stored rules, taken or refused by the rules store: said in the status area, nothing to dismiss. */
  function showStoredChange(change: StoredRulebookChange): void {
    const remote = change.source === "Remote";
    const pane: StoredRulesChange =
      change.kind === "refused"
        ? { kind: "refused", remote, errors: change.errors, kept: change.kept }
        : { kind: "changed", remote, previous: change.previous, next: change.loaded.rulebook, restored: change.loaded.source === "default" };
    if (change.kind === "changed") {
      stored = change.loaded.source === "default" ? "none" : "valid";
      showStoredForm(change.loaded.source === "default" ? undefined : change.loaded.storedAs);
      // a check made against the rules in force before is stale now
      forgetCheck();
    }
    showStamp();
    const said = coauthorReport(pane, ui);
    status.message(said.level, said.message);
    replaceChildren(
      report,
      said.heading ? el("h3", {}, said.heading) : null,
      lines(ui, said.lines, change.kind === "refused" ? "rules-errors" : "rules-remote-diff", change.kind === "refused" ? "ltc-problems" : "ltc-reasons", change.kind === "refused" ? MAX_STORED_ERRORS : MAX_LINES),
    );
  }

  return { element, load };
}

/** Runs the rules store's helpers inside the caller's Excel.run. */
function inContext(context: Excel.RequestContext): ExcelRun {
  return (batch) => batch(context);
}

/**
 * Reads the rules sheet and checks it against the rules in force, and whether
 * it holds edits not imported; undefined when there is no rules sheet.
 */
async function checkSheet(context: Excel.RequestContext, ui: Lang, sheetName: string): Promise<{ report: CheckReport; edited: boolean } | undefined> {
  const read = await readRulesSheet({ run: inContext(context), sheetName });
  if (read === undefined) return undefined;
  const active = activeRulebook();
  const result = rulebookFromTables(read.tables, active, { sheet: sheetName });
  return { report: checkReport(result, active, ui), edited: hasUnimportedEdits(result, read.exportedStamp, active) };
}

function lines(ui: Lang, texts: readonly string[], testId: string, className: string, max = MAX_LINES): HTMLElement {
  const shown = texts.slice(0, max);
  return el(
    "div",
    {},
    el("ul", { className, attrs: { "data-testid": testId } }, ...shown.map((line) => el("li", {}, line))),
    texts.length > shown.length ? el("p", { className: "ltc-hint" }, t(ui, "moreLines", { n: texts.length - shown.length })) : null,
  );
}

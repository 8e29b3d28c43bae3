/**
 * What the browser test serves in place of https://appsforoffice.microsoft.com/…/office.js:
 * the counting Excel test double (test/doubles/excelDouble.ts) pre-loaded with
 * the test workbook, installed as the Office, Excel and CustomFunctions
 * globals the add-in expects. `window.__ltc` lets the test move the selection
 * and inspect what the pane asked Excel to write.
 *
 * The display language comes from the page URL (taskpane.html?lang=en-US), and
 * so does a rulebook stored in the workbook's settings, as earlier versions
 * kept it (?rulebook=mto300 or =broken), and the Office theme (?theme=black).
 *
 * The custom functions the page associates are registered with the double, so
 * a full calculation recomputes the LTC formula cells; `__ltc.coauthor` plays
 * another author saving the workbook's rules (a remote change of the store
 * sheet, as co-authoring delivers it).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { splitText, STORED_RULEBOOK_SHEET, storedRulebookColumn } from "../../src/reports/storedRulebook";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";
import { RULEBOOK_SETTING_KEY, rulebookJson } from "../../src/rules/validate";
import { ExcelDouble } from "../doubles/excelDouble";
import {
  AR_HEADER,
  coauthorRulebook,
  AR_ROWS,
  AR_SHEET,
  FORMULA_ROWS,
  FORMULA_SHEET,
  OPP_ADDRESS,
  OPP_HEADER,
  OPP_ROWS,
  OPP_SHEET,
  OPP_TABLE,
  OPPSCORE_CELL,
  OPPSCORE_FORMULA,
  OWNERDEPT_CELL,
  OWNERDEPT_FORMULA,
} from "./workbook";

const double = new ExcelDouble();
const opp = double.addSheet(OPP_SHEET, [OPP_HEADER, ...OPP_ROWS]);
double.addTable(opp, OPP_TABLE, OPP_ADDRESS);
double.addSheet(AR_SHEET, [AR_HEADER, ...AR_ROWS]);
const scores = double.addSheet(FORMULA_SHEET, FORMULA_ROWS);
// Formula cells holding the values Excel computed for them (FORMULA_ROWS put those there).
for (const [address, formula] of [
  [OPPSCORE_CELL, OPPSCORE_FORMULA],
  [OWNERDEPT_CELL, OWNERDEPT_FORMULA],
]) {
  const [, col, row] = /^([A-Z])(\d+)$/.exec(address)!;
  scores.mutableCell(Number(row) - 1, col.charCodeAt(0) - 65).formula = formula;
}
double.select(opp, "A2");

// ?rulebook=mto300: the workbook carries its own rulebook (the 500万 MTO threshold lowered to 300万);
// ?rulebook=broken: it carries one that does not validate.
const stored = new URLSearchParams(window.location.search).get("rulebook");
if (stored === "mto300") {
  const rb: Rulebook = coauthorRulebook(DEFAULT_RULEBOOK.version, 300_000_000);
  double.state.settings.set(RULEBOOK_SETTING_KEY, rulebookJson(rb));
} else if (stored === "broken") {
  // more errors than the pane lists: every aging bucket's days unreadable, every weight negative
  const rb = JSON.parse(JSON.stringify(DEFAULT_RULEBOOK));
  for (const row of rb.receivables.agingBuckets) row.maxDays = "soon";
  for (const row of rb.opportunity.weights) row.weight = -1;
  double.state.settings.set(RULEBOOK_SETTING_KEY, rulebookJson(rb));
}

const params = new URLSearchParams(window.location.search);
// ?theme=black: the colours Office reports for its Black theme (no theme given: a host that reports none)
const officeTheme =
  params.get("theme") === "black"
    ? { bodyBackgroundColor: "#262626", bodyForegroundColor: "#FFFFFF", controlBackgroundColor: "#363636", controlForegroundColor: "#F0F0F0", isDarkTheme: true }
    : undefined;
const w = window as any;
w.Office = {
  HostType: { Excel: "Excel" },
  context: {
    officeTheme,
    displayLanguage: params.get("lang") ?? "zh-CN",
    requirements: { isSetSupported: (name: string, version: string) => double.isSetSupported(name, version) },
  },
  onReady(callback?: (info: { host: string; platform: string }) => void) {
    const info = { host: "Excel", platform: "OfficeOnline" };
    return new Promise((resolve) => {
      setTimeout(() => {
        callback?.(info);
        resolve(info);
      }, 0);
    });
  },
};
w.Excel = double.namespace();
w.CustomFunctions = {
  // functions.js associates each function id; the manifest's namespace is LTC
  associate(id: string, fn: (...args: unknown[]) => unknown) {
    double.customFunctions.set(`LTC.${id.toUpperCase()}`, fn);
  },
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
  Error: class extends Error {
    constructor(
      public code: string,
      message?: string,
    ) {
      super(message);
    }
  },
};

/** What a co-author's add-in writes: column A of the store sheet (each part as literal text), and blanks over rows it no longer needs. */
function coauthorWritesStore(texts: string[]): void {
  const cells = texts.map((text) => [`'${text}`]);
  const sheet = double.state.sheet(STORED_RULEBOOK_SHEET);
  if (!sheet) {
    double.raiseRemoteSheetAdded(STORED_RULEBOOK_SHEET, { visibility: "VeryHidden", values: cells });
    return;
  }
  const rowsInUse = (sheet.usedRect()?.r1 ?? -1) + 1;
  for (let r = cells.length; r < rowsInUse; r++) cells.push([""]);
  double.raiseRemoteChange(sheet, "A1", cells);
}

/** Test hooks: plain data out, so page.evaluate can return it. */
w.__ltc = {
  double,
  select(sheet: string, address: string) {
    double.select(sheet, address);
  },
  sheetNames: () => double.sheetNames(),
  activeSheet: () => double.state.activeSheet?.name ?? null,
  syncCount: () => double.syncCount,
  /** where the workbook keeps its rulebook: "settings" (earlier versions) and/or "sheet" (the very hidden store sheet) */
  storedForms: () => [
    ...(double.state.settings.has(RULEBOOK_SETTING_KEY) ? ["settings"] : []),
    ...(double.state.sheet(STORED_RULEBOOK_SHEET)?.visibility === "VeryHidden" ? ["sheet"] : []),
  ],
  /** another author, in their own session of the same workbook */
  coauthor: {
    /** saves rules with this version and MTO threshold (their first save creates the store sheet) */
    saveRules(version: string, mtoThresholdFen: number) {
      coauthorWritesStore(storedRulebookColumn(coauthorRulebook(version, mtoThresholdFen)));
    },
    /** saves rules that do not validate (an aging bucket whose upper bound is text) */
    saveBrokenRules() {
      const rb = JSON.parse(rulebookJson(coauthorRulebook("broken-2027", 300_000_000)));
      rb.receivables.agingBuckets[2].maxDays = "soon";
      const text = JSON.stringify(rb);
      const parts = splitText(text);
      coauthorWritesStore([JSON.stringify({ format: "ltcDesk.rulebook", version: 1, stamp: "broken-2027", parts: parts.length, length: text.length }), ...parts]);
    },
    /** restores the built-in rulebook: their add-in deletes the store sheet */
    restoreDefault() {
      double.raiseRemoteSheetDeleted(STORED_RULEBOOK_SHEET);
    },
  },
  /** waits for the add-in's event handlers to finish; the errors they threw, if any */
  settle: () => double.settle().then(() => double.eventErrors.map(String)),
  /** types a value into a cell as a user would (Excel's input rules) */
  type(sheet: string, address: string, value: string | number) {
    return double.run(async (context: any) => {
      context.workbook.worksheets.getItem(sheet).getRange(address).values = [[value]];
    });
  },
  /** a cell as stored: value, formula (if any), whether it was entered as literal text */
  cell(sheet: string, address: string) {
    const c = double.sheet(sheet).cell(address);
    return { value: c.value, formula: c.formula ?? null, quotePrefix: Boolean(c.quotePrefix), error: c.error ?? null };
  },
  /** every non-empty cell of a sheet: address → stored content */
  cells(sheet: string) {
    const s = double.sheet(sheet);
    const out: Record<string, { value: unknown; formula: string | null }> = {};
    const used = s.usedRect();
    if (!used) return out;
    for (let r = used.r0; r <= used.r1; r++)
      for (let c = used.c0; c <= used.c1; c++) {
        if (s.isEmptyAt(r, c)) continue;
        const cell = s.cell(r, c);
        let col = "";
        for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) col = String.fromCharCode(65 + ((n - 1) % 26)) + col;
        out[`${col}${r + 1}`] = { value: cell.value, formula: cell.formula ?? null };
      }
    return out;
  },
};

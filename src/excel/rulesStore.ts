import { RULES_SHEET_NAME, rawTablesFromSheet } from "../reports/rulesSheet";
import { RawTable } from "../reports/table";
import { activeRulebook, setActiveRulebook } from "../rules/active";
import { rulebookFingerprint, rulebookStamp } from "../rules/fingerprint";
import { DEFAULT_RULEBOOK, Rulebook } from "../rules/rulebook";
import { ApplyResult, ImportResult, isRejected, RULEBOOK_SETTING_KEY, rulebookFromJson, rulebookJson, RuleError } from "../rules/validate";

/**
 * The workbook's rulebook, kept in the workbook itself: the accepted rulebook
 * is stored as JSON text in the add-in's document settings (saved with the
 * file), so whoever opens the workbook, in any region, computes with the same
 * rules. A workbook without one uses the built-in default.
 *
 * Each action is one Excel.run. After a rulebook changes, LTC formulas are
 * recalculated (a full calculation: the functions are not volatile).
 */

/** Excel.run, or a test double's. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Where the rulebook's JSON text is kept. */
export interface RulebookSettings {
  read(context: Excel.RequestContext): Promise<string | undefined>;
  /** stores the text (null removes it) and persists it with the document */
  write(context: Excel.RequestContext, json: string | null): Promise<void>;
}

/** The subset of Office.Settings used here. */
export interface OfficeSettingsLike {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(callback?: (result: { status: unknown; error?: { message?: string } }) => void): void;
}

/** Office.context.document.settings: the add-in's property bag in the document, saved with saveAsync. */
export function documentSettings(settings?: OfficeSettingsLike): RulebookSettings {
  const bag = (): OfficeSettingsLike => settings ?? (Office.context.document.settings as unknown as OfficeSettingsLike);
  return {
    async read() {
      const v = bag().get(RULEBOOK_SETTING_KEY);
      return typeof v === "string" ? v : v === null || v === undefined ? undefined : JSON.stringify(v);
    },
    async write(_context, json) {
      const b = bag();
      if (json === null) b.remove(RULEBOOK_SETTING_KEY);
      else b.set(RULEBOOK_SETTING_KEY, json);
      await new Promise<void>((resolve, reject) =>
        b.saveAsync((result) => {
          if (String(result.status) === "succeeded") resolve();
          else reject(new Error(`the rulebook could not be saved in the workbook: ${result.error?.message ?? "unknown error"}`));
        }),
      );
    },
  };
}

/** Excel's workbook.settings (ExcelApi 1.4): the same per-add-in, per-document store, through the Excel API. */
export function workbookSettings(): RulebookSettings {
  return {
    async read(context) {
      const item = context.workbook.settings.getItemOrNullObject(RULEBOOK_SETTING_KEY);
      item.load("value");
      await context.sync();
      if (item.isNullObject) return undefined;
      const v = item.value as unknown;
      return typeof v === "string" ? v : v === null || v === undefined ? undefined : JSON.stringify(v);
    },
    async write(context, json) {
      if (json === null) {
        const item = context.workbook.settings.getItemOrNullObject(RULEBOOK_SETTING_KEY);
        await context.sync();
        if (!item.isNullObject) item.delete();
      } else {
        context.workbook.settings.add(RULEBOOK_SETTING_KEY, json);
      }
      await context.sync();
    },
  };
}

export interface RulesStoreOptions {
  /** default: Excel.run */
  run?: ExcelRun;
  /** default: Office.context.document.settings where available, else workbook.settings */
  settings?: RulebookSettings;
}

function resolve(options: RulesStoreOptions): { run: ExcelRun; settings: RulebookSettings } {
  const run: ExcelRun = options.run ?? ((batch) => Excel.run(batch));
  const hasDocumentSettings = typeof Office !== "undefined" && Boolean(Office.context?.document?.settings);
  return { run, settings: options.settings ?? (hasDocumentSettings ? documentSettings() : workbookSettings()) };
}

/** Recalculates every formula: LTC functions are not volatile, so a full calculation is what reaches them. */
async function recalculate(context: Excel.RequestContext): Promise<void> {
  context.workbook.application.calculate("Full" as Excel.CalculationType);
  await context.sync();
}

export type LoadResult =
  /**
   * the workbook carries a valid rulebook: it is now active. `notices` say what
   * was added from the built-in rulebook to one saved by an earlier version
   * (the stored text is left as it was until the rules are saved again).
   */
  | { source: "workbook"; rulebook: Rulebook; stamp: string; notices: RuleError[] }
  /** the workbook carries none: the default is active */
  | { source: "default"; rulebook: Rulebook; stamp: string }
  /** the workbook carries one that does not validate: the default is active, the pane should show the errors */
  | { source: "invalid"; rulebook: Rulebook; stamp: string; errors: RuleError[] };

const STORE_ORIGIN = "document settings";

/**
 * Reads the workbook's stored rulebook, validates it and makes it active; a
 * workbook with none (or with one that does not validate) computes with
 * DEFAULT_RULEBOOK. Call once when the add-in starts (shared runtime).
 */
export async function loadWorkbookRulebook(options: RulesStoreOptions = {}): Promise<LoadResult> {
  const { run, settings } = resolve(options);
  return run(async (context) => {
    const loaded = loadResultOf(await settings.read(context));
    const before = rulebookFingerprint(activeRulebook());
    setActiveRulebook(loaded.rulebook);
    // The runtime starts on the default rulebook: formulas that computed before
    // the workbook's own rules were loaded must compute again with them.
    if (rulebookFingerprint(loaded.rulebook) !== before) await recalculate(context);
    return loaded;
  });
}

function loadResultOf(text: string | undefined): LoadResult {
  if (text === undefined) return { source: "default", rulebook: DEFAULT_RULEBOOK, stamp: rulebookStamp(DEFAULT_RULEBOOK) };
  const result = rulebookFromJson(text, { sheet: STORE_ORIGIN });
  if (isRejected(result)) {
    return { source: "invalid", rulebook: DEFAULT_RULEBOOK, stamp: rulebookStamp(DEFAULT_RULEBOOK), errors: result.errors };
  }
  return { source: "workbook", rulebook: result.rulebook, stamp: rulebookStamp(result.rulebook), notices: result.notices ?? [] };
}

/**
 * Stores a rulebook in the workbook, makes it active and recalculates, in
 * one Excel.run. If storing fails, the active rulebook is unchanged.
 * (Give it validated rulebooks only: use importRulebook for user input.)
 */
export async function storeRulebook(rb: Rulebook, options: RulesStoreOptions = {}): Promise<string> {
  const { run, settings } = resolve(options);
  await run(async (context) => {
    await settings.write(context, rulebookJson(rb));
    setActiveRulebook(rb);
    await recalculate(context);
  });
  return rulebookStamp(rb);
}

/**
 * Accepts a validated import (rulebookFromTables / rulebookFromJson): stores
 * it, makes it active and recalculates. With errors nothing changes: the
 * previous rulebook stays in force and in the workbook.
 */
export async function importRulebook(result: ImportResult, options: RulesStoreOptions = {}): Promise<ApplyResult> {
  if (isRejected(result)) return { accepted: false, errors: result.errors };
  const stamp = await storeRulebook(result.rulebook, options);
  return { accepted: true, rulebook: result.rulebook, stamp };
}

/** Removes the workbook's own rulebook: the default is active again, formulas recalculate. */
export async function resetWorkbookRulebook(options: RulesStoreOptions = {}): Promise<string> {
  const { run, settings } = resolve(options);
  await run(async (context) => {
    await settings.write(context, null);
    setActiveRulebook(DEFAULT_RULEBOOK);
    await recalculate(context);
  });
  return rulebookStamp(DEFAULT_RULEBOOK);
}

/**
 * The rulebook tables on the rules sheet (by default `LTC规则`), read from
 * its used range in one sync; undefined when there is no such sheet. Give the
 * result to rulebookFromTables(tables, activeRulebook()).
 */
export async function readRulesSheet(options: RulesStoreOptions & { sheetName?: string } = {}): Promise<Record<string, RawTable> | undefined> {
  const { run } = resolve(options);
  const name = options.sheetName ?? RULES_SHEET_NAME;
  return run(async (context) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(name);
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load("values,rowIndex,columnIndex");
    await context.sync();
    if (sheet.isNullObject || used.isNullObject) return undefined;
    // the layout is read from column A: pad if the used range starts further right
    const pad = new Array(used.columnIndex).fill(null);
    const values = (used.values as unknown[][]).map((row) => [...pad, ...row]);
    return rawTablesFromSheet(values, used.rowIndex + 1, name);
  });
}

/** The active rulebook's stamp ("version · fingerprint"), for the pane's header. */
export function activeStamp(): string {
  return rulebookStamp(activeRulebook());
}

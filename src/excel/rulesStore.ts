import { exportedStamp, RULES_SHEET_NAME, rawTablesFromSheet } from "../reports/rulesSheet";
import { rulebookTextFromColumn, STORED_RULEBOOK_SHEET, storedRulebookColumn, storeHeader } from "../reports/storedRulebook";
import { RawTable } from "../reports/table";
import { activeRulebook, setActiveRulebook } from "../rules/active";
import { rulebookFingerprint, rulebookStamp } from "../rules/fingerprint";
import { DEFAULT_RULEBOOK, Rulebook } from "../rules/rulebook";
import { ApplyResult, ImportResult, isRejected, RULEBOOK_SETTING_KEY, rulebookFromJson, RuleError } from "../rules/validate";

/**
 * The workbook's rulebook, kept in the workbook itself, so whoever opens it,
 * in any region, computes with the same rules; a workbook without one uses
 * the built-in default.
 *
 * Where: a very hidden worksheet, `ltcDesk.rulebook` (src/reports/storedRulebook.ts
 * has its layout: a header cell, then the rulebook's JSON in parts below
 * Excel's 32,767 characters per cell). Co-authoring synchronises a workbook's
 * content, cells of hidden sheets included, and tells an open session of a
 * change with an event; the add-in's document settings are read once and
 * their settingsChanged event fires only in Excel on the web. Microsoft's
 * "Coauthoring in Excel add-ins"
 * (https://learn.microsoft.com/office/dev/add-ins/excel/co-authoring-in-excel-add-ins)
 * describes exactly this: state kept in a hidden worksheet, copied into a
 * variable, goes stale when a co-author changes it, so listen for the change
 * and refresh the copy; and not to put up UI in response to such an event
 * (the pane shows a line in its own status area, no dialog). "Persist add-in
 * state and settings"
 * (https://learn.microsoft.com/office/dev/add-ins/develop/persisting-add-in-state-and-settings)
 * lists the document-level stores; of those only the workbook's content is
 * what co-authoring carries to every session as it changes.
 *
 * Very hidden rather than hidden: a hidden sheet is one right-click ("Unhide")
 * away from being edited or deleted by hand, which would bypass the
 * validation every change of the rules goes through (Rules tab: export,
 * check, import); a very hidden sheet is not offered by Excel's Unhide
 * dialog, yet it is an ordinary sheet to the API, to co-authoring and to the
 * command line.
 *
 * Workbooks saved by earlier versions keep the rulebook in the document
 * settings (key ltcDesk.rulebook). They are read as before; the sheet form is
 * written the next time the rules are saved (import), never merely by
 * opening a workbook: opening must not modify a file, and a viewer with
 * read-only access could not write it anyway. Saving then removes the
 * setting, and restoring the built-in rulebook removes both forms.
 *
 * Each action is one Excel.run. After the rulebook in force changes, LTC
 * formulas are recalculated (a full calculation: the functions are not volatile).
 */

/** Excel.run, or a test double's. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** The settings form of earlier versions: where the rulebook's JSON text was kept. */
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
  /** the settings form of earlier versions; default: Office.context.document.settings where available, else workbook.settings */
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

/** Where a workbook's rulebook was found. */
export type StoredForm = "sheet" | "settings";

export type LoadResult =
  /**
   * the workbook carries a valid rulebook: it is now active. `notices` say what
   * was added from the built-in rulebook to one saved by an earlier version
   * (the stored text is left as it was until the rules are saved again).
   */
  | { source: "workbook"; rulebook: Rulebook; stamp: string; notices: RuleError[]; storedAs: StoredForm }
  /** the workbook carries none: the default is active */
  | { source: "default"; rulebook: Rulebook; stamp: string }
  /** the workbook carries one that does not validate: the default is active, the pane should show the errors */
  | { source: "invalid"; rulebook: Rulebook; stamp: string; errors: RuleError[]; storedAs: StoredForm };

const SETTINGS_ORIGIN = "document settings";

/** What the workbook holds, as read in one request. */
type Stored =
  | { form: "sheet"; text: string }
  | { form: "sheet"; error: RuleError }
  | { form: "settings"; text: string }
  | { form: "none" };

/**
 * This session's last knowledge of the workbook's store: what it last read
 * or wrote, and the store sheet's id. A change event that brings nothing new
 * (the add-in's own write coming back, or an edit elsewhere) does nothing.
 */
let known: { content: string; sheetId: string | null } = { content: "", sheetId: null };

/** The stored content as one comparable string. */
function contentOf(stored: Stored): string {
  if (stored.form === "none") return "";
  return "text" in stored ? `${stored.form}:${stored.text}` : `sheet-error:${stored.error.reason}`;
}

/**
 * Our own actions and the reloads change events cause run one at a time, so
 * a reload never reads the store half-way through our own write of it.
 */
let queue: Promise<unknown> = Promise.resolve();
function exclusive<T>(action: () => Promise<T>): Promise<T> {
  const next = queue.then(action, action);
  queue = next.catch(() => undefined);
  return next;
}

/** Reads the store sheet (column A) and, only when there is none, the settings form. One sync for the sheet. */
async function readStored(context: Excel.RequestContext, settings: RulebookSettings): Promise<Stored> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(STORED_RULEBOOK_SHEET);
  sheet.load("id");
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("values,rowIndex,columnIndex");
  await context.sync();
  if (!sheet.isNullObject) {
    known.sheetId = sheet.id;
    const column: unknown[] = [];
    if (!used.isNullObject && used.columnIndex === 0) {
      for (let i = 0; i < used.rowIndex; i++) column.push("");
      for (const row of used.values as unknown[][]) column.push(row[0]);
    }
    const found = rulebookTextFromColumn(column, STORED_RULEBOOK_SHEET);
    return "error" in found ? { form: "sheet", error: found.error } : { form: "sheet", text: found.text };
  }
  known.sheetId = null;
  const text = await settings.read(context);
  return text === undefined ? { form: "none" } : { form: "settings", text };
}

function loadResultOf(stored: Stored): LoadResult {
  const fallback = { rulebook: DEFAULT_RULEBOOK, stamp: rulebookStamp(DEFAULT_RULEBOOK) };
  if (stored.form === "none") return { source: "default", ...fallback };
  if ("error" in stored) return { source: "invalid", ...fallback, errors: [stored.error], storedAs: "sheet" };
  const result = rulebookFromJson(stored.text, { sheet: stored.form === "sheet" ? STORED_RULEBOOK_SHEET : SETTINGS_ORIGIN });
  if (isRejected(result)) return { source: "invalid", ...fallback, errors: result.errors, storedAs: stored.form };
  return { source: "workbook", rulebook: result.rulebook, stamp: rulebookStamp(result.rulebook), notices: result.notices ?? [], storedAs: stored.form };
}

/**
 * Reads the workbook's stored rulebook, validates it and makes it active; a
 * workbook with none (or with one that does not validate) computes with
 * DEFAULT_RULEBOOK. Call once when the add-in starts (shared runtime).
 */
export function loadWorkbookRulebook(options: RulesStoreOptions = {}): Promise<LoadResult> {
  const { run, settings } = resolve(options);
  return exclusive(() =>
    run(async (context) => {
      const stored = await readStored(context, settings);
      known.content = contentOf(stored);
      const loaded = loadResultOf(stored);
      const before = rulebookFingerprint(activeRulebook());
      setActiveRulebook(loaded.rulebook);
      // The runtime starts on the default rulebook: formulas that computed before
      // the workbook's own rules were loaded must compute again with them.
      if (rulebookFingerprint(loaded.rulebook) !== before) await recalculate(context);
      return loaded;
    }),
  );
}

/**
 * Writes the rulebook to the store sheet, creating it very hidden when the
 * workbook has none: column A from the top, and what an earlier, longer
 * rulebook left below it cleared. A sheet of that name that LTC Desk did not
 * write is never overwritten. Two syncs.
 */
async function writeStoreSheet(context: Excel.RequestContext, texts: readonly string[]): Promise<string> {
  const sheets = context.workbook.worksheets;
  const existing = sheets.getItemOrNullObject(STORED_RULEBOOK_SHEET);
  const used = existing.getUsedRangeOrNullObject(true);
  used.load("values,rowIndex,rowCount,columnIndex");
  await context.sync();
  let sheet: Excel.Worksheet = existing;
  let rowsInUse = 0;
  if (existing.isNullObject) {
    sheet = sheets.add(STORED_RULEBOOK_SHEET);
    sheet.visibility = "VeryHidden";
  } else if (!used.isNullObject) {
    const firstCell = used.rowIndex === 0 && used.columnIndex === 0 ? (used.values as unknown[][])[0][0] : "";
    if (storeHeader(firstCell) === null) {
      throw new Error(`the workbook has a sheet named ${STORED_RULEBOOK_SHEET} that LTC Desk did not write: rename it, then save the rules again`);
    }
    rowsInUse = used.rowIndex + used.rowCount;
  }
  // a leading apostrophe keeps each part text whatever it starts with (Excel would take "-1…" or "2026-…" as a number or date)
  const column = texts.map((text) => [`'${text}`]);
  sheet.getRangeByIndexes(0, 0, column.length, 1).values = column;
  if (rowsInUse > column.length) sheet.getRangeByIndexes(column.length, 0, rowsInUse - column.length, 1).clear("Contents" as Excel.ClearApplyTo);
  sheet.load("id");
  await context.sync();
  return sheet.id;
}

/**
 * Stores a rulebook in the workbook, makes it active and recalculates, in
 * one Excel.run. If storing fails, the active rulebook is unchanged.
 * (Give it validated rulebooks only: use importRulebook for user input.)
 */
export function storeRulebook(rb: Rulebook, options: RulesStoreOptions = {}): Promise<string> {
  const { run, settings } = resolve(options);
  return exclusive(async () => {
    await run(async (context) => {
      const texts = storedRulebookColumn(rb);
      const sheetId = await writeStoreSheet(context, texts);
      known = { content: contentOf({ form: "sheet", text: texts.slice(1).join("") }), sheetId };
      setActiveRulebook(rb);
      await recalculate(context);
      // Migration of a workbook saved by an earlier version: the sheet is read
      // first on every load, so a setting left behind (its removal failed) is
      // never read again; removing it keeps a single copy of the rules.
      if ((await settings.read(context)) !== undefined) await settings.write(context, null).catch(() => undefined);
    });
    return rulebookStamp(rb);
  });
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

/**
 * Removes the workbook's own rulebook, both forms: the default is active
 * again, formulas recalculate. The setting goes first: if removing it fails,
 * nothing else has changed.
 */
export function resetWorkbookRulebook(options: RulesStoreOptions = {}): Promise<string> {
  const { run, settings } = resolve(options);
  return exclusive(async () => {
    await run(async (context) => {
      if ((await settings.read(context)) !== undefined) await settings.write(context, null);
      const sheet = context.workbook.worksheets.getItemOrNullObject(STORED_RULEBOOK_SHEET);
      await context.sync();
      if (!sheet.isNullObject) {
        sheet.delete();
        await context.sync();
      }
      known = { content: "", sheetId: null };
      setActiveRulebook(DEFAULT_RULEBOOK);
      await recalculate(context);
    });
    return rulebookStamp(DEFAULT_RULEBOOK);
  });
}

/**
 * What reached an open session when the workbook's stored rules changed
 * elsewhere. Excel's change events say where a change came from (source
 * "Remote": another session; "Local": this one, not through this add-in's
 * requests) but not who made it or when, so the pane shows the new stamp and
 * what changed against the rules in force before.
 */
export type StoredRulebookChange =
  /** new valid rules (or none: the default) are in force, formulas recalculated */
  | { kind: "changed"; source: "Local" | "Remote"; previous: Rulebook; loaded: Extract<LoadResult, { source: "workbook" | "default" }> }
  /** the stored rules do not validate: the rules in force stay (and stay in force until valid rules are stored) */
  | { kind: "refused"; source: "Local" | "Remote"; errors: RuleError[]; kept: Rulebook };

export interface RulebookWatch {
  /** unregisters the event handlers */
  stop(): Promise<void>;
}

/**
 * Follows the store sheet while the workbook is open: when another author
 * (source "Remote") or anything other than this add-in's own requests changes
 * the stored rules, they are read and validated as an import is; valid rules
 * replace the ones in force and LTC formulas recalculate; invalid ones are
 * refused and the rules in force stay. A co-author creating the store (their
 * first import) or deleting it (restoring the built-in rulebook) counts too.
 * `onChange` hears of each outcome; an event that changes nothing (our own
 * write, an edit that leaves the rules as they were) is not reported.
 *
 * The worksheet collection's events (onChanged: ExcelApi 1.9; onAdded and
 * onDeleted: 1.7) rather than the store sheet's own onChanged, so the watch
 * holds across the sheet being deleted and created again by a co-author; a
 * change on another sheet costs no request (it is filtered by worksheetId).
 * On a host without ExcelApi 1.9 nothing is watched: the rules are read when
 * the pane opens, as before.
 */
export async function watchWorkbookRulebook(onChange: (change: StoredRulebookChange) => void, options: RulesStoreOptions = {}): Promise<RulebookWatch> {
  const { run, settings } = resolve(options);
  const supported = typeof Office === "undefined" || !Office.context?.requirements || Office.context.requirements.isSetSupported("ExcelApi", "1.9");
  if (!supported) return { stop: async () => undefined };

  const reload = (source: "Local" | "Remote"): Promise<void> =>
    exclusive(() =>
      run(async (context): Promise<StoredRulebookChange | null> => {
        const stored = await readStored(context, settings);
        const content = contentOf(stored);
        if (content === known.content) return null;
        known.content = content;
        const loaded = loadResultOf(stored);
        const previous = activeRulebook();
        if (loaded.source === "invalid") return { kind: "refused", source, errors: loaded.errors, kept: previous };
        if (rulebookFingerprint(loaded.rulebook) === rulebookFingerprint(previous)) return null;
        setActiveRulebook(loaded.rulebook);
        await recalculate(context);
        return { kind: "changed", source, previous, loaded };
      }),
    ).then((change) => {
      if (change) onChange(change);
    });

  return run(async (context) => {
    const sheets = context.workbook.worksheets;
    const handlers = [
      sheets.onChanged.add(async (e) => {
        // our own writes come back as "ThisLocalAddin" (ExcelApi 1.14); older hosts are caught by the content check
        if (e.worksheetId === known.sheetId && e.triggerSource !== "ThisLocalAddin") await reload(e.source as "Local" | "Remote");
      }),
      // a sheet another author added may be the store they have just created: one read tells
      // (sheets added in this session, by the wizards or by hand, are not: the store is very hidden)
      sheets.onAdded.add(async (e) => {
        if (e.source === "Remote" && e.worksheetId !== known.sheetId) await reload("Remote");
      }),
      sheets.onDeleted.add(async (e) => {
        if (e.worksheetId === known.sheetId) await reload(e.source as "Local" | "Remote");
      }),
    ];
    await context.sync();
    return {
      // handlers are removed through the context that added them (Office.js: remove(), then that context's sync)
      stop: async () => {
        for (const h of handlers) h.remove();
        await context.sync();
      },
    };
  });
}

/**
 * The rulebook tables on the rules sheet (by default `LTC规则`), read from
 * its used range in one sync, with the stamp it was written with; undefined
 * when there is no such sheet. Give the tables to rulebookFromTables(tables, activeRulebook()).
 */
export async function readRulesSheet(options: RulesStoreOptions & { sheetName?: string } = {}): Promise<RulesSheetRead | undefined> {
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
    return { tables: rawTablesFromSheet(values, used.rowIndex + 1, name), exportedStamp: exportedStamp(values) };
  });
}

/** A rules sheet as read: its tables, and the stamp of the rules it was written with (see exportedStamp). */
export interface RulesSheetRead {
  tables: Record<string, RawTable>;
  exportedStamp: string | undefined;
}

/** The active rulebook's stamp ("version · fingerprint"), for the pane's header. */
export function activeStamp(): string {
  return rulebookStamp(activeRulebook());
}

import * as fs from "fs";
import * as path from "path";
import {
  documentSettings,
  ExcelRun,
  importRulebook,
  loadWorkbookRulebook,
  OfficeSettingsLike,
  readRulesSheet,
  resetWorkbookRulebook,
  RulebookWatch,
  storeRulebook,
  StoredRulebookChange,
  watchWorkbookRulebook,
  workbookSettings,
} from "../../src/excel/rulesStore";
import { planValues, RULES_SHEET_NAME, rulebookFromSheetValues, rulebookFromTables, rulesSheetPlan } from "../../src/reports/rulesSheet";
import { PART_LENGTH, rulebookTextFromColumn, splitText, STORED_RULEBOOK_SHEET, storedRulebookColumn } from "../../src/reports/storedRulebook";
import { activeRulebook, setActiveRulebook } from "../../src/rules/active";
import { rulebookFingerprint, rulebookStamp } from "../../src/rules/fingerprint";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";
import { RULEBOOK_SETTING_KEY, rulebookJson } from "../../src/rules/validate";
import { FUNCTIONS } from "../../src/functions/registry";
import { createRegisters } from "../../src/taskpane/registersExcel";
import { ExcelDouble, MAX_CELL_TEXT } from "../doubles/excelDouble";
import { setCell, sheetGrid } from "../rules/sheetGrid";

afterEach(() => setActiveRulebook(DEFAULT_RULEBOOK));

/** A workbook in the Excel test double, with a counting Excel.run. */
function workbook(apiVersion = "1.17") {
  const d = new ExcelDouble({ keepActionLog: true, apiVersion });
  d.addSheet("Sheet1");
  let runs = 0;
  const run = ((batch: (context: unknown) => Promise<unknown>) => {
    runs++;
    return d.run(batch as never);
  }) as unknown as ExcelRun;
  const calculations = () => d.requests.flatMap((r) => r.log).filter((l) => l.includes("application.calculate")).length;
  return { d, run, settings: workbookSettings(), runs: () => runs, calculations };
}
type Workbook = ReturnType<typeof workbook>;

function customRulebook(version = "east-2027", mtoThresholdFen = 300_000_000): Rulebook {
  const g = sheetGrid(DEFAULT_RULEBOOK);
  setCell(g, "rulebook", "version", "value", version);
  setCell(g, "owner.settings", "mtoThresholdFen", "value", mtoThresholdFen);
  const r = rulebookFromSheetValues(g, DEFAULT_RULEBOOK);
  if ("errors" in r) throw new Error("custom rulebook rejected");
  return r.rulebook;
}

/** Column A of the store sheet as cells read back. */
function storeColumn(w: Workbook): unknown[] {
  const sheet = w.d.sheet(STORED_RULEBOOK_SHEET);
  const used = sheet.usedRect();
  return used ? sheet.valuesOf({ r0: 0, c0: 0, r1: used.r1, c1: 0 }).map((row) => row[0]) : [];
}

/** What a co-author's add-in writes into column A (their Range.values, leading apostrophes and all). */
function coauthorColumn(rb: Rulebook): string[][] {
  return storedRulebookColumn(rb).map((text) => [`'${text}`]);
}

/** Store cells for a text that is not a validated rulebook's (an older add-in's, or a broken one), as a co-author's add-in would write them. */
function storeCells(stamp: string, text: string): string[][] {
  const parts = splitText(text);
  return [JSON.stringify({ format: "ltcDesk.rulebook", version: 1, stamp, parts: parts.length, length: text.length }), ...parts].map((t) => [`'${t}`]);
}

const MTO = (rb: Rulebook) => rb.owner.settings.find((s) => s.key === "mtoThresholdFen")!.value;

describe("the workbook's rulebook, stored on a very hidden sheet", () => {
  test("a workbook with no rulebook uses the default; reading it is one sync", async () => {
    const w = workbook();
    setActiveRulebook(customRulebook()); // left over from another workbook
    w.d.resetCounters();
    const loaded = await loadWorkbookRulebook(w);
    expect(loaded).toEqual({ source: "default", rulebook: DEFAULT_RULEBOOK, stamp: rulebookStamp(DEFAULT_RULEBOOK) });
    expect(activeRulebook()).toBe(DEFAULT_RULEBOOK);
    // the store sheet (absent) in one sync, the settings form in one more, then the recalculation
    expect(w.d.syncCount).toBe(3);
  });

  test("an accepted import is written to the very hidden sheet in parts, made active and recalculated in one Excel.run", async () => {
    const w = workbook();
    const custom = customRulebook();
    w.d.resetCounters();
    const applied = await importRulebook({ rulebook: custom }, w);
    expect(applied).toEqual({ accepted: true, rulebook: custom, stamp: rulebookStamp(custom) });
    expect(w.runs()).toBe(1);
    // probe the sheet, write it, recalculate, look for the settings form
    expect(w.d.syncCount).toBe(4);
    expect(w.calculations()).toBe(1);
    expect(w.d.requests.flatMap((r) => r.log).find((l) => l.includes("calculate"))).toMatch(/calculate\("Full"\)/);
    expect(activeRulebook()).toBe(custom);

    const sheet = w.d.sheet(STORED_RULEBOOK_SHEET);
    expect(sheet.visibility).toBe("VeryHidden");
    expect(w.d.sheetNames()).toEqual(["Sheet1", STORED_RULEBOOK_SHEET]);
    expect(w.d.state.activeSheet?.name).toBe("Sheet1");
    const column = storeColumn(w);
    const json = rulebookJson(custom);
    expect(json.length).toBeGreaterThan(MAX_CELL_TEXT); // the rulebook does not fit one cell
    expect(JSON.parse(column[0] as string)).toEqual({ format: "ltcDesk.rulebook", version: 1, stamp: rulebookStamp(custom), parts: column.length - 1, length: json.length });
    expect(column.slice(1).every((part) => typeof part === "string" && part.length <= PART_LENGTH)).toBe(true);
    expect(column.slice(1).join("")).toBe(json);
    // every part is text, whatever it starts with (the add-in wrote each with a leading apostrophe)
    for (let r = 0; r < column.length; r++) expect(sheet.isText(`A${r + 1}`)).toBe(true);
    // no settings form is written any more
    expect(w.d.state.settings.has(RULEBOOK_SETTING_KEY)).toBe(false);

    // another region opens the same workbook: a fresh runtime with the default in force
    setActiveRulebook(DEFAULT_RULEBOOK);
    const loaded = await loadWorkbookRulebook(w);
    expect(loaded).toMatchObject({ source: "workbook", storedAs: "sheet", stamp: rulebookStamp(custom), notices: [] });
    expect(rulebookFingerprint(activeRulebook())).toBe(rulebookFingerprint(custom));
  });

  test("opening a workbook whose rules differ from those in force recalculates LTC formulas once; the same rules do not", async () => {
    const custom = customRulebook();
    const w = workbook();
    await storeRulebook(custom, w);
    const before = w.calculations();
    setActiveRulebook(DEFAULT_RULEBOOK); // the runtime starts on the default
    expect((await loadWorkbookRulebook(w)).source).toBe("workbook");
    expect(rulebookFingerprint(activeRulebook())).toBe(rulebookFingerprint(custom));
    expect(w.calculations() - before).toBe(1);
    await loadWorkbookRulebook(w); // already in force: nothing to recompute
    expect(w.calculations() - before).toBe(1);
  });

  test("saving a shorter rulebook over a longer one clears the parts it no longer needs", async () => {
    const w = workbook();
    const long = JSON.parse(rulebookJson(customRulebook("long-2027"))) as Rulebook;
    long.receivables.policies = long.receivables.policies.map((p, i) => (i === 0 ? { ...p, en: `${p.en} ${"(a very long note) ".repeat(3000)}` } : p));
    await storeRulebook(long, w);
    const longParts = storeColumn(w).length - 1;
    const short = customRulebook("short-2027");
    await storeRulebook(short, w);
    const column = storeColumn(w);
    expect(column.length - 1).toBeLessThan(longParts);
    setActiveRulebook(DEFAULT_RULEBOOK);
    const loaded = await loadWorkbookRulebook(w);
    expect(loaded).toMatchObject({ source: "workbook", stamp: rulebookStamp(short) });
  });

  test("a rejected import changes nothing: not the workbook, not the rules in force, no recalculation", async () => {
    const w = workbook();
    const custom = customRulebook();
    await storeRulebook(custom, w);
    const stored = storeColumn(w);
    const before = w.runs();

    const g = sheetGrid(custom);
    setCell(g, "owner.settings", "mtoThresholdFen", "value", "三百万");
    const applied = await importRulebook(rulebookFromSheetValues(g, activeRulebook()), w);
    expect(applied.accepted).toBe(false);
    expect(!applied.accepted && applied.errors[0]).toMatchObject({ table: "owner.settings", column: "value" });
    expect(w.runs()).toBe(before);
    expect(storeColumn(w)).toEqual(stored);
    expect(activeRulebook()).toBe(custom);
  });

  test("a stored rulebook that does not validate: the default computes and the errors name the store sheet", async () => {
    const w = workbook();
    const broken = JSON.parse(rulebookJson(DEFAULT_RULEBOOK)) as Rulebook;
    (broken.owner.rules[0] as { owner: string }).owner = "dept.gone";
    await storeRulebook(broken, w); // as a co-author's older add-in might have written it
    setActiveRulebook(customRulebook());
    const loaded = await loadWorkbookRulebook(w);
    expect(loaded.source).toBe("invalid");
    expect(loaded.source === "invalid" && loaded.errors.map((e) => [e.sheet, e.table, e.row, e.column])).toEqual([[STORED_RULEBOOK_SHEET, "owner.rules", 1, "owner"]]);
    expect(activeRulebook()).toBe(DEFAULT_RULEBOOK);
  });

  test("a store sheet that lost a part is refused as incomplete, not parsed half-way", async () => {
    const w = workbook();
    await storeRulebook(customRulebook(), w);
    const sheet = w.d.sheet(STORED_RULEBOOK_SHEET);
    sheet.cells.delete(sheet.key(2, 0)); // the second part
    const loaded = await loadWorkbookRulebook(w);
    expect(loaded.source).toBe("invalid");
    expect(loaded.source === "invalid" && loaded.errors[0].reason).toMatch(/^the rules on sheet ltcDesk\.rulebook are incomplete: \d of \d parts/);
    expect(activeRulebook()).toBe(DEFAULT_RULEBOOK);
  });

  test("a user's own sheet with the store's name is never overwritten", async () => {
    const w = workbook();
    w.d.addSheet(STORED_RULEBOOK_SHEET, [["我的笔记"]]);
    await expect(storeRulebook(customRulebook(), w)).rejects.toThrow(/a sheet named ltcDesk\.rulebook that LTC Desk did not write/);
    expect(w.d.sheet(STORED_RULEBOOK_SHEET).cell("A1").value).toBe("我的笔记");
    expect(activeRulebook()).toBe(DEFAULT_RULEBOOK);
    expect(w.calculations()).toBe(0);
  });

  test("restore: the sheet is deleted and the default recalculates", async () => {
    const w = workbook();
    await storeRulebook(customRulebook(), w);
    expect(await resetWorkbookRulebook(w)).toBe(rulebookStamp(DEFAULT_RULEBOOK));
    expect(w.d.sheetNames()).toEqual(["Sheet1"]);
    expect(activeRulebook()).toBe(DEFAULT_RULEBOOK);
    expect(w.calculations()).toBe(2);
  });
});

describe("workbooks saved with the settings form (earlier versions)", () => {
  const FIXTURE = fs.readFileSync(path.join(__dirname, "../fixtures/stored/deck-2026.1.settings.json"), "utf8");

  function bag(options: { saveFails?: boolean; stored?: string } = {}) {
    const values = new Map<string, unknown>(options.stored === undefined ? [] : [[RULEBOOK_SETTING_KEY, options.stored]]);
    let saved = new Map(values);
    let saves = 0;
    const settings: OfficeSettingsLike = {
      get: (k) => values.get(k) ?? null,
      set: (k, v) => void values.set(k, v),
      remove: (k) => void values.delete(k),
      saveAsync: (cb) => {
        saves++;
        if (!options.saveFails) saved = new Map(values);
        cb?.(options.saveFails ? { status: "failed", error: { message: "the document is read-only" } } : { status: "succeeded" });
      },
    };
    return { settings: documentSettings(settings), saved: () => saved, saves: () => saves };
  }

  test("the stored fixture loads from the settings form; opening writes nothing", async () => {
    const w = workbook();
    const b = bag({ stored: FIXTURE });
    w.d.resetCounters();
    const loaded = await loadWorkbookRulebook({ run: w.run, settings: b.settings });
    expect(loaded).toMatchObject({ source: "workbook", storedAs: "settings" });
    expect(activeRulebook().version).toBe("deck-2026.1");
    expect(w.d.writeLog).toEqual([]);
    expect(w.d.sheetNames()).toEqual(["Sheet1"]);
    expect(b.saves()).toBe(0);
  });

  test("the same fixture loads from the sheet form to the same rulebook", async () => {
    const fromSettings = workbook();
    await loadWorkbookRulebook({ run: fromSettings.run, settings: bag({ stored: FIXTURE }).settings });
    const expected = rulebookFingerprint(activeRulebook());
    setActiveRulebook(DEFAULT_RULEBOOK);
    const w = workbook();
    w.d.raiseRemoteSheetAdded(STORED_RULEBOOK_SHEET, {
      visibility: "VeryHidden",
      values: storeCells("deck-2026.1 · f0ab05bcd9b8", FIXTURE),
    });
    const loaded = await loadWorkbookRulebook(w);
    expect(loaded).toMatchObject({ source: "workbook", storedAs: "sheet" });
    expect(rulebookFingerprint(activeRulebook())).toBe(expected);
  });

  test("saving moves the rules to the sheet and removes the setting", async () => {
    const w = workbook();
    const b = bag({ stored: FIXTURE });
    await loadWorkbookRulebook({ run: w.run, settings: b.settings });
    const custom = customRulebook();
    await storeRulebook(custom, { run: w.run, settings: b.settings });
    expect(b.saved().has(RULEBOOK_SETTING_KEY)).toBe(false);
    expect(rulebookTextFromColumn(storeColumn(w))).toEqual({ text: rulebookJson(custom), stamp: rulebookStamp(custom) });
    setActiveRulebook(DEFAULT_RULEBOOK);
    expect(await loadWorkbookRulebook({ run: w.run, settings: b.settings })).toMatchObject({ source: "workbook", storedAs: "sheet", stamp: rulebookStamp(custom) });
  });

  test("the sheet form wins over a setting left beside it", async () => {
    const w = workbook();
    const custom = customRulebook();
    await storeRulebook(custom, w);
    w.d.state.settings.set(RULEBOOK_SETTING_KEY, FIXTURE);
    setActiveRulebook(DEFAULT_RULEBOOK);
    expect(await loadWorkbookRulebook(w)).toMatchObject({ source: "workbook", storedAs: "sheet", stamp: rulebookStamp(custom) });
  });

  test("an invalid settings form: the default computes and the errors name the document settings", async () => {
    const w = workbook();
    const broken = JSON.parse(rulebookJson(DEFAULT_RULEBOOK));
    broken.owner.rules[0].owner = "dept.gone";
    w.d.state.settings.set(RULEBOOK_SETTING_KEY, JSON.stringify(broken));
    const loaded = await loadWorkbookRulebook(w);
    expect(loaded.source === "invalid" && loaded.errors.map((e) => [e.sheet, e.table, e.row, e.column])).toEqual([["document settings", "owner.rules", 1, "owner"]]);
  });

  test("restore removes both forms", async () => {
    const w = workbook();
    await storeRulebook(customRulebook(), w);
    w.d.state.settings.set(RULEBOOK_SETTING_KEY, FIXTURE);
    await resetWorkbookRulebook(w);
    expect(w.d.state.settings.has(RULEBOOK_SETTING_KEY)).toBe(false);
    expect(w.d.sheetNames()).toEqual(["Sheet1"]);
    expect((await loadWorkbookRulebook(w)).source).toBe("default");
  });

  test("restore stops at a setting it cannot remove: the sheet and the rules in force stay", async () => {
    const w = workbook();
    const custom = customRulebook();
    await storeRulebook(custom, w);
    const b = bag({ stored: FIXTURE, saveFails: true });
    await expect(resetWorkbookRulebook({ run: w.run, settings: b.settings })).rejects.toThrow(
      "the rulebook could not be saved in the workbook: the document is read-only",
    );
    expect(w.d.sheetNames()).toContain(STORED_RULEBOOK_SHEET);
    expect(activeRulebook()).toBe(custom);
  });
});

describe("co-authoring: a change of the stored rules reaches an open session", () => {
  async function watching(w: Workbook): Promise<{ changes: StoredRulebookChange[]; watch: RulebookWatch }> {
    await loadWorkbookRulebook(w);
    const changes: StoredRulebookChange[] = [];
    const watch = await watchWorkbookRulebook((c) => changes.push(c), w);
    return { changes, watch };
  }

  test("a co-author's valid rules replace the rules in force and LTC formulas recalculate, in two syncs", async () => {
    const w = workbook();
    const mine = customRulebook("east-2027", 300_000_000);
    await storeRulebook(mine, w);
    const { changes } = await watching(w);
    w.d.resetCounters();

    const theirs = customRulebook("east-2027b", 400_000_000);
    w.d.raiseRemoteChange(STORED_RULEBOOK_SHEET, "A1", coauthorColumn(theirs));
    await w.d.settle();

    expect(changes).toHaveLength(1);
    const change = changes[0];
    expect(change).toMatchObject({ kind: "changed", source: "Remote", loaded: { source: "workbook", stamp: rulebookStamp(theirs) } });
    expect(change.kind === "changed" && rulebookStamp(change.previous)).toBe(rulebookStamp(mine));
    expect(MTO(activeRulebook())).toBe(400_000_000);
    expect(w.calculations()).toBe(1);
    expect(w.d.syncCount).toBe(2); // read the store, recalculate
    expect(w.d.eventErrors).toEqual([]);
  });

  test("a co-author's invalid rules are refused with their errors; the rules in force stay and nothing recalculates", async () => {
    const w = workbook();
    const mine = customRulebook();
    await storeRulebook(mine, w);
    const { changes } = await watching(w);
    w.d.resetCounters();

    const broken = JSON.parse(rulebookJson(mine));
    broken.receivables.agingBuckets[2].maxDays = "soon";
    const text = JSON.stringify(broken);
    w.d.raiseRemoteChange(STORED_RULEBOOK_SHEET, "A1", storeCells("east-2027 · broken", text));
    await w.d.settle();

    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: "refused", source: "Remote", kept: mine });
    expect(changes[0].kind === "refused" && changes[0].errors.map((e) => [e.sheet, e.table, e.row, e.column])).toEqual([
      [STORED_RULEBOOK_SHEET, "receivables.agingBuckets", 3, "maxDays"],
    ]);
    expect(rulebookStamp(activeRulebook())).toBe(rulebookStamp(mine));
    expect(w.calculations()).toBe(0);
    expect(w.d.syncCount).toBe(1);

    // the co-author fixes it: taken
    const fixed = customRulebook("east-2027c", 350_000_000);
    w.d.raiseRemoteChange(STORED_RULEBOOK_SHEET, "A1", coauthorColumn(fixed));
    await w.d.settle();
    expect(changes.map((c) => c.kind)).toEqual(["refused", "changed"]);
    expect(MTO(activeRulebook())).toBe(350_000_000);
  });

  test("our own save does not come back as a change: no read, no second recalculation, nothing reported", async () => {
    const w = workbook();
    const { changes } = await watching(w);
    w.d.resetCounters();
    await storeRulebook(customRulebook(), w);
    const syncsOfTheSave = w.d.syncCount;
    await w.d.settle();
    expect(w.d.eventLog.filter((e) => e.type === "WorksheetChanged")).toEqual([
      expect.objectContaining({ source: "Local", triggerSource: "ThisLocalAddin", address: "A1:A4" }),
    ]);
    expect(w.d.eventLog.filter((e) => e.type === "WorksheetAdded")).toEqual([expect.objectContaining({ source: "Local" })]);
    expect(changes).toEqual([]);
    // the store sheet our save added comes back as a local WorksheetAdded: not read (only another author's new sheets are)
    expect(w.d.syncCount).toBe(syncsOfTheSave);
    expect(w.calculations()).toBe(1);
  });

  test("without triggerSource (ExcelApi 1.13) our own save is read back once and recognised: no loop", async () => {
    const w = workbook("1.13");
    const custom = customRulebook();
    await storeRulebook(custom, w);
    const { changes } = await watching(w);
    w.d.resetCounters();
    await storeRulebook(customRulebook("east-2028"), w);
    const syncsOfTheSave = w.d.syncCount;
    await w.d.settle();
    expect(changes).toEqual([]);
    expect(w.d.syncCount - syncsOfTheSave).toBe(1);
    expect(w.calculations()).toBe(1);
  });

  test("a co-author creating the store (their first import) and deleting it (restoring the default)", async () => {
    const w = workbook();
    const { changes } = await watching(w);
    const theirs = customRulebook();
    w.d.raiseRemoteSheetAdded(STORED_RULEBOOK_SHEET, { visibility: "VeryHidden", values: coauthorColumn(theirs) });
    await w.d.settle();
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: "changed", source: "Remote", loaded: { source: "workbook", storedAs: "sheet" } });
    expect(rulebookFingerprint(activeRulebook())).toBe(rulebookFingerprint(theirs));

    w.d.raiseRemoteSheetDeleted(STORED_RULEBOOK_SHEET);
    await w.d.settle();
    expect(changes).toHaveLength(2);
    expect(changes[1]).toMatchObject({ kind: "changed", source: "Remote", loaded: { source: "default" } });
    expect(activeRulebook()).toBe(DEFAULT_RULEBOOK);
    expect(w.calculations()).toBe(2);
  });

  test("a co-author's edit on another sheet costs no request", async () => {
    const w = workbook();
    await storeRulebook(customRulebook(), w);
    const { changes } = await watching(w);
    w.d.resetCounters();
    w.d.raiseRemoteChange("Sheet1", "B2", [["改了一个数"]]);
    await w.d.settle();
    expect(w.d.syncCount).toBe(0);
    expect(changes).toEqual([]);
  });

  test.each([
    ["1.17", "no store sheet"],
    ["1.17", "a store sheet"],
    ["1.13", "a store sheet"],
  ])("the pane's listeners cost no request while a wizard writes its sheets (ExcelApi %s, %s): Create registers syncs 4 times in all", async (apiVersion, store) => {
    const w = workbook(apiVersion);
    if (store === "a store sheet") await storeRulebook(customRulebook(), w);
    const { changes } = await watching(w);
    await w.d.settle();
    const before = w.d.syncCount;
    const heardBefore = w.d.eventLog.length;
    const done = await w.run((context) => createRegisters(context, activeRulebook(), FUNCTIONS, { lang: "zh" }, "run1"));
    await w.d.settle();
    // three sheets added and written, each add and write heard by the store's watch: none of them read
    const heard = w.d.eventLog.slice(heardBefore);
    expect(heard.filter((e) => e.type === "WorksheetAdded" && e.source === "Local")).toHaveLength(3);
    expect(heard.filter((e) => e.type === "WorksheetChanged" && e.source === "Local").length).toBeGreaterThan(3);
    expect(done.syncs).toBe(4);
    expect(w.d.syncCount - before).toBe(4);
    expect(changes).toEqual([]);
    expect(w.d.eventErrors).toEqual([]);
  });

  test("stop: later changes are not followed", async () => {
    const w = workbook();
    await storeRulebook(customRulebook(), w);
    const { changes, watch } = await watching(w);
    await watch.stop();
    expect(w.d.eventRegistrations).toEqual([]);
    w.d.raiseRemoteChange(STORED_RULEBOOK_SHEET, "A1", coauthorColumn(customRulebook("east-2029")));
    await w.d.settle();
    expect(changes).toEqual([]);
  });
});

describe("the store's parts", () => {
  test("never split a character outside the BMP", () => {
    const text = "ab\u{1F600}cd";
    expect(splitText(text, 3)).toEqual(["ab", "\u{1F600}c", "d"]);
    expect(splitText(text, 3).join("")).toBe(text);
    expect(splitText("", 3)).toEqual([]);
  });

  test("a newer format is named, not misread", () => {
    const found = rulebookTextFromColumn([JSON.stringify({ format: "ltcDesk.rulebook", version: 2, stamp: "x", parts: 1, length: 2 }), "{}"]);
    expect("error" in found && found.error.reason).toMatch(/stored by a newer LTC Desk \(format 2\)/);
  });
});

describe("reading the LTC规则 sheet", () => {
  test("reads the rules sheet's tables in one sync; an unedited sheet imports to the same fingerprint", async () => {
    const w = workbook();
    const custom = customRulebook();
    w.d.addSheet(RULES_SHEET_NAME);
    w.d.put(w.d.sheet(RULES_SHEET_NAME), "A1", planValues(rulesSheetPlan(custom)));
    w.d.resetCounters();
    const read = await readRulesSheet({ run: w.run });
    expect(w.d.syncCount).toBe(1);
    expect(read?.exportedStamp).toBe(rulebookStamp(custom));
    const r = rulebookFromTables(read!.tables, activeRulebook());
    expect("rulebook" in r && rulebookFingerprint(r.rulebook)).toBe(rulebookFingerprint(custom));
  });

  test("no rules sheet: undefined", async () => {
    const w = workbook();
    expect(await readRulesSheet({ run: w.run })).toBeUndefined();
  });
});

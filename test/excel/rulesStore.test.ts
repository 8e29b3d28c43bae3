import {
  documentSettings,
  ExcelRun,
  importRulebook,
  loadWorkbookRulebook,
  OfficeSettingsLike,
  readRulesSheet,
  resetWorkbookRulebook,
  storeRulebook,
  workbookSettings,
} from "../../src/excel/rulesStore";
import { planValues, RULES_SHEET_NAME, rulebookFromSheetValues, rulebookFromTables, rulesSheetPlan } from "../../src/reports/rulesSheet";
import { activeRulebook, setActiveRulebook } from "../../src/rules/active";
import { rulebookFingerprint, rulebookStamp } from "../../src/rules/fingerprint";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";
import { RULEBOOK_SETTING_KEY, rulebookJson } from "../../src/rules/validate";
import { ExcelDouble } from "../doubles/excelDouble";
import { setCell, sheetGrid } from "../rules/sheetGrid";

afterEach(() => setActiveRulebook(DEFAULT_RULEBOOK));

/** A workbook in the Excel test double, with a counting Excel.run. */
function workbook() {
  const d = new ExcelDouble({ keepActionLog: true });
  d.addSheet("Sheet1");
  let runs = 0;
  const run = ((batch: (context: unknown) => Promise<unknown>) => {
    runs++;
    return d.run(batch as never);
  }) as unknown as ExcelRun;
  const calculations = () => d.requests.flatMap((r) => r.log).filter((l) => l.includes("application.calculate")).length;
  return { d, run, settings: workbookSettings(), runs: () => runs, calculations };
}

function customRulebook(): Rulebook {
  const g = sheetGrid(DEFAULT_RULEBOOK);
  setCell(g, "rulebook", "version", "value", "east-2027");
  setCell(g, "owner.settings", "mtoThresholdFen", "value", 300_000_000);
  const r = rulebookFromSheetValues(g, DEFAULT_RULEBOOK);
  if ("errors" in r) throw new Error("custom rulebook rejected");
  return r.rulebook;
}

describe("the workbook's rulebook (document settings)", () => {
  test("a workbook with no rulebook uses the default", async () => {
    const w = workbook();
    setActiveRulebook(customRulebook()); // left over from another workbook
    const loaded = await loadWorkbookRulebook(w);
    expect(loaded).toEqual({ source: "default", rulebook: DEFAULT_RULEBOOK, stamp: rulebookStamp(DEFAULT_RULEBOOK) });
    expect(activeRulebook()).toBe(DEFAULT_RULEBOOK);
  });

  test("opening a workbook whose rules differ from those in force recalculates LTC formulas once; the same rules do not", async () => {
    const custom = customRulebook();
    const w = workbook();
    await storeRulebook(custom, w);
    const before = w.calculations();
    setActiveRulebook(DEFAULT_RULEBOOK); // the runtime starts on the default
    const loaded = await loadWorkbookRulebook(w);
    expect(loaded.source).toBe("workbook");
    expect(rulebookFingerprint(activeRulebook())).toBe(rulebookFingerprint(custom));
    expect(w.calculations() - before).toBe(1);
    await loadWorkbookRulebook(w); // already in force: nothing to recompute
    expect(w.calculations() - before).toBe(1);
  });

  test("an accepted import is stored, made active and recalculated in one Excel.run; whoever opens the workbook gets the same rules", async () => {
    const w = workbook();
    const custom = customRulebook();
    const applied = await importRulebook({ rulebook: custom }, w);
    expect(applied).toEqual({ accepted: true, rulebook: custom, stamp: rulebookStamp(custom) });
    expect(w.runs()).toBe(1);
    expect(w.calculations()).toBe(1);
    expect(w.d.requests.flatMap((r) => r.log).find((l) => l.includes("calculate"))).toMatch(/calculate\("Full"\)/);
    expect(activeRulebook()).toBe(custom);
    expect(w.d.state.settings.get(RULEBOOK_SETTING_KEY)).toBe(rulebookJson(custom));

    // another region opens the same workbook: a fresh runtime with the default in force
    setActiveRulebook(DEFAULT_RULEBOOK);
    const loaded = await loadWorkbookRulebook({ run: w.run, settings: w.settings });
    expect(loaded.source).toBe("workbook");
    expect(rulebookFingerprint(activeRulebook())).toBe(rulebookFingerprint(custom));
    expect(loaded.stamp).toBe(rulebookStamp(custom));
  });

  test("a rejected import changes nothing: not the workbook, not the rules in force, no recalculation", async () => {
    const w = workbook();
    const custom = customRulebook();
    await storeRulebook(custom, w);
    const stored = w.d.state.settings.get(RULEBOOK_SETTING_KEY);
    const before = w.runs();

    const g = sheetGrid(custom);
    setCell(g, "owner.settings", "mtoThresholdFen", "value", "三百万");
    const applied = await importRulebook(rulebookFromSheetValues(g, activeRulebook()), w);
    expect(applied.accepted).toBe(false);
    expect(!applied.accepted && applied.errors[0]).toMatchObject({ table: "owner.settings", column: "value" });
    expect(w.runs()).toBe(before);
    expect(w.d.state.settings.get(RULEBOOK_SETTING_KEY)).toBe(stored);
    expect(activeRulebook()).toBe(custom);
  });

  test("a stored rulebook that does not validate: the default computes and the errors are returned", async () => {
    const w = workbook();
    const broken = JSON.parse(rulebookJson(DEFAULT_RULEBOOK));
    broken.owner.rules[0].owner = "dept.gone";
    w.d.state.settings.set(RULEBOOK_SETTING_KEY, JSON.stringify(broken));
    setActiveRulebook(customRulebook());
    const loaded = await loadWorkbookRulebook(w);
    expect(loaded.source).toBe("invalid");
    expect(loaded.source === "invalid" && loaded.errors.map((e) => [e.sheet, e.table, e.row, e.column])).toEqual([
      ["document settings", "owner.rules", 1, "owner"],
    ]);
    expect(activeRulebook()).toBe(DEFAULT_RULEBOOK);
  });

  test("reset removes the workbook's rulebook and recalculates with the default", async () => {
    const w = workbook();
    await storeRulebook(customRulebook(), w);
    expect(await resetWorkbookRulebook(w)).toBe(rulebookStamp(DEFAULT_RULEBOOK));
    expect(w.d.state.settings.has(RULEBOOK_SETTING_KEY)).toBe(false);
    expect(activeRulebook()).toBe(DEFAULT_RULEBOOK);
    expect(w.calculations()).toBe(2);
  });
});

describe("Office.context.document.settings", () => {
  function bag(saveFails = false) {
    const values = new Map<string, unknown>();
    let saved = new Map<string, unknown>();
    const settings: OfficeSettingsLike = {
      get: (k) => values.get(k) ?? null,
      set: (k, v) => void values.set(k, v),
      remove: (k) => void values.delete(k),
      saveAsync: (cb) => {
        if (!saveFails) saved = new Map(values);
        cb?.(saveFails ? { status: "failed", error: { message: "the document is read-only" } } : { status: "succeeded" });
      },
    };
    return { settings, saved: () => saved };
  }

  test("stores with saveAsync, then activates and recalculates in the same Excel.run", async () => {
    const w = workbook();
    const b = bag();
    const custom = customRulebook();
    await storeRulebook(custom, { run: w.run, settings: documentSettings(b.settings) });
    expect(b.saved().get(RULEBOOK_SETTING_KEY)).toBe(rulebookJson(custom));
    expect(w.runs()).toBe(1);
    expect(w.calculations()).toBe(1);
    setActiveRulebook(DEFAULT_RULEBOOK);
    expect((await loadWorkbookRulebook({ run: w.run, settings: documentSettings(b.settings) })).source).toBe("workbook");
    expect(activeRulebook().version).toBe("east-2027");
  });

  test("when saving fails, the rules in force do not change and nothing recalculates", async () => {
    const w = workbook();
    const b = bag(true);
    await expect(storeRulebook(customRulebook(), { run: w.run, settings: documentSettings(b.settings) })).rejects.toThrow(
      "the rulebook could not be saved in the workbook: the document is read-only",
    );
    expect(activeRulebook()).toBe(DEFAULT_RULEBOOK);
    expect(w.calculations()).toBe(0);
  });
});

describe("reading the LTC规则 sheet", () => {
  test("reads the rules sheet's tables in one sync; an unedited sheet imports to the same fingerprint", async () => {
    const w = workbook();
    const custom = customRulebook();
    w.d.addSheet(RULES_SHEET_NAME);
    w.d.put(w.d.sheet(RULES_SHEET_NAME), "A1", planValues(rulesSheetPlan(custom)));
    w.d.resetCounters();
    const tables = await readRulesSheet({ run: w.run });
    expect(w.d.syncCount).toBe(1);
    expect(tables).toBeDefined();
    const r = rulebookFromTables(tables!, activeRulebook());
    expect("rulebook" in r && rulebookFingerprint(r.rulebook)).toBe(rulebookFingerprint(custom));
  });

  test("no rules sheet: undefined", async () => {
    const w = workbook();
    expect(await readRulesSheet({ run: w.run })).toBeUndefined();
  });
});

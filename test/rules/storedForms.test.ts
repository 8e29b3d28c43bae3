import * as fs from "fs";
import * as path from "path";
import { resolveRulebook, rulebookFromFile, storedRulebookText } from "../../src/cli/rules";
import { loadWorkbookRulebook, OfficeSettingsLike, documentSettings, ExcelRun } from "../../src/excel/rulesStore";
import { activeRulebook, setActiveRulebook } from "../../src/rules/active";
import { classCheck } from "../../src/rules/contract";
import { rulebookFingerprint } from "../../src/rules/fingerprint";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";
import { RETIRED_ROWS, rulebookSchema, TableRow, tableRows } from "../../src/rules/tables";
import { ImportResult, RuleError, RULEBOOK_SETTING_KEY, rulebookFromJson } from "../../src/rules/validate";
import { ExcelDouble } from "../doubles/excelDouble";

/**
 * The stored-rulebook contract: rulebooks written by the version before issue
 * 8 (test/fixtures/stored/, commit e6a6d20) load through every import path —
 * the JSON in a workbook's document settings, an `ltc rules export` .xlsx, a
 * workbook carrying its rulebook — and come out valid: what they have is kept
 * as it was, what the current rulebook has in addition (tables, settings,
 * rows added since) is added from the built-in rulebook, each with a notice.
 */

const FIXTURES = path.join(__dirname, "../fixtures/stored");
const SETTINGS_JSON = path.join(FIXTURES, "deck-2026.1.settings.json");
const RULES_XLSX = path.join(FIXTURES, "deck-2026.1.rules.xlsx");
const DEMO_XLSX = path.join(FIXTURES, "demo-east-2026.2.stored.xlsx");

type Stored = Record<string, Record<string, TableRow[]>>;

function accepted(result: ImportResult): { rulebook: Rulebook; notices: RuleError[] } {
  if ("errors" in result) throw new Error(`rejected: ${JSON.stringify(result.errors.slice(0, 5))}`);
  return { rulebook: result.rulebook, notices: result.notices ?? [] };
}

/** Every row the stored form has is in the loaded rulebook, unchanged and in its order; the rest are notices' additions. */
function expectKeptAndCompleted(stored: Stored, rb: Rulebook, notices: RuleError[]): void {
  const added = new Set(notices.map((n) => n.table));
  for (const info of rulebookSchema()) {
    const loaded = tableRows(rb, info.id)!;
    const old = stored[info.section]?.[info.table];
    if (old === undefined) {
      // a table the stored form predates: the built-in one, and a notice says so
      expect([info.id, added.has(info.id)]).toEqual([info.id, true]);
      expect(loaded).toEqual(tableRows(DEFAULT_RULEBOOK, info.id));
      continue;
    }
    // the stored rows, in their order, but for rows retired as wrong in law; any other row was added, and a notice says so
    const retired = RETIRED_ROWS[info.id] ?? {};
    const kept = old.filter((r) => !(String(r[info.keyColumn]) in retired));
    if (kept.length < old.length) expect([info.id, added.has(info.id)]).toEqual([info.id, true]);
    const storedKeys = new Set(kept.map((r) => r[info.keyColumn]));
    expect([info.id, loaded.filter((r) => storedKeys.has(r[info.keyColumn]))]).toEqual([info.id, kept]);
    if (loaded.length > kept.length) expect([info.id, added.has(info.id)]).toEqual([info.id, true]);
  }
  for (const n of notices) {
    expect(n.row).toBeNull();
    expect(n.reason).toMatch(/was missing: added (from|with) the built-in rulebook|was removed: .* \(the built-in rulebook .* no longer has it\)/);
    expect(n.reasonZh).toMatch(/已按内置规则手册|已删除/);
  }
}

describe("rulebooks stored by the version before issue 8 still load", () => {
  const text = fs.readFileSync(SETTINGS_JSON, "utf8");
  const stored = JSON.parse(text) as Stored & { version: string };

  test("the document-settings JSON: valid, kept, completed with notices, its version kept", () => {
    const { rulebook, notices } = accepted(rulebookFromJson(text, { sheet: "document settings" }));
    expect(rulebook.version).toBe("deck-2026.1");
    expectKeptAndCompleted(stored, rulebook, notices);
    // this version added the review row that flags an in-system customer classed A: the old rulebook gets it
    expect(notices.map((n) => `${n.table}/${n.column}`)).toContain("contract.reviewRules/code");
    expect(classCheck(rulebook, "A", true, false).value.violations.map((v) => v.code)).toEqual(["inSystemClassedInSystem"]);
    // a completed rulebook is a new rulebook: not the stored fingerprint (f0ab05bcd9b8), though the same version
    expect(rulebookFingerprint(rulebook)).not.toBe("f0ab05bcd9b8");
  });

  test("the commissioning certificate, stored as demand evidence, is retired with a notice; its policy row is added", () => {
    const { rulebook, notices } = accepted(rulebookFromJson(text));
    expect(stored.receivables.demandEvidence.map((r) => r.code)).toContain("demand.commissioning");
    expect(rulebook.receivables.demandEvidence.map((r) => r.code)).toEqual(["demand.dunningLetter", "demand.reconciliation", "demand.other"]);
    expect(rulebook.receivables.policies.map((r) => r.code)).toContain("policy.commissioning");
    const retired = notices.filter((n) => n.table === "receivables.demandEvidence");
    expect(retired).toHaveLength(1);
    expect(retired[0].reason).toMatch(/demand\.commissioning was removed: .*not a demand/);
    expect(retired[0].reasonZh).toMatch(/不是催款/);
  });

  test("a problem in a row after a retired row is reported at the row the user sees", () => {
    const broken = JSON.parse(text) as Stored;
    const rows = broken.receivables.demandEvidence;
    const other = rows.findIndex((r) => r.code === "demand.other");
    expect(other).toBeGreaterThan(rows.findIndex((r) => r.code === "demand.commissioning"));
    rows[other] = { ...rows[other], zh: "" };
    const result = rulebookFromJson(JSON.stringify(broken));
    expect("errors" in result).toBe(true);
    const errors = "errors" in result ? result.errors : [];
    expect(errors.map((e) => [e.table, e.row])).toEqual([["receivables.demandEvidence", other + 1]]);
  });

  test("the ltc rules export .xlsx (LTC规则 sheet) loads to the same rulebook as the JSON", async () => {
    const fromSheet = accepted(await rulebookFromFile(RULES_XLSX));
    const fromJson = accepted(rulebookFromJson(text));
    expect(rulebookFingerprint(fromSheet.rulebook)).toBe(rulebookFingerprint(fromJson.rulebook));
    expect(fromSheet.notices.map((n) => [n.table, n.column, n.reason])).toEqual(fromJson.notices.map((n) => [n.table, n.column, n.reason]));
    expect(fromSheet.notices.every((n) => n.sheet === "LTC规则")).toBe(true);
  });

  test("a workbook carrying an edited rulebook: the CLI and the add-in load it, edits kept", async () => {
    const bytes = fs.readFileSync(DEMO_XLSX);
    const json = (await storedRulebookText(bytes))!;
    const edited = JSON.parse(json) as Stored & { version: string };
    expect(edited.version).toBe("east-2026.2");

    const cli = await resolveRulebook({ input: DEMO_XLSX });
    expect(cli.source).toBe(`${DEMO_XLSX} (stored in the workbook)`);
    expect(cli.rulebook.version).toBe("east-2026.2");
    expect(cli.rulebook.owner.settings.find((s) => s.key === "mtoThresholdFen")!.value).toBe(300_000_000);
    expectKeptAndCompleted(edited, cli.rulebook, cli.notices);

    // the add-in: the same text in the document settings
    const bag: OfficeSettingsLike = {
      get: (name) => (name === RULEBOOK_SETTING_KEY ? json : null),
      set: () => undefined,
      remove: () => undefined,
      saveAsync: (cb) => cb?.({ status: "succeeded" }),
    };
    // a workbook with no store sheet: the settings form is what it carries
    const double = new ExcelDouble();
    double.addSheet("Sheet1");
    const run = ((batch: (context: unknown) => Promise<unknown>) => double.run(batch as never)) as unknown as ExcelRun;
    try {
      const loaded = await loadWorkbookRulebook({ run, settings: documentSettings(bag) });
      expect(loaded.source).toBe("workbook");
      if (loaded.source !== "workbook") return;
      expect(rulebookFingerprint(loaded.rulebook)).toBe(rulebookFingerprint(cli.rulebook));
      expect(loaded.notices.map((n) => n.table)).toEqual(cli.notices.map((n) => n.table));
      expect(activeRulebook()).toBe(loaded.rulebook);
    } finally {
      setActiveRulebook(DEFAULT_RULEBOOK);
    }
  });
});

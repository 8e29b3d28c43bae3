import { rulebookStamp } from "../../src/rules/fingerprint";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";
import { rulebookFromJson, validateRulebook } from "../../src/rules/validate";
import { exportedStamp, planValues, rulebookFromSheetValues, rulesSheetPlan } from "../../src/reports/rulesSheet";
import { checkReport, hasUnimportedEdits, resetOffer, storedFormNotice } from "../../src/taskpane/rulesModel";
import { setCell, sheetGrid } from "../rules/sheetGrid";

function withThreshold(fen: unknown): Rulebook {
  const rb = JSON.parse(JSON.stringify(DEFAULT_RULEBOOK));
  rb.owner.settings.find((r: { key: string }) => r.key === "mtoThresholdFen").value = fen;
  return rb;
}

describe("Rules view: what a check found", () => {
  it("a valid change: the difference from the rules in force, in the UI language", () => {
    const candidate = withThreshold(300_000_000);
    const zh = checkReport(validateRulebook(candidate), DEFAULT_RULEBOOK, "zh");
    expect(zh).toMatchObject({ kind: "valid", same: false, stamp: rulebookStamp(candidate), vsDefault: null });
    expect(zh.kind === "valid" && zh.vsActive).toHaveLength(1);
    expect(zh.kind === "valid" && zh.vsActive[0]).toMatch(/mtoThresholdFen.*500万元 → 300万元/);
    const en = checkReport(validateRulebook(candidate), DEFAULT_RULEBOOK, "en");
    expect(en.kind === "valid" && en.vsActive[0]).toMatch(/5,000,000 CNY → 3,000,000 CNY|500000000 → 300000000/);
  });

  it("with a workbook rulebook in force, also how the candidate differs from the default", () => {
    const active = withThreshold(300_000_000);
    const r = checkReport(validateRulebook(withThreshold(400_000_000)), active, "zh");
    expect(r.kind === "valid" && r.vsActive[0]).toMatch(/300万元 → 400万元/);
    expect(r.kind === "valid" && r.vsDefault?.[0]).toMatch(/500万元 → 400万元/);
  });

  it("rules saved by an earlier version: the check lists what it completed from the built-in rulebook", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const stored = require("fs").readFileSync(require("path").join(__dirname, "../fixtures/stored/deck-2026.1.settings.json"), "utf8");
    const r = checkReport(rulebookFromJson(stored), DEFAULT_RULEBOOK, "en");
    expect(r.kind).toBe("valid");
    expect(r.kind === "valid" && r.completed.length).toBeGreaterThan(0);
    expect(r.kind === "valid" && r.completed.join("\n")).toMatch(/receivables/);
    const current = checkReport(validateRulebook(DEFAULT_RULEBOOK), DEFAULT_RULEBOOK, "en");
    expect(current.kind === "valid" && current.completed).toEqual([]);
  });

  it("the rules in force again: nothing to import", () => {
    const r = checkReport(validateRulebook(JSON.parse(JSON.stringify(DEFAULT_RULEBOOK))), DEFAULT_RULEBOOK, "zh");
    expect(r).toMatchObject({ kind: "valid", same: true });
  });

  it("a rejected sheet: every error as a line naming where and why", () => {
    const r = checkReport(validateRulebook(withThreshold("五百万")), DEFAULT_RULEBOOK, "zh");
    expect(r.kind).toBe("rejected");
    expect(r.kind === "rejected" && r.errors).toHaveLength(1);
    expect(r.kind === "rejected" && r.errors[0]).toMatch(/owner\.settings.*“五百万”/);
  });
});

describe("Rules view: restoring the built-in default", () => {
  it("asks first whenever the workbook holds rules, and offers to export them only when they are valid", () => {
    expect(resetOffer("valid")).toEqual({ confirm: true, exportFirst: true });
    expect(resetOffer("invalid")).toEqual({ confirm: true, exportFirst: false });
    expect(resetOffer("none")).toEqual({ confirm: false, exportFirst: false });
  });
});

describe("Rules view: exporting over a rules sheet with edits not imported", () => {
  const company = withThreshold(300_000_000);
  /** Whether exporting would lose something on this sheet, with `active` in force. */
  const edited = (grid: unknown[][], active: Rulebook) => hasUnimportedEdits(rulebookFromSheetValues(grid, active), exportedStamp(grid), active);

  it("the sheet records the stamp it was written with", () => {
    expect(exportedStamp(planValues(rulesSheetPlan(company)))).toBe(rulebookStamp(company));
  });

  it("an unedited sheet is written over, also when other rules came into force since (a co-author's import)", () => {
    expect(edited(sheetGrid(DEFAULT_RULEBOOK), DEFAULT_RULEBOOK)).toBe(false);
    expect(edited(sheetGrid(DEFAULT_RULEBOOK), company)).toBe(false);
  });

  it("a sheet edited and not imported, or edited into rules that do not validate, is kept", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    setCell(grid, "owner.settings", "mtoThresholdFen", "value", 300_000_000);
    expect(edited(grid, DEFAULT_RULEBOOK)).toBe(true);
    // once imported, the sheet holds the rules in force: nothing to lose
    expect(edited(grid, company)).toBe(false);
    setCell(grid, "owner.settings", "mtoThresholdFen", "value", -1);
    expect(edited(grid, company)).toBe(true);
  });
});

describe("Rules view: rules still in the settings form of earlier versions", () => {
  it("says they move to the very hidden store sheet on the next import, and what co-authors miss until then (zh, en)", () => {
    expect(storedFormNotice("settings", "ltcDesk.rulebook", "en")).toBe(
      "This workbook's rules are still kept the way earlier versions kept them, in the add-in's document settings (they are in force). The next import of rules moves them to the very hidden sheet ltcDesk.rulebook; until then, a co-author's change of the rules does not reach sessions already open.",
    );
    expect(storedFormNotice("settings", "ltcDesk.rulebook", "zh")).toBe(
      "本工作簿的规则仍以旧版本的方式保存在加载项的文档设置中（仍然有效）。下次导入规则时，会移到非常隐藏的工作表 ltcDesk.rulebook；在此之前，其他共同编辑者对规则的修改不会传到已打开的会话中。",
    );
  });
  it("says nothing of rules already on the store sheet, or of a workbook without rules of its own", () => {
    expect(storedFormNotice("sheet", "ltcDesk.rulebook", "en")).toBeNull();
    expect(storedFormNotice(undefined, "ltcDesk.rulebook", "zh")).toBeNull();
  });
});

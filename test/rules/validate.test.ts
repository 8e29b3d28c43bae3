import { rawTablesFromSheet, rulebookFromSheetValues, rulebookFromTables } from "../../src/reports/rulesSheet";
import { activeRulebook, setActiveRulebook } from "../../src/rules/active";
import { rulebookFingerprint } from "../../src/rules/fingerprint";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";
import { headerText } from "../../src/rules/tables";
import {
  applyImport,
  formatRuleError,
  ImportResult,
  RuleError,
  rulebookFromJson,
  rulebookJson,
  validateRulebook,
} from "../../src/rules/validate";
import { columnIndex, Grid, rowIndex, setCell, sheetGrid, titleRow } from "./sheetGrid";

/**
 * Import validation, one test per error class: each asserts where the error
 * is (sheet, table, row, column), what it says, and that the rulebook in
 * force before the import is still in force after it.
 */

/** A rulebook in force before each import: a copy of the default with its own version, so "unchanged" is visible. */
let previous: Rulebook;
beforeEach(() => {
  previous = { ...(JSON.parse(JSON.stringify(DEFAULT_RULEBOOK)) as Rulebook), version: "company-before" };
  setActiveRulebook(previous);
});
afterAll(() => setActiveRulebook(DEFAULT_RULEBOOK));

function importGrid(grid: Grid): ImportResult {
  return rulebookFromSheetValues(grid, activeRulebook());
}

/** Imports, expects rejection, checks the rulebook in force did not change, returns the errors. */
function rejected(result: ImportResult): RuleError[] {
  const applied = applyImport(result);
  expect(applied.accepted).toBe(false);
  expect(activeRulebook()).toBe(previous);
  expect(rulebookFingerprint(activeRulebook())).toBe(rulebookFingerprint(previous));
  if (applied.accepted) throw new Error("accepted");
  return applied.errors;
}

function only(errors: RuleError[]): RuleError {
  expect(errors.map((e) => formatRuleError(e))).toHaveLength(1);
  return errors[0];
}

describe("an unedited sheet and the default are valid", () => {
  test("the default rulebook validates as data and as a sheet", () => {
    expect(validateRulebook(JSON.parse(rulebookJson(DEFAULT_RULEBOOK)))).toHaveProperty("rulebook");
    const r = importGrid(sheetGrid(DEFAULT_RULEBOOK));
    expect("errors" in r ? r.errors.map((e) => formatRuleError(e)) : []).toEqual([]);
  });

  test("an accepted import becomes the rulebook in force", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    setCell(grid, "rulebook", "version", "value", "company-2027");
    const applied = applyImport(importGrid(grid));
    expect(applied.accepted).toBe(true);
    expect(activeRulebook().version).toBe("company-2027");
    if (applied.accepted) expect(applied.stamp).toBe(`company-2027 · ${rulebookFingerprint(applied.rulebook)}`);
  });
});

describe("each error class names sheet, table, row and column, and the old rulebook stays in force", () => {
  test("duplicate code", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    const first = rowIndex(grid, "receivables.policies", "policy.reconcile") + 1;
    const row = setCell(grid, "receivables.policies", "policy.dueNow", "code", "policy.reconcile");
    const e = only(rejected(importGrid(grid)));
    expect(e).toMatchObject({ sheet: "LTC规则", table: "receivables.policies", row, column: "code" });
    expect(e.reason).toBe(`duplicate code "policy.reconcile": row ${first} has it too`);
    expect(e.reasonZh).toBe(`代码“policy.reconcile”重复：第${first}行已使用`);
  });

  test("a code renamed over another: the duplicate and every row left pointing at the old code are reported", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    const row = setCell(grid, "owner.regions", "region.south", "code", "region.north");
    setCell(grid, "owner.regions", "region.north", "aliases", null);
    grid[row - 1][columnIndex(grid, "owner.regions", "aliases")] = null;
    grid[row - 1][columnIndex(grid, "owner.regions", "zh")] = "南方片区";
    grid[row - 1][columnIndex(grid, "owner.regions", "en")] = "Southern region";
    const errors = rejected(importGrid(grid));
    // the duplicate, and the offices still pointing at the code that is gone
    expect(errors.filter((e) => e.table === "owner.regions").map((e) => e.reason)).toEqual([expect.stringMatching(/^duplicate code "region\.north"/)]);
    expect(errors.filter((e) => e.table === "owner.offices").every((e) => e.reason.includes('"region.south" is not a code'))).toBe(true);
  });

  test("missing score", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    const row = setCell(grid, "opportunity.brand", "brand.recognised", "score", null);
    const errors = rejected(importGrid(grid));
    const e = errors.find((x) => x.row === row)!;
    expect(e).toMatchObject({ table: "opportunity.brand", row, column: "score" });
    expect(e.reason).toBe("score is missing: every row of a 4/3/2/1 table needs a score");
    expect(e.reasonZh).toBe("缺少分值：4/3/2/1 评分表的每一行都必须有分值");
  });

  test("a 4/3/2/1 table missing a score", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    // 一般 (2) becomes a second 3: no row scores 2 any more
    setCell(grid, "payment.finances", "finances.average", "score", 3);
    const e = only(rejected(importGrid(grid)));
    expect(e).toMatchObject({ table: "payment.finances", row: null, column: "score" });
    expect(e.reason).toBe("no row has score 2: a 4/3/2/1 table needs each of the scores 4, 3, 2 and 1");
    expect(formatRuleError(e)).toBe(
      "LTC规则 › payment.finances › 分值 (Score): no row has score 2: a 4/3/2/1 table needs each of the scores 4, 3, 2 and 1",
    );
  });

  test("a score that is not 4, 3, 2 or 1", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    const row = setCell(grid, "opportunity.price", "price.weak", "score", 0);
    const errors = rejected(importGrid(grid));
    expect(errors.find((e) => e.row === row)).toMatchObject({ column: "score", reason: "score 0 is not 4, 3, 2 or 1" });
  });

  test("overlapping bucket edges", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    const row = setCell(grid, "receivables.agingBuckets", "aging.d31_90", "maxDays", 20);
    const e = only(rejected(importGrid(grid)));
    expect(e).toMatchObject({ table: "receivables.agingBuckets", row, column: "maxDays" });
    expect(e.reason).toBe("bucket edges must increase: 20 is not above the previous row's 30");
    expect(e.reasonZh).toBe("账龄区间边界必须递增：20 不大于上一行的 30");
  });

  test("non-increasing bucket edges (an edge repeated)", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    const row = setCell(grid, "receivables.provisionBands", "provision.y1_2", "maxDays", 365);
    const e = only(rejected(importGrid(grid)));
    expect(e).toMatchObject({ table: "receivables.provisionBands", row, column: "maxDays" });
    expect(e.reason).toBe("bucket edges must increase: 365 is not above the previous row's 365");
  });

  test("an open-ended bucket that is not the last", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    const row = setCell(grid, "receivables.agingBuckets", "aging.y1_2", "maxDays", null);
    const e = only(rejected(importGrid(grid)));
    expect(e).toMatchObject({ row, column: "maxDays", reason: "only the last row may be blank: a blank Max days, inclusive makes it open-ended" });
  });

  test("overlapping and gapped share bands", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    const overlap = setCell(grid, "opportunity.competitorShare", "share.to40", "above", 0.05);
    const gap = setCell(grid, "opportunity.competitorShare", "share.to100", "above", 0.8);
    const errors = rejected(importGrid(grid));
    expect(errors.map((e) => [e.row, e.column, e.reason])).toEqual([
      [overlap, "above", "overlaps the previous band: above 0.05 is below the previous band's upTo 0.1"],
      [gap, "above", "leaves a gap after the previous band: above 0.8 is beyond the previous band's upTo 0.7"],
    ]);
  });

  test("escalation steps out of order", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    const row = setCell(grid, "receivables.escalation", "action.director", "minDaysPastDue", 20);
    const e = only(rejected(importGrid(grid)));
    expect(e).toMatchObject({ table: "receivables.escalation", row, column: "minDaysPastDue" });
    expect(e.reason).toBe("escalation steps' days past due must increase: 20 is not above the previous row's 31");
  });

  test("non-numeric threshold (a setting)", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    const row = setCell(grid, "owner.settings", "mtoThresholdFen", "value", "三百万");
    const e = only(rejected(importGrid(grid)));
    expect(e).toMatchObject({ sheet: "LTC规则", table: "owner.settings", row, column: "value" });
    expect(e.reason).toBe('setting mtoThresholdFen needs a number; "三百万" is not a number');
    expect(e.reasonZh).toBe("设置 mtoThresholdFen 须为数字，“三百万”不是数字");
  });

  test("non-numeric number cell", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    const row = setCell(grid, "receivables.provisionBands", "provision.y2_3", "ratePercent", "thirty");
    const e = only(rejected(importGrid(grid)));
    expect(e).toMatchObject({ table: "receivables.provisionBands", row, column: "ratePercent" });
    expect(e.reason).toBe('"thirty" is not a number: Rate in percent needs a number');
  });

  test("a label alias used twice within a vocabulary", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    // 认可 is brand.recognised's own label; 按公司方案上图 now lists it as an alias too
    const row = setCell(grid, "opportunity.brand", "brand.recognised", "aliases", "认可了 | 接受");
    const designed = rowIndex(grid, "opportunity.brand", "brand.designedIn");
    const aliasCol = columnIndex(grid, "opportunity.brand", "aliases");
    grid[designed][aliasCol] = `${String(grid[designed][aliasCol] ?? "")} | 接受`.replace(/^ \| /, "");
    const e = only(rejected(importGrid(grid)));
    expect(e).toMatchObject({ table: "opportunity.brand", row, column: "aliases" });
    expect(e.reason).toBe('label "接受" is used twice in this vocabulary, by brand.designedIn and brand.recognised: a label must name one row');
  });

  test("the same label in two different vocabularies is fine", () => {
    // 战略类项目 is both a project type (§6) and a project class (§7)
    const r = importGrid(sheetGrid(DEFAULT_RULEBOOK));
    expect(r).toHaveProperty("rulebook");
  });

  test("wrong type: a boolean column and an enumerated column", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    const b = setCell(grid, "receivables.invoiceTypes", "invoice.vatSpecial", "vatSpecial", "maybe");
    const m = setCell(grid, "owner.offices", "office.hunan", "mark", "guess");
    const errors = rejected(importGrid(grid));
    expect(errors.map((e) => [e.table, e.row, e.column, e.reason])).toEqual([
      ["owner.offices", m, "mark", 'wrong type: expected one of deck, reading, default, got "guess"'],
      ["receivables.invoiceTypes", b, "vatSpecial", 'wrong type: expected TRUE or FALSE, got "maybe"'],
    ]);
  });

  test("unknown reference (a row pointing at a code that no longer exists)", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    const row = setCell(grid, "owner.rules", "owner.mto.large", "owner", "dept.gone");
    const e = only(rejected(importGrid(grid)));
    expect(e).toMatchObject({ table: "owner.rules", row, column: "owner" });
    expect(e.reason).toBe('unknown reference: "dept.gone" is not a code of owner.departments (Owner departments)');
    expect(e.reasonZh).toBe("引用不存在：“dept.gone”不是 owner.departments（主责部门）中的代码");
  });

  test("unknown reference left behind by a removed row", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    // delete the 发电销售团队 department row: owner.mto.large still points at it
    grid.splice(rowIndex(grid, "owner.departments", "dept.gensales"), 1);
    const e = only(rejected(importGrid(grid)));
    expect(e).toMatchObject({ table: "owner.rules", column: "owner" });
    expect(e.reason).toMatch(/"dept\.gensales" is not a code of owner\.departments/);
  });

  test("unknown reference in a list column and in a text setting", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    const duty = setCell(grid, "team.duties", "duty.pm.success", "roles", "role.pm | role.cfo");
    const basis = setCell(grid, "receivables.settings", "limitation.warningBasis", "value", "basis.nope");
    const errors = rejected(importGrid(grid));
    expect(errors.map((e) => [e.table, e.row, e.column, e.reason])).toEqual([
      ["team.duties", duty, "roles", 'unknown reference: "role.cfo" is not a code of team.roles (Team roles)'],
      ["receivables.settings", basis, "value", 'unknown reference: "basis.nope" is not a code of receivables.limitationBases (Limitation bases)'],
    ]);
  });

  test("unknown column", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    const header = titleRow(grid, "owner.regions") + 1;
    grid[header].push("备注 (Remark)");
    const e = only(rejected(importGrid(grid)));
    expect(e).toMatchObject({ table: "owner.regions", row: header + 1, column: "备注 (Remark)" });
    expect(e.reason).toBe('unknown column "备注 (Remark)"; this table\'s columns are code, zh, en, aliases, mark');
  });

  test("missing column, on a row the built-in rulebook does not have", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    const header = titleRow(grid, "owner.regions") + 1;
    let last = header;
    while (grid[last + 1].length > 0) last++;
    const own = [...grid[last]];
    own[columnIndex(grid, "owner.regions", "code")] = "region.own";
    own[columnIndex(grid, "owner.regions", "zh")] = "自有片区";
    own[columnIndex(grid, "owner.regions", "en")] = "Own region";
    own[columnIndex(grid, "owner.regions", "aliases")] = null;
    grid.splice(last + 1, 0, own);
    const c = columnIndex(grid, "owner.regions", "mark");
    for (let r = header; grid[r].length > 0; r++) grid[r].splice(c, 1);
    const e = only(rejected(importGrid(grid)));
    expect(e).toMatchObject({ table: "owner.regions", row: last + 2, column: "mark", reason: "column mark (Mark) is missing" });
  });

  test("unknown table", () => {
    const tables = rawTablesFromSheet(sheetGrid(DEFAULT_RULEBOOK));
    tables["LTC_owner_budgets"] = { header: ["代码 (Code)"], rows: [["x"]], firstRowNumber: 2 };
    const e = only(rejected(rulebookFromTables(tables, activeRulebook())));
    expect(e).toMatchObject({ table: "LTC_owner_budgets", row: null, reason: 'unknown table "LTC_owner_budgets"' });
  });

  test("unknown setting", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    const row = setCell(grid, "ship.settings", String(grid[titleRow(grid, "ship.settings") + 2][0]), "key", "typoKey");
    const e = only(rejected(importGrid(grid)));
    expect(e).toMatchObject({ table: "ship.settings", row, column: "key" });
    expect(e.reason).toMatch(/^unknown setting "typoKey"; this table's settings are /);
  });

  test("a blank code", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    const row = setCell(grid, "receivables.policies", "policy.raiseEarly", "code", null);
    const e = only(rejected(importGrid(grid)));
    expect(e).toMatchObject({ table: "receivables.policies", row, column: "code", reason: "code is missing", reasonZh: "缺少代码" });
  });

  test("every error is reported at once, before anything changes", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    setCell(grid, "owner.settings", "mtoThresholdFen", "value", "abc");
    setCell(grid, "payment.finances", "finances.average", "score", 3);
    setCell(grid, "owner.rules", "owner.sgcc", "owner", "dept.none");
    const errors = rejected(importGrid(grid));
    expect(errors.map((e) => e.table).sort()).toEqual(["owner.rules", "owner.settings", "payment.finances"]);
  });
});

describe("JSON rulebooks (rules.json, stored rulebooks)", () => {
  const copy = (): Record<string, any> => JSON.parse(rulebookJson(DEFAULT_RULEBOOK)); // eslint-disable-line @typescript-eslint/no-explicit-any

  test("not JSON", () => {
    const e = only(rejected(rulebookFromJson("{oops", { sheet: "rules.json" })));
    expect(e).toMatchObject({ sheet: "rules.json", table: "", row: null, column: null });
    expect(e.reason).toMatch(/^not JSON: /);
  });

  test("wrong type, unknown column, missing table, unknown table, in JSON positions (1-based rows)", () => {
    const rb = copy();
    rb.opportunity.brand[1].score = "3";
    rb.owner.regions[0].note = "x";
    delete rb.team.ranks;
    rb.owner.budgets = [];
    const errors = rejected(validateRulebook(rb, { sheet: "rules.json" }));
    const brief = errors.map((e) => [e.table, e.row, e.column, e.reason]);
    expect(brief).toContainEqual(["opportunity.brand", 2, "score", '"3" is not a number: Score needs a number']);
    expect(brief).toContainEqual(["owner.regions", 1, "note", "unknown column \"note\"; this table's columns are code, zh, en, aliases, mark"]);
    expect(brief).toContainEqual(["owner.budgets", null, null, 'unknown table "owner.budgets"']);
    // the missing table is completed from the default (rules saved earlier), so the references to it resolve
    expect(brief.filter((b) => String(b[0]).startsWith("team."))).toEqual([]);
  });

  test("a missing version and a row that is not an object", () => {
    const rb = copy();
    delete rb.version;
    rb.process.gates[0] = "AT1";
    const brief = rejected(validateRulebook(rb)).map((e) => [e.table, e.row, e.column, e.reason]);
    expect(brief).toContainEqual(["rulebook", null, "version", "the version is missing"]);
    expect(brief).toContainEqual(["process.gates", 1, null, "not a table row (expected an object)"]);
  });

  test("a valid JSON rulebook is accepted with the same fingerprint", () => {
    const r = rulebookFromJson(rulebookJson(DEFAULT_RULEBOOK, true));
    expect("rulebook" in r && rulebookFingerprint(r.rulebook)).toBe(rulebookFingerprint(DEFAULT_RULEBOOK));
  });
});

/** Accepts, and returns the rulebook with its notices. */
function accepted(result: ImportResult): { rulebook: Rulebook; notices: RuleError[] } {
  if ("errors" in result) throw new Error(result.errors.map((e) => formatRuleError(e)).join("\n"));
  return { rulebook: result.rulebook, notices: result.notices ?? [] };
}

describe("nonsense numbers are rejected, naming table, row and column (the declared checks of tables.ts)", () => {
  const copy = (): Record<string, any> => JSON.parse(rulebookJson(DEFAULT_RULEBOOK)); // eslint-disable-line @typescript-eslint/no-explicit-any
  const brief = (errors: RuleError[]) => errors.map((e) => [e.table, e.row, e.column, e.reason]);
  const row = (rb: Record<string, any>, id: string, code: string) => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const [section, table] = id.split(".");
    const rows = rb[section][table] as Record<string, unknown>[];
    const at = rows.findIndex((r) => r.code === code || r.key === code || r.criterion === code);
    if (at < 0) throw new Error(`no ${code} in ${id}`);
    return { row: rows[at], number: at + 1 };
  };

  test("bucket edges in whole days; a rate from 0 to 100 percent (sheet)", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    const half = setCell(grid, "receivables.agingBuckets", "aging.d1_30", "maxDays", 30.5);
    const rate = setCell(grid, "receivables.provisionBands", "provision.over5", "ratePercent", 120);
    const negative = setCell(grid, "receivables.provisionBands", "provision.y1", "ratePercent", -5);
    const errors = rejected(importGrid(grid));
    expect(brief(errors)).toEqual([
      ["receivables.agingBuckets", half, "maxDays", "30.5 is not a whole number: Max days, inclusive must be whole"],
      ["receivables.provisionBands", negative, "ratePercent", "-5 is below 0: Rate in percent must be at least 0"],
      ["receivables.provisionBands", rate, "ratePercent", "120 is above 100: Rate in percent must be at most 100"],
    ]);
    expect(errors[2].reasonZh).toBe("120 大于 100：计提比例（%）不能大于 100");
    expect(formatRuleError(errors[0], "zh")).toBe(`LTC规则 › receivables.agingBuckets › 第${half}行 › 天数上限（含）：30.5 不是整数：天数上限（含）须为整数`);
  });

  test("years, days and thresholds positive and whole; weights above 0; an order step from 1 (JSON)", () => {
    const rb = copy();
    row(rb, "receivables.settings", "limitation.legalYears").row.value = 2.5;
    row(rb, "receivables.settings", "limitation.warningDays").row.value = -1;
    row(rb, "owner.settings", "mtoThresholdFen").row.value = 0;
    const weight = row(rb, "opportunity.weights", "price");
    weight.row.weight = 0;
    const remind = row(rb, "receivables.escalation", "action.remind");
    remind.row.minDaysPastDue = 0;
    const within = row(rb, "receivables.vatCertification", "vat.certify180");
    within.row.withinDays = 0;
    const gate = row(rb, "process.stages", String(rb.process.stages[0].code));
    gate.row.seq = 0;
    const errors = rejected(validateRulebook(rb, { sheet: "rules.json" }));
    const legal = row(rb, "receivables.settings", "limitation.legalYears").number;
    const warning = row(rb, "receivables.settings", "limitation.warningDays").number;
    expect(brief(errors)).toEqual([
      ["process.stages", gate.number, "seq", "0 is below 1: Order must be at least 1"],
      ["opportunity.weights", weight.number, "weight", "0 is not above 0: Weight must be above 0"],
      ["owner.settings", 1, "value", "0 is not above 0: setting mtoThresholdFen must be above 0"],
      ["receivables.settings", legal, "value", "2.5 is not a whole number: setting limitation.legalYears must be whole"],
      ["receivables.settings", warning, "value", "-1 is below 0: setting limitation.warningDays must be at least 0"],
      ["receivables.vatCertification", within.number, "withinDays", "0 is below 1: Within days must be at least 1"],
      ["receivables.escalation", remind.number, "minDaysPastDue", "0 is below 1: Min days past due must be at least 1"],
    ]);
  });

  test("the 20-year cap: whole years, and no shorter than the legal period", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    const cap = setCell(grid, "receivables.settings", "limitation.maxYearsFromDue", "value", 2);
    expect(brief(rejected(importGrid(grid)))).toEqual([
      ["receivables.settings", cap, "value", "setting limitation.maxYearsFromDue (2) must be at least setting limitation.legalYears (3)"],
    ]);
    setCell(grid, "receivables.settings", "limitation.maxYearsFromDue", "value", 20.5);
    expect(brief(rejected(importGrid(grid)))).toEqual([
      ["receivables.settings", cap, "value", "20.5 is not a whole number: setting limitation.maxYearsFromDue must be whole"],
    ]);
  });

  test("lead thresholds ordered; the company deadline no later than the legal one", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    setCell(grid, "lead.settings", "warmFromMonths", "value", 6);
    const cold = setCell(grid, "lead.settings", "coldFromMonths", "value", 3);
    setCell(grid, "receivables.settings", "limitation.companyYears", "value", 4);
    const legal = rowIndex(grid, "receivables.settings", "limitation.legalYears") + 1;
    const errors = rejected(importGrid(grid));
    expect(brief(errors)).toEqual([
      ["lead.settings", cold, "value", "setting coldFromMonths (3) must be above setting warmFromMonths (6)"],
      ["receivables.settings", legal, "value", "setting limitation.legalYears (3) must be at least setting limitation.companyYears (4)"],
    ]);
    expect(errors[0].reasonZh).toBe("设置 coldFromMonths（3）必须大于设置 warmFromMonths（6）");
  });

  test("non-empty ladders: buckets, escalation, and the steps of every approval chain in use", () => {
    const rb = copy();
    rb.receivables.agingBuckets = [];
    rb.receivables.escalation = rb.receivables.escalation.filter((r: { chain: string | null }) => r.chain !== null);
    rb.receivables.approvalSteps = rb.receivables.approvalSteps.filter((r: { chain: string }) => r.chain !== "chain.litigation");
    const litigation = (rb.receivables.escalation as { code: string }[]).findIndex((r) => r.code === "action.litigation") + 1;
    expect(brief(rejected(validateRulebook(rb, { sheet: "rules.json" })))).toEqual([
      ["receivables.agingBuckets", null, null, "Aging buckets has no rows: it needs at least one"],
      [
        "receivables.escalation",
        litigation,
        "chain",
        '"chain.litigation" has no rows in receivables.approvalSteps (Approval steps): each one in use needs at least one',
      ],
    ]);
    const empty = copy();
    empty.receivables.escalation = [];
    expect(brief(rejected(validateRulebook(empty)))).toEqual([["receivables.escalation", null, null, "Escalation ladder has no rows: it needs at least one"]]);
  });

  test("the last aging bucket and provision band are open-ended: a closed last row is rejected, naming it", () => {
    const rb = copy();
    const buckets = rb.receivables.agingBuckets as { maxDays: number | null }[];
    buckets.pop();
    const bands = rb.receivables.provisionBands as { maxDays: number | null }[];
    bands[bands.length - 1].maxDays = bands[bands.length - 2].maxDays! + 365;
    expect(brief(rejected(validateRulebook(rb, { sheet: "rules.json" })))).toEqual([
      [
        "receivables.agingBuckets",
        buckets.length,
        "maxDays",
        `the last row of Aging buckets must be blank (open-ended): otherwise receivables older than ${buckets[buckets.length - 1].maxDays} days fall in no row`,
      ],
      [
        "receivables.provisionBands",
        bands.length,
        "maxDays",
        `the last row of Provision rates must be blank (open-ended): otherwise receivables older than ${bands[bands.length - 1].maxDays} days fall in no row`,
      ],
    ]);
  });

  test("the open pipeline's stages in order: a reversed pair is refused naming both stages; one stage is a range", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    setCell(grid, "process.settings", "pipeline.fromStage", "value", "stage.contract");
    const to = setCell(grid, "process.settings", "pipeline.toStage", "value", "stage.validate");
    const errors = rejected(importGrid(grid));
    expect(brief(errors)).toEqual([
      [
        "process.settings",
        to,
        "value",
        "setting pipeline.toStage (stage.validate Validate opportunity, seq 2) comes before setting pipeline.fromStage (stage.contract Negotiate and sign contract, seq 5) in process.stages (LTC stages): pipeline.toStage must be the same as or after pipeline.fromStage, or nothing lies between them",
      ],
    ]);
    expect(errors[0].reasonZh).toContain("stage.validate 验证机会点");
    expect(errors[0].reasonZh).toContain("stage.contract 合同谈判与签订");
    // the stages' own order decides, not the settings' rows: renumbered, the same pair is accepted
    const renumbered = sheetGrid(DEFAULT_RULEBOOK);
    setCell(renumbered, "process.settings", "pipeline.fromStage", "value", "stage.contract");
    setCell(renumbered, "process.settings", "pipeline.toStage", "value", "stage.validate");
    setCell(renumbered, "process.stages", "stage.validate", "seq", 9);
    expect(importGrid(renumbered)).toHaveProperty("rulebook");
    setCell(grid, "process.settings", "pipeline.toStage", "value", "stage.contract");
    expect(importGrid(grid)).toHaveProperty("rulebook");
    // two stages in one place leave the order (and so the range) undefined
    const twice = sheetGrid(DEFAULT_RULEBOOK);
    const first = rowIndex(twice, "process.stages", "stage.validate") + 1;
    const guide = setCell(twice, "process.stages", "stage.guide", "seq", 2);
    expect(brief(rejected(importGrid(twice)))).toEqual([["process.stages", guide, "seq", `duplicate seq (2): row ${first} has it too`]]);
  });

  test("dunning levels escalate: a threshold below the row before, or a row repeating it, is refused", () => {
    const rb = copy();
    const levels = rb.receivables.dunningLevels as { minDaysOverdue: number; minOverdueFen: number }[];
    levels[2].minDaysOverdue = 20; // the final demand from 20 days: below the demand letter's 31
    expect(brief(rejected(validateRulebook(rb, { sheet: "rules.json" })))).toEqual([
      [
        "receivables.dunningLevels",
        3,
        "minDaysOverdue",
        "Min days overdue, most overdue item (20) is below row 2's 31: levels must escalate down the table, each threshold at least the one before, so that every case falls in one level",
      ],
    ]);
    const same = copy();
    const sameLevels = same.receivables.dunningLevels as { minDaysOverdue: number; minOverdueFen: number }[];
    sameLevels[1].minDaysOverdue = sameLevels[0].minDaysOverdue;
    sameLevels[1].minOverdueFen = sameLevels[0].minOverdueFen;
    expect(brief(rejected(validateRulebook(same, { sheet: "rules.json" })))).toEqual([
      [
        "receivables.dunningLevels",
        2,
        "minOverdueFen",
        "the thresholds (Min days overdue, most overdue item 1, Min overdue total in fen 0) repeat row 1's: row 1 would never be chosen; at least one threshold must be above the previous row's",
      ],
    ]);
    // one threshold rising with the other unchanged is an escalation (the default's final demand raises both)
    const amountOnly = copy();
    const amountLevels = amountOnly.receivables.dunningLevels as { minDaysOverdue: number; minOverdueFen: number }[];
    amountLevels[2].minDaysOverdue = amountLevels[1].minDaysOverdue;
    expect(validateRulebook(amountOnly)).toHaveProperty("rulebook");
  });

  test("a step number used twice in a chain; a certification period that ends before it starts", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    const first = rowIndex(grid, "receivables.approvalSteps", "lawyerLetter.1") + 1;
    const twice = setCell(grid, "receivables.approvalSteps", "lawyerLetter.2", "step", 1);
    const vat = setCell(grid, "receivables.vatCertification", "vat.certify180", "issuedBefore", 40179);
    expect(brief(rejected(importGrid(grid)))).toEqual([
      ["receivables.vatCertification", vat, "issuedBefore", "Issued before (40179) must be above Issued from (40179)"],
      ["receivables.approvalSteps", twice, "step", `duplicate chain and step (chain.lawyerLetter, 1): row ${first} has them too`],
    ]);
  });

  test("a review check naming a class that does not exist", () => {
    const rb = copy();
    const check = row(rb, "contract.reviewRules", "inSystemClassedInSystem");
    check.row.ifClasses = ["A", "Z"];
    expect(brief(rejected(validateRulebook(rb)))).toEqual([
      ["contract.reviewRules", check.number, "ifClasses", 'unknown reference: "Z" is not a code of contract.customerClasses (Customer classes)'],
    ]);
  });

  test("a 150,000-row rules sheet with an error in every row is reported, not a stack overflow", () => {
    const tables = rawTablesFromSheet(sheetGrid(DEFAULT_RULEBOOK));
    const buckets = tables["receivables.agingBuckets"];
    const column = (key: string) => buckets.header.indexOf(headerText(key));
    const [code, zh, en, aliases, maxDays] = ["code", "zh", "en", "aliases", "maxDays"].map(column);
    buckets.rows = Array.from({ length: 150_000 }, (_, i) => {
      const cells = [...buckets.rows[0]];
      [cells[code], cells[zh], cells[en], cells[aliases], cells[maxDays]] = [`bucket.${i}`, `区间${i}`, `bucket ${i}`, null, "many"];
      return cells;
    });
    const errors = rejected(rulebookFromTables(tables, activeRulebook()));
    expect(errors).toHaveLength(150_000);
    expect(errors[0]).toMatchObject({ table: "receivables.agingBuckets", row: buckets.firstRowNumber, column: "maxDays" });
    expect(errors[149_999]).toMatchObject({ table: "receivables.agingBuckets", row: buckets.firstRowNumber + 149_999, column: "maxDays" });
  });
});

describe("rules saved by an earlier version are completed from the default, with a notice", () => {
  const copy = (): Record<string, any> => JSON.parse(rulebookJson(DEFAULT_RULEBOOK)); // eslint-disable-line @typescript-eslint/no-explicit-any

  test("a table the sheet lacks is the default's table", () => {
    const tables = rawTablesFromSheet(sheetGrid(DEFAULT_RULEBOOK));
    delete tables["team.ranks"];
    const { rulebook, notices } = accepted(rulebookFromTables(tables, activeRulebook()));
    expect(rulebook.team.ranks).toEqual(DEFAULT_RULEBOOK.team.ranks);
    expect(notices).toEqual([
      {
        sheet: "LTC规则",
        table: "team.ranks",
        row: null,
        column: null,
        reason: "table team.ranks (Ranks) was missing: added from the built-in rulebook deck-2026.1 (the rules were saved before it existed)",
        reasonZh: "缺少表 team.ranks（干部级别）：已按内置规则手册 deck-2026.1 补上（规则保存于此表出现之前）",
      },
    ]);
  });

  test("a setting the rules lack gets the default's row; the rulebook keeps its version and is a new rulebook", () => {
    const rb = copy();
    rb.version = "east-2026";
    rb.ship.settings = rb.ship.settings.filter((r: { key: string }) => r.key !== "fullPaymentRatio");
    const incomplete = rulebookFingerprint(rb as Rulebook);
    const { rulebook, notices } = accepted(validateRulebook(rb, { sheet: "rules.json" }));
    expect(rulebook.version).toBe("east-2026");
    expect(rulebook.ship.settings.find((r) => r.key === "fullPaymentRatio")).toEqual(DEFAULT_RULEBOOK.ship.settings.find((r) => r.key === "fullPaymentRatio"));
    expect(rulebookFingerprint(rulebook)).not.toBe(incomplete);
    expect(notices.map((n) => [n.table, n.row, n.column, n.reason])).toEqual([
      ["ship.settings", null, "key", "setting fullPaymentRatio was missing: added with the built-in rulebook deck-2026.1's value 1"],
    ]);
  });

  test("a row added since (ADDED_ROWS) goes where the default has it, numbered as no row of the rules, and checked", () => {
    const rb = copy();
    rb.contract.reviewRules = rb.contract.reviewRules.filter((r: { code: string }) => r.code !== "inSystemClassedInSystem");
    const { rulebook, notices } = accepted(validateRulebook(rb, { sheet: "rules.json" }));
    expect(rulebook.contract.reviewRules).toEqual(DEFAULT_RULEBOOK.contract.reviewRules);
    expect(notices.map((n) => [n.table, n.row, n.column])).toEqual([["contract.reviewRules", null, "code"]]);
    expect(notices[0].reason).toMatch(/^row inSystemClassedInSystem was missing: added from the built-in rulebook deck-2026\.1 .*edit it rather than delete it$/);
    // the added row refers to class A: a rulebook without that class says so, at no row number of the file
    const noA = copy();
    noA.contract.reviewRules = noA.contract.reviewRules.filter((r: { code: string }) => r.code !== "inSystemClassedInSystem");
    noA.contract.customerClasses = noA.contract.customerClasses.filter((r: { code: string }) => r.code !== "A");
    for (const t of ["schedule", "ship"]) noA[t].matrix = noA[t].matrix.filter((r: { customerClass: string }) => r.customerClass !== "A");
    const errors = rejected(validateRulebook(noA));
    expect(errors.map((e) => [e.table, e.row, e.column])).toEqual([["contract.reviewRules", null, "ifClasses"]]);
  });

  test("rows after an added setting keep their sheet row numbers in errors", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    grid.splice(rowIndex(grid, "receivables.settings", "limitation.companyYears"), 1);
    const row = setCell(grid, "receivables.settings", "terms.defaultDays", "value", -1);
    const e = only(rejected(importGrid(grid)));
    expect(e).toMatchObject({ table: "receivables.settings", row, column: "value", reason: "-1 is below 0: setting terms.defaultDays must be at least 0" });
    setCell(grid, "receivables.settings", "terms.defaultDays", "value", 30);
    const { rulebook } = accepted(importGrid(grid));
    expect(rulebook.receivables.settings).toEqual(DEFAULT_RULEBOOK.receivables.settings);
  });

  test("a column the rules lack is filled in from the default's rows with the same code (sheet and JSON)", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    const header = titleRow(grid, "owner.regions") + 1;
    const c = columnIndex(grid, "owner.regions", "mark");
    for (let r = header; grid[r].length > 0; r++) grid[r].splice(c, 1);
    const sheet = accepted(importGrid(grid));
    expect(sheet.rulebook.owner.regions).toEqual(DEFAULT_RULEBOOK.owner.regions);
    expect(sheet.notices.map((n) => [n.table, n.row, n.column, n.reason])).toEqual([
      ["owner.regions", null, "mark", "column mark (Mark) was missing: filled in from the built-in rulebook deck-2026.1 (the rules were saved before it existed)"],
    ]);
    const rb = copy();
    for (const region of rb.owner.regions) delete region.mark;
    const json = accepted(validateRulebook(rb));
    expect(json.rulebook.owner.regions).toEqual(DEFAULT_RULEBOOK.owner.regions);
    expect(json.notices.map((n) => n.reasonZh)).toEqual(["缺少列 标注（mark）：已按内置规则手册 deck-2026.1 补上（规则保存于此列出现之前）"]);
  });

  test("an accepted rulebook is deep-frozen", () => {
    const { rulebook } = accepted(validateRulebook(copy()));
    expect(Object.isFrozen(rulebook.receivables.agingBuckets[0])).toBe(true);
    expect(Object.isFrozen(DEFAULT_RULEBOOK.contract.reviewRules)).toBe(true);
  });
});

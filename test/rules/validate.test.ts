import { rawTablesFromSheet, rulebookFromSheetValues, rulebookFromTables } from "../../src/reports/rulesSheet";
import { activeRulebook, setActiveRulebook } from "../../src/rules/active";
import { rulebookFingerprint } from "../../src/rules/fingerprint";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";
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
    expect(e.reason).toBe("bucket edges must increase: 20 is not above the previous row's 30 (overlapping buckets)");
  });

  test("non-increasing bucket edges (an edge repeated)", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    const row = setCell(grid, "receivables.provisionBands", "provision.y1_2", "maxDays", 365);
    const e = only(rejected(importGrid(grid)));
    expect(e).toMatchObject({ table: "receivables.provisionBands", row, column: "maxDays" });
    expect(e.reason).toBe("bucket edges must increase: 365 is not above the previous row's 365 (overlapping buckets)");
  });

  test("an open-ended bucket that is not the last", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    const row = setCell(grid, "receivables.agingBuckets", "aging.y1_2", "maxDays", null);
    const e = only(rejected(importGrid(grid)));
    expect(e).toMatchObject({ row, column: "maxDays", reason: "only the last bucket may be open-ended (blank maxDays)" });
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
    expect(e.reason).toBe("escalation steps must have increasing days past due: 20 is not above the previous step's 31");
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

  test("missing column", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    const header = titleRow(grid, "owner.regions") + 1;
    const c = columnIndex(grid, "owner.regions", "mark");
    for (let r = header; grid[r].length > 0; r++) grid[r].splice(c, 1);
    const e = only(rejected(importGrid(grid)));
    expect(e).toMatchObject({ table: "owner.regions", row: header + 1, column: "mark", reason: "column mark (Mark) is missing" });
  });

  test("missing table", () => {
    const tables = rawTablesFromSheet(sheetGrid(DEFAULT_RULEBOOK));
    delete tables["team.ranks"];
    const e = only(rejected(rulebookFromTables(tables, activeRulebook())));
    expect(e).toEqual({
      sheet: "LTC规则",
      table: "team.ranks",
      row: null,
      column: null,
      reason: "table team.ranks (Ranks) is missing",
      reasonZh: "缺少表 team.ranks（干部级别）",
    });
  });

  test("unknown table", () => {
    const tables = rawTablesFromSheet(sheetGrid(DEFAULT_RULEBOOK));
    tables["LTC_owner_budgets"] = { header: ["代码 (Code)"], rows: [["x"]], firstRowNumber: 2 };
    const e = only(rejected(rulebookFromTables(tables, activeRulebook())));
    expect(e).toMatchObject({ table: "LTC_owner_budgets", row: null, reason: 'unknown table "LTC_owner_budgets"' });
  });

  test("missing setting and unknown setting", () => {
    const grid = sheetGrid(DEFAULT_RULEBOOK);
    const row = setCell(grid, "ship.settings", String(grid[titleRow(grid, "ship.settings") + 2][0]), "key", "typoKey");
    const errors = rejected(importGrid(grid));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ table: "ship.settings", row, column: "key" });
    expect(errors[0].reason).toMatch(/^unknown setting "typoKey"; this table's settings are /);
    expect(errors[1]).toMatchObject({ table: "ship.settings", row: null, column: "key" });
    expect(errors[1].reason).toMatch(/^setting \S+ is missing$/);
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
    expect(brief).toContainEqual(["team.ranks", null, null, "table team.ranks (Ranks) is missing"]);
    expect(brief).toContainEqual(["owner.budgets", null, null, 'unknown table "owner.budgets"']);
    // the references to team.ranks cannot resolve either
    expect(brief.some((b) => b[0] === "team.matrix" && String(b[3]).startsWith("unknown reference"))).toBe(true);
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

import { OWNERDEPT } from "../../src/functions/project";
import { RULESVERSION } from "../../src/functions/rulebook";
import { evaluateCall } from "../../src/functions/runtime";
import {
  cellFromValue,
  planValues,
  rawTablesFromSheet,
  RULES_SHEET_NAME,
  rulebookFromSheetValues,
  rulebookFromTables,
  rulesSheetPlan,
} from "../../src/reports/rulesSheet";
import { areaAddress, blockCellStyle } from "../../src/reports/sheetplan";
import { RawTable } from "../../src/reports/table";
import { activeRulebook, setActiveRulebook } from "../../src/rules/active";
import { rulebookFingerprint, rulebookStamp } from "../../src/rules/fingerprint";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";
import { excelTableName, headerText, rulebookSchema, tableIdFromName } from "../../src/rules/tables";
import { applyImport, ImportResult } from "../../src/rules/validate";
import { columnIndex, getCell, rowIndex, setCell, sheetGrid, titleRow } from "../rules/sheetGrid";

afterEach(() => setActiveRulebook(DEFAULT_RULEBOOK));

function accepted(r: ImportResult): Rulebook {
  if ("errors" in r) throw new Error(r.errors.map((e) => `${e.table} ${e.row} ${e.column}: ${e.reason}`).join("\n"));
  return r.rulebook;
}

/** The sheet's Excel tables as the task pane reads them: by ListObject name, header and body from the plan's values. */
function excelTables(rb: Rulebook): Record<string, RawTable> {
  const plan = rulesSheetPlan(rb);
  const values = planValues(plan);
  const out: Record<string, RawTable> = {};
  for (const t of plan.tables ?? []) {
    const rows = values.slice(t.area.row, t.area.row + t.area.rows).map((line) => line.slice(t.area.col, t.area.col + t.area.cols));
    out[t.name] = { header: rows[0], rows: rows.slice(1), firstRowNumber: t.area.row + 2, source: `${RULES_SHEET_NAME}!${areaAddress(t.area)}` };
  }
  return out;
}

describe("the LTC规则 sheet", () => {
  const plan = rulesSheetPlan(DEFAULT_RULEBOOK);
  const grid = planValues(plan);

  test("is named LTC规则, says which rules are in force, and has one Excel table per rulebook table plus the version", () => {
    expect(plan.name).toBe("LTC规则");
    expect(grid[1]).toEqual(["当前规则 · Rules in force", rulebookStamp(DEFAULT_RULEBOOK)]);
    const names = (plan.tables ?? []).map((t) => t.name);
    expect(names).toEqual(["LTC_rulebook", ...rulebookSchema().map((t) => excelTableName(t.id))]);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      // valid Excel table names: letter or _ first; letters, digits, _ and . after; not a cell reference
      expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_.]*$/);
      expect(name).not.toMatch(/^[A-Za-z]{1,3}\d+$/);
      expect(tableIdFromName(name)).toBe(name === "LTC_rulebook" ? "rulebook" : tableIdFromName(name));
    }
  });

  test("each table is titled with its id and bilingual name, with bilingual headers, over the table's area", () => {
    for (const t of plan.tables ?? []) {
      const id = tableIdFromName(t.name);
      expect(grid[t.area.row - 1][0]).toBe(id);
      const header = grid[t.area.row].slice(0, t.area.cols);
      for (const h of header) expect(h).toMatch(/^\S[^()]* \([A-Za-z][^()]*\)$/);
    }
    const ownerRules = titleRow(grid, "owner.rules");
    expect(grid[ownerRules][1]).toBe("§6 项目主责部门 · 主责部门规则 · Owner-department rules");
    expect(grid[ownerRules + 1]).toEqual(
      ["code", "projectType", "condition", "amountBelow", "amountAtLeast", "owner", "mark"].map((k) => headerText(k)),
    );
    expect(grid[ownerRules + 1][0]).toBe("代码 (Code)");
  });

  test("lists are joined with ' | ', blanks stay blank, numbers and booleans stay typed", () => {
    const g = sheetGrid(DEFAULT_RULEBOOK);
    expect(getCell(g, "owner.offices", "office.hunan", "aliases")).toBe("湖南 | 湖南省 | Hunan | Hunan province | Hunan representative office");
    expect(getCell(g, "team.duties", "duty.member.contacts", "roles")).toBe("role.customer | role.solution | role.delivery");
    expect(getCell(g, "owner.rules", "owner.sgcc", "condition")).toBeNull();
    expect(getCell(g, "owner.settings", "mtoThresholdFen", "value")).toBe(500_000_000);
    expect(getCell(g, "receivables.invoiceTypes", "invoice.vatSpecial", "vatSpecial")).toBe(true);
    expect(cellFromValue([])).toBeNull();
    expect(cellFromValue("")).toBeNull();
  });

  test("the deck's readings and defaults are marked in the mark column and shaded", () => {
    const g = sheetGrid(DEFAULT_RULEBOOK);
    const cases: Array<[string, string, string, string | undefined]> = [
      ["receivables.agingBuckets", "aging.d31_90", "default", "#FFF4CE"],
      ["process.gates", "gate.at1", "reading", "#DEECF9"],
      ["owner.rules", "owner.mto.large", "deck", undefined],
    ];
    for (const [table, key, mark, fill] of cases) {
      expect(getCell(g, table, key, "mark")).toBe(mark);
      const r = rowIndex(g, table, key);
      const block = plan.blocks.find((b) => b.row <= r && r < b.row + b.values.length && b.style === "cell")!;
      const style = blockCellStyle(plan, block, r - block.row, columnIndex(g, table, "code"));
      expect(style.fill).toBe(fill);
      expect(style.input).toBe(true);
    }
    // the legend explains the marks with the same shading
    const legend = plan.blocks.find((b) => b.row === 2)!;
    expect(legend.values[0].slice(2)).toEqual([expect.stringMatching(/^reading = 解读/), expect.stringMatching(/^default = 默认/)]);
    expect(blockCellStyle(plan, legend, 0, 3).fill).toBe("#FFF4CE");
  });

  test("text columns are formatted as text; dates and shares keep their numbers with a display format", () => {
    const g = sheetGrid(DEFAULT_RULEBOOK);
    const styleAt = (table: string, key: string, column: string) => {
      const r = rowIndex(g, table, key);
      const block = plan.blocks.find((b) => b.row <= r && r < b.row + b.values.length && b.style === "cell")!;
      return blockCellStyle(plan, block, r - block.row, columnIndex(g, table, column));
    };
    expect(styleAt("owner.rules", "owner.sgcc", "code").numberFormat).toBe("@");
    expect(styleAt("receivables.vatCertification", "vat.certify180", "issuedFrom").numberFormat).toBe("yyyy-mm-dd");
    expect(getCell(g, "receivables.vatCertification", "vat.certify180", "issuedFrom")).toBe(40179);
    expect(styleAt("opportunity.competitorShare", "share.to40", "upTo").numberFormat).toBe("0%");
  });
});

describe("export → import", () => {
  test("round-trips to the identical fingerprint, from plain values and from Excel tables", () => {
    const fp = rulebookFingerprint(DEFAULT_RULEBOOK);
    expect(rulebookFingerprint(accepted(rulebookFromSheetValues(planValues(rulesSheetPlan(DEFAULT_RULEBOOK)), DEFAULT_RULEBOOK)))).toBe(fp);
    expect(rulebookFingerprint(accepted(rulebookFromTables(excelTables(DEFAULT_RULEBOOK), DEFAULT_RULEBOOK)))).toBe(fp);
  });

  test("a changed rulebook round-trips too (export of an import)", () => {
    const g = sheetGrid(DEFAULT_RULEBOOK);
    setCell(g, "rulebook", "version", "value", "east-2027");
    setCell(g, "owner.settings", "mtoThresholdFen", "value", 300_000_000);
    setCell(g, "receivables.agingBuckets", "aging.d31_90", "maxDays", 60);
    const once = accepted(rulebookFromSheetValues(g, DEFAULT_RULEBOOK));
    const twice = accepted(rulebookFromSheetValues(planValues(rulesSheetPlan(once)), DEFAULT_RULEBOOK));
    expect(rulebookFingerprint(twice)).toBe(rulebookFingerprint(once));
    expect(rulebookFingerprint(once)).not.toBe(rulebookFingerprint(DEFAULT_RULEBOOK));
    expect(twice.version).toBe("east-2027");
  });

  test("reads cells as a spreadsheet hands them over: dates, numeric text, full-width digits, percents, TRUE/FALSE words, spaced lists", () => {
    const g = sheetGrid(DEFAULT_RULEBOOK);
    setCell(g, "receivables.vatCertification", "vat.certify180", "issuedFrom", new Date(Date.UTC(2010, 0, 1)));
    setCell(g, "owner.settings", "mtoThresholdFen", "value", "500,000,000");
    setCell(g, "receivables.provisionBands", "provision.y1", "ratePercent", "５");
    setCell(g, "opportunity.competitorShare", "share.to40", "upTo", "40%");
    setCell(g, "receivables.invoiceTypes", "invoice.vatSpecial", "vatSpecial", "TRUE");
    setCell(g, "receivables.invoiceTypes", "invoice.vatGeneral", "vatSpecial", "否");
    setCell(g, "team.duties", "duty.member.contacts", "roles", " role.customer|role.solution |  role.delivery ");
    setCell(g, "owner.regions", "region.north", "mark", "默认");
    expect(rulebookFingerprint(accepted(rulebookFromSheetValues(g, DEFAULT_RULEBOOK)))).toBe(rulebookFingerprint(DEFAULT_RULEBOOK));
  });

  test("blank rows inside a table are skipped; rows keep the sheet's row numbers in errors", () => {
    const g = sheetGrid(DEFAULT_RULEBOOK);
    const r = rowIndex(g, "receivables.policies", "policy.dueNow");
    g.splice(r, 0, [null, null, null, null]);
    expect(rulebookFingerprint(accepted(rulebookFromSheetValues(g, DEFAULT_RULEBOOK)))).toBe(rulebookFingerprint(DEFAULT_RULEBOOK));
    const raw = rawTablesFromSheet(g, 1);
    expect(raw["receivables.policies"].firstRowNumber).toBe(titleRow(g, "receivables.policies") + 3);
  });

  test("read from a used range that does not start at row 1, row numbers are the worksheet's", () => {
    const g = sheetGrid(DEFAULT_RULEBOOK);
    const row = setCell(g, "owner.settings", "mtoThresholdFen", "value", "x");
    const r = rulebookFromSheetValues(g.slice(4), DEFAULT_RULEBOOK, 5);
    expect("errors" in r && r.errors.map((e) => [e.table, e.row])).toEqual([["owner.settings", row]]);
  });
});

describe("a custom threshold through an imported rulebook", () => {
  test("发电MTO at 300万 changes OWNERDEPT's answer once the import is accepted", () => {
    const ask = () => evaluateCall(OWNERDEPT, ["发电MTO", 4_000_000], activeRulebook());
    expect(ask()).toMatchObject({ value: "代表处" });

    const g = sheetGrid(activeRulebook());
    setCell(g, "owner.settings", "mtoThresholdFen", "value", 300_000_000);
    const applied = applyImport(rulebookFromSheetValues(g, activeRulebook()));
    expect(applied.accepted).toBe(true);

    const answer = ask();
    expect(answer).toMatchObject({ value: "发电销售团队" });
    expect("reasons" in answer && answer.reasons.map((r) => r.text.zh)).toContain("发电MTO项目金额门槛：300万元");
    expect(evaluateCall(OWNERDEPT, ["发电MTO", 2_999_999.99], activeRulebook())).toMatchObject({ value: "代表处" });
    expect(evaluateCall(RULESVERSION, [], activeRulebook())).toMatchObject({ value: rulebookStamp(activeRulebook()) });
    expect(rulebookStamp(activeRulebook())).not.toBe(rulebookStamp(DEFAULT_RULEBOOK));
  });

  test("a rejected import leaves OWNERDEPT's answer as it was", () => {
    const g = sheetGrid(activeRulebook());
    setCell(g, "owner.settings", "mtoThresholdFen", "value", "300万");
    expect(applyImport(rulebookFromSheetValues(g, activeRulebook())).accepted).toBe(false);
    expect(evaluateCall(OWNERDEPT, ["发电MTO", 4_000_000], activeRulebook())).toMatchObject({ value: "代表处" });
  });
});

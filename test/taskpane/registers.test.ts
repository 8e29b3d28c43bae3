import { FUNCTIONS } from "../../src/functions/registry";
import { AS_OF_NAME } from "../../src/reports/registers";
import { DEFAULT_RULEBOOK } from "../../src/rules/rulebook";
import { createRegisters } from "../../src/taskpane/registersExcel";
import { createdRegisters, registersOptionsOf } from "../../src/taskpane/registersModel";
import { ExcelDouble, SheetState } from "../doubles/excelDouble";

/** A workbook as Excel opens one: a sheet of its own. */
function workbook(): ExcelDouble {
  const d = new ExcelDouble();
  d.addSheet("Sheet1", [["x"]]);
  return d;
}

function create(d: ExcelDouble, creation: string, options: { lang: "zh" | "en"; asOf?: number } = { lang: "zh" }) {
  return d.run((ctx) => createRegisters(ctx as unknown as Excel.RequestContext, DEFAULT_RULEBOOK, FUNCTIONS, options, creation));
}

/** The formulas of a column's cells from `fromRow` (0-based) down `rows` rows. */
function columnFormulas(sheet: SheetState, col: number, fromRow: number, rows: number): (string | undefined)[] {
  return Array.from({ length: rows }, (_, i) => sheet.cell(fromRow + i, col).formula);
}

describe("Create registers (against the Excel double)", () => {
  test("writes the three registers in one Excel.run: one sync for the table names, then the renderer's", async () => {
    const d = workbook();
    const before = d.syncCount;
    const done = await create(d, "run1", { lang: "zh", asOf: 46356 });
    expect(done.syncs).toBe(d.syncCount - before);
    expect(done.syncs).toBe(4); // table names; sheets and markers; new sheets' ids; the writes in one request
    expect(done.sheets).toEqual(["商机登记表", "应收账款台账", "催收记录"]);
    expect(d.state.tables.map((t) => [t.name, t.sheet.name])).toEqual([
      ["商机登记表", "商机登记表"],
      ["应收账款台账", "应收账款台账"],
      ["催收记录", "催收记录"],
    ]);
    const opp = d.sheet("商机登记表");
    const oppTable = d.state.tables[0];
    // the formula columns are written as one types them, after the table exists, in its data row
    const header = Array.from({ length: oppTable.rect.c1 + 1 }, (_, c) => opp.cell(0, c).value);
    const scoreCol = header.indexOf("机会点得分");
    expect(columnFormulas(opp, scoreCol, 1, 1)).toEqual([
      '=IF(AND([@品牌认同度]="",[@客户成熟度]="",[@竞争对手参与比例]="",[@价格竞争力]=""),"",LTC.OPPSCORE([@品牌认同度],[@客户成熟度],[@竞争对手参与比例],[@价格竞争力]))',
    ]);
    const formulaWrite = d.writeLog.findIndex((w) => w.kind === "formulas" && w.sheetId === opp.id);
    expect(formulaWrite).toBeGreaterThanOrEqual(0);
    // drop-downs: the stage column lists the rulebook's stages
    const stageCol = header.indexOf("阶段");
    const stage = opp.validations.find((v) => v.rect.c0 === stageCol)!;
    expect(stage.rule.list.source).toBe(DEFAULT_RULEBOOK.process.stages.map((s) => s.zh).join(","));
    // the as-of cell is a name of the receivables sheet, holding the date given
    const ar = d.sheet("应收账款台账");
    expect(ar.names.get(AS_OF_NAME.toUpperCase())?.formula).toMatch(/!\$?B\$?1$/);
    expect(ar.cell("B1").value).toBe(46356);
    const arHeader = Array.from({ length: d.state.tables[1].rect.c1 + 1 }, (_, c) => ar.cell(2, c).value);
    expect(columnFormulas(ar, arHeader.indexOf("账龄段"), 3, 1)).toEqual([`=IF([@到期日]="","",LTC.AGINGBUCKET([@到期日],${AS_OF_NAME},"zh"))`]);
  });

  test("a second set never touches the first: new table and sheet names, the first register's rows kept", async () => {
    const d = workbook();
    await create(d, "run1");
    const opp = d.sheet("商机登记表");
    d.put(opp, "A2", [["用户填写的项目", "客户甲"]]);
    const again = await create(d, "run2");
    expect(again.registers.map((r) => r.tableName)).toEqual(["商机登记表_2", "应收账款台账_2", "催收记录_2"]);
    expect(again.sheets).toEqual(["商机登记表 (2)", "应收账款台账 (2)", "催收记录 (2)"]);
    expect(d.sheet("商机登记表").cell("A2").value).toBe("用户填写的项目");
    expect(d.state.tables.map((t) => t.name)).toEqual(["商机登记表", "应收账款台账", "催收记录", "商机登记表_2", "应收账款台账_2", "催收记录_2"]);
  });

  test("a user's table named like a register keeps its name; the register takes another", async () => {
    const d = workbook();
    const mine = d.addSheet("我的表", [["客户", "金额"], ["甲", 1]]);
    d.addTable(mine, "应收账款台账", "A1:B2");
    const done = await create(d, "run1", { lang: "zh" });
    expect(done.registers.map((r) => r.tableName)).toEqual(["商机登记表", "应收账款台账_2", "催收记录"]);
    expect(d.state.tables.find((t) => t.name === "应收账款台账")!.sheet.name).toBe("我的表");
    expect(mine.cell("A2").value).toBe("甲");
  });

  test("the form: a blank as-of date is left for the user, a bad one is said in the pane's language", () => {
    expect(registersOptionsOf({ asOf: "", lang: "en" }, "zh")).toEqual({ ok: true, options: { lang: "en" } });
    expect(registersOptionsOf({ asOf: "2026-11-30", lang: "zh" }, "zh")).toEqual({ ok: true, options: { lang: "zh", asOf: 46356 } });
    expect(registersOptionsOf({ asOf: "2026-13-45", lang: "zh" }, "en")).toEqual({ ok: false, message: "The as-of date is not a date: pick one or leave it empty." });
  });

  test("what was created, as the pane says it", async () => {
    const d = workbook();
    const done = await create(d, "run1", { lang: "en" });
    const lines = createdRegisters(done.registers, done.sheets, "zh", "en");
    expect(lines.map((l) => [l.sheet, l.line, l.formulas])).toEqual([
      ["Opportunity register", "Opportunity register：表格 OpportunityRegister", "公式列：Opportunity score、Win probability、Payment score、Owner department、Lead temperature"],
      ["Receivables ledger", "Receivables ledger：表格 ReceivablesLedger", "公式列：Aging bucket、Limitation ends"],
      ["Dunning log", "Dunning log：表格 DunningLog", null],
    ]);
  });
});

import { FUNCTIONS } from "../../src/functions/registry";
import { AGING_COLUMNS } from "../../src/reports/aging";
import { LOG_COLUMNS, LOG_METHODS } from "../../src/reports/letters";
import { OPPORTUNITY_COLUMNS } from "../../src/reports/opportunityTable";
import { AS_OF_NAME, buildRegisters, BuiltRegister, computedFormula, computedHeaders, RegisterKind } from "../../src/reports/registers";
import { ListValidation, SheetPlan } from "../../src/reports/sheetplan";
import { ColumnDef, mapColumns } from "../../src/reports/table";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";
import { Lang } from "../../src/rules/types";

const READERS: Record<RegisterKind, readonly ColumnDef[]> = { opportunities: OPPORTUNITY_COLUMNS, receivables: AGING_COLUMNS, dunningLog: LOG_COLUMNS };

function header(plan: SheetPlan): string[] {
  const t = plan.tables![0];
  const block = plan.blocks.find((b) => b.row === t.area.row)!;
  return block.values[0] as string[];
}

/** The drop-down of the column headed `name`. */
function listOf(plan: SheetPlan, name: string): string[] | undefined {
  const col = header(plan).indexOf(name);
  expect(col).toBeGreaterThanOrEqual(0);
  return plan.validations!.find((v: ListValidation) => v.area.col === col)?.list;
}

function formulaOf(reg: BuiltRegister, name: string): string {
  const t = reg.plan.tables![0];
  const col = header(reg.plan).indexOf(name);
  return t.columnFormulas!.find((f) => f.column === col)!.formula.formula;
}

const registers = (lang: Lang, rb: Rulebook = DEFAULT_RULEBOOK, taken: string[] = []) =>
  new Map(buildRegisters(rb, FUNCTIONS, { lang, takenTableNames: taken }).map((r) => [r.kind, r]));

describe.each(["zh", "en"] as const)("the registers in %s", (lang) => {
  const built = registers(lang);

  test("each register's input headers are its reader's columns; the formula columns are none of them", () => {
    for (const [kind, reg] of built) {
      const h = header(reg.plan);
      const computed = computedHeaders(kind, lang);
      const inputs = h.slice(0, h.length - computed.length);
      expect(h.slice(inputs.length)).toEqual(computed);
      const index = mapColumns(h, READERS[kind]) as Record<string, number | undefined>;
      // every reader column the register has is found at its own position, and no formula column is read as input
      for (const def of READERS[kind]) {
        if (kind === "dunningLog" && def.key === "number") {
          expect(index.number).toBeUndefined(); // a hand-kept log: no 函号 (that marks a letters register)
          continue;
        }
        expect(h[index[def.key]!]).toBe(lang === "en" ? def.en : def.zh);
      }
      for (const i of Object.values(index)) expect(i).toBeLessThan(inputs.length);
    }
  });

  test("every labelled column has the rulebook's labels as its drop-down", () => {
    const rb = DEFAULT_RULEBOOK;
    const text = (rows: readonly { zh: string; en: string }[]) => rows.map((r) => (lang === "en" ? r.en : r.zh));
    const opp = built.get("opportunities")!.plan;
    const name = (key: string, defs: readonly ColumnDef[] = OPPORTUNITY_COLUMNS) => {
      const def = defs.find((d) => d.key === key)!;
      return lang === "en" ? def.en : def.zh;
    };
    expect(listOf(opp, name("stage"))).toEqual(text(rb.process.stages));
    expect(listOf(opp, name("status"))).toEqual(text(rb.process.statuses));
    expect(listOf(opp, name("brand"))).toEqual(text(rb.opportunity.brand));
    expect(listOf(opp, name("maturity"))).toEqual(text(rb.opportunity.maturity));
    expect(listOf(opp, name("price"))).toEqual(text(rb.opportunity.price));
    expect(listOf(opp, name("ownership"))).toEqual(text(rb.payment.ownership));
    expect(listOf(opp, name("finances"))).toEqual(text(rb.payment.finances));
    expect(listOf(opp, name("history"))).toEqual(text(rb.payment.history));
    expect(listOf(opp, name("industry"))).toEqual(text(rb.payment.industry));
    expect(listOf(opp, name("projectType"))).toEqual(text(rb.owner.projectTypes));
    expect(listOf(opp, name("projectClass"))).toEqual(text(rb.team.classes));
    expect(listOf(opp, name("condition"))).toEqual(text(rb.owner.conditions));
    expect(listOf(opp, name("office"))).toEqual(text(rb.owner.offices));
    expect(listOf(opp, name("customerRejects"))).toEqual(lang === "en" ? ["Yes", "No"] : ["是", "否"]);
    expect(listOf(opp, name("project"))).toBeUndefined();
    const ar = built.get("receivables")!.plan;
    expect(listOf(ar, name("customerClass", AGING_COLUMNS))).toEqual(text(rb.contract.customerClasses));
    expect(listOf(ar, name("invoiceType", AGING_COLUMNS))).toEqual(text(rb.receivables.invoiceTypes));
    expect(listOf(ar, name("region", AGING_COLUMNS))).toEqual(text(rb.owner.regions));
    const log = built.get("dunningLog")!.plan;
    expect(listOf(log, name("method", LOG_COLUMNS))).toEqual(text(LOG_METHODS));
    // each drop-down covers its column's data row, below the header
    for (const reg of built.values()) {
      const t = reg.plan.tables![0];
      for (const v of reg.plan.validations!) expect(v.area).toEqual({ row: t.area.row + 1, col: v.area.col, rows: 1, cols: 1 });
    }
  });

  test("the formula columns are LTC calls on this row's cells, laid out by each function's parameters", () => {
    const opp = built.get("opportunities")!;
    const ar = built.get("receivables")!;
    if (lang === "zh") {
      const criteria = "[@品牌认同度],[@客户成熟度],[@竞争对手参与比例],[@价格竞争力]";
      const blank = 'AND([@品牌认同度]="",[@客户成熟度]="",[@竞争对手参与比例]="",[@价格竞争力]="")';
      expect(formulaOf(opp, "机会点得分")).toBe(`=IF(${blank},"",LTC.OPPSCORE(${criteria}))`);
      expect(formulaOf(opp, "成功概率")).toBe(`=IF(${blank},"",LTC.WINPROB(${criteria}))`);
      expect(formulaOf(opp, "付款能力得分")).toBe(
        '=IF(AND([@客户企业性质]="",[@客户财务状况]="",[@客户付款历史]="",[@行业盈利能力]=""),"",LTC.PAYSCORE([@客户企业性质],[@客户财务状况],[@客户付款历史],[@行业盈利能力]))',
      );
      expect(formulaOf(opp, "主责部门")).toBe('=IF([@项目类型]="","",LTC.OWNERDEPT([@项目类型],[@金额],[@立项条件],[@代表处],"zh"))');
      expect(formulaOf(opp, "线索温度")).toBe('=IF([@距采购月数]="","",LTC.LEADTEMP([@距采购月数],,,,"zh"))');
      expect(formulaOf(ar, "账龄段")).toBe(`=IF([@到期日]="","",LTC.AGINGBUCKET([@到期日],${AS_OF_NAME},"zh"))`);
      expect(formulaOf(ar, "诉讼时效届满日")).toBe('=IF([@到期日]="","",LTC.LIMITDATE([@到期日],[@最近回款日],[@最近催款或对账日]))');
    } else {
      expect(formulaOf(opp, "Opportunity score")).toBe(
        '=IF(AND([@[Brand recognition]]="",[@[Customer maturity]]="",[@[Competitor share]]="",[@[Price competitiveness]]=""),"",LTC.OPPSCORE([@[Brand recognition]],[@[Customer maturity]],[@[Competitor share]],[@[Price competitiveness]]))',
      );
      expect(formulaOf(opp, "Lead temperature")).toBe('=IF([@[Months to procurement]]="","",LTC.LEADTEMP([@[Months to procurement]],,,,"en"))');
      expect(formulaOf(ar, "Aging bucket")).toBe(`=IF([@[Due date]]="","",LTC.AGINGBUCKET([@[Due date]],${AS_OF_NAME},"en"))`);
    }
    for (const reg of built.values()) for (const f of reg.plan.tables![0].columnFormulas ?? []) expect(f.formula.customFunctionNamespace).toBe("LTC");
  });

  test("percent and date formats where Excel needs them; the as-of date is a named input cell", () => {
    const opp = built.get("opportunities")!.plan;
    const data = opp.blocks.find((b) => b.row === 1)!;
    const fmt = (plan: SheetPlan, name: string) => {
      const block = plan.blocks.find((b) => b.row === plan.tables![0].area.row + 1)!;
      const style = block.columnStyles![header(plan).indexOf(name)];
      return style === undefined ? undefined : plan.styles[style].numberFormat;
    };
    expect(data).toBeDefined();
    const zh = lang === "zh";
    expect(fmt(opp, zh ? "竞争对手参与比例" : "Competitor share")).toBe("0%");
    expect(fmt(opp, zh ? "成功概率" : "Win probability")).toBe("0%");
    expect(fmt(opp, zh ? "预计签约日期" : "Expected signing date")).toBe("yyyy-mm-dd");
    expect(fmt(opp, zh ? "金额" : "Amount")).toBe("#,##0.00");
    const ar = built.get("receivables")!.plan;
    expect(fmt(ar, zh ? "诉讼时效届满日" : "Limitation ends")).toBe("yyyy-mm-dd");
    expect(fmt(ar, zh ? "到期日" : "Due date")).toBe("yyyy-mm-dd");
    expect(ar.names).toEqual([{ name: AS_OF_NAME, row: 0, col: 1 }]);
    const asOfCell = ar.blocks.find((b) => b.row === 0 && b.col === 1)!;
    expect(ar.styles[asOfCell.style!]).toMatchObject({ input: true, numberFormat: "yyyy-mm-dd" });
  });
});

describe("registers and the workbook", () => {
  test("a table name the workbook already has is never reused: the register gets a new one, and its own owner key", () => {
    const first = registers("zh");
    const again = registers("zh", DEFAULT_RULEBOOK, ["商机登记表", "应收账款台账", "催收记录", "其他表"]);
    expect([...again.values()].map((r) => r.tableName)).toEqual(["商机登记表_2", "应收账款台账_2", "催收记录_2"]);
    expect(again.get("opportunities")!.plan.tables![0].name).toBe("商机登记表_2");
    // a second set never replaces the first (which the user may have filled in)
    expect(again.get("opportunities")!.plan.ownerKey).not.toBe(first.get("opportunities")!.plan.ownerKey);
  });

  test("the as-of date given is written into the named cell", () => {
    const [reg] = buildRegisters(DEFAULT_RULEBOOK, FUNCTIONS, { lang: "zh", asOf: 46356, kinds: ["receivables"] });
    expect(reg.plan.blocks.find((b) => b.row === 0 && b.col === 1)!.values).toEqual([[46356]]);
  });

  test("a rulebook with its own labels gives its own drop-downs", () => {
    const rb = structuredClone(DEFAULT_RULEBOOK) as Rulebook;
    rb.process.statuses = [...rb.process.statuses, { code: "status.custom", zh: "待定", en: "Pending", aliases: [], outcome: "paused", mark: "default" }];
    const opp = registers("zh", rb).get("opportunities")!.plan;
    expect(listOf(opp, "状态")).toContain("待定");
  });

  test("a parameter renamed, added or made required breaks the formula loudly instead of shifting arguments", () => {
    const headerOf = (k: string) => ({ a: "甲", b: "乙" })[k];
    const fn = { name: "F", params: [{ name: "x" }, { name: "y", optional: true }] };
    expect(computedFormula(fn, { x: { column: "a" }, y: { column: "b" } }, headerOf, "zh").formula).toBe('=IF([@甲]="","",LTC.F([@甲],[@乙]))');
    expect(() => computedFormula({ ...fn, params: [{ name: "x2" }, fn.params[1]] }, { x: { column: "a" } }, headerOf, "zh")).toThrow("LTC.F has no parameter x");
    expect(() => computedFormula({ ...fn, params: [...fn.params, { name: "z" }] }, { x: { column: "a" } }, headerOf, "zh")).toThrow("required parameter z");
    expect(() => computedFormula(fn, { x: { column: "nope" } }, headerOf, "zh")).toThrow("no column nope");
  });
});

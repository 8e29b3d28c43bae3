import {
  openOpportunityTable,
  OPPORTUNITY_COLUMNS,
  OpportunityRecord,
  readOpportunities,
  readOpportunityRow,
} from "../../src/reports/opportunityTable";
import { RawTable } from "../../src/reports/table";
import { LtcError } from "../../src/rules/errors";
import { serialFromYmd } from "../../src/rules/values";
import { DEFAULT_RULEBOOK } from "../../src/rules/rulebook";
import {
  englishHeaderTable,
  HEADER,
  HOSTILE_CUSTOMER,
  HOSTILE_PM,
  HOSTILE_PROJECT,
  HOSTILE_SPONSOR,
  opportunityTable,
  ROW,
  SERIAL,
} from "../fixtures/opportunities";

const rb = DEFAULT_RULEBOOK;

/** A row's reading with its data issues as the one-liners these tests compare: column "金额 (Amount)", reason in English. */
function read(table: RawTable, row: number) {
  const reading = readOpportunityRow(openOpportunityTable(table), row, rb);
  const problems = reading.problems.map((p) => ({
    row: p.row,
    column: p.column ? `${p.column.zh} (${p.column.en})` : "",
    value: p.value,
    reason: p.reason.en,
  }));
  return { ...reading, problems };
}

function recordAt(row: number, table = opportunityTable()): OpportunityRecord {
  const r = read(table, row);
  if (!r.record) throw new Error(`row ${row}: no record; ${JSON.stringify(r.problems)}`);
  return r.record;
}

/** A one-row table from header/value pairs. */
function tableOf(pairs: Array<[string, unknown]>, firstRowNumber = 5): RawTable {
  return { header: pairs.map(([h]) => h), rows: [pairs.map(([, v]) => v)], firstRowNumber };
}

const MINIMAL: Array<[string, unknown]> = [
  ["项目名称", "测试项目"],
  ["客户", "测试客户"],
  ["项目类型", "发电MTO项目"],
  ["项目类别", "常规-一般项目"],
  ["金额", 1000],
];

describe("columns by header", () => {
  test("Chinese headers of the fixture map every column, the unknown 备注 is ignored", () => {
    const { index } = openOpportunityTable(opportunityTable());
    // the fixture predates the pipeline columns: those it lacks are absent (-1 here)
    for (const def of OPPORTUNITY_COLUMNS) expect(index[def.key] ?? -1).toBe(HEADER.indexOf(def.zh as (typeof HEADER)[number]));
    expect(Object.values(index)).not.toContain(HEADER.indexOf("备注"));
  });

  test("English headers read the same records as Chinese ones", () => {
    const zh = readOpportunities(opportunityTable(), rb);
    const en = readOpportunities(englishHeaderTable(), rb);
    expect(en.records).toEqual(zh.records);
    expect(en.problems).toEqual(zh.problems);
  });

  test("traditional, full-width and padded headers match", () => {
    const t = tableOf([
      ["  項目名稱 ", "甲"],
      ["客戶", "乙"],
      ["項目類型", "大修"],
      ["項目類別", "一般"],
      ["金額", 100],
      ["ＰＭ", "丙"],
    ]);
    const r = read(t, 5);
    expect(r.problems).toEqual([]);
    expect(r.record).toMatchObject({ project: "甲", customer: "乙", amountFen: 10_000, people: { pm: "丙" } });
    expect(r.record!.projectType!.code).toBe("type.overhaul");
    expect(r.record!.projectClass!.code).toBe("class.regular.general");
  });

  test("an amount header in 万元 multiplies plain numbers by 10,000; text with 万 is read as written", () => {
    const wan = (v: unknown) =>
      read(tableOf([...MINIMAL.slice(0, 4), ["金额(万元)", v]]), 5).record!.amountFen;
    expect(wan(600)).toBe(600_000_000);
    expect(wan("600")).toBe(600_000_000);
    expect(wan("600万")).toBe(600_000_000);
    expect(read(tableOf([...MINIMAL.slice(0, 4), ["金额(元)", 600]]), 5).record!.amountFen).toBe(60_000);
    expect(read(tableOf([...MINIMAL.slice(0, 4), ["Amount (CNY)", "1,234.56"]]), 5).record!.amountFen).toBe(123_456);
  });

  test("the amount's unit comes from the shared header-unit reader: 千元, a title line's 万元, and an unknown unit is an error naming the column", () => {
    const amount = (header: string, v: unknown, titles?: RawTable["titles"]) => {
      const t = tableOf([...MINIMAL.slice(0, 4), [header, v]]);
      return read(titles ? { ...t, titles } : t, 5);
    };
    expect(amount("金额（千元）", 1.5).record!.amountFen).toBe(150_000);
    expect(amount("金额", 2, [{ row: 1, text: "单位：万元" }]).record!.amountFen).toBe(2_000_000);
    expect(amount("金额(万元)", "0.0000001").problems[0].reason).toBe('amountCNY: "0.0000001" has digits below one fen (unit: 10,000 yuan (万元))');
    expect(amount("金额(万元)", -3).problems[0].reason).toMatch(/cannot be negative/);
    expect(() => openOpportunityTable(tableOf([...MINIMAL.slice(0, 4), ["金额(美元)", 1]]))).toThrow(
      'The 金额 (Amount) column\'s header "金额(美元)" states an unknown unit "美元"; accepted units: 元, 千元, 万元',
    );
  });

  test("stage by name or by gate, status, last follow-up, months to procurement and the BIDGO facts are read; bad cells are problems", () => {
    const pipeline = (stage: unknown, status: unknown, more: Array<[string, unknown]> = []) =>
      read(tableOf([...MINIMAL, ["阶段", stage], ["状态", status], ...more]), 5);
    expect(pipeline("引导客户", "跟进中").record).toMatchObject({ stage: { code: "stage.guide" }, status: { code: "status.open" } });
    expect(pipeline("AT1", "赢单").record!.stage!.code).toBe("stage.validate");
    expect(pipeline("ATC", "Lost").record).toMatchObject({ stage: { code: "stage.contract" }, status: { outcome: "lost" } });
    expect(pipeline("制定並提交解決方案", "暫停").record).toMatchObject({ stage: { code: "stage.solution" }, status: { outcome: "paused" } });
    const r = pipeline("Guide customer (pre-bid)", "open", [
      ["最近跟进日期", "2026/11/2"],
      ["距采购月数", "4个月"],
      ["客户明确拒绝", "否"],
      ["不符合销售策略", "是"],
    ]);
    expect(r.problems).toEqual([]);
    expect(r.record).toMatchObject({ lastFollowUp: serialFromYmd(2026, 11, 2), monthsToProcurement: 4, bidFacts: { customerRejects: false, offStrategy: true } });
    expect(pipeline("", "").record!.stage).toBeUndefined();
    expect(pipeline("", "").record!.bidFacts).toBeUndefined();
    const bad = pipeline("AT9", "进展中", [["最近跟进日期", "上周"], ["距采购月数", -1], ["明确无产品需求", "也许"]]);
    expect(bad.problems.map((p) => [p.column, p.reason.split(";")[0]])).toEqual([
      ["阶段 (Stage)", 'stage: "AT9" is not accepted'],
      ["状态 (Status)", 'status: "进展中" is not accepted'],
      ["最近跟进日期 (Last follow-up)", 'lastFollowUp: "上周" is not accepted'],
      ["距采购月数 (Months to procurement)", "monthsToProcurement: -1 is not accepted"],
      ["明确无产品需求 (No need)", 'noNeed: "也许" is not accepted'],
    ]);
    expect(bad.problems[0].reason).toContain("or the gate at a stage's end (AT1, AT2, AT3, AT4, AT5)");
  });

  test("a missing required column is one message naming it and its aliases", () => {
    const header = HEADER.filter((h) => h !== "项目类型");
    const t: RawTable = { header, rows: [], firstRowNumber: 2 };
    expect(() => openOpportunityTable(t)).toThrow(LtcError);
    try {
      openOpportunityTable(t);
    } catch (e) {
      const err = e as LtcError;
      expect(err.code).toBe("#VALUE!");
      expect(err.message).toContain("项目类型 (Project type)");
      expect(err.message).toContain("accepted headers: 项目类型, Project type, 类型, Type");
      expect(err.message).not.toContain("项目类别 (");
    }
  });

  test("several missing columns are named in the same message", () => {
    const t: RawTable = { header: ["项目名称", "客户", "备注"], rows: [], firstRowNumber: 2 };
    let message = "";
    try {
      openOpportunityTable(t);
    } catch (e) {
      message = (e as Error).message;
    }
    for (const name of ["项目类型 (Project type)", "项目类别 (Project class)", "金额 (Amount)"]) expect(message).toContain(name);
    expect(message).not.toContain("项目名称 (Project)");
  });

  test("optional columns may be missing: the record reads without them", () => {
    const r = read(tableOf(MINIMAL), 5);
    expect(r.problems).toEqual([]);
    expect(r.record).toMatchObject({ opportunityComplete: false, paymentComplete: false, people: {}, places: {} });
  });
});

describe("records", () => {
  test("labels in simplified, traditional and English resolve to rulebook rows", () => {
    expect(recordAt(ROW.southernGrid).projectType!.code).toBe("type.csg");
    expect(recordAt(ROW.southernGrid).projectClass!.code).toBe("class.gridtender");
    expect(recordAt(ROW.provincial).projectType!.code).toBe("type.provincial");
    expect(recordAt(ROW.provincial).projectClass!.code).toBe("class.provincialtender");
    expect(recordAt(ROW.hostile).projectType!.code).toBe("type.mto");
    expect(recordAt(ROW.hostile).projectClass!.code).toBe("class.regular.major");
    expect(recordAt(ROW.southernGrid).opportunityComplete).toBe(true);
    expect(recordAt(ROW.provincial).paymentComplete).toBe(true);
  });

  test("amounts become integer fen: number, text with commas, 万 text, two decimals", () => {
    expect(recordAt(ROW.stateGrid).amountFen).toBe(1_200_000_000);
    expect(recordAt(ROW.mto600).amountFen).toBe(600_000_000);
    expect(recordAt(ROW.mtoSmall).amountFen).toBe(499_999_999);
    expect(recordAt(ROW.hostile).amountFen).toBe(800_000_000);
  });

  test("dates from serials, ISO text, Date objects and 年月日 text", () => {
    expect(recordAt(ROW.stateGrid)).toMatchObject({ tenderDate: SERIAL["2026-03-15"], signingDate: SERIAL["2026-04-30"] });
    expect(recordAt(ROW.mto600)).toMatchObject({ tenderDate: SERIAL["2026-05-20"], signingDate: SERIAL["2026-06-30"] });
    expect(recordAt(ROW.localGrid).signingDate).toBe(SERIAL["2026-09-01"]);
    expect(recordAt(ROW.mtoSmall).tenderDate).toBeUndefined();
  });

  test("people and places are kept as typed text; blanks are absent", () => {
    const r = recordAt(ROW.mto600);
    expect(r.people).toEqual({ pm: "孙经理", customerRep: "周代表" });
    expect(r.places).toEqual({ office: "内蒙古代表处", projectLocation: "内蒙古" });
    expect(recordAt(ROW.cooperation)).toMatchObject({ places: { signingPlace: "上海" }, condition: "立项时明确合同签订地" });
  });

  test("hostile text stays plain strings", () => {
    const r = recordAt(ROW.hostile);
    expect(r.project).toBe(HOSTILE_PROJECT);
    expect(r.customer).toBe(HOSTILE_CUSTOMER);
    expect(r.people.sponsor).toBe(HOSTILE_SPONSOR);
    expect(r.people.pm).toBe(HOSTILE_PM);
    // surrounding whitespace (tab, CR) is trimmed like any other; the rest stays text
    expect(r.people.customerRep).toBe("TAB=1");
    expect(r.people.deliveryRep).toBe("=CR");
    for (const v of [r.project, r.customer, ...Object.values(r.people)]) expect(typeof v).toBe("string");
  });
});

describe("problems", () => {
  test("every unreadable cell of a bad row is a problem with the row a user sees, the column, the value and why", () => {
    const { record, problems } = read(opportunityTable(), ROW.bad);
    expect(record).toBeDefined(); // a named project still gets a record
    const byColumn = Object.fromEntries(problems.map((p) => [p.column, p]));
    expect(Object.keys(byColumn).sort()).toEqual(
      [
        "项目类型 (Project type)",
        "项目类别 (Project class)",
        "金额 (Amount)",
        "品牌认同度 (Brand recognition)",
        "竞争对手参与比例 (Competitor share)",
        "客户企业性质 (Customer ownership)",
        "预计招标日期 (Expected tender date)",
      ].sort(),
    );
    for (const p of problems) expect(p.row).toBe(16);
    expect(byColumn["项目类型 (Project type)"]).toMatchObject({ value: "未知类型项目" });
    expect(byColumn["项目类型 (Project type)"].reason).toMatch(/^projectType: "未知类型项目" is not accepted; accepts 国网集采/);
    expect(byColumn["项目类别 (Project class)"].reason).toMatch(/^projectClass is required; accepts 常规-一般项目/);
    expect(byColumn["金额 (Amount)"]).toMatchObject({ value: "abc" });
    expect(byColumn["金额 (Amount)"].reason).toMatch(/^amountCNY: "abc" is not accepted/);
    expect(byColumn["品牌认同度 (Brand recognition)"].reason).toMatch(/^brand: "非常认可" is not accepted; accepts 按公司方案上图/);
    expect(byColumn["竞争对手参与比例 (Competitor share)"].reason).toMatch(/^competitorShare: "-5%" is not accepted/);
    // 民营 is a near miss: matching is exact, so it is neither 民营企业 nor 大型民营企业
    expect(byColumn["客户企业性质 (Customer ownership)"].reason).toMatch(/^ownership: "民营" is not accepted/);
    expect(byColumn["预计招标日期 (Expected tender date)"].reason).toMatch(/^tenderDate: "2026-02-30" is not accepted; accepts a date/);
    expect(record!.opportunityComplete).toBe(false);
    expect(record!.paymentComplete).toBe(false);
    expect(record!.projectType).toBeUndefined();
  });

  test("a blank criterion in a present column is a problem naming it", () => {
    const { problems } = read(opportunityTable(), ROW.strategic);
    expect(problems.map((p) => p.column)).toEqual([
      "客户企业性质 (Customer ownership)",
      "客户财务状况 (Customer finances)",
      "客户付款历史 (Payment history)",
      "行业盈利能力 (Industry profitability)",
    ]);
    expect(problems[0]).toMatchObject({ row: 14, value: null });
    expect(problems[0].reason).toMatch(/^ownership is required; accepts 两网、大型央企/);
  });

  test("a row without a project name gives no record and says why", () => {
    const { record, problems } = read(opportunityTable(), ROW.noName);
    expect(record).toBeUndefined();
    expect(problems[0]).toMatchObject({ row: 18, column: "项目名称 (Project)", value: null });
    expect(problems[0].reason).toContain("required");
  });

  test("an empty row is skipped when reading the table, and a problem when selected", () => {
    const all = readOpportunities(opportunityTable(), rb);
    expect(all.problems.some((p) => p.row === ROW.empty)).toBe(false);
    expect(all.records.map((r) => r.row)).not.toContain(ROW.empty);
    expect(read(opportunityTable(), ROW.empty).problems).toEqual([
      { row: 17, column: "", value: null, reason: "the row is empty" },
    ]);
  });

  test("a row number outside the table is a problem naming the table's rows", () => {
    for (const n of [1, 20, 0, -3, 2.5, NaN]) {
      const r = read(opportunityTable(), n);
      expect(r.record).toBeUndefined();
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0].reason).toContain("rows 2–19");
    }
  });

  test("a signing date before the tender date is a problem", () => {
    const t = tableOf([...MINIMAL, ["预计招标日期", "2026-06-01"], ["预计签约日期", "2026-05-01"]]);
    const { problems } = read(t, 5);
    expect(problems).toEqual([
      {
        row: 5,
        column: "预计签约日期 (Expected signing date)",
        value: "2026-05-01",
        reason: "signingDate 2026-05-01 is before the expected tender date 2026-06-01",
      },
    ]);
  });

  test("readOpportunities: every named row is a record; problems come in row order", () => {
    const { records, problems } = readOpportunities(opportunityTable(), rb);
    expect(records.map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 19]);
    const rows = problems.map((p) => p.row);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(new Set(rows)).toEqual(new Set([14, 16, 18, 19]));
  });
});

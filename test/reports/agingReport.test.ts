import { rulebookStamp } from "../../src/rules/fingerprint";
import { DEFAULT_RULEBOOK } from "../../src/rules/rulebook";
import { serialFromYmd } from "../../src/rules/values";
import { AgingOptions, buildAging } from "../../src/reports/aging";
import { buildAgingReport, buildRegionReports, planStrings, planValueOf } from "../../src/reports/agingReport";
import { isFormula, PlanValue, SheetPlan } from "../../src/reports/sheetplan";
import { RawTable } from "../../src/reports/table";

const rb = DEFAULT_RULEBOOK;
const d = (y: number, m: number, day: number) => serialFromYmd(y, m, day);
const AS_OF = d(2026, 11, 30);
const HEADER = ["合同号", "客户", "客户分类", "片区", "代表处", "产线", "发票号", "发票类型", "开票日期", "到期日", "金额", "已回款", "最近回款日", "最近催款或对账日", "质量问题", "客户所在地"];

const HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "\t=1+1", "\r=2+2", "=1+1"];

const ROWS: unknown[][] = [
  /* 2 */ ["HT-001", "长沙电业局", "系统内", "", "湖南代表处", "GIS", "FP001", "增值税普通发票", d(2026, 9, 1), d(2026, 10, 1), 1234.56, 234.56, null, null, "", "湖南"],
  /* 3 */ ["HT-002", "广州供电局", "A类", "", "广东代表处", "电容器", "FP002", "专票", d(2016, 3, 1), d(2016, 4, 1), "¥20,000.00", 0, null, d(2024, 2, 28), "是", "广东"],
  /* 4 */ ["HT-003", "武汉客户", "B类", "", "湖北代表处", "GIS", "FP003", "", null, d(2026, 11, 1), 100, 150, null, null, "", "广东"],
  /* 5 */ ["HT-004", "坏行", "B类", "", "湖北代表处", "GIS", "FP004", "", null, d(2026, 11, 1), "abc", null, null, null, "", ""],
  /* 6 */ [HOSTILE[0], HOSTILE[1], HOSTILE[2], HOSTILE[3], HOSTILE[6], HOSTILE[4], HOSTILE[5], "=SUM(A1)", d(2026, 1, 1), AS_OF - 5, 10, null, "@NOW()", null, "-1", "+86"],
];
const TABLE: RawTable = { header: HEADER, rows: ROWS, firstRowNumber: 2, source: "应收台账!A1:P6" };

function build(options: Partial<AgingOptions> = {}, rows = ROWS) {
  const result = buildAging({ ...TABLE, rows }, { asOf: AS_OF, groupBy: ["region", "office"], ...options }, rb);
  return { result, plans: buildAgingReport(result, rb) };
}

/** The cell at (row, col) as the blocks write it (later blocks win). */
function cell(plan: SheetPlan, row: number, col: number): PlanValue | undefined {
  let v: PlanValue | undefined;
  for (const b of plan.blocks) {
    const r = row - b.row;
    const c = col - b.col;
    if (r >= 0 && r < b.values.length && c >= 0 && c < b.values[r].length) v = b.values[r][c];
  }
  return v;
}

/** The row index whose first cell is `text`. */
function rowOf(plan: SheetPlan, text: string): number {
  for (const b of plan.blocks) {
    const i = b.values.findIndex((r) => r[0] === text && b.col === 0);
    if (i >= 0) return b.row + i;
  }
  throw new Error(`no row starting with ${text} in ${plan.name}`);
}

function rowValues(plan: SheetPlan, row: number, from = 0, count = 40): (PlanValue | undefined)[] {
  const out: (PlanValue | undefined)[] = [];
  for (let c = from; c < from + count; c++) out.push(cell(plan, row, c));
  while (out.length > 0 && out[out.length - 1] === undefined) out.pop();
  return out;
}

describe("the sheets", () => {
  const { plans } = build();

  test("summary, detail, actions, provision, data issues — named in the output language, owned by LTC Desk", () => {
    expect(plans.map((p) => [p.name, p.ownerKey])).toEqual([
      ["账龄汇总", "aging:summary"],
      ["账龄明细", "aging:detail"],
      ["催收措施", "aging:actions"],
      ["坏账准备", "aging:provision"],
      ["数据问题", "aging:issues"],
    ]);
    expect(build({ lang: "en" }).plans.map((p) => p.name)).toEqual(["Aging summary", "Aging detail", "Actions", "Provision", "Data issues"]);
  });

  test("every sheet writes the as-of date as a constant date cell and prints on A4 with the rulebook in the footer", () => {
    for (const p of plans) {
      expect(cell(p, 1, 0)).toBe("截至日期");
      expect(cell(p, 1, 1)).toBe(AS_OF);
      expect(p.blocks.find((b) => b.row === 1 && b.col === 1)!.style).toBe("date");
      expect(p.styles.date.numberFormat).toBe("yyyy-mm-dd");
      expect(cell(p, 3, 1)).toBe(rulebookStamp(rb));
      expect(p.print!.paper).toBe("A4");
      expect(p.print!.footer).toContain(`规则手册 ${rulebookStamp(rb)}`);
      expect(p.print!.footer).toContain("截至日期 2026-11-30");
    }
  });

  test("no plan cell is a formula: there is no TODAY() and data text never becomes one", () => {
    for (const p of plans) for (const b of p.blocks) for (const r of b.values) for (const v of r) expect(isFormula(v)).toBe(false);
  });
});

describe("summary", () => {
  const { result, plans } = build();
  const summary = plans[0];
  const header = rowOf(summary, "片区 / 代表处");

  test("groups × buckets with total, share, count and credits; grand total", () => {
    expect(rowValues(summary, header)).toEqual([
      "片区 / 代表处",
      "未到期",
      "1-30天",
      "31-90天",
      "91-180天",
      "181-365天",
      "1-2年",
      "2-3年",
      "3年以上",
      "合计",
      "占比",
      "笔数",
      "贷方余额",
      "贷方笔数",
    ]);
    // groups in rulebook region order: 华中 (湖北 credit, 湖南), 华南 (广东), then the hostile row's own region text
    expect(rowValues(summary, header + 1)).toEqual(["华中片区 / 湖北代表处", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -50, 1]);
    expect(rowValues(summary, header + 2)).toEqual(["华中片区 / 湖南代表处", 0, 0, 1000, 0, 0, 0, 0, 0, 1000, 1000 / 21010, 1, 0, 0]);
    expect(rowValues(summary, header + 3)).toEqual(["华南片区 / 广东代表处", 0, 0, 0, 0, 0, 0, 0, 20000, 20000, 20000 / 21010, 1, 0, 0]);
    expect(rowValues(summary, header + 4)).toEqual([`${HOSTILE[3]} / ${HOSTILE[6]}`, 0, 10, 0, 0, 0, 0, 0, 0, 10, 10 / 21010, 1, 0, 0]);
    expect(rowValues(summary, header + 5)).toEqual(["总计", 0, 10, 1000, 0, 0, 0, 0, 20000, 21010, 1, 3, -50, 1]);
    expect(result.groups).toHaveLength(4);
  });

  test("data bars on the group totals and a stacked chart of groups by bucket", () => {
    expect(summary.conditionalFormats).toEqual([
      { kind: "dataBar", area: { row: header + 1, col: 9, rows: 4, cols: 1 }, color: "#5B9BD5" },
    ]);
    expect(summary.charts).toHaveLength(1);
    expect(summary.charts![0]).toMatchObject({ kind: "stackedBar", title: "各组账龄分布", data: { row: header, col: 0, rows: 5, cols: 9 } });
    expect(summary.freeze).toEqual({ rows: header + 1, cols: 1 });
    expect(summary.print).toMatchObject({ orientation: "landscape", repeatRows: { first: header, last: header }, fitToWidth: true });
  });

  test("the reconciliation line, exact to the fen", () => {
    const strings = planStrings([summary]);
    expect(strings).toContain("全部输入行未回款 20,960.00 = 各账龄段合计 21,010.00 + 贷方余额 -50.00 + 剔除行 0.00 ✓");
    const recon = rowOf(summary, "全部输入行未回款（金额 − 已回款）");
    expect(rowValues(summary, recon, 0, 2)).toEqual(["全部输入行未回款（金额 − 已回款）", 20960]);
    expect(rowValues(summary, recon + 1, 0, 2)).toEqual(["各账龄段合计", 21010]);
    expect(rowValues(summary, recon + 2, 0, 2)).toEqual(["贷方余额合计", -50]);
    expect(rowValues(summary, recon + 3, 0, 2)).toEqual(["剔除行合计", 0]);
    expect(rowValues(summary, recon + 4, 0, 2)).toEqual(["差额", 0]);
    expect(rowValues(summary, recon + 5, 0, 2)).toEqual(["读取行数", 5]);
  });

  test("the VAT certification note appears because one invoice predates 2017", () => {
    const strings = planStrings([summary]);
    expect(strings.some((s) => s.startsWith("1 笔：增值税专用发票须在开具之日起180日内认证"))).toBe(true);
    const { plans: noVat } = build({}, ROWS.slice(0, 1));
    expect(planStrings(noVat).some((s) => s.includes("180日"))).toBe(false);
  });

  test("in English", () => {
    const en = build({ lang: "en" }).plans[0];
    expect(planStrings([en])).toContain(
      "Outstanding of all input rows 20,960.00 = Σ buckets 21,010.00 + Σ credits -50.00 + Σ excluded 0.00 ✓",
    );
    expect(rowValues(en, rowOf(en, "Region / Office"), 0, 3)).toEqual(["Region / Office", "Not due", "1-30 days"]);
  });
});

describe("detail", () => {
  const { plans } = build();
  const detail = plans[1];
  const header = rowOf(detail, "行号");

  test("every open item and credit in input order, with dates, amounts, bucket, limitation, flags and action", () => {
    expect(rowValues(detail, header)).toEqual([
      "行号",
      "合同号",
      "客户",
      "客户分类",
      "片区",
      "代表处",
      "产线",
      "发票号",
      "发票类型",
      "开票日期",
      "到期日",
      "金额",
      "已回款",
      "未回款",
      "逾期天数",
      "账龄",
      "最近回款日",
      "最近催款或对账日",
      "公司期限",
      "法定时效届满日",
      "距法定时效届满天数",
      "时效将届满（90天内）",
      "时效已届满",
      "质量问题",
      "跨区域",
      "无力支付",
      "贷方余额",
      "专票认证期限",
      "建议措施",
      "审批链",
      "备注",
    ]);
    expect(rowValues(detail, header + 1)).toEqual([
      2, "HT-001", "长沙电业局", "系统内", "华中片区", "湖南代表处", "GIS", "FP001", "增值税普通发票", d(2026, 9, 1), d(2026, 10, 1),
      1234.56, 234.56, 1000, 60, "31-90天", null, null, d(2028, 10, 1), d(2029, 10, 1), d(2029, 10, 1) - AS_OF,
      null, null, null, null, null, null, null, "发催款函", "", "",
    ]);
    expect(rowValues(detail, header + 2)).toEqual([
      3, "HT-002", "广州供电局", "系统外A类", "华南片区", "广东代表处", "电容器", "FP002", "增值税专用发票", d(2016, 3, 1), d(2016, 4, 1),
      // the 2024 letter came after both periods ran out (2018 and 2019): it restarts nothing
      20000, 0, 20000, AS_OF - d(2016, 4, 1), "3年以上", null, d(2024, 2, 28), d(2018, 4, 1), d(2019, 4, 1), d(2019, 4, 1) - AS_OF,
      // a quality dispute goes to the company, whatever the ladder would say
      null, "是", "是", null, null, null, d(2016, 3, 1) + 180, "质量问题：上升到公司处理", "",
      "时效已届满：仅客户书面确认债务（签章对账函/还款承诺）可恢复；已过公司期限；专票认证期限已过",
    ]);
    expect(rowValues(detail, header + 3)).toEqual([
      4, "HT-003", "武汉客户", "B类", "华中片区", "湖北代表处", "GIS", "FP003", "", null, d(2026, 11, 1),
      100, 150, -50, 29, "贷方余额", null, null, null, null, null,
      null, null, null, "是", null, "是", null, "与客户对账后退款或冲抵", "", "",
    ]);
  });

  test("hostile text stays the exact string value, never a formula", () => {
    const hostile = rowValues(detail, header + 4);
    expect(hostile.slice(0, 9)).toEqual([6, HOSTILE[0], HOSTILE[1], HOSTILE[2], HOSTILE[3], HOSTILE[6], HOSTILE[4], HOSTILE[5], "=SUM(A1)"]);
    const strings = planStrings(plans);
    for (const h of [...HOSTILE, "=SUM(A1)", "@NOW()", "+86"]) expect(strings).toContain(h);
    for (const p of plans) for (const b of p.blocks) for (const r of b.values) for (const v of r) expect(isFormula(v)).toBe(false);
  });

  test("the VAT column appears only when some invoice predates the rule's end; the invoice basis adds the age column", () => {
    const plain = build({}, ROWS.slice(0, 1)).plans[1];
    const h = rowOf(plain, "行号");
    expect(rowValues(plain, h)).not.toContain("专票认证期限");
    const inv = build({ basis: "invoice" }, ROWS.slice(0, 1)).plans[1];
    const hi = rowOf(inv, "行号");
    expect(rowValues(inv, hi).slice(14, 17)).toEqual(["逾期天数", "账龄天数", "账龄"]);
    expect(rowValues(inv, hi + 1).slice(14, 17)).toEqual([60, 90, "31-90天"]);
    expect(cell(inv, 2, 1)).toBe("开票日期");
  });

  test("column styles: dates as dates, money with two decimals, text as text", () => {
    const data = detail.blocks.find((b) => b.row === header + 1)!;
    expect(data.columnStyles!.slice(0, 15)).toEqual(["days", "text", "text", "text", "text", "text", "text", "text", "text", "date", "date", "money", "money", "money", "days"]);
    expect(detail.styles.money.numberFormat).toBe("#,##0.00");
    expect(detail.styles.text.numberFormat).toBe("@");
    expect(detail.freeze).toEqual({ rows: header + 1, cols: 3 });
  });

  test("a detail past the per-sheet limit continues on numbered sheets", () => {
    const { result } = build();
    const plans2 = buildAgingReport(result, rb, { maxDetailRowsPerSheet: 2 });
    expect(plans2.map((p) => p.name)).toEqual(["账龄汇总", "账龄明细 1", "账龄明细 2", "催收措施", "坏账准备", "数据问题"]);
    const second = plans2[2];
    const h = rowOf(second, "行号");
    expect(cell(second, h + 1, 0)).toBe(4);
    expect(cell(second, h + 2, 0)).toBe(6);
    expect(cell(second, h + 3, 0)).toBeUndefined();
  });
});

describe("actions, provision, data issues", () => {
  const { plans } = build();
  const [, , actions, provision, issues] = plans;

  test("the escalation ladder with conditions, approval chains, counts and amounts", () => {
    const h = rowOf(actions, "建议措施");
    expect([1, 2, 3, 4, 5, 6, 7].map((i) => rowValues(actions, h + i, 0, 5))).toEqual([
      ["跟进回款计划", "未到期", "", 0, 0],
      ["提醒客户付款并对账", "逾期1-30天", "", 0, 0], // row 6's quality column says "-1": a dispute
      ["发催款函", "逾期31-90天", "", 1, 1000],
      ["省主任介入", "逾期91-180天", "", 0, 0],
      ["申请律师函", "逾期181-365天", "律师函：销售员申请 → 产品线应收会计审核金额 → 省主任 → 片区总 → 最终审批人", 0, 0],
      ["取得对账函或考虑诉讼", "逾期366天及以上，或时效90天内届满或已届满", "诉讼：销售员申请 → 应收会计 → 省主任 → 片区总 → 公司高管审批 → 财务总监 → 产品线总经理", 0, 0],
      ["与客户对账后退款或冲抵", "贷方余额（应退客户）", "", 1, -50],
    ]);
    expect([8, 9, 10].map((i) => rowValues(actions, h + i))).toEqual([
      [
        "客户无力支付：立即联系应收部门，发律师函并诉讼",
        "客户无力支付（经营异常）",
        "律师函：销售员申请 → 产品线应收会计审核金额 → 省主任 → 片区总 → 最终审批人",
        0,
        0,
        "课件",
      ],
      ["质量问题：上升到公司处理", "有质量问题", "", 2, 20010, "课件"],
      ["跨区域应收：省主任协调确定应收归属", "客户所在地不在本代表处片区", "", 0, 0, "课件"],
    ]);
  });

  test("the chains' roles, the demand evidence and the §13 working rules are listed from the rulebook", () => {
    const strings = planStrings([actions]);
    for (const s of rb.receivables.approvalSteps) expect(strings).toContain(s.zh);
    for (const e of rb.receivables.demandEvidence) expect(strings).toContain(e.zh);
    for (const p of rb.receivables.policies) expect(strings).toContain(p.zh);
    const en = planStrings([build({ lang: "en" }).plans[2]]);
    for (const s of rb.receivables.approvalSteps) expect(en).toContain(s.en);
    for (const e of rb.receivables.demandEvidence) expect(en).toContain(e.en);
  });

  test("provision per band with rates marked as defaults", () => {
    const h = rowOf(provision, "账龄段");
    expect(rowValues(provision, h + 1)).toEqual(["1年以内", 0.05, 2, 1010, 50.5, "默认"]);
    expect(rowValues(provision, h + 6)).toEqual(["5年以上", 1, 1, 20000, 20000, "默认"]);
    expect(rowValues(provision, h + 7)).toEqual(["合计", null, 3, 21010, 20050.5, null]);
    expect(planStrings([provision])).toContain("标记“默认”的为默认值，公司应自行设定（规则数据）");
  });

  test("data issues: row, column, value, problem, outcome, what was done, excluded amount", () => {
    const h = rowOf(issues, "行号");
    expect(rowValues(issues, h + 1)).toEqual([4, "已回款", 150, "已回款超过金额", "保留", "保留为贷方余额 -50.00（不计入账龄）", null]);
    expect(rowValues(issues, h + 2)).toEqual([
      5,
      "金额",
      "abc",
      "应为数字或如 1,234.50、¥1,000、(100) 的金额文本",
      "剔除",
      "该行未计入账龄（未回款 0.00 计入“剔除行”）",
      0,
    ]);
    const hostile = [rowValues(issues, h + 3), rowValues(issues, h + 4), rowValues(issues, h + 5), rowValues(issues, h + 6)];
    expect(hostile.map((r) => [r[0], r[1], r[2], r[4]])).toEqual([
      [6, "最近回款日", "@NOW()", "更正"],
      [6, "客户分类", HOSTILE[2], "保留"],
      [6, "发票类型", "=SUM(A1)", "保留"],
      [6, "客户所在地", "+86", "保留"],
    ]);
    expect(rowValues(issues, rowOf(issues, "剔除行"), 0, 3)).toEqual(["剔除行", 1, 0]);
  });

  test("a clean table says it has no data issues", () => {
    const clean = build({}, ROWS.slice(0, 1)).plans[4];
    expect(planStrings([clean])).toContain("没有数据问题。");
  });

  test("data values become plain cell values", () => {
    expect(planValueOf(new Date(Date.UTC(2026, 2, 5)))).toBe("2026-03-05");
    expect(planValueOf(undefined)).toBeNull();
    expect(planValueOf(NaN)).toBe("NaN");
    expect(planValueOf({ richText: [] })).toBe("[object Object]");
    expect(planValueOf("=1+1")).toBe("=1+1");
  });
});

describe("one report per region", () => {
  const { result } = build();
  const reports = buildRegionReports(result, rb);

  test("each region's sheets carry its name and their own owner keys", () => {
    expect(reports.map((r) => r.region)).toEqual(["-2+3", "华中片区", "华南片区"]);
    expect(reports[1].sheets.map((p) => [p.name, p.ownerKey])).toEqual([
      ["华中片区 账龄汇总", "aging:summary:华中片区"],
      ["华中片区 账龄明细", "aging:detail:华中片区"],
      ["华中片区 催收措施", "aging:actions:华中片区"],
      ["华中片区 坏账准备", "aging:provision:华中片区"],
      ["华中片区 数据问题", "aging:issues:华中片区"],
    ]);
    expect(cell(reports[1].sheets[0], 0, 0)).toBe("华中片区 应收账款账龄分析 — 账龄汇总");
    expect(reports[1].sheets[0].print!.footer).toContain("华中片区");
  });

  test("each region's summary reconciles to its own rows", () => {
    expect(planStrings(reports[1].sheets)).toContain("全部输入行未回款 950.00 = 各账龄段合计 1,000.00 + 贷方余额 -50.00 + 剔除行 0.00 ✓");
    expect(planStrings(reports[2].sheets)).toContain("全部输入行未回款 20,000.00 = 各账龄段合计 20,000.00 + 贷方余额 0.00 + 剔除行 0.00 ✓");
  });

  test("the footer is plain text (the renderers escape & for Excel's codes)", () => {
    const amp = buildAgingReport(result, { ...rb, version: "A&B" });
    expect(amp[0].print!.footer).toContain("规则手册 A&B · ");
  });
});

describe("region sheet names fit Excel's 31 characters without losing the sheet's kind", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { agingSheetName } = require("../../src/reports/agingReport");
  test.each([
    ["", "Aging summary", "Aging summary"],
    ["华北片区 ", "账龄汇总", "华北片区 账龄汇总"],
    ["Central China region ", "Aging summary", "Central China Aging summary"],
    ["Northwest China region ", "Data issues", "Northwest China Data issues"],
    ["Northwest China region ", "Aging summary", "Northwest China Aging summary"],
    ["A very long region name indeed region ", "Aging summary", "A very long regio Aging summary"],
  ])("%j + %j → %j", (prefix, word, name) => {
    expect(agingSheetName(prefix, word)).toBe(name);
    expect(agingSheetName(prefix, word).length).toBeLessThanOrEqual(31);
  });
});

import { buildPipeline, PipelineResult } from "../../src/reports/pipeline";
import { RawTable } from "../../src/reports/table";
import { LtcError } from "../../src/rules/errors";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";
import { serialFromYmd } from "../../src/rules/values";
import { craftedTable } from "../fixtures/pipelineTable";

/**
 * The pipeline on a crafted 商机 table: every stage (one by its gate), every
 * status, the stale-follow-up rule, the attention rules, rejected rows, and
 * weighted amounts rounded half-up to the fen per row with totals the sum of
 * the rows.
 */

const rb = DEFAULT_RULEBOOK;
const AS_OF = serialFromYmd(2026, 11, 30);
function pipeline(options: Partial<Parameters<typeof buildPipeline>[1]> = {}, book: Rulebook = rb): PipelineResult {
  return buildPipeline(craftedTable(), { asOf: AS_OF, ...options }, book);
}

describe("the pipeline of a crafted table", () => {
  const result = pipeline();

  test("the summary: open items (跟进中, 验证机会点…合同谈判与签订) by office × stage, weighted per row half-up to the fen", () => {
    expect(result.openStages.map((s) => s.zh)).toEqual(["验证机会点", "引导客户", "制定并提交解决方案", "合同谈判与签订"]);
    const cells = (label: string) => result.summary.find((g) => g.label === label)!.cells;
    expect(result.summary.map((g) => g.label)).toEqual(["北京代表处", "广东代表处", "湖南代表处", "（无代表处）"]);
    // 8 fen × 13/16 = 6.5 → 7 each; the group's weighted total is 7 + 7 = 14, not round(16 × 13/16) = 13
    expect(cells("湖南代表处")[0]).toEqual({ count: 2, amountFen: 16, weightedFen: 14 });
    expect(cells("广东代表处")[1]).toEqual({ count: 1, amountFen: 100_000_000, weightedFen: 100_000_000 });
    expect(cells("北京代表处")[2]).toEqual({ count: 1, amountFen: 50_000_000, weightedFen: 37_500_000 });
    // 2 fen × 12/16 = 1.5 → 2
    expect(cells("（无代表处）")[3]).toEqual({ count: 1, amountFen: 2, weightedFen: 2 });
    expect(result.summaryTotal.total).toEqual({ count: 5, amountFen: 150_000_018, weightedFen: 137_500_016 });
    expect(result.items.find((i) => i.row === 3)).toMatchObject({ probability: 0.8125, weightedFen: 7, open: true });
    expect(result.items.find((i) => i.row === 2)).toMatchObject({ open: false });
    expect(result.items.find((i) => i.row === 2)!.weightedFen).toBeUndefined();
  });

  test("the funnel: every stage with its count, amount, how many reached it, conversion, and wins and losses", () => {
    expect(result.funnel.map((f) => [f.stage.zh, f.count, f.reached, f.conversion])).toEqual([
      ["管理线索", 1, 10, 0.9],
      ["验证机会点", 3, 9, 6 / 9],
      ["引导客户", 2, 6, 4 / 6],
      ["制定并提交解决方案", 1, 4, 3 / 4],
      ["合同谈判与签订", 1, 3, 2 / 3],
      ["合同履行", 1, 2, 1 / 2],
      ["关闭", 1, 1, null],
    ]);
    expect(result.funnel[1]).toMatchObject({ amountFen: 5_016, open: 2, lost: 1, won: 0, paused: 0 });
    expect(result.funnel[2]).toMatchObject({ open: 1, paused: 1 });
    expect(result.won).toEqual({ count: 1, amountFen: 300_000_000, weightedFen: 0 });
    expect(result.lost).toEqual({ count: 2, amountFen: 15_000, weightedFen: 0 });
    expect(result.winRate).toBeCloseTo(1 / 3, 12);
  });

  test("leads by temperature (LEADTEMP of the months to procurement), hottest first", () => {
    expect(result.leads.map((l) => [l.temperature?.zh ?? null, l.count, l.amountFen])).toEqual([
      ["热线索", 1, 80_000_000],
      ["温线索", 0, 0],
      ["冷线索", 0, 0],
      [null, 0, 0],
    ]);
  });

  test("the forecast: weighted amounts by month of expected signing for 12 months from the as-of month; past due, later and undated apart", () => {
    expect(result.forecast.map((m) => `${m.year}-${m.month}`)).toEqual([
      "2026-11", "2026-12", "2027-1", "2027-2", "2027-3", "2027-4", "2027-5", "2027-6", "2027-7", "2027-8", "2027-9", "2027-10",
    ]);
    expect(result.forecast[1].tally).toEqual({ count: 1, amountFen: 8, weightedFen: 7 });
    expect(result.forecast[2].tally).toEqual({ count: 1, amountFen: 8, weightedFen: 7 });
    expect(result.pastDue.map((i) => i.row)).toEqual([5]);
    expect(result.pastDueTally.weightedFen).toBe(100_000_000);
    expect(result.later).toEqual({ count: 1, amountFen: 50_000_000, weightedFen: 37_500_000 });
    expect(result.undated).toEqual({ count: 1, amountFen: 2, weightedFen: 2 });
    const forecastWeighted = result.forecast.reduce((s, m) => s + m.tally.weightedFen, 0);
    expect(forecastWeighted + result.pastDueTally.weightedFen + result.later.weightedFen + result.undated.weightedFen).toBe(result.summaryTotal.total.weightedFen);
  });

  test("attention: stale or missing follow-up, no owner or PM past approval, 不投标 in bid preparation, a hot lead still in 管理线索", () => {
    expect(result.attention.map((a) => [a.row, a.kind, a.reason.zh])).toEqual([
      [2, "hotLead", "热线索仍在管理线索阶段：立即转化为机会点"],
      [3, "stale", "60 天未跟进，超过验证机会点阶段的跟进时限 30 天"],
      [5, "stale", "未记录最近跟进日期（引导客户阶段的跟进时限 30 天）"],
      [5, "noTeam", "已过立项仍未指定项目经理（项目团队）"],
      [6, "noOwner", expect.stringMatching(/^已过立项仍无主责部门：规则手册中没有对应的行：projectType: 战略类项目/)],
      [6, "noBid", "正在准备投标，但投标决策为 不投标：客户明确拒绝我方产品(方案)"],
    ]);
    expect(result.attention[1].reason.en).toBe("no follow-up for 60 days, over the Validate opportunity stage's limit of 30 days");
    // the paused row 10 went 699 days without follow-up: only 跟进中 rows need attention
    expect(result.attention.some((a) => a.row === 10)).toBe(false);
  });

  test("the stale limit is rulebook data: 60 days leaves row 3 alone", () => {
    const book: Rulebook = {
      ...rb,
      process: { ...rb.process, followUpLimits: rb.process.followUpLimits.map((l) => ({ ...l, maxDays: 60 })) },
    };
    const kinds = pipeline({}, book).attention.filter((a) => a.kind === "stale").map((a) => a.row);
    expect(kinds).toEqual([5]);
  });

  test("rejected rows are listed with their row and reason; the rows and amounts reconcile", () => {
    expect(result.rejected.map((r) => [r.row, r.reasons.map((x) => `${x.column?.zh ?? ""}: ${x.reason.en.split(";")[0]}`)])).toEqual([
      [12, ["阶段: Stage is required: the pipeline counts by stage"]],
      [13, ['状态: status: "进展中" is not accepted']],
      [14, ["品牌认同度: brand is required"]],
      [16, ["项目名称: Project is required: the charter is named after it"]],
    ]);
    expect(result.reconciliation).toEqual({
      rows: 14,
      counted: 10,
      rejected: 4,
      inputFen: 530_041_018,
      countedFen: 530_035_018,
      rejectedFen: 6_000,
    });
    expect(result.reconciliation.countedFen + result.reconciliation.rejectedFen).toBe(result.reconciliation.inputFen);
    expect(result.issues.map((i) => i.row)).toEqual([12, 13, 14, 16]);
  });

  test("grouped by 片区, 主责部门 (OWNERDEPT), 项目类型 and 项目经理", () => {
    const labels = (groupBy: "region" | "ownerDept" | "projectType" | "pm", lang: "zh" | "en" = "zh") =>
      pipeline({ groupBy, lang }).summary.map((g) => [g.label, g.total.count]);
    expect(labels("region")).toEqual([["华中片区", 2], ["华北片区", 1], ["华南片区", 1], ["（无片区）", 1]]);
    expect(labels("ownerDept")).toEqual([["代表处", 1], ["广东代表处", 1], ["湖南代表处", 2], ["（主责部门未定）", 1]]);
    expect(labels("projectType", "en")).toEqual([["Provincial power company tender project", 4], ["Strategic project", 1]]);
    expect(labels("pm")).toEqual([["李明", 4], ["（无项目经理）", 1]]);
  });

  test("without 阶段 or 状态 columns the pipeline cannot be built: one message names them", () => {
    const t = craftedTable();
    const keep = t.header.map((h) => h !== "阶段" && h !== "状态");
    const without: RawTable = { ...t, header: t.header.filter((_, i) => keep[i]), rows: t.rows.map((r) => r.filter((_, i) => keep[i])) };
    expect(() => buildPipeline(without, { asOf: AS_OF }, rb)).toThrow(LtcError);
    expect(() => buildPipeline(without, { asOf: AS_OF }, rb)).toThrow(/阶段 \(Stage\).*状态 \(Status\)/);
  });
});

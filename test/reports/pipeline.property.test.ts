import fc from "fast-check";
import { functionNamed } from "../../src/functions/registry";
import { evaluateCall } from "../../src/functions/runtime";
import { buildPipeline, PIPELINE_GROUP_KEYS, Tally } from "../../src/reports/pipeline";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";
import { formatFen, serialFromYmd } from "../../src/rules/values";

/**
 * Property tests: for random 商机 tables and success-probability weights, the
 * pipeline's totals are the sums of its rows (summary, funnel, forecast,
 * reconciliation), and every weighted amount is the amount × LTC.WINPROB as
 * the function answers it in a cell, rounded half-up to the fen.
 */

const AS_OF = serialFromYmd(2026, 11, 30);
const HEADER = ["项目名称", "客户", "项目类型", "项目类别", "金额", "代表处", "品牌认同度", "客户成熟度", "竞争对手参与比例", "价格竞争力", "项目经理", "预计签约日期", "阶段", "状态", "最近跟进日期"];

const rowArb = fc.record({
  amountFen: fc.oneof(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 100_000_000_000 })),
  office: fc.constantFrom("湖南代表处", "广东", "Jiangsu", "", "某不存在的办事处"),
  brand: fc.constantFrom("按公司方案上图", "认可", "无倾向性", "不认可", 3, ""),
  maturity: fc.constantFrom("长期合作客户", "有过合同且有过合作关系", "有过合同或有合作关系", "首次接触"),
  share: fc.constantFrom(0, 0.05, 0.1, 0.35, 0.55, 0.9, 1, "45%"),
  price: fc.constantFrom("很强", "强", "一般", "差"),
  pm: fc.constantFrom("李明", "王磊", ""),
  signing: fc.option(fc.integer({ min: AS_OF - 400, max: AS_OF + 500 }), { nil: null }),
  stage: fc.constantFrom("管理线索", "验证机会点", "AT2", "制定并提交解决方案", "合同谈判与签订", "合同履行", "关闭", "", "未知阶段"),
  status: fc.constantFrom("跟进中", "跟进中", "赢单", "丢单", "暂停", ""),
  followUp: fc.option(fc.integer({ min: AS_OF - 90, max: AS_OF }), { nil: null }),
  type: fc.constantFrom("省电力公司集采项目", "发电MTO项目", "战略类项目"),
});

const weightsArb = fc.array(fc.constantFrom(0.5, 1, 1.5, 2, 3), { minLength: 4, maxLength: 4 });

function rulebookWith(weights: number[]): Rulebook {
  return {
    ...DEFAULT_RULEBOOK,
    opportunity: { ...DEFAULT_RULEBOOK.opportunity, weights: DEFAULT_RULEBOOK.opportunity.weights.map((w, i) => ({ ...w, weight: weights[i] })) },
  };
}

/** LTC.WINPROB as a cell gets it: looked up in the registry, evaluated by the runtime. */
function winProb(args: unknown[], book: Rulebook): number {
  const r = evaluateCall(functionNamed("WINPROB")!, args, book);
  if ("error" in r) throw new Error(`WINPROB(${JSON.stringify(args)}) → ${r.error}: ${r.message}`);
  return r.value as number;
}

const sum = (tallies: Tally[]): Tally =>
  tallies.reduce((a, t) => ({ count: a.count + t.count, amountFen: a.amountFen + t.amountFen, weightedFen: a.weightedFen + t.weightedFen }), {
    count: 0,
    amountFen: 0,
    weightedFen: 0,
  });

describe("the pipeline's totals are the sums of its rows, and weighted amounts are amount × WINPROB", () => {
  test("random tables, weights and groupings", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 25 }), weightsArb, fc.constantFrom(...PIPELINE_GROUP_KEYS), (rows, weights, groupBy) => {
        const book = rulebookWith(weights);
        const table = {
          header: HEADER,
          rows: rows.map((r, i) => [
            `项目${i}`, "客户", r.type, "常规-一般项目", formatFen(r.amountFen), r.office, r.brand, r.maturity, r.share, r.price, r.pm, r.signing, r.stage, r.status, r.followUp,
          ]),
          firstRowNumber: 2,
        };
        const result = buildPipeline(table, { asOf: AS_OF, groupBy }, book);

        // every row is counted or rejected, and the amounts reconcile
        const rec = result.reconciliation;
        expect(rec.counted + rec.rejected).toBe(rows.length);
        expect(rec.countedFen + rec.rejectedFen).toBe(rec.inputFen);
        expect(rec.inputFen).toBe(rows.reduce((s, r) => s + r.amountFen, 0));

        // weighted amounts: amount × WINPROB (the function's answer), half-up to the fen
        for (const item of result.items) {
          const r = rows[item.row - 2];
          expect(item.amountFen).toBe(r.amountFen);
          if (!item.open) continue;
          const p = winProb([r.brand, r.maturity, r.share, r.price], book);
          expect(item.probability).toBe(p);
          expect(item.weightedFen).toBe(Math.floor(r.amountFen * p + 0.5));
        }

        // the summary: each group's total is its cells' sum; the grand total is the groups' sum and the open items' sum
        const open = result.items.filter((i) => i.open);
        for (const g of result.summary) expect(g.total).toEqual(sum(g.cells));
        expect(result.summaryTotal.total).toEqual(sum(result.summary.map((g) => g.total)));
        expect(result.summaryTotal.total).toEqual(sum(open.map((i) => ({ count: 1, amountFen: i.amountFen, weightedFen: i.weightedFen! }))));
        result.openStages.forEach((_, k) => expect(result.summaryTotal.cells[k]).toEqual(sum(result.summary.map((g) => g.cells[k]))));

        // the forecast covers the open pipeline exactly once
        expect(sum([...result.forecast.map((m) => m.tally), result.later, result.undated, result.pastDueTally])).toEqual(result.summaryTotal.total);

        // the funnel counts every counted item once
        expect(result.funnel.reduce((n, f) => n + f.count, 0)).toBe(result.items.length);
        expect(result.funnel.reduce((n, f) => n + f.amountFen, 0)).toBe(rec.countedFen);
        expect(result.funnel[0]?.reached ?? 0).toBe(result.items.length);
      }),
      { numRuns: 150 },
    );
  });
});

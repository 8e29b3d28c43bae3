import { BIDGO } from "../../src/functions/project";
import { evaluateCall } from "../../src/functions/runtime";
import { bidChecklist, bidDecision } from "../../src/rules/bid";
import { vocabularyOf } from "../../src/rules/labels";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";

const rb = DEFAULT_RULEBOOK;
const value = (...args: unknown[]) => {
  const r = evaluateCall(BIDGO, args, rb);
  if ("error" in r) throw new Error(`${JSON.stringify(args)} → ${r.error} ${r.message}`);
  return r.value;
};

// §9's veto conditions as the spec writes them, in order, with English.
const R = "客户明确拒绝我方产品(方案)";
const N = "明确无产品需求";
const S = "不符合公司产品销售策略";
const REN = "Customer clearly rejects our product (solution)";
const NEN = "Clearly no need for the product";
const SEN = "Not in line with the company's product sales strategy";

// every combination of the three conditions
const SPEC_9: Array<[boolean, boolean, boolean, string, string]> = [
  [false, false, false, "投标", "Bid"],
  [true, false, false, `不投标：${R}`, `No bid: ${REN}`],
  [false, true, false, `不投标：${N}`, `No bid: ${NEN}`],
  [false, false, true, `不投标：${S}`, `No bid: ${SEN}`],
  [true, true, false, `不投标：${R}；${N}`, `No bid: ${REN}; ${NEN}`],
  [true, false, true, `不投标：${R}；${S}`, `No bid: ${REN}; ${SEN}`],
  [false, true, true, `不投标：${N}；${S}`, `No bid: ${NEN}; ${SEN}`],
  [true, true, true, `不投标：${R}；${N}；${S}`, `No bid: ${REN}; ${NEN}; ${SEN}`],
];

describe("BIDGO: every combination of §9's veto conditions", () => {
  test.each(SPEC_9)("%p %p %p → %s", (rejects, noNeed, offStrategy, zh, en) => {
    expect(value(rejects, noNeed, offStrategy)).toBe(zh);
    expect(value(rejects, noNeed, offStrategy, "en")).toBe(en);
    // the same facts typed as 1/0, 是/否, yes/no, TRUE/FALSE text
    const as = (b: boolean, i: number) => [b ? 1 : 0, b ? "是" : "否", b ? "yes" : "no", b ? "TRUE" : "false"][i];
    for (let i = 0; i < 4; i++) expect(value(as(rejects, i), as(noNeed, i), as(offStrategy, i))).toBe(zh);
  });

  test("reasons list every condition with whether it holds", () => {
    const r = evaluateCall(BIDGO, [false, true, false], rb);
    if ("error" in r) throw new Error(r.message);
    expect(r.reasons.map((x) => x.text.zh)).toEqual([`${R}：否`, `${N}：是`, `${S}：否`]);
    expect(r.reasons.map((x) => x.row)).toEqual(["veto.rejected", "veto.noneed", "veto.offstrategy"]);
  });

  test("bidDecision with plain inputs", () => {
    const d = bidDecision(rb, { customerRejects: false, noNeed: false, offStrategy: true });
    expect(d.value.bid).toBe(false);
    expect(d.value.vetoes.map((v) => v.code)).toEqual(["veto.offstrategy"]);
    expect(bidDecision(rb, {}).value).toMatchObject({ bid: true, text: { zh: "投标", en: "Bid" } });
  });

  test("a changed rulebook changes BIDGO", () => {
    const changed: Rulebook = JSON.parse(JSON.stringify(rb));
    changed.bid.vetoReasons.find((v) => v.code === "veto.noneed")!.zh = "无需求";
    changed.bid.outcomes.find((o) => o.code === "bid.nogo")!.zh = "放弃投标";
    expect(evaluateCall(BIDGO, [false, true, false], changed)).toMatchObject({ value: "放弃投标：无需求" });
    expect(value(false, true, false)).toBe(`不投标：${N}`);
  });
});

describe("bid-document checklist", () => {
  test("the deck's checks in order, each in zh and en with who checks", () => {
    const list = bidChecklist(rb);
    expect(list.map((c) => c.code)).toEqual([
      "check.deviations",
      "check.responses",
      "check.qualifications",
      "check.answered",
      "check.attachments",
      "check.stamped",
      "check.final",
    ]);
    expect(list[0].zh).toBe("解读招标文件，明确技术及商务差异条款");
    expect(list[5].zh).toContain("公章");
    for (const c of list) {
      expect(c.en.length).toBeGreaterThan(0);
      expect(c.byZh.length).toBeGreaterThan(0);
      expect(c.byEn.length).toBeGreaterThan(0);
    }
  });

  test("veto vocabulary has no conflicting spellings", () => {
    expect(vocabularyOf(rb.bid.vetoReasons).conflicts).toEqual([]);
  });
});

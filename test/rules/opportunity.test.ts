import { LtcError } from "../../src/rules/errors";
import { vocabularyOf } from "../../src/rules/labels";
import { DEFAULT_OPPORTUNITY } from "../../src/rules/data/opportunity";
import { formatShare, isOpportunity, opportunityScore, probabilityRef, shareBand } from "../../src/rules/opportunity";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";

const RB = DEFAULT_RULEBOOK;
const clone = (rb: Rulebook): Rulebook => JSON.parse(JSON.stringify(rb)) as Rulebook;

describe("§2 and §4 as data", () => {
  test("§2: the lead and opportunity criteria as the spec writes them", () => {
    expect(DEFAULT_OPPORTUNITY.leadCriteria.map((r) => r.zh)).toEqual([
      "特定客户",
      "客户具备潜在的购买意愿",
      "我公司具有潜在的参与可能",
    ]);
    expect(DEFAULT_OPPORTUNITY.opportunityCriteria.map((r) => [r.zh, r.arg])).toEqual([
      ["客户已进入执行购买流程", "inBuyingProcess"],
      ["客户有明确的投资计划与预算", "hasBudget"],
      ["我公司可参与", "canParticipate"],
    ]);
    expect(DEFAULT_OPPORTUNITY.leadElements.map((r) => r.zh)).toEqual([
      "痛点/期望",
      "解决构想",
      "投资计划和预算",
      "客户关系",
    ]);
  });

  test("§4: the criteria tables as the spec writes them", () => {
    const spec: Record<string, string[]> = {
      brand: ["按公司方案上图", "认可", "无倾向性", "不认可"],
      maturity: ["长期合作客户", "有过合同且有过合作关系", "有过合同或有合作关系", "首次接触"],
      price: ["很强", "强", "一般", "差"],
    };
    for (const [table, labels] of Object.entries(spec)) {
      const rows = DEFAULT_OPPORTUNITY[table as "brand"];
      expect(rows.map((r) => [r.zh, r.score])).toEqual(labels.map((l, i) => [l, 4 - i]));
      expect(vocabularyOf(rows).conflicts).toEqual([]);
    }
    expect(DEFAULT_OPPORTUNITY.criteria.map((c) => c.zh)).toEqual([
      "公司/产品品牌认同度",
      "客户成熟度",
      "主要竞争对手参与比例",
      "价格竞争力",
    ]);
    expect(vocabularyOf(DEFAULT_OPPORTUNITY.criteria).conflicts).toEqual([]);
  });

  test("§4: competitor share bands over fractions; the 0% row is a default", () => {
    expect(DEFAULT_OPPORTUNITY.competitorShare.map((b) => [b.zh, b.above, b.upTo, b.score, b.mark])).toEqual([
      ["0%", null, 0, 4, "default"],
      ["(0,10%]", 0, 0.1, 4, "deck"],
      ["(10%,40%]", 0.1, 0.4, 3, "deck"],
      ["(40%,70%]", 0.4, 0.7, 2, "deck"],
      ["(70%,100%]", 0.7, 1, 1, "deck"],
    ]);
  });

  test("§4: weights 1 each, marked default", () => {
    expect(DEFAULT_OPPORTUNITY.weights).toEqual([
      { criterion: "brand", weight: 1, mark: "default" },
      { criterion: "maturity", weight: 1, mark: "default" },
      { criterion: "competitorShare", weight: 1, mark: "default" },
      { criterion: "price", weight: 1, mark: "default" },
    ]);
  });
});

describe("shareBand compares fractions", () => {
  const cases: Array<[number, string]> = [
    [0, "share.none"],
    [1e-9, "share.to10"],
    [0.1, "share.to10"],
    [0.1000001, "share.to40"],
    [0.4, "share.to40"],
    [0.7, "share.to70"],
    [70 / 100, "share.to70"],
    [0.7000000001, "share.to100"],
    [1, "share.to100"],
  ];
  for (const [share, code] of cases) test(`${share} → ${code}`, () => expect(shareBand(RB, share).code).toBe(code));

  test("above 100% there is no band (#N/A)", () => {
    expect(() => shareBand(RB, 1.2)).toThrow(expect.objectContaining({ code: "#N/A" }));
  });

  test("formatShare", () => {
    expect(formatShare(0.35)).toBe("35%");
    expect(formatShare(0.1000001)).toBe("10.00001%");
    expect(formatShare(0.7)).toBe("70%");
  });
});

describe("opportunityScore(rb, inputs)", () => {
  test("parts, total, max and probability", () => {
    const d = opportunityScore(RB, { brand: "认可", maturity: "長期合作客戶", competitorShare: "35%", price: "strong" });
    expect(d.value.total).toBe(13);
    expect(d.value.max).toBe(16);
    expect(d.value.probability).toBe(13 / 16);
    expect(d.value.parts.map((p) => [p.criterion, p.label.zh, p.score, p.weight])).toEqual([
      ["brand", "认可", 3, 1],
      ["maturity", "长期合作客户", 4, 1],
      ["competitorShare", "(10%,40%]", 3, 1],
      ["price", "强", 3, 1],
    ]);
    expect(d.value.parts[0].name).toEqual({ zh: "公司/产品品牌认同度", en: "Brand recognition" });
    expect(d.reasons.map((r) => r.table)).toEqual([
      "opportunity.brand",
      "opportunity.maturity",
      "opportunity.competitorShare",
      "opportunity.price",
    ]);
    expect(d.reasons[0].text).toEqual({ zh: "公司/产品品牌认同度：认可 → 3分", en: "Brand recognition: Recognised → 3" });
    // parts and reasons are shared between calls, so they are frozen; the arrays are the caller's own
    expect(Object.isFrozen(d.value.parts[0]) && Object.isFrozen(d.reasons[0].text)).toBe(true);
    expect(d.value.parts).not.toBe(opportunityScore(RB, { brand: 3, maturity: 4, competitorShare: 0.35, price: 3 }).value.parts);
  });

  test("weights change the probability, not the total", () => {
    const rb = clone(RB);
    rb.opportunity.weights.find((w) => w.criterion === "price")!.weight = 3;
    const d = opportunityScore(rb, { brand: 4, maturity: 4, competitorShare: 0, price: 1 });
    expect(d.value.total).toBe(13);
    expect(d.value.max).toBe(16);
    expect(d.value.probability).toBeCloseTo((4 + 4 + 4 + 3 * 1) / (4 + 4 + 4 + 3 * 4), 12);
    expect(d.value.parts[3].weight).toBe(3);
    const ref = probabilityRef(rb, d.value);
    expect(ref.text.en).toContain("price×3");
    expect(probabilityRef(RB, opportunityScore(RB, { brand: 4, maturity: 4, competitorShare: 0, price: 1 }).value).text.zh).toBe(
      "成功概率 = 总分 13 ÷ 满分 16 = 81.25%（各项权重均为1）",
    );
  });

  test("a missing weight row is #N/A", () => {
    const rb = clone(RB);
    rb.opportunity.weights = rb.opportunity.weights.filter((w) => w.criterion !== "maturity");
    expect(() => opportunityScore(rb, { brand: 4, maturity: 4, competitorShare: 0, price: 1 })).toThrow(
      expect.objectContaining({ code: "#N/A" }),
    );
  });

  test("a rescored row and a renamed criterion show in parts and reasons", () => {
    const rb = clone(RB);
    rb.opportunity.brand.find((r) => r.code === "brand.neutral")!.score = 2.5;
    rb.opportunity.criteria.find((c) => c.code === "brand")!.zh = "品牌";
    const d = opportunityScore(rb, { brand: "无倾向性", maturity: 4, competitorShare: 0, price: 4 });
    expect(d.value.total).toBe(14.5);
    expect(d.reasons[0].text.zh).toBe("品牌：无倾向性 → 2.5分");
    expect(opportunityScore(RB, { brand: "无倾向性", maturity: 4, competitorShare: 0, price: 4 }).reasons[0].text.zh).toBe(
      "公司/产品品牌认同度：无倾向性 → 2分",
    );
  });

  test("a section once evaluated is frozen, so its compiled form cannot go stale; an edited copy is compiled anew", () => {
    const rb = clone(RB);
    const inputs = { brand: "认可", maturity: "长期合作客户", competitorShare: 0.35, price: "强" };
    expect(opportunityScore(rb, inputs).value.total).toBe(13);
    expect(() => {
      rb.opportunity.price = [];
    }).toThrow(TypeError);
    const pricier = { ...rb, opportunity: { ...rb.opportunity, price: rb.opportunity.price.map((r) => (r.code === "price.strong" ? { ...r, score: 4 } : r)) } };
    expect(opportunityScore(pricier, inputs).value.total).toBe(14);
    const reweighted = { ...rb, opportunity: { ...rb.opportunity, weights: rb.opportunity.weights.map((w) => ({ ...w, weight: w.criterion === "price" ? 0 : 1 })) } };
    expect(opportunityScore(reweighted, inputs).value.probability).toBe(10 / 12);
    expect(opportunityScore(rb, inputs).value.total).toBe(13);
  });

  test("bad input throws LtcError naming the argument", () => {
    const base = { brand: 3, maturity: 3, competitorShare: 0.2, price: 3 };
    for (const [key, bad] of [
      ["brand", "yes"],
      ["maturity", 0],
      ["competitorShare", "150%"],
      ["competitorShare", -1],
      ["price", ""],
    ] as const) {
      try {
        opportunityScore(RB, { ...base, [key]: bad });
        throw new Error("expected an error");
      } catch (e) {
        expect(e).toBeInstanceOf(LtcError);
        expect((e as LtcError).code).toBe("#VALUE!");
        expect((e as LtcError).message.startsWith(key)).toBe(true);
      }
    }
  });
});

describe("isOpportunity(rb, a, b, c)", () => {
  test("all three must hold", () => {
    expect(isOpportunity(RB, "是", "是", "是").value).toBe(true);
    expect(isOpportunity(RB, "是", "否", "是").value).toBe(false);
    expect(isOpportunity(RB, 1, 1, 0).value).toBe(false);
    expect(isOpportunity(RB, "yes", true, "TRUE").reasons.map((r) => r.text.en)).toEqual([
      "The customer is in its buying process: yes",
      "The customer has a clear investment plan and budget: yes",
      "We can take part: yes",
    ]);
  });
  test("a rulebook row naming an unknown argument is #N/A", () => {
    const rb = clone(RB);
    rb.opportunity.opportunityCriteria[1].arg = "hasMoney";
    expect(() => isOpportunity(rb, true, true, true)).toThrow(expect.objectContaining({ code: "#N/A" }));
  });

  test("a bad argument names itself", () => {
    expect(() => isOpportunity(RB, true, "perhaps", true)).toThrow(/^hasBudget/);
    expect(() => isOpportunity(RB, true, true, undefined)).toThrow(/^canParticipate is required/);
  });
});

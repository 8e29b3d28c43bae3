import { LtcError } from "../../src/rules/errors";
import { parseLabel, vocabularyOf } from "../../src/rules/labels";
import { DEFAULT_PAYMENT } from "../../src/rules/data/payment";
import { paymentScore } from "../../src/rules/payment";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";

const RB = DEFAULT_RULEBOOK;
const clone = (rb: Rulebook): Rulebook => JSON.parse(JSON.stringify(rb)) as Rulebook;

describe("§5 payment rules as data", () => {
  test("the tables as the spec writes them, scores 4/3/2/1", () => {
    const spec: Record<string, string[]> = {
      ownership: ["两网、大型央企", "地方国企、上市公司", "大型民营企业", "民营企业"],
      finances: ["很好", "好", "一般", "差"],
      history: ["无坏账无延期", "无坏账有延期", "无合同", "有坏账"],
      industry: ["高速发展期", "发展期", "稳定期", "衰退期"],
    };
    for (const [table, labels] of Object.entries(spec)) {
      const rows = DEFAULT_PAYMENT[table as "ownership"];
      expect(rows.map((r) => [r.zh, r.score])).toEqual(labels.map((l, i) => [l, 4 - i]));
      expect(vocabularyOf(rows).conflicts).toEqual([]);
    }
    expect(DEFAULT_PAYMENT.criteria.map((c) => c.zh)).toEqual(["客户企业性质", "客户财务状况", "客户付款历史", "行业盈利能力"]);
  });

  test("民营企业 and 大型民营企业 are different rows, found only by exact spelling", () => {
    const rows = DEFAULT_PAYMENT.ownership;
    expect(parseLabel(rows, "民营企业", "ownership").code).toBe("ownership.private");
    expect(parseLabel(rows, "大型民营企业", "ownership").code).toBe("ownership.largePrivate");
    expect(parseLabel(rows, "民營企業", "ownership").code).toBe("ownership.private");
    expect(parseLabel(rows, " 大型民營企業 ", "ownership").code).toBe("ownership.largePrivate");
    expect(() => parseLabel(rows, "大型民营", "ownership")).toThrow(LtcError);
  });

  test("English aliases users type", () => {
    const cases: Array<[string, "ownership" | "finances" | "history" | "industry", string]> = [
      ["State Grid", "ownership", "ownership.gridOrCentralSoe"],
      ["state grid", "ownership", "ownership.gridOrCentralSoe"],
      ["国网", "ownership", "ownership.gridOrCentralSoe"],
      ["南網", "ownership", "ownership.gridOrCentralSoe"],
      ["SOE", "ownership", "ownership.localSoeOrListed"],
      ["listed", "ownership", "ownership.localSoeOrListed"],
      ["private", "ownership", "ownership.private"],
      ["large private", "ownership", "ownership.largePrivate"],
      ["excellent", "finances", "finances.veryGood"],
      ["clean", "history", "history.clean"],
      ["late", "history", "history.late"],
      ["bad debt", "history", "history.badDebt"],
      ["有坏帐", "history", "history.badDebt"],
      ["growth", "industry", "industry.growth"],
      ["decline", "industry", "industry.decline"],
    ];
    for (const [input, table, code] of cases) expect(parseLabel(DEFAULT_PAYMENT[table], input, table).code).toBe(code);
  });
});

describe("paymentScore(rb, inputs)", () => {
  test("parts and total", () => {
    const d = paymentScore(RB, { ownership: "地方国企、上市公司", finances: "很好", history: "无合同", industry: "衰退期" });
    expect(d.value.total).toBe(10);
    expect(d.value.max).toBe(16);
    expect(d.value.parts.map((p) => [p.criterion, p.code, p.score])).toEqual([
      ["ownership", "ownership.localSoeOrListed", 3],
      ["finances", "finances.veryGood", 4],
      ["history", "history.none", 2],
      ["industry", "industry.decline", 1],
    ]);
    expect(d.reasons.map((r) => r.text.zh)).toEqual([
      "客户企业性质：地方国企、上市公司 → 3分",
      "客户财务状况：很好 → 4分",
      "客户付款历史：无合同 → 2分",
      "行业盈利能力：衰退期 → 1分",
    ]);
  });

  test("scores 1–4 are accepted for every criterion", () => {
    expect(paymentScore(RB, { ownership: 4, finances: "3", history: "２", industry: 1 }).value.total).toBe(10);
  });

  test("an edited row changes the answer", () => {
    const rb = clone(RB);
    rb.payment.history.find((r) => r.code === "history.none")!.score = 1;
    const inputs = { ownership: "民营企业", finances: "差", history: "无合同", industry: "衰退期" };
    expect(paymentScore(rb, inputs).value.total).toBe(4);
    expect(paymentScore(RB, inputs).value.total).toBe(5);
  });

  test("a section once evaluated is frozen; an edited copy is compiled anew", () => {
    const rb = clone(RB);
    const inputs = { ownership: "民营企业", finances: "差", history: "无合同", industry: "衰退期" };
    expect(paymentScore(rb, inputs).value.total).toBe(5);
    expect(() => {
      rb.payment.finances = [];
    }).toThrow(TypeError);
    const edited = { ...rb, payment: { ...rb.payment, finances: rb.payment.finances.map((r) => ({ ...r, score: r.score * 10 })) } };
    expect(paymentScore(edited, inputs).value.total).toBe(14);
    expect(paymentScore(edited, inputs).value.max).toBe(52);
    expect(paymentScore(rb, inputs).value.total).toBe(5);
  });

  test("bad input names the argument", () => {
    expect(() => paymentScore(RB, { ownership: "民营企业", finances: "还行", history: "无合同", industry: "衰退期" })).toThrow(
      /^finances: "还行" is not accepted/,
    );
    expect(() => paymentScore(RB, { ownership: null, finances: "好", history: "无合同", industry: "衰退期" })).toThrow(
      /^ownership is required/,
    );
  });
});

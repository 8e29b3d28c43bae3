import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";
import { explainCall, planExplain, showValue } from "../../src/taskpane/explain";
import { topLeftOf } from "../../src/taskpane/explainView";

const SHEETS = ["Opportunities", "商机 2026"];

function explain(formula: string, values: unknown[][][], opts: { ui?: "zh" | "en"; rb?: Rulebook; cellValue?: unknown } = {}) {
  const ui = opts.ui ?? "en";
  const plan = planExplain(formula, ui, SHEETS);
  if (plan.kind === "problem") return plan;
  return explainCall(plan.call, values, opts.rb ?? DEFAULT_RULEBOOK, ui, { cell: "Opportunities!M2", cellValue: opts.cellValue });
}

describe("Explain this cell", () => {
  it("lists each input read and the rulebook rows that decided OPPSCORE, in the UI language", () => {
    const formula = "=LTC.OPPSCORE(H2,'商机 2026'!I2,J2,\"一般\")";
    const plan = planExplain(formula, "en", SHEETS);
    expect(plan.kind).toBe("load");
    if (plan.kind !== "load") return;
    expect(plan.refs.map((r) => [r.sheet, r.address])).toEqual([
      [undefined, "H2"],
      ["商机 2026", "I2"],
      [undefined, "J2"],
    ]);
    const en = explainCall(plan.call, [[["认可"]], [["長期合作客戶"]], [[0.3]]], DEFAULT_RULEBOOK, "en", { cell: "Opportunities!M2", cellValue: 12 });
    expect(en).toMatchObject({
      kind: "explained",
      functionName: "LTC.OPPSCORE",
      outcome: { ok: true, value: 12, shown: "12" },
      cellShows: undefined,
      inputs: [
        { param: "brand", source: "H2", kind: "ref", value: "认可", shown: "认可" },
        { param: "maturity", source: "'商机 2026'!I2", value: "長期合作客戶" },
        { param: "competitorShare", source: "J2", value: 0.3, shown: "0.3" },
        { param: "price", source: '"一般"', kind: "literal", value: "一般" },
      ],
    });
    if (en.kind !== "explained") return;
    expect(en.reasons.map((r) => r.row)).toEqual(["brand.recognised", "maturity.longTerm", "share.to40", "price.average"]);
    expect(en.reasons[0].text).toMatch(/Recognised/);
    const zh = explainCall(plan.call, [[["认可"]], [["長期合作客戶"]], [[0.3]]], DEFAULT_RULEBOOK, "zh", { cell: "x" });
    expect(zh.kind === "explained" && zh.reasons[0].text).toMatch(/认可/);
  });

  it("shows an error result with the evaluator's message naming the argument, and no rule rows", () => {
    const r = explain("=LTC.OPPSCORE(H2,I2,J2,K2)", [[["很好"]], [["长期合作客户"]], [[0.3]], [["一般"]]]);
    expect(r).toMatchObject({ kind: "explained", outcome: { ok: false, error: "#VALUE!" }, reasons: [] });
    expect(r.kind === "explained" && !r.outcome.ok && r.outcome.message).toMatch(/^brand:/);
  });

  it("hands a blank cell to the function as null, as Excel does", () => {
    const r = explain("=LTC.OPPSCORE(H2,I2,J2,K2)", [[[""]], [["长期合作客户"]], [[0.3]], [["一般"]]], { ui: "zh" });
    expect(r.kind === "explained" && r.inputs[0]).toMatchObject({ value: null, shown: "（空）" });
    expect(r.kind === "explained" && !r.outcome.ok && r.outcome.message).toMatch(/brand/);
  });

  it("computes with the rulebook it is given: rules are data", () => {
    const rb: Rulebook = JSON.parse(JSON.stringify(DEFAULT_RULEBOOK));
    const average = rb.opportunity.price.find((row) => row.code === "price.average")!;
    average.score = 3;
    const r = explain('=LTC.OPPSCORE("认可","长期合作客户",0.3,"一般")', [], { rb, cellValue: 12 });
    expect(r.kind === "explained" && r.outcome).toMatchObject({ ok: true, value: 13 });
    // Excel still shows the old answer: the pane says so
    expect(r.kind === "explained" && r.cellShows).toBe("12");
  });

  it.each([
    ["=SUM(A1:A2)", /no LTC function/],
    ["plain text", /no formula/],
    ["=LTC.NOSUCH(A1)", /LTC\.NOSUCH is not a function/],
    ["=LTC.OPPSCORE(UPPER(H2),I2,J2,K2)", /UPPER\(H2\) is a calculation/],
    ["=LTC.OPPSCORE(Missing!H2,I2,J2,K2)", /sheet “Missing”/],
    ["=LTC.OPPSCORE(H2,I2", /cannot be read/],
  ])("explains why %p cannot be explained", (formula, message) => {
    const r = explain(formula, []);
    expect(r.kind).toBe("problem");
    expect(r.kind === "problem" && r.message).toMatch(message);
  });

  it("notes a call that is only part of the cell's formula", () => {
    const r = explain('=IF(H2="","",LTC.OPPSCORE(H2,I2,J2,K2))', [[["认可"]], [["长期合作客户"]], [[0.3]], [["一般"]]], { cellValue: 99 });
    expect(r.kind === "explained" && r.notes.join(" ")).toMatch(/only the first LTC call/);
    // the cell's value is the IF's, so no "Excel shows" warning
    expect(r.kind === "explained" && r.cellShows).toBeUndefined();
  });

  it("passes a range as a 2-D array", () => {
    const r = explain("=LTC.OPPSCORE(H2:I3,I2,J2,K2)", [[["a", ""], [1, true]], [["x"]], [[1]], [["y"]]]);
    expect(r.kind === "explained" && r.inputs[0]).toMatchObject({ value: [["a", null], [1, true]], shown: "2×2 cells: a, (blank), 1, TRUE" });
  });
});

describe("helpers", () => {
  it("topLeftOf", () => {
    expect(topLeftOf("Sheet1!B2:C4")).toBe("Sheet1!B2");
    expect(topLeftOf("'My sheet'!B2")).toBe("'My sheet'!B2");
    expect(topLeftOf("B2:C4")).toBe("B2");
  });

  it("showValue", () => {
    expect(showValue(0.1 + 0.2, "en")).toBe("0.3");
    expect(showValue(false, "en")).toBe("FALSE");
    expect(showValue(undefined, "zh")).toBe("（空）");
    expect(showValue("=HYPERLINK(\"x\")", "en")).toBe("=HYPERLINK(\"x\")");
  });
});

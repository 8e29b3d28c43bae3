import { buildPipeline } from "../../src/reports/pipeline";
import { DEFAULT_RULEBOOK } from "../../src/rules/rulebook";
import { serialFromYmd } from "../../src/rules/values";
import { groupChoices, pipelineOptionsOf, pipelineSummary } from "../../src/taskpane/pipelineModel";
import { craftedTable } from "../fixtures/pipelineTable";

/** The pipeline wizard's pure part: the form read into options, the result as pane text in the pane's language. */

describe("pipeline wizard model", () => {
  test("the form: a yyyy-mm-dd as-of date becomes a serial; anything else is the message to fix it", () => {
    expect(pipelineOptionsOf({ asOf: "2026-11-30", groupBy: "region", lang: "en" }, "bad date")).toEqual({
      ok: true,
      options: { asOf: serialFromYmd(2026, 11, 30), groupBy: "region", lang: "en" },
    });
    expect(pipelineOptionsOf({ asOf: "2026-02-30", groupBy: "office", lang: "zh" }, "bad date")).toEqual({ ok: false, message: "bad date" });
    expect(pipelineOptionsOf({ asOf: "", groupBy: "office", lang: "zh" }, "bad date")).toEqual({ ok: false, message: "bad date" });
    expect(groupChoices("en").map((c) => c.label)).toEqual(["Office", "Region", "Owner department", "Project type", "Project manager"]);
    expect(groupChoices("zh").map((c) => c.value)).toEqual(["office", "region", "ownerDept", "projectType", "pm"]);
  });

  test("the result in the pane's language, whatever the report's: totals, reconciliation, attention and rejected rows", () => {
    const result = buildPipeline(craftedTable(), { asOf: serialFromYmd(2026, 11, 30), lang: "zh" }, DEFAULT_RULEBOOK);
    const en = pipelineSummary(result, "en");
    expect(en.openPipeline).toBe("Open pipeline: 5 opportunities, amount ¥1,500,000.18, weighted ¥1,375,000.16");
    expect(en.reconciliation).toBe("14 rows: 10 counted (¥5,300,350.18), 4 rejected (¥60.00), all rows ¥5,300,410.18");
    expect([en.holds, en.verdict]).toEqual([true, "Reconciles to the fen."]);
    expect(en.attention[1]).toEqual({ row: 3, text: "验证甲 (Validate opportunity): no follow-up for 60 days, over the Validate opportunity stage's limit of 30 days" });
    expect(en.rejected[0]).toEqual({ row: 12, text: "row 12 Stage — Stage is required: the pipeline counts by stage" });
    const short = pipelineSummary(result, "zh", 2);
    expect([short.attention.length, short.moreAttention, short.rejected.length, short.moreRejected]).toEqual([2, 4, 2, 2]);
  });
});

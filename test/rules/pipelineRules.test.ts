import * as fs from "fs";
import * as path from "path";
import { LtcError } from "../../src/rules/errors";
import { leadTemperature } from "../../src/rules/lead";
import {
  followUpAge,
  inOpenPipeline,
  isBidStage,
  isHottest,
  isLeadStage,
  parseStageOrGate,
  parseStatus,
  pastApproval,
  stagesInOrder,
  weightedAmount,
} from "../../src/rules/process";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";
import { rulebookFromJson } from "../../src/rules/validate";

/** §1 as the pipeline reads it: statuses, stage by name or gate, follow-up limits, the pipeline settings, the weighted amount. */

const rb = DEFAULT_RULEBOOK;
const stage = (code: string) => rb.process.stages.find((s) => s.code === code)!;
const status = (code: string) => rb.process.statuses.find((s) => s.code === code)!;
const withProcess = (process: Partial<Rulebook["process"]>): Rulebook => ({ ...rb, process: { ...rb.process, ...process } });

describe("statuses and stages as the 商机 table names them", () => {
  test("every status row is read by its Chinese, English and alias spellings, and says its pipeline outcome", () => {
    expect(rb.process.statuses.map((s) => [parseStatus(rb, s.zh).outcome, parseStatus(rb, s.en).code, parseStatus(rb, s.aliases[0]).code])).toEqual([
      ["open", "status.open", "status.open"],
      ["won", "status.won", "status.won"],
      ["lost", "status.lost", "status.lost"],
      ["paused", "status.paused", "status.paused"],
    ]);
    expect(() => parseStatus(rb, "进展中")).toThrow('status: "进展中" is not accepted; accepts 跟进中');
  });

  test("a stage by name, or by the gate at its end (AT1–AT5, the Huawei names, 立项)", () => {
    expect(["AT1", "ATB", "AT3", "合同变更", "AT5 合同关闭"].map((g) => parseStageOrGate(rb, g).zh)).toEqual([
      "验证机会点",
      "引导客户",
      "合同谈判与签订",
      "合同履行",
      "关闭",
    ]);
    expect(parseStageOrGate(rb, "管理線索").code).toBe("stage.leads");
    expect(stagesInOrder(rb).map((s) => s.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    let bad: LtcError | undefined;
    try {
      parseStageOrGate(rb, "AT9", "stage");
    } catch (e) {
      bad = e as LtcError;
    }
    expect(bad).toMatchObject({ code: "#VALUE!", arg: "stage" });
    expect(bad?.message).toMatch(/^stage: "AT9" is not accepted; accepts 管理线索 .*, or the gate at a stage's end \(AT1, AT2, AT3, AT4, AT5\)$/);
    expect(() => parseStageOrGate(rb, "")).toThrow(/^stage is required/);
  });
});

describe("the pipeline settings and follow-up limits are data", () => {
  test("the open pipeline: in progress, from 验证机会点 to 合同谈判与签订", () => {
    const open = stagesInOrder(rb).filter((s) => inOpenPipeline(rb, s, status("status.open"))).map((s) => s.zh);
    expect(open).toEqual(["验证机会点", "引导客户", "制定并提交解决方案", "合同谈判与签订"]);
    for (const code of ["status.won", "status.lost", "status.paused"]) expect(inOpenPipeline(rb, stage("stage.guide"), status(code))).toBe(false);
    const wider = withProcess({ settings: rb.process.settings.map((s) => (s.key === "pipeline.fromStage" ? { ...s, value: "stage.leads" } : s)) });
    expect(inOpenPipeline(wider, stage("stage.leads"), status("status.open"))).toBe(true);
  });

  test("each stage's follow-up limit row decides staleness; a stage without one has no limit", () => {
    const asOf = 46_356;
    for (const limit of rb.process.followUpLimits) {
      const s = stage(limit.stage);
      expect(followUpAge(rb, s, asOf - limit.maxDays, asOf)!.value).toEqual({ days: limit.maxDays, maxDays: 30, stale: false });
      const over = followUpAge(rb, s, asOf - limit.maxDays - 1, asOf)!;
      expect(over.value.stale).toBe(true);
      expect(over.reasons[0]).toMatchObject({ table: "process.followUpLimits", row: limit.stage });
      expect(followUpAge(rb, s, undefined, asOf)!.value).toEqual({ days: null, maxDays: 30, stale: true });
    }
    expect(followUpAge(rb, stage("stage.fulfil"), asOf - 400, asOf)).toBeUndefined();
    expect(followUpAge(rb, stage("stage.close"), undefined, asOf)).toBeUndefined();
  });

  test("past approval (AT1), the bid stage and the lead stage come from the settings", () => {
    expect(stagesInOrder(rb).filter((s) => pastApproval(rb, s)).map((s) => s.code)).toEqual([
      "stage.guide",
      "stage.solution",
      "stage.contract",
      "stage.fulfil",
      "stage.close",
    ]);
    expect(stagesInOrder(rb).filter((s) => isBidStage(rb, s)).map((s) => s.code)).toEqual(["stage.solution"]);
    expect(stagesInOrder(rb).filter((s) => isLeadStage(rb, s)).map((s) => s.code)).toEqual(["stage.leads"]);
    const later = withProcess({ settings: rb.process.settings.map((s) => (s.key === "attention.approvalGate" ? { ...s, value: "gate.at2" } : s)) });
    expect(pastApproval(later, stage("stage.guide"))).toBe(false);
  });

  test("a setting that names no stage is #N/A naming it when asked", () => {
    const gap = withProcess({ settings: rb.process.settings.filter((s) => s.key !== "attention.bidStage") });
    expect(() => isBidStage(gap, stage("stage.solution"))).toThrow("rulebook setting process.attention.bidStage is missing or names no stage or gate");
  });

  test("the hottest temperature is 热线索", () => {
    expect([0, 4, 8].map((m) => isHottest(rb, leadTemperature(rb, m).value))).toEqual([true, false, false]);
  });
});

describe("the weighted amount", () => {
  test("amount × WINPROB, half-up to the fen, with the §4 reasons", () => {
    const inputs = { brand: "认可", maturity: "长期合作客户", competitorShare: 0.3, price: "强" }; // 13/16
    expect(weightedAmount(rb, 8, inputs).value).toEqual({ probability: 0.8125, weightedFen: 7 }); // 6.5 → 7
    expect(weightedAmount(rb, 7, inputs).value.weightedFen).toBe(6); // 5.6875 → 6
    expect(weightedAmount(rb, 123_456_789, inputs).value.weightedFen).toBe(100_308_641);
    expect(weightedAmount(rb, 8, inputs).reasons.at(-1)).toMatchObject({ table: "opportunity.weights" });
    expect(() => weightedAmount(rb, 8, { ...inputs, brand: "很喜欢" })).toThrow(/^brand: "很喜欢" is not accepted/);
  });
});

describe("rules stored before the pipeline tables load, completed from the default", () => {
  test("the stored deck-2026.1 rulebook gets the statuses, follow-up limits and pipeline settings with a notice each", () => {
    const text = fs.readFileSync(path.join(__dirname, "../fixtures/stored/deck-2026.1.settings.json"), "utf8");
    const result = rulebookFromJson(text);
    if ("errors" in result) throw new Error(JSON.stringify(result.errors.slice(0, 3)));
    const notices = (result.notices ?? []).filter((n) => n.table.startsWith("process."));
    expect(notices.map((n) => n.table).sort()).toEqual(["process.followUpLimits", "process.settings", "process.statuses"]);
    expect(result.rulebook.process.statuses).toEqual(rb.process.statuses);
    expect(result.rulebook.process.followUpLimits).toEqual(rb.process.followUpLimits);
  });

  test("a rulebook whose follow-up limit names an unknown stage, or whose status outcome is unknown, is rejected naming the row", () => {
    const json = JSON.parse(JSON.stringify(rb)) as Rulebook;
    json.process.followUpLimits[0].stage = "stage.nowhere";
    (json.process.statuses[1] as { outcome: string }).outcome = "maybe";
    const result = rulebookFromJson(JSON.stringify(json));
    expect("errors" in result).toBe(true);
    if (!("errors" in result)) return;
    const tables = result.errors.map((e) => `${e.table}/${e.column}`);
    expect(tables).toContain("process.followUpLimits/stage");
    expect(tables).toContain("process.statuses/outcome");
  });
});

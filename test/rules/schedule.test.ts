import { CANSCHEDULE } from "../../src/functions/delivery";
import { CallResult, evaluateCall } from "../../src/functions/runtime";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";
import { DEFAULT_SCHEDULE } from "../../src/rules/data/schedule";
import { scheduleDecision, schedulePhaseOf, scheduleConditionOf } from "../../src/rules/schedule";

const rb = DEFAULT_RULEBOOK;
const call = (args: unknown[], rulebook: Rulebook = rb): CallResult => evaluateCall(CANSCHEDULE, args, rulebook);
const copy = (): Rulebook => JSON.parse(JSON.stringify(DEFAULT_RULEBOOK)) as Rulebook;

// §11 of spec/ltc-rulebook.md, as written there.
const SPEC_GRID = `
| class | 初次-无合同 | 初次-预付款未到 | 周期-插单 | 周期-无合同/预付款未到 | 锁定期-无合同 | 锁定期-预付款未到 |
|---|---|---|---|---|---|---|
| 系统内 | 正常 | 正常 | 异常(省) | 正常 | 正常 | 正常 |
| 系统外A类 | 正常 | 正常 | 异常(省) | 正常 | 异常(函、总) | 异常(函、总) |
| B类 | 正常 | 正常 | 异常(省) | 异常(省) | 异常(函、总) | 异常(函、总) |
| C类 | 正常 | 正常 | 异常(省) | 异常(省) | 异常(函、总) | 异常(函、总) |`;

const PHASE: Record<string, string> = { 初次: "初次排产", 周期: "生产周期排产", 锁定期: "锁定期排产" };
const ANSWER: Record<string, [zh: string, en: string]> = {
  正常: ["正常排产", "Normal scheduling"],
  "异常(省)": ["异常排产：需省主任审批", "Exception: province director approval"],
  "异常(函、总)": ["异常排产：需客户承诺函和总裁审批", "Exception: customer commitment letter and president approval"],
};

/** Every cell of the spec's grid as (class, phase, condition, zh, en); a/b columns give one cell per condition. */
function specCells(): Array<[string, string, string, string, string]> {
  const lines = SPEC_GRID.trim().split("\n");
  const cols = lines[0].split("|").slice(2, -1).map((c) => c.trim());
  const cells: Array<[string, string, string, string, string]> = [];
  for (const line of lines.slice(2)) {
    const [cls, ...answers] = line.split("|").slice(1, -1).map((c) => c.trim());
    answers.forEach((a, i) => {
      const [phase, conditions] = cols[i].split("-");
      for (const condition of conditions.split("/")) cells.push([cls, PHASE[phase], condition, ...ANSWER[a]]);
    });
  }
  return cells;
}

describe("§11 data", () => {
  test("the grid is 28 distinct cells, each marked as the spec's reading", () => {
    expect(specCells()).toHaveLength(28);
    expect(DEFAULT_SCHEDULE.matrix).toHaveLength(28);
    const keys = new Set(DEFAULT_SCHEDULE.matrix.map((r) => `${r.customerClass}/${r.phase}/${r.condition}`));
    expect(keys.size).toBe(28);
    expect(DEFAULT_SCHEDULE.matrix.every((r) => r.mark === "reading")).toBe(true);
  });
});

describe("CANSCHEDULE: every cell of the §11 grid", () => {
  test.each(specCells())("%s · %s · %s → %s", (cls, phase, condition, zh, en) => {
    expect(call([cls, phase, condition])).toMatchObject({ value: zh });
    expect(call([cls, phase, condition, "en"])).toMatchObject({ value: en });
  });

  test.each(["系统内", "系统外A类", "B类", "C类"])("%s: 插单 has no cell at 初次排产 or 锁定期排产 (#N/A)", (cls) => {
    for (const phase of ["初次排产", "锁定期排产"]) {
      const r = call([cls, phase, "插单"]);
      expect(r).toMatchObject({ error: "#N/A" });
      expect((r as { message: string }).message).toMatch(/no cell .*Rush order.*has the conditions 无合同, 预付款未到$/);
    }
  });

  test("the reason names the grid cell", () => {
    const r = call(["B类", "锁定期", "预付款未到"]);
    expect("reasons" in r && r.reasons[0]).toEqual({
      table: "schedule.matrix",
      row: "B.locked.noPrepayment",
      text: {
        zh: "B类 · 锁定期排产 · 预付款未到 → 异常排产：需客户承诺函和总裁审批",
        en: "Class B · Locked-period scheduling · Prepayment not received → Exception: customer commitment letter and president approval",
      },
    });
  });
});

describe("phase and condition spellings", () => {
  const phases: Array<[string, string]> = [
    ["初次排产", "initial"],
    ["初次", "initial"],
    ["首次", "initial"],
    ["first", "initial"],
    ["Initial", "initial"],
    ["生产周期排产", "cycle"],
    ["生產周期排產", "cycle"],
    ["生產週期排產", "cycle"],
    ["周期", "cycle"],
    ["週期", "cycle"],
    ["cycle", "cycle"],
    ["Production cycle", "cycle"],
    ["锁定期排产", "locked"],
    ["鎖定期排產", "locked"],
    ["锁定期", "locked"],
    ["鎖定期", "locked"],
    ["locked", "locked"],
    ["  LOCKED PERIOD ", "locked"],
    ["ｌｏｃｋｅｄ", "locked"],
  ];
  test.each(phases)("phase %s is %s", (input, code) => {
    expect(schedulePhaseOf(rb, input, "phase").code).toBe(code);
  });

  const conditions: Array<[string, string]> = [
    ["无合同", "noContract"],
    ["無合同", "noContract"],
    ["no contract", "noContract"],
    ["预付款未到", "noPrepayment"],
    ["預付款未到", "noPrepayment"],
    ["预付款未到账", "noPrepayment"],
    ["Prepayment not received", "noPrepayment"],
    ["插单", "rushOrder"],
    ["插單", "rushOrder"],
    ["rush order", "rushOrder"],
    [" Rush Order ", "rushOrder"],
  ];
  test.each(conditions)("condition %s is %s", (input, code) => {
    expect(scheduleConditionOf(rb, input, "condition").code).toBe(code);
  });

  test("traditional and English inputs give the same answers", () => {
    expect(call(["系統外A類", "鎖定期排產", "無合同"])).toMatchObject({ value: "异常排产：需客户承诺函和总裁审批" });
    expect(call(["class B", "cycle", "no prepayment", "en"])).toMatchObject({ value: "Exception: province director approval" });
    expect(call(["系統內", "週期", "插單"])).toMatchObject({ value: "异常排产：需省主任审批" });
  });
});

describe("scheduleDecision and a changed rulebook", () => {
  test("the evaluator takes codes", () => {
    expect(scheduleDecision(rb, "A", "locked", "noContract").value.code).toBe("letterPresident");
    const classB = rb.contract.customerClasses.find((r) => r.code === "B")!;
    expect(scheduleDecision(rb, classB, "locked", "noContract")).toEqual(scheduleDecision(rb, "B", "locked", "noContract"));
    expect(scheduleDecision(rb, "inSystem", "cycle", "noPrepayment").value.normal).toBe(true);
    expect(() => scheduleDecision(rb, "A", "initial", "rushOrder")).toThrow(/no cell/);
  });

  test("editing a cell, or adding one, changes the answer", () => {
    const changed = copy();
    changed.schedule.matrix.find((r) => r.code === "C.initial.noContract")!.outcome = "province";
    changed.schedule.matrix.push({
      code: "C.initial.rushOrder",
      customerClass: "C",
      phase: "initial",
      condition: "rushOrder",
      outcome: "letterPresident",
      mark: "default",
    });
    expect(call(["C类", "初次排产", "无合同"], changed)).toMatchObject({ value: "异常排产：需省主任审批" });
    expect(call(["C类", "初次排产", "插单"], changed)).toMatchObject({ value: "异常排产：需客户承诺函和总裁审批" });
    expect(call(["C类", "初次排产", "无合同"])).toMatchObject({ value: "正常排产" });
    expect(call(["C类", "初次排产", "插单"])).toMatchObject({ error: "#N/A" });
  });
});

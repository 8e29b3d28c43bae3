import { BONUSTYPES } from "../../src/functions/project";
import { evaluateCall } from "../../src/functions/runtime";
import {
  bonusCategories,
  bonusFlow,
  charterParts,
  compileCharter,
  meetingPlan,
  riskSignals,
  stakeholderPlaybook,
} from "../../src/rules/charter";
import { compiledSection } from "../../src/rules/compile";
import { vocabularyOf } from "../../src/rules/labels";
import { fulfilmentSteps, milestonePlan, parseGate, parseStage, starterRisks } from "../../src/rules/process";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";

const rb = DEFAULT_RULEBOOK;
const call = (...args: unknown[]) => evaluateCall(BONUSTYPES, args, rb);
const value = (...args: unknown[]) => {
  const r = call(...args);
  if ("error" in r) throw new Error(`${JSON.stringify(args)} → ${r.error} ${r.message}`);
  return r.value;
};

// §8's bonus table as the spec writes it, with the English of every category.
const GRID_TENDER = ["超越奖", "中标奖", "执行奖", "概算边际贡献奖", "开票全程边际贡献奖"];
const SIGNING = ["签订奖", "执行奖", "概算边际贡献奖", "开票全程边际贡献奖"];
const SUPPORTING = ["执行奖", "开票边际贡献奖"];
const EN: Record<string, string> = {
  超越奖: "Outperformance bonus",
  中标奖: "Bid-win bonus",
  签订奖: "Signing bonus",
  执行奖: "Execution bonus",
  概算边际贡献奖: "Estimate marginal-contribution bonus",
  开票全程边际贡献奖: "Full-cycle invoiced marginal-contribution bonus",
  开票边际贡献奖: "Invoiced marginal-contribution bonus",
  按立项时的章程: "Per the charter approved at project approval",
};
// §6 project type → §8 row → categories
const SPEC_8: Array<[string, string, string[]]> = [
  ["国网集采/专项招标项目", "国南网集采和专项招标项目", GRID_TENDER],
  ["南网集采/专项招标项目", "国南网集采和专项招标项目", GRID_TENDER],
  ["国南网直属单位项目", "国南网直属单位项目", SIGNING],
  ["省电力公司集采项目", "省电力公司采购/发电MTO/合作类/客户经理自营项目", SIGNING],
  ["发电MTO项目", "省电力公司采购/发电MTO/合作类/客户经理自营项目", SIGNING],
  ["集招合作类项目", "省电力公司采购/发电MTO/合作类/客户经理自营项目", SIGNING],
  ["客户经理自营项目", "省电力公司采购/发电MTO/合作类/客户经理自营项目", SIGNING],
  ["配套类项目", "配套类项目", SUPPORTING],
  ["战略类项目", "战略类项目", ["按立项时的章程"]],
];

describe("BONUSTYPES: every row of §8's bonus table", () => {
  test.each(SPEC_8)("%s (%s) → %j", (type, group, categories) => {
    expect(value(type)).toBe(categories.join("、"));
    expect(value(type, "en")).toBe(categories.map((c) => EN[c]).join(", "));
    const r = call(type);
    if ("error" in r) throw new Error(r.message);
    expect(r.reasons[1].text.zh.startsWith(`${group}：`)).toBe(true);
  });

  test("every bonus group and mapping row is reached", () => {
    const groups = new Set(SPEC_8.map((r) => bonusCategories(rb, r[0]).value.group.code));
    expect([...groups].sort()).toEqual(rb.charter.bonusGroups.map((g) => g.code).sort());
    expect(SPEC_8).toHaveLength(rb.charter.bonusTypeMap.length);
  });

  test("国南网直属单位项目 carries the single-capacitor note in its reason", () => {
    const r = call("国南网直属单位项目");
    if ("error" in r) throw new Error(r.message);
    expect(r.reasons[1].text.zh).toContain("单一电容器项目按照立项时的章程为准");
  });

  test.each([
    ["國網集採", GRID_TENDER],
    ["State Grid", GRID_TENDER],
    ["南網集採", GRID_TENDER],
    ["省公司集采", SIGNING],
    ["MTO", SIGNING],
    ["合作类", SIGNING],
    ["自營", SIGNING],
    ["配套", SUPPORTING],
    ["配套類項目", SUPPORTING],
    ["supporting", SUPPORTING],
    ["  配套类项目 ", SUPPORTING],
    ["直屬單位項目", SIGNING],
    ["戰略", ["按立项时的章程"]],
  ])("%p", (type, categories) => {
    expect(value(type)).toBe(categories.join("、"));
  });

  test.each(["交直流特高压项目(含柔直)", "特高压", "地电集采项目", "地電", "大修服务类项目", "大修"])(
    "%s has no §8 row: #N/A naming projectType",
    (type) => {
      const r = call(type);
      expect(r).toMatchObject({ error: "#N/A" });
      if ("error" in r) expect(r.message).toMatch(/^projectType: .*§8/);
    },
  );

  test("a changed rulebook changes BONUSTYPES", () => {
    const changed: Rulebook = JSON.parse(JSON.stringify(rb));
    changed.charter.bonusTypeMap.push({ code: "bonusmap.uhv", projectType: "type.uhv", group: "bonusgroup.gridtender", mark: "default" });
    changed.charter.bonusGroups.find((g) => g.code === "bonusgroup.supporting")!.categories = ["bonus.execute"];
    expect(evaluateCall(BONUSTYPES, ["特高压"], changed)).toMatchObject({ value: GRID_TENDER.join("、") });
    expect(evaluateCall(BONUSTYPES, ["配套"], changed)).toMatchObject({ value: "执行奖" });
    expect(value("配套")).toBe("执行奖、开票边际贡献奖");
  });
});

describe("charter parts, bonus flow, stakeholders, meetings", () => {
  test("the six parts in order", () => {
    expect(charterParts(rb).map((p) => p.zh)).toEqual([
      "组建项目团队并明确分工",
      "初步项目预算及使用方案",
      "沟通机制及沟通频率",
      "里程碑计划，初步识别并评估风险",
      "业绩及奖金分配方案",
      "项目目标及成功标准",
    ]);
    expect(charterParts(rb).map((p) => p.en)).toEqual([
      "Team and division of work",
      "Budget and its use",
      "Communication plan",
      "Milestones and risks",
      "Performance and bonus split",
      "Goals and success criteria",
    ]);
  });

  test("bonus flow: PM drafts → sponsor reviews → GM approves; at the retrospective also filed with finance", () => {
    expect(bonusFlow(rb, "approval").map((s) => s.actorZh)).toEqual(["项目经理", "项目发起人", "国内营销中心总经理"]);
    expect(bonusFlow(rb, "retrospective").map((s) => `${s.actorZh}${s.zh}`)).toEqual([
      "项目经理中标项目复盘时拟定最终项目奖金分配方案",
      "项目发起人审定",
      "国内营销中心总经理批准",
      "财务备案",
    ]);
    expect(bonusFlow(rb, "nonsense")).toEqual([]);
  });

  test("stakeholder playbook: three customer roles with their checklists", () => {
    const plays = stakeholderPlaybook(rb);
    expect(plays.map((p) => p.role.zh)).toEqual(["影响者/设计院", "采购者/总部", "使用者/地方业主单位"]);
    expect(plays.map((p) => p.actions.length)).toEqual([4, 6, 4]);
    expect(plays[0].actions[2].zh).toBe("通过设计院影响技术规范进行技术植入，指定产品型号");
    expect(plays[1].actions[5].zh).toBe("获取评标信息及排名，为失标挽回做准备");
    expect(plays[2].actions[3].zh).toBe("获取地方除业主单位外的其他影响者的支持");
    for (const p of plays) for (const a of p.actions) expect(a.en).toMatch(/^[A-Z]/);
  });

  test("meetings: the seven special meetings and the daily meeting, cadence and owner [default]", () => {
    const plan = meetingPlan(rb);
    expect(plan.map((m) => m.meeting.zh)).toEqual([
      "项目启动会",
      "项目计划会",
      "项目终止/暂停评审会",
      "项目标前会",
      "报价会",
      "合同谈判预备会",
      "项目复盘会",
      "日常会议",
    ]);
    expect(plan.slice(0, 7).every((m) => m.kind?.zh === "专题会议")).toBe(true);
    expect(plan[7].kind?.zh).toBe("日常会议");
    expect(plan.every((m) => m.meeting.mark === "default")).toBe(true);
    expect(plan[0].owner).toEqual({ zh: "项目经理", en: "Project manager" });
    expect(plan[2].owner.zh).toBe("发起人");
    expect(plan[7].cadence).toEqual({ zh: "每周一次", en: "Weekly" });
    for (const m of plan) {
      expect(m.cadence.zh.length).toBeGreaterThan(0);
      expect(m.cadence.en.length).toBeGreaterThan(0);
    }
  });
});

describe("§1 stages, gates, fulfilment steps, starter risks", () => {
  const SPEC_1: Array<[number, string, string, string | null, string | null]> = [
    [1, "管理线索", "Manage leads", null, null],
    [2, "验证机会点", "Validate opportunity", "AT1", "立项"],
    [3, "引导客户", "Guide customer (pre-bid)", "AT2", "投标决策"],
    [4, "制定并提交解决方案", "Build and submit solution (bid)", null, null],
    [5, "合同谈判与签订", "Negotiate and sign contract", "AT3", "签约"],
    [6, "合同履行", "Fulfil contract", "AT4", "合同变更"],
    [7, "关闭", "Close and evaluate", "AT5", "合同关闭"],
  ];

  test("milestone plan: stages in order with the gate at their end", () => {
    const plan = milestonePlan(rb);
    expect(plan.map((m) => [m.stage.seq, m.stage.zh, m.stage.en, m.gate?.id ?? null, m.gate?.zh ?? null])).toEqual(SPEC_1);
    expect(plan.filter((m) => m.gate).every((m) => m.gate!.mark === "reading")).toBe(true);
  });

  test("gates and stages are typed in zh, traditional and English", () => {
    expect(parseGate(rb, "ATI").id).toBe("AT1");
    expect(parseGate(rb, "at2").zh).toBe("投标决策");
    expect(parseGate(rb, "簽約").id).toBe("AT3");
    expect(parseStage(rb, "驗證機會點").seq).toBe(2);
    expect(parseStage(rb, "Fulfil contract").code).toBe("stage.fulfil");
    expect(() => parseStage(rb, "签约阶段X")).toThrow(/^stage/);
  });

  test("fulfilment steps in order", () => {
    expect(fulfilmentSteps(rb).map((s) => s.zh)).toEqual(["交付计划制定", "发货指令下达", "到货验收", "开票", "回款"]);
  });

  test("starter risks: the deck's stage problems in stage order", () => {
    const risks = starterRisks(rb);
    expect(risks.map((r) => `${r.stage.zh}:${r.problem.zh}`)).toEqual([
      "管理线索:线索储备量少",
      "管理线索:对非刚需产品线索不够重视",
      "管理线索:线索到机会点转化率低",
      "验证机会点:机会点信息不准确",
      "验证机会点:客户资信信息缺失",
      "验证机会点:立项不及时",
      "验证机会点:突发机会点比率较高",
      "引导客户:项目分工不明确",
      "引导客户:项目跟踪不及时",
      "引导客户:客户关系薄弱",
      "引导客户:项目费用和奖金分配不合理",
      "制定并提交解决方案:客户内部无支持者",
      "制定并提交解决方案:客户决策链不清楚、关键决策人关系不到位",
      "制定并提交解决方案:项目风险未被识别",
      "制定并提交解决方案:投标方案不被客户接受",
      "制定并提交解决方案:投标资料不完整导致废标",
    ]);
    for (const r of risks) expect(r.problem.en.length).toBeGreaterThan(0);
  });

  test("vocabularies have no conflicting spellings", () => {
    for (const rows of [
      rb.process.stages,
      rb.process.gates,
      rb.process.fulfilmentSteps,
      rb.charter.parts,
      rb.charter.bonusCategories,
      rb.charter.bonusGroups,
      rb.charter.stakeholderRoles,
      rb.charter.meetingKinds,
      rb.charter.meetings,
    ]) {
      expect(vocabularyOf(rows).conflicts).toEqual([]);
    }
  });
});

describe("the compiled charter section", () => {
  test("is built once per section; an edited copy compiles anew", () => {
    expect(compiledSection(rb.charter, compileCharter)).toBe(compiledSection(rb.charter, compileCharter));
    const copy: Rulebook = JSON.parse(JSON.stringify(rb));
    copy.charter.meetings.find((m) => m.code === "meeting.daily")!.cadenceZh = "每两周一次";
    expect(meetingPlan(copy)[7].cadence.zh).toBe("每两周一次");
    expect(meetingPlan(rb)[7].cadence.zh).toBe("每周一次");
  });

  test("a bonus group naming a category the rulebook lacks is #N/A, not a shorter list", () => {
    const copy: Rulebook = JSON.parse(JSON.stringify(rb));
    copy.charter.bonusGroups.find((g) => g.code === "bonusgroup.supporting")!.categories.push("bonus.nonsense");
    expect(() => bonusCategories(copy, "配套")).toThrow(/unknown category bonus\.nonsense/);
    expect(evaluateCall(BONUSTYPES, ["配套"], copy)).toMatchObject({ error: "#N/A" });
  });

  test("a type's first bonus-map row decides", () => {
    const copy: Rulebook = JSON.parse(JSON.stringify(rb));
    copy.charter.bonusTypeMap.push({ code: "bonusmap.sgcc2", projectType: "type.sgcc", group: "bonusgroup.supporting", mark: "default" });
    expect(bonusCategories(copy, "国网集采").value.group.code).toBe("bonusgroup.gridtender");
  });
});

describe("risk signals: every row fires at its threshold and not above", () => {
  const CRITERIA = { brand: 4, maturity: 4, competitorShare: 4, price: 4, total: 16 };
  const PAY = { ownership: 4, finances: 4, history: 4, industry: 4, total: 16 };
  const fired = (inputs: Parameters<typeof riskSignals>[1]) => riskSignals(rb, inputs).value.map((r) => r.code);

  test.each([
    ["risk.competitors", { opportunity: { ...CRITERIA, competitorShare: 2 } }, { opportunity: { ...CRITERIA, competitorShare: 3 } }],
    ["risk.price", { opportunity: { ...CRITERIA, price: 2 } }, { opportunity: { ...CRITERIA, price: 3 } }],
    ["risk.firstcontact", { opportunity: { ...CRITERIA, maturity: 1 } }, { opportunity: { ...CRITERIA, maturity: 2 } }],
    ["risk.payment", { payment: { ...PAY, total: 8 } }, { payment: { ...PAY, total: 9 } }],
    ["risk.nosponsor", { unassignedRoles: ["role.sponsor"] }, { unassignedRoles: ["role.pm"] }],
  ])("%s", (code, fires, quiet) => {
    expect(fired(fires)).toEqual([code]);
    expect(fired(quiet)).toEqual([]);
  });

  test("scores not computed fire nothing; every row is one of the five above", () => {
    expect(fired({})).toEqual([]);
    expect(rb.charter.riskSignals.map((r) => r.code)).toEqual(["risk.competitors", "risk.price", "risk.firstcontact", "risk.payment", "risk.nosponsor"]);
  });

  test("a subject the rulebook does not know is #N/A naming the row", () => {
    const copy: Rulebook = JSON.parse(JSON.stringify(rb));
    copy.charter.riskSignals[0].subject = "opportunity.colour";
    expect(() => riskSignals(copy, {})).toThrow("rulebook §8 risk signal risk.competitors names an unknown subject opportunity.colour");
    const team: Rulebook = JSON.parse(JSON.stringify(rb));
    team.charter.riskSignals[4].subject = "team.role.cfo";
    expect(() => riskSignals(team, {})).toThrow("names an unknown role role.cfo");
  });
});

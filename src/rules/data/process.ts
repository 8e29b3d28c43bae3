import type { LabelRow } from "../labels";
import type { Mark, SettingRow } from "../settings";
import type { Text } from "../types";

/**
 * Rulebook section 1: the LTC stages, the gates AT1–AT5 at their ends, the
 * fulfilment steps, and the deck's typical problems per stage (the starter
 * risk register of a project charter).
 */

/** A stage of the LTC flow, in order (`seq`), with the gate at its end (a gate code) or null. */
export interface StageRow extends LabelRow {
  seq: number;
  gate: string | null;
}

/**
 * A gate: `id` is the deck's name (AT1…AT5), `huawei` the Huawei LTC gate it
 * corresponds to; the mapping of names to decisions is the spec's [reading].
 */
export interface GateRow extends LabelRow {
  id: string;
  huawei: string;
  mark: Mark;
}

/** A step of contract fulfilment (合同履行), in order. */
export interface FulfilmentStepRow extends LabelRow {
  seq: number;
}

/** One typical problem of a stage (a stage code), as a risk-register seed. */
export interface StageProblemRow extends Text {
  code: string;
  stage: string;
  seq: number;
}

/**
 * What an opportunity's status (状态) means to the pipeline: still being
 * worked (in the open pipeline), won, lost, or on hold. The pipeline report
 * counts by `outcome`, so a company may rename or add statuses freely.
 */
export type StatusOutcome = "open" | "won" | "lost" | "paused";

/** An opportunity status a user types in the 商机 table (跟进中, 赢单, 丢单, 暂停). */
export interface StatusRow extends LabelRow {
  outcome: StatusOutcome;
  mark: Mark;
}

/**
 * How many days an open opportunity of a stage may go without a follow-up
 * (最近跟进日期) before the pipeline report lists it for attention. A stage
 * without a row has no limit (fulfilment and closing are not followed up as sales).
 */
export interface FollowUpLimitRow {
  stage: string;
  maxDays: number;
  mark: Mark;
}

/** Settings keys of the pipeline: stage and gate codes the report's rules name. */
export const PIPELINE_FROM_KEY = "pipeline.fromStage";
export const PIPELINE_TO_KEY = "pipeline.toStage";
export const APPROVAL_GATE_KEY = "attention.approvalGate";
export const BID_STAGE_KEY = "attention.bidStage";
export const LEAD_STAGE_KEY = "attention.leadStage";

export interface ProcessRules {
  stages: StageRow[];
  gates: GateRow[];
  fulfilmentSteps: FulfilmentStepRow[];
  stageProblems: StageProblemRow[];
  /** the opportunity statuses of the 商机 table */
  statuses: StatusRow[];
  /** the stale-follow-up limit of each stage */
  followUpLimits: FollowUpLimitRow[];
  /** which stages make the open pipeline, and the stages the attention rules look at */
  settings: SettingRow[];
}

export const DEFAULT_PROCESS: ProcessRules = {
  stages: [
    { code: "stage.leads", seq: 1, zh: "管理线索", en: "Manage leads", aliases: ["管理线索阶段", "线索", "leads"], gate: null },
    {
      code: "stage.validate",
      seq: 2,
      zh: "验证机会点",
      en: "Validate opportunity",
      aliases: ["验证机会点阶段", "机会点", "validate"],
      gate: "gate.at1",
    },
    {
      code: "stage.guide",
      seq: 3,
      zh: "引导客户",
      en: "Guide customer (pre-bid)",
      aliases: ["引导客户阶段", "guide customer", "pre-bid"],
      gate: "gate.at2",
    },
    {
      code: "stage.solution",
      seq: 4,
      zh: "制定并提交解决方案",
      en: "Build and submit solution (bid)",
      aliases: ["制定并提交解决方案阶段", "提交解决方案", "解决方案", "build and submit solution", "bid"],
      gate: null,
    },
    {
      code: "stage.contract",
      seq: 5,
      zh: "合同谈判与签订",
      en: "Negotiate and sign contract",
      aliases: ["合同谈判与签订阶段", "合同签订", "contract"],
      gate: "gate.at3",
    },
    {
      code: "stage.fulfil",
      seq: 6,
      zh: "合同履行",
      en: "Fulfil contract",
      aliases: ["合同履行阶段", "履行", "fulfilment", "fulfillment"],
      gate: "gate.at4",
    },
    {
      code: "stage.close",
      seq: 7,
      zh: "关闭",
      en: "Close and evaluate",
      aliases: ["关闭并评价", "close"],
      gate: "gate.at5",
    },
  ],
  gates: [
    {
      code: "gate.at1",
      id: "AT1",
      zh: "立项",
      en: "Project approval",
      aliases: ["AT1", "ATI", "AT1 立项"],
      huawei: "ATI",
      mark: "reading",
    },
    {
      code: "gate.at2",
      id: "AT2",
      zh: "投标决策",
      en: "Bid / no bid",
      aliases: ["AT2", "ATB", "AT2 投标决策", "bid decision"],
      huawei: "ATB",
      mark: "reading",
    },
    {
      code: "gate.at3",
      id: "AT3",
      zh: "签约",
      en: "Contract review & signing",
      aliases: ["AT3", "ATC", "AT3 签约", "contract signing"],
      huawei: "ATC",
      mark: "reading",
    },
    {
      code: "gate.at4",
      id: "AT4",
      zh: "合同变更",
      en: "Contract change",
      aliases: ["AT4", "ATAC", "AT4 合同变更", "change"],
      huawei: "ATAC",
      mark: "reading",
    },
    {
      code: "gate.at5",
      id: "AT5",
      zh: "合同关闭",
      en: "Contract close",
      aliases: ["AT5", "ATCC", "AT5 合同关闭"],
      huawei: "ATCC",
      mark: "reading",
    },
  ],
  fulfilmentSteps: [
    { code: "fulfil.plan", seq: 1, zh: "交付计划制定", en: "Delivery planning", aliases: ["交付计划"] },
    { code: "fulfil.ship", seq: 2, zh: "发货指令下达", en: "Shipping instruction", aliases: ["发货指令"] },
    { code: "fulfil.accept", seq: 3, zh: "到货验收", en: "Acceptance on arrival", aliases: ["验收"] },
    { code: "fulfil.invoice", seq: 4, zh: "开票", en: "Invoicing", aliases: ["invoice"] },
    { code: "fulfil.collect", seq: 5, zh: "回款", en: "Collection", aliases: ["收款", "payment collection"] },
  ],
  stageProblems: [
    { code: "problem.leads.few", stage: "stage.leads", seq: 1, zh: "线索储备量少", en: "Too few leads in reserve" },
    {
      code: "problem.leads.nonessential",
      stage: "stage.leads",
      seq: 2,
      zh: "对非刚需产品线索不够重视",
      en: "Leads for non-essential products get too little attention",
    },
    {
      code: "problem.leads.conversion",
      stage: "stage.leads",
      seq: 3,
      zh: "线索到机会点转化率低",
      en: "Low lead-to-opportunity conversion",
    },
    {
      code: "problem.validate.inaccurate",
      stage: "stage.validate",
      seq: 1,
      zh: "机会点信息不准确",
      en: "Inaccurate opportunity information",
    },
    {
      code: "problem.validate.credit",
      stage: "stage.validate",
      seq: 2,
      zh: "客户资信信息缺失",
      en: "Customer credit information missing",
    },
    {
      code: "problem.validate.late",
      stage: "stage.validate",
      seq: 3,
      zh: "立项不及时",
      en: "Project approval too late",
    },
    {
      code: "problem.validate.sudden",
      stage: "stage.validate",
      seq: 4,
      zh: "突发机会点比率较高",
      en: "High share of sudden, unforeseen opportunities",
    },
    {
      code: "problem.guide.roles",
      stage: "stage.guide",
      seq: 1,
      zh: "项目分工不明确",
      en: "Unclear division of work in the project",
    },
    {
      code: "problem.guide.tracking",
      stage: "stage.guide",
      seq: 2,
      zh: "项目跟踪不及时",
      en: "Project not followed up in time",
    },
    {
      code: "problem.guide.relationship",
      stage: "stage.guide",
      seq: 3,
      zh: "客户关系薄弱",
      en: "Weak customer relationship",
    },
    {
      code: "problem.guide.money",
      stage: "stage.guide",
      seq: 4,
      zh: "项目费用和奖金分配不合理",
      en: "Unreasonable split of project expenses and bonus",
    },
    {
      code: "problem.solution.supporter",
      stage: "stage.solution",
      seq: 1,
      zh: "客户内部无支持者",
      en: "No supporter inside the customer",
    },
    {
      code: "problem.solution.chain",
      stage: "stage.solution",
      seq: 2,
      zh: "客户决策链不清楚、关键决策人关系不到位",
      en: "Customer's decision chain unclear; relationship with key decision makers insufficient",
    },
    {
      code: "problem.solution.risks",
      stage: "stage.solution",
      seq: 3,
      zh: "项目风险未被识别",
      en: "Project risks not identified",
    },
    {
      code: "problem.solution.rejected",
      stage: "stage.solution",
      seq: 4,
      zh: "投标方案不被客户接受",
      en: "Bid solution not accepted by the customer",
    },
    {
      code: "problem.solution.incomplete",
      stage: "stage.solution",
      seq: 5,
      zh: "投标资料不完整导致废标",
      en: "Incomplete bid documents void the bid",
    },
  ],
  statuses: [
    {
      code: "status.open",
      zh: "跟进中",
      en: "In progress",
      aliases: ["跟进", "进行中", "open", "active", "following up"],
      outcome: "open",
      mark: "default",
    },
    { code: "status.won", zh: "赢单", en: "Won", aliases: ["中标", "已中标", "win", "closed won"], outcome: "won", mark: "default" },
    { code: "status.lost", zh: "丢单", en: "Lost", aliases: ["失单", "未中标", "loss", "closed lost"], outcome: "lost", mark: "default" },
    { code: "status.paused", zh: "暂停", en: "Paused", aliases: ["暂缓", "搁置", "on hold", "hold"], outcome: "paused", mark: "default" },
  ],
  followUpLimits: [
    { stage: "stage.leads", maxDays: 30, mark: "default" },
    { stage: "stage.validate", maxDays: 30, mark: "default" },
    { stage: "stage.guide", maxDays: 30, mark: "default" },
    { stage: "stage.solution", maxDays: 30, mark: "default" },
    { stage: "stage.contract", maxDays: 30, mark: "default" },
  ],
  settings: [
    {
      key: PIPELINE_FROM_KEY,
      value: "stage.validate",
      zh: "在手商机自该阶段起（状态为跟进中）",
      en: "The open pipeline starts at this stage (status in progress)",
      mark: "default",
    },
    {
      key: PIPELINE_TO_KEY,
      value: "stage.contract",
      zh: "在手商机至该阶段止",
      en: "The open pipeline ends with this stage",
      mark: "default",
    },
    {
      key: APPROVAL_GATE_KEY,
      value: "gate.at1",
      zh: "过此关口（立项）后须有主责部门和项目经理",
      en: "Past this gate (project approval) an opportunity needs an owner department and a project manager",
      mark: "reading",
    },
    {
      key: BID_STAGE_KEY,
      value: "stage.solution",
      zh: "投标准备阶段：投标决策为不投标时提示",
      en: "The bid-preparation stage: flagged when the bid decision says no bid",
      mark: "reading",
    },
    {
      key: LEAD_STAGE_KEY,
      value: "stage.leads",
      zh: "线索阶段：热线索仍停留在此阶段时提示（应立即转化为机会点）",
      en: "The lead stage: a hot lead still here is flagged (it should become an opportunity at once)",
      mark: "reading",
    },
  ],
};

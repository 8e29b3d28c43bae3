import type { LabelRow } from "../labels";
import type { Mark } from "../settings";
import type { Text } from "../types";

/**
 * Rulebook section 8: the project charter (项目章程): its six parts, the bonus
 * categories by project type and the bonus approval flow, the stakeholder
 * playbook for the three customer roles, and the project meetings.
 */

/** One of the six parts of a charter, in order. */
export interface CharterPartRow extends LabelRow {
  seq: number;
}

/** A bonus category (奖金类别). */
export type BonusCategoryRow = LabelRow;

/**
 * A row of §8's bonus table: a group of project types and its categories
 * (category codes, in order), with the deck's note where it has one.
 */
export interface BonusGroupRow extends LabelRow {
  categories: string[];
  noteZh: string | null;
  noteEn: string | null;
}

/**
 * Which §8 bonus group a §6 project type falls in. The deck names the groups
 * differently from §6's types; rows where the match is not word for word are
 * marked [reading].
 */
export interface BonusTypeMapRow {
  code: string;
  projectType: string;
  group: string;
  mark: Mark;
}

/** A step of the bonus approval flow; `phase` is "approval" (立项时) or "retrospective" (中标复盘时). */
export interface BonusFlowRow extends Text {
  code: string;
  phase: string;
  seq: number;
  actorZh: string;
  actorEn: string;
}

/** A customer-side role of the stakeholder playbook. */
export interface StakeholderRoleRow extends LabelRow {
  seq: number;
}

/** One action of the playbook for a stakeholder role (a role code). */
export interface StakeholderActionRow extends Text {
  code: string;
  role: string;
  seq: number;
}

/**
 * A project meeting: kind "special" (专题会议) or "daily" (日常会议), with a
 * cadence and an owner role (a team role code). Cadence and owner are
 * [default]: the deck names the meetings only.
 */
export interface MeetingRow extends LabelRow {
  kind: string;
  seq: number;
  cadenceZh: string;
  cadenceEn: string;
  ownerRole: string;
  mark: Mark;
}

/** The kinds of meeting. */
export type MeetingKindRow = LabelRow;

export interface CharterRules {
  parts: CharterPartRow[];
  bonusCategories: BonusCategoryRow[];
  bonusGroups: BonusGroupRow[];
  bonusTypeMap: BonusTypeMapRow[];
  bonusFlow: BonusFlowRow[];
  stakeholderRoles: StakeholderRoleRow[];
  stakeholderActions: StakeholderActionRow[];
  meetingKinds: MeetingKindRow[];
  meetings: MeetingRow[];
  /** risks a charter's risk register raises from the scores and the team (added for the charter builder) */
  riskSignals: RiskSignalRow[];
}

/**
 * A risk the charter raises when a score is low or a role is unfilled.
 * `subject` names what is tested: "opportunity.total", "opportunity.<criterion>"
 * (brand, maturity, competitorShare, price), "payment.total", "payment.<criterion>"
 * (ownership, finances, history, industry) or "team.<role code>". A score
 * subject raises the risk when its score is at most `scoreAtMost`; a team
 * subject when nobody is assigned to the role (scoreAtMost null). zh/en word
 * the risk as the register shows it. [default]: the deck lists no thresholds.
 */
export interface RiskSignalRow extends Text {
  code: string;
  subject: string;
  scoreAtMost: number | null;
  mark: Mark;
}

export const DEFAULT_CHARTER: CharterRules = {
  parts: [
    { code: "part.team", seq: 1, zh: "组建项目团队并明确分工", en: "Team and division of work", aliases: ["团队", "team"] },
    { code: "part.budget", seq: 2, zh: "初步项目预算及使用方案", en: "Budget and its use", aliases: ["预算", "budget"] },
    { code: "part.communication", seq: 3, zh: "沟通机制及沟通频率", en: "Communication plan", aliases: ["沟通", "communication"] },
    {
      code: "part.milestones",
      seq: 4,
      zh: "里程碑计划，初步识别并评估风险",
      en: "Milestones and risks",
      aliases: ["里程碑", "风险", "milestones", "risks"],
    },
    { code: "part.bonus", seq: 5, zh: "业绩及奖金分配方案", en: "Performance and bonus split", aliases: ["奖金", "bonus"] },
    { code: "part.goals", seq: 6, zh: "项目目标及成功标准", en: "Goals and success criteria", aliases: ["目标", "goals"] },
  ],
  bonusCategories: [
    { code: "bonus.outperform", zh: "超越奖", en: "Outperformance bonus", aliases: [] },
    { code: "bonus.win", zh: "中标奖", en: "Bid-win bonus", aliases: [] },
    { code: "bonus.sign", zh: "签订奖", en: "Signing bonus", aliases: [] },
    { code: "bonus.execute", zh: "执行奖", en: "Execution bonus", aliases: [] },
    { code: "bonus.estimatemargin", zh: "概算边际贡献奖", en: "Estimate marginal-contribution bonus", aliases: [] },
    {
      code: "bonus.fullinvoicemargin",
      zh: "开票全程边际贡献奖",
      en: "Full-cycle invoiced marginal-contribution bonus",
      aliases: [],
    },
    { code: "bonus.invoicemargin", zh: "开票边际贡献奖", en: "Invoiced marginal-contribution bonus", aliases: [] },
    { code: "bonus.percharter", zh: "按立项时的章程", en: "Per the charter approved at project approval", aliases: [] },
  ],
  bonusGroups: [
    {
      code: "bonusgroup.gridtender",
      zh: "国南网集采和专项招标项目",
      en: "State/Southern Grid central and special tender projects",
      aliases: [],
      categories: ["bonus.outperform", "bonus.win", "bonus.execute", "bonus.estimatemargin", "bonus.fullinvoicemargin"],
      noteZh: null,
      noteEn: null,
    },
    {
      code: "bonusgroup.gridaffiliate",
      zh: "国南网直属单位项目",
      en: "State/Southern Grid affiliated unit projects",
      aliases: [],
      categories: ["bonus.sign", "bonus.execute", "bonus.estimatemargin", "bonus.fullinvoicemargin"],
      noteZh: "单一电容器项目按照立项时的章程为准",
      noteEn: "single-capacitor projects follow the charter approved at project approval",
    },
    {
      code: "bonusgroup.standard",
      zh: "省电力公司采购/发电MTO/合作类/客户经理自营项目",
      en: "Provincial power company procurement / power-generation MTO / cooperation / account manager's own projects",
      aliases: [],
      categories: ["bonus.sign", "bonus.execute", "bonus.estimatemargin", "bonus.fullinvoicemargin"],
      noteZh: null,
      noteEn: null,
    },
    {
      code: "bonusgroup.supporting",
      zh: "配套类项目",
      en: "Supporting-supply projects",
      aliases: [],
      categories: ["bonus.execute", "bonus.invoicemargin"],
      noteZh: null,
      noteEn: null,
    },
    {
      code: "bonusgroup.strategic",
      zh: "战略类项目",
      en: "Strategic projects",
      aliases: [],
      categories: ["bonus.percharter"],
      noteZh: null,
      noteEn: null,
    },
  ],
  bonusTypeMap: [
    { code: "bonusmap.sgcc", projectType: "type.sgcc", group: "bonusgroup.gridtender", mark: "deck" },
    { code: "bonusmap.csg", projectType: "type.csg", group: "bonusgroup.gridtender", mark: "deck" },
    { code: "bonusmap.gridaffiliate", projectType: "type.gridaffiliate", group: "bonusgroup.gridaffiliate", mark: "deck" },
    { code: "bonusmap.provincial", projectType: "type.provincial", group: "bonusgroup.standard", mark: "reading" },
    { code: "bonusmap.mto", projectType: "type.mto", group: "bonusgroup.standard", mark: "deck" },
    { code: "bonusmap.cooperation", projectType: "type.cooperation", group: "bonusgroup.standard", mark: "reading" },
    { code: "bonusmap.selfrun", projectType: "type.selfrun", group: "bonusgroup.standard", mark: "deck" },
    { code: "bonusmap.supporting", projectType: "type.supporting", group: "bonusgroup.supporting", mark: "deck" },
    { code: "bonusmap.strategic", projectType: "type.strategic", group: "bonusgroup.strategic", mark: "deck" },
  ],
  bonusFlow: [
    {
      code: "bonusflow.approval.draft",
      phase: "approval",
      seq: 1,
      actorZh: "项目经理",
      actorEn: "Project manager",
      zh: "立项时初步确定项目奖金分配方案",
      en: "Drafts the bonus split at project approval",
    },
    {
      code: "bonusflow.approval.review",
      phase: "approval",
      seq: 2,
      actorZh: "项目发起人",
      actorEn: "Sponsor",
      zh: "审定",
      en: "Reviews",
    },
    {
      code: "bonusflow.approval.approve",
      phase: "approval",
      seq: 3,
      actorZh: "国内营销中心总经理",
      actorEn: "GM, domestic marketing centre",
      zh: "批准",
      en: "Approves",
    },
    {
      code: "bonusflow.final.draft",
      phase: "retrospective",
      seq: 1,
      actorZh: "项目经理",
      actorEn: "Project manager",
      zh: "中标项目复盘时拟定最终项目奖金分配方案",
      en: "Drafts the final bonus split at the win retrospective",
    },
    {
      code: "bonusflow.final.review",
      phase: "retrospective",
      seq: 2,
      actorZh: "项目发起人",
      actorEn: "Sponsor",
      zh: "审定",
      en: "Reviews",
    },
    {
      code: "bonusflow.final.approve",
      phase: "retrospective",
      seq: 3,
      actorZh: "国内营销中心总经理",
      actorEn: "GM, domestic marketing centre",
      zh: "批准",
      en: "Approves",
    },
    {
      code: "bonusflow.final.file",
      phase: "retrospective",
      seq: 4,
      actorZh: "财务",
      actorEn: "Finance",
      zh: "备案",
      en: "Files it",
    },
  ],
  stakeholderRoles: [
    {
      code: "stakeholder.influencer",
      seq: 1,
      zh: "影响者/设计院",
      en: "Influencer / design institute",
      aliases: ["影响者", "设计院", "influencer", "design institute"],
    },
    { code: "stakeholder.buyer", seq: 2, zh: "采购者/总部", en: "Buyer / HQ", aliases: ["采购者", "总部", "buyer", "HQ"] },
    {
      code: "stakeholder.user",
      seq: 3,
      zh: "使用者/地方业主单位",
      en: "User / local owner",
      aliases: ["使用者", "地方业主单位", "业主", "user", "local owner"],
    },
  ],
  stakeholderActions: [
    {
      code: "action.influencer.visit",
      role: "stakeholder.influencer",
      seq: 1,
      zh: "邀请设计院到公司参观/在设计院进行技术推广",
      en: "Invite the design institute to visit us, or hold technical promotion at the institute",
    },
    {
      code: "action.influencer.intel",
      role: "stakeholder.influencer",
      seq: 2,
      zh: "深度拜访设计院，从设计院处获取竞情信息",
      en: "Visit the institute in depth to gather competitive intelligence",
    },
    {
      code: "action.influencer.specs",
      role: "stakeholder.influencer",
      seq: 3,
      zh: "通过设计院影响技术规范进行技术植入，指定产品型号",
      en: "Influence the technical specifications through the institute so that they specify our models",
    },
    {
      code: "action.influencer.support",
      role: "stakeholder.influencer",
      seq: 4,
      zh: "获取设计院决策人的支持，在评标过程中起到积极作用",
      en: "Win the support of the institute's decision makers, to help in bid evaluation",
    },
    {
      code: "action.buyer.promotion",
      role: "stakeholder.buyer",
      seq: 1,
      zh: "组织专题推广会/邀请总部客户到公司参观",
      en: "Hold promotion events, or invite HQ customers to visit us",
    },
    {
      code: "action.buyer.intel",
      role: "stakeholder.buyer",
      seq: 2,
      zh: "深度拜访客户，获取竞情信息",
      en: "Visit the customer in depth to gather competitive intelligence",
    },
    {
      code: "action.buyer.barriers",
      role: "stakeholder.buyer",
      seq: 3,
      zh: "设置商务壁垒，如提升资质要求等",
      en: "Set commercial barriers, e.g. higher qualification requirements",
    },
    {
      code: "action.buyer.rules",
      role: "stakeholder.buyer",
      seq: 4,
      zh: "影响商务评标原则",
      en: "Influence the commercial evaluation rules",
    },
    {
      code: "action.buyer.evaluators",
      role: "stakeholder.buyer",
      seq: 5,
      zh: "获取评委信息，影响评委组成，获取评委及总部决策人的支持",
      en: "Learn who the evaluators are, influence the panel, and win the support of evaluators and HQ decision makers",
    },
    {
      code: "action.buyer.ranking",
      role: "stakeholder.buyer",
      seq: 6,
      zh: "获取评标信息及排名，为失标挽回做准备",
      en: "Obtain the evaluation results and ranking, to prepare a recovery if the bid is lost",
    },
    {
      code: "action.user.intel",
      role: "stakeholder.user",
      seq: 1,
      zh: "深度拜访地方业主客户，获取相关竞情信息",
      en: "Visit the local owner in depth to gather competitive intelligence",
    },
    {
      code: "action.user.visit",
      role: "stakeholder.user",
      seq: 2,
      zh: "邀请地方业主客户到公司参观/组织专题推广会",
      en: "Invite the local owner to visit us, or hold topic promotion events",
    },
    {
      code: "action.user.support",
      role: "stakeholder.user",
      seq: 3,
      zh: "获取地方业主决策人支持，获取地方业主单位专家支持",
      en: "Win the support of the local owner's decision makers and experts",
    },
    {
      code: "action.user.others",
      role: "stakeholder.user",
      seq: 4,
      zh: "获取地方除业主单位外的其他影响者的支持",
      en: "Win the support of other local influencers besides the owner",
    },
  ],
  meetingKinds: [
    { code: "meetingkind.special", zh: "专题会议", en: "Special meeting", aliases: ["项目专题会议", "special"] },
    { code: "meetingkind.daily", zh: "日常会议", en: "Day-to-day meeting", aliases: ["项目日常会议", "daily", "routine"] },
  ],
  meetings: [
    {
      code: "meeting.kickoff",
      kind: "meetingkind.special",
      seq: 1,
      zh: "项目启动会",
      en: "Kick-off meeting",
      aliases: ["启动会", "kick-off", "kickoff"],
      cadenceZh: "立项后召开一次",
      cadenceEn: "Once, after project approval",
      ownerRole: "role.pm",
      mark: "default",
    },
    {
      code: "meeting.plan",
      kind: "meetingkind.special",
      seq: 2,
      zh: "项目计划会",
      en: "Planning meeting",
      aliases: ["计划会", "planning"],
      cadenceZh: "启动会后召开，计划变更时再开",
      cadenceEn: "After the kick-off, and again whenever the plan changes",
      ownerRole: "role.pm",
      mark: "default",
    },
    {
      code: "meeting.stopreview",
      kind: "meetingkind.special",
      seq: 3,
      zh: "项目终止/暂停评审会",
      en: "Termination/suspension review",
      aliases: ["终止评审会", "暂停评审会", "termination review", "suspension review"],
      cadenceZh: "拟终止或暂停项目时召开",
      cadenceEn: "When ending or pausing the project is proposed",
      ownerRole: "role.sponsor",
      mark: "default",
    },
    {
      code: "meeting.prebid",
      kind: "meetingkind.special",
      seq: 4,
      zh: "项目标前会",
      en: "Pre-bid meeting",
      aliases: ["标前会", "pre-bid"],
      cadenceZh: "投标决策前召开一次",
      cadenceEn: "Once, before the bid decision",
      ownerRole: "role.pm",
      mark: "default",
    },
    {
      code: "meeting.pricing",
      kind: "meetingkind.special",
      seq: 5,
      zh: "报价会",
      en: "Pricing meeting",
      aliases: ["pricing"],
      cadenceZh: "每次报价前召开",
      cadenceEn: "Before each price submission",
      ownerRole: "role.pm",
      mark: "default",
    },
    {
      code: "meeting.negotiationprep",
      kind: "meetingkind.special",
      seq: 6,
      zh: "合同谈判预备会",
      en: "Contract-negotiation preparation meeting",
      aliases: ["谈判预备会", "negotiation prep"],
      cadenceZh: "合同谈判前召开",
      cadenceEn: "Before contract negotiation",
      ownerRole: "role.pm",
      mark: "default",
    },
    {
      code: "meeting.retrospective",
      kind: "meetingkind.special",
      seq: 7,
      zh: "项目复盘会",
      en: "Retrospective",
      aliases: ["复盘会", "retrospective", "retro"],
      cadenceZh: "中标或失标后召开一次",
      cadenceEn: "Once, after the award is known (won or lost)",
      ownerRole: "role.pm",
      mark: "default",
    },
    {
      code: "meeting.daily",
      kind: "meetingkind.daily",
      seq: 8,
      zh: "日常会议",
      en: "Day-to-day meeting",
      aliases: ["项目日常会议", "daily meeting", "routine meeting"],
      cadenceZh: "每周一次",
      cadenceEn: "Weekly",
      ownerRole: "role.pm",
      mark: "default",
    },
  ],
  riskSignals: [
    {
      code: "risk.competitors",
      subject: "opportunity.competitorShare",
      scoreAtMost: 2,
      zh: "主要竞争对手参与比例超过40%，竞争激烈",
      en: "Main competitors hold over 40% of the field: strong competition",
      mark: "default",
    },
    {
      code: "risk.price",
      subject: "opportunity.price",
      scoreAtMost: 2,
      zh: "价格竞争力一般或差",
      en: "Price competitiveness only average or weak",
      mark: "default",
    },
    {
      code: "risk.firstcontact",
      subject: "opportunity.maturity",
      scoreAtMost: 1,
      zh: "首次接触的客户，客户关系薄弱",
      en: "First contact with the customer: weak relationship",
      mark: "default",
    },
    {
      code: "risk.payment",
      subject: "payment.total",
      scoreAtMost: 8,
      zh: "客户付款能力得分不高于8分，回款风险高",
      en: "Customer payment score of 8 or less: collection risk",
      mark: "default",
    },
    {
      code: "risk.nosponsor",
      subject: "team.role.sponsor",
      scoreAtMost: null,
      zh: "项目未指定发起人，资源与审批无人负责",
      en: "No sponsor assigned: nobody secures resources or approvals",
      mark: "default",
    },
  ],
};

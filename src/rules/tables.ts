import { DEFAULT_RULEBOOK, Rulebook, SectionName } from "./rulebook";
import { Text } from "./types";

/**
 * The rulebook seen as named tables ("owner.rules", "receivables.settings"…):
 * what the rules sheet, import validation and the diff work on. The shape of
 * every table (its columns, their kinds, which columns point at another
 * table's codes) is read once from DEFAULT_RULEBOOK, i.e. from the code: a
 * company may change the rows, never the structure.
 */

/** A row value as the shape rule allows it. */
export type RowValue = string | number | boolean | null | string[];
export type TableRow = Record<string, RowValue>;

export type ColumnKind = "text" | "number" | "boolean" | "list" | "setting";

/** A column that holds codes of another table (or values of one of its columns). */
export interface ColumnRef {
  /** table id, e.g. "owner.departments" */
  table: string;
  /** the column of that table whose values are allowed: "code", "key" (settings) or another */
  column: string;
}

export interface ColumnInfo {
  key: string;
  header: Text;
  kind: ColumnKind;
  /** null is a valid value (a blank cell) */
  nullable: boolean;
  /** absent on some rows of the default (a blank cell leaves it out) */
  optional: boolean;
  /** a text column that is never blank in the default: a blank cell is an error */
  required: boolean;
  /** the allowed values of an enumerated text column */
  values?: readonly string[];
  ref?: ColumnRef;
  /** how the rules sheet shows the numbers of this column */
  numberFormat?: string;
  /** what the numbers of this column must be (NUMBER_RULES) */
  numbers?: NumberRule;
}

export interface TableInfo {
  /** "section.table" */
  id: string;
  section: SectionName;
  table: string;
  name: Text;
  /** the column that identifies a row (unique within the table) */
  keyColumn: string;
  columns: ColumnInfo[];
  /** a `settings` table: key / value / zh / en / mark, the value's kind set per key */
  settings: boolean;
  /** a 4/3/2/1 criterion table (has a score column) */
  scored: boolean;
  /** a vocabulary users type labels from (code, zh, en, aliases) */
  vocabulary: boolean;
  /** checks over the table's rows (TABLE_RULES) */
  checks: readonly TableRule[];
  /** a settings table: what each numeric setting's value must be (SETTING_RULES) */
  settingNumbers?: Readonly<Record<string, NumberRule>>;
}

/** A table with its rows, in rulebook order. */
export interface RulebookTable extends TableInfo {
  rows: TableRow[];
}

// ---------------------------------------------------------------- names

/** Section display names, with the spec's section numbers. */
export const SECTION_NAMES: Record<SectionName, Text> = {
  process: { zh: "§1 阶段与关口", en: "§1 Stages and gates" },
  lead: { zh: "§3 线索分类", en: "§3 Lead temperature" },
  opportunity: { zh: "§2/§4 机会点", en: "§2/§4 Opportunities" },
  payment: { zh: "§5 客户付款能力", en: "§5 Payment capability" },
  owner: { zh: "§6 项目主责部门", en: "§6 Owner department" },
  team: { zh: "§7 项目组", en: "§7 Project team" },
  charter: { zh: "§8 项目章程", en: "§8 Project charter" },
  bid: { zh: "§9 投标决策", en: "§9 Bid decision" },
  contract: { zh: "§10 合同评审", en: "§10 Contract review" },
  schedule: { zh: "§11 排产", en: "§11 Production scheduling" },
  ship: { zh: "§12 发货", en: "§12 Shipping" },
  receivables: { zh: "§13–14 应收账款", en: "§13–14 Receivables" },
};

/** Display names of every rulebook table (a test fails when a table lacks one). */
export const TABLE_NAMES: Record<string, Text> = {
  "process.stages": { zh: "LTC阶段", en: "LTC stages" },
  "process.gates": { zh: "关口", en: "Gates" },
  "process.fulfilmentSteps": { zh: "合同履行步骤", en: "Fulfilment steps" },
  "process.stageProblems": { zh: "各阶段典型问题", en: "Typical problems per stage" },
  "process.statuses": { zh: "商机状态", en: "Opportunity statuses" },
  "process.followUpLimits": { zh: "跟进时限", en: "Follow-up limits" },
  "process.settings": { zh: "商机漏斗设置", en: "Pipeline settings" },
  "lead.settings": { zh: "线索分类设置", en: "Lead-temperature settings" },
  "lead.temperatures": { zh: "线索温度", en: "Lead temperatures" },
  "lead.factors": { zh: "定性因素", en: "Qualitative factors" },
  "lead.urgency": { zh: "需求迫切性", en: "Urgency" },
  "lead.solution": { zh: "方案成熟度", en: "Solution maturity" },
  "lead.consensus": { zh: "客户内部意见", en: "Customer consensus" },
  "opportunity.leadCriteria": { zh: "线索评判标准", en: "Lead criteria" },
  "opportunity.opportunityCriteria": { zh: "机会点评判标准", en: "Opportunity criteria" },
  "opportunity.leadElements": { zh: "线索管理四要素", en: "Four elements of lead management" },
  "opportunity.criteria": { zh: "机会点评估要素", en: "Opportunity evaluation criteria" },
  "opportunity.brand": { zh: "公司/产品品牌认同度", en: "Brand recognition" },
  "opportunity.maturity": { zh: "客户成熟度", en: "Customer maturity" },
  "opportunity.competitorShare": { zh: "主要竞争对手参与比例", en: "Main competitors' share" },
  "opportunity.price": { zh: "价格竞争力", en: "Price competitiveness" },
  "opportunity.weights": { zh: "成功概率权重", en: "Success-probability weights" },
  "payment.criteria": { zh: "付款能力要素", en: "Payment-capability criteria" },
  "payment.ownership": { zh: "客户企业性质", en: "Customer ownership" },
  "payment.finances": { zh: "客户财务状况", en: "Customer finances" },
  "payment.history": { zh: "客户付款历史", en: "Payment history" },
  "payment.industry": { zh: "行业盈利能力", en: "Industry stage" },
  "owner.projectTypes": { zh: "项目类型", en: "Project types" },
  "owner.conditions": { zh: "项目条件", en: "Project conditions" },
  "owner.departments": { zh: "主责部门", en: "Owner departments" },
  "owner.rules": { zh: "主责部门规则", en: "Owner-department rules" },
  "owner.offices": { zh: "代表处", en: "Representative offices" },
  "owner.regions": { zh: "片区", en: "Regions" },
  "owner.settings": { zh: "主责部门设置", en: "Owner-department settings" },
  "team.classes": { zh: "项目类别", en: "Project classes" },
  "team.roles": { zh: "项目角色", en: "Team roles" },
  "team.ranks": { zh: "干部级别", en: "Ranks" },
  "team.matrix": { zh: "类别×角色级别", en: "Rank by class and role" },
  "team.duties": { zh: "角色职责", en: "Role duties" },
  "charter.parts": { zh: "章程组成", en: "Charter parts" },
  "charter.bonusCategories": { zh: "奖金类别", en: "Bonus categories" },
  "charter.bonusGroups": { zh: "奖金组", en: "Bonus groups" },
  "charter.bonusTypeMap": { zh: "项目类型→奖金组", en: "Project type → bonus group" },
  "charter.bonusFlow": { zh: "奖金审批流程", en: "Bonus approval flow" },
  "charter.stakeholderRoles": { zh: "客户关键角色", en: "Customer stakeholder roles" },
  "charter.stakeholderActions": { zh: "关键角色行动", en: "Stakeholder actions" },
  "charter.meetingKinds": { zh: "会议类别", en: "Meeting kinds" },
  "charter.meetings": { zh: "项目会议", en: "Project meetings" },
  "charter.riskSignals": { zh: "风险信号", en: "Risk signals" },
  "bid.vetoReasons": { zh: "一票否决项", en: "Veto reasons" },
  "bid.outcomes": { zh: "投标决策结果", en: "Bid outcomes" },
  "bid.checklist": { zh: "投标检查清单", en: "Bid checklist" },
  "contract.customerClasses": { zh: "客户分类", en: "Customer classes" },
  "contract.reviewRules": { zh: "合同评审规则", en: "Contract review rules" },
  "contract.texts": { zh: "评审用语", en: "Review wording" },
  "schedule.phases": { zh: "排产阶段", en: "Scheduling phases" },
  "schedule.conditions": { zh: "排产条件", en: "Scheduling conditions" },
  "schedule.outcomes": { zh: "排产结果", en: "Scheduling outcomes" },
  "schedule.matrix": { zh: "排产规则表", en: "Scheduling grid" },
  "ship.documents": { zh: "合同文件", en: "Contract documents" },
  "ship.outcomes": { zh: "发货结果", en: "Shipping outcomes" },
  "ship.matrix": { zh: "发货规则表", en: "Shipping grid" },
  "ship.photoProducts": { zh: "需拍照产品", en: "Products needing photos" },
  "ship.settings": { zh: "发货设置", en: "Shipping settings" },
  "receivables.settings": { zh: "应收设置", en: "Receivables settings" },
  "receivables.agingBuckets": { zh: "账龄区间", en: "Aging buckets" },
  "receivables.limitationBases": { zh: "时效依据", en: "Limitation bases" },
  "receivables.demandEvidence": { zh: "催款证据", en: "Demand evidence" },
  "receivables.invoiceTypes": { zh: "发票类型", en: "Invoice types" },
  "receivables.vatCertification": { zh: "增值税专票认证", en: "VAT special-invoice certification" },
  "receivables.escalation": { zh: "催收升级", en: "Escalation ladder" },
  "receivables.routings": { zh: "特殊应收处理", en: "Routed receivables" },
  "receivables.approvalChains": { zh: "审批链", en: "Approval chains" },
  "receivables.approvalSteps": { zh: "审批步骤", en: "Approval steps" },
  "receivables.provisionBands": { zh: "坏账准备比例", en: "Provision rates" },
  "receivables.policies": { zh: "应收管理规定", en: "Receivables policies" },
  "receivables.dunningLevels": { zh: "催款函级别", en: "Dunning levels" },
};

/**
 * The data dictionary: bilingual header of every column key used in the
 * rulebook (a test fails when a column key of DEFAULT_RULEBOOK lacks one).
 * Headers are shown as "中文 (English)" and read back by either part or the key.
 */
export const COLUMN_HEADERS: Record<string, Text> = {
  code: { zh: "代码", en: "Code" },
  key: { zh: "键", en: "Key" },
  value: { zh: "值", en: "Value" },
  zh: { zh: "中文", en: "Chinese" },
  en: { zh: "英文", en: "English" },
  aliases: { zh: "别名", en: "Aliases" },
  mark: { zh: "标注", en: "Mark" },
  seq: { zh: "序号", en: "Order" },
  step: { zh: "步骤", en: "Step" },
  gate: { zh: "关口", en: "Gate" },
  id: { zh: "编号", en: "ID" },
  huawei: { zh: "华为LTC关口", en: "Huawei LTC gate" },
  stage: { zh: "阶段", en: "Stage" },
  warmth: { zh: "热度", en: "Warmth" },
  procurementZh: { zh: "进入采购程序（中文）", en: "Time to procurement, Chinese" },
  procurementEn: { zh: "进入采购程序（英文）", en: "Time to procurement, English" },
  benefitZh: { zh: "客户收益（中文）", en: "Customer benefit, Chinese" },
  benefitEn: { zh: "客户收益（英文）", en: "Customer benefit, English" },
  actionZh: { zh: "动作（中文）", en: "Action, Chinese" },
  actionEn: { zh: "动作（英文）", en: "Action, English" },
  table: { zh: "取值表", en: "Values table" },
  temperature: { zh: "线索温度", en: "Temperature" },
  arg: { zh: "函数参数", en: "Function argument" },
  detailZh: { zh: "说明（中文）", en: "Detail, Chinese" },
  detailEn: { zh: "说明（英文）", en: "Detail, English" },
  score: { zh: "分值", en: "Score" },
  above: { zh: "下限（不含）", en: "Above, exclusive" },
  upTo: { zh: "上限（含）", en: "Up to, inclusive" },
  criterion: { zh: "评估要素", en: "Criterion" },
  weight: { zh: "权重", en: "Weight" },
  projectType: { zh: "项目类型", en: "Project type" },
  kind: { zh: "类型", en: "Kind" },
  place: { zh: "所在地", en: "Place" },
  condition: { zh: "条件", en: "Condition" },
  amountBelow: { zh: "金额低于（设置）", en: "Amount below, setting" },
  amountAtLeast: { zh: "金额不低于（设置）", en: "Amount at least, setting" },
  owner: { zh: "主责部门", en: "Owner department" },
  region: { zh: "片区", en: "Region" },
  group: { zh: "分组", en: "Group" },
  projectClass: { zh: "项目类别", en: "Project class" },
  role: { zh: "角色", en: "Role" },
  rank: { zh: "级别", en: "Rank" },
  roles: { zh: "适用角色", en: "Roles" },
  categories: { zh: "奖金类别", en: "Bonus categories" },
  noteZh: { zh: "备注（中文）", en: "Note, Chinese" },
  noteEn: { zh: "备注（英文）", en: "Note, English" },
  phase: { zh: "阶段类别", en: "Phase" },
  actorZh: { zh: "执行人（中文）", en: "Actor, Chinese" },
  actorEn: { zh: "执行人（英文）", en: "Actor, English" },
  cadenceZh: { zh: "召开时机（中文）", en: "Cadence, Chinese" },
  cadenceEn: { zh: "召开时机（英文）", en: "Cadence, English" },
  ownerRole: { zh: "负责角色", en: "Owner role" },
  subject: { zh: "检查对象", en: "Subject" },
  scoreAtMost: { zh: "分值不高于", en: "Score at most" },
  byZh: { zh: "负责方（中文）", en: "By, Chinese" },
  byEn: { zh: "负责方（英文）", en: "By, English" },
  grade: { zh: "等级", en: "Grade" },
  inSystem: { zh: "系统内", en: "In system" },
  ifInSystem: { zh: "适用：系统内", en: "Applies if in system" },
  ifAffiliate: { zh: "适用：三产公司", en: "Applies if affiliate" },
  ifClasses: { zh: "适用：客户分类", en: "Applies to classes" },
  allowedGrades: { zh: "允许等级", en: "Allowed grades" },
  customerClass: { zh: "客户分类", en: "Customer class" },
  outcome: { zh: "结果", en: "Outcome" },
  normal: { zh: "正常", en: "Normal" },
  ship: { zh: "可发货", en: "Ships" },
  whenCommitmentBroken: { zh: "承诺未兑现时", en: "When the commitment is broken" },
  documents: { zh: "合同文件", en: "Documents" },
  payment: { zh: "付款情况", en: "Payment" },
  minCapacityKvar: { zh: "容量下限（kvar）", en: "Min capacity in kvar" },
  minVoltageKV: { zh: "电压下限（kV）", en: "Min voltage in kV" },
  maxDays: { zh: "天数上限（含）", en: "Max days, inclusive" },
  yearsSetting: { zh: "年数设置", en: "Years setting" },
  vatSpecial: { zh: "增值税专票", en: "VAT special" },
  invoiceType: { zh: "发票类型", en: "Invoice type" },
  withinDays: { zh: "期限（天）", en: "Within days" },
  issuedFrom: { zh: "开具日期自", en: "Issued from" },
  issuedBefore: { zh: "开具日期早于", en: "Issued before" },
  minDaysPastDue: { zh: "逾期天数下限", en: "Min days past due" },
  onLimitationWarning: { zh: "时效预警时适用", en: "On limitation warning" },
  forCredit: { zh: "贷方余额适用", en: "For credit balances" },
  chain: { zh: "审批链", en: "Approval chain" },
  when: { zh: "适用情形", en: "When" },
  ratePercent: { zh: "计提比例（%）", en: "Rate in percent" },
  minDaysOverdue: { zh: "最长逾期天数下限", en: "Min days overdue, most overdue item" },
  minOverdueFen: { zh: "逾期合计下限（分）", en: "Min overdue total in fen" },
  bodyZh: { zh: "正文（中文）", en: "Text in Chinese" },
  bodyEn: { zh: "正文（英文）", en: "Text in English" },
};

/** The header of a column key ("代码 (Code)"); an unknown key shows as itself. */
export function columnHeader(key: string): Text {
  return COLUMN_HEADERS[key] ?? { zh: key, en: key };
}

/** The header text the rules sheet writes: "代码 (Code)". */
export function headerText(key: string): string {
  const h = columnHeader(key);
  return `${h.zh} (${h.en})`;
}

// ---------------------------------------------------------------- structure the code relies on

/**
 * Columns holding codes of another table. A row pointing at a code that does
 * not exist is refused on import. (A test checks every pair against the default.)
 */
export const REFERENCES: Record<string, ColumnRef> = {
  "process.stages.gate": { table: "process.gates", column: "code" },
  "process.stageProblems.stage": { table: "process.stages", column: "code" },
  "process.followUpLimits.stage": { table: "process.stages", column: "code" },
  "lead.urgency.temperature": { table: "lead.temperatures", column: "code" },
  "lead.solution.temperature": { table: "lead.temperatures", column: "code" },
  "lead.consensus.temperature": { table: "lead.temperatures", column: "code" },
  "opportunity.weights.criterion": { table: "opportunity.criteria", column: "code" },
  "owner.conditions.projectType": { table: "owner.projectTypes", column: "code" },
  "owner.rules.projectType": { table: "owner.projectTypes", column: "code" },
  "owner.rules.condition": { table: "owner.conditions", column: "code" },
  "owner.rules.amountBelow": { table: "owner.settings", column: "key" },
  "owner.rules.amountAtLeast": { table: "owner.settings", column: "key" },
  "owner.rules.owner": { table: "owner.departments", column: "code" },
  "owner.offices.region": { table: "owner.regions", column: "code" },
  "team.matrix.projectClass": { table: "team.classes", column: "code" },
  "team.matrix.role": { table: "team.roles", column: "code" },
  "team.matrix.rank": { table: "team.ranks", column: "code" },
  "team.duties.roles": { table: "team.roles", column: "code" },
  "charter.bonusGroups.categories": { table: "charter.bonusCategories", column: "code" },
  "charter.bonusTypeMap.projectType": { table: "owner.projectTypes", column: "code" },
  "charter.bonusTypeMap.group": { table: "charter.bonusGroups", column: "code" },
  "charter.stakeholderActions.role": { table: "charter.stakeholderRoles", column: "code" },
  "charter.meetings.kind": { table: "charter.meetingKinds", column: "code" },
  "charter.meetings.ownerRole": { table: "team.roles", column: "code" },
  "contract.reviewRules.ifClasses": { table: "contract.customerClasses", column: "code" },
  "contract.reviewRules.allowedGrades": { table: "contract.customerClasses", column: "grade" },
  "schedule.matrix.customerClass": { table: "contract.customerClasses", column: "code" },
  "schedule.matrix.phase": { table: "schedule.phases", column: "code" },
  "schedule.matrix.condition": { table: "schedule.conditions", column: "code" },
  "schedule.matrix.outcome": { table: "schedule.outcomes", column: "code" },
  "ship.outcomes.whenCommitmentBroken": { table: "ship.outcomes", column: "code" },
  "ship.matrix.customerClass": { table: "contract.customerClasses", column: "code" },
  "ship.matrix.documents": { table: "ship.documents", column: "code" },
  "ship.matrix.outcome": { table: "ship.outcomes", column: "code" },
  "receivables.limitationBases.yearsSetting": { table: "receivables.settings", column: "key" },
  "receivables.vatCertification.invoiceType": { table: "receivables.invoiceTypes", column: "code" },
  "receivables.escalation.chain": { table: "receivables.approvalChains", column: "code" },
  "receivables.routings.chain": { table: "receivables.approvalChains", column: "code" },
  "receivables.approvalSteps.chain": { table: "receivables.approvalChains", column: "code" },
};

/**
 * Text columns whose value is one of a fixed set the evaluators test for
 * (the row types' string unions). `mark` applies to every table.
 */
export const MARK_VALUES = ["deck", "reading", "default"] as const;
export const ENUMS: Record<string, readonly string[]> = {
  mark: MARK_VALUES,
  "process.statuses.outcome": ["open", "won", "lost", "paused"],
  "owner.departments.kind": ["central", "office", "team"],
  "contract.reviewRules.kind": ["check", "note"],
  "ship.matrix.payment": ["any", "agreedIn", "agreedMissing", "full", "notFull"],
  "receivables.approvalSteps.kind": ["apply", "check", "approve", "after"],
  "receivables.routings.when": ["unableToPay", "qualityDispute", "crossRegion"],
};

/**
 * What a number must be: checked on import, the error naming table, row and
 * column. Blank (null) values are the column's own business (nullable).
 */
export interface NumberRule {
  /** whole numbers only (days, years, fen, step numbers, date serials) */
  whole?: boolean;
  /** the smallest allowed value */
  min?: number;
  /** the value must be above this (weights above 0) */
  above?: number;
  /** the largest allowed value */
  max?: number;
  /**
   * Down the table each value is above the previous one. `blank`: "last" when
   * only the last row may be blank (an open-ended last bucket), "skip" when
   * blank rows are not on the ladder (escalation rows chosen otherwise).
   */
  increasing?: { what: Text; blank: "last" | "skip" };
}

/** Day counts: whole, and 1 or more. */
const WHOLE_DAYS: NumberRule = { whole: true, min: 1 };
/** The largest Excel date serial, 9999-12-31. */
const LAST_DATE_SERIAL = 2958465;

/** What the numbers of a column ("table.column", or any table's column "seq") must be. */
export const NUMBER_RULES: Record<string, NumberRule> = {
  seq: { whole: true, min: 1 },
  "lead.temperatures.warmth": { whole: true, min: 1 },
  "process.followUpLimits.maxDays": WHOLE_DAYS,
  "opportunity.competitorShare.above": { min: 0, max: 1 },
  "opportunity.competitorShare.upTo": { min: 0, max: 1 },
  "opportunity.weights.weight": { above: 0 },
  "charter.riskSignals.scoreAtMost": { whole: true, min: 1 },
  "ship.photoProducts.minCapacityKvar": { above: 0 },
  "ship.photoProducts.minVoltageKV": { above: 0 },
  "receivables.agingBuckets.maxDays": {
    whole: true,
    min: 0,
    increasing: { what: { zh: "账龄区间边界", en: "bucket edges" }, blank: "last" },
  },
  "receivables.provisionBands.maxDays": {
    ...WHOLE_DAYS,
    increasing: { what: { zh: "计提区间边界", en: "bucket edges" }, blank: "last" },
  },
  "receivables.provisionBands.ratePercent": { min: 0, max: 100 },
  "receivables.vatCertification.withinDays": WHOLE_DAYS,
  "receivables.vatCertification.issuedFrom": { whole: true, min: 1, max: LAST_DATE_SERIAL },
  "receivables.vatCertification.issuedBefore": { whole: true, min: 1, max: LAST_DATE_SERIAL },
  "receivables.escalation.minDaysPastDue": {
    ...WHOLE_DAYS,
    increasing: { what: { zh: "升级步骤的逾期天数", en: "escalation steps' days past due" }, blank: "skip" },
  },
  "receivables.approvalSteps.step": { whole: true, min: 1 },
  "receivables.dunningLevels.minDaysOverdue": WHOLE_DAYS,
  "receivables.dunningLevels.minOverdueFen": { whole: true, min: 0 },
};

/** What the value of a numeric setting must be, by settings table and key. */
export const SETTING_RULES: Record<string, Record<string, NumberRule>> = {
  "lead.settings": { warmFromMonths: { above: 0 }, coldFromMonths: { above: 0 } },
  "owner.settings": { mtoThresholdFen: { whole: true, above: 0 } },
  "ship.settings": { requiredRatioDefault: { min: 0, max: 1 }, fullPaymentRatio: { above: 0, max: 1 } },
  "receivables.settings": {
    "limitation.legalYears": { whole: true, min: 1 },
    "limitation.companyYears": { whole: true, min: 1 },
    "limitation.maxYearsFromDue": { whole: true, min: 1 },
    "limitation.warningDays": { whole: true, min: 0 },
    "terms.defaultDays": { whole: true, min: 0 },
  },
};

/** A check over a table's rows. */
export type TableRule =
  /** the table needs at least one row (a ladder, the buckets) */
  | { rule: "nonEmpty" }
  /** the last row leaves `column` blank: the open-ended last band (days past the last edge fall in it) */
  | { rule: "openEnded"; column: string }
  /**
   * settings: the value of `lower` is below (or with `orEqual`, at most) the value of `upper`; with `by`,
   * the values are codes of `by.table` compared by its number column `by.column` (stages by seq)
   */
  | { rule: "ordered"; lower: string; upper: string; orEqual?: boolean; by?: ColumnRef }
  /** in each row, the number in `lower` is below the number in `upper` (both given) */
  | { rule: "rowOrder"; lower: string; upper: string }
  /** bands (above, upTo] follow each other without overlap or gap */
  | { rule: "bands"; lower: string; upper: string }
  /** every code of the table that `column` refers to, used by another table, has a row here (a chain with steps) */
  | { rule: "rowsForUsed"; column: string }
  /** no two rows have the same values in `columns` */
  | { rule: "uniqueTogether"; columns: string[] }
  /**
   * thresholds of levels chosen as "the last row whose thresholds all hold": down the table no
   * threshold falls and at least one rises, so the rows that hold are always the first few and
   * each row is the answer for some input (a row that repeats or undercuts the one before is never chosen)
   */
  | { rule: "escalating"; columns: string[] };

export const TABLE_RULES: Record<string, TableRule[]> = {
  "lead.settings": [{ rule: "ordered", lower: "warmFromMonths", upper: "coldFromMonths" }],
  "opportunity.competitorShare": [{ rule: "bands", lower: "above", upper: "upTo" }],
  "receivables.settings": [
    { rule: "ordered", lower: "limitation.companyYears", upper: "limitation.legalYears", orEqual: true },
    { rule: "ordered", lower: "limitation.legalYears", upper: "limitation.maxYearsFromDue", orEqual: true },
  ],
  "receivables.agingBuckets": [{ rule: "nonEmpty" }, { rule: "openEnded", column: "maxDays" }],
  "receivables.provisionBands": [{ rule: "nonEmpty" }, { rule: "openEnded", column: "maxDays" }],
  "receivables.vatCertification": [{ rule: "rowOrder", lower: "issuedFrom", upper: "issuedBefore" }],
  "receivables.escalation": [{ rule: "nonEmpty" }],
  "receivables.dunningLevels": [{ rule: "nonEmpty" }, { rule: "escalating", columns: ["minDaysOverdue", "minOverdueFen"] }],
  // the stages' order is the funnel's and the open pipeline's range: two stages in one place have none
  "process.stages": [{ rule: "uniqueTogether", columns: ["seq"] }],
  "process.settings": [
    { rule: "ordered", lower: "pipeline.fromStage", upper: "pipeline.toStage", orEqual: true, by: { table: "process.stages", column: "seq" } },
  ],
  "receivables.approvalSteps": [
    { rule: "rowsForUsed", column: "chain" },
    { rule: "uniqueTogether", columns: ["chain", "step"] },
  ],
};

/**
 * Rows added to an existing table of the built-in rulebook after rulebooks
 * were first stored in workbooks (see test/fixtures/stored/). A stored
 * rulebook without one gets the built-in row on import, with a notice, like a
 * table or a setting it lacks: rules saved earlier predate it. (To switch such
 * a row off, a company edits it, e.g. a review check made a note.)
 */
export const ADDED_ROWS: Record<string, string[]> = {
  "contract.reviewRules": ["inSystemClassedInSystem"],
  "receivables.policies": ["policy.commissioning"],
};

/**
 * Rows an earlier version stored that were wrong in law, by table and key,
 * with why: a stored rulebook that still has one loses it on import, with a
 * notice (a company that wants such a row back adds it under another code).
 */
export const RETIRED_ROWS: Record<string, Record<string, Text>> = {
  "receivables.demandEvidence": {
    "demand.commissioning": {
      zh: "投运证明确定付款到期时间，不是催款，不能中断诉讼时效（《民法典》第195条）",
      en: "a commissioning certificate fixes when payment fell due; it is not a demand and does not interrupt limitation (Civil Code art. 195)",
    },
  },
};

/** Columns the row types declare `| null` although every default row fills them. */
const NULLABLE = new Set(["receivables.vatCertification.issuedFrom", "receivables.vatCertification.issuedBefore"]);

/** Number formats the rules sheet uses (the value stays the number: serial dates, fractions). */
const NUMBER_FORMATS: Record<string, string> = {
  "receivables.vatCertification.issuedFrom": "yyyy-mm-dd",
  "receivables.vatCertification.issuedBefore": "yyyy-mm-dd",
  "opportunity.competitorShare.above": "0%",
  "opportunity.competitorShare.upTo": "0%",
};

/** Tables whose rows have no `code`/`key` column: the column that identifies a row. */
const KEY_COLUMNS: Record<string, string> = {
  "process.followUpLimits": "stage",
  "opportunity.weights": "criterion",
};

// ---------------------------------------------------------------- the schema

function valueType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "list";
  return typeof v;
}

function inferTable(section: SectionName, table: string, rows: readonly Record<string, unknown>[]): TableInfo {
  const id = `${section}.${table}`;
  const keys: string[] = [];
  for (const row of rows) for (const k of Object.keys(row)) if (!keys.includes(k)) keys.push(k);
  const settings = keys.includes("key") && keys.includes("value") && table === "settings";
  const columns: ColumnInfo[] = keys.map((key) => {
    const types = new Set<string>();
    let blank = false;
    let absent = false;
    for (const row of rows) {
      if (!(key in row) || row[key] === undefined) {
        absent = true;
        continue;
      }
      const v = row[key];
      types.add(valueType(v));
      if (v === "" || v === null) blank = true;
    }
    const nullable = types.has("null") || NULLABLE.has(`${id}.${key}`);
    types.delete("null");
    let kind: ColumnKind;
    if (settings && key === "value") kind = "setting";
    else if (types.size === 1 && types.has("number")) kind = "number";
    else if (types.size === 1 && types.has("boolean")) kind = "boolean";
    else if (types.size === 1 && types.has("list")) kind = "list";
    else kind = "text";
    const info: ColumnInfo = {
      key,
      header: columnHeader(key),
      kind,
      nullable,
      optional: absent,
      required: kind === "text" && !blank && !absent,
    };
    const values = ENUMS[`${id}.${key}`] ?? ENUMS[key];
    if (values && kind === "text") info.values = values;
    const ref = REFERENCES[`${id}.${key}`];
    if (ref) info.ref = ref;
    const fmt = NUMBER_FORMATS[`${id}.${key}`];
    if (fmt) info.numberFormat = fmt;
    const numbers = NUMBER_RULES[`${id}.${key}`] ?? NUMBER_RULES[key];
    if (numbers && kind === "number") info.numbers = numbers;
    return info;
  });
  const keyColumn = KEY_COLUMNS[id] ?? (keys.includes("code") ? "code" : keys.includes("key") ? "key" : keys[0]);
  return {
    id,
    section,
    table,
    name: TABLE_NAMES[id] ?? { zh: id, en: id },
    keyColumn,
    columns,
    settings,
    scored: keys.includes("score"),
    vocabulary: ["code", "zh", "en", "aliases"].every((k) => keys.includes(k)),
    checks: TABLE_RULES[id] ?? [],
    ...(settings && SETTING_RULES[id] ? { settingNumbers: SETTING_RULES[id] } : {}),
  };
}

let schema: TableInfo[] | undefined;

/** Every table of the rulebook's structure, in rulebook order (read once from DEFAULT_RULEBOOK). */
export function rulebookSchema(): readonly TableInfo[] {
  if (!schema) {
    schema = [];
    for (const section of sectionNames()) {
      const tables = DEFAULT_RULEBOOK[section] as unknown as Record<string, Record<string, unknown>[]>;
      for (const table of Object.keys(tables)) schema.push(inferTable(section, table, tables[table]));
    }
  }
  return schema;
}

/** The sections in rulebook order. */
export function sectionNames(): SectionName[] {
  return Object.keys(DEFAULT_RULEBOOK).filter((k) => k !== "version") as SectionName[];
}

/** The structure of one table, by id ("owner.rules"). */
export function tableInfo(id: string): TableInfo | undefined {
  return rulebookSchema().find((t) => t.id === id);
}

/** The rows of a table of a rulebook (undefined if the rulebook lacks it). */
export function tableRows(rb: Rulebook, id: string): TableRow[] | undefined {
  const [section, table] = id.split(".");
  const sec = (rb as unknown as Record<string, Record<string, unknown> | undefined>)[section];
  const rows = sec && typeof sec === "object" ? sec[table] : undefined;
  return Array.isArray(rows) ? (rows as TableRow[]) : undefined;
}

/** Every table of a rulebook with its rows, in rulebook order. */
export function rulebookTables(rb: Rulebook): RulebookTable[] {
  return rulebookSchema().map((info) => ({ ...info, rows: tableRows(rb, info.id) ?? [] }));
}

/** The setting keys of a settings table in the default, with the kind of value each holds. */
export function defaultSettings(id: string): Map<string, "number" | "string"> {
  const out = new Map<string, "number" | "string">();
  for (const row of tableRows(DEFAULT_RULEBOOK, id) ?? []) {
    out.set(String(row.key), typeof row.value === "number" ? "number" : "string");
  }
  return out;
}

/**
 * A text setting whose default value is a code of a table of the same section
 * (e.g. receivables limitation.warningBasis = basis.legal): that table.
 */
export function settingRef(settingsTableId: string, key: string): ColumnRef | undefined {
  const row = (tableRows(DEFAULT_RULEBOOK, settingsTableId) ?? []).find((r) => r.key === key);
  if (!row || typeof row.value !== "string") return undefined;
  const section = settingsTableId.split(".")[0];
  for (const info of rulebookSchema()) {
    if (info.section !== section || info.settings) continue;
    if ((tableRows(DEFAULT_RULEBOOK, info.id) ?? []).some((r) => r[info.keyColumn] === row.value)) {
      return { table: info.id, column: info.keyColumn };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------- Excel table names

/** The Excel table (ListObject) name of a rulebook table: "owner.rules" → "LTC_owner_rules". */
export function excelTableName(id: string): string {
  return `LTC_${id.replace(/\./g, "_")}`;
}

/** The rulebook table id an Excel table name or id stands for ("LTC_owner_rules", "owner.rules"), or the input. */
export function tableIdFromName(name: string): string {
  const t = String(name).trim();
  const m = /^LTC_(.+)$/i.exec(t);
  const body = m ? m[1].replace(/_/g, ".") : t;
  const wanted = body.toLowerCase();
  const hit = [...rulebookSchema().map((i) => i.id), META_TABLE].find((id) => id.toLowerCase() === wanted);
  return hit ?? body;
}

/** The rules sheet's table of facts about the rulebook itself (its version). */
export const META_TABLE = "rulebook";

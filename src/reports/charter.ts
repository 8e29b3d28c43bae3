import {
  bonusCategories,
  bonusFlow,
  charterParts,
  meetingPlan,
  riskSignals,
  stakeholderPlaybook,
} from "../rules/charter";
import { attempt, badArg, Failure, isFailure } from "../rules/errors";
import { defineMessages, PlainKeys, say, VarsArg } from "../rules/messages";
import { rulebookFingerprint } from "../rules/fingerprint";
import { vocabularyOf } from "../rules/labels";
import { formatShare, opportunityScore, OpportunityScore } from "../rules/opportunity";
import { ownerDepartment, OwnerInput } from "../rules/owner";
import { paymentScore, PaymentScore } from "../rules/payment";
import { fulfilmentSteps, milestonePlan, starterRisks } from "../rules/process";
import type { Rulebook } from "../rules/rulebook";
import type { Mark } from "../rules/settings";
import { dutiesOf, teamFor } from "../rules/team";
import { Decision, Lang, pick, RuleRef, Text } from "../rules/types";
import { isoFromSerial, MAX_SERIAL, parseShare } from "../rules/values";
import {
  cellText,
  OPPORTUNITY_COLUMNS,
  opportunityColumn,
  OpportunityColumn,
  OpportunityRecord,
  openOpportunityTable,
  OPPORTUNITY_CRITERIA,
  PAYMENT_CRITERIA,
  PERSON_COLUMNS,
  PersonColumn,
  PlaceColumn,
  placeColumnNamed,
  readOpportunityRow,
} from "./opportunityTable";
import { a1, Area, Block, CellStyle, InputCell, ListValidation, PlanValue, SheetPlan } from "./sheetplan";
import { columnText, DataIssue, RawTable, readerReason } from "./table";

/**
 * The project charter (项目章程, rulebook §8) of one opportunity as a
 * SheetPlan. Everything rule-derived comes from the evaluators of src/rules
 * and the text of the rulebook's rows; this file only decides the layout.
 * Data text stays plain string values (the renderers write strings as text),
 * the only formulas are native SUM/IF ones built here, and nothing reads the
 * clock: the generation date is an option.
 */

export interface CharterOptions {
  /** generation date as an Excel serial (written into the footer; never the clock) */
  generatedOn: number;
  /** output language of every label and rule text: "zh" (default) or "en" */
  lang?: Lang;
  /** editable budget lines (default 8) */
  budgetLines?: number;
}

// ------------------------------------------------------------------ labels

const LABELS = defineMessages({
  title: { zh: "项目章程", en: "Project charter" },
  sheetPrefix: { zh: "章程", en: "Charter" },
  basic: { zh: "基本信息", en: "Basic information" },
  project: { zh: "项目名称", en: "Project" },
  customer: { zh: "客户", en: "Customer" },
  projectType: { zh: "项目类型", en: "Project type" },
  projectClass: { zh: "项目类别", en: "Project class" },
  amount: { zh: "金额（元）", en: "Amount (CNY)" },
  office: { zh: "代表处", en: "Office" },
  projectLocation: { zh: "项目所在地", en: "Project location" },
  customerLocation: { zh: "客户所在地", en: "Customer location" },
  ownerDept: { zh: "主责部门", en: "Owner department" },
  ownerNoRule: { zh: "规则手册第6节未规定此类项目的主责部门，立项时确定", en: "Rulebook §6 names no owner department for this project type: set it at project approval" },
  basis: { zh: "依据", en: "Basis" },
  oppEval: { zh: "机会点评估", en: "Opportunity evaluation" },
  payEval: { zh: "客户付款能力", en: "Payment capability" },
  given: { zh: "输入", en: "Given" },
  score: { zh: "得分", en: "Score" },
  total: { zh: "合计", en: "Total" },
  probability: { zh: "成功概率", en: "Success probability" },
  notScored: { zh: "未评分：请补全四项评估", en: "Not scored: complete all four criteria" },
  sourceRow: { zh: "数据来源：第{row}行", en: "Source: row {row}" },
  team: { zh: "组建项目团队并明确分工", en: "Team and division of work" },
  role: { zh: "角色", en: "Role" },
  rank: { zh: "要求职级", en: "Required rank" },
  person: { zh: "姓名", en: "Name" },
  status: { zh: "状态", en: "Status" },
  duties: { zh: "职责", en: "Duties" },
  unassigned: { zh: "未指定", en: "Unassigned" },
  noClass: { zh: "项目类别无法识别，职级待定", en: "Project class not recognised: rank to be set" },
  stakeholders: { zh: "干系人与行动计划", en: "Stakeholders and action plan" },
  stakeholderRole: { zh: "客户角色", en: "Customer role" },
  contactName: { zh: "客户方姓名", en: "Contact name" },
  contactTitle: { zh: "职务", en: "Title" },
  attitude: { zh: "态度", en: "Attitude" },
  ourOwner: { zh: "我方负责人", en: "Our owner" },
  notes: { zh: "备注", en: "Notes" },
  action: { zh: "行动", en: "Action" },
  dueDate: { zh: "计划完成日期", en: "Due date" },
  done: { zh: "完成情况", en: "Done" },
  budget: { zh: "初步项目预算及使用方案", en: "Budget and its use" },
  budgetItem: { zh: "费用项", en: "Item" },
  budgetAmount: { zh: "预算金额（元）", en: "Budget (CNY)" },
  budgetUse: { zh: "使用说明", en: "Use" },
  communication: { zh: "沟通机制及沟通频率", en: "Communication plan" },
  meeting: { zh: "会议", en: "Meeting" },
  meetingKind: { zh: "类型", en: "Kind" },
  cadence: { zh: "频率/时机", en: "Cadence" },
  meetingOwner: { zh: "负责人", en: "Owner" },
  participants: { zh: "参加人", en: "Participants" },
  mark: { zh: "标注", en: "Mark" },
  meetingDefaults: { zh: "标注“默认”的频率/时机和负责人课件未规定，为默认值，公司应自行设定（规则数据）", en: "Cadence and owner marked “default” are not given by the deck: defaults the company should set (rulebook data)" },
  milestones: { zh: "里程碑计划，初步识别并评估风险", en: "Milestones and risks" },
  stage: { zh: "阶段", en: "Stage" },
  gate: { zh: "关口", en: "Gate" },
  targetDate: { zh: "目标日期", en: "Target date" },
  dateSource: { zh: "日期来源", en: "Date from" },
  owner: { zh: "负责人", en: "Owner" },
  progress: { zh: "进展", en: "Progress" },
  fulfilStep: { zh: "合同履行步骤", en: "Fulfilment step" },
  riskRegister: { zh: "风险登记", en: "Risk register" },
  riskNo: { zh: "序号", en: "No." },
  risk: { zh: "风险", en: "Risk" },
  riskSource: { zh: "来源", en: "Source" },
  likelihood: { zh: "可能性", en: "Likelihood" },
  impact: { zh: "影响", en: "Impact" },
  response: { zh: "应对措施及负责人", en: "Response and owner" },
  fromScores: { zh: "评分揭示", en: "From the scores" },
  fromTeam: { zh: "团队配置", en: "From the team" },
  fromStage: { zh: "阶段典型问题", en: "Typical stage problem" },
  goals: { zh: "项目目标及成功标准", en: "Goals and success criteria" },
  goal: { zh: "目标", en: "Goal" },
  successCriterion: { zh: "成功标准", en: "Success criterion" },
  targetValue: { zh: "目标值", en: "Target" },
  goalSign: { zh: "签约金额（元）", en: "Contract amount (CNY)" },
  goalSignCriterion: { zh: "按期签订合同", en: "Contract signed on time" },
  goalDate: { zh: "签约日期", en: "Signing date" },
  goalCollect: { zh: "回款", en: "Collection" },
  goalCollectCriterion: { zh: "按合同约定全额回款", en: "Paid in full as the contract agrees" },
  bonus: { zh: "业绩及奖金分配方案", en: "Performance and bonus split" },
  bonusCategory: { zh: "奖金类别", en: "Bonus category" },
  allocation: { zh: "分配比例", en: "Share" },
  bonusNote: { zh: "说明", en: "Note" },
  bonusOk: { zh: "合计100%", en: "Total 100%" },
  bonusBad: { zh: "合计≠100%", en: "Total ≠ 100%" },
  other: { zh: "其他（如有）", en: "Other (if any)" },
  memberSplit: { zh: "按成员贡献分配", en: "Split by member contribution" },
  draftedBy: { zh: "{actor}拟定", en: "drafted by: {actor}" },
  member: { zh: "成员角色", en: "Member role" },
  contribution: { zh: "主要贡献", en: "Contribution" },
  contributionShare: { zh: "贡献比例", en: "Share" },
  bonusAmount: { zh: "奖金金额（元）", en: "Bonus (CNY)" },
  otherMember: { zh: "其他成员", en: "Other member" },
  bonusNoRule: { zh: "规则手册第8节未列出此类项目的奖金类别，在章程中确定", en: "Rulebook §8 lists no bonus categories for this project type: set them in the charter" },
  approval: { zh: "审批", en: "Approval" },
  approvalAtStart: { zh: "立项时", en: "At project approval" },
  approvalAtEnd: { zh: "中标复盘时", en: "At the win retrospective" },
  step: { zh: "步骤", en: "Step" },
  actor: { zh: "角色", en: "Role" },
  signature: { zh: "签字", en: "Signature" },
  date: { zh: "日期", en: "Date" },
  opinion: { zh: "意见", en: "Opinion" },
  problems: { zh: "数据问题", en: "Data problems" },
  problemRow: { zh: "行", en: "Row" },
  problemColumn: { zh: "列", en: "Column" },
  problemValue: { zh: "值", en: "Value" },
  problemReason: { zh: "原因", en: "Why" },
  footer: { zh: "规则手册版本 {version}（指纹 {fingerprint}）；生成日期 {date}", en: "Rulebook {version} (fingerprint {fingerprint}); generated {date}" },
  unplacedTitle: {
    zh: "原章程中的填写内容：其所在行已不在本章程中（如该角色已不在团队中），内容保留于此",
    en: "Entries from the earlier charter whose rows are no longer in it (say, a role no longer in the team), kept here",
  },
  unplacedPlace: { zh: "原位置", en: "Was for" },
  unplacedEntry: { zh: "填写内容", en: "Entry" },
});

/** Drop-down choices and marks of the charter's input cells, in both languages. */
const ATTITUDES: readonly Text[] = [
    { zh: "支持", en: "Supportive" },
    { zh: "中立", en: "Neutral" },
    { zh: "反对", en: "Opposed" },
  ];
const BUDGET_ITEMS: readonly Text[] = [
    { zh: "差旅费", en: "Travel" },
    { zh: "业务招待费", en: "Hospitality" },
    { zh: "技术交流与推广", en: "Technical exchange and promotion" },
    { zh: "投标费用", en: "Bid costs" },
    { zh: "其他", en: "Other" },
  ];
const MARKS: Readonly<Record<Mark, Text>> = {
    deck: { zh: "课件", en: "deck" },
    reading: { zh: "解读", en: "reading" },
    default: { zh: "默认", en: "default" },
  };
const PROGRESS_STATES: readonly Text[] = [
    { zh: "未开始", en: "Not started" },
    { zh: "进行中", en: "In progress" },
    { zh: "已完成", en: "Done" },
  ];
const LEVELS: readonly Text[] = [
    { zh: "高", en: "High" },
    { zh: "中", en: "Medium" },
    { zh: "低", en: "Low" },
  ];

type LabelKey = keyof typeof LABELS;

const NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
function sectionTitle(n: number, title: string, lang: Lang): string {
  return lang === "en" ? `${n}. ${title}` : `${NUMERALS[n - 1] ?? n}、${title}`;
}

// ------------------------------------------------------------------ facts

/** One criterion of a scoring model as the charter shows it. */
export interface ScoreLine {
  name: Text;
  /** the value as the rulebook labels it, or the cell text when it could not be read */
  given: Text;
  score?: number;
}

export interface ScoreBlock {
  lines: ScoreLine[];
  total?: number;
  max?: number;
  probability?: number;
  reasons: RuleRef[];
}

export interface TeamLine {
  roleCode: string;
  role: Text;
  rank?: Text;
  person?: string;
  duties: Text[];
}

/** A rulebook row's text with its code: the code names the charter row it fills, so what a user typed there follows it. */
export interface CodedText extends Text {
  code: string;
}

export interface MilestoneLine {
  /** the stage's or fulfilment step's code */
  code: string;
  stage: Text;
  gate?: Text;
  /** fulfilment steps are listed under the fulfilment stage */
  step: boolean;
  date?: number;
  dateFrom?: Text;
}

export interface RiskLine {
  /** the risk-signal or stage-problem row's code */
  code: string;
  risk: Text;
  source: Text;
  stage?: Text;
}

/** What the rulebook says about one opportunity: everything the layout needs, nothing about cells. */
export interface CharterFacts {
  record: OpportunityRecord;
  projectType?: Text;
  projectClass?: Text;
  ownerDept?: Text;
  /** the owner department's basis: the rulebook rows, or why it is not known */
  ownerBasis: Text[];
  opportunity: ScoreBlock;
  payment: ScoreBlock;
  team: TeamLine[];
  stakeholders: Array<{ code: string; role: Text; actions: CodedText[] }>;
  /** `mark` says whether cadence and owner are the deck's or a default the company should set */
  meetings: Array<{ code: string; name: Text; kind: Text; cadence: Text; owner: Text; mark: Mark }>;
  milestones: MilestoneLine[];
  risks: RiskLine[];
  /** §8 categories of the type, the deck's notes, and who drafts the split (the first approval step) */
  bonus: { categories: CodedText[]; notes: Text[]; drafter?: { actor: Text; step: Text } };
  approval: Array<{ code: string; phase: Text; steps: Array<{ code: string; step: Text; actor: Text }> }>;
  /** part code → title, in the rulebook's order of the parts (the order the charter writes them in) */
  parts: Record<string, Text>;
  problems: DataIssue[];
}

/** Which data column gives the target date of which stage (the stage's gate or end). */
const DATE_STAGES: ReadonlyArray<{ column: "tenderDate" | "signingDate"; stage: string }> = [
  { column: "tenderDate", stage: "stage.solution" },
  { column: "signingDate", stage: "stage.contract" },
];

const textOf = (row: Text): Text => ({ zh: row.zh, en: row.en });
const codedOf = (row: Text & { code: string }): CodedText => ({ code: row.code, zh: row.zh, en: row.en });
const plain = (s: string): Text => ({ zh: s, en: s });

/** The column a rulebook evaluator's argument name stands for. */
const ARG_COLUMNS: Readonly<Record<string, OpportunityColumn>> = {
  projectType: "projectType",
  projectClass: "projectClass",
  amountCNY: "amount",
  condition: "condition",
};

/**
 * Asks the evaluators of src/rules about one record. `problems` are the
 * record's reading problems; the facts carry them plus those the evaluators
 * find (with the row and column they concern, one per column).
 */
export function charterFacts(record: OpportunityRecord, rb: Rulebook, problems: DataIssue[] = []): CharterFacts {
  const allProblems = [...problems];
  const addProblem = (column: OpportunityColumn | "", value: unknown, failure: Failure) => {
    const name = column === "" ? null : columnText(opportunityColumn(column));
    if (allProblems.some((p) => p.row === record.row && p.column?.en === name?.en)) return;
    allProblems.push({ row: record.row, column: name, value, reason: readerReason(failure) });
  };

  const parts: Record<string, Text> = {};
  for (const part of charterParts(rb)) parts[part.code] = textOf(part);

  // §6 owner department, resolved to an office where the place it names is known.
  let ownerDept: Text | undefined;
  const ownerBasis: Text[] = [];
  if (record.projectType) {
    const base: OwnerInput = { projectType: record.typeInput, condition: record.condition };
    if (record.amountFen !== undefined) base.amountFen = record.amountFen;
    let owner = attempt(() => ownerDepartment(rb, base));
    if (!isFailure(owner) && owner.value.owner.kind === "office") {
      const column = locationColumn(record, owner.value.owner.place);
      if (column) {
        const located = attempt(() => ownerDepartment(rb, { ...base, location: record.places[column] }));
        if (isFailure(located)) addProblem(column, record.places[column], located);
        else owner = located;
      }
    }
    if (!isFailure(owner)) {
      ownerDept = owner.value.text;
      ownerBasis.push(...owner.reasons.map((r) => r.text));
    } else if (owner.failed === "#N/A") {
      ownerBasis.push((LABELS.ownerNoRule));
    } else {
      const column = ARG_COLUMNS[owner.arg ?? ""] ?? "projectType";
      addProblem(column, cellOf(record, column), owner);
    }
  }

  // §4 and §5 scores; a criterion an evaluator refuses is a problem on its column and leaves the model unscored.
  const scored = <T>(complete: boolean, evaluate: () => Decision<T>): Decision<T> | undefined => {
    if (!complete) return undefined;
    const outcome = attempt(evaluate);
    if (!isFailure(outcome)) return outcome;
    // the scoring evaluators name each criterion's argument as its column is keyed
    const column = [...OPPORTUNITY_CRITERIA, ...PAYMENT_CRITERIA].find((c) => c === outcome.arg) ?? "";
    addProblem(column, column === "" ? null : cellOf(record, column), outcome);
    return undefined;
  };
  const oppDecision = scored(record.opportunityComplete, () => opportunityScore(rb, record.opportunity));
  const payDecision = scored(record.paymentComplete, () => paymentScore(rb, record.payment));
  const oppScore: OpportunityScore | undefined = oppDecision?.value;
  const payScore: PaymentScore | undefined = payDecision?.value;
  const opportunity: ScoreBlock = { lines: [], reasons: [] };
  if (oppDecision && oppScore) {
    for (const p of oppScore.parts) {
      let given = p.label;
      if (p.criterion === "competitorShare") {
        const share = formatShare(parseShare(record.opportunity.competitorShare, "competitorShare"));
        given = { zh: `${share} ${p.label.zh}`, en: `${share} ${p.label.en}` };
      }
      opportunity.lines.push({ name: p.name, given, score: p.score });
    }
    Object.assign(opportunity, { total: oppScore.total, max: oppScore.max, probability: oppScore.probability });
    opportunity.reasons = oppDecision.reasons;
  } else {
    for (const c of rb.opportunity.criteria) {
      const raw = (record.opportunity as unknown as Record<string, unknown>)[c.code];
      opportunity.lines.push({ name: textOf(c), given: plain(cellText(raw)) });
    }
  }
  const payment: ScoreBlock = { lines: [], reasons: [] };
  if (payDecision && payScore) {
    for (const p of payScore.parts) payment.lines.push({ name: p.name, given: p.label, score: p.score });
    Object.assign(payment, { total: payScore.total, max: payScore.max });
    payment.reasons = payDecision.reasons;
  } else {
    for (const c of rb.payment.criteria) {
      const raw = (record.payment as unknown as Record<string, unknown>)[c.code];
      payment.lines.push({ name: textOf(c), given: plain(cellText(raw)) });
    }
  }

  // §7 team: ranks by class, people from the data, duties from the rulebook. A class §7 gives no
  // rank for is a problem on the class column; the roles are then listed as for an unread class.
  const personOf = (roleCode: string): string | undefined => {
    const column = personColumnOf(rb, roleCode);
    return column ? record.people[column] : undefined;
  };
  const slots = record.projectClass ? attempt(() => teamFor(rb, record.classInput)) : undefined;
  if (slots && isFailure(slots)) addProblem("projectClass", record.classInput, slots);
  const lines: Array<Omit<TeamLine, "person">> =
    slots && !isFailure(slots)
      ? slots.value.map((slot) => ({ roleCode: slot.role.code, role: textOf(slot.role), rank: textOf(slot.rank), duties: slot.duties.map(textOf) }))
      : [...rb.team.roles]
          .sort((a, b) => a.seq - b.seq)
          .map((role) => ({ roleCode: role.code, role: textOf(role), duties: dutiesOf(rb, role.code).map(textOf) }));
  const team: TeamLine[] = lines.map((line) => {
    const person = personOf(line.roleCode);
    return person === undefined ? line : { ...line, person };
  });

  // §8 stakeholders and meetings.
  const stakeholders = stakeholderPlaybook(rb).map((p) => ({ code: p.role.code, role: textOf(p.role), actions: p.actions.map(codedOf) }));
  const meetings = meetingPlan(rb).map((m) => ({
    code: m.meeting.code,
    name: textOf(m.meeting),
    kind: m.kind ? textOf(m.kind) : plain(m.meeting.kind),
    cadence: m.cadence,
    owner: m.owner,
    mark: m.meeting.mark,
  }));

  // §1 milestones with dates from the data where the table has them.
  const milestones: MilestoneLine[] = [];
  const fulfilStage = rb.process.stages.find((s) => s.code === "stage.fulfil");
  for (const m of milestonePlan(rb)) {
    const line: MilestoneLine = { code: m.stage.code, stage: textOf(m.stage), step: false };
    if (m.gate) line.gate = { zh: `${m.gate.id} ${m.gate.zh}`, en: `${m.gate.id} ${m.gate.en}` };
    const dated = DATE_STAGES.find((d) => d.stage === m.stage.code && record[d.column] !== undefined);
    if (dated) {
      line.date = record[dated.column];
      line.dateFrom = textOf(opportunityColumn(dated.column));
    }
    milestones.push(line);
    if (fulfilStage && m.stage.code === fulfilStage.code) {
      for (const step of fulfilmentSteps(rb)) milestones.push({ code: step.code, stage: textOf(step), step: true });
    }
  }

  // Risks: what the scores and the team reveal, then the deck's stage problems.
  const byCriterion = (score: { total: number; parts: ReadonlyArray<{ criterion: string; score: number }> } | undefined) => {
    if (!score) return undefined;
    const out: Record<string, number> = { total: score.total };
    for (const part of score.parts) out[part.criterion] = part.score;
    return out;
  };
  const signals = attempt(() =>
    riskSignals(rb, {
      opportunity: byCriterion(oppScore),
      payment: byCriterion(payScore),
      unassignedRoles: team.filter((m) => m.person === undefined).map((m) => m.roleCode),
    }),
  );
  const risks: RiskLine[] = [];
  // A risk-signal row the rulebook cannot evaluate is the rulebook's problem: said once, not guessed around.
  if (isFailure(signals)) addProblem("", null, signals);
  else {
    signals.value.forEach((row, i) => {
      const source = row.subject.startsWith("team.") ? LABELS.fromTeam : LABELS.fromScores;
      risks.push({ code: row.code, risk: signals.reasons[i]?.text ?? textOf(row), source });
    });
  }
  for (const r of starterRisks(rb)) {
    risks.push({
      code: r.problem.code,
      risk: textOf(r.problem),
      source: (LABELS.fromStage),
      stage: textOf(r.stage),
    });
  }

  // §8 bonus categories for the type, and the approval flow.
  const bonus: CharterFacts["bonus"] = { categories: [], notes: [] };
  if (record.projectType) {
    const outcome = attempt(() => bonusCategories(rb, record.typeInput));
    if (!isFailure(outcome)) {
      const { group, categories } = outcome.value;
      bonus.categories = categories.map(codedOf);
      if (group.noteZh || group.noteEn) bonus.notes.push({ zh: group.noteZh ?? "", en: group.noteEn ?? "" });
    } else if (outcome.failed === "#N/A") {
      bonus.notes.push((LABELS.bonusNoRule));
    } // #VALUE!: the type could not be read, which the reading has reported already
  }
  const phase = (code: string, label: Text) => ({
    code,
    phase: label,
    steps: bonusFlow(rb, code).map((f) => ({ code: f.code, step: textOf(f), actor: { zh: f.actorZh, en: f.actorEn } })),
  });
  const approval = [phase("approval", LABELS.approvalAtStart), phase("retrospective", LABELS.approvalAtEnd)];
  const draft = approval[0].steps[0];
  if (draft) bonus.drafter = draft;

  const facts: CharterFacts = {
    record,
    ownerBasis,
    opportunity,
    payment,
    team,
    stakeholders,
    meetings,
    milestones,
    risks,
    bonus,
    approval,
    parts,
    problems: allProblems.filter((p) => p.row === record.row),
  };
  if (record.projectType) facts.projectType = textOf(record.projectType);
  if (record.projectClass) facts.projectClass = textOf(record.projectClass);
  if (ownerDept) facts.ownerDept = ownerDept;
  return facts;
}

const isOpportunityCriterion = (column: string): column is (typeof OPPORTUNITY_CRITERIA)[number] =>
  (OPPORTUNITY_CRITERIA as readonly string[]).includes(column);
const isPaymentCriterion = (column: string): column is (typeof PAYMENT_CRITERIA)[number] =>
  (PAYMENT_CRITERIA as readonly string[]).includes(column);

/** The record's cell value for a column, for problem reports. */
function cellOf(record: OpportunityRecord, column: OpportunityColumn): unknown {
  switch (column) {
    case "projectType":
      return record.typeInput;
    case "projectClass":
      return record.classInput;
    case "amount":
      return record.amountFen === undefined ? null : record.amountFen / 100;
    case "condition":
      return record.condition ?? null;
    default:
      if (isOpportunityCriterion(column)) return record.opportunity[column];
      if (isPaymentCriterion(column)) return record.payment[column];
      return null;
  }
}

/**
 * The location column that decides an office-type owner: the place the §6
 * department names (合同签订地, 客户总部所在地/项目所在地, …: the first of
 * them the row fills in), or for a plain 代表处 the office column, else the
 * project location.
 */
function locationColumn(record: OpportunityRecord, place: string | null): PlaceColumn | undefined {
  const candidates: PlaceColumn[] =
    place === null
      ? ["office", "projectLocation"]
      : place
          .split("/")
          .map((p) => placeColumnNamed(p))
          .filter((c): c is PlaceColumn => c !== undefined);
  return candidates.find((c) => record.places[c] !== undefined);
}

/** The data column naming the person of a role: the column whose header is one of the role's names. */
function personColumnOf(rb: Rulebook, roleCode: string): PersonColumn | undefined {
  const roles = vocabularyOf(rb.team.roles);
  for (const key of PERSON_COLUMNS) {
    const def = OPPORTUNITY_COLUMNS.find((d) => d.key === key)!;
    for (const name of [def.zh, def.en, ...def.aliases]) {
      if (roles.find(name)?.code === roleCode) return key;
    }
  }
  return undefined;
}

// ------------------------------------------------------------------ layout

const WIDTH = 7;
const COLUMN_WIDTHS = [16, 20, 14, 14, 14, 14, 30];

const STYLES: Record<string, CellStyle> = {
  title: { bold: true, fontSize: 16, vAlign: "center" },
  subtitle: { italic: true, fontColor: "#595959" },
  section: { bold: true, fontSize: 12, fontColor: "#FFFFFF", fill: "#2F5597", vAlign: "center" },
  subsection: { bold: true, fontColor: "#2F5597" },
  header: { bold: true, fill: "#D9E1F2", border: true, wrap: true, hAlign: "center", vAlign: "center" },
  label: { bold: true, fill: "#F2F2F2", border: true, vAlign: "top", wrap: true },
  computed: { border: true, wrap: true, vAlign: "top" },
  computedNumber: { border: true, numberFormat: "0", hAlign: "center", vAlign: "top" },
  computedMoney: { border: true, numberFormat: "#,##0.00", vAlign: "top" },
  computedPercent: { border: true, numberFormat: "0.0%", hAlign: "center", vAlign: "top" },
  computedCenter: { border: true, hAlign: "center", vAlign: "top" },
  computedDate: { border: true, numberFormat: "yyyy-mm-dd", vAlign: "top" },
  input: { border: true, wrap: true, vAlign: "top", fill: "#FFF2CC", input: true, numberFormat: "@" },
  inputMoney: { border: true, fill: "#FFF2CC", input: true, numberFormat: "#,##0.00", vAlign: "top" },
  inputPercent: { border: true, fill: "#FFF2CC", input: true, numberFormat: "0%", hAlign: "center", vAlign: "top" },
  inputDate: { border: true, fill: "#FFF2CC", input: true, numberFormat: "yyyy-mm-dd", vAlign: "top" },
  flag: { border: true, bold: true, fontColor: "#C00000", hAlign: "center", vAlign: "top" },
  total: { bold: true, fill: "#F2F2F2", border: true },
  totalMoney: { bold: true, fill: "#F2F2F2", border: true, numberFormat: "#,##0.00" },
  totalPercent: { bold: true, fill: "#F2F2F2", border: true, numberFormat: "0%", hAlign: "center" },
  note: { italic: true, fontColor: "#595959", wrap: true, vAlign: "top" },
  footer: { italic: true, fontColor: "#595959", fontSize: 9 },
};

/** A charter row's identity for its input cells: a key from rulebook codes (never its text or position on the sheet) and its label. */
interface RowId {
  key: string;
  label: string;
}

/** An input field of a row: its column, the key part and the label (the column's header). */
type Field = readonly [col: number, key: string, label: string];

/** Writes rows top to bottom; each row is padded to the sheet's width. */
class Layout {
  row = 0;
  readonly blocks: Block[] = [];
  readonly merges: Area[] = [];
  readonly validations: ListValidation[] = [];
  readonly inputs: InputCell[] = [];

  /** Names the input cells of the rows from `first` on: row key + field key, labelled "row · field". */
  keys(first: number, rows: readonly RowId[], fields: readonly Field[]): void {
    rows.forEach((id, i) => {
      for (const [col, key, label] of fields) this.inputs.push({ key: `${id.key}/${key}`, row: first + i, col, label: `${id.label} · ${label}` });
    });
  }

  /** A rectangle of rows starting at the current row; returns its first row. */
  put(values: PlanValue[][], columnStyles: (string | undefined)[], rowStyles?: (string | undefined)[]): number {
    const start = this.row;
    const padded = values.map((r) => {
      const out = r.slice(0, WIDTH);
      while (out.length < WIDTH) out.push(null);
      return out;
    });
    const styles = [...columnStyles];
    while (styles.length < WIDTH) styles.push(undefined);
    const block: Block = { row: start, col: 0, values: padded, columnStyles: styles };
    if (rowStyles && rowStyles.some((s) => s !== undefined)) block.rowStyles = rowStyles;
    this.blocks.push(block);
    this.row += values.length;
    return start;
  }

  /** One full-width line (merged across the sheet). */
  line(value: PlanValue, style: string): number {
    const r = this.put([[value]], Array(WIDTH).fill(style));
    this.merge(r, 0, 1, WIDTH);
    return r;
  }

  merge(row: number, col: number, rows: number, cols: number): void {
    if (rows * cols > 1) this.merges.push({ row, col, rows, cols });
  }

  /** Merges columns [from, to] on each of `rows` rows starting at `row`. */
  mergeAcross(row: number, rows: number, from: number, to: number): void {
    for (let r = row; r < row + rows; r++) this.merge(r, from, 1, to - from + 1);
  }

  gap(): void {
    this.row += 1;
  }
}

function dash(v: string | undefined): string {
  return v === undefined || v === "" ? "—" : v;
}

/** A valid, short sheet name: 章程-<project> within 31 characters, without []:*?/\ . */
export function charterSheetName(project: string, lang: Lang = "zh"): string {
  const prefix = `${say(lang, LABELS.sheetPrefix)}-`;
  const cleaned = Array.from(project, (ch) => (ch.charCodeAt(0) < 0x20 || "[]:*?/\\".includes(ch) ? " " : ch))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
  if (cleaned === "") return say(lang, LABELS.sheetPrefix);
  const chars = Array.from(prefix + cleaned);
  let name = "";
  for (const ch of chars) {
    if ((name + ch).length > 31) break;
    name += ch;
  }
  return name.replace(/^'+|'+$/g, "").trim() || prefix.slice(0, -1);
}

/** The stable key of a project's charter sheet, to find LTC Desk's own sheet on regeneration. */
export function charterOwnerKey(project: string): string {
  return `charter:${project}`;
}

/** What every section writer needs: the facts, the language and the layout being written. */
interface Sheet {
  facts: CharterFacts;
  options: CharterOptions;
  lang: Lang;
  L: Layout;
  /** the numbered sections written so far */
  sections: number;
  /** role code → the A1 address of the cell holding the person's name, once the team is written */
  nameCells: Map<string, string>;
}

const t = <K extends LabelKey>(s: Sheet, key: K, ...vars: VarsArg<(typeof LABELS)[K]>) => say(s.lang, LABELS[key], ...vars);
const show = (s: Sheet, text: Text | undefined) => (text ? pick(text, s.lang) : "—");
const colonOf = (lang: Lang) => (lang === "en" ? ": " : "：");
const amountOf = (record: OpportunityRecord) => (record.amountFen === undefined ? null : record.amountFen / 100);

/** A section heading after a blank row; the charter's parts are numbered in the deck's order, the basics are not. */
function heading(s: Sheet, title: string, numbered = true): void {
  s.L.gap();
  if (!numbered) {
    s.L.line(title, "section");
    return;
  }
  s.sections += 1;
  s.L.line(sectionTitle(s.sections, title, s.lang), "section");
}

/** A part's heading: the rulebook's title of the part where it has one. */
function partHeading(s: Sheet, code: string, fallback: PlainKeys<typeof LABELS>): void {
  const part = s.facts.parts[code];
  heading(s, part ? pick(part, s.lang) : t(s, fallback));
}

/** A header row across the sheet, with the given column ranges merged. */
function header(s: Sheet, values: PlanValue[], ...merges: Array<[number, number]>): void {
  const r = s.L.put([values], Array(WIDTH).fill("header"));
  for (const [from, to] of merges) s.L.mergeAcross(r, 1, from, to);
}

/** Title rows (repeated on every printed page). */
function writeTitle(s: Sheet): void {
  const { record } = s.facts;
  const colon = colonOf(s.lang);
  s.L.line(`${t(s, "title")}${colon}${record.project}`, "title");
  s.L.line(`${t(s, "customer")}${colon}${record.customer || "—"} · ${t(s, "sourceRow", { row: record.row })}`, "subtitle");
}

/** Basic information: the project, its §6 owner department, and the §4/§5 scores side by side. */
function writeBasics(s: Sheet): void {
  const { L, facts } = s;
  const { record } = facts;
  heading(s, t(s, "basic"), false);
  const r0 = L.put(
    [
      [t(s, "project"), record.project],
      [t(s, "customer"), record.customer],
    ],
    ["label", "computed", "computed", "computed", "computed", "computed", "computed"],
  );
  L.mergeAcross(r0, 2, 1, WIDTH - 1);
  const pairStyles = ["label", "computed", "computed", "label", "computed", "computed", "computed"];
  const r1 = L.put([[t(s, "projectType"), show(s, facts.projectType), null, t(s, "projectClass"), show(s, facts.projectClass)]], pairStyles);
  L.put([[t(s, "amount"), amountOf(record), null, t(s, "office"), dash(record.places.office)]], [
    "label",
    "computedMoney",
    "computedMoney",
    "label",
    "computed",
    "computed",
    "computed",
  ]);
  L.put(
    [[t(s, "projectLocation"), dash(record.places.projectLocation), null, t(s, "customerLocation"), dash(record.places.customerLocation)]],
    pairStyles,
  );
  const basis = facts.ownerBasis.map((b) => pick(b, s.lang)).join(s.lang === "en" ? "; " : "；");
  L.put([[t(s, "ownerDept"), show(s, facts.ownerDept), null, t(s, "basis"), basis || "—"]], [
    "label",
    "computed",
    "computed",
    "label",
    "note",
    "note",
    "note",
  ]);
  L.mergeAcross(r1, 4, 1, 2);
  L.mergeAcross(r1, 4, 4, WIDTH - 1);

  // Opportunity evaluation (A–C) beside the payment capability (D–G).
  L.gap();
  const opp = facts.opportunity;
  const pay = facts.payment;
  const n = Math.max(opp.lines.length, pay.lines.length);
  header(s, [t(s, "oppEval"), t(s, "given"), t(s, "score"), t(s, "payEval"), t(s, "given"), null, t(s, "score")], [4, 5]);
  const rows: PlanValue[][] = [];
  for (let i = 0; i < n; i++) {
    const o = opp.lines[i];
    const q = pay.lines[i];
    rows.push([
      o ? show(s, o.name) : null,
      o ? dash(show(s, o.given)) : null,
      o?.score ?? null,
      q ? show(s, q.name) : null,
      q ? dash(show(s, q.given)) : null,
      null,
      q?.score ?? null,
    ]);
  }
  const rs = L.put(rows, ["label", "computed", "computedNumber", "label", "computed", "computed", "computedNumber"]);
  L.mergeAcross(rs, n, 4, 5);
  const totals = L.put(
    [
      [
        t(s, "total"),
        opp.total === undefined ? t(s, "notScored") : `/ ${opp.max}`,
        opp.total ?? null,
        t(s, "total"),
        pay.total === undefined ? t(s, "notScored") : `/ ${pay.max}`,
        null,
        pay.total ?? null,
      ],
    ],
    ["total", "total", "total", "total", "total", "total", "total"],
  );
  L.mergeAcross(totals, 1, 4, 5);
  L.put([[t(s, "probability"), null, opp.probability ?? null]], ["label", "computed", "computedPercent"]);
}

/** Team and duties: ranks by class, names in input cells, a status that follows the name cell. */
function writeTeam(s: Sheet): void {
  const { L, facts } = s;
  partHeading(s, "part.team", "team");
  header(s, [t(s, "role"), t(s, "rank"), t(s, "person"), t(s, "status"), t(s, "duties")], [4, WIDTH - 1]);
  const first = L.row;
  facts.team.forEach((m, i) => s.nameCells.set(m.roleCode, a1(first + i, 2)));
  const rows = facts.team.map((m, i): PlanValue[] => [
    show(s, m.role),
    m.rank ? show(s, m.rank) : t(s, "noClass"),
    m.person ?? null,
    // The status follows the name cell, so a name typed later clears the flag.
    { formula: `=IF(LEN(TRIM(${a1(first + i, 2)}))=0,"${t(s, "unassigned")}","")` },
    m.duties.map((d, k) => `${k + 1}. ${show(s, d)}`).join("\n"),
  ]);
  const r = L.put(rows, ["label", "computed", "input", "flag", "computed", "computed", "computed"]);
  L.mergeAcross(r, rows.length, 4, WIDTH - 1);
  L.keys(
    r,
    facts.team.map((m) => ({ key: `team/${m.roleCode}`, label: `${t(s, "team")} · ${show(s, m.role)}` })),
    [[2, "person", t(s, "person")]],
  );
}

/** Stakeholders (within communication: whom the team talks to): contacts per customer role, then the deck's action checklist. */
function writeStakeholders(s: Sheet): void {
  const { L, facts } = s;
  L.gap();
  L.line(t(s, "stakeholders"), "subsection");
  header(s, [t(s, "stakeholderRole"), t(s, "contactName"), t(s, "contactTitle"), t(s, "attitude"), t(s, "ourOwner"), t(s, "notes")], [5, WIDTH - 1]);
  const contactRows: PlanValue[][] = [];
  for (const k of facts.stakeholders) for (let i = 0; i < 2; i++) contactRows.push([show(s, k.role), null, null, null, null, null]);
  const r = L.put(contactRows, ["label", "input", "input", "input", "input", "input", "input"]);
  L.mergeAcross(r, contactRows.length, 5, WIDTH - 1);
  L.keys(
    r,
    facts.stakeholders.flatMap((k) => [1, 2].map((n) => ({ key: `contact/${k.code}/${n}`, label: `${t(s, "stakeholders")} · ${show(s, k.role)} ${n}` }))),
    [
      [1, "name", t(s, "contactName")],
      [2, "title", t(s, "contactTitle")],
      [3, "attitude", t(s, "attitude")],
      [4, "owner", t(s, "ourOwner")],
      [5, "notes", t(s, "notes")],
    ],
  );
  if (contactRows.length > 0) {
    L.validations.push({
      area: { row: r, col: 3, rows: contactRows.length, cols: 1 },
      list: ATTITUDES.map((a) => pick(a, s.lang)),
    });
  }
  L.gap();
  header(s, [t(s, "stakeholderRole"), t(s, "action"), null, null, t(s, "ourOwner"), t(s, "dueDate"), t(s, "done")], [1, 3]);
  const actionRows: PlanValue[][] = [];
  for (const k of facts.stakeholders) for (const a of k.actions) actionRows.push([show(s, k.role), show(s, a), null, null, null, null, null]);
  const ra = L.put(actionRows, ["label", "computed", "computed", "computed", "input", "inputDate", "input"]);
  L.mergeAcross(ra, actionRows.length, 1, 3);
  L.keys(
    ra,
    facts.stakeholders.flatMap((k) => k.actions.map((a) => ({ key: `action/${k.code}/${a.code}`, label: `${show(s, k.role)} · ${show(s, a)}` }))),
    [
      [4, "owner", t(s, "ourOwner")],
      [5, "due", t(s, "dueDate")],
      [6, "done", t(s, "done")],
    ],
  );
}

/** Budget: editable lines, total by a native SUM. */
function writeBudget(s: Sheet): void {
  const { L } = s;
  partHeading(s, "part.budget", "budget");
  header(s, [t(s, "budgetItem"), t(s, "budgetAmount"), t(s, "budgetUse")], [2, WIDTH - 1]);
  const count = Math.max(1, Math.min(50, Math.floor(s.options.budgetLines ?? 8)));
  const lines: PlanValue[][] = [];
  for (let i = 0; i < count; i++) {
    const item = BUDGET_ITEMS[i];
    lines.push([item ? pick(item, s.lang) : null, null, null]);
  }
  const r = L.put(lines, ["input", "inputMoney", "input", "input", "input", "input", "input"]);
  L.mergeAcross(r, count, 2, WIDTH - 1);
  // budget lines are the user's own: a line's place is its identity
  L.keys(
    r,
    lines.map((_, i) => ({ key: `budget/${i + 1}`, label: `${t(s, "budget")} ${i + 1}` })),
    [
      [0, "item", t(s, "budgetItem")],
      [1, "amount", t(s, "budgetAmount")],
      [2, "use", t(s, "budgetUse")],
    ],
  );
  const total = L.put(
    [[t(s, "total"), { formula: `=SUM(${a1(r, 1)}:${a1(r + count - 1, 1)})` }, null]],
    ["total", "totalMoney", "total", "total", "total", "total", "total"],
  );
  L.mergeAcross(total, 1, 2, WIDTH - 1);
}

/**
 * Communication: the meetings with cadence, owner and the rulebook's mark of
 * them (the deck names the meetings only: their cadence and owner are
 * defaults, marked as the aging report marks its defaults), then the stakeholders.
 */
function writeCommunication(s: Sheet): void {
  const { L, facts } = s;
  partHeading(s, "part.communication", "communication");
  header(s, [t(s, "meeting"), t(s, "meetingKind"), t(s, "cadence"), t(s, "meetingOwner"), t(s, "mark"), t(s, "participants"), t(s, "notes")]);
  const rows = facts.meetings.map((m): PlanValue[] => [
    show(s, m.name),
    show(s, m.kind),
    show(s, m.cadence),
    show(s, m.owner),
    pick(MARKS[m.mark], s.lang),
    null,
    null,
  ]);
  const r = L.put(rows, ["label", "computed", "computed", "computed", "computedCenter", "input", "input"]);
  L.keys(
    r,
    facts.meetings.map((m) => ({ key: `meeting/${m.code}`, label: `${t(s, "communication")} · ${show(s, m.name)}` })),
    [
      [5, "participants", t(s, "participants")],
      [6, "notes", t(s, "notes")],
    ],
  );
  if (facts.meetings.some((m) => m.mark === "default")) L.line(t(s, "meetingDefaults"), "note");
  writeStakeholders(s);
}

/** Milestones with target dates, then the risk register. */
function writeMilestones(s: Sheet): void {
  const { L, facts } = s;
  partHeading(s, "part.milestones", "milestones");
  header(s, [t(s, "stage"), t(s, "gate"), t(s, "targetDate"), t(s, "dateSource"), t(s, "owner"), t(s, "progress"), t(s, "notes")]);
  const rows = facts.milestones.map((m): PlanValue[] => [
    m.step ? `  · ${show(s, m.stage)}` : show(s, m.stage),
    m.gate ? show(s, m.gate) : null,
    m.date ?? null,
    m.dateFrom ? show(s, m.dateFrom) : null,
    null,
    null,
    null,
  ]);
  const r = L.put(rows, ["label", "computed", "inputDate", "computed", "input", "input", "input"]);
  L.keys(
    r,
    facts.milestones.map((m) => ({ key: `milestone/${m.code}`, label: `${t(s, "milestones")} · ${show(s, m.stage)}` })),
    [
      [2, "date", t(s, "targetDate")],
      [4, "owner", t(s, "owner")],
      [5, "progress", t(s, "progress")],
      [6, "notes", t(s, "notes")],
    ],
  );
  if (rows.length > 0) {
    L.validations.push({
      area: { row: r, col: 5, rows: rows.length, cols: 1 },
      list: PROGRESS_STATES.map((p) => pick(p, s.lang)),
    });
  }

  L.gap();
  L.line(t(s, "riskRegister"), "subsection");
  header(s, [t(s, "riskNo"), t(s, "risk"), null, t(s, "riskSource"), t(s, "likelihood"), t(s, "impact"), t(s, "response")], [1, 2]);
  const colon = colonOf(s.lang);
  const riskRows = facts.risks.map((k, i): PlanValue[] => [
    i + 1,
    show(s, k.risk),
    null,
    k.stage ? `${show(s, k.source)}${colon}${show(s, k.stage)}` : show(s, k.source),
    null,
    null,
    null,
  ]);
  const rr = L.put(riskRows, ["computedNumber", "computed", "computed", "computed", "input", "input", "input"]);
  L.mergeAcross(rr, riskRows.length, 1, 2);
  L.keys(
    rr,
    facts.risks.map((k) => ({ key: `risk/${k.code}`, label: `${t(s, "riskRegister")} · ${show(s, k.risk)}` })),
    [
      [4, "likelihood", t(s, "likelihood")],
      [5, "impact", t(s, "impact")],
      [6, "response", t(s, "response")],
    ],
  );
  if (riskRows.length > 0) {
    L.validations.push({
      area: { row: rr, col: 4, rows: riskRows.length, cols: 2 },
      list: LEVELS.map((l) => pick(l, s.lang)),
    });
  }
}

/** Goals and success criteria, seeded with the amount and the signing date, all editable. */
function writeGoals(s: Sheet): void {
  const { L } = s;
  const { record } = s.facts;
  partHeading(s, "part.goals", "goals");
  header(s, [t(s, "goal"), t(s, "successCriterion"), null, null, t(s, "targetValue"), t(s, "owner"), t(s, "notes")], [1, 3]);
  const inputs = ["input", "input", "input", "input", "input", "input", "input"];
  const r = L.put([[t(s, "goalSign"), t(s, "goalSignCriterion"), null, null, amountOf(record), null, null]], [
    "input",
    "input",
    "input",
    "input",
    "inputMoney",
    "input",
    "input",
  ]);
  L.put([[t(s, "goalDate"), null, null, null, record.signingDate ?? null, null, null]], [
    "input",
    "input",
    "input",
    "input",
    "inputDate",
    "input",
    "input",
  ]);
  L.put(
    [
      [t(s, "goalCollect"), t(s, "goalCollectCriterion"), null, null, null, null, null],
      [null, null, null, null, null, null, null],
      [null, null, null, null, null, null, null],
    ],
    inputs,
  );
  L.mergeAcross(r, 5, 1, 3);
  const goalRow = (key: string, label: string) => ({ key: `goal/${key}`, label: `${t(s, "goals")} · ${label}` });
  L.keys(
    r,
    [goalRow("sign", t(s, "goalSign")), goalRow("date", t(s, "goalDate")), goalRow("collect", t(s, "goalCollect")), goalRow("extra1", "4"), goalRow("extra2", "5")],
    [
      [0, "goal", t(s, "goal")],
      [1, "criterion", t(s, "successCriterion")],
      [4, "target", t(s, "targetValue")],
      [5, "owner", t(s, "owner")],
      [6, "notes", t(s, "notes")],
    ],
  );
}

/** Bonus categories with an allocation whose total a formula checks, and the approval flow. */
function writeBonus(s: Sheet): void {
  const { L, facts } = s;
  partHeading(s, "part.bonus", "bonus");
  header(s, [t(s, "bonusCategory"), t(s, "allocation"), t(s, "bonusNote")], [2, WIDTH - 1]);
  const first = L.row;
  const fixed = facts.bonus.categories.map((c): PlanValue[] => [show(s, c), null, null]);
  const bonusFields: Field[] = [
    [1, "share", t(s, "allocation")],
    [2, "note", t(s, "bonusNote")],
  ];
  if (fixed.length > 0) {
    const rf = L.put(fixed, ["computed", "inputPercent", "input", "input", "input", "input", "input"]);
    L.keys(rf, facts.bonus.categories.map((c) => ({ key: `bonus/${c.code}`, label: `${t(s, "bonus")} · ${show(s, c)}` })), bonusFields);
  }
  const extra: PlanValue[][] = [
    [t(s, "other"), null, null],
    [t(s, "other"), null, null],
  ];
  const re = L.put(extra, ["input", "inputPercent", "input", "input", "input", "input", "input"]);
  L.keys(
    re,
    [1, 2].map((n) => ({ key: `bonus/other${n}`, label: `${t(s, "bonus")} · ${t(s, "other")} ${n}` })),
    [[0, "category", t(s, "bonusCategory")], ...bonusFields],
  );
  const count = fixed.length + extra.length;
  L.mergeAcross(first, count, 2, WIDTH - 1);
  const range = `${a1(first, 1)}:${a1(first + count - 1, 1)}`;
  const tr = L.put(
    [
      [
        t(s, "total"),
        { formula: `=SUM(${range})` },
        { formula: `=IF(ROUND(SUM(${range}),6)=1,"${t(s, "bonusOk")}","${t(s, "bonusBad")}")` },
      ],
    ],
    ["total", "totalPercent", "flag", "flag", "flag", "flag", "flag"],
  );
  L.mergeAcross(tr, 1, 2, WIDTH - 1);
  for (const note of facts.bonus.notes) L.line(pick(note, s.lang), "note");
  writeMemberSplit(s);

  L.gap();
  L.line(t(s, "approval"), "subsection");
  header(s, [t(s, "step"), t(s, "actor"), t(s, "opinion"), null, t(s, "signature"), t(s, "date"), t(s, "notes")], [2, 3]);
  for (const phase of facts.approval) {
    L.line(show(s, phase.phase), "label");
    const rows = phase.steps.map((p): PlanValue[] => [show(s, p.step), show(s, p.actor), null, null, null, null, null]);
    const sr = L.put(rows, ["computed", "label", "input", "input", "input", "inputDate", "input"]);
    L.mergeAcross(sr, rows.length, 2, 3);
    L.keys(
      sr,
      phase.steps.map((p) => ({ key: `approval/${phase.code}/${p.code}`, label: `${show(s, phase.phase)} · ${show(s, p.step)}` })),
      [
        [2, "opinion", t(s, "opinion")],
        [4, "signature", t(s, "signature")],
        [5, "date", t(s, "date")],
        [6, "notes", t(s, "notes")],
      ],
    );
  }
}

/**
 * The split of the bonus by member contribution, which the PM drafts (the
 * first step of §8's approval flow): a row per team role of the project's
 * class, two for further members, contribution share and amount to fill in,
 * and a total whose share must reconcile to 100%. A member's name follows the
 * team section's name cell, so it is typed once.
 */
function writeMemberSplit(s: Sheet): void {
  const { L, facts } = s;
  const drafter = facts.bonus.drafter;
  L.gap();
  const title = t(s, "memberSplit");
  L.line(drafter ? `${title}${s.lang === "en" ? " (" : "（"}${t(s, "draftedBy", { actor: show(s, drafter.actor) })}${s.lang === "en" ? ")" : "）"}` : title, "subsection");
  header(s, [t(s, "member"), t(s, "person"), t(s, "contribution"), null, t(s, "contributionShare"), t(s, "bonusAmount"), t(s, "notes")], [2, 3]);
  const first = L.row;
  const members = facts.team.map((m): PlanValue[] => {
    const nameCell = s.nameCells.get(m.roleCode);
    const name: PlanValue = nameCell ? { formula: `=IF(LEN(TRIM(${nameCell}))=0,"",TRIM(${nameCell}))` } : (m.person ?? null);
    return [show(s, m.role), name, null, null, null, null, null];
  });
  const splitFields: Field[] = [
    [2, "contribution", t(s, "contribution")],
    [4, "share", t(s, "contributionShare")],
    [5, "amount", t(s, "bonusAmount")],
    [6, "notes", t(s, "notes")],
  ];
  if (members.length > 0) {
    const rm = L.put(members, ["label", "computed", "input", "input", "inputPercent", "inputMoney", "input"]);
    L.keys(rm, facts.team.map((m) => ({ key: `split/${m.roleCode}`, label: `${t(s, "memberSplit")} · ${show(s, m.role)}` })), splitFields);
  }
  const others: PlanValue[][] = [
    [t(s, "otherMember"), null, null, null, null, null, null],
    [t(s, "otherMember"), null, null, null, null, null, null],
  ];
  const ro = L.put(others, ["label", "input", "input", "input", "inputPercent", "inputMoney", "input"]);
  L.keys(
    ro,
    [1, 2].map((n) => ({ key: `split/other${n}`, label: `${t(s, "memberSplit")} · ${t(s, "otherMember")} ${n}` })),
    [[1, "person", t(s, "person")], ...splitFields],
  );
  const count = members.length + others.length;
  L.mergeAcross(first, count, 2, 3);
  const shares = `${a1(first, 4)}:${a1(first + count - 1, 4)}`;
  const amounts = `${a1(first, 5)}:${a1(first + count - 1, 5)}`;
  const total = L.put(
    [
      [
        t(s, "total"),
        null,
        null,
        null,
        { formula: `=SUM(${shares})` },
        { formula: `=SUM(${amounts})` },
        { formula: `=IF(ROUND(SUM(${shares}),6)=1,"${t(s, "bonusOk")}","${t(s, "bonusBad")}")` },
      ],
    ],
    ["total", "total", "total", "total", "totalPercent", "totalMoney", "flag"],
  );
  L.mergeAcross(total, 1, 1, 3);
}

/** The data problems of this row, so the charter says what it could not read. */
function writeProblems(s: Sheet): void {
  const { L, facts } = s;
  if (facts.problems.length === 0) return;
  L.gap();
  L.line(t(s, "problems"), "subsection");
  header(s, [t(s, "problemRow"), t(s, "problemColumn"), t(s, "problemValue"), t(s, "problemReason")], [3, WIDTH - 1]);
  const rows = facts.problems.map((q): PlanValue[] => [q.row, q.column ? pick(q.column, s.lang) : "", cellText(q.value), pick(q.reason, s.lang)]);
  const r = L.put(rows, ["computedNumber", "computed", "computed", "note", "note", "note", "note"]);
  L.mergeAcross(r, rows.length, 3, WIDTH - 1);
}

/** The writer of each of §8's six parts, by part code. */
const PART_WRITERS: ReadonlyArray<readonly [string, (s: Sheet) => void]> = [
  ["part.team", writeTeam],
  ["part.budget", writeBudget],
  ["part.communication", writeCommunication],
  ["part.milestones", writeMilestones],
  ["part.bonus", writeBonus],
  ["part.goals", writeGoals],
];

/**
 * The part writers in the rulebook's order of the parts (the deck's: team,
 * budget, communication, milestones and risks, bonus, goals); a part the
 * rulebook leaves out keeps its place after the others, under its own title.
 */
function partWriters(facts: CharterFacts): Array<(s: Sheet) => void> {
  const listed = Object.keys(facts.parts);
  const known = PART_WRITERS.filter(([code]) => listed.includes(code)).sort(([a], [b]) => listed.indexOf(a) - listed.indexOf(b));
  const missing = PART_WRITERS.filter(([code]) => !listed.includes(code));
  return [...known, ...missing].map(([, write]) => write);
}

/** The SheetPlan of a charter from its facts: one writer per section, in order. */
export function charterLayout(facts: CharterFacts, rb: Rulebook, options: CharterOptions): SheetPlan {
  if (!Number.isInteger(options.generatedOn) || options.generatedOn < 1 || options.generatedOn > MAX_SERIAL) {
    throw badArg("generatedOn", options.generatedOn, "accepts an Excel date serial");
  }
  const s: Sheet = { facts, options, lang: options.lang ?? "zh", L: new Layout(), sections: 0, nameCells: new Map() };
  writeTitle(s);
  writeBasics(s);
  for (const write of partWriters(facts)) write(s);
  writeProblems(s);

  // Footer: rulebook version and fingerprint, generation date.
  const footer = t(s, "footer", {
    version: rb.version,
    fingerprint: rulebookFingerprint(rb),
    date: isoFromSerial(options.generatedOn),
  });
  s.L.gap();
  s.L.line(footer, "footer");

  return {
    name: charterSheetName(facts.record.project, s.lang),
    ownerKey: charterOwnerKey(facts.record.project),
    styles: STYLES,
    blocks: s.L.blocks,
    columnWidths: COLUMN_WIDTHS,
    freeze: { rows: 2, cols: 0 },
    merges: s.L.merges,
    validations: s.L.validations,
    print: { paper: "A4", orientation: "portrait", repeatRows: { first: 0, last: 1 }, fitToWidth: true, footer },
    tabColor: "#2F5597",
    inputs: { cells: s.L.inputs, unplaced: { title: t(s, "unplacedTitle"), place: t(s, "unplacedPlace"), entry: t(s, "unplacedEntry") } },
  };
}

/** The charter of one record: facts from the rulebook, then the layout. */
export function charterPlan(
  record: OpportunityRecord,
  rb: Rulebook,
  options: CharterOptions,
  problems: DataIssue[] = [],
): SheetPlan {
  return charterLayout(charterFacts(record, rb, problems), rb, options);
}

export interface CharterBuild {
  plans: SheetPlan[];
  problems: DataIssue[];
}

/**
 * One charter per selected row (worksheet row numbers as the user sees
 * them). Rows that cannot make a charter (outside the table, empty, no
 * project name, a project name already selected) give problems instead.
 * Throws LtcError (#VALUE!) only when the table lacks a required column.
 */
export function buildCharters(
  table: RawTable,
  rowNumbers: readonly number[],
  options: CharterOptions,
  rulebook: Rulebook,
): CharterBuild {
  const opened = openOpportunityTable(table);
  const plans: SheetPlan[] = [];
  const problems: DataIssue[] = [];
  const seenRows = new Set<number>();
  const seenProjects = new Map<string, number>();
  for (const rowNumber of rowNumbers) {
    if (seenRows.has(rowNumber)) continue;
    seenRows.add(rowNumber);
    const reading = readOpportunityRow(opened, rowNumber, rulebook);
    if (!reading.record) {
      problems.push(...reading.problems);
      continue;
    }
    const key = charterOwnerKey(reading.record.project);
    const earlier = seenProjects.get(key);
    if (earlier !== undefined) {
      problems.push(...reading.problems, {
        row: rowNumber,
        column: columnText(opportunityColumn("project")),
        value: reading.record.project,
        reason: {
          zh: `与第 ${earlier} 行项目名称相同：每个项目一份章程，此行不另生成`,
          en: `the same project name as row ${earlier}: one charter per project, so this row gets none`,
        },
      });
      continue;
    }
    seenProjects.set(key, rowNumber);
    const facts = charterFacts(reading.record, rulebook, reading.problems);
    problems.push(...facts.problems);
    plans.push(charterLayout(facts, rulebook, options));
  }
  return { plans, problems };
}


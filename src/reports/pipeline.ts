import { bidDecision } from "../rules/bid";
import type { LeadTempRow } from "../rules/data/lead";
import type { StageRow, StatusRow } from "../rules/data/process";
import { attempt, isFailure } from "../rules/errors";
import { isBlank } from "../rules/labels";
import { officeFor, regionOfLocation } from "../rules/geography";
import { leadAction, leadTemperature } from "../rules/lead";
import { defineMessages, say, sayBoth, VarsArg, VarsOf } from "../rules/messages";
import {
  followUpAge,
  inOpenPipeline,
  isBidStage,
  isHottest,
  isLeadStage,
  pastApproval,
  stagesInOrder,
  weightedAmount,
} from "../rules/process";
import type { Rulebook } from "../rules/rulebook";
import { Lang, pick, Text } from "../rules/types";
import { ymdFromSerial } from "../rules/values";
import {
  OPPORTUNITY_COLUMNS,
  OPPORTUNITY_CRITERIA,
  PAYMENT_CRITERIA,
  OpportunityColumn,
  opportunityColumn,
  OpportunityRecord,
  openOpportunityTable,
  readOpportunityRow,
  recordOwnerDepartment,
} from "./opportunityTable";
import { anchorHeader, columnText, DataIssue, isEmptyRow, missingColumnsError, RawTable, readerReason } from "./table";

/**
 * The pipeline (商机漏斗) of a 商机 table as of a date: the open pipeline by
 * group × stage (count, amount, weighted amount), the funnel over every stage
 * with conversions and wins/losses, leads by temperature, the forecast of
 * weighted amounts by month of expected signing, and the opportunities that
 * need attention, each with its reason. Every rule is asked of src/rules
 * (stages, statuses, follow-up limits, WINPROB, LEADTEMP, OWNERDEPT, BIDGO);
 * this module only reads, groups and adds up, in integer fen.
 */

export type PipelineGroupKey = "office" | "region" | "ownerDept" | "projectType" | "pm";
export const PIPELINE_GROUP_KEYS: readonly PipelineGroupKey[] = ["office", "region", "ownerDept", "projectType", "pm"];

export interface PipelineOptions {
  /** the as-of date (Excel serial): follow-up ages, past-due signings and the forecast's months count from it */
  asOf: number;
  /** the summary's rows: 代表处 by default */
  groupBy?: PipelineGroupKey;
  /** the language of group labels and texts (zh default) */
  lang?: Lang;
}

const M = defineMessages({
  office: { zh: "代表处", en: "Office" },
  region: { zh: "片区", en: "Region" },
  ownerDept: { zh: "主责部门", en: "Owner department" },
  projectType: { zh: "项目类型", en: "Project type" },
  pm: { zh: "项目经理", en: "Project manager" },
  noOffice: { zh: "（无代表处）", en: "(no office)" },
  noRegion: { zh: "（无片区）", en: "(no region)" },
  noOwner: { zh: "（主责部门未定）", en: "(owner not determined)" },
  noType: { zh: "（类型未识别）", en: "(type not recognised)" },
  noPm: { zh: "（无项目经理）", en: "(no project manager)" },
  stageRequired: { zh: "阶段必填：商机漏斗按阶段汇总", en: "Stage is required: the pipeline counts by stage" },
  amountRequired: { zh: "金额必填", en: "Amount is required" },
  statusRequired: { zh: "状态必填：商机漏斗按状态区分在手、赢单和丢单", en: "Status is required: the pipeline tells open, won and lost apart by it" },
  criteriaRequired: {
    zh: "在手商机的加权金额需要四项评估标准（品牌认同度、客户成熟度、竞争对手参与比例、价格竞争力）",
    en: "an open opportunity's weighted amount needs the four §4 criteria (brand, maturity, competitor share, price)",
  },
  stale: {
    zh: "{days} 天未跟进，超过{stage}阶段的跟进时限 {max} 天",
    en: "no follow-up for {days} days, over the {stage} stage's limit of {max} days",
  },
  noFollowUp: {
    zh: "未记录最近跟进日期（{stage}阶段的跟进时限 {max} 天）",
    en: "no follow-up recorded (the {stage} stage's limit is {max} days)",
  },
  noOwnerPastApproval: { zh: "已过立项仍无主责部门：{why}", en: "past project approval without an owner department: {why}" },
  noTeamPastApproval: { zh: "已过立项仍未指定项目经理（项目团队）", en: "past project approval without a project manager (team)" },
  noBid: { zh: "正在准备投标，但投标决策为 {decision}", en: "bid in preparation, but the bid decision is {decision}" },
  hotLead: { zh: "{temperature}仍在{stage}阶段：{action}", en: "{temperature} still in the {stage} stage: {action}" },
});

/** The name of a group key in a language ("代表处" / "Office"). */
export function pipelineGroupText(key: PipelineGroupKey, lang: Lang): string {
  return pick(M[key], lang);
}

/** One opportunity the pipeline counts. */
export interface PipelineItem {
  row: number;
  project: string;
  customer: string;
  group: string;
  stage: StageRow;
  status: StatusRow;
  amountFen: number;
  /** 跟进中 in an open-pipeline stage */
  open: boolean;
  /** WINPROB and amount × WINPROB rounded half-up to the fen; open items only */
  probability?: number;
  weightedFen?: number;
  signingDate?: number;
  /** LEADTEMP of the months to procurement, where given */
  temperature?: LeadTempRow;
}

export interface Tally {
  count: number;
  amountFen: number;
  weightedFen: number;
}

export interface SummaryGroup {
  label: string;
  /** one per open-pipeline stage, in stage order */
  cells: Tally[];
  total: Tally;
}

export interface FunnelStage {
  stage: StageRow;
  /** opportunities at this stage (every status) */
  count: number;
  amountFen: number;
  /** opportunities at this stage or a later one: they all passed through it */
  reached: number;
  /** reached of the next stage ÷ reached of this one; null for the last stage or when none reached this one */
  conversion: number | null;
  open: number;
  won: number;
  lost: number;
  paused: number;
}

export interface TemperatureTally {
  /** null: leads without months to procurement */
  temperature: LeadTempRow | null;
  count: number;
  amountFen: number;
}

export interface ForecastMonth {
  year: number;
  month: number;
  tally: Tally;
}

export type AttentionKind = "stale" | "noOwner" | "noTeam" | "noBid" | "hotLead";

export interface AttentionRow {
  row: number;
  project: string;
  group: string;
  stage: StageRow;
  kind: AttentionKind;
  reason: Text;
}

/** A row the pipeline could not count, with every reason. */
export interface RejectedRow {
  row: number;
  project: string;
  /** the amount where it could be read (the reconciliation accounts for it) */
  amountFen?: number;
  reasons: DataIssue[];
}

export interface PipelineResult {
  options: Required<PipelineOptions>;
  source?: string;
  items: PipelineItem[];
  /** the open-pipeline stages (the summary's columns) */
  openStages: StageRow[];
  summary: SummaryGroup[];
  summaryTotal: SummaryGroup;
  funnel: FunnelStage[];
  won: Tally;
  lost: Tally;
  /** won ÷ (won + lost) by count; null when neither */
  winRate: number | null;
  leads: TemperatureTally[];
  forecast: ForecastMonth[];
  /** open items expected to sign after the forecast's 12 months */
  later: Tally;
  /** open items without an expected signing date */
  undated: Tally;
  /** open items whose expected signing date is before the as-of date */
  pastDue: PipelineItem[];
  pastDueTally: Tally;
  attention: AttentionRow[];
  rejected: RejectedRow[];
  /** every data issue: reading problems and the reasons of rejected rows */
  issues: DataIssue[];
  reconciliation: {
    rows: number;
    counted: number;
    rejected: number;
    /** Σ readable amounts of the named rows (a row without a project name is rejected before its amount is read) */
    inputFen: number;
    countedFen: number;
    rejectedFen: number;
  };
}

const ZERO: Tally = { count: 0, amountFen: 0, weightedFen: 0 };

function add(t: Tally, amountFen: number, weightedFen: number): Tally {
  return { count: t.count + 1, amountFen: t.amountFen + amountFen, weightedFen: t.weightedFen + weightedFen };
}

/** The columns the pipeline needs besides the table's required ones. */
const PIPELINE_REQUIRED: readonly OpportunityColumn[] = ["stage", "status"];

/**
 * The pipeline of a 商机 table. Throws LtcError (#VALUE!) naming the missing
 * columns (the table's required ones, 阶段 and 状态) or an amount header's
 * unknown unit; every unreadable row is a data issue, and a row without a
 * readable stage, status or amount (or, when open, its four criteria) is
 * rejected and listed.
 */
export function buildPipeline(input: RawTable, options: PipelineOptions, rb: Rulebook): PipelineResult {
  const opts: Required<PipelineOptions> = { groupBy: "office", lang: "zh", ...options };
  const { asOf, lang } = opts;
  const table = anchorHeader(input, OPPORTUNITY_COLUMNS);
  const opened = openOpportunityTable(table);
  const missing = PIPELINE_REQUIRED.filter((k) => opened.index[k] === undefined);
  if (missing.length > 0) throw missingColumnsError(missing.map(opportunityColumn));

  const stages = stagesInOrder(rb);
  const openStages: StageRow[] = [];
  const openStatus = rb.process.statuses.find((s) => s.outcome === "open");
  if (openStatus) for (const stage of stages) if (inOpenPipeline(rb, stage, openStatus)) openStages.push(stage);

  const items: PipelineItem[] = [];
  const rejected: RejectedRow[] = [];
  const issues: DataIssue[] = [];
  const attention: AttentionRow[] = [];
  let rows = 0;
  let inputFen = 0;

  table.rows.forEach((cells, i) => {
    if (isEmptyRow(cells)) return;
    rows++;
    const rowNumber = table.firstRowNumber + i;
    const reading = readOpportunityRow(opened, rowNumber, rb);
    /** The reading problems worth reporting for this row: a blank cell only where the pipeline needs it. */
    const reportProblems = (open: boolean) => issues.push(...reading.problems.filter((p) => !blankNotNeeded(p, open)));
    const record = reading.record;
    const reasons: DataIssue[] = [];
    const issueOn = (key: OpportunityColumn | null, reason: Text) => {
      const issue: DataIssue = { row: rowNumber, column: key ? columnText(opportunityColumn(key)) : null, value: key ? cells[opened.index[key]!] ?? null : null, reason };
      issues.push(issue);
      reasons.push(issue);
    };
    /** The row's reading problem on a column (the reason it is rejected), or a new issue when the cell was blank. */
    const requireColumn = (key: OpportunityColumn, blank: Text) => {
      const name = opportunityColumn(key).en;
      const problem = reading.problems.find((p) => p.column?.en === name);
      if (problem) reasons.push(problem);
      else issueOn(key, blank);
    };
    if (!record) {
      reportProblems(true);
      rejected.push({ row: rowNumber, project: "", reasons: reading.problems });
      return;
    }
    if (record.amountFen !== undefined) inputFen += record.amountFen;
    if (!record.stage) requireColumn("stage", M.stageRequired);
    if (!record.status) requireColumn("status", M.statusRequired);
    if (record.amountFen === undefined) requireColumn("amount", M.amountRequired);
    const { stage, status, amountFen } = record;
    if (!stage || !status || amountFen === undefined) {
      reportProblems(true);
      rejected.push({ row: rowNumber, project: record.project, amountFen, reasons });
      return;
    }

    const open = inOpenPipeline(rb, stage, status);
    reportProblems(open);
    const item: PipelineItem = {
      row: rowNumber,
      project: record.project,
      customer: record.customer,
      group: groupLabel(record, opts.groupBy, rb, lang),
      stage,
      status,
      amountFen,
      open,
    };
    if (open) {
      if (!record.opportunityComplete) {
        if (!reading.problems.some((p) => CRITERIA_NAMES.has(p.column?.en ?? ""))) issueOn(null, M.criteriaRequired);
        else reasons.push(...reading.problems.filter((p) => CRITERIA_NAMES.has(p.column?.en ?? "")));
        rejected.push({ row: rowNumber, project: record.project, amountFen, reasons });
        return;
      }
      const weighted = attempt(() => weightedAmount(rb, amountFen, record.opportunity));
      if (isFailure(weighted)) {
        issueOn(null, readerReason(weighted));
        rejected.push({ row: rowNumber, project: record.project, amountFen, reasons });
        return;
      }
      item.probability = weighted.value.probability;
      item.weightedFen = weighted.value.weightedFen;
    }
    if (record.signingDate !== undefined) item.signingDate = record.signingDate;
    if (record.monthsToProcurement !== undefined) {
      const temperature = attempt(() => leadTemperature(rb, record.monthsToProcurement));
      if (isFailure(temperature)) issueOn("monthsToProcurement", readerReason(temperature));
      else item.temperature = temperature.value;
    }
    items.push(item);
    if (status.outcome === "open") attention.push(...attentionOf(record, item, opened.index.lastFollowUp !== undefined, asOf, rb));
  });

  // the summary: open items by group × open stage
  const stageIndex = new Map(openStages.map((s, i) => [s.code, i]));
  const byGroup = new Map<string, SummaryGroup>();
  const emptyGroup = (label: string): SummaryGroup => ({ label, cells: openStages.map(() => ZERO), total: ZERO });
  const summaryTotal = emptyGroup(lang === "en" ? "Total" : "合计");
  for (const item of items) {
    if (!item.open) continue;
    const at = stageIndex.get(item.stage.code)!;
    let group = byGroup.get(item.group);
    if (!group) byGroup.set(item.group, (group = emptyGroup(item.group)));
    for (const g of [group, summaryTotal]) {
      g.cells[at] = add(g.cells[at], item.amountFen, item.weightedFen!);
      g.total = add(g.total, item.amountFen, item.weightedFen!);
    }
  }
  const summary = [...byGroup.values()].sort((a, b) => compareLabels(a.label, b.label));

  // the funnel: every stage, every status
  const funnel: FunnelStage[] = stages.map((stage) => ({ stage, count: 0, amountFen: 0, reached: 0, conversion: null, open: 0, won: 0, lost: 0, paused: 0 }));
  const funnelAt = new Map(stages.map((s, i) => [s.code, i]));
  let won = ZERO;
  let lost = ZERO;
  for (const item of items) {
    const at = funnelAt.get(item.stage.code)!;
    const f = funnel[at];
    f.count++;
    f.amountFen += item.amountFen;
    f[item.status.outcome]++;
    for (let k = 0; k <= at; k++) funnel[k].reached++;
    if (item.status.outcome === "won") won = add(won, item.amountFen, 0);
    if (item.status.outcome === "lost") lost = add(lost, item.amountFen, 0);
  }
  for (let k = 0; k + 1 < funnel.length; k++) if (funnel[k].reached > 0) funnel[k].conversion = funnel[k + 1].reached / funnel[k].reached;

  // leads by temperature: open items in the lead stage
  const temperatures = [...rb.lead.temperatures].sort((a, b) => b.warmth - a.warmth);
  const leads: TemperatureTally[] = [...temperatures, null].map((temperature) => ({ temperature, count: 0, amountFen: 0 }));
  for (const item of items) {
    if (item.status.outcome !== "open" || !isLeadStage(rb, item.stage)) continue;
    const t = leads[item.temperature ? temperatures.indexOf(item.temperature) : temperatures.length];
    t.count++;
    t.amountFen += item.amountFen;
  }

  // the forecast: open items by month of expected signing, 12 months from the as-of date's month
  const start = ymdFromSerial(asOf);
  const forecast: ForecastMonth[] = [];
  for (let k = 0; k < 12; k++) {
    const m = start.month - 1 + k;
    forecast.push({ year: start.year + Math.floor(m / 12), month: (m % 12) + 1, tally: ZERO });
  }
  let later = ZERO;
  let undated = ZERO;
  let pastDueTally = ZERO;
  const pastDue: PipelineItem[] = [];
  for (const item of items) {
    if (!item.open) continue;
    const weightedFen = item.weightedFen!;
    if (item.signingDate === undefined) {
      undated = add(undated, item.amountFen, weightedFen);
      continue;
    }
    if (item.signingDate < asOf) {
      pastDue.push(item);
      pastDueTally = add(pastDueTally, item.amountFen, weightedFen);
      continue;
    }
    const d = ymdFromSerial(item.signingDate);
    const k = (d.year - start.year) * 12 + (d.month - start.month);
    if (k < 12) forecast[k].tally = add(forecast[k].tally, item.amountFen, weightedFen);
    else later = add(later, item.amountFen, weightedFen);
  }
  pastDue.sort((a, b) => a.signingDate! - b.signingDate! || a.row - b.row);

  const countedFen = items.reduce((s, it) => s + it.amountFen, 0);
  return {
    options: opts,
    source: table.source,
    items,
    openStages,
    summary,
    summaryTotal,
    funnel,
    won,
    lost,
    winRate: won.count + lost.count > 0 ? won.count / (won.count + lost.count) : null,
    leads,
    forecast,
    later,
    undated,
    pastDue,
    pastDueTally,
    attention,
    rejected,
    issues: issues.sort((a, b) => a.row - b.row),
    reconciliation: {
      rows,
      counted: items.length,
      rejected: rejected.length,
      inputFen,
      countedFen,
      rejectedFen: rejected.reduce((s, r) => s + (r.amountFen ?? 0), 0),
    },
  };
}

const CRITERIA_NAMES = new Set(OPPORTUNITY_CRITERIA.map((k) => opportunityColumn(k).en));
const PAYMENT_NAMES = new Set(PAYMENT_CRITERIA.map((k) => opportunityColumn(k).en));

/**
 * A problem about a blank cell the pipeline does not read for this row: the
 * §5 payment criteria (never used here) and the §4 criteria of a row outside
 * the open pipeline (no weighted amount). An unreadable value is always reported.
 */
function blankNotNeeded(problem: DataIssue, open: boolean): boolean {
  if (!isBlank(problem.value)) return false;
  const column = problem.column?.en ?? "";
  return PAYMENT_NAMES.has(column) || (!open && CRITERIA_NAMES.has(column));
}

/** Labels sort by code point (the same order on every machine); the "(none)" groups go last. */
function compareLabels(a: string, b: string): number {
  const placeholder = (s: string) => (/^[（(]/.test(s) ? 1 : 0);
  return placeholder(a) - placeholder(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** The group an opportunity falls in, as the rulebook names it where it knows the value. */
function groupLabel(record: OpportunityRecord, key: PipelineGroupKey, rb: Rulebook, lang: Lang): string {
  switch (key) {
    case "office": {
      const typed = record.places.office;
      if (typed === undefined) return pick(M.noOffice, lang);
      const office = officeFor(rb, typed);
      return office ? pick(office, lang) : typed;
    }
    case "region": {
      const region = regionOfLocation(rb, record.places.office ?? record.places.projectLocation);
      return region ? pick(region, lang) : pick(M.noRegion, lang);
    }
    case "ownerDept": {
      const owner = recordOwnerDepartment(record, rb);
      return isFailure(owner) ? pick(M.noOwner, lang) : pick(owner.value.text, lang);
    }
    case "projectType":
      return record.projectType ? pick(record.projectType, lang) : pick(M.noType, lang);
    case "pm":
      return record.people.pm ?? pick(M.noPm, lang);
  }
}

/** Why an open (跟进中) opportunity needs attention, one row per reason, by the rules of src/rules. */
function attentionOf(
  record: OpportunityRecord,
  item: PipelineItem,
  followUpColumn: boolean,
  asOf: number,
  rb: Rulebook,
): AttentionRow[] {
  const out: AttentionRow[] = [];
  const { stage } = item;
  const flag = (kind: AttentionKind, reason: Text) =>
    out.push({ row: item.row, project: item.project, group: item.group, stage, kind, reason });
  const stageName = { zh: stage.zh, en: stage.en };

  if (followUpColumn) {
    const age = followUpAge(rb, stage, record.lastFollowUp, asOf);
    if (age?.value.stale) {
      const { days, maxDays } = age.value;
      flag(
        "stale",
        days === null
          ? both(M.noFollowUp, (l) => ({ stage: pick(stageName, l), max: maxDays }))
          : both(M.stale, (l) => ({ stage: pick(stageName, l), days, max: maxDays })),
      );
    }
  }
  if (pastApproval(rb, stage)) {
    const owner = recordOwnerDepartment(record, rb);
    if (isFailure(owner)) flag("noOwner", both(M.noOwnerPastApproval, (l) => ({ why: pick(readerReason(owner), l) })));
    if (record.people.pm === undefined) flag("noTeam", sayBoth(M.noTeamPastApproval));
  }
  if (isBidStage(rb, stage) && record.bidFacts) {
    const decision = bidDecision(rb, record.bidFacts);
    if (!decision.value.bid) flag("noBid", both(M.noBid, (l) => ({ decision: pick(decision.value.text, l) })));
  }
  if (isLeadStage(rb, stage) && item.temperature && isHottest(rb, item.temperature)) {
    const t = item.temperature;
    flag("hotLead", both(M.hotLead, (l) => ({ temperature: pick(t, l), stage: pick(stageName, l), action: pick(leadAction(t), l) })));
  }
  return out;
}

/** A message in both languages whose values are themselves worded per language (a stage's name, a decision). */
function both<T extends Text>(message: T, vars: (lang: Lang) => VarsOf<T>): Text {
  const each = (lang: Lang) => say(lang, message, ...([vars(lang)] as unknown as VarsArg<T>));
  return { zh: each("zh"), en: each("en") };
}

/** "2026-11" */
export function monthText(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, "0")}`;
}

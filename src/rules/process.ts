import { sectionCompiler } from "./compile";
import {
  APPROVAL_GATE_KEY,
  BID_STAGE_KEY,
  FollowUpLimitRow,
  FulfilmentStepRow,
  GateRow,
  LEAD_STAGE_KEY,
  PIPELINE_FROM_KEY,
  PIPELINE_TO_KEY,
  ProcessRules,
  StageProblemRow,
  StageRow,
  StatusRow,
} from "./data/process";
import type { LeadTempRow } from "./data/lead";
import { badArg, missingArg, noRule } from "./errors";
import { isBlank, parseLabel, vocabularyOf } from "./labels";
import { OpportunityInputs, opportunityScore, probabilityRef } from "./opportunity";
import type { Rulebook } from "./rulebook";
import { decided, Decision, RuleRef } from "./types";

/** Rulebook section 1 evaluated: milestone plan, fulfilment steps, starter risks; the tables are in data/process. */

type ProcessBook = Pick<Rulebook, "process">;

/** A stage with the gate at its end, for a milestone plan. */
export interface Milestone {
  stage: StageRow;
  gate?: GateRow;
}

/** The stages in order with their gates: the milestone skeleton of a charter. */
export function milestonePlan(rb: ProcessBook): Milestone[] {
  const { stages, gates } = rb.process;
  return [...stages]
    .sort((a, b) => a.seq - b.seq)
    .map((stage) => {
      const gate = stage.gate ? gates.find((g) => g.code === stage.gate) : undefined;
      return gate ? { stage, gate } : { stage };
    });
}

/** The fulfilment steps in order. */
export function fulfilmentSteps(rb: ProcessBook): FulfilmentStepRow[] {
  return [...rb.process.fulfilmentSteps].sort((a, b) => a.seq - b.seq);
}

/** A starter risk: a stage problem with the stage it belongs to. */
export interface StarterRisk {
  stage: StageRow;
  problem: StageProblemRow;
}

/** The deck's stage problems in stage order, to seed a charter's risk register. */
export function starterRisks(rb: ProcessBook): StarterRisk[] {
  const out: StarterRisk[] = [];
  for (const { stage } of milestonePlan(rb)) {
    const problems = rb.process.stageProblems.filter((p) => p.stage === stage.code).sort((a, b) => a.seq - b.seq);
    for (const problem of problems) out.push({ stage, problem });
  }
  return out;
}

/** A stage named by a user (管理线索 / Manage leads / …); #VALUE! naming `argName` otherwise. */
export function parseStage(rb: ProcessBook, input: unknown, argName = "stage"): StageRow {
  return parseLabel(rb.process.stages, input, argName);
}

/** A gate named by a user (AT1 / 立项 / ATI / …); #VALUE! naming `argName` otherwise. */
export function parseGate(rb: ProcessBook, input: unknown, argName = "gate"): GateRow {
  return parseLabel(rb.process.gates, input, argName);
}

// ---------------------------------------------------------------- the pipeline (商机漏斗)

/**
 * The pipeline's rules, compiled from the process section: stages in order,
 * the status vocabulary, each stage's follow-up limit, the open-pipeline
 * stages and the stages the attention rules look at (all rulebook data, see
 * data/process: statuses, followUpLimits, settings).
 */
interface CompiledPipeline {
  stages: StageRow[];
  /** the stage a gate closes, by gate code */
  stageOfGate: Map<string, StageRow>;
  limits: Map<string, { row: FollowUpLimitRow; ref: RuleRef }>;
  /** open-pipeline stages by code; undefined when a setting names no stage (a rulebook gap, #N/A when asked) */
  openStages: Set<string> | undefined;
  /** stages past the approval gate, by code */
  pastApproval: Set<string> | undefined;
  bidStage: StageRow | undefined;
  leadStage: StageRow | undefined;
}

function compilePipeline(rules: ProcessRules): CompiledPipeline {
  const stages = [...rules.stages].sort((a, b) => a.seq - b.seq);
  const stageOfGate = new Map<string, StageRow>();
  for (const stage of stages) if (stage.gate) stageOfGate.set(stage.gate, stage);
  const limits = new Map<string, { row: FollowUpLimitRow; ref: RuleRef }>();
  for (const row of rules.followUpLimits) {
    const stage = stages.find((s) => s.code === row.stage);
    const name = stage ? { zh: stage.zh, en: stage.en } : { zh: row.stage, en: row.stage };
    limits.set(row.stage, {
      row,
      ref: Object.freeze({
        table: "process.followUpLimits",
        row: row.stage,
        text: Object.freeze({
          zh: `${name.zh}阶段的跟进时限：${row.maxDays}天`,
          en: `follow-up limit of the stage ${name.en}: ${row.maxDays} days`,
        }),
      }),
    });
  }
  const stageNamed = (key: string) => {
    const code = textSetting(rules, key);
    return code === undefined ? undefined : stages.find((s) => s.code === code);
  };
  const from = stageNamed(PIPELINE_FROM_KEY);
  const to = stageNamed(PIPELINE_TO_KEY);
  const gateCode = textSetting(rules, APPROVAL_GATE_KEY);
  const approved = gateCode === undefined ? undefined : stageOfGate.get(gateCode);
  return {
    stages,
    stageOfGate,
    limits,
    openStages: from && to ? new Set(stages.filter((s) => s.seq >= from.seq && s.seq <= to.seq).map((s) => s.code)) : undefined,
    pastApproval: approved ? new Set(stages.filter((s) => s.seq > approved.seq).map((s) => s.code)) : undefined,
    bidStage: stageNamed(BID_STAGE_KEY),
    leadStage: stageNamed(LEAD_STAGE_KEY),
  };
}

function textSetting(rules: ProcessRules, key: string): string | undefined {
  const value = rules.settings.find((r) => r.key === key)?.value;
  return typeof value === "string" ? value : undefined;
}

function settingGap(key: string): never {
  throw noRule(`rulebook setting process.${key} is missing or names no stage or gate`);
}

/** The stages in order (the funnel's rows). */
export function stagesInOrder(rb: ProcessBook): readonly StageRow[] {
  return compilePipelineOnce(rb.process).stages;
}

/**
 * A stage as a 商机 table names it: by name (管理线索 / Manage leads / …) or by
 * the gate at its end (AT1 → 验证机会点); #VALUE! naming `argName` otherwise.
 */
export function parseStageOrGate(rb: ProcessBook, input: unknown, argName = "stage"): StageRow {
  const byName = vocabularyOf(rb.process.stages);
  if (typeof input === "string") {
    const stage = byName.find(input);
    if (stage) return stage;
    const gate = vocabularyOf(rb.process.gates).find(input);
    const closed = gate && compilePipelineOnce(rb.process).stageOfGate.get(gate.code);
    if (closed) return closed;
  }
  const accepts = `accepts ${byName.describe()}, or the gate at a stage's end (${rb.process.gates.map((g) => g.id).join(", ")})`;
  throw isBlank(input) ? missingArg(argName, accepts) : badArg(argName, input, accepts);
}

/** An opportunity status (跟进中 / 赢单 / 丢单 / 暂停 / …); #VALUE! naming `argName` otherwise. */
export function parseStatus(rb: ProcessBook, input: unknown, argName = "status"): StatusRow {
  return parseLabel(rb.process.statuses, input, argName);
}

/** True when an opportunity of this stage and status is in the open pipeline (in progress, in the open stages). */
export function inOpenPipeline(rb: ProcessBook, stage: StageRow, status: StatusRow): boolean {
  const open = compilePipelineOnce(rb.process).openStages ?? settingGap(PIPELINE_FROM_KEY);
  return status.outcome === "open" && open.has(stage.code);
}

export interface FollowUpAge {
  /** whole days from the last follow-up to the as-of date; null when no follow-up is recorded */
  days: number | null;
  maxDays: number;
  /** over the limit, or no follow-up recorded */
  stale: boolean;
}

/**
 * How long an opportunity has gone without a follow-up, against its stage's
 * limit (stale when over it, or when none is recorded); undefined when the
 * stage has no limit. Dates are Excel serials.
 */
export function followUpAge(rb: ProcessBook, stage: StageRow, lastFollowUp: number | undefined, asOf: number): Decision<FollowUpAge> | undefined {
  const limit = compilePipelineOnce(rb.process).limits.get(stage.code);
  if (!limit) return undefined;
  const maxDays = limit.row.maxDays;
  if (lastFollowUp === undefined) return decided({ days: null, maxDays, stale: true }, limit.ref);
  const days = asOf - lastFollowUp;
  return decided({ days, maxDays, stale: days > maxDays }, limit.ref);
}

/** True when a stage lies past the approval gate (立项): such an opportunity needs an owner department and a team. */
export function pastApproval(rb: ProcessBook, stage: StageRow): boolean {
  const past = compilePipelineOnce(rb.process).pastApproval ?? settingGap(APPROVAL_GATE_KEY);
  return past.has(stage.code);
}

/** True when a stage is the bid-preparation stage, where a 不投标 bid decision needs attention. */
export function isBidStage(rb: ProcessBook, stage: StageRow): boolean {
  return (compilePipelineOnce(rb.process).bidStage ?? settingGap(BID_STAGE_KEY)).code === stage.code;
}

/** True when a stage is the lead stage, where a hot lead should not stay. */
export function isLeadStage(rb: ProcessBook, stage: StageRow): boolean {
  return (compilePipelineOnce(rb.process).leadStage ?? settingGap(LEAD_STAGE_KEY)).code === stage.code;
}

/** True when a lead temperature is the hottest of the rulebook's (热线索: the deck's action is to make it an opportunity at once). */
export function isHottest(rb: Pick<Rulebook, "lead">, temperature: LeadTempRow): boolean {
  return rb.lead.temperatures.every((t) => t.warmth <= temperature.warmth);
}

export interface WeightedAmount {
  /** the success probability, as WINPROB answers it */
  probability: number;
  /** amount × probability, rounded half-up to the fen */
  weightedFen: number;
}

/**
 * The weighted amount of an opportunity: its amount in fen × its success
 * probability (WINPROB, §4), rounded half-up to the fen. Arguments are raw
 * cell values; throws LtcError on bad input.
 */
export function weightedAmount(rb: Pick<Rulebook, "opportunity">, amountFen: number, inputs: OpportunityInputs): Decision<WeightedAmount> {
  const score = opportunityScore(rb, inputs);
  const probability = score.value.probability;
  // amounts are ≥ 0, so Math.round is half-up
  return { value: { probability, weightedFen: Math.round(amountFen * probability) }, reasons: [...score.reasons, probabilityRef(rb, score.value)] };
}

/** compilePipeline, once per (frozen) section. */
const compilePipelineOnce = sectionCompiler(compilePipeline);

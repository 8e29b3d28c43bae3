import { sectionCompiler } from "./compile";
import { OpportunityRules, ShareBandRow } from "./data/opportunity";
import { ScoredLabelRow } from "./data/scoring";
import { noRule } from "./errors";
import type { Rulebook } from "./rulebook";
import { ScoredCriterion, ScoredRow, WeightedPart } from "./scoring";
import { Decision, RuleRef } from "./types";
import { parseBool, parseShare } from "./values";

/**
 * Rulebook §2 (lead vs opportunity) and §4 (opportunity evaluation → success
 * probability) evaluated; the tables are in data/opportunity.
 */

export type { ScoredLabelRow } from "./data/scoring";

type OpportunityBook = Pick<Rulebook, "opportunity">;

// ---------------------------------------------------------------- §2

/** The ISOPPORTUNITY arguments, in order; a §2 row names one of them. */
const TEST_ARGS = ["inBuyingProcess", "hasBudget", "canParticipate"] as const;

/** One row of the §2 test: the argument it reads (its position, -1 if unknown) and its two answers in plain words. */
interface CompiledTest {
  arg: string;
  position: number;
  holds: RuleRef;
  fails: RuleRef;
}

function compileOpportunityTest(rules: OpportunityRules): CompiledTest[] {
  return rules.opportunityCriteria.map((row) => {
    const ref = (yes: boolean): RuleRef =>
      Object.freeze({
        table: "opportunity.opportunityCriteria",
        row: row.code,
        text: Object.freeze({ zh: `${row.zh}：${yes ? "是" : "否"}`, en: `${row.en}: ${yes ? "yes" : "no"}` }),
      });
    return { arg: row.arg, position: (TEST_ARGS as readonly string[]).indexOf(row.arg), holds: ref(true), fails: ref(false) };
  });
}

/**
 * §2: a lead is an opportunity only when the customer is in its buying
 * process, has a clear plan and budget, and we can take part. Arguments are
 * raw cell values (TRUE/FALSE, 1/0, 是/否, yes/no); throws LtcError on bad input.
 */
export function isOpportunity(
  rb: OpportunityBook,
  inBuyingProcess: unknown,
  hasBudget: unknown,
  canParticipate: unknown,
): Decision<boolean> {
  const reasons: RuleRef[] = [];
  let all = true;
  const tests = compileOpportunityTestOnce(rb.opportunity);
  for (let i = 0; i < tests.length; i++) {
    const test = tests[i];
    const { position } = test;
    const input =
      position === 0 ? inBuyingProcess : position === 1 ? hasBudget : position === 2 ? canParticipate : noArgument(test.arg);
    const holds = parseBool(input, test.arg);
    if (!holds) all = false;
    reasons.push(holds ? test.holds : test.fails);
  }
  return { value: all, reasons };
}

function noArgument(arg: string): never {
  throw noRule(`the rulebook's opportunity test names an unknown argument ${arg}`);
}

// ---------------------------------------------------------------- §4

export interface OpportunityInputs {
  brand: unknown;
  maturity: unknown;
  competitorShare: unknown;
  price: unknown;
}

export interface OpportunityScore {
  /** plain total, 4–16 by default */
  total: number;
  /** plain maximum (16 by default) */
  max: number;
  /** weighted total ÷ weighted maximum, 0–1 */
  probability: number;
  parts: WeightedPart[];
}

/** The competitor-share band that holds a fraction 0–1, or #N/A if the rulebook's bands leave a gap. */
export function shareBand(rb: OpportunityBook, share: number): ShareBandRow {
  return bandOf(rb.opportunity.competitorShare, share);
}

function bandOf(bands: readonly ShareBandRow[], share: number): ShareBandRow {
  for (const band of bands) {
    if ((band.above === null || share > band.above) && share <= band.upTo) return band;
  }
  throw noRule(`competitorShare: no band of the rulebook holds ${formatShare(share)}`);
}

/** 0.35 → "35%", 0.1000001 → "10.00001%" */
export function formatShare(share: number): string {
  return `${Number((share * 100).toFixed(6))}%`;
}

function weightOf(rules: OpportunityRules, criterion: string): number {
  for (const w of rules.weights) if (w.criterion === criterion) return w.weight;
  throw noRule(`the rulebook has no success-probability weight for ${criterion}`);
}

/** The explained success probability, kept per probability with the figures it was worded from. */
interface ProbabilityText {
  total: number;
  max: number;
  weighted: number;
  ref: RuleRef;
}

/** §4 compiled: the four criteria with their weights and every row's part and RuleRef, and the maxima. */
interface CompiledOpportunity {
  brand: ScoredCriterion<ScoredLabelRow>;
  maturity: ScoredCriterion<ScoredLabelRow>;
  share: ScoredCriterion<ShareBandRow>;
  price: ScoredCriterion<ScoredLabelRow>;
  bands: readonly ShareBandRow[];
  max: number;
  weightedMax: number;
  /** "all weights 1" or "brand×2, …": how the weights table reads in the probability's explanation */
  allWeightsOne: boolean;
  weightsText: string;
  /** explanations already worded, by probability (bounded) */
  probabilityTexts: Map<number, ProbabilityText>;
}

function compileOpportunity(rules: OpportunityRules): CompiledOpportunity {
  const make = <R extends ScoredRow>(criterion: string, table: readonly R[]) =>
    new ScoredCriterion("opportunity", criterion, table, rules.criteria, weightOf(rules, criterion));
  const brand = make("brand", rules.brand);
  const maturity = make("maturity", rules.maturity);
  const share = make("competitorShare", rules.competitorShare);
  const price = make("price", rules.price);
  let max = 0;
  let weightedMax = 0;
  for (const c of [brand, maturity, share, price]) {
    max += c.best;
    weightedMax += c.weight * c.best;
  }
  return {
    brand,
    maturity,
    share,
    price,
    // A copy: V8 walks a frozen array (the section's) several times slower than a plain one.
    bands: [...rules.competitorShare],
    max,
    weightedMax,
    allWeightsOne: rules.weights.every((w) => w.weight === 1),
    weightsText: rules.weights.map((w) => `${w.criterion}×${w.weight}`).join(", "),
    probabilityTexts: new Map(),
  };
}

/**
 * §4: the four criteria scored 4/3/2/1, their plain total, and the success
 * probability (weighted total ÷ weighted maximum). Arguments are raw cell
 * values; throws LtcError on bad input.
 */
export function opportunityScore(rb: OpportunityBook, inputs: OpportunityInputs): Decision<OpportunityScore> {
  const c = compileOpportunityOnce(rb.opportunity);
  const brand = c.brand.read(inputs.brand);
  const maturity = c.maturity.read(inputs.maturity);
  const share = c.share.entryFor(bandOf(c.bands, parseShare(inputs.competitorShare, "competitorShare")));
  const price = c.price.read(inputs.price);
  if (!(c.weightedMax > 0)) throw noRule("the rulebook's success-probability weights leave no maximum (all weights 0)");
  const b = brand.part;
  const m = maturity.part;
  const s = share.part;
  const p = price.part;
  const total = b.score + m.score + s.score + p.score;
  const weighted = b.weight * b.score + m.weight * m.score + s.weight * s.score + p.weight * p.score;
  return {
    value: { total, max: c.max, probability: weighted / c.weightedMax, parts: [b, m, s, p] },
    reasons: [brand.ref, maturity.ref, share.ref, price.ref],
  };
}

const PROBABILITY_MEMO_LIMIT = 4096;

/** The RuleRef explaining a score's success probability from the weights table. */
export function probabilityRef(rb: OpportunityBook, score: OpportunityScore): RuleRef {
  const c = compileOpportunityOnce(rb.opportunity);
  let weighted = 0;
  for (const p of score.parts) weighted += p.weight * p.score;
  const hit = c.probabilityTexts.get(score.probability);
  if (hit && hit.total === score.total && hit.max === score.max && hit.weighted === weighted) return hit.ref;
  const pct = formatShare(score.probability);
  const ref: RuleRef = Object.freeze({
    table: "opportunity.weights",
    row: "weights",
    text: Object.freeze(
      c.allWeightsOne
        ? {
            zh: `成功概率 = 总分 ${score.total} ÷ 满分 ${score.max} = ${pct}（各项权重均为1）`,
            en: `Success probability = total ${score.total} ÷ maximum ${score.max} = ${pct} (all weights 1)`,
          }
        : {
            zh: `成功概率 = 加权得分 ${fmtNum(weighted)} ÷ 加权满分 = ${pct}（权重 ${c.weightsText}）`,
            en: `Success probability = weighted score ${fmtNum(weighted)} ÷ weighted maximum = ${pct} (weights ${c.weightsText})`,
          },
    ),
  });
  if (c.probabilityTexts.size >= PROBABILITY_MEMO_LIMIT) c.probabilityTexts.clear();
  c.probabilityTexts.set(score.probability, { total: score.total, max: score.max, weighted, ref });
  return ref;
}

function fmtNum(n: number): string {
  return String(Number(n.toFixed(6)));
}

/** compileOpportunity, once per (frozen) section. */
const compileOpportunityOnce = sectionCompiler(compileOpportunity);
/** compileOpportunityTest, once per (frozen) section. */
const compileOpportunityTestOnce = sectionCompiler(compileOpportunityTest);

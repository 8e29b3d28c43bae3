import { badArg, noRule } from "./errors";
import { LabelRow, parseLabel } from "./labels";
import { Mark } from "./settings";
import { Decision, RuleRef, Text } from "./types";
import { numberFromText, parseBool, parseShare } from "./values";
import type { Rulebook } from "./rulebook";

/**
 * Rulebook §2 (lead vs opportunity) and §4 (opportunity evaluation →
 * success probability). The scored criteria are label tables with a 4/3/2/1
 * `score` column; the competitor share is a table of bands over fractions;
 * the weights of the success probability are a table of their own.
 */

/** A statement of the deck (criterion, element) in both languages. */
export interface StatementRow {
  code: string;
  zh: string;
  en: string;
}

/** §2: one of the three things that make a lead an opportunity; `arg` is the ISOPPORTUNITY argument. */
export interface OpportunityTestRow extends StatementRow {
  arg: string;
}

/** §2: one of the four elements of lead management. */
export interface LeadElementRow extends StatementRow {
  detailZh: string;
  detailEn: string;
}

/** A value of a 4/3/2/1 criterion. */
export interface ScoredLabelRow extends LabelRow {
  score: number;
}

/** A criterion of a scoring model; `code` is also the name of the table holding its values. */
export interface CriterionRow extends LabelRow {
  /** the function argument it is read from, e.g. "competitorShare" */
  arg: string;
}

/**
 * A band of the main competitors' share, as fractions: it holds a share s
 * when (above === null || s > above) && s <= upTo. Bands are tried in order.
 */
export interface ShareBandRow {
  code: string;
  zh: string;
  en: string;
  above: number | null;
  upTo: number;
  score: number;
  mark: Mark;
}

/** Weight of a criterion in the success probability. */
export interface WeightRow {
  criterion: string;
  weight: number;
  mark: Mark;
}

export interface OpportunityRules {
  /** §2 线索评判标准 */
  leadCriteria: StatementRow[];
  /** §2 机会点评判标准: all three must hold */
  opportunityCriteria: OpportunityTestRow[];
  /** §2 线索管理四要素 */
  leadElements: LeadElementRow[];
  /** §4 the four criteria, in the deck's order */
  criteria: CriterionRow[];
  brand: ScoredLabelRow[];
  maturity: ScoredLabelRow[];
  competitorShare: ShareBandRow[];
  price: ScoredLabelRow[];
  /** §4 success probability = Σ weight × score ÷ Σ weight × best score */
  weights: WeightRow[];
}

export const DEFAULT_OPPORTUNITY: OpportunityRules = {
  leadCriteria: [
    { code: "lead.specificCustomer", zh: "特定客户", en: "A specific customer" },
    { code: "lead.potentialWill", zh: "客户具备潜在的购买意愿", en: "The customer may want to buy" },
    { code: "lead.couldParticipate", zh: "我公司具有潜在的参与可能", en: "We could take part" },
  ],
  opportunityCriteria: [
    {
      code: "opp.inBuyingProcess",
      zh: "客户已进入执行购买流程",
      en: "The customer is in its buying process",
      arg: "inBuyingProcess",
    },
    {
      code: "opp.hasBudget",
      zh: "客户有明确的投资计划与预算",
      en: "The customer has a clear investment plan and budget",
      arg: "hasBudget",
    },
    { code: "opp.canParticipate", zh: "我公司可参与", en: "We can take part", arg: "canParticipate" },
  ],
  leadElements: [
    {
      code: "element.pain",
      zh: "痛点/期望",
      en: "Pain points / expectations",
      detailZh: "痛苦链/影响度，时间窗",
      detailEn: "pain chain and impact, time window",
    },
    {
      code: "element.solution",
      zh: "解决构想",
      en: "Solution idea",
      detailZh: "单产品/组合产品与客户痛点/期望的匹配度，竞争性，可量化的客户收益与价值主张",
      detailEn: "fit of product(s) to the pain points, competitiveness, quantified customer value",
    },
    {
      code: "element.budget",
      zh: "投资计划和预算",
      en: "Investment plan and budget",
      detailZh: "投资计划，预算",
      detailEn: "investment plan, budget",
    },
    {
      code: "element.relationship",
      zh: "客户关系",
      en: "Customer relationship",
      detailZh: "潜在的投资主导者、关键决策者，其他关键利益干系人",
      detailEn: "likely investment leader, key decision makers, other key stakeholders",
    },
  ],
  criteria: [
    {
      code: "brand",
      arg: "brand",
      zh: "公司/产品品牌认同度",
      en: "Brand recognition",
      aliases: ["品牌认同度", "品牌认可度", "品牌", "brand"],
    },
    {
      code: "maturity",
      arg: "maturity",
      zh: "客户成熟度",
      en: "Customer maturity",
      aliases: ["成熟度", "maturity"],
    },
    {
      code: "competitorShare",
      arg: "competitorShare",
      zh: "主要竞争对手参与比例",
      en: "Main competitors' share",
      aliases: ["竞争对手参与比例", "竞争对手比例", "competitor share", "competitors' share"],
    },
    {
      code: "price",
      arg: "price",
      zh: "价格竞争力",
      en: "Price competitiveness",
      aliases: ["价格", "price"],
    },
  ],
  brand: [
    {
      code: "brand.designedIn",
      zh: "按公司方案上图",
      en: "Designed on our solution",
      aliases: ["按我司方案上图", "按公司方案", "上图", "designed in", "design-in", "designed on our design"],
      score: 4,
    },
    {
      code: "brand.recognised",
      zh: "认可",
      en: "Recognised",
      aliases: ["recognized", "accepted"],
      score: 3,
    },
    {
      code: "brand.neutral",
      zh: "无倾向性",
      en: "Neutral",
      aliases: ["无倾向", "中立", "no preference"],
      score: 2,
    },
    {
      code: "brand.notRecognised",
      zh: "不认可",
      en: "Not recognised",
      aliases: ["not recognized", "unrecognised", "unrecognized", "not accepted"],
      score: 1,
    },
  ],
  maturity: [
    {
      code: "maturity.longTerm",
      zh: "长期合作客户",
      en: "Long-term customer",
      aliases: ["长期合作", "长期客户", "老客户", "long-term", "long term", "long-term partner", "long term customer"],
      score: 4,
    },
    {
      code: "maturity.contractAndCooperation",
      zh: "有过合同且有过合作关系",
      en: "Contract and cooperation",
      aliases: ["有合同且有合作", "合同且合作", "contract and relationship", "contract & cooperation"],
      score: 3,
    },
    {
      code: "maturity.contractOrCooperation",
      zh: "有过合同或有合作关系",
      en: "Contract or cooperation",
      aliases: ["有合同或有合作", "合同或合作", "contract or relationship"],
      score: 2,
    },
    {
      code: "maturity.firstContact",
      zh: "首次接触",
      en: "First contact",
      aliases: ["首次", "新客户", "new customer", "first time", "new"],
      score: 1,
    },
  ],
  competitorShare: [
    { code: "share.none", zh: "0%", en: "0%", above: null, upTo: 0, score: 4, mark: "default" },
    { code: "share.to10", zh: "(0,10%]", en: "(0, 10%]", above: 0, upTo: 0.1, score: 4, mark: "deck" },
    { code: "share.to40", zh: "(10%,40%]", en: "(10%, 40%]", above: 0.1, upTo: 0.4, score: 3, mark: "deck" },
    { code: "share.to70", zh: "(40%,70%]", en: "(40%, 70%]", above: 0.4, upTo: 0.7, score: 2, mark: "deck" },
    { code: "share.to100", zh: "(70%,100%]", en: "(70%, 100%]", above: 0.7, upTo: 1, score: 1, mark: "deck" },
  ],
  price: [
    {
      code: "price.veryStrong",
      zh: "很强",
      en: "Very strong",
      aliases: ["非常强", "highly competitive", "very competitive"],
      score: 4,
    },
    { code: "price.strong", zh: "强", en: "Strong", aliases: ["较强", "competitive"], score: 3 },
    { code: "price.average", zh: "一般", en: "Average", aliases: ["中等", "moderate", "fair"], score: 2 },
    { code: "price.weak", zh: "差", en: "Weak", aliases: ["弱", "较差", "poor", "uncompetitive"], score: 1 },
  ],
  weights: [
    { criterion: "brand", weight: 1, mark: "default" },
    { criterion: "maturity", weight: 1, mark: "default" },
    { criterion: "competitorShare", weight: 1, mark: "default" },
    { criterion: "price", weight: 1, mark: "default" },
  ],
};

// ---------------------------------------------------------------- §2

/**
 * §2: a lead is an opportunity only when the customer is in its buying
 * process, has a clear plan and budget, and we can take part. Arguments are
 * raw cell values (TRUE/FALSE, 1/0, 是/否, yes/no); throws LtcError on bad input.
 */
export function isOpportunity(
  rb: Rulebook,
  inBuyingProcess: unknown,
  hasBudget: unknown,
  canParticipate: unknown,
): Decision<boolean> {
  const reasons: RuleRef[] = [];
  let all = true;
  for (const row of rb.opportunity.opportunityCriteria) {
    const input =
      row.arg === "inBuyingProcess"
        ? inBuyingProcess
        : row.arg === "hasBudget"
          ? hasBudget
          : row.arg === "canParticipate"
            ? canParticipate
            : noArgument(row.arg);
    const holds = parseBool(input, row.arg);
    if (!holds) all = false;
    reasons.push(testRef(row, holds));
  }
  return { value: all, reasons };
}

function noArgument(arg: string): never {
  throw noRule(`the rulebook's opportunity test names an unknown argument ${arg}`);
}

/** "客户已进入执行购买流程：是", cached per row (rows are immutable data). */
const testRefs = new WeakMap<OpportunityTestRow, [RuleRef, RuleRef]>();
function testRef(row: OpportunityTestRow, holds: boolean): RuleRef {
  let refs = testRefs.get(row);
  if (!refs) {
    const make = (yes: boolean): RuleRef =>
      Object.freeze({
        table: "opportunity.opportunityCriteria",
        row: row.code,
        text: Object.freeze({ zh: `${row.zh}：${yes ? "是" : "否"}`, en: `${row.en}: ${yes ? "yes" : "no"}` }),
      });
    refs = [make(true), make(false)];
    testRefs.set(row, refs);
  }
  return refs[holds ? 0 : 1];
}

// ---------------------------------------------------------------- §4

export interface OpportunityInputs {
  brand: unknown;
  maturity: unknown;
  competitorShare: unknown;
  price: unknown;
}

export interface ScorePart {
  /** criterion code: "brand" | "maturity" | "competitorShare" | "price" (or a payment criterion) */
  criterion: string;
  /** the criterion's name */
  name: Text;
  /** the row (or band) the input matched */
  label: Text;
  /** that row's code */
  code: string;
  score: number;
}

export interface WeightedPart extends ScorePart {
  weight: number;
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

const scoreOf = (row: ScoredLabelRow) => row.score;

type ScoredRow = Text & { code: string; score: number };

/** What scoring one row contributes: its part of the answer and its RuleRef. Shared and frozen. */
interface ScoredEntry {
  part: WeightedPart;
  ref: RuleRef;
}

const MEMO_LIMIT = 1024;

/**
 * One criterion of a scoring model compiled from its rulebook tables: its
 * name, best score and weight, and for each row the part and RuleRef it
 * contributes ("客户成熟度：长期合作客户 → 4分"), built once. Label inputs
 * are memoised, so a formula recalculated over many rows costs a map lookup.
 */
export class ScoredCriterion<R extends ScoredRow> {
  readonly name: Text;
  readonly best: number;
  private readonly entries = new Map<R, ScoredEntry>();
  private readonly memo = new Map<unknown, ScoredEntry>();

  constructor(
    readonly section: string,
    readonly criterion: string,
    readonly table: readonly R[],
    criteria: readonly CriterionRow[],
    readonly weight = 1,
  ) {
    const row = criteria.find((c) => c.code === criterion);
    this.name = Object.freeze(row ? { zh: row.zh, en: row.en } : { zh: criterion, en: criterion });
    let best = -Infinity;
    for (const r of table) if (r.score > best) best = r.score;
    this.best = best;
  }

  entryFor(row: R): ScoredEntry {
    let entry = this.entries.get(row);
    if (!entry) {
      const { name, criterion, weight } = this;
      const label = Object.freeze({ zh: row.zh, en: row.en });
      const text = Object.freeze({ zh: `${name.zh}：${row.zh} → ${row.score}分`, en: `${name.en}: ${row.en} → ${row.score}` });
      entry = {
        part: Object.freeze({ criterion, name, label, code: row.code, score: row.score, weight }),
        ref: Object.freeze({ table: `${this.section}.${criterion}`, row: row.code, text }),
      };
      this.entries.set(row, entry);
    }
    return entry;
  }

  /** Reads a label or a score 1–4 (label tables only); throws #VALUE! naming the criterion. */
  read(input: unknown): ScoredEntry {
    const hit = this.memo.get(input);
    if (hit) return hit;
    const row = parseLabel(this.table as unknown as readonly ScoredLabelRow[], input, this.criterion, { scoreOf });
    const entry = this.entryFor(row as unknown as R);
    if (typeof input === "string" || typeof input === "number") {
      if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
      this.memo.set(input, entry);
    }
    return entry;
  }
}

/** The competitor-share band that holds a fraction 0–1, or #N/A if the rulebook's bands leave a gap. */
export function shareBand(rb: Rulebook, share: number): ShareBandRow {
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

const SHARE_ACCEPTS =
  'accepts a share 0–100%: a fraction 0–1 (35% in a percent cell), "35%" as text, or 1–100 read as percent';

/**
 * The competitor share as a fraction. parseShare reads "101%" as 1.01 and
 * then as 1.01 percent; a share written with % must itself be 0–100%.
 */
function readShare(input: unknown): number {
  if (typeof input === "string") {
    const t = input.normalize("NFKC").trim();
    if (t.endsWith("%")) {
      const n = numberFromText(t.slice(0, -1));
      if (!(n >= 0 && n <= 100)) throw badArg("competitorShare", input, SHARE_ACCEPTS);
    }
  }
  return parseShare(input, "competitorShare");
}

function weightOf(rules: OpportunityRules, criterion: string): number {
  for (const w of rules.weights) if (w.criterion === criterion) return w.weight;
  throw noRule(`the rulebook has no success-probability weight for ${criterion}`);
}

/**
 * §4 compiled once per rulebook section. Rulebook tables are immutable data
 * (an edited rulebook is a new object); the tables it was built from are kept
 * so that a section whose tables were swapped is compiled again.
 */
interface CompiledOpportunity {
  rules: OpportunityRules;
  brandTable: readonly ScoredLabelRow[];
  maturityTable: readonly ScoredLabelRow[];
  shareTable: readonly ShareBandRow[];
  priceTable: readonly ScoredLabelRow[];
  criteria: readonly CriterionRow[];
  weights: readonly WeightRow[];
  brand: ScoredCriterion<ScoredLabelRow>;
  maturity: ScoredCriterion<ScoredLabelRow>;
  share: ScoredCriterion<ShareBandRow>;
  price: ScoredCriterion<ScoredLabelRow>;
  max: number;
  weightedMax: number;
}
const compiledOpportunity = new WeakMap<OpportunityRules, CompiledOpportunity>();

function compileOpportunity(rules: OpportunityRules): CompiledOpportunity {
  const hit = compiledOpportunity.get(rules);
  if (
    hit &&
    hit.brandTable === rules.brand &&
    hit.maturityTable === rules.maturity &&
    hit.shareTable === rules.competitorShare &&
    hit.priceTable === rules.price &&
    hit.criteria === rules.criteria &&
    hit.weights === rules.weights
  ) {
    return hit;
  }
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
  const compiled: CompiledOpportunity = {
    rules,
    brandTable: rules.brand,
    maturityTable: rules.maturity,
    shareTable: rules.competitorShare,
    priceTable: rules.price,
    criteria: rules.criteria,
    weights: rules.weights,
    brand,
    maturity,
    share,
    price,
    max,
    weightedMax,
  };
  compiledOpportunity.set(rules, compiled);
  return compiled;
}

/**
 * §4: the four criteria scored 4/3/2/1, their plain total, and the success
 * probability (weighted total ÷ weighted maximum). Arguments are raw cell
 * values; throws LtcError on bad input.
 */
export function opportunityScore(rb: Rulebook, inputs: OpportunityInputs): Decision<OpportunityScore> {
  const c = compileOpportunity(rb.opportunity);
  const brand = c.brand.read(inputs.brand);
  const maturity = c.maturity.read(inputs.maturity);
  const share = c.share.entryFor(bandOf(c.shareTable, readShare(inputs.competitorShare)));
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

/** The RuleRef explaining the success probability from the weights table (cached per weights table). */
const probabilityCache = new WeakMap<
  object,
  Map<number, { total: number; max: number; weighted: number; ref: RuleRef }>
>();
export function probabilityRef(rb: Rulebook, score: OpportunityScore): RuleRef {
  const weights = rb.opportunity.weights;
  let weighted = 0;
  for (const p of score.parts) weighted += p.weight * p.score;
  let cache = probabilityCache.get(weights);
  if (!cache) {
    cache = new Map();
    probabilityCache.set(weights, cache);
  }
  const hit = cache.get(score.probability);
  if (hit && hit.total === score.total && hit.max === score.max && hit.weighted === weighted) return hit.ref;
  const allOne = weights.every((w) => w.weight === 1);
  const weightsText = weights.map((w) => `${w.criterion}×${w.weight}`).join(", ");
  const pct = formatShare(score.probability);
  const ref: RuleRef = Object.freeze({
    table: "opportunity.weights",
    row: "weights",
    text: Object.freeze(allOne
      ? {
          zh: `成功概率 = 总分 ${score.total} ÷ 满分 ${score.max} = ${pct}（各项权重均为1）`,
          en: `Success probability = total ${score.total} ÷ maximum ${score.max} = ${pct} (all weights 1)`,
        }
      : {
          zh: `成功概率 = 加权得分 ${fmtNum(weighted)} ÷ 加权满分 = ${pct}（权重 ${weightsText}）`,
          en: `Success probability = weighted score ${fmtNum(weighted)} ÷ weighted maximum = ${pct} (weights ${weightsText})`,
        }),
  });
  if (cache.size >= 4096) cache.clear();
  cache.set(score.probability, { total: score.total, max: score.max, weighted, ref });
  return ref;
}

function fmtNum(n: number): string {
  return String(Number(n.toFixed(6)));
}

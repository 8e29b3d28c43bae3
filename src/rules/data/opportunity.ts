import type { Mark } from "../settings";
import type { CriterionRow, ScoredLabelRow } from "./scoring";

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

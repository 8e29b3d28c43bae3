import type { CriterionRow, ScoredLabelRow } from "./scoring";

/**
 * Rulebook §5, the customer payment-capability model (客户付款能力模型):
 * four criteria scored 4/3/2/1, total 4–16. Matching is exact after
 * normalisation, so 民营企业 (1) never matches 大型民营企业 (2).
 */
export interface PaymentRules {
  /** the four criteria, in the deck's order; `code` names the table of its values */
  criteria: CriterionRow[];
  ownership: ScoredLabelRow[];
  finances: ScoredLabelRow[];
  history: ScoredLabelRow[];
  industry: ScoredLabelRow[];
}

export const DEFAULT_PAYMENT: PaymentRules = {
  criteria: [
    {
      code: "ownership",
      arg: "ownership",
      zh: "客户企业性质",
      en: "Ownership",
      aliases: ["企业性质", "客户性质", "ownership", "company type"],
    },
    {
      code: "finances",
      arg: "finances",
      zh: "客户财务状况",
      en: "Finances",
      aliases: ["财务状况", "finances", "financial condition"],
    },
    {
      code: "history",
      arg: "history",
      zh: "客户付款历史",
      en: "Payment history",
      aliases: ["付款历史", "payment history", "history"],
    },
    {
      code: "industry",
      arg: "industry",
      zh: "行业盈利能力",
      en: "Industry stage",
      aliases: ["行业", "行业阶段", "industry", "industry profitability"],
    },
  ],
  ownership: [
    {
      code: "ownership.gridOrCentralSoe",
      zh: "两网、大型央企",
      en: "State Grid / Southern Grid, large central SOE",
      aliases: [
        "两网",
        "大型央企",
        "两网/大型央企",
        "两网或大型央企",
        "央企",
        "国网",
        "南网",
        "国家电网",
        "南方电网",
        "State Grid",
        "Southern Grid",
        "China Southern Power Grid",
        "State Grid Corporation of China",
        "central SOE",
        "large central SOE",
      ],
      score: 4,
    },
    {
      code: "ownership.localSoeOrListed",
      zh: "地方国企、上市公司",
      en: "Local SOE, listed company",
      aliases: [
        "地方国企",
        "上市公司",
        "地方国企/上市公司",
        "地方国有企业",
        "国企",
        "国有企业",
        "local SOE",
        "SOE",
        "state-owned",
        "state-owned enterprise",
        "listed",
        "listed company",
        "public company",
      ],
      score: 3,
    },
    {
      code: "ownership.largePrivate",
      zh: "大型民营企业",
      en: "Large private company",
      aliases: ["大型民企", "large private", "large private enterprise", "large private company"],
      score: 2,
    },
    {
      code: "ownership.private",
      zh: "民营企业",
      en: "Private company",
      aliases: ["民企", "私企", "私营企业", "private", "private enterprise", "private company"],
      score: 1,
    },
  ],
  finances: [
    { code: "finances.veryGood", zh: "很好", en: "Very good", aliases: ["非常好", "excellent", "very strong"], score: 4 },
    { code: "finances.good", zh: "好", en: "Good", aliases: ["良好", "较好", "strong"], score: 3 },
    { code: "finances.average", zh: "一般", en: "Average", aliases: ["中等", "fair", "moderate"], score: 2 },
    { code: "finances.poor", zh: "差", en: "Poor", aliases: ["较差", "bad", "weak"], score: 1 },
  ],
  history: [
    {
      code: "history.clean",
      zh: "无坏账无延期",
      en: "Clean: no bad debt, no delay",
      aliases: ["无坏帐无延期", "无坏账、无延期", "无坏账,无延期", "按时付款", "clean", "on time", "no bad debt, no delay", "no bad debt no delay"],
      score: 4,
    },
    {
      code: "history.late",
      zh: "无坏账有延期",
      en: "Late, no bad debt",
      aliases: ["无坏帐有延期", "无坏账、有延期", "无坏账,有延期", "有延期", "延期", "late", "delayed", "late payments", "late, no bad debt"],
      score: 3,
    },
    {
      code: "history.none",
      zh: "无合同",
      en: "No history",
      aliases: ["无历史", "no history", "no contract", "no record"],
      score: 2,
    },
    {
      code: "history.badDebt",
      zh: "有坏账",
      en: "Bad debt",
      aliases: ["有坏帐", "坏账", "坏帐", "bad debt", "bad debts"],
      score: 1,
    },
  ],
  industry: [
    {
      code: "industry.fastGrowth",
      zh: "高速发展期",
      en: "Fast growth",
      aliases: ["高速发展", "快速发展期", "rapid growth", "high growth", "fast-growing"],
      score: 4,
    },
    { code: "industry.growth", zh: "发展期", en: "Growth", aliases: ["发展", "growing"], score: 3 },
    { code: "industry.stable", zh: "稳定期", en: "Stable", aliases: ["稳定", "mature", "stability"], score: 2 },
    { code: "industry.decline", zh: "衰退期", en: "Decline", aliases: ["衰退", "declining", "recession"], score: 1 },
  ],
};

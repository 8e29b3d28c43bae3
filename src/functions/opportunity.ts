/* eslint-disable @typescript-eslint/no-explicit-any */
/*
 * LTC functions of rulebook §2–§5: lead temperature, the opportunity test,
 * the opportunity score and success probability, and the customer's payment
 * score. Each is a FunctionSpec over src/rules plus a thin JSDoc-tagged
 * wrapper from which custom-functions-metadata builds functions.json.
 */
import { leadTemperature } from "../rules/lead";
import { isOpportunity, opportunityScore, probabilityRef } from "../rules/opportunity";
import { paymentScore } from "../rules/payment";
import { decided } from "../rules/types";
import { parseLang } from "../rules/values";
import { BRAND, COMPETITOR_SHARE, LANG, MATURITY, PRICE } from "./params";
import { invoke } from "./runtime";
import { defineFunction, FunctionSpec } from "./spec";

export const LEADTEMP = defineFunction({
  name: "LEADTEMP",
  help: {
    en: "Lead temperature (rulebook §3): by default hot under 3 months to procurement, warm from 3 to under 6, cold from 6; a lead is only as hot as its coldest given factor.",
    zh: "线索分类（规则手册第3节）：默认距进入采购程序少于3个月为热线索，3至6个月为温线索，6个月及以上为冷线索；同时给出定性因素时，线索只按最冷的因素定温。",
  },
  result: {
    en: "热线索, 温线索 or 冷线索 (Hot, Warm or Cold).",
    zh: '热线索、温线索或冷线索（lang 为 "en" 时为 Hot、Warm、Cold）。',
  },
  params: [
    {
      name: "monthsToProcurement",
      zhName: "距进入采购程序月数",
      kind: "number",
      help: {
        en: "Months until the customer enters procurement, 0 or more (0 = already in procurement).",
        zh: "距客户进入执行采购程序的月数，不小于0（0表示已经进入采购程序）。",
      },
    },
    {
      name: "urgency",
      zhName: "需求迫切性",
      kind: "label",
      optional: true,
      help: {
        en: "Urgency of the need: 较低 (low), 一定 (some) or 急迫 (urgent).",
        zh: "可选。客户需求迫切性：较低、一定或急迫。",
      },
    },
    {
      name: "solution",
      zhName: "方案",
      kind: "label",
      optional: true,
      help: {
        en: "Solution: 没有成熟的设计方案 (no mature design), 趋于完善 (maturing) or 成熟且高度匹配 (mature, high fit).",
        zh: "可选。方案：没有成熟的设计方案、趋于完善或成熟且高度匹配。",
      },
    },
    {
      name: "consensus",
      zhName: "客户内部意见",
      kind: "label",
      optional: true,
      help: {
        en: "Customer's internal consensus: 较大分歧 (split), 趋于一致 (converging) or 已达成一致 (agreed).",
        zh: "可选。客户内部意见：较大分歧、趋于一致或已达成一致。",
      },
    },
    LANG,
  ],
  evaluate: (rb, [months, urgency, solution, consensus, lang]) => {
    const language = parseLang(lang);
    const d = leadTemperature(rb, months, { urgency, solution, consensus });
    return decided(language === "en" ? d.value.en : d.value.zh, ...d.reasons);
  },
});

export const ISOPPORTUNITY = defineFunction({
  name: "ISOPPORTUNITY",
  help: {
    en: "Is the lead an opportunity (rulebook §2)? TRUE only when all three criteria hold.",
    zh: "线索是否为机会点（规则手册第2节）：三项条件同时满足时才为 TRUE。",
  },
  result: {
    en: "TRUE when all three hold, otherwise FALSE.",
    zh: "三项均满足时为 TRUE，否则为 FALSE。",
  },
  params: [
    {
      name: "inBuyingProcess",
      zhName: "已进入执行购买流程",
      kind: "bool",
      help: {
        en: "The customer has entered its buying process: TRUE/FALSE, 1/0, 是/否 or yes/no.",
        zh: "客户已进入执行购买流程：TRUE/FALSE、1/0、是/否 或 yes/no。",
      },
    },
    {
      name: "hasBudget",
      zhName: "有明确投资计划与预算",
      kind: "bool",
      help: {
        en: "The customer has a clear investment plan and budget: TRUE/FALSE, 1/0, 是/否 or yes/no.",
        zh: "客户有明确的投资计划与预算：TRUE/FALSE、1/0、是/否 或 yes/no。",
      },
    },
    {
      name: "canParticipate",
      zhName: "我公司可参与",
      kind: "bool",
      help: {
        en: "Our company can take part: TRUE/FALSE, 1/0, 是/否 or yes/no.",
        zh: "我公司可参与：TRUE/FALSE、1/0、是/否 或 yes/no。",
      },
    },
  ],
  evaluate: (rb, [inBuyingProcess, hasBudget, canParticipate]) =>
    isOpportunity(rb, inBuyingProcess, hasBudget, canParticipate),
});

export const OPPSCORE = defineFunction({
  name: "OPPSCORE",
  help: {
    en: "Opportunity score 4–16 from the four criteria of rulebook section 4.",
    zh: "机会点评估得分（规则手册第4节）：四项评估标准各得4至1分，合计4至16分。",
  },
  result: {
    en: "The score, 4 (worst) to 16 (best).",
    zh: "得分，4（最差）至16（最好）。",
  },
  params: [
    BRAND,
    MATURITY,
    COMPETITOR_SHARE,
    PRICE,
  ],
  evaluate: (rb, [brand, maturity, competitorShare, price]) => {
    const d = opportunityScore(rb, { brand, maturity, competitorShare, price });
    return { value: d.value.total, reasons: d.reasons };
  },
});

export const WINPROB = defineFunction({
  name: "WINPROB",
  help: {
    en: "Success probability of an opportunity (rulebook section 4): weighted score ÷ weighted maximum; with the default weights, score/16.",
    zh: "机会点成功概率估算（规则手册第4节）：加权得分 ÷ 加权满分；默认权重均为1，即得分/16。",
  },
  result: {
    en: "The probability as a fraction 0–1 (format the cell as a percentage).",
    zh: "成功概率，0至1的小数（请将单元格设为百分比格式）。",
  },
  params: [
    BRAND,
    MATURITY,
    COMPETITOR_SHARE,
    PRICE,
  ],
  evaluate: (rb, [brand, maturity, competitorShare, price]) => {
    const d = opportunityScore(rb, { brand, maturity, competitorShare, price });
    return { value: d.value.probability, reasons: [...d.reasons, probabilityRef(rb, d.value)] };
  },
});

export const PAYSCORE = defineFunction({
  name: "PAYSCORE",
  help: {
    en: "Customer payment-capability score 4–16 (rulebook section 5).",
    zh: "客户付款能力得分（规则手册第5节）：四项标准各得4至1分，合计4至16分。",
  },
  result: {
    en: "The score, 4 (worst) to 16 (best).",
    zh: "得分，4（最差）至16（最好）。",
  },
  params: [
    {
      name: "ownership",
      zhName: "客户企业性质",
      kind: "label",
      help: {
        en: "Ownership: 两网、大型央企 (State Grid / Southern Grid, large central SOE), 地方国企、上市公司 (local SOE, listed), 大型民营企业 (large private), 民营企业 (private), or 4–1.",
        zh: "客户企业性质：两网、大型央企；地方国企、上市公司；大型民营企业；民营企业；或分值4至1。",
      },
    },
    {
      name: "finances",
      zhName: "客户财务状况",
      kind: "label",
      help: {
        en: "Finances: 很好 (very good), 好 (good), 一般 (average), 差 (poor), or 4–1.",
        zh: "客户财务状况：很好、好、一般、差，或分值4至1。",
      },
    },
    {
      name: "history",
      zhName: "客户付款历史",
      kind: "label",
      help: {
        en: "Payment history: 无坏账无延期 (clean), 无坏账有延期 (late, no bad debt), 无合同 (no history), 有坏账 (bad debt), or 4–1.",
        zh: "客户付款历史：无坏账无延期、无坏账有延期、无合同、有坏账，或分值4至1。",
      },
    },
    {
      name: "industry",
      zhName: "行业盈利能力",
      kind: "label",
      help: {
        en: "Industry stage: 高速发展期 (fast growth), 发展期 (growth), 稳定期 (stable), 衰退期 (decline), or 4–1.",
        zh: "行业盈利能力：高速发展期、发展期、稳定期、衰退期，或分值4至1。",
      },
    },
  ],
  evaluate: (rb, [ownership, finances, history, industry]) => {
    const d = paymentScore(rb, { ownership, finances, history, industry });
    return { value: d.value.total, reasons: d.reasons };
  },
});

export const OPPORTUNITY_FUNCTIONS: FunctionSpec[] = [LEADTEMP, ISOPPORTUNITY, OPPSCORE, WINPROB, PAYSCORE];

/**
 * Lead temperature (rulebook §3): by default hot under 3 months to procurement, warm from 3 to under 6, cold from 6; a lead is only as hot as its coldest given factor.
 * @customfunction LEADTEMP
 * @param monthsToProcurement Months until the customer enters procurement, 0 or more (0 = already in procurement).
 * @param [urgency] Urgency of the need: 较低 (low), 一定 (some) or 急迫 (urgent).
 * @param [solution] Solution: 没有成熟的设计方案 (no mature design), 趋于完善 (maturing) or 成熟且高度匹配 (mature, high fit).
 * @param [consensus] Customer's internal consensus: 较大分歧 (split), 趋于一致 (converging) or 已达成一致 (agreed).
 * @param lang Optional. Output language: "zh" (default) or "en".
 * @returns 热线索, 温线索 or 冷线索 (Hot, Warm or Cold).
 */
export function leadTemp(
  monthsToProcurement: any,
  urgency?: any,
  solution?: any,
  consensus?: any,
  lang?: any,
): string {
  return invoke(LEADTEMP, [monthsToProcurement, urgency, solution, consensus, lang]) as string;
}

/**
 * Is the lead an opportunity (rulebook §2)? TRUE only when all three criteria hold.
 * @customfunction ISOPPORTUNITY
 * @param inBuyingProcess The customer has entered its buying process: TRUE/FALSE, 1/0, 是/否 or yes/no.
 * @param hasBudget The customer has a clear investment plan and budget: TRUE/FALSE, 1/0, 是/否 or yes/no.
 * @param canParticipate Our company can take part: TRUE/FALSE, 1/0, 是/否 or yes/no.
 * @returns TRUE when all three hold, otherwise FALSE.
 */
export function isOpportunityFn(inBuyingProcess: any, hasBudget: any, canParticipate: any): boolean {
  return invoke(ISOPPORTUNITY, [inBuyingProcess, hasBudget, canParticipate]) as boolean;
}

/**
 * Opportunity score 4–16 from the four criteria of rulebook section 4.
 * @customfunction OPPSCORE
 * @param brand Brand recognition: 按公司方案上图 (designed on our solution), 认可 (recognised), 无倾向性 (neutral), 不认可 (not recognised), or 4–1.
 * @param maturity Customer maturity: 长期合作客户 (long-term), 有过合同且有过合作关系, 有过合同或有合作关系, 首次接触 (first contact), or 4–1.
 * @param competitorShare Main competitors' share: a percent cell (35%), a fraction 0–1, or "35%" as text; at most 100%.
 * @param price Price competitiveness: 很强 (very strong), 强 (strong), 一般 (average), 差 (weak), or 4–1.
 * @returns The score, 4 (worst) to 16 (best).
 */
export function oppScore(brand: any, maturity: any, competitorShare: any, price: any): number {
  return invoke(OPPSCORE, [brand, maturity, competitorShare, price]) as number;
}

/**
 * Success probability of an opportunity (rulebook section 4): weighted score ÷ weighted maximum; with the default weights, score/16.
 * @customfunction WINPROB
 * @param brand Brand recognition: 按公司方案上图 (designed on our solution), 认可 (recognised), 无倾向性 (neutral), 不认可 (not recognised), or 4–1.
 * @param maturity Customer maturity: 长期合作客户 (long-term), 有过合同且有过合作关系, 有过合同或有合作关系, 首次接触 (first contact), or 4–1.
 * @param competitorShare Main competitors' share: a percent cell (35%), a fraction 0–1, or "35%" as text; at most 100%.
 * @param price Price competitiveness: 很强 (very strong), 强 (strong), 一般 (average), 差 (weak), or 4–1.
 * @returns The probability as a fraction 0–1 (format the cell as a percentage).
 */
export function winProb(brand: any, maturity: any, competitorShare: any, price: any): number {
  return invoke(WINPROB, [brand, maturity, competitorShare, price]) as number;
}

/**
 * Customer payment-capability score 4–16 (rulebook section 5).
 * @customfunction PAYSCORE
 * @param ownership Ownership: 两网、大型央企 (State Grid / Southern Grid, large central SOE), 地方国企、上市公司 (local SOE, listed), 大型民营企业 (large private), 民营企业 (private), or 4–1.
 * @param finances Finances: 很好 (very good), 好 (good), 一般 (average), 差 (poor), or 4–1.
 * @param history Payment history: 无坏账无延期 (clean), 无坏账有延期 (late, no bad debt), 无合同 (no history), 有坏账 (bad debt), or 4–1.
 * @param industry Industry stage: 高速发展期 (fast growth), 发展期 (growth), 稳定期 (stable), 衰退期 (decline), or 4–1.
 * @returns The score, 4 (worst) to 16 (best).
 */
export function payScore(ownership: any, finances: any, history: any, industry: any): number {
  return invoke(PAYSCORE, [ownership, finances, history, industry]) as number;
}

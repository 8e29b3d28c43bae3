import type { LabelRow } from "../labels";
import type { Mark, SettingRow } from "../settings";

/**
 * Rulebook §3, lead temperature (线索分类): how soon the customer enters
 * procurement decides hot / warm / cold, and the qualitative factors
 * (urgency, solution, consensus) can only make a lead colder: a lead is as
 * hot as its coldest given factor.
 */

/** One temperature (热线索 / 温线索 / 冷线索) with what the deck says to do about it. */
export interface LeadTempRow extends LabelRow {
  /** 3 = hottest … 1 = coldest; the coldest given factor wins */
  warmth: number;
  /** time to procurement (进入采购程序) as the deck words it */
  procurementZh: string;
  procurementEn: string;
  /** the deck's customer-benefit note (only the hot column has one) */
  benefitZh: string;
  benefitEn: string;
  /** 动作: what the account team does with such a lead */
  actionZh: string;
  actionEn: string;
}

/** One value of a qualitative factor (urgency, solution, consensus) and the temperature it points to. */
export interface LeadFactorRow extends LabelRow {
  /** code of a `temperatures` row */
  temperature: string;
}

/** A qualitative factor (column name of the deck's table), for messages and explanations. */
export interface LeadFactorNameRow extends LabelRow {
  /** the table holding its values: "urgency" | "solution" | "consensus" */
  table: string;
}

export interface LeadRules {
  /** warmFromMonths (3) and coldFromMonths (6): months < 3 hot, 3 ≤ m < 6 warm, ≥ 6 cold */
  settings: SettingRow[];
  temperatures: LeadTempRow[];
  factors: LeadFactorNameRow[];
  urgency: LeadFactorRow[];
  solution: LeadFactorRow[];
  consensus: LeadFactorRow[];
}

const READING: Mark = "reading";

export const DEFAULT_LEAD: LeadRules = {
  settings: [
    {
      key: "warmFromMonths",
      value: 3,
      zh: "距进入采购程序不少于此月数为温线索（少于此为热线索）",
      en: "Months to procurement from which a lead is warm (below: hot)",
      mark: READING,
    },
    {
      key: "coldFromMonths",
      value: 6,
      zh: "距进入采购程序不少于此月数为冷线索",
      en: "Months to procurement from which a lead is cold",
      mark: READING,
    },
  ],
  temperatures: [
    {
      code: "lead.hot",
      zh: "热线索",
      en: "Hot",
      aliases: ["热", "hot lead"],
      warmth: 3,
      procurementZh: "即将或已经进入执行采购程序",
      procurementEn: "about to enter or already in procurement",
      benefitZh: "客户短期收益很高且明确",
      benefitEn: "high, clear short-term benefit to the customer",
      actionZh: "立即转化为机会点",
      actionEn: "Convert to an opportunity now",
    },
    {
      code: "lead.warm",
      zh: "温线索",
      en: "Warm",
      aliases: ["温", "warm lead"],
      warmth: 2,
      procurementZh: "3-6个月内会进入执行采购程序",
      procurementEn: "enters procurement within 3–6 months",
      benefitZh: "",
      benefitEn: "",
      actionZh: "强化培育和引导、加大跟踪力度",
      actionEn: "Nurture and guide harder; follow up more closely",
    },
    {
      code: "lead.cold",
      zh: "冷线索",
      en: "Cold",
      aliases: ["冷", "cold lead"],
      warmth: 1,
      procurementZh: "6个月或更长时间内不会进入执行采购程序",
      procurementEn: "no procurement for 6 months or longer",
      benefitZh: "",
      benefitEn: "",
      actionZh: "关注、定期交流，松土、培育",
      actionEn: "Watch, keep in regular contact, prepare the ground and nurture",
    },
  ],
  factors: [
    { code: "urgency", table: "urgency", zh: "需求迫切性", en: "Urgency", aliases: ["客户需求迫切性", "need urgency"] },
    { code: "solution", table: "solution", zh: "方案", en: "Solution", aliases: ["解决方案", "solution maturity"] },
    {
      code: "consensus",
      table: "consensus",
      zh: "客户内部意见",
      en: "Customer consensus",
      aliases: ["内部意见", "consensus"],
    },
  ],
  urgency: [
    {
      code: "urgency.low",
      zh: "较低",
      en: "Low",
      aliases: ["低", "不急", "需求迫切性较低", "客户需求迫切性较低", "low urgency", "not urgent"],
      temperature: "lead.cold",
    },
    {
      code: "urgency.some",
      zh: "一定",
      en: "Some",
      aliases: ["中", "有一定的需求迫切性", "客户有一定的需求迫切性", "some urgency", "moderate", "medium"],
      temperature: "lead.warm",
    },
    {
      code: "urgency.urgent",
      zh: "急迫",
      en: "Urgent",
      aliases: ["高", "紧急", "迫切", "需求急迫", "客户需求急迫", "high", "very urgent"],
      temperature: "lead.hot",
    },
  ],
  solution: [
    {
      code: "solution.none",
      zh: "没有成熟的设计方案",
      en: "No mature design",
      aliases: ["没有", "无", "无成熟方案", "没有成熟方案", "没有成熟的方案", "none", "no design", "immature"],
      temperature: "lead.cold",
    },
    {
      code: "solution.maturing",
      zh: "趋于完善",
      en: "Maturing",
      aliases: ["解决方案趋于完善", "方案趋于完善", "developing", "in progress"],
      temperature: "lead.warm",
    },
    {
      code: "solution.mature",
      zh: "成熟且高度匹配",
      en: "Mature, high fit",
      aliases: [
        "成熟",
        "高度匹配",
        "有成熟的方案及产品且高度匹配客户需求",
        "mature",
        "mature and high fit",
        "mature high fit",
        "high fit",
      ],
      temperature: "lead.hot",
    },
  ],
  consensus: [
    {
      code: "consensus.split",
      zh: "较大分歧",
      en: "Split",
      aliases: ["分歧", "有较大分歧", "客户内部意见有较大分歧", "divided", "disagree", "disagreement"],
      temperature: "lead.cold",
    },
    {
      code: "consensus.converging",
      zh: "趋于一致",
      en: "Converging",
      aliases: ["内部意见趋于一致", "意见趋于一致", "converge"],
      temperature: "lead.warm",
    },
    {
      code: "consensus.agreed",
      zh: "已达成一致",
      en: "Agreed",
      aliases: ["一致", "达成一致", "已达成一致意见", "客户内部已达成一致意见", "agree", "agreement", "consensus reached"],
      temperature: "lead.hot",
    },
  ],
};

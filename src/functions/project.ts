/* eslint-disable @typescript-eslint/no-explicit-any */
/*
 * Project functions of the LTC namespace: owner department (rulebook §6), team
 * ranks (§7), bonus categories (§8) and the bid decision (§9).
 */
import { bidDecision } from "../rules/bid";
import { bonusCategories } from "../rules/charter";
import { ownerDepartment } from "../rules/owner";
import { teamRank } from "../rules/team";
import { decided, pick } from "../rules/types";
import { parseAmountFen, parseBool, parseLang } from "../rules/values";
import { LANG } from "./params";
import { invoke } from "./runtime";
import { defineFunction, FunctionSpec } from "./spec";

export const OWNERDEPT = defineFunction({
  name: "OWNERDEPT",
  help: {
    en: "The department that owns a project, per rulebook section 6 (确定项目主责部门).",
    zh: "按规则手册第6节确定项目主责部门。",
  },
  result: {
    en: "The owner department, e.g. 代表处, 发电销售团队 or 湖南代表处.",
    zh: "主责部门，如 代表处、发电销售团队 或 湖南代表处。",
  },
  params: [
    {
      name: "projectType",
      zhName: "项目类型",
      kind: "label",
      help: {
        en: "Project type: 国网集采/专项招标项目, 南网集采/专项招标项目, 交直流特高压项目(含柔直), 省电力公司集采项目, 地电集采项目, 发电MTO项目, 集招合作类项目, 客户经理自营项目, 配套类项目, 大修服务类项目 (short forms such as 国网集采, MTO, 配套, 大修 accepted).",
        zh: "项目类型：国网集采/专项招标项目、南网集采/专项招标项目、交直流特高压项目(含柔直)、省电力公司集采项目、地电集采项目、发电MTO项目、集招合作类项目、客户经理自营项目、配套类项目、大修服务类项目（可用简称，如 国网集采、MTO、配套、大修）。",
      },
    },
    {
      name: "amountCNY",
      zhName: "合同金额（元）",
      kind: "amount",
      optional: true,
      help: {
        en: "Contract amount in yuan; required for 发电MTO项目 (below 5,000,000 the office owns it, at or above the generation sales team).",
        zh: "合同金额（元）；发电MTO项目必填（低于500万元归代表处，达到500万元归发电销售团队）。",
      },
    },
    {
      name: "condition",
      zhName: "条件",
      kind: "label",
      optional: true,
      help: {
        en: "For 集招合作类项目: 已明确签订地 or 未明确签订地. For 配套类项目: 指定合作-中标后, 指定合作-中标前 or 自营. Blank for other types.",
        zh: "集招合作类项目：已明确签订地 或 未明确签订地；配套类项目：指定合作-中标后、指定合作-中标前 或 自营；其他类型留空。",
      },
    },
    {
      name: "location",
      zhName: "所在地",
      kind: "label",
      optional: true,
      help: {
        en: "Optional province or office (湖南, 湖南省, Hunan, 湖南代表处): turns an office answer into that office.",
        zh: "可选：省份或代表处（湖南、湖南省、Hunan、湖南代表处），把“代表处”类答案落到具体代表处。",
      },
    },
    LANG,
  ],
  evaluate: (rb, [projectType, amountCNY, condition, location, lang]) => {
    const l = parseLang(lang);
    const amountFen = parseAmountFen(amountCNY, "amountCNY", true);
    const d = ownerDepartment(rb, { projectType, amountFen, condition, location });
    return decided(pick(d.value.text, l), ...d.reasons);
  },
});

export const TEAMROLE = defineFunction({
  name: "TEAMROLE",
  help: {
    en: "The rank a team role requires in a project class, per rulebook section 7.",
    zh: "按规则手册第7节给出某项目类别下某角色应由哪一级人员担任。",
  },
  result: {
    en: "The required rank, e.g. 销线三级干部.",
    zh: "所需级别，如 销线三级干部。",
  },
  params: [
    {
      name: "projectClass",
      zhName: "项目类别",
      kind: "label",
      help: {
        en: "Project class: 常规-一般项目, 常规-重要项目, 常规-重大项目, 常规-特别重大项目 (or 一般项目, 重要项目, 重大项目, 特别重大项目), 省市局集采项目, 国南网集采项目, 受控销售项目, 战略类项目.",
        zh: "项目类别：常规-一般项目、常规-重要项目、常规-重大项目、常规-特别重大项目（或 一般项目、重要项目、重大项目、特别重大项目）、省市局集采项目、国南网集采项目、受控销售项目、战略类项目。",
      },
    },
    {
      name: "role",
      zhName: "项目角色",
      kind: "label",
      help: {
        en: "Team role: 发起人 (sponsor), 项目经理 (PM), 客户代表, 解决方案代表, 交付代表.",
        zh: "项目角色：发起人、项目经理、客户代表、解决方案代表、交付代表。",
      },
    },
    LANG,
  ],
  evaluate: (rb, [projectClass, role, lang]) => {
    const l = parseLang(lang);
    const d = teamRank(rb, projectClass, role);
    return decided(pick(d.value, l), ...d.reasons);
  },
});

export const BONUSTYPES = defineFunction({
  name: "BONUSTYPES",
  help: {
    en: "The bonus categories of a project type, per rulebook section 8.",
    zh: "按规则手册第8节给出项目类型可设立的奖金类别。",
  },
  result: {
    en: 'The categories joined by 、 (zh) or ", " (en), e.g. 执行奖、开票边际贡献奖.',
    zh: "奖金类别，中文以“、”分隔，英文以“, ”分隔，如 执行奖、开票边际贡献奖。",
  },
  params: [
    {
      name: "projectType",
      zhName: "项目类型",
      kind: "label",
      help: {
        en: "Project type, as for OWNERDEPT, plus 国南网直属单位项目 and 战略类项目.",
        zh: "项目类型，同 OWNERDEPT，另含 国南网直属单位项目 和 战略类项目。",
      },
    },
    LANG,
  ],
  evaluate: (rb, [projectType, lang]) => {
    const l = parseLang(lang);
    const d = bonusCategories(rb, projectType);
    return decided(pick(d.value.text, l), ...d.reasons);
  },
});

export const BIDGO = defineFunction({
  name: "BIDGO",
  help: {
    en: "The bid decision, per rulebook section 9 (投标否决条件).",
    zh: "按规则手册第9节投标否决条件作出投标决策。",
  },
  result: {
    en: "投标, or 不投标： with every reason that holds (Bid / No bid: …).",
    zh: "投标；或 不投标： 加上所有成立的否决理由。",
  },
  params: [
    {
      name: "customerRejects",
      zhName: "客户明确拒绝",
      kind: "bool",
      help: {
        en: "The customer has clearly rejected our product or solution: TRUE/FALSE, 1/0, 是/否, yes/no.",
        zh: "客户明确拒绝我方产品(方案)：TRUE/FALSE、1/0、是/否 或 yes/no。",
      },
    },
    {
      name: "noNeed",
      zhName: "明确无产品需求",
      kind: "bool",
      help: {
        en: "There is clearly no need for the product: TRUE/FALSE, 1/0, 是/否, yes/no.",
        zh: "明确无产品需求：TRUE/FALSE、1/0、是/否 或 yes/no。",
      },
    },
    {
      name: "offStrategy",
      zhName: "不符合销售策略",
      kind: "bool",
      help: {
        en: "It does not fit the company's product sales strategy: TRUE/FALSE, 1/0, 是/否, yes/no.",
        zh: "不符合公司产品销售策略：TRUE/FALSE、1/0、是/否 或 yes/no。",
      },
    },
    LANG,
  ],
  evaluate: (rb, [customerRejects, noNeed, offStrategy, lang]) => {
    const l = parseLang(lang);
    const facts = {
      customerRejects: parseBool(customerRejects, "customerRejects"),
      noNeed: parseBool(noNeed, "noNeed"),
      offStrategy: parseBool(offStrategy, "offStrategy"),
    };
    const d = bidDecision(rb, facts);
    return decided(pick(d.value.text, l), ...d.reasons);
  },
});

export const PROJECT_FUNCTIONS: FunctionSpec[] = [OWNERDEPT, TEAMROLE, BONUSTYPES, BIDGO];

/**
 * The department that owns a project, per rulebook section 6 (确定项目主责部门).
 * @customfunction OWNERDEPT
 * @param projectType Project type: 国网集采/专项招标项目, 南网集采/专项招标项目, 交直流特高压项目(含柔直), 省电力公司集采项目, 地电集采项目, 发电MTO项目, 集招合作类项目, 客户经理自营项目, 配套类项目, 大修服务类项目 (short forms such as 国网集采, MTO, 配套, 大修 accepted).
 * @param amountCNY Contract amount in yuan; required for 发电MTO项目 (below 5,000,000 the office owns it, at or above the generation sales team).
 * @param condition For 集招合作类项目: 已明确签订地 or 未明确签订地. For 配套类项目: 指定合作-中标后, 指定合作-中标前 or 自营. Blank for other types.
 * @param location Optional province or office (湖南, 湖南省, Hunan, 湖南代表处): turns an office answer into that office.
 * @param lang Optional. Output language: "zh" (default) or "en".
 * @returns The owner department, e.g. 代表处, 发电销售团队 or 湖南代表处.
 */
export function ownerDept(projectType: any, amountCNY?: any, condition?: any, location?: any, lang?: any): string {
  return invoke(OWNERDEPT, [projectType, amountCNY, condition, location, lang]) as string;
}

/**
 * The rank a team role requires in a project class, per rulebook section 7.
 * @customfunction TEAMROLE
 * @param projectClass Project class: 常规-一般项目, 常规-重要项目, 常规-重大项目, 常规-特别重大项目 (or 一般项目, 重要项目, 重大项目, 特别重大项目), 省市局集采项目, 国南网集采项目, 受控销售项目, 战略类项目.
 * @param role Team role: 发起人 (sponsor), 项目经理 (PM), 客户代表, 解决方案代表, 交付代表.
 * @param lang Optional. Output language: "zh" (default) or "en".
 * @returns The required rank, e.g. 销线三级干部.
 */
export function teamRole(projectClass: any, role: any, lang?: any): string {
  return invoke(TEAMROLE, [projectClass, role, lang]) as string;
}

/**
 * The bonus categories of a project type, per rulebook section 8.
 * @customfunction BONUSTYPES
 * @param projectType Project type, as for OWNERDEPT, plus 国南网直属单位项目 and 战略类项目.
 * @param lang Optional. Output language: "zh" (default) or "en".
 * @returns The categories joined by 、 (zh) or ", " (en), e.g. 执行奖、开票边际贡献奖.
 */
export function bonusTypes(projectType: any, lang?: any): string {
  return invoke(BONUSTYPES, [projectType, lang]) as string;
}

/**
 * The bid decision, per rulebook section 9 (投标否决条件).
 * @customfunction BIDGO
 * @param customerRejects The customer has clearly rejected our product or solution: TRUE/FALSE, 1/0, 是/否, yes/no.
 * @param noNeed There is clearly no need for the product: TRUE/FALSE, 1/0, 是/否, yes/no.
 * @param offStrategy It does not fit the company's product sales strategy: TRUE/FALSE, 1/0, 是/否, yes/no.
 * @param lang Optional. Output language: "zh" (default) or "en".
 * @returns 投标, or 不投标： with every reason that holds (Bid / No bid: …).
 */
export function bidGo(customerRejects: any, noNeed: any, offStrategy: any, lang?: any): string {
  return invoke(BIDGO, [customerRejects, noNeed, offStrategy, lang]) as string;
}

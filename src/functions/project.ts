/* eslint-disable @typescript-eslint/no-explicit-any */
/*
 * Project functions of the LTC namespace: owner department (rulebook §6), team
 * ranks (§7), bonus categories (§8) and the bid decision (§9).
 */
import { bidDecision } from "../rules/bid";
import { bonusCategories } from "../rules/charter";
import { ownerDepartment, parseAmountFen } from "../rules/owner";
import { teamRank } from "../rules/team";
import { decided, pick } from "../rules/types";
import { parseBool, parseLang } from "../rules/values";
import { invoke } from "./runtime";
import { defineFunction, FunctionSpec } from "./spec";

export const OWNERDEPT = defineFunction({
  name: "OWNERDEPT",
  params: [
    { name: "projectType" },
    { name: "amountCNY", optional: true },
    { name: "condition", optional: true },
    { name: "location", optional: true },
    { name: "lang", optional: true },
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
  params: [{ name: "projectClass" }, { name: "role" }, { name: "lang", optional: true }],
  evaluate: (rb, [projectClass, role, lang]) => {
    const l = parseLang(lang);
    const d = teamRank(rb, projectClass, role);
    return decided(pick(d.value, l), ...d.reasons);
  },
});

export const BONUSTYPES = defineFunction({
  name: "BONUSTYPES",
  params: [{ name: "projectType" }, { name: "lang", optional: true }],
  evaluate: (rb, [projectType, lang]) => {
    const l = parseLang(lang);
    const d = bonusCategories(rb, projectType);
    return decided(pick(d.value.text, l), ...d.reasons);
  },
});

export const BIDGO = defineFunction({
  name: "BIDGO",
  params: [{ name: "customerRejects" }, { name: "noNeed" }, { name: "offStrategy" }, { name: "lang", optional: true }],
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
 * @param lang Output language: "zh" (default) or "en".
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
 * @param lang Output language: "zh" (default) or "en".
 * @returns The required rank, e.g. 销线三级干部.
 */
export function teamRole(projectClass: any, role: any, lang?: any): string {
  return invoke(TEAMROLE, [projectClass, role, lang]) as string;
}

/**
 * The bonus categories of a project type, per rulebook section 8.
 * @customfunction BONUSTYPES
 * @param projectType Project type, as for OWNERDEPT, plus 国南网直属单位项目 and 战略类项目.
 * @param lang Output language: "zh" (default) or "en".
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
 * @param lang Output language: "zh" (default) or "en".
 * @returns 投标, or 不投标： with every reason that holds (Bid / No bid: …).
 */
export function bidGo(customerRejects: any, noNeed: any, offStrategy: any, lang?: any): string {
  return invoke(BIDGO, [customerRejects, noNeed, offStrategy, lang]) as string;
}

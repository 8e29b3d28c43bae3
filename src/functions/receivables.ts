/* eslint-disable @typescript-eslint/no-explicit-any */
/*
 * LTC functions of rulebook §13: the aging bucket of a receivable and the
 * date its limitation period ends. Each is a FunctionSpec over
 * src/rules/receivables plus a thin JSDoc-tagged wrapper from which
 * custom-functions-metadata builds functions.json.
 */
import { agingBucketFor, limitationDateOf } from "../rules/receivables";
import { decided } from "../rules/types";
import { parseDate, parseLang } from "../rules/values";
import { DUE_DATE, LANG } from "./params";
import { invoke } from "./runtime";
import { defineFunction, FunctionSpec } from "./spec";

export const AGINGBUCKET = defineFunction({
  name: "AGINGBUCKET",
  help: {
    en: "Aging bucket of a receivable (rulebook §13) by days past due = asOf − dueDate; not yet due when 0 or less. The bucket edges are rulebook data (default 0/30/90/180/365/730/1095 days).",
    zh: "应收账款账龄段（规则手册第13节）：按逾期天数 = 截止日期 − 到期日 归段；0天及以下为未到期。账龄段划分为规则数据（默认0/30/90/180/365/730/1095天）。",
  },
  result: {
    en: "未到期, 1-30天, 31-90天, 91-180天, 181-365天, 1-2年, 2-3年 or 3年以上 (Not due, 1-30 days, …, Over 3 years).",
    zh: '未到期、1-30天、31-90天、91-180天、181-365天、1-2年、2-3年或3年以上（lang 为 "en" 时为 Not due、1-30 days、…、Over 3 years）。',
  },
  params: [
    DUE_DATE,
    {
      name: "asOf",
      zhName: "截止日期",
      kind: "date",
      help: {
        en: "The as-of date of the aging (write the date; do not use TODAY(), so the sheet does not change by itself).",
        zh: "账龄截止日期（请填写具体日期，不要用 TODAY()，以免表格自行变化）。",
      },
    },
    LANG,
  ],
  evaluate: (rb, [dueDate, asOf, lang]) => {
    const due = parseDate(dueDate, "dueDate");
    const at = parseDate(asOf, "asOf");
    const language = parseLang(lang);
    const d = agingBucketFor(rb, at - due);
    return decided(language === "en" ? d.value.en : d.value.zh, ...d.reasons);
  },
});

export const LIMITDATE = defineFunction({
  name: "LIMITDATE",
  returnsDate: true,
  help: {
    en: "The date the claim's limitation period ends (rulebook §13): 3 years (legal) or 2 years (the company's deadline) from the due date; a payment or demand (催款函, 对账函 …) restarts it only while it is still running, and it never ends more than 20 years after the due date (PRC Civil Code arts. 188, 195). A commissioning certificate (投运证明) fixes the due date; it is not a demand. Feb 29 becomes Feb 28.",
    zh: "应收债权诉讼时效届满日（规则手册第13节）：自到期日起3年（法定）或2年（公司催收期限）；时效期间内的回款或催款（催款函、对账函等）使其重新起算，届满后的不再中断；自到期日起最长不超过20年（《民法典》第188条、第195条）。投运证明确定到期日，不是催款证据。起算日为2月29日而届满之年没有该日的，取2月28日。",
  },
  result: {
    en: "The end date as a date serial number (format the cell as a date).",
    zh: "时效届满日的日期序列号（请将单元格设为日期格式）。",
  },
  params: [
    DUE_DATE,
    {
      name: "lastPaymentDate",
      zhName: "最近回款日",
      kind: "date",
      optional: true,
      help: {
        en: "The customer's last payment date, if any.",
        zh: "可选。客户最近一次回款日期。",
      },
    },
    {
      name: "lastDemandDate",
      zhName: "最近催款或对账日",
      kind: "date",
      optional: true,
      help: {
        en: "The date of the last demand evidence (dunning letter, reconciliation letter …), if any.",
        zh: "可选。最近一次催款证据（催款函、对账函等）的日期。",
      },
    },
    {
      name: "basis",
      zhName: "时效基准",
      kind: "label",
      optional: true,
      help: {
        en: '"legal" (法定, the default: 3 years) or "company" (公司: 2 years); the years are rulebook data.',
        zh: '可选。"legal"（法定，默认：3年）或 "company"（公司：2年）；年数为规则数据。',
      },
    },
  ],
  evaluate: (rb, [dueDate, lastPaymentDate, lastDemandDate, basis]) =>
    limitationDateOf(rb, dueDate, lastPaymentDate, lastDemandDate, basis),
});

export const RECEIVABLES_FUNCTIONS: FunctionSpec[] = [AGINGBUCKET, LIMITDATE];

/**
 * Aging bucket of a receivable (rulebook §13) by days past due = asOf − dueDate; not yet due when 0 or less. The bucket edges are rulebook data (default 0/30/90/180/365/730/1095 days).
 * @customfunction AGINGBUCKET
 * @param dueDate The receivable's due date: a date cell, a serial number, or text such as 2026-03-05, 2026/3/5 or 2026年3月5日.
 * @param asOf The as-of date of the aging (write the date; do not use TODAY(), so the sheet does not change by itself).
 * @param lang Optional. Output language: "zh" (default) or "en".
 * @returns 未到期, 1-30天, 31-90天, 91-180天, 181-365天, 1-2年, 2-3年 or 3年以上 (Not due, 1-30 days, …, Over 3 years).
 */
export function agingBucket(dueDate: any, asOf: any, lang?: any): string {
  return invoke(AGINGBUCKET, [dueDate, asOf, lang]) as string;
}

/**
 * The date the claim's limitation period ends (rulebook §13): 3 years (legal) or 2 years (the company's deadline) from the due date; a payment or demand (催款函, 对账函 …) restarts it only while it is still running, and it never ends more than 20 years after the due date (PRC Civil Code arts. 188, 195). A commissioning certificate (投运证明) fixes the due date; it is not a demand. Feb 29 becomes Feb 28.
 * @customfunction LIMITDATE
 * @param dueDate The receivable's due date: a date cell, a serial number, or text such as 2026-03-05, 2026/3/5 or 2026年3月5日.
 * @param [lastPaymentDate] The customer's last payment date, if any.
 * @param [lastDemandDate] The date of the last demand evidence (dunning letter, reconciliation letter …), if any.
 * @param [basis] "legal" (法定, the default: 3 years) or "company" (公司: 2 years); the years are rulebook data.
 * @returns The end date as a date serial number (format the cell as a date).
 */
export function limitDate(dueDate: any, lastPaymentDate?: any, lastDemandDate?: any, basis?: any): number {
  return invoke(LIMITDATE, [dueDate, lastPaymentDate, lastDemandDate, basis]) as number;
}

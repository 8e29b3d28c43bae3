import type { LabelRow } from "../labels";
import type { Mark, SettingRow } from "../settings";

/**
 * Rulebook sections 13 (invoicing and receivables, 开票、回款) and 14
 * (escalation approval chains) as data: the aging buckets, the limitation
 * periods (the company's and the law's) and the 20-year bound, the demand
 * evidence that restarts them while they run, the escalation ladder, the
 * routings that replace it (unable to pay, quality dispute, cross-region), the
 * lawyer-letter and litigation approval chains (roles, never people),
 * provision rates, the old VAT special-invoice certification rule with the
 * dates it applies to, payment-terms days, and the customer letters: the
 * dunning levels (提醒函 / 催款函 / 最后催告函) and the letter settings (letter
 * number patterns, the company-name fallback, the routing whose items a
 * dunning letter holds back).
 */

// ------------------------------------------------------------------ row types

/**
 * An aging bucket by days past due (or days since invoice, on the invoice
 * basis). A bucket holds the days after the previous row's `maxDays` up to and
 * including its own; `maxDays` null is the open-ended last bucket. The first
 * row (maxDays 0) holds everything not yet due.
 */
export interface AgingBucketRow extends LabelRow {
  maxDays: number | null;
  mark: Mark;
}

/** A limitation basis: which settings row gives its number of years. */
export interface LimitationBasisRow extends LabelRow {
  yearsSetting: string;
  mark: Mark;
}

/** Demand evidence that interrupts (restarts) the limitation period (§13). */
export interface DemandEvidenceRow extends LabelRow {
  mark: Mark;
}

/** An invoice type; `vatSpecial` marks the VAT special invoice (增值税专用发票). */
export interface InvoiceTypeRow extends LabelRow {
  vatSpecial: boolean;
  mark: Mark;
}

/**
 * A VAT certification deadline for an invoice type: invoices issued on or
 * after `issuedFrom` and before `issuedBefore` (Excel serials; null = open)
 * must be certified within `withinDays` days of issue. zh/en say where the
 * rule comes from and where it stopped.
 */
export interface VatCertificationRow {
  code: string;
  invoiceType: string;
  withinDays: number;
  issuedFrom: number | null;
  issuedBefore: number | null;
  zh: string;
  en: string;
  mark: Mark;
}

/**
 * One step of the escalation ladder, in escalating order. A step applies to
 * an open item when its days past due are at least `minDaysPastDue` (null:
 * any), or, for a step with `onLimitationWarning`, when the limitation runs
 * out within the warning window or has run out. The last applying step wins.
 * A row with `forCredit` is the step for credit balances (owed to the
 * customer) and is never picked for an open item. `chain` names the approval
 * chain (approvalChains code) the step starts, or null.
 */
export interface EscalationRow {
  code: string;
  zh: string;
  en: string;
  minDaysPastDue: number | null;
  onLimitationWarning: boolean;
  forCredit: boolean;
  chain: string | null;
  mark: Mark;
}

/** An approval chain of §14 (律师函, 诉讼). */
export interface ApprovalChainRow extends LabelRow {
  mark: Mark;
}

/**
 * One step of an approval chain, by role (never a person's name). `kind`:
 * "apply" starts the chain, "check" reviews, "approve" is an approval,
 * "after" is follow-up work once approved.
 */
export interface ApprovalStepRow {
  code: string;
  chain: string;
  step: number;
  kind: "apply" | "check" | "approve" | "after";
  zh: string;
  en: string;
  mark: Mark;
}

/** A provision rate for an age band; bands are consecutive like the aging buckets. */
export interface ProvisionBandRow {
  code: string;
  zh: string;
  en: string;
  maxDays: number | null;
  ratePercent: number;
  mark: Mark;
}

/**
 * What sets an open item apart from the day-count ladder (spec §13): the
 * customer is marked unable to pay, the item has a quality dispute, or the
 * customer sits in another region than the office that books the item.
 */
export type RoutingCondition = "unableToPay" | "qualityDispute" | "crossRegion";

/**
 * An action that replaces the escalation ladder for an open item in a
 * situation (`when`). Rows are in precedence order: the first whose
 * situation applies wins; items in none of them follow the ladder. `chain`
 * names the approval chain the action starts, or null.
 */
export interface RoutingRow {
  code: string;
  when: RoutingCondition;
  zh: string;
  en: string;
  chain: string | null;
  mark: Mark;
}

/** A §13 working rule in words, for the report's notes and the rules pane. */
export interface PolicyRow {
  code: string;
  zh: string;
  en: string;
  mark: Mark;
}

/**
 * A level of dunning letter (催款函), in escalating order: a customer's letter
 * is the last row whose thresholds its demandable overdue items reach — the
 * most days overdue at least `minDaysOverdue` and the overdue total at least
 * `minOverdueFen` (Sage Intacct-style levels by days and amount). zh/en name
 * the letter; bodyZh/bodyEn are its text, with {company}, {customer}, {asOf},
 * {amount} and {amountInWords} filled in.
 */
export interface DunningLevelRow {
  code: string;
  zh: string;
  en: string;
  minDaysOverdue: number;
  minOverdueFen: number;
  bodyZh: string;
  bodyEn: string;
  mark: Mark;
}

export interface ReceivablesRules {
  settings: SettingRow[];
  agingBuckets: AgingBucketRow[];
  limitationBases: LimitationBasisRow[];
  demandEvidence: DemandEvidenceRow[];
  invoiceTypes: InvoiceTypeRow[];
  vatCertification: VatCertificationRow[];
  escalation: EscalationRow[];
  routings: RoutingRow[];
  approvalChains: ApprovalChainRow[];
  approvalSteps: ApprovalStepRow[];
  provisionBands: ProvisionBandRow[];
  policies: PolicyRow[];
  dunningLevels: DunningLevelRow[];
}

// ------------------------------------------------------------------ settings keys

export const LEGAL_YEARS_KEY = "limitation.legalYears";
export const COMPANY_YEARS_KEY = "limitation.companyYears";
export const MAX_YEARS_KEY = "limitation.maxYearsFromDue";
export const WARNING_DAYS_KEY = "limitation.warningDays";
export const WARNING_BASIS_KEY = "limitation.warningBasis";
export const TERMS_DAYS_KEY = "terms.defaultDays";
export const STATEMENT_NUMBER_KEY = "letters.statementNumber";
export const DUNNING_NUMBER_KEY = "letters.dunningNumber";
export const COMPANY_NAME_KEY = "letters.companyName";
export const DUNNING_HOLD_KEY = "letters.dunningHoldRouting";

// ------------------------------------------------------------------ the data

function step(
  chain: "lawyerLetter" | "litigation",
  n: number,
  kind: ApprovalStepRow["kind"],
  zh: string,
  en: string,
): ApprovalStepRow {
  return { code: `${chain}.${n}`, chain: `chain.${chain}`, step: n, kind, zh, en, mark: "deck" };
}

export const DEFAULT_RECEIVABLES: ReceivablesRules = {
  settings: [
    {
      key: LEGAL_YEARS_KEY,
      value: 3,
      zh: "法定诉讼时效（年）：自到期日起算；时效期间内的回款或催款、对账使其重新起算，届满后的回款或催款不再中断（《民法典》第188条、第195条）",
      en: "Legal limitation period (years) from the due date; a payment, demand or reconciliation while it runs restarts it, one after it ran out does not (PRC Civil Code arts. 188, 195)",
      // [reading] The deck's "2 years" predates the Civil Code; the spec keeps
      // the law's 3 years next to the company's 2-year deadline.
      mark: "reading",
    },
    {
      key: COMPANY_YEARS_KEY,
      value: 2,
      zh: "公司催收期限（年）：一般自客户最近回款起2年，期限内取得催款函、对账函等催款证据可延续（投运证明确定到期日，不是催款证据）",
      en: "Company collection deadline (years): generally 2 years from the customer's last payment, extended by demand evidence obtained before it passes (a commissioning certificate fixes the due date; it is not a demand)",
      mark: "deck",
    },
    {
      key: MAX_YEARS_KEY,
      value: 20,
      zh: "最长保护期（年）：自到期日起超过此年数的债权不受保护，期间内的回款或催款也不能延长（《民法典》第188条）",
      en: "Longest protection (years): no claim is protected longer than this from its due date, whatever payments or demands came in between (PRC Civil Code art. 188)",
      // The spec (§13) restates the law: both periods stop at 20 years from the due date.
      mark: "deck",
    },
    {
      key: WARNING_DAYS_KEY,
      value: 90,
      zh: "时效预警天数：时效在此天数内届满的应收需立即处理",
      en: "Limitation warning window (days): receivables whose limitation ends within it need action now",
      mark: "default",
    },
    {
      key: WARNING_BASIS_KEY,
      value: "basis.legal",
      zh: "时效预警依据：法定诉讼时效（basis.legal）或公司催收期限（basis.company）",
      en: "What the warning window is measured to: the legal limitation date (basis.legal) or the company deadline (basis.company)",
      mark: "default",
    },
    {
      key: TERMS_DAYS_KEY,
      value: 30,
      zh: "默认付款期限（天）：缺到期日时，到期日 = 开票日期 + 此天数",
      en: "Default payment terms (days): where the due date is missing, due date = invoice date + these days",
      mark: "default",
    },
    {
      key: STATEMENT_NUMBER_KEY,
      value: "DZ{yyyy}{mm}{dd}-{seq:3}",
      zh: "对账函函号格式：{yyyy}{mm}{dd} 为生成日期，{seq:3} 为三位流水号（接续发函登记中同格式的最大号）",
      en: "Statement (对账函) number pattern: {yyyy}{mm}{dd} is the generation date, {seq:3} a 3-digit serial (continuing after the highest such number in the letter register)",
      mark: "default",
    },
    {
      key: DUNNING_NUMBER_KEY,
      value: "CK{yyyy}{mm}{dd}-{seq:3}",
      zh: "催款函函号格式：{yyyy}{mm}{dd} 为生成日期，{seq:3} 为三位流水号（接续发函登记中同格式的最大号）",
      en: "Dunning letter (催款函) number pattern: {yyyy}{mm}{dd} is the generation date, {seq:3} a 3-digit serial (continuing after the highest such number in the letter register)",
      mark: "default",
    },
    {
      key: COMPANY_NAME_KEY,
      value: "【我司名称】",
      zh: "函件落款的我司名称（工作簿未设置公司名称时使用）",
      en: "Our company's name on the letters, used when the workbook sets none",
      mark: "default",
    },
    {
      key: DUNNING_HOLD_KEY,
      value: "route.qualityDispute",
      zh: "催款函不催收此类特殊应收（质量问题应收上报公司处理；仍列入对账函）",
      en: "A dunning letter does not demand items routed so (quality disputes go up to the company; they stay on the statement)",
      // [reading] §13 sends quality-dispute receivables to the company; demanding them from the customer meanwhile would pre-empt that.
      mark: "reading",
    },
  ],
  // [default] The deck has no buckets; these are the customary edges
  // 0/30/90/180/365/730/1095 days.
  agingBuckets: [
    { code: "aging.notDue", zh: "未到期", en: "Not due", aliases: ["not yet due", "current"], maxDays: 0, mark: "default" },
    { code: "aging.d1_30", zh: "1-30天", en: "1-30 days", aliases: ["1–30天", "1–30 days"], maxDays: 30, mark: "default" },
    { code: "aging.d31_90", zh: "31-90天", en: "31-90 days", aliases: ["31–90天", "31–90 days"], maxDays: 90, mark: "default" },
    { code: "aging.d91_180", zh: "91-180天", en: "91-180 days", aliases: ["91–180天", "91–180 days"], maxDays: 180, mark: "default" },
    { code: "aging.d181_365", zh: "181-365天", en: "181-365 days", aliases: ["181–365天", "181–365 days"], maxDays: 365, mark: "default" },
    { code: "aging.y1_2", zh: "1-2年", en: "1-2 years", aliases: ["1–2年", "1–2 years"], maxDays: 730, mark: "default" },
    { code: "aging.y2_3", zh: "2-3年", en: "2-3 years", aliases: ["2–3年", "2–3 years"], maxDays: 1095, mark: "default" },
    { code: "aging.over3y", zh: "3年以上", en: "Over 3 years", aliases: ["over 3 years", "3+ years", "more than 3 years"], maxDays: null, mark: "default" },
  ],
  limitationBases: [
    {
      code: "basis.legal",
      zh: "法定",
      en: "legal",
      aliases: ["法定时效", "法定诉讼时效", "诉讼时效", "民法典", "law", "statutory", "legal limitation"],
      yearsSetting: LEGAL_YEARS_KEY,
      mark: "reading",
    },
    {
      code: "basis.company",
      zh: "公司",
      en: "company",
      aliases: ["公司规定", "公司期限", "公司催收期限", "company deadline", "company rule", "deck"],
      yearsSetting: COMPANY_YEARS_KEY,
      mark: "deck",
    },
  ],
  demandEvidence: [
    { code: "demand.dunningLetter", zh: "催款函", en: "Dunning letter", aliases: ["催收函", "demand letter"], mark: "deck" },
    { code: "demand.reconciliation", zh: "对账函", en: "Reconciliation letter", aliases: ["对账单", "balance confirmation"], mark: "deck" },
    { code: "demand.other", zh: "其他催款证据", en: "Other demand evidence", aliases: ["其他证据", "other evidence"], mark: "deck" },
  ],
  invoiceTypes: [
    {
      code: "invoice.vatSpecial",
      zh: "增值税专用发票",
      en: "VAT special invoice",
      aliases: ["专用发票", "专票", "增值税专票", "special invoice", "VAT special", "special"],
      vatSpecial: true,
      mark: "deck",
    },
    {
      code: "invoice.vatGeneral",
      zh: "增值税普通发票",
      en: "VAT general invoice",
      aliases: ["普通发票", "普票", "增值税普票", "general invoice", "VAT general", "general", "VAT ordinary invoice", "ordinary"],
      vatSpecial: false,
      mark: "deck",
    },
  ],
  vatCertification: [
    {
      code: "vat.certify180",
      invoiceType: "invoice.vatSpecial",
      withinDays: 180,
      // [reading] 国税函〔2009〕617号 set 180 days for special invoices issued
      // from 2010-01-01; SAT announcement 2019 No. 45 removed the deadline for
      // invoices issued from 2017-01-01. The rule only matters for older ones.
      issuedFrom: 40179, // 2010-01-01
      issuedBefore: 42736, // 2017-01-01
      zh: "增值税专用发票须在开具之日起180日内认证，逾期不得抵扣（仅适用于2017年1月1日前开具的发票；此后开具的发票已由国家税务总局公告2019年第45号取消认证期限）：提醒客户及时认证入账，或在有效期内退回",
      en: "VAT special invoices must be certified within 180 days of issue or the input VAT is lost (only invoices issued before 2017-01-01; SAT announcement 2019 No. 45 removed the deadline for later ones): remind the customer to book the invoice, or have it returned within its validity",
      mark: "reading",
    },
  ],
  // [default] The deck gives the steps (due receivables processed promptly,
  // overdue ones raised early, lawyer letter and litigation); the day
  // thresholds are the company's defaults. Only items no routing row takes
  // (below) follow this ladder.
  escalation: [
    {
      code: "action.followUp",
      zh: "跟进回款计划",
      en: "Follow up the payment plan",
      minDaysPastDue: null,
      onLimitationWarning: false,
      forCredit: false,
      chain: null,
      mark: "default",
    },
    {
      code: "action.remind",
      zh: "提醒客户付款并对账",
      en: "Remind the customer and reconcile",
      minDaysPastDue: 1,
      onLimitationWarning: false,
      forCredit: false,
      chain: null,
      mark: "default",
    },
    {
      code: "action.dunning",
      zh: "发催款函",
      en: "Send a dunning letter",
      minDaysPastDue: 31,
      onLimitationWarning: false,
      forCredit: false,
      chain: null,
      mark: "default",
    },
    {
      code: "action.director",
      zh: "省主任介入",
      en: "Province director steps in",
      minDaysPastDue: 91,
      onLimitationWarning: false,
      forCredit: false,
      chain: null,
      mark: "default",
    },
    {
      code: "action.lawyerLetter",
      zh: "申请律师函",
      en: "Apply for a lawyer letter",
      minDaysPastDue: 181,
      onLimitationWarning: false,
      forCredit: false,
      chain: "chain.lawyerLetter",
      mark: "default",
    },
    {
      code: "action.litigation",
      zh: "取得对账函或考虑诉讼",
      en: "Get a reconciliation letter or consider litigation",
      minDaysPastDue: 366,
      onLimitationWarning: true,
      forCredit: false,
      chain: "chain.litigation",
      mark: "default",
    },
    {
      code: "action.credit",
      zh: "与客户对账后退款或冲抵",
      en: "Reconcile with the customer, then refund or offset",
      minDaysPastDue: null,
      onLimitationWarning: false,
      forCredit: true,
      chain: null,
      mark: "default",
    },
  ],
  // The spec's §13 routings, in precedence order (the order is a reading: a
  // customer unable to pay needs the lawyer letter whatever else is true).
  routings: [
    {
      code: "route.unableToPay",
      when: "unableToPay",
      zh: "客户无力支付：立即联系应收部门，发律师函并诉讼",
      en: "Customer unable to pay: contact the receivables department at once; lawyer letter and litigation",
      chain: "chain.lawyerLetter",
      mark: "deck",
    },
    {
      code: "route.qualityDispute",
      when: "qualityDispute",
      zh: "质量问题：上升到公司处理",
      en: "Quality dispute: raise it to the company",
      chain: null,
      mark: "deck",
    },
    {
      code: "route.crossRegion",
      when: "crossRegion",
      zh: "跨区域应收：省主任协调确定应收归属",
      en: "Cross-region receivable: the province director coordinates and fixes where it belongs",
      chain: null,
      mark: "deck",
    },
  ],
  approvalChains: [
    { code: "chain.lawyerLetter", zh: "律师函", en: "Lawyer letter", aliases: ["律师函申请", "lawyer's letter", "attorney letter"], mark: "deck" },
    { code: "chain.litigation", zh: "诉讼", en: "Litigation", aliases: ["起诉", "诉讼申请", "lawsuit"], mark: "deck" },
  ],
  approvalSteps: [
    step("lawyerLetter", 1, "apply", "销售员申请（应收管理员提供合同数据及必填项）", "Salesperson applies (the receivables admin supplies the contract data and required fields)"),
    step("lawyerLetter", 2, "check", "产品线应收会计审核金额（合同附件、金额明细、对账函）", "Product-line receivables accountant checks the amounts (contract attachments, amount detail, reconciliation letter)"),
    step("lawyerLetter", 3, "approve", "省主任", "Province director"),
    step("lawyerLetter", 4, "approve", "片区总", "Region head"),
    step("lawyerLetter", 5, "approve", "最终审批人（公司高管）", "Final approver (company executive)"),
    step("lawyerLetter", 6, "after", "法务文员跟踪律师函，并向销售员通报进展", "Legal clerk tracks the letter and circulates progress to the salesperson"),
    step("litigation", 1, "apply", "销售员申请（由律师函申请转入或新建）", "Salesperson applies (from an existing lawyer-letter application, or new)"),
    step("litigation", 2, "check", "应收会计", "Receivables accountant"),
    step("litigation", 3, "approve", "省主任", "Province director"),
    step("litigation", 4, "approve", "片区总", "Region head"),
    step("litigation", 5, "approve", "公司高管审批", "Executive approval"),
    step("litigation", 6, "after", "推送产品线：产品线财务在法务数据库立案", "Pushed to the product line: product-line finance files it in the legal database"),
    step("litigation", 7, "approve", "财务总监", "Finance director"),
    step("litigation", 8, "approve", "产品线总经理", "Product-line general manager"),
    step("litigation", 9, "after", "法务", "Legal"),
  ],
  // [default] "The company should set" these rates; the customary aging-method rates.
  provisionBands: [
    { code: "provision.y1", zh: "1年以内", en: "Within 1 year", maxDays: 365, ratePercent: 5, mark: "default" },
    { code: "provision.y1_2", zh: "1-2年", en: "1-2 years", maxDays: 730, ratePercent: 10, mark: "default" },
    { code: "provision.y2_3", zh: "2-3年", en: "2-3 years", maxDays: 1095, ratePercent: 30, mark: "default" },
    { code: "provision.y3_4", zh: "3-4年", en: "3-4 years", maxDays: 1460, ratePercent: 50, mark: "default" },
    { code: "provision.y4_5", zh: "4-5年", en: "4-5 years", maxDays: 1825, ratePercent: 80, mark: "default" },
    { code: "provision.over5", zh: "5年以上", en: "Over 5 years", maxDays: null, ratePercent: 100, mark: "default" },
  ],
  policies: [
    { code: "policy.invoiceNormal", zh: "正常开票：开票员确认", en: "Normal invoicing: the invoicing clerk confirms", mark: "deck" },
    { code: "policy.invoiceAbnormal", zh: "异常开票：需省主任审批", en: "Abnormal invoicing needs the province director's approval", mark: "deck" },
    {
      code: "policy.reconcile",
      zh: "主动与客户对账，差异提交财务详细核对",
      en: "Reconcile receivables with customers proactively; differences go to finance for detailed checking",
      mark: "deck",
    },
    { code: "policy.dueNow", zh: "到期应收及时处理", en: "Process due receivables promptly", mark: "deck" },
    {
      code: "policy.notDueProof",
      zh: "未到期应收列入计划需有依据，否则按到期处理",
      en: "Not-yet-due receivables put into the plan need proof, else they count as due",
      mark: "deck",
    },
    {
      code: "policy.qualityDispute",
      zh: "质量问题应收上报公司处理，不得压着不报",
      en: "Quality-dispute receivables go up to the company, not held back",
      mark: "deck",
    },
    { code: "policy.raiseEarly", zh: "逾期及疑难应收提早上报", en: "Overdue and hard receivables are raised early", mark: "deck" },
    {
      code: "policy.unableToPay",
      zh: "发现客户完全无力付款：立即联系应收部门，发律师函并诉讼",
      en: "A customer found unable to pay at all: contact the receivables department at once; lawyer letter and litigation",
      mark: "deck",
    },
    {
      code: "policy.fundingPlan",
      zh: "各代表处核对省局月度资金计划",
      en: "Each representative office checks the province bureau's monthly funding plan",
      mark: "deck",
    },
    {
      code: "policy.crossRegion",
      zh: "跨区域应收：由省主任协调，确定应收实际归属",
      en: "Cross-region receivables: the province director coordinates and fixes where the receivable really sits",
      mark: "deck",
    },
    {
      code: "policy.limitation",
      zh: "诉讼时效可由对账函、催款函等催款证据或客户回款延续，但须在时效届满前取得；届满后仅客户书面确认债务（签章对账函/还款承诺）可恢复",
      en: "Limitation is restarted by a reconciliation letter, a dunning letter or other demand evidence, or a payment, obtained before it runs out; once it has run out only the customer's written acknowledgement (a signed reconciliation letter or a promise to pay) revives the claim",
      mark: "deck",
    },
    {
      code: "policy.commissioning",
      zh: "投运证明确定付款何时到期（如“投运后付款”）：据此确定到期日；它不是催款证据，不中断时效",
      en: "A commissioning certificate fixes when payment fell due (e.g. \"paid on commissioning\"): use it for the due date; it is not a demand and does not restart limitation",
      mark: "deck",
    },
  ],
  // [default] The deck names the letters but not when each is sent; these
  // follow the escalation ladder's defaults (dunning from 31 days, the director
  // from 91), a final notice only where the overdue total is worth a lawyer letter.
  dunningLevels: [
    {
      code: "dunning.reminder",
      zh: "提醒函",
      en: "Payment reminder",
      minDaysOverdue: 1,
      minOverdueFen: 0,
      bodyZh:
        "{customer}：\n贵方与{company}往来中，截至{asOf}，下列款项已到期尚未支付，合计人民币{amount}元（大写：{amountInWords}）。可能贵方已在安排付款，特此提醒；如已付款，请忽略本函并告知我方付款日期。",
      bodyEn:
        "Dear {customer},\nAs of {asOf}, the items below owed to {company} have fallen due and are unpaid, in total CNY {amount} ({amountInWords}). You may already be arranging payment; this is a friendly reminder. If you have paid, please disregard this letter and tell us the payment date.",
      mark: "default",
    },
    {
      code: "dunning.demand",
      zh: "催款函",
      en: "Demand for payment",
      minDaysOverdue: 31,
      minOverdueFen: 0,
      bodyZh:
        "{customer}：\n截至{asOf}，贵方尚欠{company}下列逾期款项，合计人民币{amount}元（大写：{amountInWords}）。请于收到本函后十五日内付清至下列账户。如有异议，请于同期内书面告知。",
      bodyEn:
        "Dear {customer},\nAs of {asOf}, you owe {company} the overdue items below, in total CNY {amount} ({amountInWords}). Please pay them into the account below within fifteen days of receiving this letter, or tell us in writing within that time if you dispute any of them.",
      mark: "default",
    },
    {
      code: "dunning.final",
      zh: "最后催告函",
      en: "Final demand",
      minDaysOverdue: 91,
      minOverdueFen: 10_000_000,
      bodyZh:
        "{customer}：\n我方已多次催告，截至{asOf}，贵方仍欠{company}下列逾期款项，合计人民币{amount}元（大写：{amountInWords}）。请于收到本函后十日内付清；逾期未付，我方将委托律师并通过诉讼追收，由此产生的费用及逾期付款损失由贵方承担。",
      bodyEn:
        "Dear {customer},\nDespite our earlier reminders, as of {asOf} you still owe {company} the overdue items below, in total CNY {amount} ({amountInWords}). Please pay within ten days of receiving this letter; otherwise we will instruct lawyers and recover the debt through the courts, at your cost, together with the loss caused by late payment.",
      mark: "default",
    },
  ],
};

import { badArg, noRule } from "./errors";
import { isBlank, LabelRow, parseLabel } from "./labels";
import type { Rulebook } from "./rulebook";
import { Mark, SettingRow } from "./settings";
import { decided, Decision, RuleRef, Text } from "./types";
import { addYears, isoFromSerial, parseDate, serialFromYmd } from "./values";

/**
 * Rulebook sections 13 (invoicing and receivables, 开票、回款) and 14
 * (escalation approval chains) as data: the aging buckets, the limitation
 * periods (the company's and the law's), the demand evidence that restarts
 * them, the escalation ladder, the lawyer-letter and litigation approval
 * chains (roles, never people), provision rates, the old VAT special-invoice
 * certification rule with the dates it applies to, and payment-terms days.
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

/** A §13 working rule in words, for the report's notes and the rules pane. */
export interface PolicyRow {
  code: string;
  zh: string;
  en: string;
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
  approvalChains: ApprovalChainRow[];
  approvalSteps: ApprovalStepRow[];
  provisionBands: ProvisionBandRow[];
  policies: PolicyRow[];
}

// ------------------------------------------------------------------ settings keys

export const LEGAL_YEARS_KEY = "limitation.legalYears";
export const COMPANY_YEARS_KEY = "limitation.companyYears";
export const WARNING_DAYS_KEY = "limitation.warningDays";
export const WARNING_BASIS_KEY = "limitation.warningBasis";
export const TERMS_DAYS_KEY = "terms.defaultDays";

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
      zh: "法定诉讼时效（年）：自到期日、最近回款日、最近催款或对账日中最晚者起算（《民法典》第188条、第195条）",
      en: "Legal limitation period (years), from the latest of due date, last payment and last demand (PRC Civil Code arts. 188, 195)",
      // [reading] The deck's "2 years" predates the Civil Code; the spec keeps
      // the law's 3 years next to the company's 2-year deadline.
      mark: "reading",
    },
    {
      key: COMPANY_YEARS_KEY,
      value: 2,
      zh: "公司催收期限（年）：一般自客户最近回款起2年，催款函、对账函等催款证据或投运证明可延续",
      en: "Company collection deadline (years): generally 2 years from the customer's last payment, extended by demand evidence or a commissioning certificate",
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
    {
      code: "demand.commissioning",
      zh: "投运证明",
      en: "Commissioning certificate",
      aliases: ["投运证书", "commissioning proof"],
      mark: "deck",
    },
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
      issuedFrom: serialFromYmd(2010, 1, 1),
      issuedBefore: serialFromYmd(2017, 1, 1),
      zh: "增值税专用发票须在开具之日起180日内认证，逾期不得抵扣（仅适用于2017年1月1日前开具的发票；此后开具的发票已由国家税务总局公告2019年第45号取消认证期限）：提醒客户及时认证入账，或在有效期内退回",
      en: "VAT special invoices must be certified within 180 days of issue or the input VAT is lost (only invoices issued before 2017-01-01; SAT announcement 2019 No. 45 removed the deadline for later ones): remind the customer to book the invoice, or have it returned within its validity",
      mark: "reading",
    },
  ],
  // [default] The deck gives the steps (due receivables processed promptly,
  // overdue ones raised early, lawyer letter and litigation); the day
  // thresholds are the defaults.
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
      zh: "诉讼时效可由对账函、催款函等催款证据或投运证明延续：时效届满前取得",
      en: "Limitation is extended by a reconciliation letter, a dunning letter or other demand evidence, or a commissioning certificate: get one before it runs out",
      mark: "deck",
    },
  ],
};

// ------------------------------------------------------------------ lookups

/** A number setting of §13; a missing or non-number row is a broken rulebook (#N/A). */
export function receivablesSetting(rb: Rulebook, key: string): number {
  const row = rb.receivables.settings.find((r) => r.key === key);
  if (!row || typeof row.value !== "number" || !Number.isFinite(row.value)) {
    throw noRule(`the rulebook has no number setting ${key} in receivables.settings`);
  }
  return row.value;
}

function settingRef(rb: Rulebook, key: string): RuleRef {
  const row = rb.receivables.settings.find((r) => r.key === key);
  const value = row ? String(row.value) : "?";
  return {
    table: "receivables.settings",
    row: key,
    text: { zh: `${row?.zh ?? key}：${value}`, en: `${row?.en ?? key}: ${value}` },
  };
}

export function bucketRef(row: AgingBucketRow, days: number): RuleRef {
  return {
    table: "receivables.agingBuckets",
    row: row.code,
    text: {
      zh: days <= 0 ? `未逾期（${-days}天后到期）→ ${row.zh}` : `逾期${days}天 → ${row.zh}`,
      en: days <= 0 ? `not overdue (due in ${-days} days) → ${row.en}` : `${days} days past due → ${row.en}`,
    },
  };
}

/**
 * Checks that a bucket table is usable: at least one row, maxDays strictly
 * increasing whole numbers, the first ≥ 0, only the last open-ended.
 */
export function checkBucketRows<R extends { code: string; maxDays: number | null }>(rows: readonly R[], table: string): void {
  if (rows.length === 0) throw noRule(`the rulebook's ${table} table is empty`);
  let prior = -1;
  rows.forEach((r, i) => {
    const last = i === rows.length - 1;
    if (r.maxDays === null) {
      if (!last) throw noRule(`${table} row ${r.code}: only the last row may be open-ended`);
      return;
    }
    if (!Number.isInteger(r.maxDays) || r.maxDays <= prior) {
      throw noRule(`${table} row ${r.code}: maxDays must be whole days, increasing (after ${prior})`);
    }
    prior = r.maxDays;
  });
}

/** The bucket row for a number of days past due (≤ 0: the first, not-due row). */
export function agingBucketFor(rb: Rulebook, daysPastDue: number): Decision<AgingBucketRow> {
  const rows = rb.receivables.agingBuckets;
  checkBucketRows(rows, "receivables.agingBuckets");
  const row = rows.find((r) => r.maxDays === null || daysPastDue <= r.maxDays);
  if (!row) {
    throw noRule(`${daysPastDue} days past due is beyond the last aging bucket (${rows[rows.length - 1].zh}), which is not open-ended`);
  }
  return decided(row, bucketRef(row, daysPastDue));
}

/** The limitation basis argument: 法定/legal (default when blank) or 公司/company. */
export function parseLimitationBasis(rb: Rulebook, input: unknown, argName = "basis"): LimitationBasisRow {
  if (isBlank(input)) {
    const row = rb.receivables.limitationBases[0];
    if (!row) throw noRule("the rulebook has no limitation bases");
    return row;
  }
  return parseLabel(rb.receivables.limitationBases, input, argName);
}

export interface LimitationInput {
  dueDate: number;
  lastPayment?: number;
  lastDemand?: number;
}

/** The latest of the due date, last payment and last demand: where limitation (re)starts. */
export function limitationStart(input: LimitationInput): number {
  let start = input.dueDate;
  if (input.lastPayment !== undefined && input.lastPayment > start) start = input.lastPayment;
  if (input.lastDemand !== undefined && input.lastDemand > start) start = input.lastDemand;
  return start;
}

/**
 * The date (serial) a claim's limitation ends on a basis: the latest of the
 * given dates plus the basis's years, Feb 29 becoming Feb 28.
 */
export function limitationDate(rb: Rulebook, input: LimitationInput, basis: LimitationBasisRow): Decision<number> {
  const years = receivablesSetting(rb, basis.yearsSetting);
  if (!Number.isInteger(years) || years < 0) throw noRule(`receivables setting ${basis.yearsSetting} must be whole years`);
  const start = limitationStart(input);
  const which =
    start === input.lastDemand
      ? { zh: "最近催款或对账日", en: "last demand" }
      : start === input.lastPayment
        ? { zh: "最近回款日", en: "last payment" }
        : { zh: "到期日", en: "due date" };
  const end = addYears(start, years);
  return decided(end, settingRef(rb, basis.yearsSetting), {
    table: "receivables.limitationBases",
    row: basis.code,
    // Written out only when someone reads it (Explain, a report): formulas need just the date.
    get text(): Text {
      return {
        zh: `${basis.zh}时效：自${which.zh} ${isoFromSerial(start)} 起${years}年，至 ${isoFromSerial(end)}`,
        en: `${basis.en} limitation: ${years} years from the ${which.en} ${isoFromSerial(start)}, ending ${isoFromSerial(end)}`,
      };
    },
  });
}

/** LIMITDATE's arguments read and checked: dates as serials, basis as a row. */
export function limitationDateOf(
  rb: Rulebook,
  dueDate: unknown,
  lastPaymentDate: unknown,
  lastDemandDate: unknown,
  basis: unknown,
): Decision<number> {
  const input: LimitationInput = {
    dueDate: parseDate(dueDate, "dueDate"),
    lastPayment: parseDate(lastPaymentDate, "lastPaymentDate", true),
    lastDemand: parseDate(lastDemandDate, "lastDemandDate", true),
  };
  const row = parseLimitationBasis(rb, basis, "basis");
  return limitationDate(rb, input, row);
}

/** The escalation step for an open item (never a credit row). */
export function escalationFor(rb: Rulebook, daysPastDue: number, limitationWarning: boolean): EscalationRow {
  let hit: EscalationRow | undefined;
  for (const row of rb.receivables.escalation) {
    if (row.forCredit) continue;
    if ((row.minDaysPastDue === null || daysPastDue >= row.minDaysPastDue) || (row.onLimitationWarning && limitationWarning)) {
      hit = row;
    }
  }
  if (!hit) throw noRule(`the escalation ladder has no step for ${daysPastDue} days past due`);
  return hit;
}

/** The step for a credit balance, or undefined when the rulebook has none. */
export function creditStep(rb: Rulebook): EscalationRow | undefined {
  return rb.receivables.escalation.find((r) => r.forCredit);
}

/** The ordered steps of an approval chain. */
export function approvalSteps(rb: Rulebook, chainCode: string): ApprovalStepRow[] {
  return rb.receivables.approvalSteps.filter((s) => s.chain === chainCode).sort((a, b) => a.step - b.step);
}

/** The VAT certification row that applies to an invoice, or undefined. */
export function vatCertificationFor(
  rb: Rulebook,
  invoiceTypeCode: string,
  invoiceDate: number,
): VatCertificationRow | undefined {
  return rb.receivables.vatCertification.find(
    (r) =>
      r.invoiceType === invoiceTypeCode &&
      (r.issuedFrom === null || invoiceDate >= r.issuedFrom) &&
      (r.issuedBefore === null || invoiceDate < r.issuedBefore),
  );
}

/** The text setting of the warning basis as its basis row (legal by default). */
export function warningBasis(rb: Rulebook): LimitationBasisRow {
  const row = rb.receivables.settings.find((r) => r.key === WARNING_BASIS_KEY);
  const code = row && typeof row.value === "string" ? row.value : "basis.legal";
  const basis = rb.receivables.limitationBases.find((b) => b.code === code);
  if (!basis) throw noRule(`receivables setting ${WARNING_BASIS_KEY} names an unknown basis ${code}`);
  return basis;
}

/** Bucket edges (max days of each finite bucket) for a report option; validates user-given edges. */
export function bucketEdgesOf(rb: Rulebook, edges?: readonly number[]): number[] {
  if (edges === undefined) {
    checkBucketRows(rb.receivables.agingBuckets, "receivables.agingBuckets");
    return rb.receivables.agingBuckets.filter((r) => r.maxDays !== null).map((r) => r.maxDays as number);
  }
  const accepts = "accepts whole numbers of days, increasing, starting at 0 (e.g. 0, 30, 90, 180, 365)";
  if (!Array.isArray(edges) || edges.length === 0 || edges.length > 30) throw badArg("bucketEdges", String(edges), accepts);
  edges.forEach((e, i) => {
    if (!Number.isInteger(e) || e < 0 || e > 36_500 || (i === 0 && e !== 0) || (i > 0 && e <= edges[i - 1])) {
      throw badArg("bucketEdges", edges.join(","), accepts);
    }
  });
  return [...edges];
}

/** Display text of a bucket between two edges: rulebook text where the rulebook has that bucket, else generated. */
export function bucketText(rb: Rulebook, edges: readonly number[], index: number): Text & { code: string } {
  const from = index === 0 ? null : edges[index - 1];
  const to = index < edges.length ? edges[index] : null;
  const rows = rb.receivables.agingBuckets;
  const prevMax = (i: number) => (i === 0 ? null : rows[i - 1].maxDays);
  const hit = rows.find((r, i) => r.maxDays === to && (prevMax(i) ?? null) === from);
  if (hit) return { code: hit.code, zh: hit.zh, en: hit.en };
  if (from === null) return { code: `aging.upTo${to}`, zh: "未到期", en: "Not due" };
  if (to === null) return { code: `aging.over${from}`, zh: `${from}天以上`, en: `Over ${from} days` };
  return { code: `aging.d${from + 1}_${to}`, zh: `${from + 1}-${to}天`, en: `${from + 1}-${to} days` };
}

import { rulebookStamp } from "../rules/fingerprint";
import { approvalSteps, compiledReceivables } from "../rules/receivables";
import type { Rulebook } from "../rules/rulebook";
import { defineMessages } from "../rules/messages";
import { Lang, Text } from "../rules/types";
import { formatFen, isoFromSerial } from "../rules/values";
import {
  AGING_FLAG,
  AgingItems,
  AgingResult,
  groupKeyText,
  noRegionText,
  splitByRegion,
} from "./aging";
import { Area, CellStyle, displayWidth, PlanValue, rowsBlock, SheetPlan } from "./sheetplan";

/**
 * The receivables-aging report as SheetPlans: summary (groups × buckets with
 * data bars, a stacked chart and the reconciliation line), detail (every open
 * item and credit), actions (the escalation ladder and the approval chains),
 * provision, and data issues. Every text that comes from the data is a plain
 * string value (renderers write strings as text, never as formulas); the only
 * numbers are our own. The as-of date is written as a constant.
 */

// Excel's sheet has 1,048,576 rows; a larger detail continues on another sheet.
export const MAX_DETAIL_ROWS_PER_SHEET = 1_000_000;

const STYLES: Record<string, CellStyle> = {
  title: { bold: true, fontSize: 14 },
  label: { bold: true },
  header: { bold: true, fill: "#DDEBF7", border: true, wrap: true, hAlign: "center", vAlign: "center" },
  text: { numberFormat: "@" },
  money: { numberFormat: "#,##0.00" },
  date: { numberFormat: "yyyy-mm-dd", hAlign: "center" },
  int: { numberFormat: "#,##0" },
  days: { numberFormat: "0" },
  pct: { numberFormat: "0.0%" },
  total: { bold: true, fill: "#F2F2F2", border: true },
  totalMoney: { bold: true, fill: "#F2F2F2", border: true, numberFormat: "#,##0.00" },
  totalInt: { bold: true, fill: "#F2F2F2", border: true, numberFormat: "#,##0" },
  totalPct: { bold: true, fill: "#F2F2F2", border: true, numberFormat: "0.0%" },
  flag: { fontColor: "#C00000", hAlign: "center", bold: true },
  note: { italic: true, fontColor: "#595959" },
  ok: { bold: true, fontColor: "#006100" },
};

const W = defineMessages({
  title: { zh: "应收账款账龄分析", en: "Receivables aging" },
  summary: { zh: "账龄汇总", en: "Aging summary" },
  detail: { zh: "账龄明细", en: "Aging detail" },
  actions: { zh: "催收措施", en: "Actions" },
  provision: { zh: "坏账准备", en: "Provision" },
  issues: { zh: "数据问题", en: "Data issues" },
  asOf: { zh: "截至日期", en: "As of" },
  basis: { zh: "账龄基准", en: "Aging basis" },
  basisDue: { zh: "到期日", en: "Due date" },
  basisInvoice: { zh: "开票日期", en: "Invoice date" },
  groupBy: { zh: "分组", en: "Grouped by" },
  region: { zh: "片区", en: "Region" },
  rulebook: { zh: "规则手册", en: "Rulebook" },
  source: { zh: "数据来源", en: "Source" },
  units: { zh: "金额单位", en: "Amount units" },
  total: { zh: "合计", en: "Total" },
  share: { zh: "占比", en: "Share" },
  count: { zh: "笔数", en: "Items" },
  credit: { zh: "贷方余额", en: "Credit balance" },
  creditCount: { zh: "贷方笔数", en: "Credits" },
  grandTotal: { zh: "总计", en: "Grand total" },
  reconTitle: { zh: "核对（精确到分）", en: "Reconciliation (exact to the fen)" },
  reconInput: { zh: "全部输入行未回款（金额 − 已回款）", en: "Outstanding of all input rows (amount − paid)" },
  reconBuckets: { zh: "各账龄段合计", en: "Σ buckets" },
  reconCredits: { zh: "贷方余额合计", en: "Σ credits" },
  reconExcluded: { zh: "剔除行合计", en: "Σ excluded rows" },
  reconDiff: { zh: "差额", en: "Difference" },
  rowsRead: { zh: "读取行数", en: "Rows read" },
  settledRows: { zh: "已结清行数（未回款为0）", en: "Fully paid rows (outstanding 0)" },
  noItems: { zh: "没有未结清的应收。", en: "No open receivables." },
  chartTitle: { zh: "各组账龄分布", en: "Aging by group" },
  chartSkipped: { zh: "分组超过50个，未生成图表。", en: "More than 50 groups: no chart." },
  row: { zh: "行号", en: "Row" },
  contract: { zh: "合同号", en: "Contract" },
  customer: { zh: "客户", en: "Customer" },
  customerClass: { zh: "客户分类", en: "Customer class" },
  office: { zh: "代表处", en: "Office" },
  productLine: { zh: "产线", en: "Product line" },
  invoice: { zh: "发票号", en: "Invoice" },
  invoiceType: { zh: "发票类型", en: "Invoice type" },
  invoiceDate: { zh: "开票日期", en: "Invoice date" },
  dueDate: { zh: "到期日", en: "Due date" },
  amount: { zh: "金额", en: "Amount" },
  paid: { zh: "已回款", en: "Paid" },
  outstanding: { zh: "未回款", en: "Outstanding" },
  daysPastDue: { zh: "逾期天数", en: "Days past due" },
  ageDays: { zh: "账龄天数", en: "Age (days)" },
  bucket: { zh: "账龄", en: "Bucket" },
  lastPayment: { zh: "最近回款日", en: "Last payment" },
  lastDemand: { zh: "最近催款或对账日", en: "Last demand" },
  companyDeadline: { zh: "公司期限", en: "Company deadline" },
  legalLimitation: { zh: "法定时效届满日", en: "Legal limitation date" },
  soon: { zh: "时效将届满", en: "Limitation soon" },
  expired: { zh: "时效已届满", en: "Limitation expired" },
  quality: { zh: "质量问题", en: "Quality dispute" },
  crossRegion: { zh: "跨区域", en: "Cross-region" },
  unableToPay: { zh: "无力支付", en: "Unable to pay" },
  vat: { zh: "专票认证期限", en: "VAT certify by" },
  action: { zh: "建议措施", en: "Recommended action" },
  chain: { zh: "审批链", en: "Approval chain" },
  notes: { zh: "备注", en: "Notes" },
  yes: { zh: "是", en: "Yes" },
  step: { zh: "步骤", en: "Step" },
  condition: { zh: "适用条件", en: "Applies to" },
  role: { zh: "角色", en: "Role" },
  kind: { zh: "环节", en: "Kind" },
  policies: { zh: "第13节工作规则", en: "Section 13 working rules" },
  markDefault: { zh: "标记“默认”的为默认值，公司应自行设定（规则数据）", en: "Rows marked “default” are defaults the company should set (rulebook data)" },
  demandEvidence: { zh: "可延续诉讼时效的催款证据", en: "Demand evidence that restarts limitation" },
  band: { zh: "账龄段", en: "Age band" },
  rate: { zh: "计提比例", en: "Rate" },
  provisionAmount: { zh: "计提金额", en: "Provision" },
  mark: { zh: "标记", en: "Mark" },
  column: { zh: "列", en: "Column" },
  value: { zh: "值", en: "Value" },
  reason: { zh: "问题", en: "Problem" },
  outcome: { zh: "处理", en: "Outcome" },
  how: { zh: "处理说明", en: "What was done" },
  excludedAmount: { zh: "剔除金额", en: "Excluded amount" },
  excludedRows: { zh: "剔除行", en: "Excluded rows" },
  correctedRows: { zh: "已更正", en: "Corrected" },
  keptRows: { zh: "保留并标记", en: "Kept and flagged" },
  noIssues: { zh: "没有数据问题。", en: "No data issues." },
  derivedDue: { zh: "到期日按付款期限推算", en: "due date derived from payment terms" },
  companyPassed: { zh: "已过公司期限", en: "past the company deadline" },
  vatPassed: { zh: "专票认证期限已过", en: "VAT certification deadline passed" },
  vatApplies: { zh: "专票认证期限适用", en: "VAT certification rule applies" },
  lapsed: {
    zh: "时效已届满：仅客户书面确认债务（签章对账函/还款承诺）可恢复",
    en: "Limitation ran out before the later payment or letter: only the customer's written acknowledgement of the debt (a signed reconciliation letter or promise to pay) revives it",
  },
});

const OUTCOME: Record<string, Text> = {
  excluded: { zh: "剔除", en: "Excluded" },
  corrected: { zh: "更正", en: "Corrected" },
  kept: { zh: "保留", en: "Kept" },
};

const STEP_KIND: Record<string, Text> = {
  apply: { zh: "申请", en: "Apply" },
  check: { zh: "审核", en: "Check" },
  approve: { zh: "审批", en: "Approve" },
  after: { zh: "后续", en: "Follow-up" },
};

const MARK: Record<string, Text> = {
  deck: { zh: "课件", en: "deck" },
  reading: { zh: "解读", en: "reading" },
  default: { zh: "默认", en: "default" },
};

// ------------------------------------------------------------------ helpers

const yuan = (fen: number): number => fen / 100;

interface Ctx {
  result: AgingResult;
  rb: Rulebook;
  lang: Lang;
  t: (w: Text) => string;
  prefix: string;
  keySuffix: string;
  footer: string;
}

function context(result: AgingResult, rb: Rulebook): Ctx {
  const lang = result.options.lang;
  const t = (w: Text) => (lang === "en" ? w.en : w.zh);
  const regionName = result.region === undefined ? "" : result.region === "" ? noRegionText(lang) : result.region;
  return {
    result,
    rb,
    lang,
    t,
    prefix: regionName === "" ? "" : `${regionName} `,
    keySuffix: result.region === undefined ? "" : `:${result.region}`,
    // plain text: the renderers escape "&" for Excel's header/footer codes
    footer:
      `LTC Desk · ${t(W.title)}${regionName ? " · " + regionName : ""} · ${t(W.asOf)} ${isoFromSerial(result.options.asOf)} · ` +
      `${t(W.rulebook)} ${rulebookStamp(rb)}`,
  };
}

/** Excel's limit on a sheet name. */
const SHEET_NAME_MAX = 31;

/**
 * A sheet name that keeps what tells the sheets apart: the sheet's kind stays
 * whole and a long region name is shortened ("Northwest China region" →
 * "Northwest China"), never the other way round.
 */
export function agingSheetName(prefix: string, word: string): string {
  if ((prefix + word).length <= SHEET_NAME_MAX) return prefix + word;
  const region = prefix.trim().replace(/\s+region$/i, "").replace(/片区$/, "");
  const room = SHEET_NAME_MAX - word.length - 1;
  return `${[...region].slice(0, Math.max(room, 1)).join("").trim()} ${word}`;
}

function sheet(ctx: Ctx, word: Text, key: string): SheetPlan {
  return {
    name: agingSheetName(ctx.prefix, ctx.t(word)),
    ownerKey: `aging:${key}${ctx.keySuffix}`,
    styles: STYLES,
    blocks: [],
  };
}

/** The header rows every sheet starts with: title, as-of date (a constant date cell), basis, rulebook, region, source. */
function heading(ctx: Ctx, plan: SheetPlan, word: Text): number {
  const { result, t } = ctx;
  plan.blocks.push({ row: 0, col: 0, values: [[`${ctx.prefix}${t(W.title)} — ${t(word)}`]], style: "title" });
  const labels: PlanValue[][] = [[t(W.asOf)], [t(W.basis)], [t(W.rulebook)]];
  const texts: PlanValue[][] = [[t(result.options.basis === "due" ? W.basisDue : W.basisInvoice)], [rulebookStamp(ctx.rb)]];
  if (result.region !== undefined) {
    labels.push([t(W.region)]);
    texts.push([result.region === "" ? noRegionText(ctx.lang) : result.region]);
  }
  if (result.source) {
    labels.push([t(W.source)]);
    texts.push([result.source]);
  }
  // amounts kept in 万元 or 千元 are converted; every sheet says so where its header says what it shows
  if (result.units) {
    labels.push([t(W.units)]);
    texts.push([t(result.units)]);
  }
  plan.blocks.push({ row: 1, col: 0, values: labels, style: "label" });
  plan.blocks.push({ row: 1, col: 1, values: [[result.options.asOf]], style: "date" });
  plan.blocks.push({ row: 2, col: 1, values: texts, style: "text" });
  return 1 + labels.length + 1;
}

function print(ctx: Ctx, headerRow: number, orientation: "portrait" | "landscape"): SheetPlan["print"] {
  return { paper: "A4", orientation, repeatRows: { first: headerRow, last: headerRow }, fitToWidth: true, footer: ctx.footer };
}

/** A data value for a plan cell: strings stay strings (whatever they start with), dates become ISO text. */
export function planValueOf(v: unknown): PlanValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return Number.isFinite(v) ? v : String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  return String(v);
}

// ------------------------------------------------------------------ summary

function summarySheet(ctx: Ctx): SheetPlan {
  const { result, t, lang } = ctx;
  const plan = sheet(ctx, W.summary, "summary");
  let row = heading(ctx, plan, W.summary);
  const groupHeader = result.options.groupBy.map((k) => groupKeyText(k, lang)).join(" / ");
  plan.blocks.push({ row, col: 0, values: [[t(W.groupBy), groupHeader]], columnStyles: ["label", "text"] });
  row += 2;

  const nb = result.buckets.length;
  const headerRow = row;
  const header: PlanValue[] = [groupHeader, ...result.buckets.map((b) => b.label), t(W.total), t(W.share), t(W.count), t(W.credit), t(W.creditCount)];
  plan.blocks.push({ row: headerRow, col: 0, values: [header], style: "header" });
  const body: PlanValue[][] = result.groups.map((g) => [
    g.label,
    ...g.bucketFen.map(yuan),
    yuan(g.totalFen),
    g.share,
    g.count,
    yuan(g.creditFen),
    g.creditCount,
  ]);
  const moneyCols = (n: number) => new Array<string>(n).fill("money");
  if (body.length > 0) {
    plan.blocks.push({
      row: headerRow + 1,
      col: 0,
      values: body,
      columnStyles: ["text", ...moneyCols(nb), "money", "pct", "int", "money", "int"],
    });
  }
  const g = result.grandTotal;
  const totalRow = headerRow + 1 + body.length;
  plan.blocks.push({
    row: totalRow,
    col: 0,
    values: [[t(W.grandTotal), ...g.bucketFen.map(yuan), yuan(g.totalFen), g.share, g.count, yuan(g.creditFen), g.creditCount]],
    style: "total",
    columnStyles: ["total", ...new Array<string>(nb + 1).fill("totalMoney"), "totalPct", "totalInt", "totalMoney", "totalInt"],
  });
  const totalCol = 1 + nb;
  if (body.length > 0) {
    plan.conditionalFormats = [
      { kind: "dataBar", area: { row: headerRow + 1, col: totalCol, rows: body.length, cols: 1 }, color: "#5B9BD5" },
    ];
  }

  // reconciliation
  row = totalRow + 2;
  const r = result.reconciliation;
  const diff = r.inputFen - (r.bucketsFen + r.creditsFen + r.excludedFen);
  plan.blocks.push({ row, col: 0, values: [[t(W.reconTitle)]], style: "label" });
  plan.blocks.push({
    row: row + 1,
    col: 0,
    values: [
      [t(W.reconInput), yuan(r.inputFen)],
      [t(W.reconBuckets), yuan(r.bucketsFen)],
      [t(W.reconCredits), yuan(r.creditsFen)],
      [t(W.reconExcluded), yuan(r.excludedFen)],
      [t(W.reconDiff), yuan(diff)],
    ],
    columnStyles: ["label", "money"],
  });
  plan.blocks.push({
    row: row + 6,
    col: 0,
    values: [
      [t(W.rowsRead), r.rows],
      [t(W.settledRows), r.settledRows],
    ],
    columnStyles: ["label", "int"],
  });
  const units = result.units ? (lang === "en" ? ` (${result.units.en})` : `（${result.units.zh}）`) : "";
  const line =
    lang === "en"
      ? `Outstanding of all input rows ${formatFen(r.inputFen)} = Σ buckets ${formatFen(r.bucketsFen)} + Σ credits ${formatFen(r.creditsFen)} + Σ excluded ${formatFen(r.excludedFen)}${units}${diff === 0 ? " ✓" : ""}`
      : `全部输入行未回款 ${formatFen(r.inputFen)} = 各账龄段合计 ${formatFen(r.bucketsFen)} + 贷方余额 ${formatFen(r.creditsFen)} + 剔除行 ${formatFen(r.excludedFen)}${units}${diff === 0 ? " ✓" : ""}`;
  plan.blocks.push({ row: row + 8, col: 0, values: [[line]], style: diff === 0 ? "ok" : "flag" });
  row += 10;

  // limitation settings, notes
  const s = result.settings;
  const notes: string[] = [
    lang === "en"
      ? `Legal limitation ${s.legalYears} years, company deadline ${s.companyYears} years, from the due date; a payment, demand or reconciliation while a period runs restarts it, ` +
        `one after it ran out does not (Civil Code art. 195); never more than ${s.maxYears} years from the due date (art. 188); warning ${s.warningDays} days before the ${s.warningBasisText.en} date.`
      : `法定诉讼时效 ${s.legalYears} 年，公司期限 ${s.companyYears} 年，自到期日起算；期间内的回款或催款、对账使其重新起算，届满后的不再中断（《民法典》第195条）；` +
        `自到期日起最长 ${s.maxYears} 年（第188条）；按${s.warningBasisText.zh}时效提前 ${s.warningDays} 天预警。`,
    ...result.notes.map(t),
  ];
  const lapsedCount = countFlag(result.items, AGING_FLAG.lapsedBeforeLaterAct);
  if (lapsedCount > 0) notes.push((lang === "en" ? `${lapsedCount} item(s): ` : `${lapsedCount} 笔：`) + t(W.lapsed));
  const vatCount = countFlag(result.items, AGING_FLAG.vatCertification) + countFlag(result.credits, AGING_FLAG.vatCertification);
  if (vatCount > 0) {
    const rule = ctx.rb.receivables.vatCertification[0];
    if (rule) notes.push((lang === "en" ? `${vatCount} item(s): ` : `${vatCount} 笔：`) + t(rule));
  }
  if (result.groups.length > 50) notes.push(t(W.chartSkipped));
  if (result.items.length === 0 && result.credits.length === 0) notes.unshift(t(W.noItems));
  plan.blocks.push({ row, col: 0, values: notes.map((n) => [n]), style: "note" });

  if (body.length > 0 && result.groups.length <= 50) {
    const data: Area = { row: headerRow, col: 0, rows: body.length + 1, cols: 1 + nb };
    plan.charts = [
      {
        kind: "stackedBar",
        title: t(W.chartTitle),
        data,
        anchor: { row: row + notes.length + 1, col: 0 },
        width: 720,
        height: Math.min(900, 120 + 24 * body.length),
      },
    ];
  }
  plan.columnWidths = [firstColumnWidth(plan), ...new Array<number>(nb).fill(14), 16, 8, 8, 14, 8];
  plan.freeze = { rows: headerRow + 1, cols: 1 };
  plan.print = print(ctx, headerRow, "landscape");
  plan.tabColor = "#5B9BD5";
  return plan;
}

// ------------------------------------------------------------------ detail

function countFlag(store: AgingItems, flag: number): number {
  let n = 0;
  for (let i = 0; i < store.length; i++) if (store.flags[i] & flag) n++;
  return n;
}

function chainText(ctx: Ctx, code: string | null): string {
  if (!code) return "";
  const chain = ctx.rb.receivables.approvalChains.find((c) => c.code === code);
  const steps = approvalSteps(ctx.rb, code).filter((s) => s.kind !== "after");
  const name = chain ? ctx.t(chain) : code;
  return `${name}${ctx.lang === "en" ? ": " : "："}${steps.map((s) => shortRole(ctx.t(s))).join(" → ")}`;
}

/** "销售员申请（应收管理员…）" → "销售员申请": the role without its explanation. */
function shortRole(text: string): string {
  const cut = text.search(/[（(]/);
  return (cut > 0 ? text.slice(0, cut) : text).trim();
}

function detailSheets(ctx: Ctx, perSheet: number): SheetPlan[] {
  const { result, t } = ctx;
  const { items, credits } = result;
  const total = items.length + credits.length;
  const invoiceBasis = result.options.basis === "invoice";
  const showVat = countFlag(items, AGING_FLAG.vatCertification) + countFlag(credits, AGING_FLAG.vatCertification) > 0;
  const yes = t(W.yes);
  const creditText = t(W.credit);
  const bucketLabels = result.buckets.map((b) => b.label);
  const steps = compiledReceivables(ctx.rb).steps;
  const actionTexts = steps.map((step) => t(step));
  const chainTexts = steps.map((step) => chainText(ctx, step.chain));
  const noteCache = new Map<number, string>();
  const noteOf = (flags: number): string => {
    const key =
      flags & (AGING_FLAG.lapsedBeforeLaterAct | AGING_FLAG.dueDerived | AGING_FLAG.companyDeadlinePassed | AGING_FLAG.vatCertificationPassed);
    let s = noteCache.get(key);
    if (s === undefined) {
      const parts: string[] = [];
      if (key & AGING_FLAG.lapsedBeforeLaterAct) parts.push(t(W.lapsed));
      if (key & AGING_FLAG.dueDerived) parts.push(t(W.derivedDue));
      if (key & AGING_FLAG.companyDeadlinePassed) parts.push(t(W.companyPassed));
      if (key & AGING_FLAG.vatCertificationPassed) parts.push(t(W.vatPassed));
      s = parts.join(ctx.lang === "en" ? "; " : "；");
      noteCache.set(key, s);
    }
    return s;
  };

  const cols: { word: Text; style: string; width: number }[] = [
    { word: W.row, style: "days", width: 7 },
    { word: W.contract, style: "text", width: 14 },
    { word: W.customer, style: "text", width: 22 },
    { word: W.customerClass, style: "text", width: 10 },
    { word: W.region, style: "text", width: 10 },
    { word: W.office, style: "text", width: 12 },
    { word: W.productLine, style: "text", width: 10 },
    { word: W.invoice, style: "text", width: 14 },
    { word: W.invoiceType, style: "text", width: 14 },
    { word: W.invoiceDate, style: "date", width: 11 },
    { word: W.dueDate, style: "date", width: 11 },
    { word: W.amount, style: "money", width: 14 },
    { word: W.paid, style: "money", width: 14 },
    { word: W.outstanding, style: "money", width: 14 },
    { word: W.daysPastDue, style: "days", width: 8 },
    ...(invoiceBasis ? [{ word: W.ageDays, style: "days", width: 8 }] : []),
    { word: W.bucket, style: "text", width: 10 },
    { word: W.lastPayment, style: "date", width: 11 },
    { word: W.lastDemand, style: "date", width: 11 },
    { word: W.companyDeadline, style: "date", width: 11 },
    { word: W.legalLimitation, style: "date", width: 11 },
    {
      word: {
        zh: `距${result.settings.warningBasisText.zh}时效届满天数`,
        en: `Days left (${result.settings.warningBasisText.en})`,
      },
      style: "days",
      width: 9,
    },
    {
      word: { zh: `${W.soon.zh}（${result.settings.warningDays}天内）`, en: `${W.soon.en} (≤ ${result.settings.warningDays} days)` },
      style: "flag",
      width: 9,
    },
    { word: W.expired, style: "flag", width: 9 },
    { word: W.quality, style: "flag", width: 9 },
    { word: W.crossRegion, style: "flag", width: 9 },
    { word: W.unableToPay, style: "flag", width: 9 },
    { word: W.credit, style: "flag", width: 9 },
    ...(showVat ? [{ word: W.vat, style: "date", width: 11 }] : []),
    { word: W.action, style: "text", width: 24 },
    { word: W.chain, style: "text", width: 40 },
    { word: W.notes, style: "text", width: 24 },
  ];

  const orNull = (v: number): number | null => (v === 0 ? null : v);
  const width = cols.length;
  const rowOf = (s: AgingItems, i: number): PlanValue[] => {
    const f = s.flags[i];
    const credit = (f & AGING_FLAG.credit) !== 0;
    const out: PlanValue[] = new Array(width);
    let c = 0;
    out[c++] = s.row[i];
    out[c++] = s.contract(i);
    out[c++] = s.customer(i);
    out[c++] = s.customerClassText(i);
    out[c++] = s.region(i);
    out[c++] = s.office(i);
    out[c++] = s.productLine(i);
    out[c++] = s.invoice(i);
    out[c++] = s.invoiceType(i);
    out[c++] = orNull(s.invoiceDate[i]);
    out[c++] = s.dueDate[i];
    out[c++] = s.amountFen[i] / 100;
    out[c++] = s.paidFen[i] / 100;
    out[c++] = s.outstandingFen(i) / 100;
    out[c++] = s.daysPastDue(i);
    if (invoiceBasis) out[c++] = s.ageDays(i);
    out[c++] = credit ? creditText : bucketLabels[s.bucket[i]];
    out[c++] = orNull(s.lastPayment[i]);
    out[c++] = orNull(s.lastDemand[i]);
    out[c++] = credit ? null : s.companyDeadline(i);
    out[c++] = credit ? null : s.legalLimitation(i);
    out[c++] = credit ? null : s.daysLeft(i);
    out[c++] = f & AGING_FLAG.limitationSoon ? yes : null;
    out[c++] = f & AGING_FLAG.expired ? yes : null;
    out[c++] = f & AGING_FLAG.qualityDispute ? yes : null;
    out[c++] = f & AGING_FLAG.crossRegion ? yes : null;
    out[c++] = f & AGING_FLAG.unableToPay ? yes : null;
    out[c++] = credit ? yes : null;
    if (showVat) out[c++] = orNull(s.vatCertifyBy(i));
    out[c++] = actionTexts[s.action[i]];
    out[c++] = chainTexts[s.action[i]];
    out[c++] = noteOf(f);
    return out;
  };

  // open items and credits together, in input row order: position → item index, or ~index of a credit
  const order = new Int32Array(total);
  for (let a = 0, b = 0, k = 0; k < total; k++) {
    order[k] = b >= credits.length || (a < items.length && items.row[a] <= credits.row[b]) ? a++ : ~b++;
  }
  const rowAt = (k: number): PlanValue[] => (order[k] >= 0 ? rowOf(items, order[k]) : rowOf(credits, ~order[k]));

  const sheets: SheetPlan[] = [];
  const parts = Math.max(1, Math.ceil(total / perSheet));
  for (let p = 0; p < parts; p++) {
    const plan = sheet(ctx, W.detail, parts === 1 ? "detail" : `detail:${p + 1}`);
    if (parts > 1) plan.name += ` ${p + 1}`;
    const headerRow = heading(ctx, plan, W.detail) + 1;
    plan.blocks.push({ row: headerRow, col: 0, values: [cols.map((c) => t(c.word))], style: "header" });
    const n = Math.min(perSheet, total - p * perSheet);
    if (n > 0) {
      // rows made as they are written (rowsBlock): a million of them as arrays cost more than the whole aging
      const first = p * perSheet;
      plan.blocks.push(rowsBlock({ row: headerRow + 1, col: 0, columnStyles: cols.map((c) => c.style) }, { count: n, width, at: (k) => rowAt(first + k) }));
    } else {
      plan.blocks.push({ row: headerRow + 1, col: 0, values: [[t(W.noItems)]], style: "note" });
    }
    plan.columnWidths = cols.map((c) => c.width);
    plan.freeze = { rows: headerRow + 1, cols: 3 };
    plan.print = print(ctx, headerRow, "landscape");
    sheets.push(plan);
  }
  return sheets;
}

// ------------------------------------------------------------------ actions

function actionsSheet(ctx: Ctx): SheetPlan {
  const { result, rb, t } = ctx;
  const plan = sheet(ctx, W.actions, "actions");
  let row = heading(ctx, plan, W.actions);
  const headerRow = row;
  plan.blocks.push({ row, col: 0, values: [[t(W.action), t(W.condition), t(W.chain), t(W.count), t(W.outstanding), t(W.mark)]], style: "header" });
  const rules = compiledReceivables(rb);
  const body = result.actions.map((a) => [
    t(a.step),
    rules.conditionOf(a.step, ctx.lang),
    chainText(ctx, a.step.chain),
    a.count,
    yuan(a.outstandingFen),
    t(MARK[a.step.mark] ?? MARK.deck),
  ]);
  plan.blocks.push({ row: row + 1, col: 0, values: body, columnStyles: ["text", "text", "text", "int", "money", "text"] });
  row += body.length + 2;
  if (result.actions.some((a) => a.step.mark === "default")) {
    plan.blocks.push({ row, col: 0, values: [[t(W.markDefault)]], style: "note" });
    row += 2;
  }
  for (const chain of rb.receivables.approvalChains) {
    plan.blocks.push({ row, col: 0, values: [[`${t(chain)} — ${t(W.chain)}`]], style: "label" });
    plan.blocks.push({ row: row + 1, col: 0, values: [[t(W.step), t(W.role), t(W.kind)]], style: "header" });
    const steps = approvalSteps(rb, chain.code);
    plan.blocks.push({
      row: row + 2,
      col: 0,
      values: steps.map((s) => [s.step, t(s), t(STEP_KIND[s.kind] ?? STEP_KIND.approve)]),
      columnStyles: ["days", "text", "text"],
    });
    row += steps.length + 3;
  }
  plan.blocks.push({ row, col: 0, values: [[t(W.demandEvidence)]], style: "label" });
  plan.blocks.push({ row: row + 1, col: 0, values: rb.receivables.demandEvidence.map((d) => [t(d)]), style: "text" });
  row += rb.receivables.demandEvidence.length + 2;
  plan.blocks.push({ row, col: 0, values: [[t(W.policies)]], style: "label" });
  plan.blocks.push({ row: row + 1, col: 0, values: rb.receivables.policies.map((p) => [t(p)]), style: "text" });
  plan.columnWidths = [28, 44, 48, 8, 16, 10];
  plan.print = print(ctx, headerRow, "landscape");
  return plan;
}

// ------------------------------------------------------------------ provision

function provisionSheet(ctx: Ctx): SheetPlan {
  const { result, t } = ctx;
  const plan = sheet(ctx, W.provision, "provision");
  const row = heading(ctx, plan, W.provision);
  plan.blocks.push({
    row,
    col: 0,
    values: [[t(W.band), t(W.rate), t(W.count), t(W.outstanding), t(W.provisionAmount), t(W.mark)]],
    style: "header",
  });
  const body = result.provision.map((l) => [
    t(l.band),
    l.band.ratePercent / 100,
    l.count,
    yuan(l.outstandingFen),
    yuan(l.provisionFen),
    t(MARK[l.band.mark] ?? MARK.deck),
  ]);
  plan.blocks.push({ row: row + 1, col: 0, values: body, columnStyles: ["text", "pct", "int", "money", "money", "text"] });
  const count = result.provision.reduce((s, l) => s + l.count, 0);
  const outstanding = result.provision.reduce((s, l) => s + l.outstandingFen, 0);
  plan.blocks.push({
    row: row + 1 + body.length,
    col: 0,
    values: [[t(W.total), null, count, yuan(outstanding), yuan(result.provisionTotalFen), null]],
    columnStyles: ["total", "total", "totalInt", "totalMoney", "totalMoney", "total"],
  });
  const notes: string[] = [];
  if (result.provision.some((l) => l.band.mark === "default")) notes.push(t(W.markDefault));
  notes.push(
    ctx.lang === "en"
      ? `Age by ${result.options.basis === "due" ? "days past due" : "days since invoice"}; open items only (credits are not provided for).`
      : `账龄按${result.options.basis === "due" ? "逾期天数" : "开票后天数"}计算；仅含未结清应收（贷方余额不计提）。`,
  );
  plan.blocks.push({ row: row + 3 + body.length, col: 0, values: notes.map((n) => [n]), style: "note" });
  plan.columnWidths = [16, 10, 10, 18, 18, 10];
  plan.print = print(ctx, row, "portrait");
  return plan;
}

// ------------------------------------------------------------------ data issues

function issuesSheet(ctx: Ctx): SheetPlan {
  const { result, t } = ctx;
  const plan = sheet(ctx, W.issues, "issues");
  let row = heading(ctx, plan, W.issues);
  const counts = { excluded: 0, corrected: 0, kept: 0 };
  for (const p of result.problems) counts[p.outcome]++;
  plan.blocks.push({
    row,
    col: 0,
    values: [
      [t(W.excludedRows), counts.excluded, yuan(result.reconciliation.excludedFen)],
      [t(W.correctedRows), counts.corrected, null],
      [t(W.keptRows), counts.kept, null],
    ],
    columnStyles: ["label", "int", "money"],
  });
  row += 4;
  const headerRow = row;
  plan.blocks.push({
    row,
    col: 0,
    values: [[t(W.row), t(W.column), t(W.value), t(W.reason), t(W.outcome), t(W.how), t(W.excludedAmount)]],
    style: "header",
  });
  const excludedFen = new Map<number, number>();
  for (const x of result.excluded) excludedFen.set(x.row, x.outstandingFen);
  const problems = [...result.problems].sort((a, b) => a.row - b.row);
  const body: PlanValue[][] = problems.map((p) => [
    p.row,
    p.column ? t(p.column) : "",
    planValueOf(p.value),
    t(p.reason),
    t(OUTCOME[p.outcome]),
    t(p.how),
    p.outcome === "excluded" ? yuan(excludedFen.get(p.row) ?? 0) : null,
  ]);
  if (body.length > 0) {
    plan.blocks.push({ row: row + 1, col: 0, values: body, columnStyles: ["days", "text", "text", "text", "text", "text", "money"] });
  } else {
    plan.blocks.push({ row: row + 1, col: 0, values: [[t(W.noIssues)]], style: "note" });
  }
  plan.columnWidths = [7, 16, 20, 40, 8, 48, 14];
  plan.freeze = { rows: headerRow + 1, cols: 1 };
  plan.print = print(ctx, headerRow, "landscape");
  return plan;
}

// ------------------------------------------------------------------ entry points

/**
 * The aging report of one result: summary, detail (more than one sheet past
 * MAX_DETAIL_ROWS_PER_SHEET items), actions, provision, data issues. Sheet
 * names carry the region when the result is one of splitByRegion's.
 */
export function buildAgingReport(result: AgingResult, rb: Rulebook, options: AgingReportOptions = {}): SheetPlan[] {
  const ctx = context(result, rb);
  const perSheet = options.maxDetailRowsPerSheet ?? MAX_DETAIL_ROWS_PER_SHEET;
  return [summarySheet(ctx), ...detailSheets(ctx, perSheet), actionsSheet(ctx), provisionSheet(ctx), issuesSheet(ctx)];
}

export interface AgingReportOptions {
  /** detail rows per sheet before the detail continues on the next (default MAX_DETAIL_ROWS_PER_SHEET) */
  maxDetailRowsPerSheet?: number;
}

/** One report per region (片区): for the CLI's --split-by and the wizard's "one report per region". */
export function buildRegionReports(
  result: AgingResult,
  rb: Rulebook,
  options: AgingReportOptions = {},
): { region: string; result: AgingResult; sheets: SheetPlan[] }[] {
  return splitByRegion(result, rb).map((r) => ({ region: r.region ?? "", result: r, sheets: buildAgingReport(r, rb, options) }));
}

/** Keeps only the blocks' plain values: for tests and for renderers that want to scan text cells. */
export function planStrings(plans: readonly SheetPlan[]): string[] {
  const out: string[] = [];
  for (const p of plans) for (const b of p.blocks) for (const r of b.values) for (const v of r) if (typeof v === "string") out.push(v);
  return out;
}

/**
 * Width of column A that shows its longest label (group names, reconciliation
 * labels); CJK characters count double. Sentences (notes, the reconciliation
 * line) are longer than any label and may run on into the empty cells beside them.
 */
function firstColumnWidth(plan: SheetPlan): number {
  let widest = 0;
  for (const block of plan.blocks) {
    if (block.col !== 0) continue;
    for (const row of block.values) {
      const v = row[0];
      if (typeof v !== "string") continue;
      const w = displayWidth(v);
      if (w <= 40) widest = Math.max(widest, w);
    }
  }
  return Math.max(18, widest + 2);
}

import { CustomerClassRow } from "../rules/contract";
import { LtcError } from "../rules/errors";
import { LabelRow, Vocabulary, vocabularyOf } from "../rules/labels";
import { officeFor, regionOf, regionOfLocation } from "../rules/owner";
import {
  ActionStep,
  actAfterLapse,
  bucketEdgesOf,
  bucketText,
  cellSaysYes,
  CompiledReceivables,
  compiledReceivables,
  DayBands,
  InvoiceTypeRow,
  isCrossRegion,
  LimitationPeriod,
  ProvisionBandRow,
  ROUTING_BIT,
  WARNING,
} from "../rules/receivables";
import type { Rulebook } from "../rules/rulebook";
import { Lang, Text } from "../rules/types";
import { formatFen, isoFromSerial, MAX_SERIAL, parseDate, parseLang, serialFromInput } from "../rules/values";
import { badArg } from "../rules/errors";
import {
  anchorHeader,
  ColumnDef,
  ColumnIndex,
  columnText,
  DataIssue,
  FormulaWithoutValue,
  headerNote,
  isEmptyRow,
  ledgerFen,
  mapColumns,
  numberFen,
  MoneyUnit,
  moneyUnitOf,
  RawTable,
  sameText,
  YUAN,
} from "./table";

/**
 * The receivables-aging engine (应收账款账龄): reads a receivables table by
 * its headers, ages every open item as of a given date, flags limitation,
 * quality disputes, cross-region items and credits, recommends the next step
 * from the rulebook's escalation ladder, and totals by group, bucket and
 * provision band. Pure and synchronous; the report builder (agingReport.ts)
 * turns the result into SheetPlans.
 *
 * Reconciliation, asserted on every build: the outstanding (amount − paid) of
 * all input rows = Σ buckets + Σ credits + Σ excluded rows, in integer fen.
 * An unreadable amount or paid cell counts as 0 in the input total (its row is
 * excluded and listed as a data issue); fully paid rows contribute 0.
 */

// ------------------------------------------------------------------ columns

export type AgingColumnKey =
  | "contract"
  | "customer"
  | "customerClass"
  | "region"
  | "office"
  | "productLine"
  | "invoice"
  | "invoiceType"
  | "invoiceDate"
  | "dueDate"
  | "amount"
  | "paid"
  | "lastPayment"
  | "lastDemand"
  | "qualityDispute"
  | "location"
  | "unableToPay";

export const AGING_COLUMNS: readonly ColumnDef<AgingColumnKey>[] = [
  { key: "contract", zh: "合同号", en: "Contract", aliases: ["合同编号", "合同", "合同号码", "Contract no.", "Contract No", "Contract number", "Contract ID"] },
  { key: "customer", zh: "客户", en: "Customer", aliases: ["客户名称", "Customer name", "Client"] },
  { key: "customerClass", zh: "客户分类", en: "Customer class", aliases: ["客户类别", "客户等级", "分类", "Class", "Customer category"] },
  { key: "region", zh: "片区", en: "Region", aliases: ["所属片区", "区域", "大区", "Sales region"] },
  { key: "office", zh: "代表处", en: "Office", aliases: ["所属代表处", "办事处", "Representative office", "Rep office", "Branch"] },
  { key: "productLine", zh: "产线", en: "Product line", aliases: ["产品线", "产品", "Product", "Line"] },
  { key: "invoice", zh: "发票号", en: "Invoice", aliases: ["发票号码", "发票编号", "Invoice no.", "Invoice No", "Invoice number", "Invoice #"] },
  { key: "invoiceType", zh: "发票类型", en: "Invoice type", aliases: ["发票种类", "票种", "Type of invoice"] },
  { key: "invoiceDate", zh: "开票日期", en: "Invoice date", aliases: ["发票日期", "开票日", "Date of invoice", "Invoiced on"] },
  { key: "dueDate", zh: "到期日", en: "Due date", aliases: ["到期日期", "应收日期", "应收款到期日", "付款到期日", "Due", "Due on", "Payment due date"] },
  {
    key: "amount",
    zh: "金额",
    en: "Amount",
    aliases: ["发票金额", "开票金额", "应收金额", "应收账款", "含税金额", "Invoice amount", "Invoiced amount", "Amount due"],
    required: true,
  },
  { key: "paid", zh: "已回款", en: "Paid", aliases: ["已回款金额", "回款金额", "已收款", "已收金额", "回款", "Amount paid", "Received", "Collected"] },
  { key: "lastPayment", zh: "最近回款日", en: "Last payment", aliases: ["最近回款日期", "最后回款日", "最后回款日期", "Last payment date", "Last paid"] },
  {
    key: "lastDemand",
    zh: "最近催款或对账日",
    en: "Last demand",
    aliases: ["最近催款日", "最近对账日", "最近催款/对账日", "催款或对账日", "最近催款或对账日期", "Last demand date", "Last dunning or reconciliation"],
  },
  { key: "qualityDispute", zh: "质量问题", en: "Quality dispute", aliases: ["质量争议", "质量纠纷", "Quality issue", "Dispute"] },
  { key: "location", zh: "客户所在地", en: "Customer location", aliases: ["客户所在省", "客户所在省份", "所在地", "Location", "Customer province"] },
  {
    key: "unableToPay",
    zh: "无力支付",
    en: "Unable to pay",
    aliases: ["无力付款", "客户无力支付", "无力偿还", "经营异常", "客户经营异常", "Customer unable to pay", "Insolvent", "Business abnormal"],
  },
];

// ------------------------------------------------------------------ options

export type GroupKey = "region" | "office" | "customer" | "productLine" | "customerClass";
export const GROUP_KEYS: readonly GroupKey[] = ["region", "office", "customer", "productLine", "customerClass"];
export type AgingBasis = "due" | "invoice";

export interface AgingOptions {
  /** the as-of date: an Excel serial (or anything parseDate reads) */
  asOf: unknown;
  /** age by due date (default) or by invoice date */
  basis?: AgingBasis;
  /** one or two of region, office, customer, productLine, customerClass */
  groupBy: readonly GroupKey[];
  /** output language of the texts the result carries (default zh) */
  lang?: Lang;
  /** bucket edges in days (default: the rulebook's agingBuckets), starting at 0 */
  bucketEdges?: readonly number[];
}

export interface ResolvedAgingOptions {
  asOf: number;
  basis: AgingBasis;
  groupBy: GroupKey[];
  lang: Lang;
  bucketEdges: number[];
}

// ------------------------------------------------------------------ result types

export interface AgingBucket {
  index: number;
  code: string;
  zh: string;
  en: string;
  /** text in the result's language */
  label: string;
  /** first day of the bucket (null: everything ≤ 0) and last day (null: open-ended) */
  fromDays: number | null;
  toDays: number | null;
}

/** Item flags, a bit set: `item.flags & AGING_FLAG.expired`. */
export const AGING_FLAG = {
  /** the limitation (on the warning basis, legal by default) runs out within the warning window */
  limitationSoon: 1,
  /** the limitation (on the warning basis) has run out */
  expired: 2,
  /** the company's 2-year deadline has passed */
  companyDeadlinePassed: 4,
  /** the quality-dispute column says there is one: the item goes to the company (routings) */
  qualityDispute: 8,
  /** the customer's location lies outside the office's region */
  crossRegion: 16,
  /** outstanding < 0: owed to the customer */
  credit: 32,
  /** the VAT special-invoice certification rule applies (invoice issued while it was in force) */
  vatCertification: 64,
  /** …and its certification deadline is before the as-of date */
  vatCertificationPassed: 128,
  /** the due date was derived from the invoice date and the default payment terms */
  dueDerived: 256,
  /** a payment or demand came after the legal period had run out: it restarted nothing (Civil Code art. 195) */
  lapsedBeforeLaterAct: 512,
  /** the unable-to-pay column (无力支付, 经营异常) says the customer cannot pay: straight to the lawyer letter (routings) */
  unableToPay: 1024,
} as const;
export type AgingFlagName = keyof typeof AGING_FLAG;

export interface AgingItem {
  /** the worksheet row number a user sees */
  row: number;
  contract: string;
  customer: string;
  /** customer class code (contract.customerClasses), "" blank, "?" unknown */
  customerClass: string;
  /** display text of the class in the result's language (the typed text when unknown) */
  customerClassText: string;
  /** region (片区) in the result's language where the rulebook knows it, else as typed; "" when none */
  region: string;
  office: string;
  productLine: string;
  invoice: string;
  /** invoice type display text ("" blank) */
  invoiceType: string;
  invoiceDate: number | null;
  dueDate: number;
  amountFen: number;
  paidFen: number;
  outstandingFen: number;
  /** asOf − due date */
  daysPastDue: number;
  /** the days the buckets and provision bands use: days past due (basis due) or since invoice (basis invoice) */
  ageDays: number;
  /** bucket index; -1 for credits */
  bucket: number;
  lastPayment: number | null;
  lastDemand: number | null;
  /** the latest of due date, last payment, last demand */
  limitationStart: number;
  companyDeadline: number;
  legalLimitation: number;
  /** days from the as-of date to the warning-basis limitation date (legal by default); negative once past */
  daysLeft: number;
  /** VAT certification deadline where that rule applies, else null */
  vatCertifyBy: number | null;
  flags: number;
  action: ActionStep;
}

/**
 * Texts an AgingItems store keeps as numbers: each distinct value once, an
 * item holds its index (a large table repeats a few regions, offices,
 * classes and invoice types). Index 0 is "".
 */
export class LabelList {
  readonly values: string[] = [""];
  private readonly index = new Map<string, number>([["", 0]]);

  /** The index of `text`, added when new. */
  code(text: string): number {
    let c = this.index.get(text);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(text);
      this.index.set(text, c);
    }
    return c;
  }
}

/** The label lists of one aging run, shared by its stores (items, credits) and their subsets. */
export interface AgingLabels {
  /** region (片区) display text */
  region: LabelList;
  /** office (代表处) display text */
  office: LabelList;
  /** customer class: the pair of code ("" blank, "?" unknown) and display text, by the same index */
  classCode: string[];
  classText: string[];
  /** invoice type: display text and rulebook code (null when unknown or blank), by the same index */
  invoiceTypeText: string[];
  invoiceTypeCode: (string | null)[];
}

/**
 * Where a store reads the texts it does not copy — contract, customer,
 * product line, invoice number — as they are in the table: the table's rows
 * and the columns (-1 where the table has none).
 */
export interface AgingSource {
  rows: readonly (readonly unknown[])[];
  firstRowNumber: number;
  contract: number;
  customer: number;
  productLine: number;
  invoice: number;
}

/** What an AgingItems store needs to derive an item's dates, day counts, texts and action. */
export interface AgingItemContext {
  asOf: number;
  basis: AgingBasis;
  /** daysLeft measures to the legal date (true) or the company deadline (false) */
  warnOnLegal: boolean;
  /** the legal limitation period (limitationStart is where it last started) and the company's deadline */
  legal: LimitationPeriod;
  company: LimitationPeriod;
  /** the compiled receivables rules (the VAT certification deadline) */
  rules: CompiledReceivables;
  /** the rulebook's action steps (compiled receivables `steps`); the action column holds indexes into it */
  steps: readonly ActionStep[];
  labels: AgingLabels;
  source: AgingSource;
}

/** The columns a store keeps; everything else is derived from them on read. */
const STORED_COLUMNS = [
  "row",
  "dueDate",
  "invoiceDate",
  "lastPayment",
  "lastDemand",
  "amountFen",
  "paidFen",
  "bucket",
  "flags",
  "action",
  "regionLabel",
  "officeLabel",
  "classLabel",
  "invoiceTypeLabel",
] as const;
type StoredColumn = (typeof STORED_COLUMNS)[number];
/** One item's stored values (the engine fills one such object and appends it for every row: no object per item). */
export type StoredValues = Record<StoredColumn, number>;

/** Columns kept as narrow as their values allow: they widen (16 → 32 → 64 bits) the first time a value does not fit. */
type NarrowColumn = "dueDate" | "invoiceDate" | "lastPayment" | "lastDemand" | "amountFen" | "paidFen" | LabelColumn;
type LabelColumn = "regionLabel" | "officeLabel" | "classLabel" | "invoiceTypeLabel";
type NumberColumn = Uint16Array | Int16Array | Int32Array | Float64Array;
type NumberColumnOf = new (n: number) => NumberColumn;

/** Writes v at i and says whether the column holds it exactly. */
function fits(column: NumberColumn, i: number, v: number): boolean {
  column[i] = v;
  return column[i] === v;
}

/**
 * Aged items stored by column: a million items cost a few typed arrays rather
 * than a million objects. A store keeps what the engine decided (dates as
 * serials with 0 for "none", amounts, bucket, flags, `action` as an index into
 * the rulebook's steps) and label indexes; the rest is derived when read:
 * outstanding = amount − paid, the limitation dates from the compiled periods,
 * the VAT deadline from the compiled rules, and contract, customer, product
 * line and invoice number from the source table's row. Dates start as 16-bit
 * (serials up to 2079), amounts as 32-bit fen (up to 21,474,836.47 yuan) and
 * labels as 16-bit; a column widens, once, when a value does not fit. So a
 * million items take about 34 MB where they took 160: fewer fresh pages to
 * fault in, and less of the external memory V8 counts toward collecting the
 * (large) input table's heap. `get(i)` and iteration give AgingItem objects
 * for code that wants them.
 */
export class AgingItems implements Iterable<AgingItem> {
  length = 0;
  private capacity: number;
  /** the worksheet row number; the source row is `row − source.firstRowNumber` */
  row: Int32Array;
  dueDate: Uint16Array | Int32Array | Float64Array;
  /** 0 when none */
  invoiceDate: Uint16Array | Int32Array | Float64Array;
  lastPayment: Uint16Array | Int32Array | Float64Array;
  lastDemand: Uint16Array | Int32Array | Float64Array;
  amountFen: Int32Array | Float64Array;
  paidFen: Int32Array | Float64Array;
  bucket: Int16Array;
  flags: Uint16Array;
  action: Uint16Array;
  /** indexes into the label lists */
  regionLabel: Uint16Array | Int32Array | Float64Array;
  officeLabel: Uint16Array | Int32Array | Float64Array;
  classLabel: Uint16Array | Int32Array | Float64Array;
  invoiceTypeLabel: Uint16Array | Int32Array | Float64Array;

  constructor(
    readonly context: AgingItemContext,
    capacity = 16,
  ) {
    this.capacity = Math.max(16, capacity);
    const n = this.capacity;
    this.row = new Int32Array(n);
    this.dueDate = new Uint16Array(n);
    this.invoiceDate = new Uint16Array(n);
    this.lastPayment = new Uint16Array(n);
    this.lastDemand = new Uint16Array(n);
    this.amountFen = new Int32Array(n);
    this.paidFen = new Int32Array(n);
    this.bucket = new Int16Array(n);
    this.flags = new Uint16Array(n);
    this.action = new Uint16Array(n);
    this.regionLabel = new Uint16Array(n);
    this.officeLabel = new Uint16Array(n);
    this.classLabel = new Uint16Array(n);
    this.invoiceTypeLabel = new Uint16Array(n);
  }

  /** Makes room for one more item and returns its index; the caller fills every stored column. */
  add(): number {
    if (this.length === this.capacity) this.grow();
    return this.length++;
  }

  /** Appends an item. */
  append(v: StoredValues): void {
    const k = this.add();
    this.row[k] = v.row;
    this.bucket[k] = v.bucket;
    this.flags[k] = v.flags;
    this.action[k] = v.action;
    // the narrow columns, each written directly (a keyed write per value would cost more than the widening saves)
    if (!fits(this.dueDate, k, v.dueDate)) this.widen("dueDate", k, v.dueDate);
    if (!fits(this.invoiceDate, k, v.invoiceDate)) this.widen("invoiceDate", k, v.invoiceDate);
    if (!fits(this.lastPayment, k, v.lastPayment)) this.widen("lastPayment", k, v.lastPayment);
    if (!fits(this.lastDemand, k, v.lastDemand)) this.widen("lastDemand", k, v.lastDemand);
    if (!fits(this.amountFen, k, v.amountFen)) this.widen("amountFen", k, v.amountFen);
    if (!fits(this.paidFen, k, v.paidFen)) this.widen("paidFen", k, v.paidFen);
    if (!fits(this.regionLabel, k, v.regionLabel)) this.widen("regionLabel", k, v.regionLabel);
    if (!fits(this.officeLabel, k, v.officeLabel)) this.widen("officeLabel", k, v.officeLabel);
    if (!fits(this.classLabel, k, v.classLabel)) this.widen("classLabel", k, v.classLabel);
    if (!fits(this.invoiceTypeLabel, k, v.invoiceTypeLabel)) this.widen("invoiceTypeLabel", k, v.invoiceTypeLabel);
  }

  private grow(): void {
    this.capacity *= 2;
    for (const name of STORED_COLUMNS) this.replace(name, this[name].constructor as NumberColumnOf);
  }

  /** Replaces a column by one of `make` and the store's capacity, holding the same values. */
  private replace(name: StoredColumn, make: NumberColumnOf): NumberColumn {
    const next = new make(this.capacity);
    next.set(this[name].subarray(0, Math.min(this.length, this.capacity)));
    (this as unknown as Record<StoredColumn, NumberColumn>)[name] = next;
    return next;
  }

  /** Widens a narrow column to hold `v` (16 → 32 bits when it fits them, else 64) and sets item i to it. */
  private widen(column: NarrowColumn, i: number, v: number): void {
    this.replace(column, this[column] instanceof Uint16Array && v === (v | 0) ? Int32Array : Float64Array)[i] = v;
  }

  /** amount − paid: positive for an open item, negative for a credit balance */
  outstandingFen(i: number): number {
    return this.amountFen[i] - this.paidFen[i];
  }

  daysPastDue(i: number): number {
    return this.context.asOf - this.dueDate[i];
  }

  ageDays(i: number): number {
    return this.context.basis === "due" ? this.context.asOf - this.dueDate[i] : this.context.asOf - this.invoiceDate[i];
  }

  /** Where the legal limitation period last (re)started: the due date, or a payment or demand made while it ran. */
  limitationStart(i: number): number {
    return this.context.legal.detail(this.dueDate[i], this.lastPayment[i], this.lastDemand[i]).start;
  }

  legalLimitation(i: number): number {
    return this.context.legal.end(this.dueDate[i], this.lastPayment[i], this.lastDemand[i]);
  }

  companyDeadline(i: number): number {
    return this.context.company.end(this.dueDate[i], this.lastPayment[i], this.lastDemand[i]);
  }

  daysLeft(i: number): number {
    return (this.context.warnOnLegal ? this.legalLimitation(i) : this.companyDeadline(i)) - this.context.asOf;
  }

  /** The VAT certification deadline, 0 where that rule does not apply. */
  vatCertifyBy(i: number): number {
    const code = this.context.labels.invoiceTypeCode[this.invoiceTypeLabel[i]];
    const issued = this.invoiceDate[i];
    return code !== null && issued > 0 ? this.context.rules.vatCertifyBy(code, issued) : 0;
  }

  step(i: number): ActionStep {
    return this.context.steps[this.action[i]];
  }

  region(i: number): string {
    return this.context.labels.region.values[this.regionLabel[i]];
  }

  office(i: number): string {
    return this.context.labels.office.values[this.officeLabel[i]];
  }

  /** customer class code (contract.customerClasses), "" blank, "?" unknown */
  customerClass(i: number): string {
    return this.context.labels.classCode[this.classLabel[i]];
  }

  customerClassText(i: number): string {
    return this.context.labels.classText[this.classLabel[i]];
  }

  invoiceType(i: number): string {
    return this.context.labels.invoiceTypeText[this.invoiceTypeLabel[i]];
  }

  contract(i: number): string {
    return this.sourceText(i, this.context.source.contract);
  }

  customer(i: number): string {
    return this.sourceText(i, this.context.source.customer);
  }

  productLine(i: number): string {
    return this.sourceText(i, this.context.source.productLine);
  }

  invoice(i: number): string {
    return this.sourceText(i, this.context.source.invoice);
  }

  private sourceText(i: number, column: number): string {
    if (column < 0) return "";
    const { rows, firstRowNumber } = this.context.source;
    return textCell(rows[this.row[i] - firstRowNumber][column]);
  }

  /** The item at index i as an object. */
  get(i: number): AgingItem {
    if (i < 0 || i >= this.length) throw new RangeError(`no aging item ${i}`);
    const orNull = (v: number) => (v === 0 ? null : v);
    return {
      row: this.row[i],
      contract: this.contract(i),
      customer: this.customer(i),
      customerClass: this.customerClass(i),
      customerClassText: this.customerClassText(i),
      region: this.region(i),
      office: this.office(i),
      productLine: this.productLine(i),
      invoice: this.invoice(i),
      invoiceType: this.invoiceType(i),
      invoiceDate: orNull(this.invoiceDate[i]),
      dueDate: this.dueDate[i],
      amountFen: this.amountFen[i],
      paidFen: this.paidFen[i],
      outstandingFen: this.outstandingFen(i),
      daysPastDue: this.daysPastDue(i),
      ageDays: this.ageDays(i),
      bucket: this.bucket[i],
      lastPayment: orNull(this.lastPayment[i]),
      lastDemand: orNull(this.lastDemand[i]),
      limitationStart: this.limitationStart(i),
      companyDeadline: this.companyDeadline(i),
      legalLimitation: this.legalLimitation(i),
      daysLeft: this.daysLeft(i),
      vatCertifyBy: orNull(this.vatCertifyBy(i)),
      flags: this.flags[i],
      action: this.step(i),
    };
  }

  *[Symbol.iterator](): Iterator<AgingItem> {
    for (let i = 0; i < this.length; i++) yield this.get(i);
  }

  toArray(): AgingItem[] {
    const out: AgingItem[] = new Array(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.get(i);
    return out;
  }

  /** A new store with the items at the given indexes, in that order (same context: labels and source; columns as wide as these). */
  subset(indexes: ArrayLike<number>): AgingItems {
    const out = new AgingItems(this.context, indexes.length);
    for (const name of STORED_COLUMNS) {
      if (out[name].constructor !== this[name].constructor) out.replace(name, this[name].constructor as NumberColumnOf);
    }
    for (let k = 0; k < indexes.length; k++) {
      const i = indexes[k];
      const j = out.add();
      for (const name of STORED_COLUMNS) out[name][j] = this[name][i];
    }
    return out;
  }
}

export type ProblemOutcome = "excluded" | "corrected" | "kept";

export type ProblemCode =
  | "amount.blank"
  | "amount.unreadable"
  | "paid.unreadable"
  | "paid.overInvoiced"
  | "invoice.duplicate"
  | "dueDate.blank"
  | "dueDate.unreadable"
  | "dates.missing"
  | "invoiceDate.blank"
  | "invoiceDate.unreadable"
  | "lastPayment.unreadable"
  | "lastDemand.unreadable"
  | "class.unknown"
  | "invoiceType.unknown"
  | "location.unknown";

/** A data issue: which row and column, the value, why, and what the engine did about it. */
export interface AgingProblem extends DataIssue {
  code: ProblemCode;
  outcome: ProblemOutcome;
  /** what was done ("row excluded: 1,234.00 not aged") */
  how: Text;
  /** the region of the row (for one report per region) */
  region: string;
}

export interface ExcludedRow {
  row: number;
  region: string;
  /** the row's amount − paid as read (unreadable cells as 0) */
  outstandingFen: number;
  problem: AgingProblem;
}

export interface AgingGroup {
  /** display values of the group keys, in groupBy order ("" blank) */
  keys: string[];
  /** keys joined for a single label cell ("（空白）" for blank) */
  label: string;
  bucketFen: number[];
  /** Σ buckets (open items only) */
  totalFen: number;
  /** share of the grand total of open items (0–1) */
  share: number;
  count: number;
  creditFen: number;
  creditCount: number;
}

export interface ProvisionLine {
  band: ProvisionBandRow;
  count: number;
  outstandingFen: number;
  provisionFen: number;
}

export interface ActionLine {
  step: ActionStep;
  count: number;
  outstandingFen: number;
}

export interface Reconciliation {
  /** Σ (amount − paid) over every non-empty input row, unreadable cells as 0 */
  inputFen: number;
  bucketsFen: number;
  creditsFen: number;
  excludedFen: number;
  /** rows read (non-empty) and rows fully paid (outstanding 0, not aged) */
  rows: number;
  settledRows: number;
}

export interface AgingSettings {
  warningDays: number;
  /** "basis.legal" or "basis.company": what daysLeft and the limitation flags measure to */
  warningBasis: string;
  warningBasisText: Text;
  termsDays: number;
  legalYears: number;
  companyYears: number;
  /** no claim is protected longer than this from its due date */
  maxYears: number;
}

/** What one region contributed, for splitByRegion's per-region reconciliation. */
export interface RegionTally {
  region: string;
  inputFen: number;
  rows: number;
  settledRows: number;
}

export interface AgingResult {
  options: ResolvedAgingOptions;
  rulebookVersion: string;
  /** the table's source, if given */
  source?: string;
  /** set on the results of splitByRegion: the region this report covers ("" = rows without region) */
  region?: string;
  buckets: AgingBucket[];
  /**
   * open items (outstanding > 0), in input order. The stores read contract,
   * customer, product line and invoice number back from the input table's
   * rows, so the result keeps the table: change neither while the result is used.
   */
  items: AgingItems;
  /** credit balances (outstanding < 0), in input order; never dropped */
  credits: AgingItems;
  groups: AgingGroup[];
  grandTotal: AgingGroup;
  problems: AgingProblem[];
  excluded: ExcludedRow[];
  provision: ProvisionLine[];
  provisionTotalFen: number;
  actions: ActionLine[];
  reconciliation: Reconciliation;
  settings: AgingSettings;
  /** table-level notes, e.g. "no due-date column: due dates derived from invoice dates" */
  notes: Text[];
  regions: RegionTally[];
  /** the money columns' units when not yuan ("金额 万元, 已回款 千元"), null when all are yuan; amounts are in fen either way */
  units: Text | null;
}

// ------------------------------------------------------------------ texts

const BLANK_TEXT: Text = { zh: "（空白）", en: "(blank)" };
const UNCLASSIFIED: Text = { zh: "未分类", en: "Unclassified" };
const NO_REGION: Text = { zh: "（无片区）", en: "(no region)" };

export function blankGroupText(lang: Lang): string {
  return lang === "en" ? BLANK_TEXT.en : BLANK_TEXT.zh;
}

export function noRegionText(lang: Lang): string {
  return lang === "en" ? NO_REGION.en : NO_REGION.zh;
}

const GROUP_KEY_TEXT: Record<GroupKey, Text> = {
  region: { zh: "片区", en: "Region" },
  office: { zh: "代表处", en: "Office" },
  customer: { zh: "客户", en: "Customer" },
  productLine: { zh: "产线", en: "Product line" },
  customerClass: { zh: "客户分类", en: "Customer class" },
};

export function groupKeyText(key: GroupKey, lang: Lang): string {
  return lang === "en" ? GROUP_KEY_TEXT[key].en : GROUP_KEY_TEXT[key].zh;
}

// ------------------------------------------------------------------ options

function parseGroupBy(groupBy: readonly GroupKey[]): GroupKey[] {
  const accepts = `accepts one or two of ${GROUP_KEYS.join(", ")}`;
  if (!Array.isArray(groupBy) || groupBy.length < 1 || groupBy.length > 2) throw badArg("groupBy", String(groupBy), accepts);
  for (const k of groupBy) if (!GROUP_KEYS.includes(k)) throw badArg("groupBy", k, accepts);
  if (groupBy.length === 2 && groupBy[0] === groupBy[1]) throw badArg("groupBy", groupBy.join(","), accepts + ", different");
  return [...groupBy];
}

export function resolveAgingOptions(options: AgingOptions, rb: Rulebook): ResolvedAgingOptions {
  const asOf = parseDate(options.asOf, "asOf");
  const basis = options.basis ?? "due";
  if (basis !== "due" && basis !== "invoice") throw badArg("basis", basis, `accepts "due" (due date, the default) or "invoice" (invoice date)`);
  return {
    asOf,
    basis,
    groupBy: parseGroupBy(options.groupBy),
    lang: parseLang(options.lang, "lang"),
    bucketEdges: bucketEdgesOf(rb, options.bucketEdges),
  };
}

function bucketsOf(rb: Rulebook, edges: readonly number[], lang: Lang): AgingBucket[] {
  const out: AgingBucket[] = [];
  for (let i = 0; i <= edges.length; i++) {
    const t = bucketText(rb, edges, i);
    out.push({
      index: i,
      code: t.code,
      zh: t.zh,
      en: t.en,
      label: lang === "en" ? t.en : t.zh,
      fromDays: i === 0 ? null : edges[i - 1] + 1,
      toDays: i < edges.length ? edges[i] : null,
    });
  }
  return out;
}

// ------------------------------------------------------------------ cell readers

const BLANK = 0;
const UNREADABLE = -1;

function isBlankCell(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== "string") return false;
  // most text starts with a visible character: no trim needed
  return v.length === 0 || (v.charCodeAt(0) <= 32 || v.charCodeAt(0) === 0x3000 ? v.trim() === "" : false);
}

/** A cell as text for the report: strings as they are (hostile or not), others converted. */
function textCell(v: unknown): string {
  if (typeof v === "string") return v;
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  return String(v);
}

const UNREADABLE_LIMITATION_DATE: Record<"lastPayment" | "lastDemand", Text> = {
  lastPayment: { zh: "最近回款日无法识别", en: "last payment date is not a readable date" },
  lastDemand: { zh: "最近催款或对账日无法识别", en: "last demand date is not a readable date" },
};
const IGNORED_FOR_LIMITATION: Text = { zh: "已更正：计算时效时忽略此日期", en: "corrected: ignored for the limitation dates" };

function problemValue(v: unknown): unknown {
  if (v instanceof FormulaWithoutValue) return String(v);
  return v instanceof Date ? (Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10)) : v;
}

// ------------------------------------------------------------------ the engine

/**
 * Ages a receivables table. Throws #VALUE! (LtcError) for bad options or a
 * table without an amount column or without any date column the basis needs.
 * Every row goes through the steps of AgingRun.row; the totals come after.
 */
export function buildAging(given: RawTable, options: AgingOptions, rb: Rulebook): AgingResult {
  const opts = resolveAgingOptions(options, rb);
  const table = anchorHeader(given, AGING_COLUMNS);
  const run = new AgingRun(table, opts, rb, openColumns(table, opts, rb));
  const rows = table.rows;
  for (let i = 0; i < rows.length; i++) run.row(rows[i], table.firstRowNumber + i);
  return run.finish();
}

/** The table's columns as the engine reads them. */
interface OpenColumns {
  /** the index of each column, -1 where the table has none */
  at: Record<AgingColumnKey, number>;
  /** a column's header as the table writes it (ours where the table has none) */
  name: (key: AgingColumnKey) => Text;
  /** table-level notes (e.g. due dates derived because there is no due-date column) */
  notes: Text[];
  /** the units amount and paid are kept in (header "金额(万元)", or a title line "单位：万元") */
  amountUnit: MoneyUnit;
  paidUnit: MoneyUnit;
  /** the units as the report echoes them, null when both are yuan */
  units: Text | null;
}

/** "金额 万元；已回款 千元" / "Amount in 10,000 yuan (万元); Paid in thousand yuan", or null when all are yuan. */
function unitsText(columns: readonly [Text, MoneyUnit][]): Text | null {
  const scaled = columns.filter(([, unit]) => unit.scale !== 1);
  if (scaled.length === 0) return null;
  return {
    zh: `金额单位：${columns.map(([name, unit]) => `${name.zh} ${unit.text.zh}`).join("；")}（已换算为元）`,
    en: `amount units: ${columns.map(([name, unit]) => `${name.en} in ${unit.text.en}`).join("; ")} (converted to yuan)`,
  };
}

/** Step 0, once per table: find the columns by their headers and check the ones the options need. */
function openColumns(table: RawTable, opts: ResolvedAgingOptions, rb: Rulebook): OpenColumns {
  const index = mapColumns(table.header, AGING_COLUMNS, table.firstColumn);
  const notes: Text[] = [];
  const titled = headerNote(table);
  if (titled) notes.push(titled);
  checkColumns(index, opts, notes, rb);
  const at = {} as Record<AgingColumnKey, number>;
  for (const def of AGING_COLUMNS) at[def.key] = index[def.key] ?? -1;
  const name = (key: AgingColumnKey): Text => {
    const i = index[key];
    if (i !== undefined && table.header[i] !== null && table.header[i] !== undefined) return sameText(String(table.header[i]).trim());
    return columnText(AGING_COLUMNS.find((d) => d.key === key)!);
  };
  const unitOf = (key: AgingColumnKey) => moneyUnitOf(table, index, AGING_COLUMNS.find((d) => d.key === key)!);
  const amountUnit = unitOf("amount");
  const paidUnit = index.paid === undefined ? YUAN : unitOf("paid");
  const units = unitsText(index.paid === undefined ? [[name("amount"), amountUnit]] : [[name("amount"), amountUnit], [name("paid"), paidUnit]]);
  if (units) notes.push(units);
  return { at, name, notes, amountUnit, paidUnit, units };
}

interface RegionInfo {
  display: string;
  code: string | null;
}

interface OfficeInfo {
  display: string;
  /** index of `display` in the run's office labels */
  label: number;
  regionCode: string | null;
  regionDisplay: string;
}

/** A customer-class or invoice-type cell: its rulebook row (null when unknown) and label index. */
interface LabelInfo<R> {
  row: R | null;
  label: number;
}

/**
 * The row lookups: cell values to rulebook rows and serials, each distinct
 * value looked up once (a large table repeats a few labels and dates).
 */
class RowLookups {
  private readonly classVocab: Vocabulary<CustomerClassRow>;
  private readonly classes = new Map<string, LabelInfo<CustomerClassRow>>();
  private readonly invoiceTypeVocab: Vocabulary<InvoiceTypeRow>;
  private readonly invoiceTypes = new Map<string, LabelInfo<InvoiceTypeRow>>();
  private readonly regionVocab: Vocabulary<LabelRow>;
  private readonly regions = new Map<string, RegionInfo>();
  private readonly offices = new Map<string, OfficeInfo>();
  private readonly locations = new Map<string, string | null>();
  private readonly dates = new Map<string, number>();

  constructor(
    private readonly rb: Rulebook,
    private readonly en: boolean,
    private readonly labels: AgingLabels,
  ) {
    this.classVocab = vocabularyOf(rb.contract.customerClasses);
    this.invoiceTypeVocab = vocabularyOf(rb.receivables.invoiceTypes);
    this.regionVocab = vocabularyOf(rb.owner.regions);
  }

  label(row: LabelRow): string {
    return this.en ? row.en : row.zh;
  }

  region(text: string): RegionInfo {
    let info = this.regions.get(text);
    if (!info) {
      const row = this.regionVocab.find(text);
      info = row ? { display: this.label(row), code: row.code } : { display: text.trim(), code: null };
      this.regions.set(text, info);
    }
    return info;
  }

  office(text: string): OfficeInfo {
    let info = this.offices.get(text);
    if (!info) {
      const row = officeFor(this.rb, text);
      const region = row ? regionOf(this.rb, row) : undefined;
      const display = row ? this.label(row) : text.trim();
      info = {
        display,
        label: this.labels.office.code(display),
        regionCode: region ? region.code : null,
        regionDisplay: region ? this.label(region) : "",
      };
      this.offices.set(text, info);
    }
    return info;
  }

  /** A customer-class cell's text: the class (null when unknown) and its label (code, "?" when unknown, and display text). */
  customerClass(text: string): LabelInfo<CustomerClassRow> {
    return this.labelled(this.classes, this.classVocab, text, this.labels.classCode, this.labels.classText, "?");
  }

  /** An invoice-type cell's text: the type (null when unknown) and its label (code, null when unknown, and display text). */
  invoiceType(text: string): LabelInfo<InvoiceTypeRow> {
    return this.labelled(this.invoiceTypes, this.invoiceTypeVocab, text, this.labels.invoiceTypeCode, this.labels.invoiceTypeText, null);
  }

  /** A vocabulary cell's text, looked up once: its row, and its index in a pair of label lists (the typed text when unknown). */
  private labelled<R extends LabelRow>(
    seen: Map<string, LabelInfo<R>>,
    vocab: Vocabulary<R>,
    text: string,
    codes: (string | null)[],
    texts: string[],
    unknownCode: string | null,
  ): LabelInfo<R> {
    let info = seen.get(text);
    if (info === undefined) {
      const row = vocab.find(text) ?? null;
      info = { row, label: texts.length };
      codes.push(row ? row.code : unknownCode);
      texts.push(row ? this.label(row) : text);
      seen.set(text, info);
    }
    return info;
  }

  /** The region code of a customer location (province, office or region name), null when unknown. */
  locationRegion(text: string): string | null {
    let code = this.locations.get(text);
    if (code === undefined) {
      code = regionOfLocation(this.rb, text)?.code ?? null;
      this.locations.set(text, code);
    }
    return code;
  }

  /** A date cell as a serial, BLANK or UNREADABLE. */
  serial(v: unknown): number {
    if (typeof v === "number") return v >= 1 && v <= MAX_SERIAL ? Math.floor(v) : UNREADABLE;
    if (v === null || v === undefined) return BLANK;
    if (typeof v === "string") {
      let s = this.dates.get(v);
      if (s === undefined) {
        s = v.trim() === "" ? BLANK : (serialFromInput(v) ?? UNREADABLE);
        if (this.dates.size > 50_000) this.dates.clear();
        this.dates.set(v, s);
      }
      return s;
    }
    return serialFromInput(v) ?? UNREADABLE;
  }
}

/**
 * One aging run: the accumulators, and the row in hand. `row` takes a row
 * through the steps — place it (region), read its amounts, its invoice
 * number, its dates, its labels, classify it with the compiled rules, store
 * it by column — each step a method; a step that excludes the row ends it.
 * The row's values live in fields, so that a million rows need no objects.
 */
class AgingRun {
  private readonly c: Record<AgingColumnKey, number>;
  private readonly lookups: RowLookups;
  private readonly rules: CompiledReceivables;
  private readonly buckets: AgingBucket[];
  private readonly bucketBands: DayBands;
  private readonly settings: AgingSettings;
  private readonly legalPeriod: LimitationPeriod;
  private readonly companyPeriod: LimitationPeriod;
  private readonly warnOnLegal: boolean;
  private readonly asOf: number;
  private readonly byInvoiceDate: boolean;
  private readonly source: string | undefined;

  private readonly items: AgingItems;
  private readonly credits: AgingItems;
  private readonly problems: AgingProblem[] = [];
  private readonly excluded: ExcludedRow[] = [];
  /** each region's tally and label index */
  private readonly tallies = new Map<string, { tally: RegionTally; label: number }>();
  private readonly labels: AgingLabels;
  private readonly seenInvoices: InvoiceIndex;
  private inputFen = 0;
  private magnitude = 0;
  private rowsRead = 0;
  private settledRows = 0;

  // the row in hand
  private r: readonly unknown[] = [];
  private rowNumber = 0;
  private region = "";
  private regionGiven: RegionInfo | null = null;
  private office: OfficeInfo | null = null;
  private tally!: RegionTally;
  private amountFen = 0;
  private paidFen = 0;
  private asRead = 0;
  private outstanding = 0;
  private invoiceDate = 0;
  private due = 0;
  private lastPayment = 0;
  private lastDemand = 0;
  private flags = 0;
  private invoiceType: InvoiceTypeRow | null = null;
  /** the row's stored values: the label indexes filled as the row is placed and its labels read, the rest by classifyAndStore */
  private readonly stored: StoredValues = {
    row: 0,
    dueDate: 0,
    invoiceDate: 0,
    lastPayment: 0,
    lastDemand: 0,
    amountFen: 0,
    paidFen: 0,
    bucket: 0,
    flags: 0,
    action: 0,
    regionLabel: 0,
    officeLabel: 0,
    classLabel: 0,
    invoiceTypeLabel: 0,
  };

  constructor(
    table: RawTable,
    private readonly opts: ResolvedAgingOptions,
    private readonly rb: Rulebook,
    private readonly columns: OpenColumns,
  ) {
    this.c = columns.at;
    this.labels = { region: new LabelList(), office: new LabelList(), classCode: [""], classText: [""], invoiceTypeText: [""], invoiceTypeCode: [null] };
    this.lookups = new RowLookups(rb, opts.lang === "en", this.labels);
    // the compiled rules, checked before the first row
    this.rules = compiledReceivables(rb);
    this.buckets = bucketsOf(rb, opts.bucketEdges, opts.lang);
    this.bucketBands = new DayBands(opts.bucketEdges);
    this.settings = settingsOf(this.rules);
    this.legalPeriod = this.rules.period("basis.legal");
    this.companyPeriod = this.rules.period("basis.company");
    this.warnOnLegal = this.rules.warningBasisPeriod === this.legalPeriod;
    this.rules.checkLadder();
    this.asOf = opts.asOf;
    this.byInvoiceDate = opts.basis === "invoice";
    this.source = table.source;
    const source: AgingSource = {
      rows: table.rows,
      firstRowNumber: table.firstRowNumber,
      contract: this.c.contract,
      customer: this.c.customer,
      productLine: this.c.productLine,
      invoice: this.c.invoice,
    };
    const context: AgingItemContext = {
      asOf: opts.asOf,
      basis: opts.basis,
      warnOnLegal: this.warnOnLegal,
      legal: this.legalPeriod,
      company: this.companyPeriod,
      rules: this.rules,
      steps: this.rules.steps,
      labels: this.labels,
      source,
    };
    this.items = new AgingItems(context, table.rows.length);
    this.credits = new AgingItems(context, 64);
    this.seenInvoices = new InvoiceIndex(source);
  }

  /** One row, through the steps. */
  row(r: readonly unknown[], rowNumber: number): void {
    const amountCell = r[this.c.amount];
    if (isBlankCell(amountCell) && isEmptyRow(r)) return;
    this.rowsRead++;
    this.r = r;
    this.rowNumber = rowNumber;
    this.place();
    if (!this.readAmounts(amountCell)) return;
    if (!this.readInvoiceNumber()) return;
    if (this.outstanding === 0) {
      // fully paid: its dates cannot change any total
      this.settledRows++;
      this.tally.settledRows++;
      return;
    }
    if (!this.readDates()) return;
    this.readLabels();
    this.classifyAndStore();
  }

  private cell(key: AgingColumnKey): unknown {
    const col = this.c[key];
    return col >= 0 ? this.r[col] : undefined;
  }

  /** Its region, first: every row, even an excluded one, belongs to a region report. */
  private place(): void {
    const regionCell = this.cell("region");
    const officeCell = this.cell("office");
    this.regionGiven = isBlankCell(regionCell) ? null : this.lookups.region(textCell(regionCell));
    this.office = isBlankCell(officeCell) ? null : this.lookups.office(textCell(officeCell));
    const region = this.regionGiven ? this.regionGiven.display : this.office ? this.office.regionDisplay : "";
    let entry = this.tallies.get(region);
    if (!entry) {
      entry = { tally: { region, inputFen: 0, rows: 0, settledRows: 0 }, label: this.labels.region.code(region) };
      this.tallies.set(region, entry);
    }
    entry.tally.rows++;
    this.region = region;
    this.stored.regionLabel = entry.label;
    this.stored.officeLabel = this.office ? this.office.label : 0;
    this.tally = entry.tally;
  }

  /** Amount and paid as read, in their columns' units (the reconciliation's input total); an unreadable one excludes the row. */
  private readAmounts(amountCell: unknown): boolean {
    const paidCell = this.cell("paid");
    // numbers, the usual cells, without a LedgerAmount object each
    const amountNumber = typeof amountCell === "number" ? numberFen(amountCell, this.columns.amountUnit) : NaN;
    const paidNumber = typeof paidCell === "number" ? numberFen(paidCell, this.columns.paidUnit) : isBlankCell(paidCell) ? 0 : NaN;
    if (!Number.isNaN(amountNumber) && !Number.isNaN(paidNumber)) return this.amountsRead(amountNumber, paidNumber);
    const amount = isBlankCell(amountCell) ? null : ledgerFen(amountCell, this.columns.amountUnit);
    const paid = isBlankCell(paidCell) ? null : ledgerFen(paidCell, this.columns.paidUnit);
    const amountFen = amount?.fen ?? 0;
    const paidFen = paid?.fen ?? 0;
    if (amount === null || amount.reason || paid?.reason) {
      this.countAsRead(amountFen, paidFen);
      if (amount === null) this.exclude("amount", amountCell, "amount.blank", { zh: "金额为空", en: "amount is blank" });
      else if (amount.reason) this.exclude("amount", amountCell, "amount.unreadable", amount.reason);
      else this.exclude("paid", paidCell, "paid.unreadable", paid!.reason!);
      return false;
    }
    return this.amountsRead(amountFen, paidFen);
  }

  /** The amounts as read into the input totals (an unreadable one as 0). */
  private countAsRead(amountFen: number, paidFen: number): void {
    this.asRead = amountFen - paidFen;
    this.inputFen += this.asRead;
    this.tally.inputFen += this.asRead;
    this.magnitude += Math.abs(amountFen) + Math.abs(paidFen);
  }

  private amountsRead(amountFen: number, paidFen: number): boolean {
    this.countAsRead(amountFen, paidFen);
    this.amountFen = amountFen;
    this.paidFen = paidFen;
    this.outstanding = amountFen - paidFen;
    return true;
  }

  /** Duplicate invoice numbers: the first row counts, later ones are excluded. */
  private readInvoiceNumber(): boolean {
    const invoiceCell = this.cell("invoice");
    const invoice = textCell(invoiceCell);
    if (invoice === "") return true;
    const key = trimmed(invoice);
    if (key === "") return true;
    const firstRow = this.seenInvoices.addOrFind(key, this.rowNumber);
    if (firstRow === 0) return true;
    this.exclude("invoice", invoiceCell, "invoice.duplicate", {
      zh: `发票号重复（首次出现在第${firstRow}行）`,
      en: `duplicate invoice number (first in row ${firstRow})`,
    });
    return false;
  }

  /**
   * Invoice date, due date (derived from the invoice date and the default
   * terms where missing), and the two dates that can restart limitation.
   */
  private readDates(): boolean {
    const invoiceDateCell = this.cell("invoiceDate");
    const invoiceDate = this.c.invoiceDate >= 0 ? this.lookups.serial(invoiceDateCell) : BLANK;
    const dueCell = this.cell("dueDate");
    let due = this.c.dueDate >= 0 ? this.lookups.serial(dueCell) : BLANK;
    let flags = 0;
    if (this.byInvoiceDate && invoiceDate <= 0) {
      const blank = invoiceDate === BLANK;
      this.exclude(
        "invoiceDate",
        invoiceDateCell,
        blank ? "invoiceDate.blank" : "invoiceDate.unreadable",
        blank
          ? { zh: "开票日期为空（按开票日期计算账龄时必填）", en: "invoice date is blank (needed to age by invoice date)" }
          : { zh: "开票日期无法识别", en: "invoice date is not a readable date" },
      );
      return false;
    }
    if (due <= 0) {
      if (invoiceDate <= 0) {
        const hasDue = this.c.dueDate >= 0;
        this.exclude(hasDue ? "dueDate" : "invoiceDate", hasDue ? dueCell : invoiceDateCell, "dates.missing", {
          zh: "到期日和开票日期都为空或无法识别",
          en: "neither the due date nor the invoice date is a readable date",
        });
        return false;
      }
      const derived = this.rules.derivedDueDate(invoiceDate);
      if (this.c.dueDate >= 0) {
        const terms = this.settings.termsDays;
        this.problem(
          "dueDate",
          dueCell,
          due === BLANK ? "dueDate.blank" : "dueDate.unreadable",
          "corrected",
          due === BLANK ? { zh: "到期日为空", en: "due date is blank" } : { zh: "到期日无法识别", en: "due date is not a readable date" },
          {
            zh: `已更正：到期日按开票日期 + ${terms}天 = ${isoFromSerial(derived)}`,
            en: `corrected: due date = invoice date + ${terms} days = ${isoFromSerial(derived)}`,
          },
        );
      }
      due = derived;
      flags |= AGING_FLAG.dueDerived;
    }
    if (invoiceDate === UNREADABLE) {
      this.problem(
        "invoiceDate",
        invoiceDateCell,
        "invoiceDate.unreadable",
        "corrected",
        { zh: "开票日期无法识别", en: "invoice date is not a readable date" },
        { zh: "已更正：忽略开票日期（账龄按到期日计算）", en: "corrected: invoice date ignored (aged by due date)" },
      );
    }
    if (this.paidFen > 0 && this.paidFen > this.amountFen) {
      const credit = formatFen(this.outstanding);
      this.problem(
        "paid",
        this.cell("paid"),
        "paid.overInvoiced",
        "kept",
        { zh: "已回款超过金额", en: "paid more than invoiced" },
        { zh: `保留为贷方余额 ${credit}（不计入账龄）`, en: `kept as a credit balance of ${credit} (not aged)` },
      );
    }
    this.invoiceDate = invoiceDate > 0 ? invoiceDate : 0;
    this.due = due;
    this.lastPayment = this.limitationAct("lastPayment");
    this.lastDemand = this.limitationAct("lastDemand");
    this.flags = flags;
    return true;
  }

  /** The last payment or last demand date (0 for none): unreadable is a corrected problem, the date ignored. */
  private limitationAct(key: "lastPayment" | "lastDemand"): number {
    if (this.c[key] < 0) return 0;
    const cell = this.cell(key);
    const serial = this.lookups.serial(cell);
    if (serial !== UNREADABLE) return serial;
    this.problem(key, cell, `${key}.unreadable`, "corrected", UNREADABLE_LIMITATION_DATE[key], IGNORED_FOR_LIMITATION);
    return 0;
  }

  /** Customer class, invoice type, the quality-dispute and unable-to-pay marks, the customer's location. */
  private readLabels(): void {
    this.stored.classLabel = 0;
    const classCell = this.cell("customerClass");
    if (!isBlankCell(classCell)) {
      const info = this.lookups.customerClass(textCell(classCell));
      this.stored.classLabel = info.label;
      if (!info.row) {
        const classes = this.rb.contract.customerClasses;
        this.problem(
          "customerClass",
          classCell,
          "class.unknown",
          "kept",
          {
            zh: `未知客户分类（应为 ${classes.map((c) => c.zh).join("、")}）`,
            en: `unknown customer class (expected ${classes.map((c) => c.en).join(", ")})`,
          },
          { zh: "保留，按“未分类”统计", en: "kept, counted as unclassified" },
        );
      }
    }

    this.invoiceType = null;
    this.stored.invoiceTypeLabel = 0;
    const typeCell = this.cell("invoiceType");
    if (!isBlankCell(typeCell)) {
      const info = this.lookups.invoiceType(textCell(typeCell));
      this.invoiceType = info.row;
      this.stored.invoiceTypeLabel = info.label;
      if (!info.row) {
        const types = this.rb.receivables.invoiceTypes;
        this.problem(
          "invoiceType",
          typeCell,
          "invoiceType.unknown",
          "kept",
          {
            zh: `未知发票类型（应为 ${types.map((c) => c.zh).join("、")}）`,
            en: `unknown invoice type (expected ${types.map((c) => c.en).join(", ")})`,
          },
          { zh: "保留，不检查增值税专票认证期限", en: "kept; the VAT certification rule is not checked" },
        );
      }
    }

    if (this.c.qualityDispute >= 0 && cellSaysYes(this.cell("qualityDispute"))) this.flags |= AGING_FLAG.qualityDispute;
    if (this.c.unableToPay >= 0 && cellSaysYes(this.cell("unableToPay"))) this.flags |= AGING_FLAG.unableToPay;

    const locCell = this.cell("location");
    if (!isBlankCell(locCell)) {
      const customerRegion = this.lookups.locationRegion(textCell(locCell));
      if (customerRegion === null) {
        this.problem(
          "location",
          locCell,
          "location.unknown",
          "kept",
          { zh: "客户所在地不在规则手册的代表处/片区表中", en: "customer location is not in the rulebook's offices or regions" },
          { zh: "保留，不检查跨区域", en: "kept; cross-region not checked" },
        );
      } else if (isCrossRegion(this.office?.regionCode ?? this.regionGiven?.code ?? null, customerRegion)) {
        this.flags |= AGING_FLAG.crossRegion;
      }
    }
  }

  /** The compiled rules decide: limitation dates and flags, VAT deadline, bucket, action; then the row is stored. */
  private classifyAndStore(): void {
    const { rules, asOf, due, lastPayment, lastDemand, invoiceDate } = this;
    const isCredit = this.outstanding < 0;
    const legal = this.legalPeriod.end(due, lastPayment, lastDemand);
    const company = this.companyPeriod.end(due, lastPayment, lastDemand);
    const warning = rules.warningState((this.warnOnLegal ? legal : company) - asOf);
    let flags = this.flags;
    if (isCredit) flags |= AGING_FLAG.credit;
    else {
      if (warning === WARNING.expired) flags |= AGING_FLAG.expired;
      else if (warning === WARNING.soon) flags |= AGING_FLAG.limitationSoon;
      if (company < asOf) flags |= AGING_FLAG.companyDeadlinePassed;
      if (actAfterLapse(lastPayment, lastDemand, legal)) flags |= AGING_FLAG.lapsedBeforeLaterAct;
    }
    const vatCertifyBy = this.invoiceType && invoiceDate > 0 ? rules.vatCertifyBy(this.invoiceType.code, invoiceDate) : 0;
    if (vatCertifyBy > 0) {
      flags |= AGING_FLAG.vatCertification;
      if (vatCertifyBy < asOf) flags |= AGING_FLAG.vatCertificationPassed;
    }
    const daysPastDue = asOf - due;
    const routing =
      (flags & AGING_FLAG.unableToPay ? ROUTING_BIT.unableToPay : 0) |
      (flags & AGING_FLAG.qualityDispute ? ROUTING_BIT.qualityDispute : 0) |
      (flags & AGING_FLAG.crossRegion ? ROUTING_BIT.crossRegion : 0);

    // stored: what was decided (the label indexes are in already); the limitation dates, the VAT deadline and
    // the texts are derived on read (AgingItems)
    const v = this.stored;
    v.row = this.rowNumber;
    v.dueDate = due;
    v.invoiceDate = invoiceDate;
    v.lastPayment = lastPayment;
    v.lastDemand = lastDemand;
    v.amountFen = this.amountFen;
    v.paidFen = this.paidFen;
    v.bucket = isCredit ? -1 : this.bucketBands.indexOf(this.byInvoiceDate ? asOf - invoiceDate : daysPastDue);
    v.flags = flags;
    v.action = rules.actionIndex(daysPastDue, warning !== WARNING.none, isCredit, routing);
    (isCredit ? this.credits : this.items).append(v);
  }

  /** A data issue of the row in hand. */
  private problem(key: AgingColumnKey, value: unknown, code: ProblemCode, outcome: ProblemOutcome, reason: Text, how: Text): AgingProblem {
    const p: AgingProblem = {
      row: this.rowNumber,
      column: this.columns.name(key),
      value: problemValue(value),
      reason,
      code,
      outcome,
      how,
      region: this.region,
    };
    this.problems.push(p);
    return p;
  }

  /** Excludes the row in hand: a problem, and its amount as read counted as excluded. */
  private exclude(key: AgingColumnKey, value: unknown, code: ProblemCode, reason: Text): void {
    const amountText = formatFen(this.asRead);
    const how: Text = {
      zh: `该行未计入账龄（未回款 ${amountText} 计入“剔除行”）`,
      en: `row excluded from the aging (outstanding ${amountText} counted as excluded)`,
    };
    const p = this.problem(key, value, code, "excluded", reason, how);
    this.excluded.push({ row: this.rowNumber, region: this.region, outstandingFen: this.asRead, problem: p });
  }

  /** After the last row: the totals (checked to add up exactly). */
  finish(): AgingResult {
    if (this.magnitude > Number.MAX_SAFE_INTEGER) {
      throw new LtcError(
        "#VALUE!",
        "amount: the amounts add up to more than 90,071,992,547,409.91 yuan, too large to total exactly to the fen",
      );
    }
    const regions = [...this.tallies.values()].map((e) => e.tally).sort((a, b) => compareText(a.region, b.region));
    return summarize(
      {
        options: this.opts,
        rulebookVersion: this.rb.version,
        source: this.source,
        buckets: this.buckets,
        items: this.items,
        credits: this.credits,
        problems: this.problems,
        excluded: this.excluded,
        settings: this.settings,
        notes: this.columns.notes,
        regions,
        units: this.columns.units,
      },
      { inputFen: this.inputFen, rows: this.rowsRead, settledRows: this.settledRows },
      this.rb,
    );
  }
}

/** s.trim(), without a call where there is nothing to trim (the usual case). */
function trimmed(s: string): string {
  const n = s.length;
  return n > 0 && s.charCodeAt(0) > 32 && s.charCodeAt(n - 1) > 32 && s.charCodeAt(0) !== 0x3000 && s.charCodeAt(n - 1) !== 0x3000
    ? s
    : s.trim();
}

/**
 * Invoice numbers seen so far → the row they were first seen in. An
 * open-addressing table over a string hash, one 32-bit slot per entry: the
 * source row's index (+1) in the low bits and the hash's top bits as a tag
 * above it; the key itself is read back from the table's invoice cell only
 * when a tag matches. For a million rows a Map of strings costs several times
 * more (hashing, growth and garbage), and keys and rows kept beside the slots
 * would cost memory the source table already holds.
 */
class InvoiceIndex {
  private readonly mask: number;
  private readonly slots: Uint32Array;
  /** bits of a slot that hold the row index + 1 (the tag is the hash's top 32 − bits bits) */
  private readonly bits: number;
  private readonly low: number;

  constructor(private readonly source: AgingSource) {
    const capacity = source.invoice < 0 ? 0 : source.rows.length;
    let bits = 1;
    while (2 ** bits <= capacity) bits++;
    if (bits > 31) throw new RangeError(`a table of ${capacity} rows is more than the invoice index holds`);
    this.bits = bits;
    this.low = 2 ** bits - 1;
    let size = 1024;
    while (size < capacity * 2) size *= 2;
    this.mask = size - 1;
    this.slots = new Uint32Array(size);
  }

  /** 0 when `key` is new (and is now recorded for the worksheet row `row`), else the row it was first seen in. */
  addOrFind(key: string, row: number): number {
    let h = 0x811c9dc5 | 0;
    for (let c = 0; c < key.length; c++) h = Math.imul(h ^ key.charCodeAt(c), 0x01000193);
    const { bits, low, mask, slots } = this;
    const tag = h >>> bits;
    let slot = h & mask;
    for (;;) {
      const e = slots[slot];
      if (e === 0) break;
      if (e >>> bits === tag) {
        const index = (e & low) - 1;
        if (this.keyAt(index) === key) return index + this.source.firstRowNumber;
      }
      slot = (slot + 1) & mask;
    }
    slots[slot] = ((tag << bits) | (row - this.source.firstRowNumber + 1)) >>> 0;
    return 0;
  }

  /** The invoice number of a source row, as addOrFind was given it. */
  private keyAt(index: number): string {
    return trimmed(textCell(this.source.rows[index][this.source.invoice]));
  }
}

/** The settings a report states, from the compiled rules. */
function settingsOf(rules: CompiledReceivables): AgingSettings {
  const basis = rules.warningBasisPeriod.basis;
  const legal = rules.period("basis.legal");
  return {
    warningDays: rules.warningDays,
    warningBasis: basis.code,
    warningBasisText: { zh: basis.zh, en: basis.en },
    termsDays: rules.termsDays,
    legalYears: legal.years,
    companyYears: rules.period("basis.company").years,
    maxYears: legal.maxYears,
  };
}

function checkColumns(index: ColumnIndex<AgingColumnKey>, opts: ResolvedAgingOptions, notes: Text[], rb: Rulebook): void {
  const def = (k: AgingColumnKey) => AGING_COLUMNS.find((d) => d.key === k)!;
  const headers = (k: AgingColumnKey) => [def(k).zh, def(k).en, ...def(k).aliases].join(", ");
  if (opts.basis === "invoice" && index.invoiceDate === undefined) {
    throw new LtcError(
      "#VALUE!",
      `The table has no column for 开票日期 (Invoice date), needed to age by invoice date; accepted headers: ${headers("invoiceDate")}`,
    );
  }
  if (index.dueDate === undefined && index.invoiceDate === undefined) {
    throw new LtcError(
      "#VALUE!",
      `The table has no column for 到期日 (Due date) and none for 开票日期 (Invoice date); accepted headers: ` +
        `${headers("dueDate")} — or ${headers("invoiceDate")}`,
    );
  }
  if (index.dueDate === undefined) {
    const days = compiledReceivables(rb).termsDays;
    notes.push({
      zh: `表中没有到期日列：到期日 = 开票日期 + ${days}天（默认付款期限，规则数据）`,
      en: `The table has no due-date column: due date = invoice date + ${days} days (default payment terms, rulebook data)`,
    });
  }
  for (const key of opts.groupBy) {
    const present =
      key === "region" ? index.region !== undefined || index.office !== undefined : index[key as AgingColumnKey] !== undefined;
    if (!present) {
      const k = key as AgingColumnKey;
      throw new LtcError(
        "#VALUE!",
        `groupBy: the table has no column for ${def(k).zh} (${def(k).en}) to group by; accepted headers: ${headers(k)}` +
          (key === "region" ? ` (or a 代表处 (Office) column to derive it)` : ""),
      );
    }
  }
}

// ------------------------------------------------------------------ totals

/** What the totals are computed from: the result's row-level parts. */
type SummaryInput = Pick<
  AgingResult,
  | "options"
  | "rulebookVersion"
  | "source"
  | "region"
  | "buckets"
  | "items"
  | "credits"
  | "problems"
  | "excluded"
  | "settings"
  | "notes"
  | "regions"
  | "units"
>;

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  if (a === "") return 1; // blanks last
  if (b === "") return -1;
  return a < b ? -1 : 1;
}

/** The display value of a group key for item i: trimmed text; unknown classes are "unclassified". */
export function groupValue(items: AgingItems, i: number, key: GroupKey, lang: Lang): string {
  switch (key) {
    case "region":
      return trimmed(items.region(i));
    case "office":
      return trimmed(items.office(i));
    case "customer":
      return trimmed(items.customer(i));
    case "productLine":
      return trimmed(items.productLine(i));
    case "customerClass":
      return items.customerClass(i) === "?" ? (lang === "en" ? UNCLASSIFIED.en : UNCLASSIFIED.zh) : trimmed(items.customerClassText(i));
  }
}

/** More than any number of distinct values of a group key (a table has at most 2^20 rows). */
const GROUP_CODE_SPAN = 2 ** 26;

/**
 * The values of one group key as small numbers, each distinct value once.
 * For the keys kept as labels (region, office, customer class) a label's
 * value is found once, not once per item.
 */
class GroupCodes {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly byLabel: number[] = [];

  constructor(
    private readonly key: GroupKey,
    private readonly lang: Lang,
  ) {}

  of(store: AgingItems, i: number): number {
    const labels = this.key === "region" ? store.regionLabel : this.key === "office" ? store.officeLabel : this.key === "customerClass" ? store.classLabel : null;
    if (labels === null) return this.codeOf(groupValue(store, i, this.key, this.lang));
    const label = labels[i];
    let code = this.byLabel[label];
    if (code === undefined) {
      code = this.codeOf(groupValue(store, i, this.key, this.lang));
      this.byLabel[label] = code;
    }
    return code;
  }

  private codeOf(value: string): number {
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.values.length;
      if (code >= GROUP_CODE_SPAN) throw new RangeError(`more than ${GROUP_CODE_SPAN} distinct group values`);
      this.values.push(value);
      this.index.set(value, code);
    }
    return code;
  }
}

/** Sort rank of a group value: rulebook order for regions, offices and classes, then text. */
function rankOf(key: GroupKey, value: string, rb: Rulebook, lang: Lang): number {
  const rows: readonly LabelRow[] | null =
    key === "region" ? rb.owner.regions : key === "customerClass" ? rb.contract.customerClasses : key === "office" ? rb.owner.offices : null;
  if (!rows) return 0;
  const i = rows.findIndex((r) => (lang === "en" ? r.en : r.zh) === value);
  return i < 0 ? rows.length : i;
}

function emptyGroup(keys: string[], label: string, nBuckets: number): AgingGroup {
  return { keys, label, bucketFen: new Array<number>(nBuckets).fill(0), totalFen: 0, share: 0, count: 0, creditFen: 0, creditCount: 0 };
}

function provisionOf(total: number, ratePercent: number): number {
  // Exact for whole-number rates: split the total so that no product leaves the safe integers.
  const q = Math.trunc(total / 100);
  const r = total - q * 100;
  return Math.round(q * ratePercent + (r * ratePercent) / 100) + 0;
}

function summarize(
  input: SummaryInput,
  tally: { inputFen: number; rows: number; settledRows: number },
  rb: Rulebook,
): AgingResult {
  const { options, buckets, items, credits, excluded } = input;
  const { groupBy, lang } = options;
  const nBuckets = buckets.length;
  const blank = blankGroupText(lang);

  // groups: each key's values as small numbers (GroupCodes), a group per pair of them
  const codes = groupBy.map((key) => new GroupCodes(key, lang));
  const groups = new Map<number, AgingGroup>();
  const groupList: AgingGroup[] = [];
  const groupOf = (store: AgingItems, i: number): AgingGroup => {
    const c0 = codes[0].of(store, i);
    const id = codes.length === 1 ? c0 : c0 * GROUP_CODE_SPAN + codes[1].of(store, i);
    let g = groups.get(id);
    if (!g) {
      const keys = codes.length === 1 ? [codes[0].values[c0]] : [codes[0].values[c0], codes[1].values[id - c0 * GROUP_CODE_SPAN]];
      g = emptyGroup(keys, keys.map((k) => (k === "" ? blank : k)).join(" / "), nBuckets);
      groups.set(id, g);
      groupList.push(g);
    }
    return g;
  };
  const grand = emptyGroup([], lang === "en" ? "Total" : "总计", nBuckets);
  let bucketsFen = 0;
  for (let i = 0; i < items.length; i++) {
    const g = groupOf(items, i);
    const fen = items.outstandingFen(i);
    const b = items.bucket[i];
    g.bucketFen[b] += fen;
    g.totalFen += fen;
    g.count++;
    grand.bucketFen[b] += fen;
    bucketsFen += fen;
  }
  let creditsFen = 0;
  for (let i = 0; i < credits.length; i++) {
    const g = groupOf(credits, i);
    g.creditFen += credits.outstandingFen(i);
    g.creditCount++;
    creditsFen += credits.outstandingFen(i);
  }
  grand.totalFen = bucketsFen;
  grand.count = items.length;
  grand.creditFen = creditsFen;
  grand.creditCount = credits.length;
  grand.share = bucketsFen === 0 ? 0 : 1;
  for (const g of groupList) g.share = bucketsFen === 0 ? 0 : g.totalFen / bucketsFen;
  const ranks = new Map<AgingGroup, number[]>();
  for (const g of groupList) ranks.set(g, g.keys.map((v, i) => rankOf(groupBy[i], v, rb, lang)));
  groupList.sort((a, b) => {
    const ra = ranks.get(a)!;
    const rb2 = ranks.get(b)!;
    for (let i = 0; i < a.keys.length; i++) {
      if (ra[i] !== rb2[i]) return ra[i] - rb2[i];
      const c = compareText(a.keys[i], b.keys[i]);
      if (c !== 0) return c;
    }
    return 0;
  });

  // provision by age band (open items only)
  const bandOf = compiledReceivables(rb).provisionBands;
  const provision: ProvisionLine[] = rb.receivables.provisionBands.map((band) => ({ band, count: 0, outstandingFen: 0, provisionFen: 0 }));
  for (let i = 0; i < items.length; i++) {
    const line = provision[bandOf.indexOf(items.ageDays(i))];
    line.count++;
    line.outstandingFen += items.outstandingFen(i);
  }
  let provisionTotalFen = 0;
  for (const line of provision) {
    line.provisionFen = provisionOf(line.outstandingFen, line.band.ratePercent);
    provisionTotalFen += line.provisionFen;
  }

  // actions (ladder summary), in the rulebook's order
  const actions: ActionLine[] = compiledReceivables(rb).steps.map((step) => ({ step, count: 0, outstandingFen: 0 }));
  for (const store of [items, credits]) {
    for (let i = 0; i < store.length; i++) {
      const a = actions[store.action[i]];
      a.count++;
      a.outstandingFen += store.outstandingFen(i);
    }
  }

  // reconciliation, asserted
  let excludedFen = 0;
  for (const x of excluded) excludedFen += x.outstandingFen;
  const reconciliation: Reconciliation = {
    inputFen: tally.inputFen,
    bucketsFen,
    creditsFen,
    excludedFen,
    rows: tally.rows,
    settledRows: tally.settledRows,
  };
  assertReconciles(reconciliation);

  return {
    options,
    rulebookVersion: input.rulebookVersion,
    source: input.source,
    region: input.region,
    buckets,
    items,
    credits,
    groups: groupList,
    grandTotal: grand,
    problems: input.problems,
    excluded,
    provision,
    provisionTotalFen,
    actions,
    reconciliation,
    settings: input.settings,
    notes: input.notes,
    regions: input.regions,
    units: input.units,
  };
}

/** Throws when the input total is not exactly Σ buckets + Σ credits + Σ excluded (an engine bug, never a data issue). */
export function assertReconciles(r: Reconciliation): void {
  const parts = r.bucketsFen + r.creditsFen + r.excludedFen;
  if (parts !== r.inputFen || !Number.isSafeInteger(parts) || !Number.isSafeInteger(r.inputFen)) {
    throw new Error(
      `aging does not reconcile: input ${formatFen(r.inputFen)} ≠ buckets ${formatFen(r.bucketsFen)} + credits ` +
        `${formatFen(r.creditsFen)} + excluded ${formatFen(r.excludedFen)}`,
    );
  }
}

// ------------------------------------------------------------------ one report per region

/**
 * Splits a result into one result per region (片区), each with its own
 * groups, provision, actions and reconciliation (asserted against what that
 * region's rows contributed). Rows without a region form one more result with
 * region "". Regions come in the result's `regions` order.
 */
export function splitByRegion(result: AgingResult, rb: Rulebook): AgingResult[] {
  const indexesOf = (store: AgingItems): Map<string, number[]> => {
    const m = new Map<string, number[]>();
    for (let i = 0; i < store.length; i++) {
      const r = store.region(i);
      let list = m.get(r);
      if (!list) m.set(r, (list = []));
      list.push(i);
    }
    return m;
  };
  const itemIndexes = indexesOf(result.items);
  const creditIndexes = indexesOf(result.credits);
  const out: AgingResult[] = [];
  for (const tally of result.regions) {
    const region = tally.region;
    out.push(
      summarize(
        {
          options: result.options,
          rulebookVersion: result.rulebookVersion,
          source: result.source,
          region,
          buckets: result.buckets,
          items: result.items.subset(itemIndexes.get(region) ?? []),
          credits: result.credits.subset(creditIndexes.get(region) ?? []),
          problems: result.problems.filter((p) => p.region === region),
          excluded: result.excluded.filter((x) => x.region === region),
          settings: result.settings,
          notes: result.notes,
          units: result.units,
          regions: [tally],
        },
        tally,
        rb,
      ),
    );
  }
  return out;
}

/** The names of an item's flags, in AGING_FLAG order. */
export function flagNames(flags: number): AgingFlagName[] {
  return (Object.keys(AGING_FLAG) as AgingFlagName[]).filter((k) => (flags & AGING_FLAG[k]) !== 0);
}

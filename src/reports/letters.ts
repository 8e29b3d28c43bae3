import { cnyCapitals } from "../rules/capitals";
import { badArg } from "../rules/errors";
import { defineMessages, sayBoth } from "../rules/messages";
import { normalizeLabel } from "../rules/normalize";
import {
  CompiledReceivables,
  compiledReceivables,
  DunningLevelRow,
  isRouting,
  LetterKind,
  LimitationPeriod,
  ROUTING_BIT,
} from "../rules/receivables";
import type { Rulebook } from "../rules/rulebook";
import { Lang, Text } from "../rules/types";
import { formatFen, isoFromSerial, MAX_SERIAL, parseDate, parseLang, serialFromInput } from "../rules/values";
import { AGING_COLUMNS, AGING_FLAG, AgingItems, AgingResult, buildAging } from "./aging";
import { anchorHeader, ColumnDef, DataIssue, isEmptyRow, mapColumns, RawTable, sameText } from "./table";

/**
 * Customer letters (§13): the 对账函 (statement and balance confirmation) and
 * the 催款函 (dunning letter), built on the aging report. The receivables
 * table is read by the aging engine (same reader, same data issues); an
 * optional dunning log (催收记录, or the letter register of an earlier run)
 * gives each item its last demand and the customer's last signed
 * acknowledgment. Every decision — bucket, limitation date, routing, dunning
 * level, letter number — is asked of the compiled receivables rules; this
 * module only gathers each customer's items and says what the letter does for
 * each: keeps it alive (a demand served while the period runs restarts it,
 * Civil Code art. 195), or, for a period that ran out, only the customer's
 * signature on the reply slip can save it (SPC provisions on limitation, art. 19).
 */

export type { LetterKind } from "../rules/receivables";
export const LETTER_KINDS: readonly LetterKind[] = ["statement", "dunning"];

// ------------------------------------------------------------------ the dunning log

export type LogColumnKey = "customer" | "contract" | "invoice" | "date" | "method" | "signed" | "number";

/** 催收记录 columns; the register's own headers (送达日期, 类型, 回执, 函号) are aliases, so last run's register is this run's log. */
export const LOG_COLUMNS: readonly ColumnDef<LogColumnKey>[] = [
  { key: "customer", zh: "客户", en: "Customer", aliases: ["客户名称", "Customer name", "Client"], required: true },
  { key: "contract", zh: "合同号", en: "Contract", aliases: ["合同编号", "合同", "Contract no.", "Contract number"] },
  { key: "invoice", zh: "发票号", en: "Invoice", aliases: ["发票号码", "发票编号", "Invoice no.", "Invoice number"] },
  { key: "date", zh: "日期", en: "Date", aliases: ["送达日期", "催收日期", "发函日期", "Served on", "Date served"], required: true },
  { key: "method", zh: "方式", en: "Method", aliases: ["类型", "催收方式", "函件类型", "Type", "Kind"] },
  { key: "signed", zh: "客户签章确认", en: "Signed by customer", aliases: ["回执", "签章确认", "客户确认", "Customer confirmed", "Reply slip", "Signed"] },
  { key: "number", zh: "函号", en: "Letter no.", aliases: ["函件编号", "Letter number", "Reference"] },
];

/**
 * The ways of demanding payment a log records. Each is a demand or
 * acknowledgment that restarts a running period (Civil Code art. 195: a
 * demand, a suit, the debtor agreeing to pay); a promise to pay is the
 * customer's own written acknowledgment, like a signed reply slip.
 */
export interface LogMethod extends Text {
  aliases: readonly string[];
  acknowledges: boolean;
}

export const LOG_METHODS: readonly LogMethod[] = [
  { zh: "对账函", en: "Statement", aliases: ["对账单", "询证函", "balance confirmation", "reconciliation letter"], acknowledges: false },
  {
    zh: "催款函",
    en: "Dunning letter",
    aliases: ["催收函", "提醒函", "最后催告函", "催告函", "payment reminder", "demand for payment", "final demand", "demand letter"],
    acknowledges: false,
  },
  { zh: "律师函", en: "Lawyer letter", aliases: ["lawyer's letter", "attorney letter"], acknowledges: false },
  { zh: "还款承诺", en: "Promise to pay", aliases: ["还款承诺书", "付款承诺", "承诺函", "repayment promise"], acknowledges: true },
  { zh: "起诉", en: "Lawsuit", aliases: ["诉讼", "仲裁", "litigation", "suit", "arbitration"], acknowledges: false },
];

const METHOD_BY_KEY = new Map<string, LogMethod>();
for (const m of LOG_METHODS) for (const a of [m.zh, m.en, ...m.aliases]) METHOD_BY_KEY.set(normalizeLabel(a), m);

const SIGNED_YES = new Set(["是", "已签章", "签章", "已盖章", "盖章", "相符", "无误", "已确认", "确认", "yes", "y", "true", "1", "signed", "confirmed", "agreed"].map(normalizeLabel));
const SIGNED_NO = new Set(
  ["否", "未签章", "未盖章", "不符", "信息不符", "未回", "未回复", "无", "no", "n", "false", "0", "not signed", "disputed", "-", "/"].map(normalizeLabel),
);

/** One usable row of the log. */
interface LogEntry {
  contract: string;
  invoice: string;
  date: number;
  acknowledges: boolean;
}

export interface DunningLog {
  /** entries by customer key (normalised name), dated on or before the as-of date */
  byCustomer: Map<string, LogEntry[]>;
  /** letter numbers already given (函号 column), for numbering on from them */
  numbers: string[];
  issues: DataIssue[];
  /** rows dated after the as-of date (not counted), rows of a register not yet marked served */
  later: number;
  notServed: number;
  rows: number;
}

const LOG_TEXT = defineMessages({
  dateUnreadable: { zh: "日期无法识别：该行不计入", en: "the date is not a readable date: row not counted" },
  dateBlank: { zh: "日期为空：该行不计入", en: "the date is blank: row not counted" },
  customerBlank: { zh: "客户为空：该行不计入", en: "the customer is blank: row not counted" },
  methodUnknown: {
    zh: "未知催收方式（应为 对账函、催款函、律师函、还款承诺 或 起诉）：按催款计入",
    en: "unknown method (expected 对账函, 催款函, 律师函, 还款承诺 or 起诉): counted as a demand",
  },
  signedUnknown: { zh: "客户签章确认应为 是 或 否：按未签章计入", en: "signed by customer should be 是 (yes) or 否 (no): counted as not signed" },
});

function text(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  return String(v).trim();
}

function dateOf(v: unknown): number | undefined {
  if (typeof v === "number") return v >= 1 && v <= MAX_SERIAL ? Math.floor(v) : undefined;
  return serialFromInput(v);
}

export function customerKey(name: string): string {
  return normalizeLabel(name);
}

/**
 * Reads a dunning log (or an earlier run's register) as of a date. A register
 * row whose 送达日期 is still blank was generated but not served: no demand
 * yet, counted but no data issue; in a log without a 函号 column a blank date is one.
 */
export function readDunningLog(given: RawTable, asOf: number): DunningLog {
  const table = anchorHeader(given, LOG_COLUMNS);
  const at = mapColumns(table.header, LOG_COLUMNS, table.firstColumn);
  const isRegister = at.number !== undefined;
  const log: DunningLog = { byCustomer: new Map(), numbers: [], issues: [], later: 0, notServed: 0, rows: 0 };
  const column = (key: LogColumnKey): Text => {
    const i = at[key];
    return i !== undefined && table.header[i] !== null && table.header[i] !== undefined ? sameText(String(table.header[i]).trim()) : LOG_COLUMNS.find((d) => d.key === key)!;
  };
  const cell = (r: readonly unknown[], key: LogColumnKey) => (at[key] === undefined ? undefined : r[at[key]!]);
  table.rows.forEach((r, i) => {
    if (isEmptyRow(r)) return;
    const row = table.firstRowNumber + i;
    log.rows++;
    const issue = (key: LogColumnKey, reason: Text): void => {
      log.issues.push({ row, column: { zh: column(key).zh, en: column(key).en }, value: cell(r, key) ?? null, reason });
    };
    const number = text(cell(r, "number"));
    if (number !== "") log.numbers.push(number);
    const customer = text(cell(r, "customer"));
    if (customer === "") return issue("customer", LOG_TEXT.customerBlank);
    const dateCell = cell(r, "date");
    if (text(dateCell) === "") {
      if (isRegister) log.notServed++;
      else issue("date", LOG_TEXT.dateBlank);
      return;
    }
    const date = dateOf(dateCell);
    if (date === undefined) return issue("date", LOG_TEXT.dateUnreadable);
    if (date > asOf) {
      log.later++;
      return;
    }
    const methodText = text(cell(r, "method"));
    const method = methodText === "" ? undefined : METHOD_BY_KEY.get(normalizeLabel(methodText));
    if (methodText !== "" && method === undefined) issue("method", LOG_TEXT.methodUnknown);
    const signedText = text(cell(r, "signed"));
    let signed = false;
    if (signedText !== "") {
      const key = normalizeLabel(signedText);
      signed = SIGNED_YES.has(key);
      if (!signed && !SIGNED_NO.has(key)) issue("signed", LOG_TEXT.signedUnknown);
    }
    const entry: LogEntry = {
      contract: normalizeLabel(text(cell(r, "contract"))),
      invoice: normalizeLabel(text(cell(r, "invoice"))),
      date,
      acknowledges: signed || method?.acknowledges === true,
    };
    const key = customerKey(customer);
    const list = log.byCustomer.get(key);
    if (list) list.push(entry);
    else log.byCustomer.set(key, [entry]);
  });
  return log;
}

/** The latest demand and acknowledgment the log gives an item (0 for none); blank contract and invoice cover the whole customer. */
function logActs(entries: readonly LogEntry[] | undefined, contract: string, invoice: string): { demand: number; acknowledged: number } {
  let demand = 0;
  let acknowledged = 0;
  if (!entries) return { demand, acknowledged };
  const c = normalizeLabel(contract);
  const inv = normalizeLabel(invoice);
  for (const e of entries) {
    if ((e.contract !== "" && e.contract !== c) || (e.invoice !== "" && e.invoice !== inv)) continue;
    if (e.date > demand) demand = e.date;
    if (e.acknowledges && e.date > acknowledged) acknowledged = e.date;
  }
  return { demand, acknowledged };
}

/**
 * The receivables table with the log's latest demand written into its
 * 最近催款或对账日 column where it is later than the table's (added as a
 * column when the table has none), and each row's last acknowledgment. A
 * table cell that is not a readable date is left as it is, so that the aging
 * reports it as it would without a log.
 */
function tableWithLog(given: RawTable, log: DunningLog): { table: RawTable; acknowledged: Map<number, number> } {
  const table = anchorHeader(given, AGING_COLUMNS);
  const at = mapColumns(table.header, AGING_COLUMNS, table.firstColumn);
  const acknowledged = new Map<number, number>();
  if (at.customer === undefined) return { table, acknowledged };
  const demandAt = at.lastDemand ?? table.header.length;
  const header = at.lastDemand === undefined ? [...table.header, AGING_COLUMNS.find((d) => d.key === "lastDemand")!.zh] : table.header;
  const textAt = (r: readonly unknown[], i: number | undefined) => (i === undefined ? "" : text(r[i]));
  const rows = table.rows.map((r, i) => {
    const acts = logActs(log.byCustomer.get(customerKey(textAt(r, at.customer))), textAt(r, at.contract), textAt(r, at.invoice));
    if (acts.acknowledged > 0) acknowledged.set(table.firstRowNumber + i, acts.acknowledged);
    if (acts.demand === 0) return r;
    const current = r[demandAt];
    const blank = current === null || current === undefined || text(current) === "";
    const serial = blank ? 0 : dateOf(current);
    if (serial === undefined || serial >= acts.demand) return r;
    const copy = [...r];
    copy[demandAt] = acts.demand;
    return copy;
  });
  return { table: { ...table, header, rows }, acknowledged };
}

// ------------------------------------------------------------------ options and result

export interface LettersOptions {
  /** the as-of date (the letters' date): a serial or anything parseDate reads */
  asOf: unknown;
  /** statements (default) or dunning letters */
  kind?: LetterKind;
  lang?: Lang;
  /** customers to write to (as the table names them); all when absent or empty */
  customers?: readonly string[];
  /** our company's name; the rulebook's fallback (letters.companyName) when blank */
  companyName?: string;
}

/** Where an item stands: its legal limitation period still runs, has run out, or it is a credit (owed to the customer). */
export type ItemState = "running" | "ranOut" | "credit";

export interface LetterItem {
  row: number;
  contract: string;
  invoice: string;
  invoiceDate: number | null;
  dueDate: number;
  amountFen: number;
  paidFen: number;
  /** negative for a credit (应退) */
  outstandingFen: number;
  /** days past due, 0 when not yet due */
  daysOverdue: number;
  /** the aging bucket's label, or the credit label */
  bucket: string;
  state: ItemState;
  /** the legal limitation date with the log applied (a signature's revival included); 0 for a credit */
  limitationEnd: number;
  /** running: the date the period ends if this letter is served on the as-of date; ran out: if the customer signs it then */
  endIfServed: number;
  /** the customer's signature after the period ran out revived the claim */
  revived: boolean;
  lastAcknowledged: number;
  /** a dunning letter holds the item back (the rulebook's letters.dunningHoldRouting) */
  held: boolean;
  /** the routing the rules give the item (quality dispute, cross-region, unable to pay), or null */
  routing: Text | null;
  office: string;
  region: string;
  /** what the letter does for this item, in both languages */
  note: Text;
}

export interface Letter {
  kind: LetterKind;
  /** 函号 */
  number: string;
  customer: string;
  office: string;
  region: string;
  /** the dunning level (dunning letters only) */
  level: DunningLevelRow | null;
  /** the statement: every open item and credit; the dunning letter: the items it demands */
  items: LetterItem[];
  /** statement: the balance (credits netted); dunning: the total demanded */
  balanceFen: number;
  /** 大写 of the balance's absolute value (a credit balance says 应退 beside it) */
  balanceInWords: string;
  /** statement: outstanding by aging bucket, then credits */
  agingStrip: { label: string; fen: number }[];
  /** the dunning letter's text with its placeholders filled (null for a statement) */
  body: Text | null;
  /** items left off a dunning letter: their period ran out / held back by routing */
  ranOutFen: number;
  heldFen: number;
}

export interface RegisterRow {
  number: string;
  customer: string;
  /** 对账函 or the dunning level's name, in the result's language */
  kind: string;
  amountFen: number;
  items: number;
  generatedOn: number;
}

export interface LettersResult {
  asOf: number;
  kind: LetterKind;
  lang: Lang;
  companyName: string;
  letters: Letter[];
  register: RegisterRow[];
  /** the aging's data issues, then the log's */
  issues: DataIssue[];
  /** table-level notes: the aging's, the log's counts, customers without a letter */
  notes: Text[];
  aging: AgingResult;
  rulebookVersion: string;
}

const TEXT = defineMessages({
  running: {
    zh: "时效至 {end}；本函送达即中断时效，重新起算至 {served}（《民法典》第195条）",
    en: "limitation ends {end}; this letter, once served, restarts it to {served} (Civil Code art. 195)",
  },
  revived: {
    zh: "时效曾于 {lapsed} 届满，客户已于 {signed} 签章确认，时效自该日重新起算至 {end}；本函送达再次中断，至 {served}",
    en: "limitation ran out {lapsed}; the customer signed an acknowledgment on {signed}, restarting it to {end}; this letter, once served, restarts it to {served}",
  },
  ranOut: {
    zh: "诉讼时效已于 {end} 届满：催款不能使其重新起算；客户在回执上签章确认本项欠款，我方仍可主张（最高人民法院诉讼时效规定第19条），时效自签章日起算至 {served}",
    en: "limitation ran out {end}: a demand no longer restarts it; if the customer signs the reply slip confirming this item, the claim stands (SPC provisions on limitation, art. 19) and runs from the signature to {served}",
  },
  credit: { zh: "应退：我方应退还或冲抵客户 {amount} 元", en: "credit: we owe the customer {amount} yuan, to refund or offset" },
  creditBucket: { zh: "应退", en: "Credit" },
  blankCustomer: { zh: "客户为空：此项无法出函", en: "the customer is blank: no letter can include this item" },
  logCounts: {
    zh: "催收记录：读取 {rows} 行；{later} 行晚于截止日期未计入；{notServed} 份函件尚未填写送达日期（未送达不中断时效）",
    en: "dunning log: {rows} rows read; {later} dated after the as-of date not counted; {notServed} letters without a served date (a letter not served restarts nothing)",
  },
  noLetter: {
    zh: "{count} 户客户有逾期款项但无可催收项（时效已届满或按规则暂不催收），未生成催款函：{names}",
    en: "{count} customers with overdue items have nothing a dunning letter can demand (limitation ran out, or held back by the rules); no letter: {names}",
  },
});

// ------------------------------------------------------------------ the builder

interface CustomerItems {
  name: string;
  open: number[];
  credits: number[];
}

/** The customer filter: every name must be a customer of the table (#VALUE! naming it and some that are). */
function selectCustomers(all: Map<string, CustomerItems>, wanted: readonly string[] | undefined): CustomerItems[] {
  if (!wanted || wanted.length === 0) return [...all.values()];
  const out: CustomerItems[] = [];
  for (const name of wanted) {
    const hit = all.get(customerKey(name));
    if (!hit) {
      const known = [...all.values()].slice(0, 5).map((c) => c.name).join(", ");
      throw badArg("customer", name, `accepts a customer of the receivables table with a balance (e.g. ${known})`);
    }
    if (!out.includes(hit)) out.push(hit);
  }
  return out;
}

/** The serial after which this run numbers its letters: the highest the register already gave for this pattern and date. */
function firstSerial(numbers: readonly string[], c: CompiledReceivables, kind: LetterKind, on: number): number {
  const numbering = c.numbering(kind);
  let max = 0;
  for (const n of numbers) max = Math.max(max, numbering.serialOf(on, n));
  return max + 1;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole));
}

/**
 * The letters of a receivables table as of a date: statements for every
 * customer with a non-zero balance, or dunning letters for every customer
 * with overdue items a letter can demand, at the level the rulebook gives.
 */
export function buildLetters(table: RawTable, log: RawTable | undefined, options: LettersOptions, rb: Rulebook): LettersResult {
  const asOf = parseDate(options.asOf, "asOf");
  const lang = parseLang(options.lang, "lang");
  const kind = options.kind ?? "statement";
  if (!LETTER_KINDS.includes(kind)) throw badArg("kind", String(kind), `accepts "statement" (对账函, the default) or "dunning" (催款函)`);
  const c = compiledReceivables(rb);
  if (kind === "dunning") c.checkDunningLevels();
  const numbering = c.numbering(kind);
  const companyName = options.companyName?.trim() || c.companyNameFallback;

  const dunningLog = log ? readDunningLog(log, asOf) : undefined;
  const withLog = dunningLog ? tableWithLog(table, dunningLog) : { table, acknowledged: new Map<number, number>() };
  const aging = buildAging(withLog.table, { asOf, groupBy: ["customer"], lang }, rb);
  const legal = c.period("basis.legal");

  const issues: DataIssue[] = [...aging.problems];
  const customers = new Map<string, CustomerItems>();
  const gather = (store: AgingItems, credit: boolean) => {
    for (let i = 0; i < store.length; i++) {
      const name = store.customer(i).trim();
      if (name === "") {
        issues.push({ row: store.row[i], column: AGING_COLUMNS.find((d) => d.key === "customer")!, value: null, reason: TEXT.blankCustomer });
        continue;
      }
      const key = customerKey(name);
      let entry = customers.get(key);
      if (!entry) customers.set(key, (entry = { name, open: [], credits: [] }));
      (credit ? entry.credits : entry.open).push(i);
    }
  };
  gather(aging.items, false);
  gather(aging.credits, true);
  if (dunningLog) issues.push(...dunningLog.issues);
  // letters in the order customers first appear in the table
  const firstRow = (e: CustomerItems) => Math.min(e.open.length ? aging.items.row[e.open[0]] : Infinity, e.credits.length ? aging.credits.row[e.credits[0]] : Infinity);
  const chosen = selectCustomers(customers, options.customers).sort((a, b) => firstRow(a) - firstRow(b));

  const item = (store: AgingItems, i: number, credit: boolean): LetterItem => {
    const due = store.dueDate[i];
    const flags = store.flags[i];
    const step = store.step(i);
    const routing = !credit && isRouting(step) ? { zh: step.zh, en: step.en } : null;
    const bits =
      (flags & AGING_FLAG.unableToPay ? ROUTING_BIT.unableToPay : 0) |
      (flags & AGING_FLAG.qualityDispute ? ROUTING_BIT.qualityDispute : 0) |
      (flags & AGING_FLAG.crossRegion ? ROUTING_BIT.crossRegion : 0);
    const base = {
      row: store.row[i],
      contract: store.contract(i),
      invoice: store.invoice(i),
      invoiceDate: store.invoiceDate[i] === 0 ? null : store.invoiceDate[i],
      dueDate: due,
      amountFen: store.amountFen[i],
      paidFen: store.paidFen[i],
      outstandingFen: store.outstandingFen(i),
      daysOverdue: Math.max(0, asOf - due),
      office: store.office(i),
      region: store.region(i),
      routing,
      held: !credit && c.dunningHolds(bits),
    };
    if (credit) {
      return {
        ...base,
        bucket: lang === "en" ? TEXT.creditBucket.en : TEXT.creditBucket.zh,
        state: "credit",
        limitationEnd: 0,
        endIfServed: 0,
        revived: false,
        lastAcknowledged: 0,
        note: sayBoth(TEXT.credit, { amount: formatFen(-store.outstandingFen(i)) }),
      };
    }
    const acknowledged = withLog.acknowledged.get(store.row[i]) ?? 0;
    const legalEnd = store.legalLimitation(i);
    const limitation = limitationOf(legal, due, legalEnd, acknowledged, store.lastDemand[i], store.lastPayment[i]);
    const ranOut = limitation.end < asOf;
    const endIfServed = ranOut ? legal.acknowledgedEnd(due, limitation.end, asOf) : legal.restartedEnd(due, limitation.end, asOf);
    const dates = { end: isoFromSerial(limitation.end), served: isoFromSerial(endIfServed) };
    const note = ranOut
      ? sayBoth(TEXT.ranOut, dates)
      : limitation.revived
        ? sayBoth(TEXT.revived, { ...dates, lapsed: isoFromSerial(legalEnd), signed: isoFromSerial(acknowledged) })
        : sayBoth(TEXT.running, dates);
    return {
      ...base,
      bucket: aging.buckets[store.bucket[i]].label,
      state: ranOut ? "ranOut" : "running",
      limitationEnd: limitation.end,
      endIfServed,
      revived: limitation.revived,
      lastAcknowledged: acknowledged,
      note,
    };
  };

  const letters: Letter[] = [];
  const unlettered: string[] = [];
  let serial = firstSerial(dunningLog?.numbers ?? [], c, kind, asOf);
  const asOfText = isoFromSerial(asOf);
  for (const customer of chosen) {
    const open = customer.open.map((i) => item(aging.items, i, false));
    const credits = customer.credits.map((i) => item(aging.credits, i, true));
    const all = [...open, ...credits].sort((a, b) => a.row - b.row);
    const offices = [...new Set(all.map((x) => x.office).filter((o) => o !== ""))];
    const regions = [...new Set(all.map((x) => x.region).filter((o) => o !== ""))];
    const place = { customer: customer.name, office: offices.join("、"), region: regions.join("、") };
    if (kind === "statement") {
      const balanceFen = all.reduce((s, x) => s + x.outstandingFen, 0);
      if (balanceFen === 0) continue;
      const strip = aging.buckets.map((b) => ({ label: b.label, fen: 0 }));
      for (const i of customer.open) strip[aging.items.bucket[i]].fen += aging.items.outstandingFen(i);
      const creditFen = credits.reduce((s, x) => s + x.outstandingFen, 0);
      if (creditFen !== 0) strip.push({ label: lang === "en" ? TEXT.creditBucket.en : TEXT.creditBucket.zh, fen: creditFen });
      letters.push({
        kind,
        number: numbering.format(asOf, serial++),
        ...place,
        level: null,
        items: all,
        balanceFen,
        balanceInWords: cnyCapitals(Math.abs(balanceFen)),
        agingStrip: strip,
        body: null,
        ranOutFen: open.filter((x) => x.state === "ranOut").reduce((s, x) => s + x.outstandingFen, 0),
        heldFen: 0,
      });
      continue;
    }
    const overdue = open.filter((x) => x.daysOverdue > 0);
    if (overdue.length === 0) continue;
    const demanded = overdue.filter((x) => x.state === "running" && !x.held);
    const totalFen = demanded.reduce((s, x) => s + x.outstandingFen, 0);
    const level = c.dunningLevel(demanded.reduce((m, x) => Math.max(m, x.daysOverdue), 0), totalFen);
    if (!level) {
      unlettered.push(customer.name);
      continue;
    }
    const words = cnyCapitals(totalFen);
    const values = { company: companyName, customer: customer.name, asOf: asOfText, amount: formatFen(totalFen), amountInWords: words };
    letters.push({
      kind,
      number: numbering.format(asOf, serial++),
      ...place,
      level,
      items: demanded,
      balanceFen: totalFen,
      balanceInWords: words,
      agingStrip: [],
      body: { zh: fill(level.bodyZh, values), en: fill(level.bodyEn, values) },
      ranOutFen: overdue.filter((x) => x.state === "ranOut").reduce((s, x) => s + x.outstandingFen, 0),
      heldFen: overdue.filter((x) => x.state === "running" && x.held).reduce((s, x) => s + x.outstandingFen, 0),
    });
  }

  const kindName = (l: Letter): string =>
    l.level ? (lang === "en" ? l.level.en : l.level.zh) : lang === "en" ? "Statement" : "对账函";
  const register: RegisterRow[] = letters.map((l) => ({
    number: l.number,
    customer: l.customer,
    kind: kindName(l),
    amountFen: l.balanceFen,
    items: l.items.length,
    generatedOn: asOf,
  }));
  const notes: Text[] = [...aging.notes];
  if (dunningLog) notes.push(sayBoth(TEXT.logCounts, { rows: dunningLog.rows, later: dunningLog.later, notServed: dunningLog.notServed }));
  if (unlettered.length > 0) notes.push(sayBoth(TEXT.noLetter, { count: unlettered.length, names: unlettered.slice(0, 20).join("、") }));
  return { asOf, kind, lang, companyName, letters, register, issues, notes, aging, rulebookVersion: rb.version };
}

/**
 * An item's legal limitation with the customer's last signed acknowledgment
 * applied by the rules (LimitationPeriod.acknowledgedEnd): one after the
 * period ran out revives it, and a later payment or demand then restarts the
 * revived period while it runs.
 */
function limitationOf(
  legal: LimitationPeriod,
  due: number,
  agedEnd: number,
  acknowledged: number,
  lastDemand: number,
  lastPayment: number,
): { end: number; revived: boolean } {
  if (acknowledged <= agedEnd) return { end: legal.acknowledgedEnd(due, agedEnd, acknowledged), revived: false };
  let end = legal.acknowledgedEnd(due, agedEnd, acknowledged);
  for (const act of [lastPayment, lastDemand].sort((a, b) => a - b)) if (act > acknowledged) end = legal.restartedEnd(due, end, act);
  return { end, revived: end > agedEnd };
}

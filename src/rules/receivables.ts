import { sectionCompiler } from "./compile";
import {
  AgingBucketRow,
  ApprovalStepRow,
  COMPANY_NAME_KEY,
  DUNNING_HOLD_KEY,
  DUNNING_NUMBER_KEY,
  DunningLevelRow,
  STATEMENT_NUMBER_KEY,
  EscalationRow,
  LimitationBasisRow,
  MAX_YEARS_KEY,
  ReceivablesRules,
  RoutingCondition,
  RoutingRow,
  TERMS_DAYS_KEY,
  VatCertificationRow,
  WARNING_BASIS_KEY,
  WARNING_DAYS_KEY,
} from "./data/receivables";
import { badArg, LtcError, noRule } from "./errors";
import { isBlank, parseLabel } from "./labels";
import { normalizeLabel } from "./normalize";
import type { Rulebook } from "./rulebook";
import { decided, Decision, Lang, RuleRef, Text } from "./types";
import { addYears, isoFromSerial, parseDate, ymdFromSerial } from "./values";

export type {
  AgingBucketRow,
  ApprovalChainRow,
  ApprovalStepRow,
  DemandEvidenceRow,
  DunningLevelRow,
  EscalationRow,
  InvoiceTypeRow,
  LimitationBasisRow,
  PolicyRow,
  ProvisionBandRow,
  ReceivablesRules,
  RoutingCondition,
  RoutingRow,
  VatCertificationRow,
} from "./data/receivables";
export {
  COMPANY_NAME_KEY,
  COMPANY_YEARS_KEY,
  DEFAULT_RECEIVABLES,
  DUNNING_HOLD_KEY,
  DUNNING_NUMBER_KEY,
  STATEMENT_NUMBER_KEY,
  LEGAL_YEARS_KEY,
  MAX_YEARS_KEY,
  TERMS_DAYS_KEY,
  WARNING_BASIS_KEY,
  WARNING_DAYS_KEY,
} from "./data/receivables";

/**
 * Rulebook §13–14 evaluated: one compiled form of the receivables section
 * (`compileReceivables`) that the functions (AGINGBUCKET, LIMITDATE), the aging
 * report, explain-cell and the CLI all ask. Each rule is implemented here
 * once; the report uses the index-returning primitives (`bucketIndex`,
 * `actionIndex`, `LimitationPeriod.end`) so that a million rows need no
 * per-row objects, and the object-returning evaluators are built on the same
 * primitives, so the two cannot disagree.
 *
 * A broken part of the section (a bucket table out of order, a setting that is
 * not whole years) is found once, when the section is compiled, and reported
 * as #N/A by whatever uses that part; the other parts keep working.
 */

/** What the receivables evaluators read of a rulebook. */
export type ReceivablesBook = Pick<Rulebook, "receivables">;

// ------------------------------------------------------------------ day bands

/**
 * Day counts → the index of a band given by inclusive upper edges (aging
 * buckets, provision bands). Days ≤ 0 (not overdue) fall in the first band;
 * days past the last edge in the open-ended band after it.
 */
export class DayBands {
  private readonly table: Uint16Array;

  /** `edges`: whole days, increasing, the first ≥ 0; there are edges.length + 1 bands. */
  constructor(readonly edges: readonly number[]) {
    // A lookup table for the usual edges (a few years); very wide edges fall back to a scan.
    const max = Math.min(edges.length === 0 ? 0 : edges[edges.length - 1], 40_000);
    this.table = new Uint16Array(max + 1);
    let band = 0;
    for (let d = 0; d <= max; d++) {
      while (d > edges[band]) band++;
      this.table[d] = band;
    }
  }

  indexOf(days: number): number {
    if (days <= 0) return 0;
    if (days < this.table.length) return this.table[days];
    let band = 0;
    while (band < this.edges.length && days > this.edges[band]) band++;
    return band;
  }
}

/**
 * Checks a band table (aging buckets, provision bands): at least one row,
 * maxDays strictly increasing whole days, the first ≥ 0, and only the last
 * open-ended — it must be, so that every age has a band.
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
    if (last) throw noRule(`${table} row ${r.code}: the last row must be open-ended (maxDays blank), so that every age has a row`);
    prior = r.maxDays;
  });
}

function bandsOf(rows: readonly { code: string; maxDays: number | null }[], table: string): DayBands {
  checkBucketRows(rows, table);
  return new DayBands(rows.filter((r) => r.maxDays !== null).map((r) => r.maxDays as number));
}

// ------------------------------------------------------------------ limitation

/** A date restarting the period: the due date itself, or the last payment or demand. */
export type LimitationAct = "due" | "payment" | "demand";

/** How a limitation date came about (for explanations and the report's flag). */
export interface LimitationDetail {
  end: number;
  /** when the period last (re)started */
  start: number;
  startedBy: LimitationAct;
  /** the end is the longest-protection bound (20 years from the due date) */
  capped: boolean;
  /** a payment or demand dated after the period had run out (it restarted nothing), 0 if none */
  lapsedAct: number;
  lapsedBy: LimitationAct | null;
}

/** start → start + years, remembered in a direct-mapped table (dates cluster within a few years). */
class YearsAdder {
  private readonly keys = new Int32Array(8192);
  private readonly values = new Int32Array(8192);

  constructor(readonly years: number) {}

  of(serial: number): number {
    const slot = serial & 8191;
    if (this.keys[slot] === serial) return this.values[slot];
    const v = addYears(serial, this.years);
    this.keys[slot] = serial;
    this.values[slot] = v;
    return v;
  }
}

/**
 * One limitation period (legal or company) with the law applied to it: it
 * runs `years` from the due date; a payment or demand dated while it still
 * runs restarts it from that date (PRC Civil Code art. 195), one dated after
 * it ran out changes nothing; and it never ends later than `maxYears` after
 * the due date (art. 188). Only the last payment and the last demand are
 * known, so those two are the acts considered, in date order.
 */
export class LimitationPeriod {
  private readonly plus: YearsAdder;

  constructor(
    readonly basis: LimitationBasisRow,
    readonly years: number,
    private readonly bound: YearsAdder,
  ) {
    this.plus = new YearsAdder(years);
  }

  get maxYears(): number {
    return this.bound.years;
  }

  /** The period's last day (serial). `lastPayment` / `lastDemand`: serials, 0 for none. */
  end(dueDate: number, lastPayment: number, lastDemand: number): number {
    return this.run(dueDate, lastPayment, lastDemand, undefined);
  }

  /** The end with how it came about. */
  detail(dueDate: number, lastPayment: number, lastDemand: number): LimitationDetail {
    const detail: LimitationDetail = { end: 0, start: dueDate, startedBy: "due", capped: false, lapsedAct: 0, lapsedBy: null };
    this.run(dueDate, lastPayment, lastDemand, detail);
    return detail;
  }

  /**
   * The end after one more act on `act` (a demand served, a payment), given
   * the end the period has without it: the act restarts the period only while
   * it runs (art. 195), never past the longest protection from the due date.
   */
  restartedEnd(due: number, end: number, act: number): number {
    if (act <= 0 || act > end) return end;
    const cap = this.bound.of(due);
    const restarted = Math.min(this.plus.of(act), cap);
    return restarted > end ? restarted : end;
  }

  /**
   * The end once the customer has acknowledged the debt in writing on `act`
   * (a signed 对账函, a promise to pay): while the period runs that restarts
   * it like a demand; after it ran out the customer can no longer plead it
   * (SPC provisions on limitation, art. 19), so a new period runs from the
   * acknowledgment — still never past the longest protection from the due date.
   */
  acknowledgedEnd(due: number, end: number, act: number): number {
    if (act <= 0) return end;
    if (act <= end) return this.restartedEnd(due, end, act);
    const revived = Math.min(this.plus.of(act), this.bound.of(due));
    return revived > end ? revived : end;
  }

  private run(due: number, lastPayment: number, lastDemand: number, detail: LimitationDetail | undefined): number {
    const cap = this.bound.of(due);
    let end = this.plus.of(due);
    if (end > cap) end = cap;
    let start = due;
    let startedBy: LimitationAct = "due";
    let lapsed = 0;
    let lapsedBy: LimitationAct | null = null;
    // the two acts in date order (a demand on the day of a payment is considered after it)
    const paymentFirst = lastDemand <= 0 || (lastPayment > 0 && lastPayment <= lastDemand);
    for (let k = 0; k < 2; k++) {
      const which: LimitationAct = (k === 0) === paymentFirst ? "payment" : "demand";
      const act = which === "payment" ? lastPayment : lastDemand;
      if (act <= 0) continue;
      if (act > end) {
        // ran out before this act: it, and any later one, restarts nothing
        lapsed = act;
        lapsedBy = which;
        break;
      }
      let restarted = this.plus.of(act);
      if (restarted > cap) restarted = cap;
      if (restarted > end) {
        end = restarted;
        start = act;
        startedBy = which;
      }
    }
    if (detail) {
      detail.end = end;
      detail.start = start;
      detail.startedBy = startedBy;
      detail.capped = end === cap && this.plus.of(start) > cap;
      detail.lapsedAct = lapsed;
      detail.lapsedBy = lapsedBy;
    }
    return end;
  }
}

/**
 * A payment or demand came after the period had run out (so it restarted
 * nothing): only the customer's written acknowledgement of the debt can
 * revive the claim (SPC provisions on limitation, art. 19). `end` is the
 * period's end as LimitationPeriod computed it; acts are serials, 0 for none.
 */
export function actAfterLapse(lastPayment: number, lastDemand: number, end: number): boolean {
  return lastPayment > end || lastDemand > end;
}

// ------------------------------------------------------------------ actions

/** Bits of the situations that route an item away from the ladder, for `actionIndex`. */
export const ROUTING_BIT: Record<RoutingCondition, number> = { unableToPay: 1, qualityDispute: 2, crossRegion: 4 };

/** The action a rulebook gives an item: a ladder or credit step (escalation) or a routing. */
export type ActionStep = EscalationRow | RoutingRow;

export function isRouting(step: ActionStep): step is RoutingRow {
  return (step as RoutingRow).when !== undefined;
}

const ROUTING_TEXT: Record<RoutingCondition, Text> = {
  unableToPay: { zh: "客户无力支付（经营异常）", en: "Customer unable to pay (business abnormal)" },
  qualityDispute: { zh: "有质量问题", en: "Quality dispute" },
  crossRegion: { zh: "客户所在地不在本代表处片区", en: "Customer located outside the office's region" },
};

/** Limitation warning of an open item: how close the warning-basis limitation date is. */
export const WARNING = { none: 0, soon: 1, expired: 2 } as const;
export type WarningState = (typeof WARNING)[keyof typeof WARNING];

// ------------------------------------------------------------------ letters

/** The customer letters of §13: the 对账函 (statement, balance confirmation) and the 催款函 (dunning letter). */
export type LetterKind = "statement" | "dunning";

const NUMBER_TOKENS = /\{(yyyy|mm|dd|seq(?::(\d))?)\}/g;

/**
 * A letter-number pattern (函号) of the settings: literal text with {yyyy},
 * {mm}, {dd} (the generation date) and exactly one {seq} or {seq:N} (a serial,
 * zero-padded to N digits). Numbers continue after the highest serial an
 * earlier run gave with the same pattern and date (read from the register).
 */
export class LetterNumbering {
  private readonly width: number;

  constructor(
    readonly key: string,
    readonly pattern: string,
  ) {
    const seqs = [...pattern.matchAll(NUMBER_TOKENS)].filter((m) => m[1].startsWith("seq"));
    if (seqs.length !== 1) {
      throw noRule(`receivables setting ${key} must hold exactly one {seq} or {seq:N} (so that two letters never share a number); it is "${pattern}"`);
    }
    this.width = seqs[0][2] === undefined ? 1 : Number(seqs[0][2]);
  }

  /** The number of the `seq`-th letter generated on `date` (serial). */
  format(date: number, seq: number): string {
    return this.fill(date, String(seq).padStart(this.width, "0"));
  }

  /** The serial of `number` when this pattern made it on `date`, else 0. */
  serialOf(date: number, number: string): number {
    const [before, after] = this.fill(date, "\u0000").split("\u0000");
    if (!number.startsWith(before) || !number.endsWith(after)) return 0;
    const digits = number.slice(before.length, number.length - after.length);
    return /^\d{1,9}$/.test(digits) ? Number(digits) : 0;
  }

  private fill(date: number, serial: string): string {
    const { year, month, day } = ymdFromSerial(date);
    const two = (n: number) => String(n).padStart(2, "0");
    return this.pattern.replace(NUMBER_TOKENS, (_m, token: string) =>
      token === "yyyy" ? String(year) : token === "mm" ? two(month) : token === "dd" ? two(day) : serial,
    );
  }
}

// ------------------------------------------------------------------ the compiled section

/** A part of the section that could not be compiled: thrown as #N/A where the part is used. */
type Part<T> = T | LtcError;

function part<T>(build: () => T): Part<T> {
  try {
    return build();
  } catch (e) {
    if (e instanceof LtcError) return e;
    throw e;
  }
}

function use<T>(p: Part<T>): T {
  if (p instanceof LtcError) throw p;
  return p;
}

export class CompiledReceivables {
  private readonly numbers = new Map<string, Part<number>>();
  private readonly buckets: Part<DayBands>;
  private readonly provision: Part<DayBands>;
  private readonly periods = new Map<string, Part<LimitationPeriod>>();
  private readonly warningPeriod: Part<LimitationPeriod>;
  private readonly bound: Part<YearsAdder>;
  private readonly warningWindow: Part<number>;
  /** escalation rows then routing rows: what `actionIndex` indexes */
  readonly steps: readonly ActionStep[];
  /** the ladder: indexes of the escalation rows that are not the credit step, in order */
  private readonly ladder: Int32Array;
  private readonly ladderMinDays: Float64Array;
  private readonly ladderOnWarning: Uint8Array;
  private readonly ladderProblem: LtcError | undefined;
  private readonly creditIndex: number;
  /** routing bits (ROUTING_BIT) → the first routing step that applies, -1 for none */
  private readonly routeOf: Int32Array;
  private readonly vatByType = new Map<string, VatCertificationRow[]>();
  private readonly chains = new Map<string, ApprovalStepRow[]>();
  private readonly settingRefs = new Map<string, RuleRef>();
  private readonly numberings: Record<LetterKind, Part<LetterNumbering>>;
  private readonly dunningLevels: Part<readonly DunningLevelRow[]>;
  /** routing bits (ROUTING_BIT) of the situation a dunning letter holds back, 0 for none */
  private readonly dunningHoldBits: Part<number>;

  constructor(readonly rules: ReceivablesRules) {
    for (const row of rules.settings) {
      if (typeof row.value !== "number") continue;
      const value = row.value;
      this.numbers.set(
        row.key,
        part(() => {
          if (!Number.isInteger(value) || value < 0) throw noRule(`receivables setting ${row.key} must be a whole number ≥ 0 (it is ${value})`);
          return value;
        }),
      );
    }
    this.buckets = part(() => bandsOf(rules.agingBuckets, "receivables.agingBuckets"));
    this.provision = part(() => bandsOf(rules.provisionBands, "receivables.provisionBands"));
    this.bound = part(() => new YearsAdder(this.number(MAX_YEARS_KEY)));
    this.warningWindow = part(() => this.number(WARNING_DAYS_KEY));
    for (const basis of rules.limitationBases) {
      this.periods.set(basis.code, part(() => new LimitationPeriod(basis, this.number(basis.yearsSetting), use(this.bound))));
    }
    this.warningPeriod = part(() => {
      const row = rules.settings.find((r) => r.key === WARNING_BASIS_KEY);
      const code = row && typeof row.value === "string" ? row.value : "basis.legal";
      const period = this.periods.get(code);
      if (!period) throw noRule(`receivables setting ${WARNING_BASIS_KEY} names an unknown basis ${code}`);
      return use(period);
    });

    this.steps = [...rules.escalation, ...rules.routings];
    const ladder = rules.escalation.map((r, k) => (r.forCredit ? -1 : k)).filter((k) => k >= 0);
    this.ladder = Int32Array.from(ladder);
    this.ladderMinDays = Float64Array.from(ladder.map((k) => rules.escalation[k].minDaysPastDue ?? -Infinity));
    this.ladderOnWarning = Uint8Array.from(ladder.map((k) => (rules.escalation[k].onLimitationWarning ? 1 : 0)));
    const first = ladder.length > 0 ? rules.escalation[ladder[0]] : undefined;
    this.ladderProblem = !first
      ? noRule("the rulebook's escalation ladder has no steps")
      : first.minDaysPastDue !== null && first.minDaysPastDue > 0
        ? noRule(
            `receivables.escalation row ${first.code}: the ladder's first step must start at 0 days past due (or be blank), ` +
              `so that items not yet overdue have a step; it starts at ${first.minDaysPastDue}`,
          )
        : undefined;
    this.creditIndex = rules.escalation.findIndex((r) => r.forCredit);
    this.routeOf = new Int32Array(8).fill(-1);
    for (let bits = 1; bits < 8; bits++) {
      const k = rules.routings.findIndex((r) => (bits & ROUTING_BIT[r.when]) !== 0);
      this.routeOf[bits] = k < 0 ? -1 : rules.escalation.length + k;
    }

    for (const row of rules.vatCertification) {
      const list = this.vatByType.get(row.invoiceType) ?? [];
      list.push(row);
      this.vatByType.set(row.invoiceType, list);
    }
    for (const chain of rules.approvalChains) {
      this.chains.set(chain.code, rules.approvalSteps.filter((s) => s.chain === chain.code).sort((a, b) => a.step - b.step));
    }

    const numbering = (key: string) => part(() => new LetterNumbering(key, this.text(key)));
    this.numberings = { statement: numbering(STATEMENT_NUMBER_KEY), dunning: numbering(DUNNING_NUMBER_KEY) };
    this.dunningLevels = part(() => {
      const levels = rules.dunningLevels;
      if (levels.length === 0) throw noRule("the rulebook's receivables.dunningLevels table is empty: no dunning letter can be chosen");
      for (const level of levels) {
        if (!Number.isInteger(level.minDaysOverdue) || level.minDaysOverdue < 1 || !Number.isInteger(level.minOverdueFen) || level.minOverdueFen < 0) {
          throw noRule(`receivables.dunningLevels row ${level.code}: minDaysOverdue must be whole days ≥ 1 and minOverdueFen whole fen ≥ 0`);
        }
      }
      return levels;
    });
    this.dunningHoldBits = part(() => {
      const code = this.text(DUNNING_HOLD_KEY, true);
      if (code === "") return 0;
      const routing = rules.routings.find((r) => r.code === code);
      if (!routing) throw noRule(`receivables setting ${DUNNING_HOLD_KEY} names an unknown routing ${code}`);
      return ROUTING_BIT[routing.when];
    });
  }

  /** A text setting of §13; missing is a broken rulebook (#N/A), blank only where `blankOk`. */
  text(key: string, blankOk = false): string {
    const row = this.rules.settings.find((r) => r.key === key);
    if (!row || typeof row.value !== "string" || (!blankOk && row.value.trim() === "")) {
      throw noRule(`the rulebook has no text setting ${key} in receivables.settings`);
    }
    return row.value.trim();
  }

  // --- letters

  /** The letter-number pattern (函号) of a kind of letter. */
  numbering(kind: LetterKind): LetterNumbering {
    return use(this.numberings[kind]);
  }

  /** Our company's name on the letters where the workbook sets none (receivables setting letters.companyName). */
  get companyNameFallback(): string {
    return this.text(COMPANY_NAME_KEY);
  }

  /**
   * The dunning letter for a customer whose demandable overdue items are at
   * most `maxDaysOverdue` days overdue and total `overdueFen`: the last level
   * whose two thresholds both hold, or undefined when none does (nothing to demand).
   */
  dunningLevel(maxDaysOverdue: number, overdueFen: number): DunningLevelRow | undefined {
    const levels = use(this.dunningLevels);
    let hit: DunningLevelRow | undefined;
    if (overdueFen <= 0) return undefined;
    for (const level of levels) if (maxDaysOverdue >= level.minDaysOverdue && overdueFen >= level.minOverdueFen) hit = level;
    return hit;
  }

  /** Checks the dunning levels (#N/A when broken): call before a run of dunningLevel. */
  checkDunningLevels(): void {
    use(this.dunningLevels);
  }

  /** Whether a dunning letter holds back an item in these routed situations (ROUTING_BIT flags). */
  dunningHolds(routing: number): boolean {
    return (routing & use(this.dunningHoldBits)) !== 0;
  }

  // --- settings

  /** A whole-number setting ≥ 0 of §13; missing or not whole is a broken rulebook (#N/A). */
  number(key: string): number {
    const p = this.numbers.get(key);
    if (p === undefined) throw noRule(`the rulebook has no number setting ${key} in receivables.settings`);
    return use(p);
  }

  /** The reason a setting gives (built once per key: formulas ask for it on every call). */
  settingRef(key: string): RuleRef {
    let ref = this.settingRefs.get(key);
    if (ref === undefined) {
      const row = this.rules.settings.find((r) => r.key === key);
      const value = row ? String(row.value) : "?";
      ref = { table: "receivables.settings", row: key, text: { zh: `${row?.zh ?? key}：${value}`, en: `${row?.en ?? key}: ${value}` } };
      this.settingRefs.set(key, ref);
    }
    return ref;
  }

  get warningDays(): number {
    return use(this.warningWindow);
  }

  /** The default payment terms in days (receivables setting terms.defaultDays). */
  get termsDays(): number {
    return this.number(TERMS_DAYS_KEY);
  }

  /** Where the due date is missing: invoice date + the default payment terms. */
  derivedDueDate(invoiceDate: number): number {
    return invoiceDate + this.termsDays;
  }

  // --- buckets and provision

  /** The rulebook's aging buckets as day bands (index = row of agingBuckets). */
  get bucketBands(): DayBands {
    return use(this.buckets);
  }

  get provisionBands(): DayBands {
    return use(this.provision);
  }

  /** The agingBuckets row index for a number of days past due (≤ 0: not due, the first row). */
  bucketIndex(daysPastDue: number): number {
    return use(this.buckets).indexOf(daysPastDue);
  }

  // --- limitation

  /** The period of a basis (legal, company). */
  period(basisCode: string): LimitationPeriod {
    const p = this.periods.get(basisCode);
    if (p === undefined) throw noRule(`the rulebook has no limitation basis ${basisCode}`);
    return use(p);
  }

  /** The period the warning window is measured to (receivables setting limitation.warningBasis). */
  get warningBasisPeriod(): LimitationPeriod {
    return use(this.warningPeriod);
  }

  /** The warning state of an open item whose warning-basis limitation ends `daysLeft` days after the as-of date. */
  warningState(daysLeft: number): WarningState {
    return daysLeft < 0 ? WARNING.expired : daysLeft <= use(this.warningWindow) ? WARNING.soon : WARNING.none;
  }

  // --- actions

  /**
   * The action for an item, as an index into `steps`: a credit balance gets
   * the credit step (when the rulebook has one); an open item in a routed
   * situation (`routing`: ROUTING_BIT flags) gets the first routing row for it;
   * any other item the ladder's last step that applies — days past due ≤ 0
   * count as 0 (not overdue), a step applies from its minDaysPastDue (blank:
   * always) or, with onLimitationWarning, when the limitation is within the
   * warning window or has run out.
   */
  actionIndex(daysPastDue: number, limitationWarning: boolean, credit: boolean, routing: number): number {
    if (credit && this.creditIndex >= 0) return this.creditIndex;
    if (!credit && routing !== 0) {
      const routed = this.routeOf[routing & 7];
      if (routed >= 0) return routed;
    }
    if (this.ladderProblem) throw this.ladderProblem;
    const days = daysPastDue < 0 ? 0 : daysPastDue;
    let hit = 0;
    for (let s = 1; s < this.ladder.length; s++) {
      if (days >= this.ladderMinDays[s] || (limitationWarning && this.ladderOnWarning[s] === 1)) hit = s;
    }
    return this.ladder[hit];
  }

  /** Fails (#N/A) when the ladder cannot give every item a step: call before a loop of actionIndex. */
  checkLadder(): void {
    if (this.ladderProblem) throw this.ladderProblem;
  }

  get creditStep(): EscalationRow | undefined {
    return this.creditIndex >= 0 ? this.rules.escalation[this.creditIndex] : undefined;
  }

  /** When a step applies, in words (for the actions sheet and the rules pane). */
  conditionOf(step: ActionStep, lang: Lang): string {
    const en = lang === "en";
    if (isRouting(step)) return en ? ROUTING_TEXT[step.when].en : ROUTING_TEXT[step.when].zh;
    if (step.forCredit) return en ? "Credit balance (owed to the customer)" : "贷方余额（应退客户）";
    const k = this.rules.escalation.indexOf(step);
    const position = Array.prototype.indexOf.call(this.ladder, k);
    const next = position >= 0 && position + 1 < this.ladder.length ? this.rules.escalation[this.ladder[position + 1]] : undefined;
    const from = step.minDaysPastDue;
    const to = next && next.minDaysPastDue !== null ? next.minDaysPastDue - 1 : null;
    let days: string;
    if (from === null || from <= 0) {
      days = to === null ? (en ? "any" : "全部") : to <= 0 ? (en ? "not yet due" : "未到期") : en ? `up to ${to} days past due` : `逾期${to}天以内`;
    } else if (to === null) {
      days = en ? `${from} days or more past due` : `逾期${from}天及以上`;
    } else {
      days = en ? `${from}-${to} days past due` : `逾期${from}-${to}天`;
    }
    if (step.onLimitationWarning) {
      const w = this.warningDays;
      days += en ? `, or limitation ends within ${w} days or has ended` : `，或时效${w}天内届满或已届满`;
    }
    return days;
  }

  // --- VAT, chains

  /** The VAT certification row that applies to an invoice of a type issued on a date, or undefined. */
  vatRule(invoiceTypeCode: string, invoiceDate: number): VatCertificationRow | undefined {
    const rows = this.vatByType.get(invoiceTypeCode);
    if (rows === undefined) return undefined;
    for (const r of rows) {
      if ((r.issuedFrom === null || invoiceDate >= r.issuedFrom) && (r.issuedBefore === null || invoiceDate < r.issuedBefore)) return r;
    }
    return undefined;
  }

  /** The date (serial) an invoice of a type issued on a date must be certified by, or 0 when no VAT rule applies to it. */
  vatCertifyBy(invoiceTypeCode: string, invoiceDate: number): number {
    const rule = this.vatRule(invoiceTypeCode, invoiceDate);
    return rule ? invoiceDate + rule.withinDays : 0;
  }

  /** The ordered steps of an approval chain. */
  chainSteps(chainCode: string): readonly ApprovalStepRow[] {
    return this.chains.get(chainCode) ?? [];
  }
}

export function compileReceivables(rules: ReceivablesRules): CompiledReceivables {
  return new CompiledReceivables(rules);
}

/** The compiled receivables section of a rulebook (built once per section). */
export function compiledReceivables(rb: ReceivablesBook): CompiledReceivables {
  return compileReceivablesOnce(rb.receivables);
}

// ------------------------------------------------------------------ evaluators

/** A number setting of §13 (whole, ≥ 0); a missing or broken row is #N/A. */
export function receivablesSetting(rb: ReceivablesBook, key: string): number {
  return compiledReceivables(rb).number(key);
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

/** The bucket row for a number of days past due (≤ 0: the first, not-due row). */
export function agingBucketFor(rb: ReceivablesBook, daysPastDue: number): Decision<AgingBucketRow> {
  const row = rb.receivables.agingBuckets[compiledReceivables(rb).bucketIndex(daysPastDue)];
  return decided(row, bucketRef(row, daysPastDue));
}

/** The limitation basis argument: 法定/legal (default when blank) or 公司/company. */
export function parseLimitationBasis(rb: ReceivablesBook, input: unknown, argName = "basis"): LimitationBasisRow {
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

const ACT_TEXT: Record<LimitationAct, Text> = {
  due: { zh: "到期日", en: "due date" },
  payment: { zh: "最近回款日", en: "last payment" },
  demand: { zh: "最近催款或对账日", en: "last demand" },
};

/** The wording of a limitation, for explanations: where it started, what restarted it, what came too late. */
export function limitationText(basis: LimitationBasisRow, years: number, maxYears: number, d: LimitationDetail): Text {
  const started = ACT_TEXT[d.startedBy];
  let zh = `${basis.zh}时效：自${started.zh} ${isoFromSerial(d.start)} 起${years}年，至 ${isoFromSerial(d.end)}`;
  let en = `${basis.en} limitation: ${years} years from the ${started.en} ${isoFromSerial(d.start)}, ending ${isoFromSerial(d.end)}`;
  if (d.capped) {
    zh += `（自到期日起最长${maxYears}年，《民法典》第188条）`;
    en += ` (at most ${maxYears} years from the due date, Civil Code art. 188)`;
  }
  if (d.lapsedBy !== null) {
    const late = ACT_TEXT[d.lapsedBy];
    zh += `；${late.zh} ${isoFromSerial(d.lapsedAct)} 在时效届满之后，不中断时效（《民法典》第195条）：时效已届满，仅客户书面确认债务（签章对账函/还款承诺）可恢复`;
    en +=
      `; the ${late.en} ${isoFromSerial(d.lapsedAct)} came after the period had run out and restarts nothing (Civil Code art. 195): ` +
      `limitation has run out; only the customer's written acknowledgement of the debt (a signed reconciliation letter or promise to pay) revives it`;
  }
  return { zh, en };
}

/**
 * The reason of a limitation date, worded when it is first read (Explain, a
 * report, `ltc eval`'s JSON), not when the date is decided: a formula reads
 * only the date, and wording the dates costs more than finding them. A class
 * holding the inputs, not an object literal with a getter (V8 builds those on
 * its slow path, about 1 µs each) nor a closure (two reasons of the same
 * inputs stay equal).
 */
class LimitationRef implements RuleRef {
  readonly table = "receivables.limitationBases";
  readonly row: string;

  constructor(
    private readonly basis: LimitationBasisRow,
    private readonly period: LimitationPeriod,
    private readonly dueDate: number,
    private readonly lastPayment: number,
    private readonly lastDemand: number,
  ) {
    this.row = basis.code;
  }

  get text(): Text {
    const { basis, period } = this;
    return limitationText(basis, period.years, period.maxYears, period.detail(this.dueDate, this.lastPayment, this.lastDemand));
  }

  /** The plain RuleRef, so that JSON carries the text. */
  toJSON(): RuleRef {
    return { table: this.table, row: this.row, text: this.text };
  }
}

/**
 * The date (serial) a claim's limitation ends on a basis: the basis's years
 * from the due date, restarted by a payment or demand made while it runs,
 * never past the longest protection from the due date; Feb 29 becomes Feb 28.
 */
export function limitationDate(rb: ReceivablesBook, input: LimitationInput, basis: LimitationBasisRow): Decision<number> {
  const c = compiledReceivables(rb);
  const period = c.period(basis.code);
  const lastPayment = input.lastPayment ?? 0;
  const lastDemand = input.lastDemand ?? 0;
  const end = period.end(input.dueDate, lastPayment, lastDemand);
  return decided(end, c.settingRef(basis.yearsSetting), new LimitationRef(basis, period, input.dueDate, lastPayment, lastDemand));
}

/** LIMITDATE's arguments read and checked: dates as serials, basis as a row. */
export function limitationDateOf(
  rb: ReceivablesBook,
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

/** The escalation step for an open item in no routed situation (never a credit row). */
export function escalationFor(rb: ReceivablesBook, daysPastDue: number, limitationWarning: boolean): EscalationRow {
  const c = compiledReceivables(rb);
  return c.steps[c.actionIndex(daysPastDue, limitationWarning, false, 0)] as EscalationRow;
}

/** The situation of an item that decides its action. */
export interface ItemSituation {
  daysPastDue: number;
  limitationWarning: boolean;
  credit?: boolean;
  unableToPay?: boolean;
  qualityDispute?: boolean;
  crossRegion?: boolean;
}

/** The bits of `actionIndex` for an item's routed situations. */
export function routingBits(s: { unableToPay?: boolean; qualityDispute?: boolean; crossRegion?: boolean }): number {
  return (
    (s.unableToPay ? ROUTING_BIT.unableToPay : 0) |
    (s.qualityDispute ? ROUTING_BIT.qualityDispute : 0) |
    (s.crossRegion ? ROUTING_BIT.crossRegion : 0)
  );
}

/** The recommended action for an item: routing, credit step or ladder step. */
export function actionFor(rb: ReceivablesBook, s: ItemSituation): ActionStep {
  const c = compiledReceivables(rb);
  return c.steps[c.actionIndex(s.daysPastDue, s.limitationWarning, s.credit === true, routingBits(s))];
}

/** The step for a credit balance, or undefined when the rulebook has none. */
export function creditStep(rb: ReceivablesBook): EscalationRow | undefined {
  return compiledReceivables(rb).creditStep;
}

/** The ordered steps of an approval chain. */
export function approvalSteps(rb: ReceivablesBook, chainCode: string): readonly ApprovalStepRow[] {
  return compiledReceivables(rb).chainSteps(chainCode);
}

/** The VAT certification row that applies to an invoice, or undefined. */
export function vatCertificationFor(rb: ReceivablesBook, invoiceTypeCode: string, invoiceDate: number): VatCertificationRow | undefined {
  return compiledReceivables(rb).vatRule(invoiceTypeCode, invoiceDate);
}

/** The warning basis (receivables setting limitation.warningBasis) as its basis row. */
export function warningBasis(rb: ReceivablesBook): LimitationBasisRow {
  return compiledReceivables(rb).warningBasisPeriod.basis;
}

/** Bucket edges (max days of each finite bucket) for a report option; validates user-given edges. */
export function bucketEdgesOf(rb: ReceivablesBook, edges?: readonly number[]): number[] {
  if (edges === undefined) return [...compiledReceivables(rb).bucketBands.edges];
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
export function bucketText(rb: ReceivablesBook, edges: readonly number[], index: number): Text & { code: string } {
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

// ------------------------------------------------------------------ yes/no columns

// Words that mean "no" in a yes/no column of a receivables table (quality
// dispute, unable to pay); anything else non-blank (是, 有, a description of the
// problem) means yes.
const NO_WORDS = new Set([
  "false", "0", "否", "no", "n", "无", "没有", "不是", "none", "n/a", "na", "-", "—", "/", "无质量问题", "no dispute", "没", "nil", "正常",
].map(normalizeLabel));

/**
 * Whether a cell of a yes/no column (质量问题, 无力支付) says yes: TRUE, a
 * non-zero number, or text other than a "no" word (a description of the
 * problem counts as yes). Blank is no.
 */
export function cellSaysYes(cell: unknown): boolean {
  if (typeof cell === "boolean") return cell;
  if (typeof cell === "number") return cell !== 0;
  if (typeof cell !== "string") return false;
  // a column repeats a few words: each distinct text is read once
  let yes = yesMemo.get(cell);
  if (yes === undefined) {
    yes = cell.trim() !== "" && !NO_WORDS.has(normalizeLabel(cell));
    if (yesMemo.size >= 4096) yesMemo.clear();
    yesMemo.set(cell, yes);
  }
  return yes;
}

const yesMemo = new Map<string, boolean>();

/**
 * Whether a receivable is cross-region: the customer's region (by its
 * location) differs from the region of the office booking it. Unknown on
 * either side is not cross-region.
 */
export function isCrossRegion(officeRegion: string | null, customerRegion: string | null): boolean {
  return officeRegion !== null && customerRegion !== null && officeRegion !== customerRegion;
}

/** compileReceivables, once per (frozen) section. */
const compileReceivablesOnce = sectionCompiler(compileReceivables);

import { badArg, missingArg } from "./errors";
import { isBlank } from "./labels";
import { normalizeLabel } from "./normalize";
import { Lang } from "./types";

/**
 * Argument readers shared by every evaluator. Each one accepts what a user
 * types in a cell (numbers, text with full-width digits, Chinese words) and
 * throws #VALUE! naming the argument and what it accepts.
 */

export interface NumberOptions {
  min?: number;
  max?: number;
  integer?: boolean;
  /** what the message says is accepted, e.g. "an amount in yuan ≥ 0" */
  accepts: string;
}

/** Text like "1,234.50", "¥1 000", "１２３" (full width) → number; else NaN. */
export function numberFromText(text: string): number {
  const cleaned = text
    .normalize("NFKC")
    .trim()
    .replace(/^[¥￥]|元$/g, "")
    .replace(/[,\s]/g, "");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cleaned)) return NaN;
  return Number(cleaned);
}

export function parseNumber(input: unknown, argName: string, options: NumberOptions): number;
export function parseNumber(
  input: unknown,
  argName: string,
  options: NumberOptions & { optional: true },
): number | undefined;
export function parseNumber(
  input: unknown,
  argName: string,
  options: NumberOptions & { optional?: boolean },
): number | undefined {
  if (isBlank(input)) {
    if (options.optional) return undefined;
    throw missingArg(argName, `accepts ${options.accepts}`);
  }
  const n = typeof input === "number" ? input : typeof input === "string" ? numberFromText(input) : NaN;
  const ok =
    Number.isFinite(n) &&
    (options.min === undefined || n >= options.min) &&
    (options.max === undefined || n <= options.max) &&
    (!options.integer || Number.isInteger(n));
  if (!ok) throw badArg(argName, input, `accepts ${options.accepts}`);
  return n;
}

// ---------------------------------------------------------------- ratios
// Excel hands a percentage cell over as its fraction (120% arrives as 1.2), so
// a number is always a fraction; text may carry its own "%". A number above
// the largest ratio is refused with the way to write it, never re-read as a
// percent: 60 would be 6000%, and 1.2 may well mean 120%.

export interface RatioOptions {
  /** the largest fraction accepted: 1 (100%) for shares and agreed ratios, 2 (200%) for a paid ratio, which may be overpaid */
  max?: 1 | 2;
  optional?: boolean;
}

/** ratio texts already read ("35%" recurs down a column) */
const ratioTexts = new Map<string, number>();

function ratioAccepts(max: number): string {
  const over = max > 1 ? "; above 100% is overpaid and counts as fully paid" : "";
  return `accepts a ratio 0–${max * 100}%: a percent cell (60% arrives as 0.6), a fraction such as 0.6, or "60%" as text${over}`;
}

/** 0.35 → "35%", 60 → "6000%" (no float noise) */
function percentText(fraction: number): string {
  return `${Number((fraction * 100).toFixed(6))}%`;
}

function fractionOf(input: unknown): number {
  if (typeof input === "number") return input;
  if (typeof input !== "string") return NaN;
  const known = ratioTexts.get(input);
  if (known !== undefined) return known;
  const t = input.normalize("NFKC").trim();
  const n = t.endsWith("%") ? numberFromText(t.slice(0, -1)) / 100 : numberFromText(t);
  if (Number.isFinite(n)) {
    if (ratioTexts.size >= 1024) ratioTexts.clear();
    ratioTexts.set(input, n);
  }
  return n;
}

/** A ratio as a fraction 0–max (see RatioOptions); #VALUE! naming the argument otherwise. */
export function parseRatio(input: unknown, argName: string, options: RatioOptions & { optional: true }): number | undefined;
export function parseRatio(input: unknown, argName: string, options?: RatioOptions): number;
export function parseRatio(input: unknown, argName: string, options: RatioOptions = {}): number | undefined {
  const max = options.max ?? 1;
  const fraction = fractionOf(input);
  if (fraction >= 0 && fraction <= max) return fraction;
  if (isBlank(input)) {
    if (options.optional) return undefined;
    throw missingArg(argName, ratioAccepts(max));
  }
  if (fraction > max) {
    const written = typeof input === "number" ? String(input) : JSON.stringify(input);
    const hint =
      typeof input === "string" && input.includes("%")
        ? `${written} is above ${max * 100}%`
        : `${written} would be ${percentText(fraction)}: write ${percentText(fraction / 100)} or ${Number((fraction / 100).toFixed(8))}`;
    throw badArg(argName, input, ratioAccepts(max), hint);
  }
  throw badArg(argName, input, ratioAccepts(max));
}

/** A share 0–100% (a competitor's share of the market) as a fraction. */
export function parseShare(input: unknown, argName: string): number {
  return parseRatio(input, argName);
}

const TRUE_WORDS = new Set(["true", "1", "是", "yes", "y", "对"]);
const FALSE_WORDS = new Set(["false", "0", "否", "no", "n", "不是"]);
const BOOL_ACCEPTS = "accepts TRUE/FALSE, 1/0, 是/否 or yes/no";
/** typed words already read (the same few words recur in every row) */
const boolWords = new Map<string, boolean>();

export function parseBool(input: unknown, argName: string): boolean;
export function parseBool(input: unknown, argName: string, optional: true): boolean | undefined;
export function parseBool(input: unknown, argName: string, optional = false): boolean | undefined {
  if (isBlank(input)) {
    if (optional) return undefined;
    throw missingArg(argName, BOOL_ACCEPTS);
  }
  if (typeof input === "boolean") return input;
  if (typeof input === "number") {
    if (input === 1) return true;
    if (input === 0) return false;
  }
  if (typeof input === "string") {
    const known = boolWords.get(input);
    if (known !== undefined) return known;
    const key = normalizeLabel(input);
    const value = TRUE_WORDS.has(key) ? true : FALSE_WORDS.has(key) ? false : undefined;
    if (value !== undefined) {
      if (boolWords.size >= 1024) boolWords.clear();
      boolWords.set(input, value);
      return value;
    }
  }
  throw badArg(argName, input, BOOL_ACCEPTS);
}

const LANGS: Record<string, Lang> = {
  zh: "zh",
  cn: "zh",
  "zh-cn": "zh",
  "zh-hans": "zh",
  中文: "zh",
  en: "en",
  "en-us": "en",
  english: "en",
  英文: "en",
};

/** The output language argument: "zh" (default when blank) or "en". */
export function parseLang(input: unknown, argName = "lang"): Lang {
  if (isBlank(input)) return "zh";
  if (typeof input === "string") {
    const lang = LANGS[normalizeLabel(input)];
    if (lang) return lang;
  }
  throw badArg(argName, input, `accepts "zh" (中文, the default) or "en" (English)`);
}

// ---------------------------------------------------------------- dates
// Excel serials in the 1900 date system, computed in UTC so that no time zone
// can move a date. Excel counts a fictitious 1900-02-29 (serial 60).

export const MAX_SERIAL = 2_958_465; // 9999-12-31
const DATE_ACCEPTS =
  "accepts a date: an Excel date or serial number, or text such as 2026-03-05, 2026/3/5 or 2026年3月5日";
/** days from 1970-01-01 back to Excel's day 0, 1899-12-30 */
const EPOCH_DAYS = 25_569;

// Calendar arithmetic in plain integers (H. Hinnant's days_from_civil and
// civil_from_days): no Date objects, so no time zone and no allocation.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function serialFromYmd(year: number, month: number, day: number): number {
  const days = daysFromCivil(year, month, day) + EPOCH_DAYS;
  return days < 61 ? days - 1 : days;
}

export function ymdFromSerial(serial: number): { year: number; month: number; day: number } {
  const whole = Math.floor(serial);
  if (whole === 60) return { year: 1900, month: 2, day: 29 };
  return civilFromDays((whole < 60 ? whole + 1 : whole) - EPOCH_DAYS);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isValidYmd(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]);
}

/** ISO 8601 text of a serial: 2026-03-05. */
export function isoFromSerial(serial: number): string {
  const { year, month, day } = ymdFromSerial(serial);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

// A date, optionally followed by a time of day (as exported by other systems:
// "2026-03-05 00:00:00", "2026-03-05T08:30"); nothing else may follow, so
// "2026-03-05 待确认" (to be confirmed) is not read as a firm date.
const DATE_TEXT =
  /^(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*(?:[-/.月])\s*(\d{1,2})\s*(?:日|号)?(?:(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Reads a date given as serial, Date or text; returns undefined if it is not one. */
export function serialFromInput(input: unknown): number | undefined {
  if (typeof input === "number") {
    return Number.isFinite(input) && input >= 1 && input <= MAX_SERIAL ? Math.floor(input) : undefined;
  }
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) return undefined;
    // A Date carries an instant; the cell's date is its UTC calendar day (how
    // ExcelJS and Office hand dates over), so the local zone plays no part.
    return serialFromYmd(input.getUTCFullYear(), input.getUTCMonth() + 1, input.getUTCDate());
  }
  if (typeof input === "string") {
    // A column or a fill-down repeats its date texts: each distinct text is read once (0: not a date).
    let serial = serialOfText.get(input);
    if (serial === undefined) {
      serial = serialFromText(input) ?? 0;
      if (serialOfText.size >= 4096) serialOfText.clear();
      serialOfText.set(input, serial);
    }
    return serial === 0 ? undefined : serial;
  }
  return undefined;
}

const serialOfText = new Map<string, number>();

function serialFromText(input: string): number | undefined {
  const t = input.normalize("NFKC").trim();
  const m = DATE_TEXT.exec(t);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    return isValidYmd(y, mo, d) ? serialFromYmd(y, mo, d) : undefined;
  }
  return NUMBER_TEXT.test(t) ? serialFromInput(Number(t)) : undefined;
}

const NUMBER_TEXT = /^\d+(\.\d+)?$/;

export function parseDate(input: unknown, argName: string): number;
export function parseDate(input: unknown, argName: string, optional: true): number | undefined;
export function parseDate(input: unknown, argName: string, optional = false): number | undefined {
  if (isBlank(input)) {
    if (optional) return undefined;
    throw missingArg(argName, DATE_ACCEPTS);
  }
  const serial = serialFromInput(input);
  if (serial === undefined) throw badArg(argName, input, DATE_ACCEPTS);
  return serial;
}

/** The same calendar day `years` later; Feb 29 becomes Feb 28 in a common year. */
export function addYears(serial: number, years: number): number {
  const { year, month, day } = ymdFromSerial(serial);
  const y = year + years;
  const d = month === 2 && day === 29 && !isValidYmd(y, 2, 29) ? 28 : day;
  return serialFromYmd(y, month, d);
}

// ---------------------------------------------------------------- money
// Money is integer fen (分). Text is parsed digit by digit so that no float
// rounding can move a fen; numbers are rounded to the nearest fen once.

const MONEY_TEXT = /^([+-]?)(\d+)(?:\.(\d{0,2})(\d*))?$/;

/** Fen from a cell value (number of yuan or money text); undefined if unreadable. */
export function fenFromInput(input: unknown): number | undefined {
  if (typeof input === "number") {
    if (!Number.isFinite(input)) return undefined;
    const fen = Math.round(input * 100);
    return Number.isSafeInteger(fen) ? fen : undefined;
  }
  if (typeof input !== "string") return undefined;
  let t = input.normalize("NFKC").trim().replace(/^[¥￥]\s*|\s*元$/g, "").replace(/[,\s]/g, "");
  let sign = 1;
  if (/^\(.*\)$/.test(t)) {
    sign = -1;
    t = t.slice(1, -1);
  }
  const m = MONEY_TEXT.exec(t);
  if (!m) return undefined;
  if (m[4] && /[1-9]/.test(m[4])) return undefined; // sub-fen digits: not a money amount
  const fen = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  if (!Number.isSafeInteger(fen)) return undefined;
  return (m[1] === "-" ? -1 : 1) * sign * fen;
}

export const AMOUNT_ACCEPTS = "accepts an amount in yuan ≥ 0, e.g. 5000000, 5,000,000 or 500万";
const AMOUNT_TEXT = /^(\d+)(?:\.(\d*))?$/;
const WAN_TEXT = /^(.+?)\s*万\s*元?$/;

/**
 * Fen of a non-negative amount, a sub-fen remainder dropped (never rounded
 * up): thresholds are whole fen, so `fen >= threshold` is then exactly
 * `amount >= threshold` — 4,999,999.999 yuan stays below 5,000,000.
 * A number's float noise (0.29 × 100 = 28.999…96) is not a remainder.
 */
function fenDown(yuan: number): number | undefined {
  const f = yuan * 100;
  const nearest = Math.round(f);
  const fen = Math.abs(f - nearest) <= 4 * Number.EPSILON * Math.max(1, Math.abs(f)) ? nearest : Math.floor(f);
  return Number.isSafeInteger(fen) ? fen : undefined;
}

/**
 * An amount of money in yuan as typed (5000000, "5,000,000", "¥5,000,000",
 * "500万", "500万元") → integer fen, for comparing with thresholds (see
 * fenDown). #VALUE! naming argName when unreadable or negative, including
 * an accountant's bracketed negative "(5,000)".
 */
export function parseAmountFen(input: unknown, argName: string): number;
export function parseAmountFen(input: unknown, argName: string, optional: true): number | undefined;
export function parseAmountFen(input: unknown, argName: string, optional = false): number | undefined {
  if (isBlank(input)) {
    if (optional) return undefined;
    throw missingArg(argName, AMOUNT_ACCEPTS);
  }
  let fen: number | undefined;
  if (typeof input === "number") fen = Number.isFinite(input) && input >= 0 ? fenDown(input) : undefined;
  else if (typeof input === "string") {
    const t = input.normalize("NFKC").trim();
    const wan = WAN_TEXT.exec(t);
    if (wan) {
      const n = numberFromText(wan[1]);
      fen = n >= 0 ? fenDown(n * 10_000) : undefined;
    } else {
      // digit by digit, so that no float can move the amount across a threshold
      const m = AMOUNT_TEXT.exec(t.replace(/^[¥￥]\s*|\s*元$/g, "").replace(/[,\s]/g, ""));
      const whole = m ? Number(m[1]) * 100 + Number((m[2] ?? "").slice(0, 2).padEnd(2, "0")) : NaN;
      fen = Number.isSafeInteger(whole) ? whole : undefined;
    }
  }
  if (fen === undefined) throw badArg(argName, input, AMOUNT_ACCEPTS);
  return fen === 0 ? 0 : fen; // no -0
}

/** 123456 fen → "1,234.56" */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${yuan}.${String(abs % 100).padStart(2, "0")}`;
}

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

/**
 * A share as a fraction 0–1: an Excel percentage (0.35), "35%" text, or a
 * number above 1 up to 100 read as percent. Returns the fraction.
 */
const SHARE_ACCEPTS = `accepts a share 0–100%: a fraction 0–1 (35% in a percent cell), "35%" as text, or 1–100 read as percent`;
/** share texts already read ("35%" recurs down a column) */
const shareTexts = new Map<string, number>();

export function parseShare(input: unknown, argName: string): number {
  if (typeof input === "string") {
    const known = shareTexts.get(input);
    if (known !== undefined) return known;
  }
  if (isBlank(input)) throw missingArg(argName, SHARE_ACCEPTS);
  let n: number;
  let percentText = false;
  if (typeof input === "number") n = input;
  else if (typeof input === "string") {
    const t = input.normalize("NFKC").trim();
    percentText = t.endsWith("%");
    n = percentText ? numberFromText(t.slice(0, -1)) / 100 : numberFromText(t);
  } else n = NaN;
  // "150%" is 1.5, out of range — never re-read as 1.5 percent.
  if (!Number.isFinite(n) || n < 0 || n > (percentText ? 1 : 100)) throw badArg(argName, input, SHARE_ACCEPTS);
  const share = n > 1 ? n / 100 : n;
  if (typeof input === "string") {
    if (shareTexts.size >= 1024) shareTexts.clear();
    shareTexts.set(input, share);
  }
  return share;
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

const DATE_TEXT = /^(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*(?:[-/.月])\s*(\d{1,2})\s*(?:日|号)?(?:[T\s].*)?$/;

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
    const t = input.normalize("NFKC").trim();
    const m = DATE_TEXT.exec(t);
    if (m) {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      return isValidYmd(y, mo, d) ? serialFromYmd(y, mo, d) : undefined;
    }
    if (/^\d+(\.\d+)?$/.test(t)) return serialFromInput(Number(t));
  }
  return undefined;
}

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

/** 123456 fen → "1,234.56" */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${yuan}.${String(abs % 100).padStart(2, "0")}`;
}

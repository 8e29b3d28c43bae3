import { sectionCompiler } from "./compile";
import { LeadFactorRow, LeadRules, LeadTempRow } from "./data/lead";
import { badArg, missingArg, noRule } from "./errors";
import { isBlank, Vocabulary, vocabularyOf } from "./labels";
import type { Rulebook } from "./rulebook";
import { settingValue } from "./settings";
import { Decision, RuleRef, Text } from "./types";
import { numberFromText } from "./values";

/** Rulebook §3, lead temperature, evaluated; the tables are in data/lead. */

/** The deck's action (动作) for a temperature, in both languages. */
export function leadAction(row: LeadTempRow): Text {
  return { zh: row.actionZh, en: row.actionEn };
}

export interface LeadFactors {
  urgency?: unknown;
  solution?: unknown;
  consensus?: unknown;
}

const FACTOR_KEYS = ["urgency", "solution", "consensus"] as const;

/** Months to procurement is read up to 100 years ahead; beyond that it is a typing error. */
const MAX_MONTHS = 1200;
const MONTHS_ACCEPTS = `accepts months to procurement as a number 0–${MAX_MONTHS} (0 = already in procurement), e.g. 4, "4个月" or "4 months"`;

/** Months to procurement: a number ≥ 0, or text such as "4", "４个月", "6M", "4 months". */
export function parseMonths(input: unknown, argName = "monthsToProcurement"): number {
  if (isBlank(input)) throw missingArg(argName, MONTHS_ACCEPTS);
  let n = NaN;
  if (typeof input === "number") n = input;
  else if (typeof input === "string") {
    const t = input
      .normalize("NFKC")
      .trim()
      .replace(/\s*(个月|個月|月|months?|mos?|m)$/i, "");
    n = numberFromText(t);
  }
  if (!Number.isFinite(n) || n < 0 || n > MAX_MONTHS) throw badArg(argName, input, MONTHS_ACCEPTS);
  return n;
}

function temperatureByCode(rules: LeadRules, code: string): LeadTempRow {
  const row = rules.temperatures.find((t) => t.code === code);
  if (!row) throw noTemperature(code);
  return row;
}

function noTemperature(code: string) {
  return noRule(`the rulebook's lead temperatures have no row ${code}`);
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(6)));
}

/** A factor value's temperature and reason ("需求迫切性：较低 → 冷线索"); `temp` undefined when its row names no temperature. */
interface FactorAnswer {
  temp: LeadTempRow | undefined;
  temperature: string;
  ref: RuleRef;
}

/** A qualitative factor compiled: its vocabulary and the answer of each of its rows. */
interface CompiledFactor {
  key: (typeof FACTOR_KEYS)[number];
  vocabulary: Vocabulary<LeadFactorRow>;
  answers: Map<LeadFactorRow, FactorAnswer>;
}

/** §3 compiled: the month thresholds, the three temperatures, each factor row's answer, the closing reasons. */
interface CompiledLead {
  warmFrom: number;
  coldFrom: number;
  hot: LeadTempRow;
  warm: LeadTempRow;
  cold: LeadTempRow;
  factors: CompiledFactor[];
  /** per temperature: its action alone, and with "the coldest factor decides" */
  finalRefs: Map<LeadTempRow, [byTime: RuleRef, byFactors: RuleRef]>;
  /** the months reason, worded per months value on first use (bounded) */
  timeRefs: Map<number, RuleRef>;
}

function compileLead(rules: LeadRules): CompiledLead {
  const factors = FACTOR_KEYS.map((key): CompiledFactor => {
    const name = rules.factors.find((f) => f.table === key) ?? { zh: key, en: key };
    const answers = new Map<LeadFactorRow, FactorAnswer>();
    for (const row of rules[key]) {
      const temp = rules.temperatures.find((t) => t.code === row.temperature);
      const [tempZh, tempEn] = temp ? [temp.zh, temp.en] : [row.temperature, row.temperature];
      answers.set(row, {
        temp,
        temperature: row.temperature,
        ref: Object.freeze({
          table: `lead.${key}`,
          row: row.code,
          text: Object.freeze({ zh: `${name.zh}：${row.zh} → ${tempZh}`, en: `${name.en}: ${row.en} → ${tempEn}` }),
        }),
      });
    }
    return { key, vocabulary: vocabularyOf(rules[key]), answers };
  });
  const finalRefs = new Map<LeadTempRow, [RuleRef, RuleRef]>();
  for (const temp of rules.temperatures) {
    const ref = (byFactors: boolean): RuleRef =>
      Object.freeze({
        table: "lead.temperatures",
        row: temp.code,
        text: Object.freeze({
          zh: `${temp.zh}${byFactors ? "（取最冷的因素）" : ""}：${temp.actionZh}`,
          en: `${temp.en}${byFactors ? " (the coldest factor decides)" : ""}: ${temp.actionEn}`,
        }),
      });
    finalRefs.set(temp, [ref(false), ref(true)]);
  }
  return {
    warmFrom: settingValue(rules.settings, "warmFromMonths"),
    coldFrom: settingValue(rules.settings, "coldFromMonths"),
    hot: temperatureByCode(rules, "lead.hot"),
    warm: temperatureByCode(rules, "lead.warm"),
    cold: temperatureByCode(rules, "lead.cold"),
    factors,
    finalRefs,
    timeRefs: new Map(),
  };
}

const TIME_MEMO_LIMIT = 4096;

function timeRef(c: CompiledLead, m: number): { temp: LeadTempRow; ref: RuleRef } {
  const temp = m < c.warmFrom ? c.hot : m < c.coldFrom ? c.warm : c.cold;
  let ref = c.timeRefs.get(m);
  if (!ref) {
    const [months, warmFrom, coldFrom] = [fmt(m), fmt(c.warmFrom), fmt(c.coldFrom)];
    const text: Text =
      temp === c.hot
        ? {
            zh: `距进入采购程序${months}个月，少于${warmFrom}个月 → ${temp.zh}`,
            en: `${months} months to procurement, under ${warmFrom} → ${temp.en}`,
          }
        : temp === c.warm
          ? {
              zh: `距进入采购程序${months}个月，在${warmFrom}至${coldFrom}个月之间 → ${temp.zh}`,
              en: `${months} months to procurement, from ${warmFrom} to under ${coldFrom} → ${temp.en}`,
            }
          : {
              zh: `距进入采购程序${months}个月，不少于${coldFrom}个月 → ${temp.zh}`,
              en: `${months} months to procurement, ${coldFrom} or more → ${temp.en}`,
            };
    ref = Object.freeze({
      table: "lead.settings",
      row: temp === c.hot ? "warmFromMonths" : "coldFromMonths",
      text: Object.freeze(text),
    });
    if (c.timeRefs.size >= TIME_MEMO_LIMIT) c.timeRefs.clear();
    c.timeRefs.set(m, ref);
  }
  return { temp, ref };
}

const OPTIONAL = { optional: true } as const;

/**
 * The temperature of a lead: from the months to procurement (settings
 * warmFromMonths / coldFromMonths), then made colder by any given factor
 * that is colder. Arguments are raw cell values; throws LtcError on bad input.
 */
export function leadTemperature(rb: Pick<Rulebook, "lead">, months: unknown, factors: LeadFactors = {}): Decision<LeadTempRow> {
  const m = parseMonths(months);
  const c = compileLeadOnce(rb.lead);
  const byTime = timeRef(c, m);
  let coldest = byTime.temp;
  const reasons: RuleRef[] = [byTime.ref];
  for (let i = 0; i < c.factors.length; i++) {
    const factor = c.factors[i];
    const row = factor.vocabulary.read(factors[factor.key], factor.key, OPTIONAL);
    if (!row) continue;
    const answer = factor.answers.get(row)!;
    if (!answer.temp) throw noTemperature(answer.temperature);
    reasons.push(answer.ref);
    if (answer.temp.warmth < coldest.warmth) coldest = answer.temp;
  }
  reasons.push(c.finalRefs.get(coldest)![reasons.length > 1 ? 1 : 0]);
  return { value: coldest, reasons };
}

/** compileLead, once per (frozen) section. */
const compileLeadOnce = sectionCompiler(compileLead);

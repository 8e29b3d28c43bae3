import { sectionCompiler } from "./compile";
import {
  MTO_THRESHOLD_KEY,
  OwnerConditionRow,
  OwnerDeptRow,
  OwnerRuleRow,
  OwnerRules,
  ProjectTypeRow,
  RegionRow,
  OfficeRow,
} from "./data/owner";
import { badArg, LtcError, missingArg, noRule } from "./errors";
import { parseLocation, regionOf } from "./geography";
import { isBlank, parseLabel, Vocabulary, vocabularyOf } from "./labels";
import type { Rulebook } from "./rulebook";
import { numericSetting, settingValue } from "./settings";
import { decided, Decision, RuleRef, Text } from "./types";
import { AMOUNT_ACCEPTS, formatFen } from "./values";

/** Rulebook section 6, the owner department, evaluated; the tables are in data/owner, places in geography. */

export type { ProjectTypeRow } from "./data/owner";
export { officeFor, regionOf, regionOfLocation } from "./geography";
export { parseAmountFen } from "./values";

type OwnerBook = Pick<Rulebook, "owner">;

// ------------------------------------------------------------------ lookups

/** A project type as a user typed it (short forms, traditional, English); #VALUE! naming argName otherwise. */
export function parseProjectType(rb: OwnerBook, input: unknown, argName = "projectType"): ProjectTypeRow {
  return parseLabel(rb.owner.projectTypes, input, argName);
}

/** The 发电MTO threshold in fen. */
export function mtoThresholdFen(rb: OwnerBook): number {
  return settingValue(rb.owner.settings, MTO_THRESHOLD_KEY);
}

/** 500_000_000 fen → {zh: "500万元", en: "5,000,000 CNY"}. */
export function amountText(fen: number): Text {
  const yuan = formatFen(fen).replace(/\.00$/, "");
  const zh = fen % 1_000_000 === 0 ? `${fen / 1_000_000}万元` : `${yuan}元`;
  return { zh, en: `${yuan} CNY` };
}

// ------------------------------------------------------------------ compiled §6

/**
 * A §6 row compiled: its thresholds in fen (undefined where the setting it
 * names is missing: only a call that needs it fails), its department, and
 * its reasons per condition code ("" for none), worded once.
 */
interface CompiledRule {
  row: OwnerRuleRow;
  belowFen: number | undefined;
  atLeastFen: number | undefined;
  owner: OwnerDeptRow | undefined;
  reasons: Map<string, readonly RuleRef[]>;
}

/** What a project type's rows need (a condition, an amount) and the rows themselves. */
interface TypeRules {
  rules: CompiledRule[];
  conditionCodes: Set<string>;
  /** "for 集招合作类项目 accepts 已明确签订地 (…), …" */
  conditionsAccepts: string;
  needsAmount: boolean;
}

interface CompiledOwner {
  byType: Map<string, TypeRules>;
  conditions: Vocabulary<OwnerConditionRow>;
}

function compileOwner(rules: OwnerRules): CompiledOwner {
  const byType = new Map<string, TypeRules>();
  for (const type of rules.projectTypes) {
    const rows = rules.rules.filter((r) => r.projectType === type.code);
    const conditionCodes = new Set(rows.map((r) => r.condition).filter((c): c is string => c !== null));
    const own = rules.conditions.filter((c) => conditionCodes.has(c.code));
    byType.set(type.code, {
      rules: rows.map((row) => compileRule(rules, row, type, own)),
      conditionCodes,
      conditionsAccepts: `for ${type.zh} accepts ${own.map((c) => `${c.zh} (${c.en})`).join(", ")}`,
      needsAmount: rows.some((r) => r.amountBelow !== null || r.amountAtLeast !== null),
    });
  }
  return { byType, conditions: vocabularyOf(rules.conditions) };
}

function compileRule(rules: OwnerRules, row: OwnerRuleRow, type: ProjectTypeRow, typeConditions: OwnerConditionRow[]): CompiledRule {
  const belowFen = row.amountBelow === null ? undefined : numericSetting(rules.settings, row.amountBelow);
  const atLeastFen = row.amountAtLeast === null ? undefined : numericSetting(rules.settings, row.amountAtLeast);
  const owner = rules.departments.find((d) => d.code === row.owner);
  const reasons = new Map<string, readonly RuleRef[]>();
  const complete =
    owner !== undefined &&
    (row.amountBelow === null || belowFen !== undefined) &&
    (row.amountAtLeast === null || atLeastFen !== undefined);
  if (complete) {
    // A row without a condition of a type with conditions answers for each of them.
    const conditions = row.condition === null ? [undefined, ...typeConditions] : typeConditions.filter((c) => c.code === row.condition);
    for (const condition of conditions) {
      reasons.set(condition?.code ?? "", ruleReasons(rules, row, type, owner, condition));
    }
  }
  return { row, belowFen, atLeastFen, owner, reasons };
}

// ------------------------------------------------------------------ evaluator

export interface OwnerInput {
  /** the project type as typed (label) */
  projectType: unknown;
  /** the amount in fen (already converted), needed for 发电MTO项目 */
  amountFen?: number;
  /** the condition as typed, needed for 集招合作类项目 and 配套类项目 */
  condition?: unknown;
  /** where the office-type answer is, as typed; blank for the owner text alone */
  location?: unknown;
}

export interface OwnerAnswer {
  rule: OwnerRuleRow;
  owner: OwnerDeptRow;
  office?: OfficeRow;
  region?: RegionRow;
  /** the answer in both languages: the office's name where a location resolved it */
  text: Text;
}

/**
 * The owner department of a project per §6. #VALUE! (naming projectType,
 * amountCNY, condition or location) for bad or missing input; #N/A where the
 * type has no §6 row.
 */
export function ownerDepartment(rb: OwnerBook, input: OwnerInput): Decision<OwnerAnswer> {
  const rules = rb.owner;
  const type = parseProjectType(rb, input.projectType, "projectType");
  const office = isBlank(input.location) ? undefined : parseLocation(rb, input.location, "location");
  const compiled = compileOwnerOnce(rules);
  const typeRules = compiled.byType.get(type.code)!;
  if (typeRules.rules.length === 0) {
    throw noRule(
      `projectType: ${type.zh} (${type.en}) has no owner-department row in rulebook §6; the owner is set when the project is approved`,
    );
  }

  // The condition: required where the type's rows carry one; refused where they don't.
  let condition: OwnerConditionRow | undefined;
  if (typeRules.conditionCodes.size > 0) {
    const accepts = typeRules.conditionsAccepts;
    if (isBlank(input.condition)) throw missingArg("condition", accepts);
    const hit = typeof input.condition === "string" ? compiled.conditions.find(input.condition) : undefined;
    if (!hit || !typeRules.conditionCodes.has(hit.code)) throw badArg("condition", input.condition, accepts);
    condition = hit;
  } else if (!isBlank(input.condition)) {
    throw badArg("condition", input.condition, `accepts only a blank: ${type.zh} (${type.en}) takes no condition`);
  }

  // The amount: required where a row compares it with a threshold.
  const amountFen = input.amountFen;
  if (amountFen !== undefined && !(Number.isSafeInteger(amountFen) && amountFen >= 0)) {
    throw badArg("amountCNY", amountFen, AMOUNT_ACCEPTS);
  }
  if (typeRules.needsAmount && amountFen === undefined) {
    throw missingArg("amountCNY", `${type.zh} (${type.en}) needs the amount: ${AMOUNT_ACCEPTS.replace(/^accepts /, "")}`);
  }
  // A threshold whose setting is missing is read again, so that settingValue says which.
  const threshold = (fen: number | undefined, key: string) => fen ?? settingValue(rules.settings, key);
  const compiledRule = typeRules.rules.find(({ row, belowFen, atLeastFen }) => {
    if (row.condition !== null && row.condition !== condition?.code) return false;
    if (row.amountBelow !== null && !(amountFen! < threshold(belowFen, row.amountBelow))) return false;
    if (row.amountAtLeast !== null && !(amountFen! >= threshold(atLeastFen, row.amountAtLeast))) return false;
    return true;
  });
  if (!compiledRule) throw noRule(`projectType: ${type.zh} has no owner-department row in rulebook §6 for this case`);
  const { row: rule, owner } = compiledRule;
  if (!owner) throw new LtcError("#N/A", `rulebook §6 row ${rule.code} names an unknown department ${rule.owner}`);
  const reasons = [...compiledRule.reasons.get(condition?.code ?? "")!];

  if (owner.kind === "office" && office) {
    const region = regionOf(rb, office);
    reasons.push({
      table: "owner.offices",
      row: office.code,
      text: {
        zh: `${String(input.location).trim()} → ${office.zh}` + (region ? `（${region.zh}）` : ""),
        en: `${String(input.location).trim()} → ${office.en}` + (region ? ` (${region.en})` : ""),
      },
    });
    return decided({ rule, owner, office, region, text: { zh: office.zh, en: office.en } }, ...reasons);
  }
  return decided({ rule, owner, text: { zh: owner.zh, en: owner.en } }, ...reasons);
}

/** The §6 row and the thresholds it compared, in plain words (the same for every call that lands on the row). */
function ruleReasons(
  rules: OwnerRules,
  rule: OwnerRuleRow,
  type: ProjectTypeRow,
  owner: OwnerDeptRow,
  condition: OwnerConditionRow | undefined,
): readonly RuleRef[] {
  const refs: RuleRef[] = [{ table: "owner.rules", row: rule.code, text: ruleText(rules, rule, type, owner, condition) }];
  for (const settingKey of [rule.amountBelow, rule.amountAtLeast]) {
    if (settingKey === null) continue;
    const setting = rules.settings.find((s) => s.key === settingKey)!;
    const amount = amountText(settingValue(rules.settings, settingKey));
    refs.push({
      table: "owner.settings",
      row: settingKey,
      text: { zh: `${setting.zh}：${amount.zh}`, en: `${setting.en}: ${amount.en}` },
    });
  }
  return Object.freeze(refs);
}

/** The plain-words text of a §6 row, with the current threshold. */
function ruleText(
  rules: OwnerRules,
  rule: OwnerRuleRow,
  type: ProjectTypeRow,
  owner: OwnerDeptRow,
  condition: OwnerConditionRow | undefined,
): Text {
  const zh: string[] = [type.zh];
  const en: string[] = [type.en];
  if (condition) {
    zh.push(condition.zh);
    en.push(condition.en);
  }
  if (rule.amountBelow !== null) {
    const t = amountText(settingValue(rules.settings, rule.amountBelow));
    zh.push(`金额 < ${t.zh}`);
    en.push(`amount < ${t.en}`);
  }
  if (rule.amountAtLeast !== null) {
    const t = amountText(settingValue(rules.settings, rule.amountAtLeast));
    zh.push(`金额 ≥ ${t.zh}`);
    en.push(`amount ≥ ${t.en}`);
  }
  return { zh: `${zh.join("，")} → 主责部门：${owner.zh}`, en: `${en.join(", ")} → owner: ${owner.en}` };
}

/** compileOwner, once per (frozen) section. */
const compileOwnerOnce = sectionCompiler(compileOwner);

import { sectionCompiler } from "./compile";
import type { ContractReviewRow, ContractRules, CustomerClassRow } from "./data/contract";
import { badArg, noRule } from "./errors";
import { LabelRow, parseLabel, vocabularyOf } from "./labels";
import type { Rulebook } from "./rulebook";
import { Decision, Lang, RuleRef } from "./types";

export type { ContractReviewRow, ContractRules, ContractTextRow, CustomerClassCode, CustomerClassRow } from "./data/contract";
export { DEFAULT_CONTRACT } from "./data/contract";

/**
 * Rulebook section 10, contract review (合同评审): CLASSCHECK's checks and the
 * customer-class lookups that sections 11, 12 and the aging report share,
 * evaluated from the section's compiled form.
 */

/** The contract section as its evaluators use it: lookups and reasons built once per (frozen) section. */
export interface CompiledContract {
  classByCode: ReadonlyMap<string, CustomerClassRow>;
  /** the reason naming each class row */
  classRefs: ReadonlyMap<CustomerClassRow, RuleRef>;
  /** the check rows in rulebook order, each with its reasons when satisfied and when violated */
  checks: readonly CompiledCheck[];
  texts: ReadonlyMap<string, { zh: string; en: string }>;
}

/** A check row with its grades and classes as sets (a frozen array is slow to walk on every call) and its two reasons. */
interface CompiledCheck {
  rule: ContractReviewRow;
  ifInSystem: boolean | null;
  ifAffiliate: boolean | null;
  ifClasses: ReadonlySet<string> | null;
  allowedGrades: ReadonlySet<string>;
  satisfied: RuleRef;
  violated: RuleRef;
}

const ref = (table: string, row: string, zh: string, en: string): RuleRef => Object.freeze({ table, row, text: Object.freeze({ zh, en }) });

function classRefOf(row: CustomerClassRow): RuleRef {
  const fixed =
    row.inSystem === null ? { zh: "", en: "" } : row.inSystem ? { zh: "，系统内", en: ", in-system" } : { zh: "，系统外", en: ", out-of-system" };
  return ref("contract.customerClasses", row.code, `客户分类 ${row.zh}（${row.grade}类${fixed.zh}）`, `customer class ${row.en} (grade ${row.grade}${fixed.en})`);
}

export function compileContract(rules: ContractRules): CompiledContract {
  return {
    classByCode: new Map(rules.customerClasses.map((r) => [r.code, r])),
    classRefs: new Map(rules.customerClasses.map((r) => [r, classRefOf(r)])),
    checks: rules.reviewRules
      .filter((rule) => rule.kind === "check")
      .map((rule) => ({
        rule,
        ifInSystem: rule.ifInSystem,
        ifAffiliate: rule.ifAffiliate,
        ifClasses: rule.ifClasses === undefined ? null : new Set(rule.ifClasses),
        allowedGrades: new Set(rule.allowedGrades),
        satisfied: ref("contract.reviewRules", rule.code, `满足：${rule.zh}`, `satisfied: ${rule.en}`),
        violated: ref("contract.reviewRules", rule.code, `违反：${rule.zh}`, `violated: ${rule.en}`),
      })),
    texts: new Map(rules.texts.map((r) => [r.code, { zh: r.zh, en: r.en }])),
  };
}

const compiled = (rb: Pick<Rulebook, "contract">): CompiledContract => compileContractOnce(rb.contract);

/** Reads a typed customer class (系统内, A, B类, class C …) or throws #VALUE! naming the argument. */
export function customerClassOf(rb: Pick<Rulebook, "contract">, input: unknown, argName: string): CustomerClassRow {
  return labelOf(rb.contract.customerClasses, input, argName);
}

/**
 * parseLabel with a fast path: a known label is one memoised lookup; only
 * blank or unknown input goes on to parseLabel, which builds the message.
 */
export function labelOf<R extends LabelRow>(rows: readonly R[], input: unknown, argName: string): R {
  return (typeof input === "string" && vocabularyOf(rows).find(input)) || parseLabel(rows, input, argName);
}

/** The class row of a code, or #N/A when the rulebook has no such class. */
export function customerClassByCode(rb: Pick<Rulebook, "contract">, code: string): CustomerClassRow {
  const row = compiled(rb).classByCode.get(code);
  if (!row) throw noRule(`the rulebook has no customer class ${JSON.stringify(code)}`);
  return row;
}

/**
 * The reason naming a customer-class row. With the rulebook the row comes
 * from, it is the compiled one (one object per row, reused); without, a new one.
 */
export function classRef(row: CustomerClassRow, rb?: Pick<Rulebook, "contract">): RuleRef {
  return (rb && compiled(rb).classRefs.get(row)) ?? classRefOf(row);
}

export interface ClassCheckResult {
  /** true when no check rule is violated */
  ok: boolean;
  /** the violated check rules, in rulebook order */
  violations: ContractReviewRow[];
}

/**
 * The §10 checks of a customer's classification. `customerClass` is a class
 * code (or row); `inSystem` and `isAffiliate` are the customer's facts. A
 * class that fixes inSystem (by default only 系统内) contradicting the flag is
 * a bad argument: #VALUE! naming inSystem.
 */
export function classCheck(
  rb: Pick<Rulebook, "contract">,
  customerClass: string | CustomerClassRow,
  inSystem: boolean,
  isAffiliate: boolean,
): Decision<ClassCheckResult> {
  const contract = compiled(rb);
  const cls = typeof customerClass === "string" ? customerClassByCode(rb, customerClass) : customerClass;
  if (cls.inSystem !== null && cls.inSystem !== inSystem) {
    const fitting = rb.contract.customerClasses.filter((r) => r.inSystem === null || r.inSystem === inSystem);
    throw badArg(
      "inSystem",
      inSystem,
      `accepts only ${cls.inSystem ? "TRUE" : "FALSE"} for customer class ${cls.zh} (${cls.en}), which is ` +
        `${cls.inSystem ? "in-system" : "out-of-system"} by definition; a customer with inSystem ` +
        `${inSystem ? "TRUE" : "FALSE"} is classed ${fitting.map((r) => `${r.zh} (${r.en})`).join(", ")}`,
    );
  }
  const reasons: RuleRef[] = [classRef(cls, rb)];
  const violations: ContractReviewRow[] = [];
  const checks = contract.checks;
  for (let i = 0; i < checks.length; i++) {
    const check = checks[i];
    const applies =
      (check.ifInSystem === null || check.ifInSystem === inSystem) &&
      (check.ifAffiliate === null || check.ifAffiliate === isAffiliate) &&
      (check.ifClasses === null || check.ifClasses.has(cls.code));
    const isViolated = applies && !check.allowedGrades.has(cls.grade);
    if (isViolated) violations.push(check.rule);
    reasons.push(isViolated ? check.violated : check.satisfied);
  }
  return { value: { ok: violations.length === 0, violations }, reasons };
}

/** The contract table's fixed word `code` ("ok", "separator") in a language. */
export function contractText(rb: Pick<Rulebook, "contract">, code: string, lang: Lang): string {
  const text = compiled(rb).texts.get(code);
  if (!text) throw noRule(`the rulebook has no contract text ${JSON.stringify(code)}`);
  return lang === "en" ? text.en : text.zh;
}

/** compileContract, once per (frozen) section. */
const compileContractOnce = sectionCompiler(compileContract);

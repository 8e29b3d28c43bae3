import { badArg, noRule } from "./errors";
import { LabelRow, parseLabel, vocabularyOf } from "./labels";
import type { Rulebook } from "./rulebook";
import { Mark } from "./settings";
import { Decision, Lang, RuleRef } from "./types";

/**
 * Rulebook section 10, contract review (合同评审), and the customer-class
 * vocabulary that sections 11, 12 and the receivables aging report share.
 */

/** Stable codes of the deck's four customer classes. */
export type CustomerClassCode = "inSystem" | "A" | "B" | "C";

/**
 * A customer class as the deck's scheduling and shipping grids name it.
 * `grade` is the A/B/C grade §10 speaks of; `inSystem` is what the class
 * itself says about the customer being inside the grid system (true/false),
 * or null when the class leaves it open and the §10 checks must judge it.
 */
export interface CustomerClassRow extends LabelRow {
  grade: string;
  inSystem: boolean | null;
  mark: Mark;
}

/**
 * A §10 contract-review rule. Rows of kind "check" are tested by CLASSCHECK:
 * the rule applies when the customer's in-system status equals `ifInSystem`
 * and its affiliate status equals `ifAffiliate` (null: either), and it is
 * violated when it applies and the class's grade is not in `allowedGrades`
 * (an empty list: no grade satisfies it, the conditions alone violate it).
 * zh/en of a check row are the texts CLASSCHECK reports when it is violated.
 * Rows of kind "note" are the section's other rules, kept for the rules pane.
 */
export interface ContractReviewRow {
  code: string;
  zh: string;
  en: string;
  kind: "check" | "note";
  ifInSystem: boolean | null;
  ifAffiliate: boolean | null;
  allowedGrades: string[];
  mark: Mark;
}

/** Fixed words of CLASSCHECK's answer. */
export interface ContractTextRow {
  code: string;
  zh: string;
  en: string;
}

export interface ContractRules {
  customerClasses: CustomerClassRow[];
  reviewRules: ContractReviewRow[];
  texts: ContractTextRow[];
}

export const DEFAULT_CONTRACT: ContractRules = {
  customerClasses: [
    {
      // [reading] The grids' first row. 系统内 is itself an in-system class-A
      // customer (§10: 系统内客户一定是A类客户), so the class fixes inSystem = TRUE
      // and grade A: it always satisfies 系统内客户必须为A类; with isAffiliate TRUE
      // it violates 三产公司不能为系统内客户; with inSystem FALSE the arguments
      // contradict each other, which CLASSCHECK reports as #VALUE! on inSystem
      // rather than passing a customer whose class and flag disagree.
      code: "inSystem",
      zh: "系统内",
      en: "In-system",
      aliases: ["系统内客户", "in system", "insystem", "in-system customer", "in-system class"],
      grade: "A",
      inSystem: true,
      mark: "reading",
    },
    {
      // [reading] §10: A类客户不一定是系统内客户, so the class leaves inSystem open
      // and CLASSCHECK accepts A with inSystem TRUE or FALSE. The §11/§12 grids
      // call this row 除系统内的A类客户 (class A other than in-system): an
      // in-system customer gets the grids' 系统内 row only when classed 系统内.
      code: "A",
      zh: "系统外A类",
      en: "Class A (out-of-system)",
      aliases: [
        "A",
        "A类",
        "A类客户",
        "系统外A类客户",
        "除系统内的A类客户",
        "class A",
        "A class",
        "class A customer",
        "out-of-system A",
        "out-of-system class A",
      ],
      grade: "A",
      inSystem: null,
      mark: "reading",
    },
    {
      code: "B",
      zh: "B类",
      en: "Class B",
      aliases: ["B", "B类客户", "class B", "B class", "class B customer"],
      grade: "B",
      inSystem: null,
      mark: "deck",
    },
    {
      code: "C",
      zh: "C类",
      en: "Class C",
      aliases: ["C", "C类客户", "class C", "C class", "class C customer"],
      grade: "C",
      inSystem: null,
      mark: "deck",
    },
  ],
  reviewRules: [
    {
      code: "inSystemIsA",
      zh: "系统内客户必须为A类",
      en: "In-system customers must be class A",
      kind: "check",
      ifInSystem: true,
      ifAffiliate: null,
      allowedGrades: ["A"],
      mark: "deck",
    },
    {
      code: "affiliateNotInSystem",
      zh: "三产公司不能为系统内客户",
      en: "Third-industry (grid-affiliated) companies cannot be in-system customers",
      kind: "check",
      ifInSystem: true,
      ifAffiliate: true,
      allowedGrades: [],
      mark: "deck",
    },
    {
      code: "aNotNecessarilyInSystem",
      zh: "A类客户不一定是系统内客户",
      en: "A class-A customer is not necessarily in-system",
      kind: "note",
      ifInSystem: null,
      ifAffiliate: null,
      allowedGrades: [],
      mark: "deck",
    },
    {
      code: "closedPaymentTerms",
      zh: "付款方式需要闭口",
      en: "Payment terms must be closed: definite amounts and dates, no open-ended conditions",
      kind: "note",
      ifInSystem: null,
      ifAffiliate: null,
      allowedGrades: [],
      mark: "deck",
    },
    {
      code: "urgentReview",
      zh: "紧急时合同可以通过电话沟通、微信等方式评审；一般情况通过系统提交评审（可以留痕）",
      en: "In urgent cases a contract may be reviewed by phone or chat; normally review goes through the system, which leaves a trace",
      kind: "note",
      ifInSystem: null,
      ifAffiliate: null,
      allowedGrades: [],
      mark: "deck",
    },
    {
      code: "termination",
      zh: "合同终止：公司确认终止后方可与客户协商条款",
      en: "Contract termination: terms may be negotiated with the customer only after the company confirms termination",
      kind: "note",
      ifInSystem: null,
      ifAffiliate: null,
      allowedGrades: [],
      mark: "deck",
    },
  ],
  texts: [
    { code: "ok", zh: "通过", en: "OK" },
    { code: "separator", zh: "；", en: "; " },
  ],
};

/** Reads a typed customer class (系统内, A, B类, class C …) or throws #VALUE! naming the argument. */
export function customerClassOf(rb: Rulebook, input: unknown, argName: string): CustomerClassRow {
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
export function customerClassByCode(rb: Rulebook, code: string): CustomerClassRow {
  const row = rb.contract.customerClasses.find((r) => r.code === code);
  if (!row) throw noRule(`the rulebook has no customer class ${JSON.stringify(code)}`);
  return row;
}

const classRefs = new WeakMap<CustomerClassRow, RuleRef>();

/** The reason naming a customer-class row (one object per row, reused). */
export function classRef(row: CustomerClassRow): RuleRef {
  let ref = classRefs.get(row);
  if (!ref) {
    const fixed =
      row.inSystem === null
        ? { zh: "", en: "" }
        : row.inSystem
          ? { zh: "，系统内", en: ", in-system" }
          : { zh: "，系统外", en: ", out-of-system" };
    ref = Object.freeze({
      table: "contract.customerClasses",
      row: row.code,
      text: Object.freeze({
        zh: `客户分类 ${row.zh}（${row.grade}类${fixed.zh}）`,
        en: `customer class ${row.en} (grade ${row.grade}${fixed.en})`,
      }),
    });
    classRefs.set(row, ref);
  }
  return ref;
}

const reviewRefs = new WeakMap<ContractReviewRow, [satisfied: RuleRef, violated: RuleRef]>();

function reviewRef(row: ContractReviewRow, violated: boolean): RuleRef {
  let refs = reviewRefs.get(row);
  if (!refs) {
    const ref = (zh: string, en: string): RuleRef =>
      Object.freeze({ table: "contract.reviewRules", row: row.code, text: Object.freeze({ zh, en }) });
    refs = [ref(`满足：${row.zh}`, `satisfied: ${row.en}`), ref(`违反：${row.zh}`, `violated: ${row.en}`)];
    reviewRefs.set(row, refs);
  }
  return refs[violated ? 1 : 0];
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
  rb: Rulebook,
  customerClass: string | CustomerClassRow,
  inSystem: boolean,
  isAffiliate: boolean,
): Decision<ClassCheckResult> {
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
  const reasons: RuleRef[] = [classRef(cls)];
  const violations: ContractReviewRow[] = [];
  for (const rule of rb.contract.reviewRules) {
    if (rule.kind !== "check") continue;
    const applies =
      (rule.ifInSystem === null || rule.ifInSystem === inSystem) &&
      (rule.ifAffiliate === null || rule.ifAffiliate === isAffiliate);
    const violated = applies && !rule.allowedGrades.includes(cls.grade);
    if (violated) violations.push(rule);
    reasons.push(reviewRef(rule, violated));
  }
  return { value: { ok: violations.length === 0, violations }, reasons };
}

/** The contract table's fixed word `code` ("ok", "separator") in a language. */
export function contractText(rb: Rulebook, code: string, lang: Lang): string {
  const row = rb.contract.texts.find((r) => r.code === code);
  if (!row) throw noRule(`the rulebook has no contract text ${JSON.stringify(code)}`);
  return lang === "en" ? row.en : row.zh;
}

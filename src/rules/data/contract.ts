import type { LabelRow } from "../labels";
import type { Mark } from "../settings";

/**
 * Rulebook section 10, contract review (合同评审), and the customer-class
 * vocabulary that sections 11, 12 and the receivables aging report share:
 * the rows only (src/rules/contract.ts evaluates them).
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
 * and its affiliate status equals `ifAffiliate` (null: either) and, where the
 * row has `ifClasses`, the customer's class is one of those class codes; it is
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
  /** the class codes the rule applies to; absent: every class */
  ifClasses?: string[];
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
      // (an argument, not a contradiction). The §11/§12 grids call this row
      // 除系统内的A类客户 (class A other than in-system) and schedule and ship it
      // differently from 系统内: an in-system customer classed A is a
      // classification error, reported by the review rule inSystemClassedInSystem.
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
      // [reading] §10 with §11/§12: the grids give 系统内 and 系统外A类 different
      // rows, so an in-system customer classed A would be scheduled and shipped
      // as out-of-system. Applies to class A only: other grades already violate
      // inSystemIsA.
      code: "inSystemClassedInSystem",
      zh: "系统内客户必须归为系统内类，不能归为系统外A类",
      en: "In-system customers must be classed In-system, not Class A (out-of-system)",
      kind: "check",
      ifInSystem: true,
      ifAffiliate: null,
      ifClasses: ["A"],
      allowedGrades: [],
      mark: "reading",
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

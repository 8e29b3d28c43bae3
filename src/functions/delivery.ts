/* eslint-disable @typescript-eslint/no-explicit-any */
import { classCheck, contractText, customerClassOf } from "../rules/contract";
import { scheduleConditionOf, scheduleDecision, schedulePhaseOf, scheduleText } from "../rules/schedule";
import {
  needPhoto,
  parseCapacityKvar,
  parseVoltageKV,
  shipDecision,
  shipDocumentsOf,
  shipText,
} from "../rules/ship";
import { RuleRef } from "../rules/types";
import { parseBool, parseLang, parseRatio } from "../rules/values";
import { CUSTOMER_CLASS, LANG } from "./params";
import { invoke } from "./runtime";
import { defineFunction, FunctionSpec } from "./spec";

/**
 * Delivery functions: contract review (§10), production scheduling (§11),
 * shipping and photo evidence (§12). Each spec reads its arguments, calls the
 * rule evaluator and renders the answer in the requested language.
 */

export const CLASSCHECK = defineFunction({
  name: "CLASSCHECK",
  help: {
    en: "Contract review (rulebook section 10): checks a customer's class against the in-system and affiliate rules.",
    zh: "合同评审（规则手册第10节）：按系统内客户与三产公司规则检查客户分类。",
  },
  result: {
    en: "通过 (OK), or every violated rule joined by ；: 系统内客户必须为A类, 系统内客户必须归为系统内类，不能归为系统外A类, 三产公司不能为系统内客户.",
    zh: '通过（lang 为 "en" 时为 OK），或以“；”连接的全部违反规则：系统内客户必须为A类、系统内客户必须归为系统内类，不能归为系统外A类、三产公司不能为系统内客户。',
  },
  params: [
    CUSTOMER_CLASS,
    {
      name: "inSystem",
      zhName: "系统内客户",
      kind: "bool",
      help: {
        en: "Whether the customer is inside the grid system: TRUE/FALSE, 1/0, 是/否, yes/no (TRUE needs class 系统内; class A with TRUE is a violation).",
        zh: "客户是否为系统内客户：TRUE/FALSE、1/0、是/否 或 yes/no。分类为系统内时须为 TRUE，为系统外A类时须为 FALSE。",
      },
    },
    {
      name: "isAffiliate",
      zhName: "三产公司",
      kind: "bool",
      help: {
        en: 'Whether the customer is a grid-affiliated "third-industry" company (三产公司): TRUE/FALSE, 1/0, 是/否, yes/no.',
        zh: "客户是否为三产公司：TRUE/FALSE、1/0、是/否 或 yes/no。",
      },
    },
    LANG,
  ],
  evaluate: (rb, [customerClass, inSystem, isAffiliate, lang]) => {
    const cls = customerClassOf(rb, customerClass, "customerClass");
    const inSys = parseBool(inSystem, "inSystem");
    const affiliate = parseBool(isAffiliate, "isAffiliate");
    const language = parseLang(lang);
    const decision = classCheck(rb, cls, inSys, affiliate);
    const { ok, violations } = decision.value;
    const value = ok
      ? contractText(rb, "ok", language)
      : violations.map((v) => (language === "en" ? v.en : v.zh)).join(contractText(rb, "separator", language));
    return { value, reasons: decision.reasons };
  },
});

export const CANSCHEDULE = defineFunction({
  name: "CANSCHEDULE",
  help: {
    en: "Production scheduling (rulebook section 11): whether an order may be scheduled and which approval it needs.",
    zh: "排产（规则手册第11节）：按客户分类、排产阶段和异常情况判断能否排产及所需审批。",
  },
  result: {
    en: "正常排产, 异常排产：需省主任审批 or 异常排产：需客户承诺函和总裁审批; #N/A where the grid has no cell.",
    zh: "正常排产、异常排产：需省主任审批 或 异常排产：需客户承诺函和总裁审批；表中无对应格时为 #N/A（如初次排产的插单）。",
  },
  params: [
    CUSTOMER_CLASS,
    {
      name: "phase",
      zhName: "排产阶段",
      kind: "label",
      help: {
        en: "Scheduling phase: 初次排产 (first), 生产周期排产 (production cycle), 锁定期排产 (locked period).",
        zh: "排产阶段：初次排产（初次）、生产周期排产（周期）、锁定期排产（锁定期）。",
      },
    },
    {
      name: "condition",
      zhName: "条件",
      kind: "label",
      help: {
        en: "The exception: 无合同 (no contract), 预付款未到 (prepayment not received), 插单 (rush order).",
        zh: "异常情况：无合同、预付款未到、插单（插单仅用于生产周期排产）。",
      },
    },
    LANG,
  ],
  evaluate: (rb, [customerClass, phase, condition, lang]) => {
    const cls = customerClassOf(rb, customerClass, "customerClass");
    const phaseRow = schedulePhaseOf(rb, phase, "phase");
    const conditionRow = scheduleConditionOf(rb, condition, "condition");
    const language = parseLang(lang);
    const decision = scheduleDecision(rb, cls, phaseRow.code, conditionRow.code);
    return { value: scheduleText(decision.value, language), reasons: decision.reasons };
  },
});

export const CANSHIP = defineFunction({
  name: "CANSHIP",
  help: {
    en: "Shipping (rulebook section 12): whether goods may ship, given the customer class, documents and payment.",
    zh: "发货（规则手册第12节）：按客户分类、合同或协议及到款情况判断能否发货及所需审批。",
  },
  result: {
    en: "正常发货, 异常发货：需片区总审批, 异常发货：需客户承诺函和总裁审批, 不可发货：需100%到款, 不可发货：无合同或协议 or 不可发货：承诺未兑现.",
    zh: "正常发货、异常发货：需片区总审批、异常发货：需客户承诺函和总裁审批、不可发货：需100%到款、不可发货：无合同或协议 或 不可发货：承诺未兑现。",
  },
  params: [
    CUSTOMER_CLASS,
    {
      name: "documents",
      zhName: "合同或协议",
      kind: "label",
      help: {
        en: "Documents in place: 合同 (contract), 协议 (agreement only), 无 (neither).",
        zh: "已有文件：合同（有合同）、协议（有协议无合同）或 无（无合同无协议）。",
      },
    },
    {
      name: "paidRatio",
      zhName: "已到款比例",
      kind: "ratio",
      help: {
        en: 'Share of the contract value received: a percent cell (60%), a fraction 0–1, or "60%" as text; up to 200%, above 100% is overpaid and counts as fully paid.',
        zh: '已到款占合同额的比例：百分比单元格（60%）、0至1的小数，或文本如"60%"；最多200%，超过100%为多付，按全额到款计。',
      },
    },
    {
      name: "requiredRatio",
      zhName: "约定到款比例",
      kind: "ratio",
      optional: true,
      help: {
        en: 'Optional. Share agreed to be paid before shipment (default 0): a percent cell, a fraction 0–1 or "30%" as text, at most 100%.',
        zh: '可选。约定发货前应到款的比例（默认0）：百分比单元格、0至1的小数或文本如"30%"，最多100%。',
      },
    },
    {
      name: "commitmentBroken",
      zhName: "付款承诺未兑现",
      kind: "bool",
      optional: true,
      help: {
        en: "Optional. Whether the customer broke an earlier payment promise (default FALSE).",
        zh: "可选。客户此前的付款承诺是否未兑现（默认 FALSE）：TRUE/FALSE、1/0、是/否 或 yes/no。",
      },
    },
    LANG,
  ],
  evaluate: (rb, [customerClass, documents, paidRatio, requiredRatio, commitmentBroken, lang]) => {
    const cls = customerClassOf(rb, customerClass, "customerClass");
    const docs = shipDocumentsOf(rb, documents, "documents");
    const paid = parseRatio(paidRatio, "paidRatio", PAID_RATIO);
    const required = parseRatio(requiredRatio, "requiredRatio", OPTIONAL_RATIO);
    const broken = parseBool(commitmentBroken, "commitmentBroken", true) ?? false;
    const language = parseLang(lang);
    const decision = shipDecision(rb, {
      customerClass: cls,
      documents: docs,
      paidRatio: Math.min(paid, 1),
      requiredRatio: required,
      commitmentBroken: broken,
    });
    const reasons = paid > 1 ? [overpaidRef(paid), ...decision.reasons] : decision.reasons;
    return { value: shipText(decision.value, language), reasons };
  },
});

/** A paid ratio may exceed 100% (an overpayment, read as 100% with a reason); options shared by every call. */
const PAID_RATIO = { max: 2 } as const;
const OPTIONAL_RATIO = { optional: true } as const;

/** Why a paid ratio above 100% was read as 100%. */
function overpaidRef(paid: number): RuleRef {
  const percent = `${Number((paid * 100).toFixed(6))}%`;
  return {
    table: "ship.settings",
    row: "fullPaymentRatio",
    text: {
      zh: `已到款${percent}，超过100%：多付，按全额到款计`,
      en: `paid ${percent}, above 100%: overpaid, counted as fully paid`,
    },
  };
}

export const NEEDPHOTO = defineFunction({
  name: "NEEDPHOTO",
  help: {
    en: "Photo evidence at shipment (rulebook section 12): TRUE when the product is on the photo list.",
    zh: "发货照片（规则手册第12节）：产品是否在需要照片的清单中。",
  },
  result: {
    en: "TRUE when photos are needed, FALSE otherwise.",
    zh: "需要照片时为 TRUE，否则为 FALSE（清单外的产品均为 FALSE）。",
  },
  params: [
    {
      name: "product",
      zhName: "产品",
      kind: "label",
      help: {
        en: "Product: 并联电抗器 (并抗), 清能产品, 电容器, GIS产品; any other product gives FALSE.",
        zh: "产品：并联电抗器（并抗）、清能产品、电容器、GIS产品；其他产品返回 FALSE。",
      },
    },
    {
      name: "capacityKvar",
      zhName: "容量（kvar）",
      kind: "quantity",
      optional: true,
      help: {
        en: "Optional. Capacity in kvar; required for shunt reactors and capacitors (photos from 10000 kvar).",
        zh: "可选。容量（kvar）；并联电抗器和电容器必填（10000 kvar 及以上需要照片）。",
      },
    },
    {
      name: "voltageKV",
      zhName: "电压等级（kV）",
      kind: "quantity",
      optional: true,
      help: {
        en: "Optional. Substation voltage in kV; required for capacitors (photos at 220 kV and above).",
        zh: "可选。变电站电压等级（kV）；电容器必填（220 kV 及以上变电站需要照片）。",
      },
    },
  ],
  evaluate: (rb, [product, capacityKvar, voltageKV]) => {
    const capacity = parseCapacityKvar(capacityKvar, "capacityKvar");
    const voltage = parseVoltageKV(voltageKV, "voltageKV");
    return needPhoto(rb, { product: product as string, capacityKvar: capacity, voltageKV: voltage });
  },
});

export const DELIVERY_FUNCTIONS: FunctionSpec[] = [CLASSCHECK, CANSCHEDULE, CANSHIP, NEEDPHOTO];

/**
 * Contract review (rulebook section 10): checks a customer's class against the in-system and affiliate rules.
 * @customfunction CLASSCHECK
 * @param customerClass Customer class: 系统内 (in-system), A (A类, 系统外A类), B (B类), C (C类).
 * @param inSystem Whether the customer is inside the grid system: TRUE/FALSE, 1/0, 是/否, yes/no (TRUE needs class 系统内; class A with TRUE is a violation).
 * @param isAffiliate Whether the customer is a grid-affiliated "third-industry" company (三产公司): TRUE/FALSE, 1/0, 是/否, yes/no.
 * @param lang Optional. Output language: "zh" (default) or "en".
 * @returns 通过 (OK), or every violated rule joined by ；: 系统内客户必须为A类, 系统内客户必须归为系统内类，不能归为系统外A类, 三产公司不能为系统内客户.
 */
export function classCheckFn(customerClass: any, inSystem: any, isAffiliate: any, lang?: any): string {
  return invoke(CLASSCHECK, [customerClass, inSystem, isAffiliate, lang]) as string;
}

/**
 * Production scheduling (rulebook section 11): whether an order may be scheduled and which approval it needs.
 * @customfunction CANSCHEDULE
 * @param customerClass Customer class: 系统内 (in-system), A (A类, 系统外A类), B (B类), C (C类).
 * @param phase Scheduling phase: 初次排产 (first), 生产周期排产 (production cycle), 锁定期排产 (locked period).
 * @param condition The exception: 无合同 (no contract), 预付款未到 (prepayment not received), 插单 (rush order).
 * @param lang Optional. Output language: "zh" (default) or "en".
 * @returns 正常排产, 异常排产：需省主任审批 or 异常排产：需客户承诺函和总裁审批; #N/A where the grid has no cell.
 */
export function canSchedule(customerClass: any, phase: any, condition: any, lang?: any): string {
  return invoke(CANSCHEDULE, [customerClass, phase, condition, lang]) as string;
}

/**
 * Shipping (rulebook section 12): whether goods may ship, given the customer class, documents and payment.
 * @customfunction CANSHIP
 * @param customerClass Customer class: 系统内 (in-system), A (A类, 系统外A类), B (B类), C (C类).
 * @param documents Documents in place: 合同 (contract), 协议 (agreement only), 无 (neither).
 * @param paidRatio Share of the contract value received: a percent cell (60%), a fraction 0–1, or "60%" as text; up to 200%, above 100% is overpaid and counts as fully paid.
 * @param requiredRatio Optional. Share agreed to be paid before shipment (default 0): a percent cell, a fraction 0–1 or "30%" as text, at most 100%.
 * @param commitmentBroken Optional. Whether the customer broke an earlier payment promise (default FALSE).
 * @param lang Optional. Output language: "zh" (default) or "en".
 * @returns 正常发货, 异常发货：需片区总审批, 异常发货：需客户承诺函和总裁审批, 不可发货：需100%到款, 不可发货：无合同或协议 or 不可发货：承诺未兑现.
 */
export function canShip(
  customerClass: any,
  documents: any,
  paidRatio: any,
  requiredRatio?: any,
  commitmentBroken?: any,
  lang?: any,
): string {
  return invoke(CANSHIP, [customerClass, documents, paidRatio, requiredRatio, commitmentBroken, lang]) as string;
}

/**
 * Photo evidence at shipment (rulebook section 12): TRUE when the product is on the photo list.
 * @customfunction NEEDPHOTO
 * @param product Product: 并联电抗器 (并抗), 清能产品, 电容器, GIS产品; any other product gives FALSE.
 * @param capacityKvar Optional. Capacity in kvar; required for shunt reactors and capacitors (photos from 10000 kvar).
 * @param voltageKV Optional. Substation voltage in kV; required for capacitors (photos at 220 kV and above).
 * @returns TRUE when photos are needed, FALSE otherwise.
 */
export function needPhotoFn(product: any, capacityKvar?: any, voltageKV?: any): boolean {
  return invoke(NEEDPHOTO, [product, capacityKvar, voltageKV]) as boolean;
}

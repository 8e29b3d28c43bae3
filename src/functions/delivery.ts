/* eslint-disable @typescript-eslint/no-explicit-any */
import { classCheck, contractText, customerClassOf } from "../rules/contract";
import { scheduleConditionOf, scheduleDecision, schedulePhaseOf, scheduleText } from "../rules/schedule";
import {
  needPhoto,
  parseCapacityKvar,
  parseRatio,
  parseVoltageKV,
  shipDecision,
  shipDocumentsOf,
  shipText,
} from "../rules/ship";
import { parseBool, parseLang } from "../rules/values";
import { invoke } from "./runtime";
import { defineFunction, FunctionSpec } from "./spec";

/**
 * Delivery functions: contract review (§10), production scheduling (§11),
 * shipping and photo evidence (§12). Each spec reads its arguments, calls the
 * rule evaluator and renders the answer in the requested language.
 */

export const CLASSCHECK = defineFunction({
  name: "CLASSCHECK",
  params: [{ name: "customerClass" }, { name: "inSystem" }, { name: "isAffiliate" }, { name: "lang", optional: true }],
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
  params: [{ name: "customerClass" }, { name: "phase" }, { name: "condition" }, { name: "lang", optional: true }],
  evaluate: (rb, [customerClass, phase, condition, lang]) => {
    const cls = customerClassOf(rb, customerClass, "customerClass");
    const phaseRow = schedulePhaseOf(rb, phase, "phase");
    const conditionRow = scheduleConditionOf(rb, condition, "condition");
    const language = parseLang(lang);
    const decision = scheduleDecision(rb, cls.code, phaseRow.code, conditionRow.code);
    return { value: scheduleText(decision.value, language), reasons: decision.reasons };
  },
});

export const CANSHIP = defineFunction({
  name: "CANSHIP",
  params: [
    { name: "customerClass" },
    { name: "documents" },
    { name: "paidRatio" },
    { name: "requiredRatio", optional: true },
    { name: "commitmentBroken", optional: true },
    { name: "lang", optional: true },
  ],
  evaluate: (rb, [customerClass, documents, paidRatio, requiredRatio, commitmentBroken, lang]) => {
    const cls = customerClassOf(rb, customerClass, "customerClass");
    const docs = shipDocumentsOf(rb, documents, "documents");
    const paid = parseRatio(paidRatio, "paidRatio");
    const required = parseRatio(requiredRatio, "requiredRatio", true);
    const broken = parseBool(commitmentBroken, "commitmentBroken", true) ?? false;
    const language = parseLang(lang);
    const decision = shipDecision(rb, {
      customerClass: cls,
      documents: docs,
      paidRatio: paid,
      requiredRatio: required,
      commitmentBroken: broken,
    });
    return { value: shipText(decision.value, language), reasons: decision.reasons };
  },
});

export const NEEDPHOTO = defineFunction({
  name: "NEEDPHOTO",
  params: [{ name: "product" }, { name: "capacityKvar", optional: true }, { name: "voltageKV", optional: true }],
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
 * @param inSystem Whether the customer is inside the grid system: TRUE/FALSE, 1/0, 是/否, yes/no (TRUE for class 系统内).
 * @param isAffiliate Whether the customer is a grid-affiliated "third-industry" company (三产公司): TRUE/FALSE, 1/0, 是/否, yes/no.
 * @param lang Optional. Output language: "zh" (default) or "en".
 * @returns 通过 (OK), or every violated rule joined by ；: 系统内客户必须为A类, 三产公司不能为系统内客户.
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
 * @param paidRatio Share of the contract value received: 0–1 (a percentage cell), "60%", or 1–100 read as percent.
 * @param requiredRatio Optional. Share agreed to be paid before shipment (default 0), read like paidRatio.
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

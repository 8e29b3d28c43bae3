import { sectionCompiler } from "./compile";
import { classRef, customerClassByCode, CustomerClassRow, labelOf } from "./contract";
import { PhotoProductRow, ShipCellRow, ShipDocumentsRow, ShipOutcomeRow, ShipPayment, ShipRules } from "./data/ship";
import { badArg, missingArg, noRule } from "./errors";
import { isBlank, Vocabulary, vocabularyOf } from "./labels";
import type { Rulebook } from "./rulebook";
import { numericSetting, settingValue } from "./settings";
import { Decision, Lang, RuleRef, Text } from "./types";
import { numberFromText } from "./values";

/** Rulebook section 12, shipping and photo evidence, evaluated; the grid and lists are in data/ship. */

// ---------------------------------------------------------------- inputs

export function shipDocumentsOf(rb: Pick<Rulebook, "ship">, input: unknown, argName: string): ShipDocumentsRow {
  return labelOf(rb.ship.documents, input, argName);
}

// ---------------------------------------------------------------- shipping

/** Shipping reads the customer classes of the contract section. */
type ShipBook = Pick<Rulebook, "ship" | "contract">;

export interface ShipInput {
  /** customer class code (inSystem, A, B, C) or its row */
  customerClass: string | CustomerClassRow;
  /** documents code (contract, agreement, none) or its row */
  documents: string | ShipDocumentsRow;
  /** fraction of the contract value received (above 1: overpaid, which counts as fully paid) */
  paidRatio: number;
  /** fraction 0–1 agreed to be paid before shipment; default the requiredRatioDefault setting */
  requiredRatio?: number;
  /** the customer broke an earlier payment promise (default false) */
  commitmentBroken?: boolean;
}

function paymentHolds(payment: ShipPayment, agreedIn: boolean, full: boolean): boolean {
  switch (payment) {
    case "any":
      return true;
    case "agreedIn":
      return agreedIn;
    case "agreedMissing":
      return !agreedIn;
    case "full":
      return full;
    case "notFull":
      return !full;
  }
}

const PAYMENT_TEXT: Record<ShipPayment, { zh: string; en: string }> = {
  any: { zh: "不论到款", en: "whatever was paid" },
  agreedIn: { zh: "约定的款项已到", en: "agreed payment received" },
  agreedMissing: { zh: "约定的款项未到", en: "agreed payment missing" },
  full: { zh: "100%到款", en: "100% paid" },
  notFull: { zh: "未100%到款", en: "less than 100% paid" },
};

/**
 * A grid row compiled: its outcome and the outcome replacing it when the
 * customer broke a payment promise (undefined where the row names an unknown
 * one), the reason for that replacement, and per customer-class row its
 * reasons (the row's and the class's), worded on first use: the class text
 * comes from the contract section.
 */
interface CompiledShipCell {
  cell: ShipCellRow;
  outcome: ShipOutcomeRow | undefined;
  broken: { outcome: ShipOutcomeRow | undefined; ref: RuleRef | undefined };
  /** by the class row's object, worded on first use (a few classes: a list scanned by identity beats a Map) */
  reasons: { cls: CustomerClassRow; refs: readonly [cell: RuleRef, customerClass: RuleRef] }[];
}

/** §12's grid compiled: documents and outcomes by code, the rows in order, the payment settings. */
interface CompiledShipping {
  documents: Map<string, ShipDocumentsRow>;
  /** documents code → its grid rows in grid order (a row's documents must match, so only these are scanned) */
  cellsByDocuments: Map<string, CompiledShipCell[]>;
  /** undefined when missing: only a call that needs it fails, naming it */
  requiredRatioDefault: number | undefined;
  fullPaymentRatio: number | undefined;
}

function compileShipping(rules: ShipRules): CompiledShipping {
  const outcomes = new Map(rules.outcomes.map((r) => [r.code, r]));
  const cells = rules.matrix.map((cell): CompiledShipCell => {
    const outcome = outcomes.get(cell.outcome);
    const replacement = outcome?.whenCommitmentBroken ? outcomes.get(outcome.whenCommitmentBroken) : undefined;
    const ref =
      outcome && replacement
        ? Object.freeze({
            table: "ship.outcomes",
            row: outcome.code,
            text: Object.freeze({
              zh: `客户未兑现此前的付款承诺：${outcome.zh} 改为 ${replacement.zh}`,
              en: `the customer broke an earlier payment promise: ${outcome.en} becomes ${replacement.en}`,
            }),
          })
        : undefined;
    return { cell, outcome, broken: { outcome: replacement, ref }, reasons: [] };
  });
  const cellsByDocuments = new Map<string, CompiledShipCell[]>();
  for (const c of cells) {
    const same = cellsByDocuments.get(c.cell.documents);
    if (same) same.push(c);
    else cellsByDocuments.set(c.cell.documents, [c]);
  }
  return {
    documents: new Map(rules.documents.map((r) => [r.code, r])),
    cellsByDocuments,
    requiredRatioDefault: numericSetting(rules.settings, "requiredRatioDefault"),
    fullPaymentRatio: numericSetting(rules.settings, "fullPaymentRatio"),
  };
}

const NO_CELLS: readonly CompiledShipCell[] = [];

/** The §12 shipping answer for plain inputs (codes and fractions). */
export function shipDecision(rb: ShipBook, input: ShipInput): Decision<ShipOutcomeRow> {
  const c = compileShippingOnce(rb.ship);
  const cls =
    typeof input.customerClass === "string" ? customerClassByCode(rb, input.customerClass) : input.customerClass;
  const docs = typeof input.documents === "string" ? documentsByCode(c, input.documents) : input.documents;
  const required = input.requiredRatio ?? c.requiredRatioDefault ?? settingValue(rb.ship.settings, "requiredRatioDefault");
  const agreedIn = input.paidRatio >= required;
  const full = input.paidRatio >= (c.fullPaymentRatio ?? settingValue(rb.ship.settings, "fullPaymentRatio"));
  let hit: CompiledShipCell | undefined;
  for (const candidate of c.cellsByDocuments.get(docs.code) ?? NO_CELLS) {
    const r = candidate.cell;
    if ((r.customerClass === null || r.customerClass === cls.code) && paymentHolds(r.payment, agreedIn, full)) {
      hit = candidate;
      break;
    }
  }
  if (!hit) {
    throw noRule(
      `the shipping grid (rulebook §12) has no row for ${cls.en} with ${docs.en}, ` +
        `paid ${input.paidRatio * 100}% of an agreed ${required * 100}%`,
    );
  }
  const gridOutcome = hit.outcome ?? unknownOutcome(hit.cell.outcome);
  let reasons: readonly [RuleRef, RuleRef] | undefined;
  for (const r of hit.reasons) {
    if (r.cls === cls) {
      reasons = r.refs;
      break;
    }
  }
  if (!reasons) {
    reasons = [shipCellRef(hit.cell, cls, docs, gridOutcome), classRef(cls, rb)];
    hit.reasons.push({ cls, refs: reasons });
  }
  if (input.commitmentBroken && gridOutcome.whenCommitmentBroken) {
    const { outcome: broken, ref } = hit.broken;
    if (!broken || !ref) throw unknownOutcome(gridOutcome.whenCommitmentBroken);
    return { value: broken, reasons: [ref, reasons[0], reasons[1]] };
  }
  return { value: gridOutcome, reasons: [reasons[0], reasons[1]] };
}

function documentsByCode(c: CompiledShipping, code: string): ShipDocumentsRow {
  const row = c.documents.get(code);
  if (!row) throw noRule(`the rulebook has no shipping documents ${JSON.stringify(code)}`);
  return row;
}

function unknownOutcome(code: string): never {
  throw noRule(`the shipping grid names an unknown outcome ${code}`);
}

/** The reason naming a grid row for a class row. */
function shipCellRef(cell: ShipCellRow, cls: CustomerClassRow, docs: ShipDocumentsRow, outcome: ShipOutcomeRow): RuleRef {
  const who: Text = cell.customerClass === null ? { zh: `所有客户（${cls.zh}）`, en: `every class (${cls.en})` } : cls;
  return Object.freeze({
    table: "ship.matrix",
    row: cell.code,
    text: Object.freeze({
      zh: `${who.zh} · ${docs.zh} · ${PAYMENT_TEXT[cell.payment].zh} → ${outcome.zh}`,
      en: `${who.en} · ${docs.en} · ${PAYMENT_TEXT[cell.payment].en} → ${outcome.en}`,
    }),
  });
}

export function shipText(outcome: ShipOutcomeRow, lang: Lang): string {
  return lang === "en" ? outcome.en : outcome.zh;
}

// ---------------------------------------------------------------- photos

// Upper bounds only catch typing slips (a value in var, a voltage in volts):
// the largest units are hundreds of Mvar, the highest grid voltage is 1100 kV.
const MAX_CAPACITY_KVAR = 10_000_000;
const MAX_VOLTAGE_KV = 1500;
const CAPACITY_ACCEPTS = `accepts a capacity in kvar from 0 to ${MAX_CAPACITY_KVAR}, e.g. 10000 or "10000 kvar"`;
const VOLTAGE_ACCEPTS = `accepts a substation voltage in kV above 0 up to ${MAX_VOLTAGE_KV}, e.g. 220 or "220kV"`;

function readQuantity(input: unknown, argName: string, unit: RegExp, accepts: string, min: number, max: number) {
  if (isBlank(input)) return undefined;
  let n = NaN;
  if (typeof input === "number") n = input;
  else if (typeof input === "string") n = numberFromText(input.normalize("NFKC").trim().replace(unit, ""));
  if (!Number.isFinite(n) || n < min || n > max) throw badArg(argName, input, accepts);
  return n;
}

/** Capacity in kvar (number or text like "10000 kvar"); undefined when blank. */
export function parseCapacityKvar(input: unknown, argName = "capacityKvar"): number | undefined {
  return readQuantity(input, argName, /\s*kvar$/i, CAPACITY_ACCEPTS, 0, MAX_CAPACITY_KVAR);
}

/** Substation voltage in kV (number or text like "220kV"); undefined when blank. */
export function parseVoltageKV(input: unknown, argName = "voltageKV"): number | undefined {
  return readQuantity(input, argName, /\s*kv$/i, VOLTAGE_ACCEPTS, Number.MIN_VALUE, MAX_VOLTAGE_KV);
}

/** The photo list compiled: its vocabulary and each product's two reasons (photos not needed / needed). */
interface CompiledPhotoList {
  products: Vocabulary<PhotoProductRow>;
  refs: Map<PhotoProductRow, [notNeeded: RuleRef, needed: RuleRef]>;
}

function compilePhotoList(rules: ShipRules): CompiledPhotoList {
  const refs = new Map<PhotoProductRow, [RuleRef, RuleRef]>();
  for (const row of rules.photoProducts) {
    const zh = [
      row.minCapacityKvar === null ? "" : `容量 ≥ ${row.minCapacityKvar} kvar`,
      row.minVoltageKV === null ? "" : `${row.minVoltageKV} kV 及以上变电站`,
    ]
      .filter(Boolean)
      .join("，");
    const en = [
      row.minCapacityKvar === null ? "" : `capacity ≥ ${row.minCapacityKvar} kvar`,
      row.minVoltageKV === null ? "" : `substation ≥ ${row.minVoltageKV} kV`,
    ]
      .filter(Boolean)
      .join(", ");
    const rule = { zh: zh ? `${row.zh}（${zh}）` : row.zh, en: en ? `${row.en} (${en})` : row.en };
    const ref = (text: Text): RuleRef => Object.freeze({ table: "ship.photoProducts", row: row.code, text: Object.freeze(text) });
    refs.set(row, [
      ref({ zh: `${rule.zh}：条件未满足，不需要照片`, en: `${rule.en}: conditions not met, no photos needed` }),
      ref({ zh: `${rule.zh}：需要照片`, en: `${rule.en}: photos needed` }),
    ]);
  }
  return { products: vocabularyOf(rules.photoProducts), refs };
}

type PhotoBook = Pick<Rulebook, "ship">;

/** The photo-list product a typed name is, or undefined for any other product. */
export function photoProductOf(rb: PhotoBook, input: unknown, argName: string): PhotoProductRow | undefined {
  return photoProductIn(compilePhotoListOnce(rb.ship), input, argName);
}

function photoProductIn({ products }: CompiledPhotoList, input: unknown, argName: string): PhotoProductRow | undefined {
  if (typeof input === "string" && !isBlank(input)) return products.find(input);
  const accepts = `accepts a product name as text; the photo list is ${products.describe()}`;
  throw isBlank(input) ? missingArg(argName, accepts) : badArg(argName, input, accepts);
}

export interface PhotoInput {
  /** the product name as typed */
  product: string;
  capacityKvar?: number;
  voltageKV?: number;
}

/**
 * Whether a shipment needs photo evidence (§12 需要照片). A capacity or voltage
 * the product's row asks for but missing is #VALUE! naming it.
 */
export function needPhoto(rb: PhotoBook, input: PhotoInput): Decision<boolean> {
  const photos = compilePhotoListOnce(rb.ship);
  const row = photoProductIn(photos, input.product, "product");
  if (!row) {
    return {
      value: false,
      reasons: [
        {
          table: "ship.photoProducts",
          row: "other",
          text: {
            zh: `${input.product.trim()} 不在需要照片的产品清单中`,
            en: `${input.product.trim()} is not on the photo-evidence list`,
          },
        },
      ],
    };
  }
  if (row.minCapacityKvar !== null && input.capacityKvar === undefined) {
    throw missingArg("capacityKvar", `${row.en} (${row.zh}) needs photos from ${row.minCapacityKvar} kvar; ${CAPACITY_ACCEPTS}`);
  }
  if (row.minVoltageKV !== null && input.voltageKV === undefined) {
    throw missingArg("voltageKV", `${row.en} (${row.zh}) needs photos at ${row.minVoltageKV} kV substations and above; ${VOLTAGE_ACCEPTS}`);
  }
  const value =
    (row.minCapacityKvar === null || (input.capacityKvar as number) >= row.minCapacityKvar) &&
    (row.minVoltageKV === null || (input.voltageKV as number) >= row.minVoltageKV);
  return { value, reasons: [photos.refs.get(row)![value ? 1 : 0]] };
}

/** compilePhotoList, once per (frozen) section. */
const compilePhotoListOnce = sectionCompiler(compilePhotoList);
/** compileShipping, once per (frozen) section. */
const compileShippingOnce = sectionCompiler(compileShipping);

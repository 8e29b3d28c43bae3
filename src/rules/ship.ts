import { classRef, customerClassByCode, CustomerClassRow, labelOf } from "./contract";
import { badArg, missingArg, noRule } from "./errors";
import { isBlank, LabelRow, vocabularyOf } from "./labels";
import type { Rulebook } from "./rulebook";
import { Mark, SettingRow, settingValue } from "./settings";
import { Decision, Lang, RuleRef } from "./types";
import { numberFromText } from "./values";

/**
 * Rulebook section 12, shipping (发货): the shipping grid by customer class
 * and documents, the outcome texts, and the photo-evidence list.
 */

export interface ShipDocumentsRow extends LabelRow {
  mark: Mark;
}

/**
 * A shipping answer. `whenCommitmentBroken` names the outcome that replaces
 * it when the customer broke an earlier payment promise (null: unchanged).
 */
export interface ShipOutcomeRow {
  code: string;
  zh: string;
  en: string;
  /** the goods may go (possibly after the approval the text names) */
  ship: boolean;
  whenCommitmentBroken: string | null;
  mark: Mark;
}

/**
 * Payment conditions of a grid row:
 * - "any": whatever was paid
 * - "agreedIn" / "agreedMissing": paidRatio ≥ / < requiredRatio (约定的款项)
 * - "full" / "notFull": paidRatio ≥ / < the fullPaymentRatio setting (100%到款)
 */
export type ShipPayment = "any" | "agreedIn" | "agreedMissing" | "full" | "notFull";

/**
 * One row of the §12 grid. The first row (in table order) whose class
 * (null: every class), documents and payment condition hold decides.
 */
export interface ShipCellRow {
  code: string;
  customerClass: string | null;
  documents: string;
  payment: ShipPayment;
  outcome: string;
  mark: Mark;
}

/**
 * A product of the photo-evidence list (需要照片). A product needs photos when
 * its capacity is ≥ minCapacityKvar and its substation voltage is ≥
 * minVoltageKV (null: no condition). Products not in the list need none.
 */
export interface PhotoProductRow extends LabelRow {
  minCapacityKvar: number | null;
  minVoltageKV: number | null;
  mark: Mark;
}

export interface ShipRules {
  documents: ShipDocumentsRow[];
  outcomes: ShipOutcomeRow[];
  matrix: ShipCellRow[];
  photoProducts: PhotoProductRow[];
  settings: SettingRow[];
}

const DOCUMENTS: ShipDocumentsRow[] = [
  {
    code: "contract",
    zh: "合同",
    en: "Contract",
    aliases: ["有合同", "已签合同", "signed contract", "has contract", "with contract"],
    mark: "deck",
  },
  {
    code: "agreement",
    zh: "协议",
    en: "Agreement",
    aliases: [
      "有协议无合同",
      "有协议",
      "协议无合同",
      "仅有协议",
      "agreement only",
      "has agreement",
      "agreement without contract",
      "agreement, no contract",
    ],
    mark: "deck",
  },
  {
    code: "none",
    zh: "无",
    en: "None",
    aliases: [
      "无合同无协议",
      "无合同或协议",
      "无合同、无协议",
      "无合同和协议",
      "没有合同和协议",
      "neither",
      "no documents",
      "no contract or agreement",
      "no contract and no agreement",
      "neither contract nor agreement",
    ],
    mark: "default",
  },
];

const OUTCOMES: ShipOutcomeRow[] = [
  { code: "normal", zh: "正常发货", en: "Normal shipping", ship: true, whenCommitmentBroken: null, mark: "deck" },
  {
    code: "regionHead",
    zh: "异常发货：需片区总审批",
    en: "Exception: region head approval",
    ship: true,
    whenCommitmentBroken: null,
    mark: "deck",
  },
  {
    code: "letterPresident",
    zh: "异常发货：需客户承诺函和总裁审批",
    en: "Exception: customer commitment letter and president approval",
    ship: true,
    // 承诺的货款未到位即先发货的部分必须按时回款，如无诚信后续不再同意发货
    whenCommitmentBroken: "promiseBroken",
    mark: "deck",
  },
  {
    code: "needFullPayment",
    zh: "不可发货：需100%到款",
    en: "Do not ship: 100% payment required",
    ship: false,
    whenCommitmentBroken: null,
    mark: "deck",
  },
  {
    code: "noDocuments",
    zh: "不可发货：无合同或协议",
    en: "Do not ship: no contract or agreement",
    ship: false,
    whenCommitmentBroken: null,
    mark: "default",
  },
  {
    code: "promiseBroken",
    zh: "不可发货：承诺未兑现",
    en: "Do not ship: earlier payment promise not kept",
    ship: false,
    whenCommitmentBroken: null,
    mark: "deck",
  },
];

/**
 * The grid as the spec writes it:
 * | class | 有合同 (agreed payments in) | 有协议无合同 | 约定的款项未到 |
 * | 系统内 | 正常发货 | 异常发货(片) | 正常发货 |
 * | A/B/C | 正常发货 | 不可发货(除100%到款) | 异常发货(函、总) |
 * [reading] 约定的款项未到 is the contract case with agreed payment missing; an
 * agreement-only shipment is decided by its own column whatever was paid,
 * except that 100% payment lifts 不可发货 (除100%到款) to 正常发货. The prose
 * "every shipment against missing agreed payment needs the letter and the
 * president" is read as the A/B/C rows: the grid's 系统内 cell says 正常发货.
 */
const cell = (
  customerClass: string | null,
  documents: string,
  payment: ShipPayment,
  outcome: string,
  mark: Mark,
): ShipCellRow => ({ code: `${customerClass ?? "any"}.${documents}.${payment}`, customerClass, documents, payment, outcome, mark });

const MATRIX: ShipCellRow[] = [
  // 系统内: 有合同 正常发货 | 有协议无合同 异常发货(片) | 约定的款项未到 正常发货
  cell("inSystem", "contract", "agreedIn", "normal", "deck"),
  cell("inSystem", "contract", "agreedMissing", "normal", "reading"),
  cell("inSystem", "agreement", "any", "regionHead", "reading"),
  // 系统外A类, B类, C类: 有合同 正常发货 | 有协议无合同 不可发货(除100%到款) | 约定的款项未到 异常发货(函、总)
  ...["A", "B", "C"].flatMap((customerClass) => [
    cell(customerClass, "contract", "agreedIn", "normal", "deck"),
    cell(customerClass, "contract", "agreedMissing", "letterPresident", "reading"),
    cell(customerClass, "agreement", "full", "normal", "reading"),
    cell(customerClass, "agreement", "notFull", "needFullPayment", "deck"),
  ]),
  // [default] neither contract nor agreement: do not ship, whatever the class and payment
  cell(null, "none", "any", "noDocuments", "default"),
];

const PHOTO_PRODUCTS: PhotoProductRow[] = [
  {
    code: "shuntReactor",
    zh: "并联电抗器",
    en: "Shunt reactor",
    aliases: ["并抗", "并抗产品", "并联电抗器产品", "shunt reactors", "shunt reactor product"],
    minCapacityKvar: 10000,
    minVoltageKV: null,
    mark: "reading",
  },
  {
    code: "qingneng",
    zh: "清能产品",
    en: "Qingneng product",
    aliases: ["清能", "Qingneng", "Qingneng products"],
    minCapacityKvar: null,
    minVoltageKV: null,
    mark: "deck",
  },
  {
    code: "capacitor",
    zh: "电容器",
    en: "Capacitor",
    aliases: ["电容器产品", "电容器组", "并联电容器", "capacitors", "capacitor bank", "shunt capacitor", "capacitor product"],
    minCapacityKvar: 10000,
    minVoltageKV: 220,
    mark: "reading",
  },
  {
    code: "gis",
    zh: "GIS产品",
    en: "GIS product",
    aliases: ["GIS", "GIS products", "gas-insulated switchgear", "组合电器", "GIS组合电器"],
    minCapacityKvar: null,
    minVoltageKV: null,
    mark: "deck",
  },
];

export const DEFAULT_SHIP: ShipRules = {
  documents: DOCUMENTS,
  outcomes: OUTCOMES,
  matrix: MATRIX,
  photoProducts: PHOTO_PRODUCTS,
  settings: [
    {
      key: "requiredRatioDefault",
      value: 0,
      zh: "约定到款比例的默认值（未填写时）",
      en: "agreed payment ratio when requiredRatio is left blank",
      mark: "default",
    },
    {
      key: "fullPaymentRatio",
      value: 1,
      zh: "100%到款的比例",
      en: "ratio that counts as full (100%) payment",
      mark: "deck",
    },
  ],
};

// ---------------------------------------------------------------- inputs

export function shipDocumentsOf(rb: Rulebook, input: unknown, argName: string): ShipDocumentsRow {
  return labelOf(rb.ship.documents, input, argName);
}

const RATIO_ACCEPTS =
  'accepts a ratio 0–100%: a fraction 0–1 (60% in a percent cell; 1 is 100%), "60%" as text, or a number above 1 up to 100 read as percent';

/**
 * A payment ratio as a fraction 0–1, read like OPPSCORE's share: a number
 * 0–1 is a fraction (an Excel percentage; 1 = 100%), a number above 1 up to
 * 100 is a percent (60 = 60%), text "60%" is a percent. Anything above 100%
 * is rejected rather than guessed (1.2 could be 120% or 1.2%).
 */
export function parseRatio(input: unknown, argName: string): number;
export function parseRatio(input: unknown, argName: string, optional: true): number | undefined;
export function parseRatio(input: unknown, argName: string, optional = false): number | undefined {
  if (isBlank(input)) {
    if (optional) return undefined;
    throw missingArg(argName, RATIO_ACCEPTS);
  }
  let fraction = NaN;
  if (typeof input === "number") {
    fraction = input > 1 ? input / 100 : input;
  } else if (typeof input === "string") {
    const t = input.normalize("NFKC").trim();
    if (t.endsWith("%")) fraction = numberFromText(t.slice(0, -1)) / 100;
    else {
      const n = numberFromText(t);
      fraction = n > 1 ? n / 100 : n;
    }
  }
  if (!Number.isFinite(fraction) || fraction < 0 || fraction > 1) throw badArg(argName, input, RATIO_ACCEPTS);
  return fraction;
}

// ---------------------------------------------------------------- shipping

export interface ShipInput {
  /** customer class code (inSystem, A, B, C) or its row */
  customerClass: string | CustomerClassRow;
  /** documents code (contract, agreement, none) or its row */
  documents: string | ShipDocumentsRow;
  /** fraction 0–1 of the contract value received */
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

function documentsByCode(rb: Rulebook, code: string): ShipDocumentsRow {
  const row = rb.ship.documents.find((r) => r.code === code);
  if (!row) throw noRule(`the rulebook has no shipping documents ${JSON.stringify(code)}`);
  return row;
}

function shipOutcome(rb: Rulebook, code: string): ShipOutcomeRow {
  const row = rb.ship.outcomes.find((r) => r.code === code);
  if (!row) throw noRule(`the shipping grid names an unknown outcome ${code}`);
  return row;
}

/** The §12 shipping answer for plain inputs (codes and fractions). */
export function shipDecision(rb: Rulebook, input: ShipInput): Decision<ShipOutcomeRow> {
  const cls =
    typeof input.customerClass === "string" ? customerClassByCode(rb, input.customerClass) : input.customerClass;
  const docs = typeof input.documents === "string" ? documentsByCode(rb, input.documents) : input.documents;
  const required = input.requiredRatio ?? settingValue(rb.ship.settings, "requiredRatioDefault");
  const agreedIn = input.paidRatio >= required;
  const full = input.paidRatio >= settingValue(rb.ship.settings, "fullPaymentRatio");
  let cell: ShipCellRow | undefined;
  for (const r of rb.ship.matrix) {
    if (
      (r.customerClass === null || r.customerClass === cls.code) &&
      r.documents === docs.code &&
      paymentHolds(r.payment, agreedIn, full)
    ) {
      cell = r;
      break;
    }
  }
  if (!cell) {
    throw noRule(
      `the shipping grid (rulebook §12) has no row for ${cls.en} with ${docs.en}, ` +
        `paid ${input.paidRatio * 100}% of an agreed ${required * 100}%`,
    );
  }
  const gridOutcome = shipOutcome(rb, cell.outcome);
  if (input.commitmentBroken && gridOutcome.whenCommitmentBroken) {
    const broken = shipOutcome(rb, gridOutcome.whenCommitmentBroken);
    return {
      value: broken,
      reasons: [brokenRef(gridOutcome, broken), shipCellRef(cell, cls, docs, gridOutcome), classRef(cls, rb)],
    };
  }
  return { value: gridOutcome, reasons: [shipCellRef(cell, cls, docs, gridOutcome), classRef(cls, rb)] };
}

// Reason texts are built once per rulebook row and reused (answers are never
// cached): like the vocabularies and the fingerprint, they assume a rulebook
// is not edited in place; an edited rulebook is a new object.
const cellRefs = new WeakMap<ShipCellRow, Map<string, RuleRef>>();

function shipCellRef(cell: ShipCellRow, cls: CustomerClassRow, docs: ShipDocumentsRow, outcome: ShipOutcomeRow): RuleRef {
  let byClass = cellRefs.get(cell);
  if (!byClass) cellRefs.set(cell, (byClass = new Map()));
  let ref = byClass.get(cls.code);
  if (!ref) {
    const who = cell.customerClass === null ? { zh: `所有客户（${cls.zh}）`, en: `every class (${cls.en})` } : cls;
    ref = Object.freeze({
      table: "ship.matrix",
      row: cell.code,
      text: Object.freeze({
        zh: `${who.zh} · ${docs.zh} · ${PAYMENT_TEXT[cell.payment].zh} → ${outcome.zh}`,
        en: `${who.en} · ${docs.en} · ${PAYMENT_TEXT[cell.payment].en} → ${outcome.en}`,
      }),
    });
    byClass.set(cls.code, ref);
  }
  return ref;
}

const brokenRefs = new WeakMap<ShipOutcomeRow, RuleRef>();

function brokenRef(outcome: ShipOutcomeRow, broken: ShipOutcomeRow): RuleRef {
  let ref = brokenRefs.get(outcome);
  if (!ref) {
    ref = Object.freeze({
      table: "ship.outcomes",
      row: outcome.code,
      text: Object.freeze({
        zh: `客户未兑现此前的付款承诺：${outcome.zh} 改为 ${broken.zh}`,
        en: `the customer broke an earlier payment promise: ${outcome.en} becomes ${broken.en}`,
      }),
    });
    brokenRefs.set(outcome, ref);
  }
  return ref;
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

/** The photo-list product a typed name is, or undefined for any other product. */
export function photoProductOf(rb: Rulebook, input: unknown, argName: string): PhotoProductRow | undefined {
  if (typeof input === "string" && !isBlank(input)) return vocabularyOf(rb.ship.photoProducts).find(input);
  const accepts = `accepts a product name as text; the photo list is ${vocabularyOf(rb.ship.photoProducts).describe()}`;
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
export function needPhoto(rb: Rulebook, input: PhotoInput): Decision<boolean> {
  const row = photoProductOf(rb, input.product, "product");
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
  return { value, reasons: [photoRef(row, value)] };
}

const photoRefs = new WeakMap<PhotoProductRow, [notNeeded: RuleRef, needed: RuleRef]>();

function photoRef(row: PhotoProductRow, needed: boolean): RuleRef {
  let refs = photoRefs.get(row);
  if (!refs) {
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
    const ref = (text: { zh: string; en: string }): RuleRef =>
      Object.freeze({ table: "ship.photoProducts", row: row.code, text: Object.freeze(text) });
    refs = [
      ref({ zh: `${rule.zh}：条件未满足，不需要照片`, en: `${rule.en}: conditions not met, no photos needed` }),
      ref({ zh: `${rule.zh}：需要照片`, en: `${rule.en}: photos needed` }),
    ];
    photoRefs.set(row, refs);
  }
  return refs[needed ? 1 : 0];
}

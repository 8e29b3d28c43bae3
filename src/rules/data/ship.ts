import type { LabelRow } from "../labels";
import type { Mark, SettingRow } from "../settings";

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

import type { LabelRow } from "../labels";
import type { Mark } from "../settings";

/**
 * Rulebook section 11, production scheduling (排产) by customer class: a
 * matrix of (class, phase, condition) → outcome, one row per cell.
 */

export interface SchedulePhaseRow extends LabelRow {
  mark: Mark;
}

export interface ScheduleConditionRow extends LabelRow {
  mark: Mark;
}

/** An answer of the matrix, with the approval it needs (empty when none). */
export interface ScheduleOutcomeRow {
  code: string;
  zh: string;
  en: string;
  /** true for 正常排产 */
  normal: boolean;
  mark: Mark;
}

/** One cell of the §11 grid. Codes refer to the tables above and to contract.customerClasses. */
export interface ScheduleCellRow {
  code: string;
  customerClass: string;
  phase: string;
  condition: string;
  outcome: string;
  mark: Mark;
}

export interface ScheduleRules {
  phases: SchedulePhaseRow[];
  conditions: ScheduleConditionRow[];
  outcomes: ScheduleOutcomeRow[];
  matrix: ScheduleCellRow[];
}

const PHASES: SchedulePhaseRow[] = [
  {
    code: "initial",
    zh: "初次排产",
    en: "First scheduling",
    aliases: ["初次", "首次排产", "首次", "first", "initial", "initial scheduling", "first production scheduling"],
    mark: "deck",
  },
  {
    code: "cycle",
    zh: "生产周期排产",
    en: "Production-cycle scheduling",
    aliases: [
      "周期",
      "生产周期",
      "周期排产",
      // 週 is a traditional form of 周 that the generated character map lacks
      "生产週期排产",
      "週期",
      "生产週期",
      "週期排产",
      "cycle",
      "production cycle",
      "cycle scheduling",
      "production-cycle",
      "production cycle scheduling",
    ],
    mark: "deck",
  },
  {
    code: "locked",
    zh: "锁定期排产",
    en: "Locked-period scheduling",
    aliases: [
      "锁定期",
      "锁定",
      "锁定排产",
      "locked",
      "locked period",
      "locked-period",
      "lock-in period",
      "locked period scheduling",
    ],
    mark: "deck",
  },
];

const CONDITIONS: ScheduleConditionRow[] = [
  {
    code: "noContract",
    zh: "无合同",
    en: "No contract",
    aliases: ["没有合同", "未签合同", "without contract", "contract missing", "no signed contract"],
    mark: "deck",
  },
  {
    code: "noPrepayment",
    zh: "预付款未到",
    en: "Prepayment not received",
    aliases: [
      "预付款未到账",
      "无预付款",
      "预付款没到",
      "no prepayment",
      "prepayment missing",
      "prepayment not in",
      "advance payment not received",
      "no advance payment",
    ],
    mark: "deck",
  },
  {
    code: "rushOrder",
    zh: "插单",
    en: "Rush order",
    aliases: ["插单生产", "rush", "order insertion", "inserted order", "insert order", "rush order insertion"],
    mark: "deck",
  },
];

const OUTCOMES: ScheduleOutcomeRow[] = [
  { code: "normal", zh: "正常排产", en: "Normal scheduling", normal: true, mark: "deck" },
  {
    code: "province",
    zh: "异常排产：需省主任审批",
    en: "Exception: province director approval",
    normal: false,
    mark: "deck",
  },
  {
    code: "letterPresident",
    zh: "异常排产：需客户承诺函和总裁审批",
    en: "Exception: customer commitment letter and president approval",
    normal: false,
    mark: "deck",
  },
];

/**
 * The grid as the spec writes it. Columns (phase · condition), [reading] as
 * scraped from the slide: 初次{无合同, 预付款未到}, 周期{插单, 无合同/预付款未到},
 * 锁定期{无合同, 预付款未到}. The 周期 column 无合同/预付款未到 covers either
 * condition, so it is two rows with the same outcome. 插单 at 初次 and 锁定期
 * has no cell (#N/A).
 */
const COLUMNS: Array<[phase: string, condition: string]> = [
  ["initial", "noContract"],
  ["initial", "noPrepayment"],
  ["cycle", "rushOrder"],
  ["cycle", "noContract"],
  ["cycle", "noPrepayment"],
  ["locked", "noContract"],
  ["locked", "noPrepayment"],
];
const GRID: Array<[customerClass: string, outcomes: string[]]> = [
  ["inSystem", ["normal", "normal", "province", "normal", "normal", "normal", "normal"]],
  ["A", ["normal", "normal", "province", "normal", "normal", "letterPresident", "letterPresident"]],
  ["B", ["normal", "normal", "province", "province", "province", "letterPresident", "letterPresident"]],
  ["C", ["normal", "normal", "province", "province", "province", "letterPresident", "letterPresident"]],
];

export const DEFAULT_SCHEDULE: ScheduleRules = {
  phases: PHASES,
  conditions: CONDITIONS,
  outcomes: OUTCOMES,
  matrix: GRID.flatMap(([customerClass, outcomes]) =>
    COLUMNS.map(([phase, condition], i) => ({
      code: `${customerClass}.${phase}.${condition}`,
      customerClass,
      phase,
      condition,
      outcome: outcomes[i],
      mark: "reading" as Mark,
    })),
  ),
};

import { classRef, customerClassByCode, labelOf } from "./contract";
import { noRule } from "./errors";
import { LabelRow } from "./labels";
import type { Rulebook } from "./rulebook";
import { Mark } from "./settings";
import { Decision, Lang, RuleRef } from "./types";

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

export function schedulePhaseOf(rb: Rulebook, input: unknown, argName: string): SchedulePhaseRow {
  return labelOf(rb.schedule.phases, input, argName);
}

export function scheduleConditionOf(rb: Rulebook, input: unknown, argName: string): ScheduleConditionRow {
  return labelOf(rb.schedule.conditions, input, argName);
}

/**
 * The §11 outcome for a class, phase and condition (codes). #N/A when the
 * grid has no cell for the combination (e.g. 插单 at 初次排产).
 */
export function scheduleDecision(
  rb: Rulebook,
  customerClass: string,
  phase: string,
  condition: string,
): Decision<ScheduleOutcomeRow> {
  const cls = customerClassByCode(rb, customerClass);
  const cell = rb.schedule.matrix.find(
    (r) => r.customerClass === customerClass && r.phase === phase && r.condition === condition,
  );
  if (!cell) {
    const phaseRow = rb.schedule.phases.find((r) => r.code === phase);
    const conditionRow = rb.schedule.conditions.find((r) => r.code === condition);
    const phaseText = { zh: phaseRow?.zh ?? phase, en: phaseRow?.en ?? phase };
    const conditionText = { zh: conditionRow?.zh ?? condition, en: conditionRow?.en ?? condition };
    throw noRule(
      `the scheduling grid (rulebook §11) has no cell for ${cls.en} at ${phaseText.en} with ${conditionText.en} ` +
        `(${cls.zh} · ${phaseText.zh} · ${conditionText.zh}); ${phaseText.en} has the conditions ` +
        rb.schedule.matrix
          .filter((r) => r.customerClass === customerClass && r.phase === phase)
          .map((r) => rb.schedule.conditions.find((c) => c.code === r.condition)?.zh ?? r.condition)
          .join(", "),
    );
  }
  const outcome = rb.schedule.outcomes.find((r) => r.code === cell.outcome);
  if (!outcome) throw noRule(`the scheduling grid's cell ${cell.code} names an unknown outcome ${cell.outcome}`);
  return { value: outcome, reasons: [cellRef(rb, cell, outcome), classRef(cls, rb)] };
}

const cellRefs = new WeakMap<ScheduleCellRow, RuleRef>();

/** The reason naming a grid cell (one object per cell row, reused). */
function cellRef(rb: Rulebook, cell: ScheduleCellRow, outcome: ScheduleOutcomeRow): RuleRef {
  let ref = cellRefs.get(cell);
  if (!ref) {
    const cls = customerClassByCode(rb, cell.customerClass);
    const phase = rb.schedule.phases.find((r) => r.code === cell.phase) ?? { zh: cell.phase, en: cell.phase };
    const cond = rb.schedule.conditions.find((r) => r.code === cell.condition) ?? { zh: cell.condition, en: cell.condition };
    ref = Object.freeze({
      table: "schedule.matrix",
      row: cell.code,
      text: Object.freeze({
        zh: `${cls.zh} · ${phase.zh} · ${cond.zh} → ${outcome.zh}`,
        en: `${cls.en} · ${phase.en} · ${cond.en} → ${outcome.en}`,
      }),
    });
    cellRefs.set(cell, ref);
  }
  return ref;
}

export function scheduleText(outcome: ScheduleOutcomeRow, lang: Lang): string {
  return lang === "en" ? outcome.en : outcome.zh;
}

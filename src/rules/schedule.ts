import { sectionCompiler } from "./compile";
import { classRef, customerClassByCode, CustomerClassRow, labelOf } from "./contract";
import { ScheduleCellRow, ScheduleConditionRow, ScheduleOutcomeRow, SchedulePhaseRow, ScheduleRules } from "./data/schedule";
import { noRule } from "./errors";
import type { Rulebook } from "./rulebook";
import { Decision, Lang, RuleRef, Text } from "./types";

/** Rulebook section 11, production scheduling, evaluated; the grid is in data/schedule. */

/** Scheduling reads the customer classes of the contract section. */
type ScheduleBook = Pick<Rulebook, "schedule" | "contract">;

/**
 * A grid cell compiled: its outcome (undefined where the cell names an
 * unknown one), its phase and condition in words, and per customer-class row
 * its reasons (the cell's and the class's), worded on first use: the class
 * text comes from the contract section.
 */
interface CompiledCell {
  cell: ScheduleCellRow;
  outcome: ScheduleOutcomeRow | undefined;
  phase: Text;
  condition: Text;
  reasons: Map<CustomerClassRow, readonly [cell: RuleRef, customerClass: RuleRef]>;
}

/**
 * §11 compiled: per class code, its cells (a handful) in rulebook order; the
 * first row of a combination decides. A short scan of interned codes is
 * cheaper per call than two more map lookups.
 */
type CompiledSchedule = Map<string, CompiledCell[]>;

function compileSchedule(rules: ScheduleRules): CompiledSchedule {
  const grid: CompiledSchedule = new Map();
  for (const cell of rules.matrix) {
    let cells = grid.get(cell.customerClass);
    if (!cells) grid.set(cell.customerClass, (cells = []));
    if (cells.some((c) => c.cell.phase === cell.phase && c.cell.condition === cell.condition)) continue;
    const phase = rules.phases.find((r) => r.code === cell.phase) ?? { zh: cell.phase, en: cell.phase };
    const condition = rules.conditions.find((r) => r.code === cell.condition) ?? { zh: cell.condition, en: cell.condition };
    cells.push({
      cell,
      outcome: rules.outcomes.find((r) => r.code === cell.outcome),
      phase: { zh: phase.zh, en: phase.en },
      condition: { zh: condition.zh, en: condition.en },
      reasons: new Map(),
    });
  }
  return grid;
}

export function schedulePhaseOf(rb: Pick<Rulebook, "schedule">, input: unknown, argName: string): SchedulePhaseRow {
  return labelOf(rb.schedule.phases, input, argName);
}

export function scheduleConditionOf(rb: Pick<Rulebook, "schedule">, input: unknown, argName: string): ScheduleConditionRow {
  return labelOf(rb.schedule.conditions, input, argName);
}

/**
 * The §11 outcome for a customer class (its code, or its row of the
 * rulebook's contract section), phase and condition (codes). #N/A when the
 * grid has no cell for the combination (e.g. 插单 at 初次排产).
 */
export function scheduleDecision(
  rb: ScheduleBook,
  customerClass: string | CustomerClassRow,
  phase: string,
  condition: string,
): Decision<ScheduleOutcomeRow> {
  const cls = typeof customerClass === "string" ? customerClassByCode(rb, customerClass) : customerClass;
  const compiled = cellOf(compileScheduleOnce(rb.schedule).get(cls.code), phase, condition);
  if (!compiled) throw noCell(rb, cls, phase, condition);
  const { cell, outcome } = compiled;
  if (!outcome) throw noRule(`the scheduling grid's cell ${cell.code} names an unknown outcome ${cell.outcome}`);
  let reasons = compiled.reasons.get(cls);
  if (!reasons) {
    reasons = [cellRef(compiled, outcome, cls), classRef(cls, rb)];
    compiled.reasons.set(cls, reasons);
  }
  return { value: outcome, reasons: [reasons[0], reasons[1]] };
}

function cellOf(cells: CompiledCell[] | undefined, phase: string, condition: string): CompiledCell | undefined {
  if (cells === undefined) return undefined;
  for (let i = 0; i < cells.length; i++) {
    const { cell } = cells[i];
    if (cell.phase === phase && cell.condition === condition) return cells[i];
  }
  return undefined;
}

/** #N/A for a combination the grid leaves out, naming the conditions the phase has. */
function noCell(rb: ScheduleBook, cls: CustomerClassRow, phase: string, condition: string) {
  const phaseRow = rb.schedule.phases.find((r) => r.code === phase);
  const conditionRow = rb.schedule.conditions.find((r) => r.code === condition);
  const phaseText = { zh: phaseRow?.zh ?? phase, en: phaseRow?.en ?? phase };
  const conditionText = { zh: conditionRow?.zh ?? condition, en: conditionRow?.en ?? condition };
  return noRule(
    `the scheduling grid (rulebook §11) has no cell for ${cls.en} at ${phaseText.en} with ${conditionText.en} ` +
      `(${cls.zh} · ${phaseText.zh} · ${conditionText.zh}); ${phaseText.en} has the conditions ` +
      rb.schedule.matrix
        .filter((r) => r.customerClass === cls.code && r.phase === phase)
        .map((r) => rb.schedule.conditions.find((c) => c.code === r.condition)?.zh ?? r.condition)
        .join(", "),
  );
}

/** The reason naming a grid cell for a class row. */
function cellRef(compiled: CompiledCell, outcome: ScheduleOutcomeRow, cls: CustomerClassRow): RuleRef {
  const { phase, condition } = compiled;
  return Object.freeze({
    table: "schedule.matrix",
    row: compiled.cell.code,
    text: Object.freeze({
      zh: `${cls.zh} · ${phase.zh} · ${condition.zh} → ${outcome.zh}`,
      en: `${cls.en} · ${phase.en} · ${condition.en} → ${outcome.en}`,
    }),
  });
}

export function scheduleText(outcome: ScheduleOutcomeRow, lang: Lang): string {
  return lang === "en" ? outcome.en : outcome.zh;
}

/** compileSchedule, once per (frozen) section. */
const compileScheduleOnce = sectionCompiler(compileSchedule);

import { FulfilmentStepRow, GateRow, StageProblemRow, StageRow } from "./data/process";
import { parseLabel } from "./labels";
import type { Rulebook } from "./rulebook";

/** Rulebook section 1 evaluated: milestone plan, fulfilment steps, starter risks; the tables are in data/process. */

type ProcessBook = Pick<Rulebook, "process">;

/** A stage with the gate at its end, for a milestone plan. */
export interface Milestone {
  stage: StageRow;
  gate?: GateRow;
}

/** The stages in order with their gates: the milestone skeleton of a charter. */
export function milestonePlan(rb: ProcessBook): Milestone[] {
  const { stages, gates } = rb.process;
  return [...stages]
    .sort((a, b) => a.seq - b.seq)
    .map((stage) => {
      const gate = stage.gate ? gates.find((g) => g.code === stage.gate) : undefined;
      return gate ? { stage, gate } : { stage };
    });
}

/** The fulfilment steps in order. */
export function fulfilmentSteps(rb: ProcessBook): FulfilmentStepRow[] {
  return [...rb.process.fulfilmentSteps].sort((a, b) => a.seq - b.seq);
}

/** A starter risk: a stage problem with the stage it belongs to. */
export interface StarterRisk {
  stage: StageRow;
  problem: StageProblemRow;
}

/** The deck's stage problems in stage order, to seed a charter's risk register. */
export function starterRisks(rb: ProcessBook): StarterRisk[] {
  const out: StarterRisk[] = [];
  for (const { stage } of milestonePlan(rb)) {
    const problems = rb.process.stageProblems.filter((p) => p.stage === stage.code).sort((a, b) => a.seq - b.seq);
    for (const problem of problems) out.push({ stage, problem });
  }
  return out;
}

/** A stage named by a user (管理线索 / Manage leads / …); #VALUE! naming `argName` otherwise. */
export function parseStage(rb: ProcessBook, input: unknown, argName = "stage"): StageRow {
  return parseLabel(rb.process.stages, input, argName);
}

/** A gate named by a user (AT1 / 立项 / ATI / …); #VALUE! naming `argName` otherwise. */
export function parseGate(rb: ProcessBook, input: unknown, argName = "gate"): GateRow {
  return parseLabel(rb.process.gates, input, argName);
}

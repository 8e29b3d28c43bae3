import { Rulebook } from "../rules/rulebook";
import { Decision } from "../rules/types";

/** What a custom function may return to a cell. */
export type CellValue = number | string | boolean;

export interface ParamSpec {
  name: string;
  optional?: boolean;
}

/**
 * One LTC function as data: its name in the LTC namespace, its parameters and
 * a pure evaluator. The custom function (JSDoc-tagged wrapper), the CLI's
 * `eval` and the task pane's "Explain this cell" all go through this.
 */
export interface FunctionSpec {
  name: string;
  params: ParamSpec[];
  evaluate(rulebook: Rulebook, args: readonly unknown[]): Decision<CellValue>;
}

export function defineFunction(spec: FunctionSpec): FunctionSpec {
  return spec;
}

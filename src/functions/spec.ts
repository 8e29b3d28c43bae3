import { Rulebook } from "../rules/rulebook";
import { Decision, Text } from "../rules/types";

/** What a custom function may return to a cell. */
export type CellValue = number | string | boolean;

/**
 * What an argument is, which decides how the runtime hands it over:
 * - label: a word of a rulebook vocabulary (a type, a class, a condition, a place, a basis…)
 * - lang: the output language
 * - date: an Excel date, a serial or date text
 * - quantity: a physical size that is never 0 (a capacity in kvar, a voltage in kV)
 * - amount: a contract amount in yuan (no contract is worth 0)
 * - number: a count where 0 means something (0 months = already in procurement)
 * - ratio: a fraction, 0 meaning none (a share, a paid ratio)
 * - bool: TRUE/FALSE, 0 meaning FALSE
 */
export type ParamKind = "label" | "lang" | "date" | "quantity" | "amount" | "number" | "ratio" | "bool";

/**
 * Whether 0 in an argument of this kind means "empty". Excel on Windows hands
 * an empty cell to an `any` parameter as 0, Excel on the web as null
 * (OfficeDev/office-js issues 4702, 5262, 1951); where 0 cannot be a real
 * value, both must give the same answer, so the runtime reads 0 as blank.
 */
export const ZERO_MEANS_BLANK: Readonly<Record<ParamKind, boolean>> = {
  label: true,
  lang: true,
  date: true,
  quantity: true,
  amount: true,
  number: false,
  ratio: false,
  bool: false,
};

export interface ParamSpec {
  name: string;
  /** the parameter's name in Chinese, as the zh task pane shows it ("品牌认同度 brand") */
  zhName: string;
  kind: ParamKind;
  optional?: boolean;
  /** the parameter's help in Excel's function dialog (the English is the JSDoc @param text) */
  help: Text;
}

/**
 * One LTC function as data: its name in the LTC namespace, its parameters
 * with their kinds, its bilingual help and a pure evaluator. This is the one
 * source of a function's metadata: functions.json (from the JSDoc of the
 * custom-function wrapper), functions.zh-cn.json and the README's table are
 * checked against or generated from it (src/functions/metadata.ts). The custom
 * function, the CLI's `eval` and the task pane's "Explain this cell" all go
 * through evaluateCall (runtime.ts).
 */
export interface FunctionSpec {
  name: string;
  /** what the function does (the English is the JSDoc description) */
  help: Text;
  /** what it returns (the English is the JSDoc @returns text) */
  result: Text;
  /** a date serial result: past 9999-12-31 Excel cannot show it, so it is an error */
  returnsDate?: boolean;
  params: ParamSpec[];
  evaluate(rulebook: Rulebook, args: readonly unknown[]): Decision<CellValue>;
}

/** A function as the runtime calls it: its spec plus what is read off the spec once. */
export interface DefinedFunction extends FunctionSpec {
  /** the positions of parameters whose kind reads 0 as blank (ZERO_MEANS_BLANK), worked out once */
  readonly zeroMeansBlankAt: readonly number[];
}

/** The positions of the parameters whose kind reads 0 as blank. */
export function zeroMeansBlankPositions(params: readonly ParamSpec[]): number[] {
  return params.flatMap((p, i) => (ZERO_MEANS_BLANK[p.kind] ? [i] : []));
}

/**
 * A function as the runtime calls it. Every one is built with the same
 * properties in the same order, so the runtime's property reads see a single
 * object shape whichever of the sixteen functions a cell calls (a spread of
 * specs with and without optional fields would make them megamorphic).
 */
export function defineFunction(spec: FunctionSpec): DefinedFunction {
  return {
    name: spec.name,
    help: spec.help,
    result: spec.result,
    returnsDate: spec.returnsDate ?? false,
    params: spec.params,
    evaluate: spec.evaluate,
    zeroMeansBlankAt: zeroMeansBlankPositions(spec.params),
  };
}

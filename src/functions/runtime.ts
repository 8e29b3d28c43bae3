import { activeRulebook } from "../rules/active";
import { badArg, LtcError, LtcErrorCode } from "../rules/errors";
import { Rulebook } from "../rules/rulebook";
import { RuleRef } from "../rules/types";
import { isoFromSerial, MAX_SERIAL, serialFromInput } from "../rules/values";
import { CellValue, DefinedFunction, FunctionSpec, zeroMeansBlankPositions } from "./spec";

/** A function's answer, or its error with the argument at fault (if one was) and what that argument accepts. */
export type CallResult =
  | { value: CellValue; reasons: RuleRef[] }
  | { error: LtcErrorCode; message: string; arg?: string; accepts?: string };

/**
 * The arguments as the evaluator sees them: 0 read as blank where the
 * parameter's kind cannot be 0. Excel on Windows passes an empty cell given to
 * an `any` parameter as 0 and the web passes null (OfficeDev/office-js issues
 * 4702, 5262, 1951), so a fill-down formula over a blank optional column must
 * give the same answer on every host. Optional arguments left off are not
 * padded: the evaluators destructure their arguments, which reads them as
 * undefined, with no copy of the array on every call.
 */
function argumentsFor(spec: FunctionSpec, args: readonly unknown[]): readonly unknown[] {
  // every registered function is a DefinedFunction; a spec built by hand (tests) works it out here
  const zeroAt = (spec as Partial<DefinedFunction>).zeroMeansBlankAt ?? zeroMeansBlankPositions(spec.params);
  let out: unknown[] | undefined;
  for (let j = 0; j < zeroAt.length; j++) {
    const i = zeroAt[j];
    if (args[i] === 0) (out ??= args.slice())[i] = null;
  }
  return out ?? args;
}

/**
 * A date result past 9999-12-31, the last day Excel shows, is an error naming
 * the date argument it was counted from (the latest date given).
 */
function checkDateResult(spec: FunctionSpec, args: readonly unknown[], value: CellValue): void {
  if (typeof value !== "number" || value <= MAX_SERIAL) return;
  let latest: { name: string; serial: number; input: unknown } | undefined;
  spec.params.forEach((p, i) => {
    const serial = p.kind === "date" ? serialFromInput(args[i]) : undefined;
    if (serial !== undefined && (!latest || serial >= latest.serial)) latest = { name: p.name, serial, input: args[i] };
  });
  const ymd = isoFromSerial(value);
  const accepts = `accepts a date whose ${spec.name} result falls by 9999-12-31, the last date Excel can show`;
  throw badArg(latest?.name ?? spec.name, latest?.input, accepts, `the result ${ymd} is past 9999-12-31`);
}

/**
 * Evaluates a function on plain arguments. Never throws: a bad argument or a
 * missing rule row becomes an error result with its message (and the
 * argument at fault), and anything unexpected becomes #VALUE! rather than
 * escaping into Excel.
 */
export function evaluateCall(spec: FunctionSpec, args: readonly unknown[], rulebook: Rulebook): CallResult {
  try {
    const read = argumentsFor(spec, args);
    const decision = spec.evaluate(rulebook, read);
    if (spec.returnsDate) checkDateResult(spec, read, decision.value);
    return { value: decision.value, reasons: decision.reasons };
  } catch (e) {
    if (e instanceof LtcError) {
      return e.arg === undefined
        ? { error: e.code, message: e.message }
        : { error: e.code, message: e.message, arg: e.arg, accepts: e.accepts };
    }
    return { error: "#VALUE!", message: `${spec.name}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * The custom-function boundary: a value, or a CustomFunctions.Error whose
 * message (the one Excel shows on the cell) begins with the argument at fault.
 */
export function invoke(spec: FunctionSpec, args: readonly unknown[]): CellValue {
  const result = evaluateCall(spec, args, activeRulebook());
  if ("error" in result) throw excelError(result);
  return result.value;
}

function excelError(result: Exclude<CallResult, { value: CellValue }>): CustomFunctions.Error | LtcError {
  const { error: code, message } = result;
  if (typeof CustomFunctions !== "undefined") {
    const errorCode = code === "#N/A" ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
    // Excel shows at most 255 characters of an error's message.
    return new CustomFunctions.Error(errorCode, message.length > 255 ? message.slice(0, 254) + "…" : message);
  }
  return new LtcError(code, message, result.arg, result.accepts);
}

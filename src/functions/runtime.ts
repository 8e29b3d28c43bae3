import { activeRulebook } from "../rules/active";
import { LtcError, LtcErrorCode } from "../rules/errors";
import { Rulebook } from "../rules/rulebook";
import { RuleRef } from "../rules/types";
import { CellValue, FunctionSpec } from "./spec";

export type CallResult =
  | { value: CellValue; reasons: RuleRef[] }
  | { error: LtcErrorCode; message: string };

/**
 * Evaluates a function on plain arguments. Never throws: a bad argument or a
 * missing rule row becomes an error result with its message, and anything
 * unexpected becomes #VALUE! rather than escaping into Excel.
 */
export function evaluateCall(spec: FunctionSpec, args: readonly unknown[], rulebook: Rulebook): CallResult {
  try {
    const padded = args.length >= spec.params.length ? args : [...args, ...new Array(spec.params.length - args.length)];
    const decision = spec.evaluate(rulebook, padded);
    return { value: decision.value, reasons: decision.reasons };
  } catch (e) {
    if (e instanceof LtcError) return { error: e.code, message: e.message };
    return { error: "#VALUE!", message: `${spec.name}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** The custom-function boundary: a value, or a CustomFunctions.Error with the message. */
export function invoke(spec: FunctionSpec, args: readonly unknown[]): CellValue {
  const result = evaluateCall(spec, args, activeRulebook());
  if ("error" in result) throw excelError(result.error, result.message);
  return result.value;
}

function excelError(code: LtcErrorCode, message: string): CustomFunctions.Error | LtcError {
  if (typeof CustomFunctions !== "undefined") {
    const errorCode = code === "#N/A" ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
    // Excel shows at most 255 characters of an error's message.
    return new CustomFunctions.Error(errorCode, message.length > 255 ? message.slice(0, 254) + "…" : message);
  }
  return new LtcError(code, message);
}

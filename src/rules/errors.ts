import type { Decision } from "./types";

/**
 * Errors as values. Evaluators throw LtcError inside src/rules (cheap on the
 * hot path: a formula either answers or fails once); every public boundary
 * (custom function, CLI, wizard, report builder) turns it into a value: a
 * `Failure`, or `#VALUE!` / `#N/A` with the message in a cell.
 * Nothing else may escape a boundary.
 */
export type LtcErrorCode = "#VALUE!" | "#N/A";

export class LtcError extends Error {
  constructor(
    readonly code: LtcErrorCode,
    message: string,
    /** the argument (parameter name) that was not accepted, when one was */
    readonly arg?: string,
    /** what that argument accepts, in words */
    readonly accepts?: string,
  ) {
    super(message);
    this.name = "LtcError";
  }
}

/** An evaluation that did not produce an answer: the error code, the argument at fault (if any) and the message. */
export interface Failure {
  readonly failed: LtcErrorCode;
  readonly arg?: string;
  readonly accepts?: string;
  readonly message: string;
}

/** What a report builder gets from an evaluator: an answer with its reasons, or a failure to report. */
export type Outcome<T> = Decision<T> | Failure;

export function isFailure<T>(outcome: Outcome<T>): outcome is Failure {
  return (outcome as Failure).failed !== undefined;
}

export function failureOf(e: LtcError): Failure {
  return { failed: e.code, arg: e.arg, accepts: e.accepts, message: e.message };
}

/** Runs an evaluator at a report's boundary: its decision, or its LtcError as a Failure (anything else is a bug and propagates). */
export function attempt<T>(evaluate: () => Decision<T>): Outcome<T> {
  try {
    return evaluate();
  } catch (e) {
    if (e instanceof LtcError) return failureOf(e);
    throw e;
  }
}

/**
 * A bad argument: names the argument and what it accepts. `why` replaces the
 * plain "… is not accepted" where the value says how to write it right
 * ("60 would be 6000%: write 60% or 0.6").
 */
export function badArg(argName: string, got: unknown, accepts: string, why?: string): LtcError {
  return new LtcError("#VALUE!", `${argName}: ${why ?? `${describeInput(got)} is not accepted`}; ${accepts}`, argName, accepts);
}

/** A required argument left blank. */
export function missingArg(argName: string, accepts: string): LtcError {
  return new LtcError("#VALUE!", `${argName} is required; ${accepts}`, argName, accepts);
}

/** Valid input for which the rulebook has no row. */
export function noRule(message: string): LtcError {
  return new LtcError("#N/A", message);
}

export function describeInput(value: unknown): string {
  if (value === null || value === undefined) return "blank";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value);
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "an invalid date" : value.toISOString().slice(0, 10);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return typeof value;
}

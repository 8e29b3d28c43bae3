/**
 * Errors as values. Evaluators throw LtcError; every public boundary (custom
 * function, CLI, wizard) turns it into `#VALUE!` / `#N/A` with the message.
 * Nothing else may escape a boundary.
 */
export type LtcErrorCode = "#VALUE!" | "#N/A";

export class LtcError extends Error {
  constructor(
    readonly code: LtcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "LtcError";
  }
}

/** A bad argument: names the argument and what it accepts. */
export function badArg(argName: string, got: unknown, accepts: string): LtcError {
  return new LtcError("#VALUE!", `${argName}: ${describeInput(got)} is not accepted; ${accepts}`);
}

/** A required argument left blank. */
export function missingArg(argName: string, accepts: string): LtcError {
  return new LtcError("#VALUE!", `${argName} is required; ${accepts}`);
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

import * as readline from "readline";
import { functionNamed, FUNCTIONS } from "../functions/registry";
import { CallResult, evaluateCall } from "../functions/runtime";
import { Rulebook } from "../rules/rulebook";
import { CliIO, UsageError } from "./io";

/**
 * `ltc eval NAME ARG…` evaluates one function; `ltc eval --jsonl` evaluates a
 * stream of {"fn","args"} lines from stdin and answers one JSON line each, in
 * order, so other systems can use the same rulebook.
 */

/** A word typed on the command line, read as Excel reads a typed cell. */
export function cellFromWord(word: string): unknown {
  const t = word.trim();
  if (t === "") return null;
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === "true";
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
  return word;
}

/** One answer line: {"value"}, or {"error","message"} with "arg" and "accepts" when an argument was at fault. */
export function jsonOfResult(result: CallResult): string {
  if (!("error" in result)) return JSON.stringify({ value: result.value });
  const { error, message, arg, accepts } = result;
  return JSON.stringify(arg === undefined ? { error, message } : { error, message, arg, accepts });
}

function unknownFunction(name: string): CallResult {
  const accepts = `accepts ${FUNCTIONS.map((f) => f.name).join(", ")}`;
  return { error: "#VALUE!", message: `fn: ${JSON.stringify(name)} is not an LTC function; ${accepts}`, arg: "fn", accepts };
}

export function evalLine(line: string, lineNumber: number, rulebook: Rulebook): string {
  let call: unknown;
  try {
    call = JSON.parse(line);
  } catch {
    return jsonOfResult({ error: "#VALUE!", message: `line ${lineNumber}: not JSON; expected {"fn":"NAME","args":[…]}` });
  }
  const { fn, args } = (call ?? {}) as { fn?: unknown; args?: unknown };
  if (typeof fn !== "string" || (args !== undefined && !Array.isArray(args))) {
    return jsonOfResult({
      error: "#VALUE!",
      message: `line ${lineNumber}: expected {"fn":"NAME","args":[…]} with fn a function name and args an array`,
    });
  }
  const spec = functionNamed(fn);
  return jsonOfResult(spec ? evaluateCall(spec, args ?? [], rulebook) : unknownFunction(fn));
}

export async function runEval(words: string[], jsonl: boolean, rulebook: Rulebook, io: CliIO): Promise<number> {
  if (jsonl) {
    if (words.length > 0) throw new UsageError("eval --jsonl reads calls from stdin and takes no other arguments");
    const lines = readline.createInterface({ input: io.stdin, crlfDelay: Infinity });
    let n = 0;
    for await (const line of lines) {
      n++;
      if (line.trim() === "") continue;
      io.stdout.write(evalLine(line, n, rulebook) + "\n");
    }
    return 0;
  }
  const [name, ...rest] = words;
  if (!name) throw new UsageError("eval needs a function name, e.g. ltc eval OPPSCORE 认可 长期合作客户 0.35 强");
  const spec = functionNamed(name);
  const result = spec ? evaluateCall(spec, rest.map(cellFromWord), rulebook) : unknownFunction(name);
  if ("error" in result) {
    io.stderr.write(`${result.error} ${result.message}\n`);
    return 1;
  }
  io.stdout.write(`${String(result.value)}\n`);
  return 0;
}

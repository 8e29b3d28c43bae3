import { parseArgs } from "util";
import { activeRulebook } from "../rules/active";
import { AGING_USAGE, runAging } from "./aging";
import { CHARTER_USAGE, runCharter } from "./charter";
import { DEMO_USAGE, runDemo } from "./demo";
import { runEval } from "./eval";
import { CliIO, UsageError } from "./io";
import { LETTERS_USAGE, runLetters } from "./letters";
import { PIPELINE_USAGE, runPipeline } from "./pipeline";
import { cliRulebook, rejectionText, resolveRulebook, RULES_OPTION, RULES_USAGE, RulesFileError, runRules } from "./rules";
import { runTemplate, TEMPLATE_USAGE } from "./template";

const USAGE = `Usage: ltc <command> [options]

Commands:
  eval NAME ARG…          evaluate one LTC function, e.g. ltc eval OPPSCORE 认可 长期合作客户 0.35 强
  eval --jsonl            evaluate {"fn":"NAME","args":[…]} lines from stdin, one JSON answer per line
  eval … --rules FILE     evaluate with the rules of FILE (.xlsx LTC规则 sheet or .json)
${RULES_USAGE}${AGING_USAGE}${LETTERS_USAGE}${CHARTER_USAGE}${PIPELINE_USAGE}${DEMO_USAGE}${TEMPLATE_USAGE}  help                    show this text
`;

/** Runs the command line; returns the exit code (0 ok, 1 an evaluation failed or the rules were rejected, 2 bad usage or input). */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "eval": {
        const { values, positionals } = parseArgs({
          args: rest,
          options: { jsonl: { type: "boolean", default: false }, ...RULES_OPTION },
          allowPositionals: true,
          strict: true,
        });
        const rulebook = values.rules ? (await cliRulebook(values.rules, undefined, io)).rulebook : activeRulebook();
        return await runEval(positionals, values.jsonl ?? false, rulebook, io);
      }
      case "rules":
        return await runRules(rest, io);
      // ---- reports on .xlsx files (src/cli/aging.ts, charter.ts, demo.ts)
      case "aging":
        return await runAging(rest, io);
      case "letters":
        return await runLetters(rest, io);
      case "charter":
        return await runCharter(rest, io);
      case "demo":
        return await runDemo(rest, io);
      case "template":
        return await runTemplate(rest, io);
      case "pipeline":
        return await runPipeline(rest, io);
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}; run "ltc help"`);
    }
  } catch (e) {
    // rejected rules, in every verb: each error with its table, row and column, then exit 1
    if (e instanceof RulesFileError) {
      io.stderr.write(rejectionText(e));
      return 1;
    }
    const message = e instanceof Error ? e.message : String(e);
    io.stderr.write(`ltc: ${message.split("\n")[0]}\n`);
    return 2;
  }
}

// ---------------------------------------------------------------------------
// `--rules <rules.xlsx|rules.json>` for the verbs that read workbooks (aging,
// charter): spread RULES_OPTION into parseArgs' options, then
//   const { rulebook, stamp } = await cliRulebook(values.rules, inputPath, io);
// which falls back to the rulebook stored in the input workbook, then to the
// default, and says on stderr which rules are in force.
export { cliRulebook, RULES_OPTION, resolveRulebook };

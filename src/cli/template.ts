import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { FUNCTIONS } from "../functions/registry";
import { buildRegisters, computedHeaders } from "../reports/registers";
import { parseDateOption, parseLangOption, writeReport } from "./aging";
import { refuseOutputOverInput } from "./files";
import { CliIO, UsageError } from "./io";
import { cliRulebook, RULES_OPTION } from "./rules";

/**
 * `ltc template -o ltc-registers.xlsx [--lang zh|en] [--as-of DATE] [--rules FILE]`:
 * the registers (商机登记表, 应收账款台账, 催收记录) as empty Excel tables with the
 * rulebook's drop-downs and the LTC formula columns, saved in the form Excel
 * itself saves add-in functions (see savedFormula in src/reports/sheetplan.ts),
 * so they calculate when the add-in loads. The as-of date of the aging bucket
 * column is optional: without it the cell is left for the user to fill.
 */

export const TEMPLATE_USAGE = `  template -o OUT.xlsx [--lang zh|en] [--as-of DATE] [--rules FILE]
                          empty registers (opportunities, receivables, dunning log) with drop-downs and LTC formulas
`;

/** `ltc template …`; 0 ok, 2 bad usage. */
export async function runTemplate(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { lang: { type: "string" }, "as-of": { type: "string" }, output: { type: "string", short: "o" }, ...RULES_OPTION },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) throw new UsageError(`template reads no workbook (got ${positionals.join(" ")}): ltc template -o ltc-registers.xlsx`);
  const lang = parseLangOption(values.lang);
  const asOf = values["as-of"] === undefined ? undefined : parseDateOption(values["as-of"], "--as-of", "the date the aging bucket column counts to");
  if (!values.output) throw new UsageError("template needs -o out.xlsx");
  if (path.extname(values.output).toLowerCase() !== ".xlsx") throw new UsageError(`-o ${values.output}: the registers are an .xlsx file`);
  const dir = path.dirname(values.output);
  if (!fs.existsSync(dir)) throw new UsageError(`-o ${values.output}: the directory ${dir} does not exist`);
  refuseOutputOverInput(values.output, [values.rules]);

  const { rulebook, stamp } = await cliRulebook(values.rules, undefined, io);
  const registers = buildRegisters(rulebook, FUNCTIONS, { lang, asOf });
  await writeReport(
    registers.map((r) => r.plan),
    values.output,
  );
  for (const r of registers) {
    const formulas = computedHeaders(r.kind, lang);
    io.stdout.write(`${r.plan.name}: table ${r.tableName}${formulas.length > 0 ? ` · formulas ${formulas.join(", ")}` : ""}\n`);
  }
  io.stdout.write(`rulebook ${stamp}\n`);
  io.stdout.write(`wrote ${values.output}\n`);
  return 0;
}

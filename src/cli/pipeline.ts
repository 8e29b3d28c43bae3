import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { buildPipeline, PipelineGroupKey, PipelineResult } from "../reports/pipeline";
import { buildPipelineReport } from "../reports/pipelineReport";
import { normalizeLabel } from "../rules/normalize";
import { formatFen } from "../rules/values";
import { checkInputFile, oneInputWorkbook, parseDateOption, parseLangOption, readInputTable, REPORT_OPTIONS, writeReport } from "./aging";
import { OPPORTUNITIES_WANTED } from "./charter";
import { refuseOutputOverInput } from "./files";
import { CliIO, UsageError } from "./io";
import { progressBar } from "./progress";
import { cliRulebook } from "./rules";

/**
 * `ltc pipeline <in.xlsx> --as-of 2026-11-30 [--by 代表处|片区|主责部门|项目类型|项目经理]
 *  [--lang zh|en] [--sheet S | --table T] [--rules FILE] -o pipeline.xlsx`: the pipeline
 * report (商机漏斗) of the input's 商机 table, the same sheet plans as the task pane's.
 */

export const PIPELINE_USAGE = `  pipeline IN.xlsx --as-of DATE -o OUT.xlsx [--by 代表处|片区|主责部门|项目类型|项目经理]
        [--lang zh|en] [--sheet S | --table T] [--rules FILE]
                          pipeline report (商机漏斗) of IN's opportunity table
`;

/** --by words (Chinese, English, the engine's keys). */
const GROUP_WORDS: Record<PipelineGroupKey, string[]> = {
  office: ["代表处", "office", "办事处"],
  region: ["片区", "region", "区域", "大区"],
  ownerDept: ["主责部门", "ownerdept", "owner department", "owner"],
  projectType: ["项目类型", "projecttype", "project type", "type"],
  pm: ["项目经理", "pm", "project manager"],
};

export function pipelineGroupOf(word: string | undefined): PipelineGroupKey {
  if (word === undefined) return "office";
  const w = normalizeLabel(word);
  for (const [key, words] of Object.entries(GROUP_WORDS) as [PipelineGroupKey, string[]][]) {
    if (words.some((x) => normalizeLabel(x) === w)) return key;
  }
  throw new UsageError(`--by ${JSON.stringify(word)}: accepts 代表处 (office), 片区 (region), 主责部门 (owner department), 项目类型 (project type), 项目经理 (project manager)`);
}

function summaryLines(result: PipelineResult): string[] {
  const r = result.reconciliation;
  const open = result.summaryTotal.total;
  const ok = r.countedFen + r.rejectedFen === r.inputFen && r.counted + r.rejected === r.rows;
  return [
    `rows read ${r.rows} · counted ${r.counted} · rejected ${r.rejected} · open pipeline ${open.count} (amount ${formatFen(open.amountFen)}, weighted ${formatFen(open.weightedFen)}) · attention ${result.attention.length} · data issues ${result.issues.length}`,
    `reconciliation ${ok ? "OK" : "FAILED"}: all rows ${formatFen(r.inputFen)} = counted ${formatFen(r.countedFen)} + rejected ${formatFen(r.rejectedFen)}`,
  ];
}

/** `ltc pipeline …`; 0 ok, 1 rejected rules, 2 bad usage or input. */
export async function runPipeline(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { "as-of": { type: "string" }, by: { type: "string" }, ...REPORT_OPTIONS },
    allowPositionals: true,
    strict: true,
  });
  const input = oneInputWorkbook(positionals, "pipeline", "ltc pipeline in.xlsx --as-of 2026-11-30 -o pipeline.xlsx");
  const asOf = parseDateOption(values["as-of"], "--as-of", "the date follow-ups, past-due signings and the forecast count from; it is written into the report");
  const groupBy = pipelineGroupOf(values.by);
  const lang = parseLangOption(values.lang);
  if (values.sheet !== undefined && values.table !== undefined) throw new UsageError("give --sheet or --table, not both");
  if (!values.output) throw new UsageError("pipeline needs -o out.xlsx");
  if (path.extname(values.output).toLowerCase() !== ".xlsx") throw new UsageError(`-o ${values.output}: the report is an .xlsx file`);
  const dir = path.dirname(values.output);
  if (!fs.existsSync(dir)) throw new UsageError(`-o ${values.output}: the directory ${dir} does not exist`);
  refuseOutputOverInput(values.output, [input, values.rules]);

  checkInputFile(input); // before the rules line: a bad input is one line on stderr
  const progress = progressBar(io);
  try {
    const { rulebook, stamp } = await cliRulebook(values.rules, input, io);
    const table = await readInputTable(input, { sheet: values.sheet, table: values.table, progress, wanted: OPPORTUNITIES_WANTED });
    progress.phase("pipeline", 0);
    const result = buildPipeline(table, { asOf, groupBy, lang }, rulebook);
    await writeReport(buildPipelineReport(result, rulebook), values.output, { progress });
    progress.end();
    for (const line of summaryLines(result)) io.stdout.write(`${line}\n`);
    io.stdout.write(`rulebook ${stamp}\n`);
    io.stdout.write(`wrote ${values.output} (charts are drawn by the Excel add-in; the .xlsx marks where each goes)\n`);
    return 0;
  } finally {
    progress.end();
  }
}

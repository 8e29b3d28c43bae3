import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { buildCharters } from "../reports/charter";
import { openOpportunityTable, OPPORTUNITY_COLUMNS } from "../reports/opportunityTable";
import { RawTable, DataIssue } from "../reports/table";
import { normalizeLabel } from "../rules/normalize";
import { describeInput } from "../rules/errors";
import { checkInputFile, oneInputWorkbook, parseDateOption, parseLangOption, readInputTable, REPORT_OPTIONS, tableWithColumns, TableWanted, writeReport } from "./aging";
import { refuseOutputOverInput } from "./files";
import { CliIO, UsageError } from "./io";
import { progressBar } from "./progress";
import { cliRulebook } from "./rules";

/**
 * `ltc charter <in.xlsx> --project <name or row> --date 2026-11-30 [--lang zh|en]
 *  [--sheet S | --table T] [--rules FILE] -o out.xlsx`: the project charter of
 * one or more opportunities (repeat --project), rendered by the same SheetPlan
 * as the task pane's. The generation date is explicit (--date): LTC Desk never
 * reads the clock, so the same input gives the same file.
 */

export const CHARTER_USAGE = `  charter IN.xlsx --project NAME|ROW --date DATE -o OUT.xlsx [--lang zh|en]
        [--sheet S | --table T] [--rules FILE]
                          project charter of an opportunity (--project again for more)
`;

/** An opportunity table: every required opportunity column. */
export const OPPORTUNITIES_WANTED: TableWanted = tableWithColumns(OPPORTUNITY_COLUMNS);

/** The worksheet row of a --project word: a row number as the user sees it, or the project's name. */
export function projectRow(table: RawTable, word: string): number {
  const opened = openOpportunityTable(table); // a missing column is the first thing to say
  const t = word.trim();
  const last = table.firstRowNumber + table.rows.length - 1;
  if (/^\d+$/.test(t)) {
    const row = Number(t);
    if (row < table.firstRowNumber || row > last) {
      throw new UsageError(`--project ${t}: row ${t} is not in the table (its data rows are ${table.firstRowNumber}–${last})`);
    }
    return row;
  }
  const col = opened.index.project!;
  const want = normalizeLabel(t);
  const hits: number[] = [];
  table.rows.forEach((r, i) => {
    const v = r[col];
    if (v !== null && v !== undefined && normalizeLabel(String(v)) === want) hits.push(table.firstRowNumber + i);
  });
  if (hits.length === 0) {
    const contains = table.rows
      .map((r, i) => ({ v: r[col], row: table.firstRowNumber + i }))
      .filter((x) => typeof x.v === "string" && want !== "" && normalizeLabel(x.v).includes(want))
      .slice(0, 3);
    const hint = contains.length > 0 ? `; did you mean ${contains.map((x) => `${describeInput(x.v)} (row ${x.row})`).join(", ")}?` : "";
    throw new UsageError(`--project ${JSON.stringify(t)}: no project of that name in the table${hint}`);
  }
  if (hits.length > 1) throw new UsageError(`--project ${JSON.stringify(t)}: ${hits.length} rows have that name (rows ${hits.join(", ")}); give a row number`);
  return hits[0];
}

function problemLine(p: DataIssue): string {
  return `row ${p.row}${p.column ? ` ${p.column.zh} (${p.column.en})` : ""}: ${p.reason.en}`;
}

/** `ltc charter …`; 0 ok, 1 no charter could be made, 2 bad usage or input. */
export async function runCharter(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      project: { type: "string", multiple: true },
      date: { type: "string" },
      ...REPORT_OPTIONS,
    },
    allowPositionals: true,
    strict: true,
  });
  const input = oneInputWorkbook(positionals, "charter", "ltc charter in.xlsx --project 3 --date 2026-11-30 -o charter.xlsx");
  const projects = values.project ?? [];
  if (projects.length === 0) throw new UsageError("charter needs --project NAME or --project ROW (the opportunity's worksheet row)");
  const generatedOn = parseDateOption(values.date, "--date", "the generation date written in the charter's footer; LTC Desk never reads the clock");
  const lang = parseLangOption(values.lang);
  if (values.sheet !== undefined && values.table !== undefined) throw new UsageError("give --sheet or --table, not both");
  if (!values.output) throw new UsageError("charter needs -o out.xlsx");
  if (path.extname(values.output).toLowerCase() !== ".xlsx") throw new UsageError(`-o ${values.output}: the charter is an .xlsx file`);
  const dir = path.dirname(values.output);
  if (!fs.existsSync(dir)) throw new UsageError(`-o ${values.output}: the directory ${dir} does not exist`);
  refuseOutputOverInput(values.output, [input, values.rules]);

  checkInputFile(input); // before the rules line: a bad input is one line on stderr
  const progress = progressBar(io);
  try {
    const { rulebook, stamp } = await cliRulebook(values.rules, input, io);
    const table = await readInputTable(input, { sheet: values.sheet, table: values.table, progress, wanted: OPPORTUNITIES_WANTED });
    const rows = projects.map((p) => projectRow(table, p));
    const build = buildCharters(table, rows, { generatedOn, lang }, rulebook);
    for (const p of build.problems) io.stderr.write(`warning: ${problemLine(p)}\n`);
    if (build.plans.length === 0) {
      progress.end();
      io.stderr.write(`ltc: no charter made: ${build.problems[0] ? problemLine(build.problems[0]) : "no usable row"}\n`);
      return 1;
    }
    await writeReport(build.plans, values.output, { progress });
    progress.end();
    io.stdout.write(`charters ${build.plans.length} (${build.plans.map((p) => p.name).join(", ")}) · problems ${build.problems.length}\n`);
    io.stdout.write(`rulebook ${stamp}\n`);
    io.stdout.write(`wrote ${values.output}\n`);
    return 0;
  } finally {
    progress.end();
  }
}

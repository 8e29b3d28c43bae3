import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { AGING_COLUMNS, AgingBasis, AgingResult, buildAging, GroupKey, noRegionText } from "../reports/aging";
import { buildAgingReport, buildRegionReports } from "../reports/agingReport";
import { SheetPlan } from "../reports/sheetplan";
import { ColumnDef, ColumnIndex, mapColumns } from "../reports/table";
import { LtcError } from "../rules/errors";
import { normalizeLabel } from "../rules/normalize";
import { Lang } from "../rules/types";
import { formatFen, isoFromSerial, serialFromInput } from "../rules/values";
import { refuseOutputOverInput, uniqueNameParts, writeFileAtomically, writeFilesAtomically } from "./files";
import { CliIO, UsageError } from "./io";
import { progressBar } from "./progress";
import { cliRulebook, RULES_OPTION } from "./rules";
import { HeaderWanted, inputDescription, readTableFromXlsx, XlsxReadError, XlsxTable } from "./xlsxRead";
import { writePlansToXlsx } from "./xlsxRender";
import { Progress } from "./progress";

/**
 * `ltc aging <in.xlsx> --as-of 2026-11-30 [--basis due|invoice] [--by 片区,代表处]
 *  [--lang zh|en] [--split-by 片区] [--sheet S | --table T] [--rules FILE] -o <out.xlsx|dir>`
 */

export const AGING_USAGE = `  aging IN.xlsx --as-of DATE -o OUT.xlsx|DIR [--basis due|invoice] [--by 片区,代表处]
        [--lang zh|en] [--split-by 片区] [--sheet S | --table T] [--rules FILE]
                          receivables aging report of IN's receivables table
`;

/** Group-by words accepted on the command line (Chinese, English, the engine's keys). */
const GROUP_WORDS: Record<GroupKey, string[]> = {
  region: ["片区", "region", "区域", "大区"],
  office: ["代表处", "office", "办事处"],
  customer: ["客户", "customer", "client"],
  productLine: ["产线", "productline", "product line", "product", "产品线"],
  customerClass: ["客户分类", "customerclass", "customer class", "class", "客户类别"],
};

export function groupKeyOf(word: string, option = "--by"): GroupKey {
  const w = normalizeLabel(word);
  for (const [key, words] of Object.entries(GROUP_WORDS) as [GroupKey, string[]][]) {
    if (words.some((x) => normalizeLabel(x) === w)) return key;
  }
  throw new UsageError(`${option} ${JSON.stringify(word)}: accepts 片区 (region), 代表处 (office), 客户 (customer), 产线 (product line), 客户分类 (customer class)`);
}

export function parseBy(text: string | undefined): GroupKey[] {
  if (text === undefined) return ["region"];
  const words = text.split(/[,，、]/).map((w) => w.trim()).filter((w) => w !== "");
  if (words.length < 1 || words.length > 2) throw new UsageError(`--by ${JSON.stringify(text)}: one or two of 片区, 代表处, 客户, 产线, 客户分类, separated by a comma`);
  const keys = words.map((w) => groupKeyOf(w));
  if (keys.length === 2 && keys[0] === keys[1]) throw new UsageError(`--by ${JSON.stringify(text)}: the two keys must differ`);
  return keys;
}

export function parseLangOption(v: string | undefined): Lang {
  if (v === undefined || v === "zh") return "zh";
  if (v === "en") return "en";
  throw new UsageError(`--lang ${JSON.stringify(v)}: accepts zh or en`);
}

/** A date on the command line: 2026-11-30, 2026/11/30, 2026年11月30日. */
export function parseDateOption(v: string | undefined, option: string, why: string): number {
  if (v === undefined || v.trim() === "") throw new UsageError(`${option} is required (${why}); e.g. ${option} 2026-11-30`);
  const serial = /^\s*\d+(\.\d+)?\s*$/.test(v) ? undefined : serialFromInput(v);
  if (serial === undefined) throw new UsageError(`${option} ${JSON.stringify(v)}: not a date; accepts 2026-11-30, 2026/11/30 or 2026年11月30日`);
  return serial;
}

function parseBasis(v: string | undefined): AgingBasis {
  if (v === undefined || v === "due") return "due";
  if (v === "invoice") return "invoice";
  throw new UsageError(`--basis ${JSON.stringify(v)}: accepts due (due date, the default) or invoice (invoice date)`);
}

export interface AgingSummary {
  rows: number;
  items: number;
  credits: number;
  excluded: number;
  settled: number;
  reconciled: boolean;
  files: string[];
}

/** The run's summary on stdout, in English like every CLI message; money in yuan, with the units the ledger kept it in when not yuan. */
function summaryLines(result: AgingResult): string[] {
  const r = result.reconciliation;
  const diff = r.inputFen - (r.bucketsFen + r.creditsFen + r.excludedFen);
  const units = result.units ? ` (${result.units.en})` : "";
  return [
    `rows read ${r.rows} · open items ${result.items.length} · credits ${result.credits.length} · excluded ${result.excluded.length} · fully paid ${r.settledRows} · data issues ${result.problems.length}`,
    `reconciliation ${diff === 0 ? "OK" : "FAILED"}: input ${formatFen(r.inputFen)} = buckets ${formatFen(r.bucketsFen)} + credits ${formatFen(r.creditsFen)} + excluded ${formatFen(r.excludedFen)}${units}`,
  ];
}

const GROUP_KEY_WORD: Record<Lang, string> = { zh: "片区", en: "region" };

/** What one region's file holds, for the summary: its open items and their total. */
function regionLine(result: AgingResult): string {
  return `open items ${result.items.length} · total ${formatFen(result.grandTotal.totalFen)}`;
}

/** The files of --split-by, all or nothing: a directory this run created is removed again when writing fails. */
export async function writeSplitReports(dir: string, files: { target: string; write(temp: string): Promise<unknown> }[]): Promise<void> {
  const created = fs.mkdirSync(dir, { recursive: true });
  try {
    await writeFilesAtomically(files);
  } catch (e) {
    if (created !== undefined) fs.rmSync(created, { recursive: true, force: true });
    throw e;
  }
}

/** Where the report(s) go: -o a .xlsx file, or a directory (with --split-by, always a directory). */
function outputPlan(output: string, input: string, split: boolean): { dir: string; file?: string } {
  const isDir = fs.existsSync(output) && fs.statSync(output).isDirectory();
  if (split) {
    if (fs.existsSync(output) && !isDir) throw new UsageError(`-o ${output}: with --split-by, -o is a directory (one file per region)`);
    return { dir: output };
  }
  if (isDir) return { dir: output, file: path.join(output, `${path.basename(input, path.extname(input))}-aging.xlsx`) };
  if (path.extname(output).toLowerCase() !== ".xlsx") throw new UsageError(`-o ${output}: the report is an .xlsx file (or an existing directory)`);
  const dir = path.dirname(output);
  if (!fs.existsSync(dir)) throw new UsageError(`-o ${output}: the directory ${dir} does not exist`);
  return { dir, file: output };
}

// ------------------------------------------------------------------ .xlsx in and out (shared by aging, charter, demo)

/** Which tables a verb can use: a header predicate (the reader's, which chooses by it). */
export type TableWanted = HeaderWanted;

/**
 * The TableWanted of a verb that reads `columns`: a header naming every
 * required column is that verb's table (and `alsoNeeds` may ask for more of
 * the columns found). A header that would be one but names a column twice is
 * the duplicate-header error, naming both columns by letter.
 */
export function tableWithColumns<K extends string>(
  columns: readonly ColumnDef<K>[],
  alsoNeeds: (index: ColumnIndex<K>) => boolean = () => true,
): TableWanted {
  // each header cell's column on its own (nothing required), to see what a header would hold without its duplicates
  const optional = columns.map((c) => ({ ...c, required: false }));
  return {
    accepts(header, firstColumn = 0) {
      try {
        return alsoNeeds(mapColumns(header, columns, firstColumn));
      } catch (e) {
        if (!(e instanceof LtcError)) throw e;
        const named = new Set<string>();
        for (const cell of header) for (const key of Object.keys(mapColumns([cell], optional))) named.add(key);
        const holdsAll = columns.every((c) => !c.required || named.has(c.key));
        return holdsAll ? e : false;
      }
    },
  };
}

/** The input file must exist and be a zip (an .xlsx is one); its size, or a UsageError with one line. */
export function checkInputFile(file: string): fs.Stats {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String((e as Error).message)}`);
  }
  if (stat.isDirectory()) throw new UsageError(`${file} is a directory, not an .xlsx workbook`);
  const fd = fs.openSync(file, "r");
  const magic = Buffer.alloc(4);
  fs.readSync(fd, magic, 0, 4, 0);
  fs.closeSync(fd);
  if (magic.readUInt32BE(0) !== 0x504b0304) {
    const what = magic.readUInt32BE(0) === 0xd0cf11e0 ? "an old .xls or an encrypted workbook; save it as .xlsx" : "not an .xlsx workbook (not a zip file)";
    throw new UsageError(`${file} is ${what}`);
  }
  return stat;
}

/**
 * The input table of a report verb. The file must exist and be an .xlsx
 * workbook. --table picks an Excel table by name, --sheet a sheet (hidden or
 * not); with neither, the reader's choice by `wanted` (xlsxRead's
 * TableChoice: the first table or visible sheet whose header the verb
 * accepts), the same whether the file is streamed (always, unless
 * LTC_STREAM_THRESHOLD_BYTES asks to load small files whole). Every failure
 * is a UsageError with one line.
 */
export async function readInputTable(
  file: string,
  options: { sheet?: string; table?: string; progress?: Progress; wanted?: TableWanted },
): Promise<XlsxTable> {
  checkInputFile(file);
  options.progress?.phase(`reading ${path.basename(file)}`, -1);
  try {
    return await readTableFromXlsx(file, { sheet: options.sheet, table: options.table, wanted: options.wanted });
  } catch (e) {
    if (e instanceof UsageError) throw e;
    if (e instanceof XlsxReadError) throw new UsageError(`${file}: ${e.message.replace(/\.$/, "")}`);
    throw new UsageError(`${file} is not a readable .xlsx workbook (${e instanceof Error ? e.message.split("\n")[0] : String(e)})`);
  }
}

/** Writes report sheets to an .xlsx file, atomically (the streaming writer for large reports). */
export async function writeReport(plans: readonly SheetPlan[], file: string, options: { progress?: Progress } = {}): Promise<void> {
  options.progress?.phase("writing", 0);
  await writeFileAtomically(file, (temp) => writePlansToXlsx(temp, plans));
}

/** A receivables table: an amount column and a due-date or invoice-date column. */
export const RECEIVABLES_WANTED: TableWanted = tableWithColumns(AGING_COLUMNS, (index) => index.dueDate !== undefined || index.invoiceDate !== undefined);

/** parseArgs options every report verb (aging, charter) takes. */
export const REPORT_OPTIONS = {
  lang: { type: "string" },
  sheet: { type: "string" },
  table: { type: "string" },
  output: { type: "string", short: "o" },
  ...RULES_OPTION,
} as const;

/** The one input workbook a report verb takes, or a usage error showing an example. */
export function oneInputWorkbook(positionals: readonly string[], verb: string, example: string): string {
  if (positionals.length === 1) return positionals[0];
  throw new UsageError(
    positionals.length === 0 ? `${verb} needs an input workbook: ${example}` : `${verb} takes one input workbook, got ${positionals.length}`,
  );
}

/** `ltc aging …`; 0 ok, 1 rejected rules, 2 bad usage or input. */
export async function runAging(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      "as-of": { type: "string" },
      basis: { type: "string" },
      by: { type: "string" },
      "split-by": { type: "string" },
      ...REPORT_OPTIONS,
    },
    allowPositionals: true,
    strict: true,
  });
  const input = oneInputWorkbook(positionals, "aging", "ltc aging in.xlsx --as-of 2026-11-30 -o out.xlsx");
  const asOf = parseDateOption(values["as-of"], "--as-of", "the date the receivables are aged to; it is written into the report");
  const basis = parseBasis(values.basis);
  const groupBy = parseBy(values.by);
  const lang = parseLangOption(values.lang);
  let split = false;
  if (values["split-by"] !== undefined) {
    if (groupKeyOf(values["split-by"], "--split-by") !== "region") throw new UsageError(`--split-by ${JSON.stringify(values["split-by"])}: one report per 片区 (region) is supported; use --split-by 片区`);
    split = true;
  }
  if (values.sheet !== undefined && values.table !== undefined) throw new UsageError("give --sheet or --table, not both");
  if (!values.output) throw new UsageError("aging needs -o out.xlsx (or -o DIR with --split-by)");
  const out = outputPlan(values.output, input, split);
  if (out.file !== undefined) refuseOutputOverInput(out.file, [input, values.rules]);

  checkInputFile(input); // before the rules line: a bad input is one line on stderr
  const progress = progressBar(io);
  try {
    const { rulebook, stamp } = await cliRulebook(values.rules, input, io);
    const table = await readInputTable(input, { sheet: values.sheet, table: values.table, progress, wanted: RECEIVABLES_WANTED });
    progress.phase("aging", 0);
    const result = buildAging(table, { asOf, basis, groupBy, lang }, rulebook);
    let written: string[];
    if (split) {
      const reports = buildRegionReports(result, rulebook);
      const base = lang === "en" ? "aging" : "账龄";
      const groups = reports.map((rep) => ({ key: rep.region, label: rep.region === "" ? noRegionText(lang) : rep.region }));
      const files = uniqueNameParts(groups).map((part) => path.join(out.dir, `${base}-${part}-${isoFromSerial(asOf)}.xlsx`));
      for (const file of files) refuseOutputOverInput(file, [input, values.rules]);
      progress.phase("writing", 0);
      await writeSplitReports(out.dir, files.map((file, i) => ({ target: file, write: (temp: string) => writePlansToXlsx(temp, reports[i].sheets) })));
      written = files.map((file, i) => `${file}: ${GROUP_KEY_WORD[lang]} ${JSON.stringify(groups[i].label)} · ${regionLine(reports[i].result)}`);
    } else {
      await writeReport(buildAgingReport(result, rulebook), out.file!, { progress });
      written = [out.file!];
    }
    progress.end();
    for (const line of summaryLines(result)) io.stdout.write(`${line}\n`);
    io.stdout.write(`input ${inputDescription(table)}\n`);
    io.stdout.write(`rulebook ${stamp}\n`);
    for (const f of written) io.stdout.write(`wrote ${f}\n`);
    return 0;
  } finally {
    progress.end();
  }
}

import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { buildLetters, Letter, LetterKind, LettersResult, LOG_COLUMNS } from "../reports/letters";
import { buildLettersReport } from "../reports/lettersReport";
import { SheetPlan } from "../reports/sheetplan";
import { normalizeLabel } from "../rules/normalize";
import { Lang } from "../rules/types";
import { formatFen, isoFromSerial } from "../rules/values";
import {
  checkInputFile,
  oneInputWorkbook,
  parseDateOption,
  parseLangOption,
  readInputTable,
  RECEIVABLES_WANTED,
  REPORT_OPTIONS,
  tableWithColumns,
  writeReport,
  writeSplitReports,
} from "./aging";
import { refuseOutputOverInput, uniqueNameParts } from "./files";
import { CliIO, UsageError } from "./io";
import { progressBar } from "./progress";
import { cliRulebook } from "./rules";
import { writePlansToXlsx } from "./xlsxRender";

/**
 * `ltc letters <in.xlsx> --as-of 2026-11-30 -o letters.xlsx [--kind statement|dunning]
 *  [--customer NAME]… [--log-sheet S] [--company NAME] [--lang zh|en] [--split-by 客户|代表处]`
 */

export const LETTERS_USAGE = `  letters IN.xlsx --as-of DATE -o OUT.xlsx|DIR [--kind statement|dunning] [--customer NAME]…
        [--log-sheet S] [--company NAME] [--lang zh|en] [--split-by 客户|代表处] [--sheet S | --table T] [--rules FILE]
                          customer statements (对账函, the default) or dunning letters (催款函), one customer per page,
                          with the register (发函登记); --log-sheet: IN's dunning log or an earlier register
`;

const KIND_WORDS: Record<LetterKind, string[]> = {
  statement: ["statement", "statements", "对账函", "对账"],
  dunning: ["dunning", "催款函", "催款", "催收"],
};

function parseKind(v: string | undefined): LetterKind {
  if (v === undefined) return "statement";
  const w = normalizeLabel(v);
  for (const [kind, words] of Object.entries(KIND_WORDS) as [LetterKind, string[]][]) if (words.some((x) => normalizeLabel(x) === w)) return kind;
  throw new UsageError(`--kind ${JSON.stringify(v)}: accepts statement (对账函, the default) or dunning (催款函)`);
}

type SplitKey = "customer" | "office";

function parseSplit(v: string | undefined): SplitKey | undefined {
  if (v === undefined) return undefined;
  const w = normalizeLabel(v);
  if (["客户", "customer", "client"].map(normalizeLabel).includes(w)) return "customer";
  if (["代表处", "office", "办事处"].map(normalizeLabel).includes(w)) return "office";
  throw new UsageError(`--split-by ${JSON.stringify(v)}: accepts 客户 (one file per customer) or 代表处 (one file per office)`);
}

/** Where the letters go: -o a .xlsx file, or with --split-by a directory. */
function outputPlan(output: string, input: string, split: boolean, base: string): { dir: string; file?: string } {
  const isDir = fs.existsSync(output) && fs.statSync(output).isDirectory();
  if (split) {
    if (fs.existsSync(output) && !isDir) throw new UsageError(`-o ${output}: with --split-by, -o is a directory (one file per group)`);
    return { dir: output };
  }
  if (isDir) return { dir: output, file: path.join(output, `${path.basename(input, path.extname(input))}-${base}.xlsx`) };
  if (path.extname(output).toLowerCase() !== ".xlsx") throw new UsageError(`-o ${output}: the letters are an .xlsx file (or an existing directory)`);
  const dir = path.dirname(output);
  if (!fs.existsSync(dir)) throw new UsageError(`-o ${output}: the directory ${dir} does not exist`);
  return { dir, file: output };
}

/** The result narrowed to some of its letters (their register rows with them), for one file of --split-by. */
function narrowed(result: LettersResult, keep: (letter: Letter) => boolean): LettersResult {
  const indexes = result.letters.map((l, i) => (keep(l) ? i : -1)).filter((i) => i >= 0);
  return { ...result, letters: indexes.map((i) => result.letters[i]), register: indexes.map((i) => result.register[i]) };
}

function groupsOf(result: LettersResult, by: SplitKey, lang: Lang): { key: string; label: string; result: LettersResult }[] {
  const keyOf = (l: Letter) => (by === "customer" ? l.customer : l.office);
  const keys = [...new Set(result.letters.map(keyOf))];
  const none = lang === "en" ? "(no office)" : "（无代表处）";
  return keys.map((key) => ({ key, label: key === "" ? none : key, result: narrowed(result, (l) => keyOf(l) === key) }));
}

const KIND_TEXT: Record<LetterKind, Record<Lang, string>> = {
  statement: { zh: "对账函", en: "statements" },
  dunning: { zh: "催款函", en: "dunning" },
};

function totalLine(result: LettersResult): string {
  const total = result.letters.reduce((s, l) => s + l.balanceFen, 0);
  return `letters ${result.letters.length} · total ${formatFen(total)}`;
}

/** `ltc letters …`; 0 ok, 1 rejected rules, 2 bad usage or input. */
export async function runLetters(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      "as-of": { type: "string" },
      kind: { type: "string" },
      customer: { type: "string", multiple: true },
      "log-sheet": { type: "string" },
      company: { type: "string" },
      "split-by": { type: "string" },
      ...REPORT_OPTIONS,
    },
    allowPositionals: true,
    strict: true,
  });
  const input = oneInputWorkbook(positionals, "letters", "ltc letters in.xlsx --as-of 2026-11-30 -o letters.xlsx");
  const asOf = parseDateOption(values["as-of"], "--as-of", "the letters' date: balances and limitation are as of it");
  const kind = parseKind(values.kind);
  const lang = parseLangOption(values.lang);
  const split = parseSplit(values["split-by"]);
  const base = KIND_TEXT[kind][lang];
  if (!values.output) throw new UsageError("letters needs -o out.xlsx (or -o DIR with --split-by)");
  const out = outputPlan(values.output, input, split !== undefined, base);
  if (out.file !== undefined) refuseOutputOverInput(out.file, [input, values.rules]);

  checkInputFile(input);
  const progress = progressBar(io);
  try {
    const { rulebook, stamp } = await cliRulebook(values.rules, input, io);
    const table = await readInputTable(input, { sheet: values.sheet, table: values.table, progress, wanted: RECEIVABLES_WANTED });
    const logSheet = values["log-sheet"];
    const log = logSheet === undefined ? undefined : await readInputTable(input, { sheet: logSheet, wanted: tableWithColumns(LOG_COLUMNS) });
    progress.phase("letters", 0);
    const result = buildLetters(table, log, { asOf, kind, lang, customers: values.customer, companyName: values.company }, rulebook);
    const written: string[] = [];
    if (split) {
      const groups = groupsOf(result, split, lang);
      const files = uniqueNameParts(groups).map((part) => path.join(out.dir, `${base}-${part}-${isoFromSerial(asOf)}.xlsx`));
      for (const file of files) refuseOutputOverInput(file, [input, values.rules]);
      const plans: SheetPlan[][] = groups.map((g) => buildLettersReport(g.result, rulebook));
      progress.phase("writing", 0);
      await writeSplitReports(out.dir, files.map((file, i) => ({ target: file, write: (temp: string) => writePlansToXlsx(temp, plans[i]) })));
      files.forEach((file, i) => written.push(`${file}: ${JSON.stringify(groups[i].label)} · ${totalLine(groups[i].result)}`));
    } else {
      await writeReport(buildLettersReport(result, rulebook), out.file!, { progress });
      written.push(out.file!);
    }
    progress.end();
    io.stdout.write(`${totalLine(result)} · ${KIND_TEXT[kind].zh} · as of ${isoFromSerial(asOf)} · data issues ${result.issues.length}\n`);
    for (const note of result.notes) io.stdout.write(`note: ${lang === "en" ? note.en : note.zh}\n`);
    io.stdout.write(`rulebook ${stamp}\n`);
    for (const f of written) io.stdout.write(`wrote ${f}\n`);
    return 0;
  } finally {
    progress.end();
  }
}

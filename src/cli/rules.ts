import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { RULES_SHEET_NAME, rulebookFromSheetValues, rulesSheetPlan } from "../reports/rulesSheet";
import { diffLines, diffRulebooks } from "../rules/diff";
import { rulebookStamp } from "../rules/fingerprint";
import { DEFAULT_RULEBOOK, Rulebook } from "../rules/rulebook";
import { Lang } from "../rules/types";
import { formatRuleError, ImportResult, isRejected, RULEBOOK_SETTING_KEY, rulebookFromJson, rulebookJson, RuleError } from "../rules/validate";
import { refuseOutputOverInput, writeFileAtomically } from "./files";
import { storedSheetImport } from "./storedSheet";
import { CliIO, UsageError } from "./io";
import { loadableXlsx, plainValue } from "./xlsxRead";
import { writePlansToWorkbook } from "./xlsxRender";

/**
 * Rulebooks on the command line:
 * - `--rules <rules.xlsx|rules.json>` for the verbs that read workbooks;
 *   without it, the rulebook the add-in stored in the input workbook (its very
 *   hidden store sheet, or the document settings of earlier versions), else
 *   the built-in default;
 * - `ltc rules export [in.xlsx] -o rules.xlsx|rules.json`, `ltc rules check
 *   <file>`, `ltc rules diff <file> [--against other]`.
 */

/** parseArgs option for the verbs that take `--rules`. */
export const RULES_OPTION = { rules: { type: "string" } } as const;

/** A rulebook and where it came from. */
export interface CliRulebook {
  rulebook: Rulebook;
  /** "rules.json", "in.xlsx (stored in the workbook)" or "built-in default" */
  source: string;
  /** "version · fingerprint" */
  stamp: string;
  /** what the import added from the built-in rulebook to rules saved by an earlier version */
  notices: RuleError[];
}

/**
 * A rules file or stored rulebook that does not validate. Every verb refuses
 * to compute with it: exit 1, with the errors as one block on stderr
 * (rejectionText), never a silent fallback to other rules.
 */
export class RulesFileError extends Error {
  constructor(
    readonly file: string,
    readonly errors: RuleError[],
  ) {
    super(`${file}: the rules were not accepted (${errorCount(errors.length)}); first: ${formatRuleError(errors[0])}`);
    this.name = "RulesFileError";
  }
}

function errorCount(n: number): string {
  return `${n} error${n === 1 ? "" : "s"}`;
}

/** At most this many errors on stderr; `ltc rules check` lists them all. */
const SHOWN_ERRORS = 50;

/**
 * The stderr block of rejected rules: a first line saying which rules and how
 * many errors, then one line per error with its sheet, table, row and column.
 */
export function rejectionText(e: RulesFileError): string {
  const lines = [`ltc: ${e.file}: the rules were not accepted (${errorCount(e.errors.length)}); nothing was computed:`];
  for (const error of e.errors.slice(0, SHOWN_ERRORS)) lines.push(`  ${formatRuleError(error)}`);
  if (e.errors.length > SHOWN_ERRORS) lines.push(`  … and ${e.errors.length - SHOWN_ERRORS} more`);
  lines.push(`run "ltc rules check ${e.file}" to list every error`);
  return lines.join("\n") + "\n";
}

// ---------------------------------------------------------------- reading

/** The values of a worksheet from A1, as a grid of plain values. */
export function worksheetValues(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  const cols = ws.columnCount;
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const line: unknown[] = [];
    // ExcelJS, not Office.js: nothing to load
    // eslint-disable-next-line office-addins/load-object-before-read
    for (let c = 1; c <= cols; c++) line.push(plainValue(row.getCell(c).value));
    out.push(line);
  }
  return out;
}

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|quot|apos|lt|gt|amp);/gi, (_m, e: string) => {
    const k = e.toLowerCase();
    if (k === "quot") return '"';
    if (k === "apos") return "'";
    if (k === "lt") return "<";
    if (k === "gt") return ">";
    if (k === "amp") return "&";
    return String.fromCodePoint(k.startsWith("#x") ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10));
  });
}

function attribute(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? unescapeXml(m[2] ?? m[3] ?? "") : undefined;
}

/**
 * The rulebook JSON text the add-in stored in a workbook, or undefined. Office
 * keeps an add-in's document settings in xl/webextensions/webextension*.xml as
 * <we:property name="…" value="…"/>, the value being the setting JSON-encoded
 * (so a text setting is a JSON string holding our JSON).
 */
export async function storedRulebookText(xlsx: Buffer | Uint8Array): Promise<string | undefined> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(xlsx);
  } catch {
    return undefined;
  }
  const parts = Object.keys(zip.files)
    .filter((n) => /^xl\/webextensions\/webextension\d*\.xml$/i.test(n))
    .sort();
  for (const part of parts) {
    const xml = await zip.file(part)!.async("string");
    const re = /<(?:[A-Za-z_][\w.-]*:)?property\b([^>]*?)\/?>/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(xml))) {
      if (attribute(m[1], "name") !== RULEBOOK_SETTING_KEY) continue;
      const raw = attribute(m[1], "value");
      if (raw === undefined) continue;
      try {
        const decoded: unknown = JSON.parse(raw);
        return typeof decoded === "string" ? decoded : JSON.stringify(decoded);
      } catch {
        return raw;
      }
    }
  }
  return undefined;
}

/** The rulebook of a rules file: rules.json, or a workbook's LTC规则 sheet. */
export async function rulebookFromFile(file: string, base: Rulebook = DEFAULT_RULEBOOK): Promise<ImportResult> {
  const name = path.basename(file);
  const ext = path.extname(file).toLowerCase();
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  if (ext === ".json") return rulebookFromJson(bytes.toString("utf8"), { sheet: name });
  if (ext !== ".xlsx") throw new UsageError(`${file}: a rules file is .xlsx or .json`);
  const wb = new ExcelJS.Workbook();
  try {
    // through the reader's repair, so a rules file saved by openpyxl or with calculated columns loads like a ledger
    await wb.xlsx.load((await loadableXlsx(bytes)) as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new UsageError(`${file} is not a readable .xlsx file (${e instanceof Error ? e.message : String(e)})`);
  }
  const ws = wb.getWorksheet(RULES_SHEET_NAME);
  if (ws) return rulebookFromSheetValues(worksheetValues(ws), base, 1, RULES_SHEET_NAME);
  const fromStoreSheet = await storedSheetImport(bytes);
  if (fromStoreSheet !== undefined) return fromStoreSheet;
  const stored = await storedRulebookText(bytes);
  if (stored !== undefined) return rulebookFromJson(stored, { sheet: `${name} (document settings)` });
  throw new UsageError(`${file} has no ${RULES_SHEET_NAME} sheet and no rulebook stored in the workbook`);
}

/**
 * The rulebook a verb computes with: the `--rules` file if given; else the one
 * stored in the input workbook; else the built-in default. A rulebook that
 * does not validate is an error (RulesFileError), never silently replaced.
 */
export async function resolveRulebook(options: { rules?: string; input?: string | Buffer }): Promise<CliRulebook> {
  if (options.rules) return accepted(await rulebookFromFile(options.rules), options.rules, options.rules);
  if (options.input !== undefined) {
    const label = typeof options.input === "string" ? options.input : "the input workbook";
    let bytes: Buffer | undefined;
    if (typeof options.input === "string") {
      try {
        bytes = fs.readFileSync(options.input);
      } catch {
        bytes = undefined; // the verb reports an unreadable input itself
      }
    } else bytes = options.input;
    // the add-in's store sheet first (it wins over a settings form left beside it, as in the add-in)
    const fromStoreSheet = bytes ? await storedSheetImport(bytes) : undefined;
    if (fromStoreSheet !== undefined) return accepted(fromStoreSheet, label, `${label} (stored in the workbook)`);
    const stored = bytes ? await storedRulebookText(bytes) : undefined;
    if (stored !== undefined) return accepted(rulebookFromJson(stored, { sheet: "document settings" }), label, `${label} (stored in the workbook)`);
  }
  return { rulebook: DEFAULT_RULEBOOK, source: "built-in default", stamp: rulebookStamp(DEFAULT_RULEBOOK), notices: [] };
}

/** The rulebook of an import, or RulesFileError naming `file`. */
function accepted(result: ImportResult, file: string, source: string): CliRulebook {
  if (isRejected(result)) throw new RulesFileError(file, result.errors);
  return { rulebook: result.rulebook, source, stamp: rulebookStamp(result.rulebook), notices: result.notices ?? [] };
}

/** "completed from the built-in rulebook (2 changes)" after a stamp, when the import added or retired anything. */
function completedText(notices: readonly RuleError[]): string {
  return notices.length === 0 ? "" : `; completed from the built-in rulebook (${notices.length} change${notices.length === 1 ? "" : "s"})`;
}

/**
 * For verbs with `--rules`: resolves the rulebook and says on stderr which
 * rules are in force ("rules: deck-2026.1 · 3f9a0c1d2e4b (rules.json)"), and
 * what was added to rules saved by an earlier version ("rules: note: …").
 */
export async function cliRulebook(rules: string | undefined, input: string | Buffer | undefined, io: CliIO): Promise<CliRulebook> {
  const r = await resolveRulebook({ rules, input });
  io.stderr.write(`rules: ${r.stamp} (${r.source}${completedText(r.notices)})\n`);
  for (const n of r.notices) io.stderr.write(`rules: note: ${formatRuleError(n)}\n`);
  return r;
}

// ---------------------------------------------------------------- writing

/** Writes a rulebook as rules.json (pretty JSON) or rules.xlsx (the LTC规则 sheet). */
export async function writeRulesFile(rb: Rulebook, file: string): Promise<void> {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".json") {
    await writeFileAtomically(file, (temp) => fs.writeFileSync(temp, rulebookJson(rb, true), "utf8"));
    return;
  }
  if (ext !== ".xlsx") throw new UsageError(`-o ${file}: a rules file is .xlsx or .json`);
  const wb = new ExcelJS.Workbook();
  wb.creator = "LTC Desk";
  writePlansToWorkbook(wb, [rulesSheetPlan(rb)]);
  await writeFileAtomically(file, (temp) => wb.xlsx.writeFile(temp));
}

// ---------------------------------------------------------------- ltc rules …

export const RULES_USAGE = `  rules export [in.xlsx] -o rules.xlsx|rules.json [--rules FILE]
                          write the rules in force (the default, FILE, or those stored in in.xlsx)
  rules check FILE [--lang zh|en]
                          check a rules file (.xlsx LTC规则 sheet or .json): its fingerprint, or every error
  rules diff FILE [--against FILE2] [--lang zh|en]
                          what FILE changes against the default (or FILE2), by table and row
`;

function langOf(v: string | undefined): Lang {
  if (v === undefined || v === "en") return "en";
  if (v === "zh") return "zh";
  throw new UsageError(`--lang ${v}: accepts zh or en`);
}

/** `ltc rules export|check|diff …`; 0 ok, 1 the rules have errors (RulesFileError for export and diff), 2 bad usage or file. */
export async function runRules(args: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case "export": {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { output: { type: "string", short: "o" }, ...RULES_OPTION },
        allowPositionals: true,
        strict: true,
      });
      if (!values.output) throw new UsageError("rules export needs -o rules.xlsx or -o rules.json");
      if (positionals.length > 1) throw new UsageError(`rules export takes at most one input workbook, got ${positionals.length}`);
      refuseOutputOverInput(values.output, [positionals[0], values.rules]);
      const r = await resolveRulebook({ rules: values.rules, input: positionals[0] });
      await writeRulesFile(r.rulebook, values.output);
      for (const n of r.notices) io.stdout.write(`note: ${formatRuleError(n)}\n`);
      io.stdout.write(`wrote ${values.output}: ${r.stamp} (${r.source}${completedText(r.notices)})\n`);
      return 0;
    }
    case "check": {
      const { values, positionals } = parseArgs({ args: rest, options: { lang: { type: "string" } }, allowPositionals: true, strict: true });
      const lang = langOf(values.lang);
      if (positionals.length !== 1) throw new UsageError("rules check needs one file: ltc rules check rules.xlsx");
      const file = positionals[0];
      const result = await rulebookFromFile(file);
      if (isRejected(result)) {
        for (const e of result.errors) io.stdout.write(`${path.basename(file)} › ${formatRuleError(e, lang)}\n`);
        io.stderr.write(`ltc: ${file}: ${errorCount(result.errors.length)}; the rules were not accepted\n`);
        return 1;
      }
      const notices = result.notices ?? [];
      for (const n of notices) io.stdout.write(`${path.basename(file)} › note: ${formatRuleError(n, lang)}\n`);
      io.stdout.write(`ok ${file}: ${rulebookStamp(result.rulebook)}${completedText(notices)}\n`);
      return 0;
    }
    case "diff": {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { against: { type: "string" }, lang: { type: "string" } },
        allowPositionals: true,
        strict: true,
      });
      const lang = langOf(values.lang);
      if (positionals.length !== 1) throw new UsageError("rules diff needs one file: ltc rules diff rules.xlsx");
      const load = async (file: string) => {
        const r = await rulebookFromFile(file);
        if (isRejected(r)) throw new RulesFileError(file, r.errors);
        return r.rulebook;
      };
      const to = await load(positionals[0]);
      const from = values.against ? await load(values.against) : DEFAULT_RULEBOOK;
      const d = diffRulebooks(from, to);
      io.stdout.write(`${d.from} → ${d.to}\n`);
      for (const line of diffLines(d, lang)) io.stdout.write(`${line}\n`);
      return 0;
    }
    default:
      throw new UsageError(
        sub === undefined ? 'rules needs export, check or diff; run "ltc help"' : `unknown rules command ${JSON.stringify(sub)}; accepts export, check, diff`,
      );
  }
}


import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { buildAging } from "../reports/aging";
import { buildAgingReport } from "../reports/agingReport";
import { buildCharters } from "../reports/charter";
import { buildLetters } from "../reports/letters";
import { buildLettersReport } from "../reports/lettersReport";
import { buildPipeline } from "../reports/pipeline";
import { buildPipelineReport } from "../reports/pipelineReport";
import { CellStyle, displayWidth, PlanValue, SheetPlan } from "../reports/sheetplan";
import { RawTable } from "../reports/table";
import { rulebookStamp } from "../rules/fingerprint";
import { DEFAULT_RULEBOOK, Rulebook } from "../rules/rulebook";
import { Lang } from "../rules/types";
import { formatFen } from "../rules/values";
import { parseLangOption } from "./aging";
import { DEMO_AS_OF, DEMO_CHARTER_ROWS, demoDunningLog, demoOpportunities, demoReceivables } from "./demoData";
import { writeFileAtomically } from "./files";
import { CliIO, UsageError } from "./io";
import { progressBar } from "./progress";
import { writePlansToWorkbook } from "./xlsxRender";

/**
 * `ltc demo -o ltc-demo.xlsx [--lang zh|en]`: a deterministic demo workbook
 * (fixed seed, fixed as-of date 2026-11-30, no clock) for a power-equipment
 * maker with offices in six regions: the 商机 opportunity table and the 应收账款
 * receivables table as Excel tables (ListObjects, so the task pane finds
 * them) and its 催收记录 dunning log, then the charters of three opportunities, the aging report, the pipeline report
 * (by region and office) and the customer statements (对账函, with their register) built from those tables.
 */

export const DEMO_USAGE = `  demo -o OUT.xlsx [--lang zh|en]
                          a demo workbook: opportunity and receivables tables, a dunning log, charters, the aging and pipeline reports, statements
`;

const INPUT_STYLES: Record<string, CellStyle> = {
  header: { bold: true, fill: "#DDEBF7", border: true },
  text: { numberFormat: "@" },
  money: { numberFormat: "#,##0.00" },
  date: { numberFormat: "yyyy-mm-dd" },
  pct: { numberFormat: "0%" },
  general: {},
};

/** A column's style in an input sheet, by its header. */
function inputColumnStyle(header: string): string {
  if (/金额|已回款/.test(header)) return "money";
  if (/日期|到期日|回款日|对账日/.test(header)) return "date";
  if (header === "竞争对手参与比例") return "pct";
  if (/评|度|力|性质|状况|历史|能力/.test(header)) return "general";
  return "text";
}


/** A column's width from its header and values (money and dates as Excel shows them), 8–30. */
function columnWidth(header: string, values: readonly unknown[], style: string): number {
  let w = displayWidth(header) + 3; // room for the table's filter button
  for (const v of values) {
    let text: string;
    if (typeof v === "number") text = style === "money" ? v.toLocaleString("en-US", { minimumFractionDigits: 2 }) : style === "date" ? "2026-11-30" : String(v);
    else text = v === null || v === undefined ? "" : String(v);
    w = Math.max(w, displayWidth(text) + 1);
  }
  return Math.max(8, Math.min(30, w));
}

/** An input table as a sheet: header on row 1, data below, one Excel table over it. */
export function inputSheetPlan(name: string, tableName: string, table: RawTable, ownerKey: string): SheetPlan {
  const header = table.header.map((h) => String(h));
  const rows: PlanValue[][] = table.rows.map((r) => header.map((_, c) => cellValue(r[c])));
  const styles = header.map(inputColumnStyle);
  return {
    name,
    ownerKey,
    styles: INPUT_STYLES,
    blocks: [
      { row: 0, col: 0, values: [header], style: "header" },
      { row: 1, col: 0, values: rows, columnStyles: styles },
    ],
    columnWidths: header.map((h, c) => columnWidth(h, table.rows.map((r) => r[c]), styles[c])),
    freeze: { rows: 1, cols: 1 },
    // fit to the page's width only while that stays readable; a wider table continues on the pages to the right
    print: {
      paper: "A4",
      orientation: "landscape",
      repeatRows: { first: 0, last: 0 },
      fitToWidth: header.length <= 16,
      footer: `LTC Desk · ${name} · ${DEMO_FOOTER}`,
    },
    tables: [{ name: tableName, area: { row: 0, col: 0, rows: rows.length + 1, cols: header.length }, style: "TableStyleMedium2" }],
  };
}

function cellValue(v: unknown): PlanValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return String(v);
}

const DEMO_FOOTER = "演示数据 demo data · 2026-11-30";

export interface DemoWorkbook {
  plans: SheetPlan[];
  opportunities: RawTable;
  receivables: RawTable;
  dunningLog: RawTable;
  /** what the summary line reports */
  facts: {
    receivableRows: number;
    openItems: number;
    credits: number;
    excluded: number;
    inputFen: number;
    charters: string[];
    pipeline: { opportunities: number; open: number; weightedFen: number };
    letters: number;
  };
}

/** The demo workbook as SheetPlans: input tables first, then charters, the aging report and the pipeline report. */
export function demoWorkbook(rb: Rulebook = DEFAULT_RULEBOOK, lang: Lang = "zh"): DemoWorkbook {
  const opportunities = demoOpportunities();
  const { table: receivables } = demoReceivables();
  const charters = buildCharters(opportunities, DEMO_CHARTER_ROWS, { generatedOn: DEMO_AS_OF, lang }, rb);
  const aging = buildAging(receivables, { asOf: DEMO_AS_OF, groupBy: ["region", "office"], lang }, rb);
  const report = buildAgingReport(aging, rb);
  const pipeline = buildPipeline(opportunities, { asOf: DEMO_AS_OF, lang }, rb);
  const dunningLog = demoDunningLog(receivables);
  const letters = buildLetters(receivables, dunningLog, { asOf: DEMO_AS_OF, lang }, rb);
  const plans = [
    inputSheetPlan(lang === "en" ? "Opportunities" : "商机", "Opportunities", opportunities, "demo:opportunities"),
    inputSheetPlan(lang === "en" ? "Receivables" : "应收账款", "Receivables", receivables, "demo:receivables"),
    inputSheetPlan(lang === "en" ? "Dunning log" : "催收记录", "DunningLog", dunningLog, "demo:dunningLog"),
    ...charters.plans,
    ...report,
    ...buildPipelineReport(pipeline, rb),
    ...buildLettersReport(letters, rb),
  ];
  return {
    plans,
    opportunities,
    receivables,
    dunningLog,
    facts: {
      receivableRows: aging.reconciliation.rows,
      openItems: aging.items.length,
      credits: aging.credits.length,
      excluded: aging.excluded.length,
      inputFen: aging.reconciliation.inputFen,
      charters: charters.plans.map((p) => p.name),
      pipeline: { opportunities: pipeline.reconciliation.counted, open: pipeline.summaryTotal.total.count, weightedFen: pipeline.summaryTotal.total.weightedFen },
      letters: letters.letters.length,
    },
  };
}

/** The demo's fixed timestamp (document properties and zip entries): the as-of date, never the clock. */
export const DEMO_TIMESTAMP = new Date(Date.UTC(2026, 10, 30, 0, 0, 0));

/**
 * The workbook's bytes, the same on every run: ExcelJS stamps the document
 * properties and every zip entry with the current time, so the properties get
 * the demo's date and the package is re-zipped with fixed entry dates.
 */
export async function demoXlsxBytes(plans: readonly SheetPlan[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "LTC Desk";
  wb.lastModifiedBy = "LTC Desk";
  wb.created = DEMO_TIMESTAMP;
  wb.modified = DEMO_TIMESTAMP;
  writePlansToWorkbook(wb, plans);
  const raw = await wb.xlsx.writeBuffer();
  const zip = await JSZip.loadAsync(raw as ArrayBuffer);
  const fixed = new JSZip();
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name];
    if (entry.dir) continue;
    fixed.file(name, await entry.async("uint8array"), { date: DEMO_TIMESTAMP, createFolders: false });
  }
  return fixed.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
}

/** `ltc demo -o ltc-demo.xlsx`; 0 ok, 2 bad usage. */
export async function runDemo(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { output: { type: "string", short: "o" }, lang: { type: "string" } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) throw new UsageError(`demo takes no input file, got ${JSON.stringify(positionals[0])}`);
  const output = values.output ?? "ltc-demo.xlsx";
  if (path.extname(output).toLowerCase() !== ".xlsx") throw new UsageError(`-o ${output}: the demo workbook is an .xlsx file`);
  const dir = path.dirname(output);
  if (!fs.existsSync(dir)) throw new UsageError(`-o ${output}: the directory ${dir} does not exist`);
  const lang = parseLangOption(values.lang);
  const rb = DEFAULT_RULEBOOK;
  const demo = demoWorkbook(rb, lang);
  const progress = progressBar(io);
  try {
    progress.phase("writing", 0);
    const bytes = await demoXlsxBytes(demo.plans);
    await writeFileAtomically(output, (temp) => fs.writeFileSync(temp, bytes));
  } finally {
    progress.end();
  }
  const f = demo.facts;
  io.stdout.write(
    `receivables ${f.receivableRows} rows · open items ${f.openItems} · credits ${f.credits} · excluded ${f.excluded} · outstanding ${formatFen(f.inputFen)}\n`,
  );
  io.stdout.write(`charters ${f.charters.join(", ")}\n`);
  io.stdout.write(`pipeline ${f.pipeline.opportunities} opportunities · open ${f.pipeline.open} · weighted ${formatFen(f.pipeline.weightedFen)}\n`);
  io.stdout.write(`statements ${f.letters} (对账函, one customer per page)\n`);
  io.stdout.write(`rulebook ${rulebookStamp(rb)} · as of 2026-11-30\n`);
  io.stdout.write(`wrote ${output} (${demo.plans.length} sheets)\n`);
  return 0;
}

/**
 * The .xlsx writer against ExcelJS's streaming writer — figures only, nothing
 * asserted (issue 10: an own writer is acceptable only if it is at least 2×
 * faster than ExcelJS streaming on the same cells). Both write the same
 * 100,000-row, 22-column aging-detail-like sheet (2.2 M cells: text, numbers,
 * dates with per-column number formats, a formula column) with a table over it:
 * - ExcelJS: stream.xlsx.WorkbookWriter, one style object per column built
 *   once and shared by its cells (the floor: ExcelJS reconciles a style per
 *   distinct object), shared strings; no table (it cannot write one).
 * - ours: writePlansToXlsx (src/cli/xlsxWriter.ts), table included.
 * Each runs in a child process of its own so that peak RSS is its alone.
 *
 *   npm run bench:writer
 *   (or node --import tsx test/bench/writer.bench.ts)
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { writePlansToXlsx } from "../../src/cli/xlsxRender";
import { PlanValue, rowsBlock, SheetPlan } from "../../src/reports/sheetplan";

const ROWS = Number(process.env.LTC_BENCH_WRITER_ROWS ?? 100_000);
const TARGET_SPEEDUP = 2;
const MB = 1024 * 1024;

const HEADER = [
  "行号", "合同号", "客户", "代表处", "片区", "发票号", "开票日", "到期日", "金额", "已回款", "未回款", "逾期天数",
  "账龄段", "未到期", "1-30天", "31-90天", "91-180天", "181-360天", "1-2年", "2年以上", "坏账准备", "催收措施",
];
const FORMATS = ["0", "@", "@", "@", "@", "@", "yyyy-mm-dd", "yyyy-mm-dd", "#,##0.00", "#,##0.00", "#,##0.00", "0", "@", "#,##0.00", "#,##0.00", "#,##0.00", "#,##0.00", "#,##0.00", "#,##0.00", "#,##0.00", "#,##0.00", "@"];
const BUCKETS = ["未到期", "1-30天", "31-90天", "91-180天", "181-360天", "1-2年", "2年以上"];
const OFFICES = ["湖南代表处", "广东代表处", "陕西代表处", "江苏代表处", "四川代表处", "辽宁代表处"];

/** Row i of the detail (deterministic, no randomness: both writers get the very same cells). */
function detailRow(i: number): PlanValue[] {
  const customer = (i * 7919) % 5000;
  const amount = 100 + ((i * 104729) % 2_000_000) / 100;
  const paid = i % 3 === 0 ? amount : i % 3 === 1 ? Math.round(amount * 50) / 100 : 0;
  const open = Math.round((amount - paid) * 100) / 100;
  const days = ((i * 31) % 900) - 60;
  const bucket = days <= 0 ? 0 : days <= 30 ? 1 : days <= 90 ? 2 : days <= 180 ? 3 : days <= 360 ? 4 : days <= 720 ? 5 : 6;
  const buckets: PlanValue[] = BUCKETS.map((_, b) => (b === bucket ? open : null));
  return [
    i + 2, `HT-${i}`, `客户${customer}电力有限公司`, OFFICES[customer % OFFICES.length], `片区${customer % 4}`, `FP${44000000 + i}`,
    46000 + (i % 700), 46030 + (i % 700), amount, paid, open, days, BUCKETS[bucket], ...buckets,
    { formula: `=K${i + 2}*${bucket >= 5 ? 1 : bucket / 10}` }, days > 90 ? "发函催收" : null,
  ];
}

function plan(): SheetPlan {
  const styles: SheetPlan["styles"] = { header: { bold: true, fill: "#D9E1F2", border: true, hAlign: "center", wrap: true } };
  FORMATS.forEach((f, c) => (styles[`c${c}`] = { numberFormat: f }));
  return {
    name: "账龄明细",
    ownerKey: "bench:writer",
    styles,
    blocks: [
      { row: 0, col: 0, values: [HEADER], style: "header" },
      rowsBlock({ row: 1, col: 0, columnStyles: FORMATS.map((_, c) => `c${c}`) }, { count: ROWS, width: HEADER.length, at: detailRow }),
    ],
    columnWidths: HEADER.map(() => 12),
    freeze: { rows: 1, cols: 2 },
    tables: [{ name: "AgingDetail", area: { row: 0, col: 0, rows: ROWS + 1, cols: HEADER.length } }],
  };
}

async function writeOurs(file: string): Promise<void> {
  await writePlansToXlsx(file, [plan()]);
}

/** ExcelJS's streaming writer at its best: a style object per column, made once. */
async function writeExcelJs(file: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  const ws = workbook.addWorksheet("账龄明细", { views: [{ state: "frozen", xSplit: 2, ySplit: 1 }] });
  ws.columns = HEADER.map(() => ({ width: 12 }));
  const headerStyle: Partial<ExcelJS.Style> = {
    font: { bold: true },
    fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } },
    alignment: { horizontal: "center", wrapText: true },
  };
  const columnStyles: Partial<ExcelJS.Style>[] = FORMATS.map((numFmt) => ({ numFmt }));
  const header = ws.getRow(1);
  HEADER.forEach((h, c) => {
    const cell = header.getCell(c + 1);
    cell.value = h;
    cell.style = headerStyle;
  });
  header.commit();
  for (let i = 0; i < ROWS; i++) {
    // without a turn of the event loop now and then, committed rows pile up faster than the zip writes them
    if (i % 1000 === 999) await new Promise((resolve) => setImmediate(resolve));
    const row = ws.getRow(i + 2);
    detailRow(i).forEach((v, c) => {
      const cell = row.getCell(c + 1);
      if (v !== null) cell.value = typeof v === "object" ? { formula: v.formula.slice(1) } : v;
      cell.style = columnStyles[c];
    });
    row.commit();
  }
  ws.commit();
  await workbook.commit();
}

/** One writer in this process: prints a JSON line with its figures. */
async function child(which: string): Promise<void> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ltc-writer-bench-")), `${which}.xlsx`);
  let peakRss = 0;
  let peakHeap = 0;
  const sample = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  const cpu = process.cpuUsage();
  const start = performance.now();
  await (which === "exceljs" ? writeExcelJs(file) : writeOurs(file));
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  clearInterval(sample);
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
  const bytes = fs.statSync(file).size;
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  console.log(JSON.stringify({ which, wall, cpu: (used.user + used.system) / 1000, peakRss: peakRss / MB, peakHeap: peakHeap / MB, bytes }));
}

interface Figures {
  which: string;
  wall: number;
  cpu: number;
  peakRss: number;
  peakHeap: number;
  bytes: number;
}

function runChild(which: string): Figures {
  const script = process.argv[1];
  const args = [...process.execArgv, script, "--child", which];
  const out = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 16 * MB });
  const line = out.stdout.split("\n").find((l) => l.startsWith("{"));
  if (out.status !== 0 || !line) throw new Error(`${which} failed: ${out.stderr}`);
  return JSON.parse(line) as Figures;
}

async function main(): Promise<void> {
  const at = process.argv.indexOf("--child");
  if (at >= 0) return child(process.argv[at + 1]);
  const runs = Number(process.env.LTC_BENCH_RUNS ?? 3);
  console.log(`.xlsx writer: ${ROWS.toLocaleString("en")} rows × ${HEADER.length} columns (${((ROWS * HEADER.length) / 1e6).toFixed(1)} M cells), best of ${runs}; load average ${os.loadavg()[0].toFixed(2)} on ${os.cpus().length} CPUs`);
  const best: Record<string, Figures> = {};
  for (let i = 0; i < runs; i++) {
    for (const which of ["exceljs", "ours"]) {
      const f = runChild(which);
      if (!best[which] || f.wall < best[which].wall) best[which] = f;
    }
  }
  const line = (label: string, f: Figures) =>
    `  ${label.padEnd(34)} ${(f.wall / 1000).toFixed(2).padStart(6)} s wall, ${(f.cpu / 1000).toFixed(2).padStart(6)} s cpu, peak rss ${f.peakRss.toFixed(0).padStart(4)} MB, peak heap ${f.peakHeap.toFixed(0).padStart(4)} MB, file ${(f.bytes / MB).toFixed(1)} MB`;
  console.log(line("ExcelJS stream.xlsx.WorkbookWriter", best.exceljs));
  console.log(line("ours (xlsxWriter.ts, with table)", best.ours));
  const ratio = best.exceljs.wall / best.ours.wall;
  console.log(`  speed-up ${ratio.toFixed(2)}× (target ≥ ${TARGET_SPEEDUP}×: ${ratio >= TARGET_SPEEDUP ? "met" : "NOT met"}); load average at the end ${os.loadavg()[0].toFixed(2)}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

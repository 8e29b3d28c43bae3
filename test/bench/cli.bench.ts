/**
 * npm run bench:cli — `ltc aging` on real .xlsx files, side by side with the
 * floor of the library it drives and with the analyst's own script. Prints
 * figures only; nothing here asserts a time.
 *
 * For each size (100,000 and 1,000,000 rows; LTC_BENCH_ROWS=100000,… to choose):
 *   1. the input: a receivables workbook in the format of the demo's 应收账款
 *      sheet and of ../shared/peers/make_big.py (same 16 columns, dates as
 *      dates), written once with ExcelJS's streaming writer and kept in the
 *      temp directory for the next run;
 *   2. `ltc aging IN --as-of 2026-11-30 -o OUT` as users run it (node
 *      dist/cli/ltc.js, a child process): wall time and peak RSS;
 *   3. the floor: ExcelJS's streaming reader and streaming writer copying the
 *      same cells (this script again, in a child process, with --floor);
 *   4. when /usr/bin/python3 has pandas and openpyxl and the peers' script is
 *      found (LTC_PANDAS_SCRIPT, else ../shared/peers/pandas_aging.py), the
 *      pandas script on the same file.
 * Peak RSS comes from GNU time (/usr/bin/time, Debian package `time`); without
 * it the memory column says n/a.
 *
 * Each child runs alone, one after the other; the load average is printed,
 * since a busy machine inflates wall times.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { DEMO_OFFICES, seededRandom } from "../../src/cli/demoData";

const ROOT = path.resolve(__dirname, "..", "..");
const CLI = path.join(ROOT, "dist", "cli", "ltc.js");
const PYTHON = "/usr/bin/python3";
const GNU_TIME = "/usr/bin/time";
const AS_OF = "2026-11-30";

/** The targets of issue 10, printed beside the figures. */
const TARGETS = {
  pandasSpeedup: 5, // the CLI at least 5× faster than the pandas script (100,000 rows)
  floorRatio: 1.2, // within 1.2× of ExcelJS streaming read + write
  millionSeconds: 60,
  millionRssMb: 1536,
};

const HEADER = ["合同号", "客户", "客户分类", "片区", "代表处", "产线", "发票号", "发票类型", "开票日期", "到期日", "金额", "已回款", "最近回款日", "最近催款日", "质量问题", "客户所在地"];

/** One child's figures. */
interface Run {
  seconds: number;
  peakMb: number | null;
  ok: boolean;
  detail: string;
}

function sizes(): number[] {
  const set = process.env.LTC_BENCH_ROWS;
  if (!set) return [100_000, 1_000_000];
  return set.split(",").map((s) => {
    const n = Number(s.trim());
    if (!Number.isInteger(n) || n <= 0) throw new Error(`LTC_BENCH_ROWS: ${JSON.stringify(s)} is not a whole number of rows`);
    return n;
  });
}

/** The input workbook of n rows (make_big.py's format), written once and kept. */
async function inputFile(n: number): Promise<string> {
  const file = path.join(os.tmpdir(), `ltc-bench-receivables-${n}.xlsx`);
  if (fs.existsSync(file)) return file;
  const partial = `${file}.partial`;
  const rnd = seededRandom(7);
  const offices = DEMO_OFFICES;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: partial, useStyles: true, useSharedStrings: true });
  const ws = wb.addWorksheet("应收账款");
  ws.columns = HEADER.map((h, i) => ({ header: h, key: String(i), style: [8, 9, 12, 13].includes(i) ? { numFmt: "yyyy-mm-dd" } : {} }));
  const day = 86_400_000;
  const start = Date.UTC(2021, 0, 1);
  for (let i = 0; i < n; i++) {
    const o = offices[Math.floor(rnd() * offices.length)];
    const invoice = start + Math.floor(rnd() * 2150) * day;
    const due = invoice + [0, 30, 60, 90][Math.floor(rnd() * 4)] * day;
    const amount = Math.floor(10_000 + rnd() * 499_990_000) / 100;
    const paid = [0, 0, Math.round((amount / 3) * 100) / 100, amount][Math.floor(rnd() * 4)];
    ws.addRow([
      `HT-${String(i).padStart(7, "0")}`,
      `${o.province}客户${i % 997}`,
      ["系统内", "A", "B", "C"][Math.floor(rnd() * 4)],
      o.region,
      `${o.province}代表处`,
      "GIS",
      `FP${String(i).padStart(8, "0")}`,
      "增值税专用发票",
      new Date(invoice),
      new Date(due),
      amount,
      paid,
      paid ? new Date(invoice + 40 * day) : null,
      null,
      "否",
      o.province,
    ]).commit();
  }
  ws.commit();
  await wb.commit();
  fs.renameSync(partial, file);
  return file;
}

/** Runs a command alone, under GNU time when present, and returns its wall time and peak RSS. */
function measure(command: string, args: string[]): Run {
  const withTime = fs.existsSync(GNU_TIME);
  const marker = "LTC-BENCH-MAXRSS-KB=";
  const t0 = process.hrtime.bigint();
  const child = withTime
    ? spawnSync(GNU_TIME, ["-f", `${marker}%M`, command, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })
    : spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const stderr = child.stderr ?? "";
  const rss = withTime ? /LTC-BENCH-MAXRSS-KB=(\d+)/.exec(stderr) : null;
  const detail = `${child.stdout ?? ""}${stderr.replace(/LTC-BENCH-MAXRSS-KB=\d+\s*/, "")}`.trim().split("\n").slice(-2).join(" | ");
  return { seconds, peakMb: rss ? Number(rss[1]) / 1024 : null, ok: child.status === 0, detail };
}

/** The floor, run in this process when called with --floor IN OUT: ExcelJS streaming read → streaming write of every cell. */
async function floor(input: string, output: string): Promise<void> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", worksheets: "emit", entries: "emit" });
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: output, useStyles: true, useSharedStrings: true });
  let rows = 0;
  for await (const sheet of reader) {
    const ws = writer.addWorksheet("copy");
    for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
      ws.addRow(row.values as ExcelJS.CellValue[]).commit();
      rows++;
    }
    ws.commit();
  }
  await writer.commit();
  console.log(`${rows} rows copied`);
}

function pandasAvailable(script: string): boolean {
  if (!fs.existsSync(PYTHON) || !fs.existsSync(script)) return false;
  return spawnSync(PYTHON, ["-c", "import pandas, openpyxl"]).status === 0;
}

const fmtS = (r: Run): string => (r.ok ? `${r.seconds.toFixed(1).padStart(7)} s` : "  failed");
const fmtMb = (r: Run): string => (r.peakMb === null ? "    n/a" : `${r.peakMb.toFixed(0).padStart(5)} MB`);

async function main(): Promise<void> {
  if (process.argv[2] === "--floor") return floor(process.argv[3], process.argv[4]);
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: npm run bench:cli builds it (webpack --config-name cli)`);
  const pandasScript = process.env.LTC_PANDAS_SCRIPT ?? path.resolve(ROOT, "..", "shared", "peers", "pandas_aging.py");
  const withPandas = pandasAvailable(pandasScript);
  console.log(`node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB`);
  console.log(`load average ${os.loadavg()[0].toFixed(2)} (a busy machine inflates wall times)`);
  if (!fs.existsSync(GNU_TIME)) console.log("peak RSS needs GNU time (apt-get install time): shown as n/a");
  if (!withPandas) console.log(`pandas peer skipped: needs ${PYTHON} with pandas and openpyxl (apt-get install python3-pandas python3-openpyxl) and ${pandasScript}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ltc-bench-cli-"));
  try {
    for (const n of sizes()) {
      const input = await inputFile(n);
      const mb = fs.statSync(input).size / 2 ** 20;
      console.log(`\n${n.toLocaleString("en-US")} rows (input ${mb.toFixed(1)} MB, ${input})`);
      const cli = measure(process.execPath, [CLI, "aging", input, "--as-of", AS_OF, "-o", path.join(dir, `aging-${n}.xlsx`)]);
      const base = measure(process.execPath, [process.argv[1], "--floor", input, path.join(dir, `floor-${n}.xlsx`)]);
      const pandas = withPandas ? measure(PYTHON, [pandasScript, input, AS_OF, path.join(dir, `pandas-${n}.xlsx`)]) : null;
      console.log(`  ltc aging                        ${fmtS(cli)}  peak ${fmtMb(cli)}   ${cli.ok ? "" : cli.detail}`);
      console.log(`  ExcelJS streaming read+write     ${fmtS(base)}  peak ${fmtMb(base)}   ratio ltc/floor ${(cli.seconds / base.seconds).toFixed(2)}× (target ≤ ${TARGETS.floorRatio}×)`);
      if (pandas) {
        const rss = cli.peakMb !== null && pandas.peakMb !== null ? `, memory ltc/pandas ${(cli.peakMb / pandas.peakMb).toFixed(2)}× (target ≤ 1×)` : "";
        console.log(
          `  pandas_aging.py                  ${fmtS(pandas)}  peak ${fmtMb(pandas)}   speed-up ${(pandas.seconds / cli.seconds).toFixed(2)}× (target ≥ ${TARGETS.pandasSpeedup}×)${rss}`,
        );
      }
      if (n >= 1_000_000) {
        console.log(
          `  targets at 1,000,000 rows: ≤ ${TARGETS.millionSeconds} s (${cli.seconds <= TARGETS.millionSeconds ? "met" : "not met"}), ` +
            `≤ ${TARGETS.millionRssMb} MB peak (${cli.peakMb === null ? "n/a" : cli.peakMb <= TARGETS.millionRssMb ? "met" : "not met"})`,
        );
      }
      if (cli.ok) console.log(`  ltc says: ${cli.detail}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});

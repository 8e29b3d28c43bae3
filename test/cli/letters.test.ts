import * as fs from "fs";
import * as path from "path";
import { RawTable } from "../../src/reports/table";
import { ltc, readWorkbook, tempDir, worksheetXml, writeInput } from "./cliHarness";

/** `ltc letters` end to end: statements and dunning letters, the log sheet, the customer filter, -o safety, --split-by. */

const dir = tempDir("letters");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const RECEIVABLES: RawTable = {
  header: ["合同号", "客户", "代表处", "发票号", "开票日期", "到期日", "金额", "已回款", "质量问题"],
  rows: [
    ["HT-1", "甲电力", "湖南代表处", "FP-1", "2026-06-01", "2026-07-01", 100000, 0, null],
    ["HT-2", "甲电力", "湖南代表处", "FP-2", "2022-01-01", "2022-03-01", 50000, 0, null],
    ["HT-3", "乙公司", "广东代表处", "FP-3", "2026-09-15", "2026-10-15", 8000.5, 0, null],
    ["HT-4", "丙公司", "广东代表处", "FP-4", "2026-11-01", "2026-12-31", 12000, 0, null],
    ["HT-5", "丁公司", "湖南代表处", "FP-5", "2022-12-10", "2023-01-10", 10000, 0, null],
  ],
  firstRowNumber: 2,
};
const LOG: RawTable = {
  header: ["客户", "合同号", "发票号", "日期", "方式", "客户签章确认"],
  rows: [["丁公司", null, null, "2026-06-01", "对账函", "是"]],
  firstRowNumber: 2,
};

const input = path.join(dir, "ledger.xlsx");
beforeAll(async () => {
  await writeInput(input, [
    { sheet: "应收账款", tableName: "Receivables", table: RECEIVABLES },
    { sheet: "催收记录", tableName: "DunningLog", table: LOG },
  ]);
});

describe("ltc letters", () => {
  test("statements: one per customer with a balance, the register, a page break before each letter", async () => {
    const out = path.join(dir, "letters.xlsx");
    const run = await ltc(["letters", input, "--as-of", "2026-11-30", "--company", "长沙电气有限公司", "-o", out]);
    expect(run.errLines).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.out).toContain("letters 4 · total 180,000.50 · 对账函 · as of 2026-11-30");
    const wb = await readWorkbook(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["对账函", "函件索引", "发函登记"]);
    const register = wb.getWorksheet("发函登记")!;
    expect(register.getRow(2).values).toEqual([undefined, "函号", "客户", "类型", "金额", "项数", "生成日期", "送达日期", "回执"]);
    expect([register.getCell("A3").value, register.getCell("B3").value, register.getCell("D3").value]).toEqual(["DZ20261130-001", "甲电力", 150000]);
    const letters = wb.getWorksheet("对账函")!;
    expect(letters.pageSetup.orientation).toBe("portrait");
    const xml = (await worksheetXml(out)).find((x) => x.includes("DZ20261130-001") || x.includes("<rowBreaks"))!;
    expect((xml.match(/<brk /g) ?? []).length).toBe(3);
    const texts: string[] = [];
    letters.eachRow((row) => row.eachCell((c) => typeof c.value === "string" && texts.push(c.value)));
    expect(texts).toContain("大写：人民币壹拾伍万元整");
    expect(texts.some((t) => t.includes("诉讼时效已于 2025-03-01 届满") || t.includes("已于2025-03-01届满*"))).toBe(true);
  });

  test("dunning letters with the log sheet: a signed statement revived 丁公司's claim, so it is demanded", async () => {
    const out = path.join(dir, "dunning.xlsx");
    const without = await ltc(["letters", input, "--as-of", "2026-11-30", "--kind", "催款函", "-o", out]);
    expect(without.code).toBe(0);
    expect(without.out).toContain("letters 2 ·");
    expect(without.out).toMatch(/note: 1 户客户有逾期款项但无可催收项.*丁公司/);
    const withLog = await ltc(["letters", input, "--as-of", "2026-11-30", "--kind", "dunning", "--log-sheet", "催收记录", "-o", out]);
    expect(withLog.code).toBe(0);
    expect(withLog.out).toContain("letters 3 · total 118,000.50");
    const register = (await readWorkbook(out)).getWorksheet("发函登记")!;
    expect([3, 4, 5].map((r) => [register.getCell(`B${r}`).value, register.getCell(`C${r}`).value])).toEqual([
      ["甲电力", "最后催告函"],
      ["乙公司", "催款函"],
      ["丁公司", "催款函"], // 1,000 days overdue but 10,000.00 yuan: below the final demand's amount
    ]);
  });

  test("--customer picks customers; an unknown one is exit 2 naming it", async () => {
    const out = path.join(dir, "one.xlsx");
    const run = await ltc(["letters", input, "--as-of", "2026-11-30", "--customer", "乙公司", "--customer", "丙公司", "--lang", "en", "-o", out]);
    expect(run.code).toBe(0);
    expect(run.out).toContain("letters 2 · total 20,000.50");
    expect((await readWorkbook(out)).worksheets.map((w) => w.name)).toEqual(["Statements", "Letter index", "Letter register"]);
    const bad = await ltc(["letters", input, "--as-of", "2026-11-30", "--customer", "无此客户", "-o", out]);
    expect(bad.code).toBe(2);
    expect(bad.errLines[0]).toMatch(/customer.*无此客户/);
  });

  test("usage: --as-of and -o are required, --kind and --split-by say what they accept, -o over the input is refused", async () => {
    expect((await ltc(["letters", input, "-o", path.join(dir, "x.xlsx")])).errLines[0]).toMatch(/--as-of is required/);
    expect((await ltc(["letters", input, "--as-of", "2026-11-30"])).errLines[0]).toMatch(/letters needs -o/);
    expect((await ltc(["letters", input, "--as-of", "2026-11-30", "--kind", "律师函", "-o", path.join(dir, "x.xlsx")])).errLines[0]).toMatch(/--kind "律师函": accepts statement/);
    expect((await ltc(["letters", input, "--as-of", "2026-11-30", "--split-by", "片区", "-o", dir])).errLines[0]).toMatch(/--split-by "片区": accepts 客户/);
    const before = fs.readFileSync(input);
    const over = await ltc(["letters", input, "--as-of", "2026-11-30", "-o", input]);
    expect(over.code).toBe(2);
    expect(over.errLines[0]).toMatch(/is the input/);
    expect(fs.readFileSync(input).equals(before)).toBe(true);
  });

  test("--split-by 代表处: one file per office, each with its letters and register", async () => {
    const outDir = path.join(dir, "by-office");
    const run = await ltc(["letters", input, "--as-of", "2026-11-30", "--split-by", "代表处", "-o", outDir]);
    expect(run.code).toBe(0);
    expect(fs.readdirSync(outDir).sort()).toEqual(["对账函-广东代表处-2026-11-30.xlsx", "对账函-湖南代表处-2026-11-30.xlsx"]);
    expect(run.out).toContain(`"广东代表处" · letters 2 · total 20,000.50`);
    const hunan = await readWorkbook(path.join(outDir, "对账函-湖南代表处-2026-11-30.xlsx"));
    const register = hunan.getWorksheet("发函登记")!;
    expect([register.getCell("B3").value, register.getCell("B4").value, register.getCell("B5").value]).toEqual(["甲电力", "丁公司", null]);
  });
});

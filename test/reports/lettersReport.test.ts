import { buildLetters } from "../../src/reports/letters";
import { buildLettersReport, letterPageCounts, wrapText } from "../../src/reports/lettersReport";
import { displayWidth, SheetPlan } from "../../src/reports/sheetplan";
import { RawTable } from "../../src/reports/table";
import { DEFAULT_RULEBOOK } from "../../src/rules/rulebook";
import { serialFromYmd } from "../../src/rules/values";

/** The letters' sheet plans: pages, continuation, the register table, both languages. */

const AS_OF = serialFromYmd(2026, 11, 30);

function table(itemsPerCustomer: number[]): RawTable {
  const rows: unknown[][] = [];
  itemsPerCustomer.forEach((count, k) => {
    for (let j = 0; j < count; j++) rows.push([`HT-${k}-${j}`, `客户${k}`, `FP-${k}-${j}`, "2026-03-01", 1000 + j, 0]);
  });
  return { header: ["合同号", "客户", "发票号", "到期日", "金额", "已回款"], rows, firstRowNumber: 2 };
}

/** The first non-blank cell of each row of a plan, by row. */
function firstCells(plan: SheetPlan): Map<number, unknown> {
  const out = new Map<number, unknown>();
  for (const b of plan.blocks) b.values.forEach((r, i) => out.set(b.row + i, r.find((v) => v !== null)));
  return out;
}

describe("paragraphs broken into lines", () => {
  test("CJK text breaks anywhere, Latin words stay whole, no line is wider than the room", () => {
    expect(wrapText("一二三四五六七八", 6)).toEqual(["一二三", "四五六", "七八"]);
    expect(wrapText("Dear Customer, please pay", 12)).toEqual(["Dear", "Customer,", "please pay"]);
    expect(wrapText("第一行\n第二行", 40)).toEqual(["第一行", "第二行"]);
    expect(wrapText("abcdefghij", 4)).toEqual(["abcd", "efgh", "ij"]);
    for (const line of wrapText("为核对双方往来账目，现将截至2026-11-30贵方尚欠长沙电气有限公司的款项列示如下。Please check them.", 30)) {
      expect(displayWidth(line)).toBeLessThanOrEqual(30);
    }
  });
});

describe("the letters sheet", () => {
  test("one page per customer: a page break before every letter but the first", () => {
    const result = buildLetters(table([1, 3, 5]), undefined, { asOf: AS_OF }, DEFAULT_RULEBOOK);
    const [letters] = buildLettersReport(result, DEFAULT_RULEBOOK);
    expect(letterPageCounts(result)).toEqual([1, 1, 1]);
    expect(letters.pageBreaks).toHaveLength(2);
    const cells = firstCells(letters);
    for (const row of letters.pageBreaks!) expect(cells.get(row)).toBe("对账函");
    expect(letters.print).toMatchObject({ paper: "A4", orientation: "portrait", fitToWidth: true });
    // nothing merged: thousands of letters write without a merge check each
    expect(letters.merges ?? []).toEqual([]);
  });

  test("a letter whose items need more pages continues under its heading and the items' header; its rows after the items are whole on the last page", () => {
    const result = buildLetters(table([2, 100]), undefined, { asOf: AS_OF }, DEFAULT_RULEBOOK);
    const counts = letterPageCounts(result);
    expect(counts[0]).toBe(1);
    expect(counts[1]).toBeGreaterThanOrEqual(3);
    const [letters] = buildLettersReport(result, DEFAULT_RULEBOOK);
    expect(letters.pageBreaks).toHaveLength(counts[0] + counts[1] - 1);
    const cells = firstCells(letters);
    const continued = letters.pageBreaks!.slice(1).map((r) => [cells.get(r), cells.get(r + 1)]);
    for (const [line, header] of continued) {
      expect(line).toBe("对账函（续）  函号：DZ20261130-002  客户1");
      expect(["合同号", "余额合计"]).toContain(header);
    }
    // every item of the long letter is on the sheet once
    const contracts = [...cells.values()].filter((v) => typeof v === "string" && v.startsWith("HT-1-"));
    expect(contracts).toHaveLength(100);
    // the pages fit: no page longer than the page's lines
    expect(letterPageCounts(result, { linesPerPage: 200 })).toEqual([1, 1]);
  });

  test("the register is an Excel table with the log reader's headers; --lang en letters are in English", () => {
    const result = buildLetters(table([1, 2]), undefined, { asOf: AS_OF, lang: "en" }, DEFAULT_RULEBOOK);
    const [letters, index, register] = buildLettersReport(result, DEFAULT_RULEBOOK);
    expect([letters.name, index.name, register.name]).toEqual(["Statements", "Letter index", "Letter register"]);
    expect(register.tables).toEqual([{ name: "Letter register", area: { row: 1, col: 0, rows: 3, cols: 8 } }]);
    expect(register.blocks[1].values[0]).toEqual(["Letter no.", "Customer", "Type", "Amount", "Items", "Generated on", "Served on", "Reply slip"]);
    expect(firstCells(letters).get(0)).toBe("Statement of account");
  });
});

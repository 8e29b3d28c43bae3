import { displayWidth, SheetPlan, wrappedRowHeights } from "../../src/reports/sheetplan";

function plan(values: (string | null)[][], extra: Partial<SheetPlan> = {}): SheetPlan {
  return {
    name: "T",
    ownerKey: "test:t",
    styles: { wrap: { wrap: true }, big: { wrap: true, fontSize: 22 }, plain: {} },
    blocks: [{ row: 2, col: 0, values, style: "wrap" }],
    columnWidths: [11, 21],
    ...extra,
  };
}

describe("text width and wrapped row heights", () => {
  test("CJK and full-width characters are two columns wide, Latin one", () => {
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("项目章程")).toBe(8);
    expect(displayWidth("ＡＢ")).toBe(4);
    expect(displayWidth("a项")).toBe(3);
  });

  test("a wrapped cell longer than its column gets one line of height per wrapped line", () => {
    // column A is 11 wide (10 usable): 25 characters → 3 lines → 45 points
    const heights = wrappedRowHeights(plan([["x".repeat(25), "short"]]));
    expect([...heights]).toEqual([[2, 45]]);
  });

  test("short text, unwrapped cells and explicit line breaks are counted as a user would see them", () => {
    expect(wrappedRowHeights(plan([["fits", "also fits"]])).size).toBe(0);
    const unwrapped = plan([["x".repeat(60)]]);
    unwrapped.blocks[0].style = "plain";
    expect(wrappedRowHeights(unwrapped).size).toBe(0);
    expect(wrappedRowHeights(plan([["one\ntwo\nthree"]])).get(2)).toBe(45);
  });

  test("the tallest cell of a row decides, a merged area's width counts, a larger font needs more height", () => {
    expect(wrappedRowHeights(plan([["x".repeat(25), "y".repeat(81)]])).get(2)).toBe(75); // B: 20 usable → 5 lines
    const merged = plan([["x".repeat(25), null]], { merges: [{ row: 2, col: 0, rows: 1, cols: 2 }] });
    expect(wrappedRowHeights(merged).size).toBe(0); // 11 + 21 wide: fits on one line
    const big = plan([["x".repeat(15)]]);
    big.blocks[0].style = "big";
    expect(wrappedRowHeights(big).get(2)).toBe(60); // 2 lines at 2× the default font
  });
});

import { blockRow, blockRowCount, blockWidth, displayWidth, planExtent, PlanValue, resolveListValidations, rowsBlock, SheetPlan, wrappedRowHeights } from "../../src/reports/sheetplan";

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

describe("blocks of rows made when they are read (rowsBlock)", () => {
  const made: number[] = [];
  const block = () =>
    rowsBlock(
      { row: 3, col: 1, columnStyles: ["text", "wrapped"] },
      {
        count: 4,
        width: 2,
        at: (r) => {
          made.push(r);
          return [`第${r + 1}行`, r === 2 ? "一段很长很长很长很长很长很长的说明文字" : null];
        },
      },
    );
  beforeEach(() => (made.length = 0));

  test("size, extent and single rows without making the others", () => {
    const b = block();
    expect([blockRowCount(b), blockWidth(b)]).toEqual([4, 2]);
    expect(blockRow(b, 1)).toEqual(["第2行", null]);
    expect(blockRow(b, 4)).toBeUndefined();
    expect(planExtent({ name: "s", ownerKey: "k", styles: {}, blocks: [b] })).toEqual({ rows: 7, cols: 3 });
    expect(made).toEqual([1]);
  });

  test("values gives every row, made once and kept, equal to the rows read one at a time", () => {
    const b = block();
    const one: PlanValue[][] = [0, 1, 2, 3].map((r) => blockRow(b, r)!);
    made.length = 0;
    expect(b.values).toEqual(one);
    expect(b.values).toBe(b.values);
    expect(made).toEqual([0, 1, 2, 3]);
  });

  test("wrapped text in such a block gets its row height like any other", () => {
    const plan: SheetPlan = { name: "s", ownerKey: "k", styles: { wrapped: { wrap: true } }, columnWidths: [10, 10, 10], blocks: [block()] };
    const heights = wrappedRowHeights(plan);
    expect([...heights.keys()]).toEqual([5]);
    expect(heights.get(5)).toBeGreaterThan(15);
  });
});

test("a long drop-down list's hidden helper column goes past a chart's anchor, where the .xlsx writer puts its note", () => {
  const plan: SheetPlan = {
    name: "s",
    ownerKey: "k",
    styles: {},
    blocks: [{ row: 0, col: 0, values: [["阶段"], [null]] }],
    validations: [{ area: { row: 1, col: 0, rows: 1, cols: 1 }, list: ["a,b", "c"] }],
    charts: [{ kind: "stackedBar", title: "漏斗", data: { row: 0, col: 0, rows: 2, cols: 1 }, anchor: { row: 0, col: 6 }, width: 400, height: 300 }],
  };
  const { helperColumns } = resolveListValidations(plan);
  expect(helperColumns).toEqual([8]);
});

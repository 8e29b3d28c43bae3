import { carryInto, earlierEntries, keyColumnBlock, keyRangeOf } from "../../src/excel/carryOver";
import { SheetPlan } from "../../src/reports/sheetplan";

describe("carryOver: the key column and reading it back", () => {
  test("the key range from a name's formula, whatever the sheet is called; #REF! is no range", () => {
    expect(keyRangeOf("='章程-X!'!$J$1:$J$148")).toEqual({ col: 9, firstRow: 0, lastRow: 147 });
    expect(keyRangeOf("=Sheet1!AB3")).toEqual({ col: 27, firstRow: 2, lastRow: 2 });
    expect(keyRangeOf("=#REF!")).toBeNull();
    expect(keyRangeOf("='S'!$J$1:$K$9")).toBeNull(); // never written as two columns
  });

  /** Two blocks on one row: an input at column 5 belongs to the second, narrower block only. */
  const plan: SheetPlan = {
    name: "S",
    ownerKey: "t",
    styles: {},
    blocks: [
      { row: 0, col: 2, values: [["c", "d", "e", null]] },
      { row: 0, col: 0, values: [["a", "b"]] },
    ],
    inputs: { cells: [{ key: "k", row: 0, col: 5, label: "K" }], unplaced: { title: "T", place: "P", entry: "E" } },
  };

  test("an entry goes into the block that writes its cell and changes nothing else", () => {
    const { plan: out, carried } = carryInto(plan, [{ key: "k", label: "K", value: 7 }]);
    expect(carried).toEqual({ placed: 1, unplaced: [] });
    expect(out.blocks.map((b) => b.values)).toEqual([[["c", "d", "e", 7]], [["a", "b"]]]);
    expect(plan.blocks[0].values[0][3]).toBeNull(); // the builder's plan is left as it was
  });

  test("what the key column records as written is the generated value, so a carried entry stays an entry", () => {
    const { plan: out } = carryInto(plan, [{ key: "k", label: "K", value: 7 }]);
    const keys = keyColumnBlock(plan, out.inputs!.cells, 8)!;
    const values = [["a", "b", "c", "d", "e", 7, "", "", keys.values[0][0]]];
    expect(earlierEntries(values, values, [[]], 8)).toEqual([{ key: "k", label: "K", value: 7 }]);
    // untouched: nothing to carry; keys found in another column: the columns moved
    const untouched = [["a", "b", "c", "d", "e", "", "", "", keys.values[0][0]]];
    expect(earlierEntries(untouched, untouched, [[]], 8)).toEqual([]);
    const shifted = [["", ...untouched[0]]];
    expect(earlierEntries(shifted, shifted, [[]], 9)).toBe("columnsMoved");
  });
});

import { isOwnSheet, markerFormula, markerText, ownerDigest, parseMarker, planTargets, ExistingSheet, OwnerMarker } from "../../src/excel/sheets";
import { SheetPlan, sheetNameKey, uniqueSheetName, uniqueTableName, validSheetName } from "../../src/reports/sheetplan";

const plan = (name: string, ownerKey: string): SheetPlan => ({ name, ownerKey, styles: {}, blocks: [] });
const sheet = (name: string, marker: OwnerMarker | null = null, tableCount = 0, position = 0, id = "{our-sheet}"): ExistingSheet => ({
  name,
  id,
  marker,
  tableNames: Array.from({ length: tableCount }, (_, i) => `UserTable${i + 1}`),
  position,
});

describe("sheet names", () => {
  test.each([
    ["Report", "Report"],
    ["a[b]c:d*e?f/g\\h", "a_b_c_d_e_f_g_h"],
    ["'quoted'", "quoted"],
    ["  spaced  ", "spaced"],
    ["", "Sheet"],
    ["''", "Sheet"],
    ["history", "history_"],
    ["tab\there", "tab here"],
    ["x".repeat(40), "x".repeat(31)],
    ["项目章程-" + "很长的项目名称".repeat(5), ("项目章程-" + "很长的项目名称".repeat(5)).slice(0, 31)],
    ["😀".repeat(20), "😀".repeat(15)],
  ])("validSheetName(%j) = %j", (wanted, expected) => {
    const got = validSheetName(wanted);
    expect(got).toBe(expected);
    expect(got.length).toBeLessThanOrEqual(31);
    expect(got).not.toMatch(/[[\]:*?/\\]|^'|'$/);
  });

  test("unique names: case- and width-insensitive clashes get (2), (3), within 31 characters", () => {
    expect(uniqueSheetName("Report", ["Data"])).toBe("Report");
    expect(uniqueSheetName("Report", ["REPORT"])).toBe("Report (2)");
    expect(uniqueSheetName("Report", ["report", "Report (2)"])).toBe("Report (3)");
    expect(uniqueSheetName("Ｒｅｐｏｒｔ", ["Report"])).toBe("Ｒｅｐｏｒｔ (2)");
    const long = "y".repeat(31);
    expect(uniqueSheetName(long, [long])).toBe(`${"y".repeat(27)} (2)`);
    expect(sheetNameKey("abc")).toBe(sheetNameKey("ABC"));
  });

  test("table names are valid and unique", () => {
    expect(uniqueTableName("Opportunities", [])).toBe("Opportunities");
    expect(uniqueTableName("商机 表", [])).toBe("商机_表");
    expect(uniqueTableName("2026 data", [])).toBe("_2026_data");
    expect(uniqueTableName("A1", [])).toBe("_A1");
    expect(uniqueTableName("R1C1", [])).toBe("_R1C1");
    expect(uniqueTableName("T", ["t", "T_2"])).toBe("T_3");
  });
});

describe("ownership markers", () => {
  test("marker text round-trips through a custom property value and a name's formula", () => {
    const id = "{6A1F0C55-1B2D-4E3F-9A8B-7C6D5E4F3A2B}";
    const text = markerText("charter:Project \"X\"", "章程 X", id);
    expect(parseMarker(text)).toEqual({ owner: 'charter:Project "X"', sheet: "章程 X", sheetId: id });
    expect(parseMarker(markerFormula("charter:Project \"X\"", "章程 X", id))).toEqual({ owner: 'charter:Project "X"', sheet: "章程 X", sheetId: id });
    expect(text.length).toBeLessThanOrEqual(255);
  });

  test("long owner keys are digested to fit 255 characters, distinctly", () => {
    const a = "charter:" + "甲".repeat(400);
    const b = "charter:" + "甲".repeat(399) + "乙";
    expect(markerText(a, "x".repeat(31), "{6A1F0C55-1B2D-4E3F-9A8B-7C6D5E4F3A2B}").length).toBeLessThanOrEqual(255);
    expect(markerText("charter:" + '"'.repeat(200), '"'.repeat(31), "{6A1F0C55-1B2D-4E3F-9A8B-7C6D5E4F3A2B}").length).toBeLessThanOrEqual(255);
    expect(ownerDigest(a)).not.toBe(ownerDigest(b));
    expect(parseMarker(markerText(a, "S", "{1}"))?.owner).toBe(ownerDigest(a));
  });

  test("anything else is not a marker", () => {
    for (const t of [null, "", "x", "{}", '{"ltc":2,"o":"a","s":"b"}', '{"ltc":2,"o":"a","s":"b","i":""}', '="hello"', 42]) expect(parseMarker(t)).toBeNull();
    // a marker written before sheet ids were recorded proves nothing: it is not ours
    expect(parseMarker('{"ltc":1,"o":"a","s":"b"}')).toBeNull();
  });

  test("own sheet: same owner, same name and id as marked, no tables but those the plan declares", () => {
    const m = { owner: "k", sheet: "S", sheetId: "{our-sheet}" };
    expect(isOwnSheet(sheet("S", m), { ownerKey: "k" })).toBe(true);
    expect(isOwnSheet(sheet("s", m), { ownerKey: "k" })).toBe(true);
    expect(isOwnSheet(sheet("S (2)", m), { ownerKey: "k" })).toBe(false);
    expect(isOwnSheet(sheet("S", m), { ownerKey: "other" })).toBe(false);
    expect(isOwnSheet(sheet("S", m, 1), { ownerKey: "k" })).toBe(false);
    expect(isOwnSheet(sheet("S", null), { ownerKey: "k" })).toBe(false);
    // a copy carries the marker along but has its own id
    expect(isOwnSheet(sheet("S", m, 0, 0, "{the-copy}"), { ownerKey: "k" })).toBe(false);
    // the rules sheet declares its tables: its own tables (even renamed "_2" by Excel's uniqueness) do not make it a user's
    const withTables = { ...sheet("S", m), tableNames: ["LTC_owner_rules", "ltc_team_ranks_2"] };
    const tables = [{ name: "LTC_owner_rules", area: { row: 0, col: 0, rows: 2, cols: 2 } }, { name: "LTC_team_ranks", area: { row: 3, col: 0, rows: 2, cols: 2 } }];
    expect(isOwnSheet(withTables, { ownerKey: "k", tables })).toBe(true);
    expect(isOwnSheet({ ...withTables, tableNames: [...withTables.tableNames, "Budget"] }, { ownerKey: "k", tables })).toBe(false);
  });

  test("planTargets: replacement frees its name, user sheets keep theirs, plans do not collide", () => {
    const existing = [sheet("Charter A", { owner: "a", sheet: "Charter A", sheetId: "{our-sheet}" }, 0, 0), sheet("Charter B", null, 0, 1)];
    const targets = planTargets([plan("Charter A", "a"), plan("Charter B", "b"), plan("Charter B", "b2"), plan("New", "a")], existing);
    expect(targets.map((t) => [t.name, t.replaces?.name ?? null])).toEqual([
      ["Charter A", "Charter A"],
      ["Charter B (2)", null],
      ["Charter B (3)", null],
      ["New", null],
    ]);
  });

  test("planTargets: a renamed plan replaces our sheet under its new name", () => {
    const existing = [sheet("章程 A", { owner: "a", sheet: "章程 A", sheetId: "{our-sheet}" })];
    const [t] = planTargets([plan("Charter A", "a")], existing);
    expect(t).toMatchObject({ name: "Charter A", replaces: { name: "章程 A" } });
  });
});

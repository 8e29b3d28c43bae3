import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { projectRow } from "../../src/cli/charter";
import { charterSheetName } from "../../src/reports/charter";
import { rulebookFingerprint } from "../../src/rules/fingerprint";
import { DEFAULT_RULEBOOK } from "../../src/rules/rulebook";
import {
  HOSTILE_CUSTOMER,
  HOSTILE_PM,
  HOSTILE_PROJECT,
  HOSTILE_REP,
  HOSTILE_SPONSOR,
  opportunityTable,
  ROW,
} from "../fixtures/opportunities";
import { cellsWithText, ltc, readWorkbook, tempDir, worksheetXml, writeInput } from "./cliHarness";

jest.setTimeout(60_000);

const dir = tempDir("charter");
const input = path.join(dir, "opportunities.xlsx");
const table = opportunityTable();
const nameOf = (row: number) => String(table.rows[row - table.firstRowNumber][0]);

beforeAll(async () => {
  await writeInput(input, [{ sheet: "商机", tableName: "Opportunities", table }], { junkFirst: true });
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("ltc charter", () => {
  test("--project ROW: one charter sheet, the generation date and rulebook in its footer", async () => {
    const out = path.join(dir, "one.xlsx");
    const run = await ltc(["charter", input, "--project", String(ROW.stateGrid), "--date", "2026-11-30", "-o", out]);
    expect(run.errLines).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.out).toContain("charters 1 (");
    expect(run.out).toContain(`wrote ${out}`);
    const wb = await readWorkbook(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([charterSheetName(nameOf(ROW.stateGrid))]);
    const ws = wb.worksheets[0];
    expect(ws.headerFooter.oddFooter).toContain("2026-11-30");
    expect(ws.headerFooter.oddFooter).toContain(rulebookFingerprint(DEFAULT_RULEBOOK));
    expect(ws.pageSetup.orientation).toBe("portrait");
    // the charter's totals are native formulas, the project's name is text
    const xml = (await worksheetXml(out)).join("");
    expect(xml).toMatch(/<f>SUM\(/);
    expect(cellsWithText(ws, [nameOf(ROW.stateGrid)]).length).toBeGreaterThan(0);
    // the deck's order: 5 bonus (with the PM's split by member) before 6 goals
    const rowOf = (text: string) => cellsWithText(ws, [text]).map((c) => Number(c.row))[0];
    const bonus = rowOf("五、业绩及奖金分配方案");
    const split = rowOf("按成员贡献分配（项目经理拟定）");
    const goals = rowOf("六、项目目标及成功标准");
    expect([bonus < split, split < goals]).toEqual([true, true]);
  });

  test("--project NAME (repeatable, traditional and full-width spellings fold) and --lang en", async () => {
    const out = path.join(dir, "two.xlsx");
    const southern = nameOf(ROW.southernGrid); // 南网柔直换流阀配套电抗器
    const run = await ltc([
      "charter",
      input,
      "--project",
      "南網柔直換流阀配套電抗器",
      "--project",
      `  ${nameOf(ROW.mto600)}  `,
      "--date",
      "2026年11月30日",
      "--lang",
      "en",
      "-o",
      out,
    ]);
    expect(run.code).toBe(0);
    const wb = await readWorkbook(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([charterSheetName(southern, "en"), charterSheetName(nameOf(ROW.mto600), "en")]);
    expect(wb.worksheets[0].name).toMatch(/^Charter-/);
  });

  test("hostile text from the opportunity row stays text in the charter", async () => {
    const out = path.join(dir, "hostile.xlsx");
    const run = await ltc(["charter", input, "--project", String(ROW.hostile), "--date", "2026-11-30", "-o", out]);
    expect(run.code).toBe(0);
    const wb = await readWorkbook(out);
    // (the names of people are trimmed, so HOSTILE_REP's leading tab goes: "TAB=1")
    const hostile = [HOSTILE_PROJECT, HOSTILE_CUSTOMER, HOSTILE_SPONSOR, HOSTILE_PM, HOSTILE_REP.trim()];
    const cells = cellsWithText(wb.worksheets[0], hostile);
    expect(new Set(cells.map((c) => c.value))).toEqual(new Set(hostile));
    for (const c of cells) {
      expect(c.type).toBe(ExcelJS.ValueType.String);
      expect(c.formula).toBeUndefined();
    }
    // formulas in the file are only our SUM/IF ones
    for (const f of (await worksheetXml(out)).join("").match(/<f>[^<]*<\/f>/g) ?? []) expect(f).toMatch(/^<f>(SUM|IF)\(/);
  });

  test("a row with problems still makes a charter; its problems are warnings on stderr", async () => {
    const out = path.join(dir, "bad-row.xlsx");
    const run = await ltc(["charter", input, "--project", String(ROW.bad), "--date", "2026-11-30", "-o", out]);
    expect(run.code).toBe(0);
    expect(run.errLines.length).toBeGreaterThan(0);
    for (const l of run.errLines) expect(l).toMatch(/^warning: row 16 /);
    expect(run.err).toContain("项目类型 (Project type)");
  });

  test("a row that cannot make a charter: exit 1 with the reason", async () => {
    const out = path.join(dir, "none.xlsx");
    const run = await ltc(["charter", input, "--project", String(ROW.empty), "--date", "2026-11-30", "-o", out]);
    expect(run.code).toBe(1);
    expect(run.errLines[run.errLines.length - 1]).toBe("ltc: no charter made: row 17: the row is empty");
    expect(fs.existsSync(out)).toBe(false);
  });

  test("projectRow: row numbers as the user sees them, names exact after folding", () => {
    expect(projectRow(table, "2")).toBe(2);
    expect(projectRow(table, nameOf(ROW.uhv))).toBe(ROW.uhv);
    expect(() => projectRow(table, "1")).toThrow(/row 1 is not in the table \(its data rows are 2–19\)/);
    expect(() => projectRow(table, "湖南500kV")).toThrow(/no project of that name in the table; did you mean "湖南500kV变电站电容器集采" \(row 2\)\?/);
    const twice = { ...table, rows: [...table.rows, table.rows[0]] };
    expect(() => projectRow(twice, nameOf(2))).toThrow(/2 rows have that name \(rows 2, 20\); give a row number/);
  });

  const out = () => path.join(dir, "bad.xlsx");
  const cases: [string, () => string[], RegExp][] = [
    ["no --date", () => [input, "--project", "2", "-o", out()], /^ltc: --date is required \(the generation date written in the charter's footer; LTC Desk never reads the clock\)/],
    ["bad --date", () => [input, "--project", "2", "--date", "yesterday", "-o", out()], /^ltc: --date "yesterday": not a date/],
    ["no --project", () => [input, "--date", "2026-11-30", "-o", out()], /^ltc: charter needs --project NAME or --project ROW/],
    ["unknown project", () => [input, "--project", "火星项目", "--date", "2026-11-30", "-o", out()], /^ltc: --project "火星项目": no project of that name in the table$/],
    ["row outside the table", () => [input, "--project", "99", "--date", "2026-11-30", "-o", out()], /^ltc: --project 99: row 99 is not in the table/],
    ["missing file", () => [path.join(dir, "nope.xlsx"), "--project", "2", "--date", "2026-11-30", "-o", out()], /^ltc: cannot read .*: no such file$/],
    ["-o not .xlsx", () => [input, "--project", "2", "--date", "2026-11-30", "-o", path.join(dir, "c.pdf")], /^ltc: -o .*c\.pdf: the charter is an \.xlsx file$/],
    ["no -o", () => [input, "--project", "2", "--date", "2026-11-30"], /^ltc: charter needs -o out\.xlsx$/],
    ["bad --lang", () => [input, "--project", "2", "--date", "2026-11-30", "--lang", "de", "-o", out()], /^ltc: --lang "de": accepts zh or en$/],
    ["not an opportunity table", () => [input, "--sheet", "说明", "--project", "2", "--date", "2026-11-30", "-o", out()], /^ltc: The table has no column for 项目名称 \(Project\)/],
  ];
  test.each(cases)("%s: exit 2 and one line", async (_name, args, message) => {
    const run = await ltc(["charter", ...args()]);
    expect(run.code).toBe(2);
    expect(run.errLines).toHaveLength(1);
    expect(run.errLines[0]).toMatch(message);
    expect(fs.existsSync(out())).toBe(false);
  });
});

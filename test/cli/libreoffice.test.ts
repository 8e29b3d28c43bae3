import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { DEMO_AS_OF, demoReceivables, HOSTILE } from "../../src/cli/demoData";
import { buildAging } from "../../src/reports/aging";
import { DEFAULT_RULEBOOK } from "../../src/rules/rulebook";
import { ltc, tempDir, writeInput } from "./cliHarness";

/**
 * The CLI's aging .xlsx opened by a real spreadsheet application: LibreOffice
 * headless converts every sheet to CSV, and the totals it reads back must
 * equal ours to the fen. CI installs libreoffice-calc-nogui (.ci/run); without
 * it this test fails, it is never skipped.
 */

// LibreOffice's first start (profile creation) is slow
jest.setTimeout(240_000);

const CANDIDATES = ["/usr/bin/libreoffice", "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"];
const office = CANDIDATES.find((p) => fs.existsSync(p));

const dir = tempDir("lo");
const profile = tempDir("lo-profile");
const { table } = demoReceivables(400, 7);
const expected = buildAging(table, { asOf: DEMO_AS_OF, groupBy: ["region"] }, DEFAULT_RULEBOOK);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(profile, { recursive: true, force: true });
});

/** RFC 4180 CSV (LibreOffice quotes fields with separators, quotes or line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || (ch === "\r" && text[i + 1] === "\n")) {
      if (ch === "\r") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const fen = (cell: string): number => {
  const n = Number(cell);
  if (cell.trim() === "" || !Number.isFinite(n)) throw new Error(`not a number: ${JSON.stringify(cell)}`);
  return Math.round(n * 100);
};

describe("LibreOffice reads the CLI's aging report", () => {
  let sheets: Map<string, string[][]>;

  beforeAll(async () => {
    if (!office) {
      throw new Error(
        `LibreOffice is not installed (looked for ${CANDIDATES.join(", ")}); install Debian's libreoffice-calc-nogui (.ci/run does) to run this test`,
      );
    }
    const input = path.join(dir, "receivables.xlsx");
    await writeInput(input, [{ sheet: "应收账款", tableName: "Receivables", table }]);
    const out = path.join(dir, "aging.xlsx");
    const run = await ltc(["aging", input, "--as-of", "2026-11-30", "--by", "片区", "-o", out]);
    expect(run.code).toBe(0);

    // every sheet to <base>-<sheet>.csv: UTF-8, raw values (not as shown), all sheets (token 12 = -1)
    const csvDir = path.join(dir, "csv");
    fs.mkdirSync(csvDir);
    const filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";
    const lo = spawnSync(office, [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", filter, "--outdir", csvDir, out], {
      encoding: "utf8",
      timeout: 200_000,
    });
    if (lo.error) throw lo.error;
    expect({ status: lo.status, stderr: lo.stderr.includes("Error") ? lo.stderr : "" }).toEqual({ status: 0, stderr: "" });
    sheets = new Map();
    for (const name of fs.readdirSync(csvDir)) {
      const m = /^aging-(.+)\.csv$/.exec(name);
      if (m) sheets.set(m[1], parseCsv(fs.readFileSync(path.join(csvDir, name), "utf8")));
    }
  });

  test("it converts every sheet", () => {
    expect([...sheets.keys()].sort()).toEqual(["催收措施", "坏账准备", "数据问题", "账龄明细", "账龄汇总"].sort());
  });

  test("the summary's grand total, buckets and counts equal ours to the fen", () => {
    const summary = sheets.get("账龄汇总")!;
    const total = summary.find((r) => r[0] === "总计")!;
    expect(total).toBeDefined();
    const nb = expected.buckets.length;
    expect(total.slice(1, 1 + nb).map(fen)).toEqual(expected.grandTotal.bucketFen);
    expect(fen(total[1 + nb])).toBe(expected.grandTotal.totalFen);
    expect(Number(total[3 + nb])).toBe(expected.items.length);
    expect(fen(total[4 + nb])).toBe(expected.grandTotal.creditFen);
    for (const g of expected.groups) {
      const row = summary.find((r) => r[0] === g.label)!;
      expect(fen(row[1 + nb])).toBe(g.totalFen);
    }
  });

  test("the reconciliation lines read back exact, difference 0", () => {
    const summary = sheets.get("账龄汇总")!;
    const value = (label: string) => fen(summary.find((r) => r[0].startsWith(label))![1]);
    const r = expected.reconciliation;
    expect(value("全部输入行未回款")).toBe(r.inputFen);
    expect(value("各账龄段合计")).toBe(r.bucketsFen);
    expect(value("贷方余额合计")).toBe(r.creditsFen);
    expect(value("剔除行合计")).toBe(r.excludedFen);
    expect(value("差额")).toBe(0);
  });

  test("the detail's outstanding column adds up to Σ buckets + Σ credits", () => {
    const detail = sheets.get("账龄明细")!;
    const h = detail.findIndex((r) => r[0] === "行号");
    const col = detail[h].indexOf("未回款");
    const rows = detail.slice(h + 1).filter((r) => r[0] !== "");
    expect(rows).toHaveLength(expected.items.length + expected.credits.length);
    expect(rows.reduce((s, r) => s + fen(r[col]), 0)).toBe(expected.reconciliation.bucketsFen + expected.reconciliation.creditsFen);
  });

  test("hostile text is text to LibreOffice too: not evaluated", () => {
    const detail = sheets.get("账龄明细")!;
    const cells = detail.flat();
    for (const t of [HOSTILE.hyperlink, HOSTILE.cmd, HOSTILE.sum, HOSTILE.minus]) expect(cells).toContain(t);
    expect(cells).not.toContain("点击查看对账单");
  });
});

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { DEMO_AS_OF, demoOpportunities, demoReceivables } from "../../src/cli/demoData";
import { loadXlsxWorkbook, readTableFromXlsx } from "../../src/cli/xlsxRead";
import { FUNCTIONS } from "../../src/functions/registry";
import { buildAging } from "../../src/reports/aging";
import { buildCharters } from "../../src/reports/charter";
import { buildLetters } from "../../src/reports/letters";
import { buildPipeline } from "../../src/reports/pipeline";
import { buildRegisters } from "../../src/reports/registers";
import { RawTable } from "../../src/reports/table";
import { DEFAULT_RULEBOOK } from "../../src/rules/rulebook";
import { ltc, tempDir } from "./cliHarness";

/**
 * `ltc template`: the registers as a file. What Excel will find in it (the
 * formulas in the form Excel saves add-in functions, calculated columns, the
 * named as-of cell, the drop-downs), what LibreOffice keeps of it, and a
 * register filled in read by the charter, pipeline, aging and letters readers exactly
 * as the same data in the demo's own tables.
 */

jest.setTimeout(240_000);

const CANDIDATES = ["/usr/bin/libreoffice", "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"];
const office = CANDIDATES.find((p) => fs.existsSync(p));

const dir = tempDir("template");
const profile = tempDir("template-lo");
const zhFile = path.join(dir, "ltc-registers.xlsx");
const enFile = path.join(dir, "ltc-registers-en.xlsx");

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(profile, { recursive: true, force: true });
});

/** Every part of an .xlsx file as text, by name. */
async function parts(file: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files).filter((n) => /\.(xml|rels)$/.test(n))) out.set(name, await zip.file(name)!.async("string"));
  return out;
}

/** The XML of the worksheet named `sheet` (through workbook.xml and its relationships). */
function sheetXml(all: Map<string, string>, sheet: string): string {
  const book = all.get("xl/workbook.xml")!;
  const rid = new RegExp(`<sheet\\b[^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(book)?.[1];
  const rels = all.get("xl/_rels/workbook.xml.rels")!;
  const target = new RegExp(`<Relationship\\b[^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`<Relationship\\b[^>]*Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)?.[1];
  return all.get(`xl/${target!.replace(/^\/?xl\//, "")}`)!;
}

const unescape = (xml: string) => xml.replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");

/** Formulas of a sheet (text of its <f> elements), unescaped. */
function formulas(xml: string): string[] {
  return [...xml.matchAll(/<f\b[^>]*>([^<]*)<\/f>/g)].map((m) => unescape(m[1]));
}

/** The list sources of a sheet's data validations, unescaped. */
function validationSources(xml: string): string[] {
  return [...xml.matchAll(/<dataValidation\b[^>]*type="list"[^>]*>\s*<formula1>([^<]*)<\/formula1>/g)].map((m) => unescape(m[1]));
}

beforeAll(async () => {
  const zh = await ltc(["template", "-o", zhFile]);
  expect(zh).toMatchObject({ code: 0 });
  const en = await ltc(["template", "--lang", "en", "--as-of", "2026-11-30", "-o", enFile]);
  expect(en).toMatchObject({ code: 0 });
});

describe("ltc template", () => {
  test("says what it wrote: each register's table and formula columns", async () => {
    const run = await ltc(["template", "-o", path.join(dir, "again.xlsx")]);
    expect(run.code).toBe(0);
    expect(run.out).toContain("商机登记表: table 商机登记表 · formulas 机会点得分, 成功概率, 付款能力得分, 主责部门, 线索温度");
    expect(run.out).toContain("应收账款台账: table 应收账款台账 · formulas 账龄段, 诉讼时效届满日");
    expect(run.out).toContain("催收记录: table 催收记录\n");
    expect(run.errLines).toEqual([]);
  });

  test("the formulas are saved as Excel saves add-in functions: _xldudf_LTC_NAME on Table[[#This Row],[Header]]", async () => {
    const all = await parts(zhFile);
    const opp = formulas(sheetXml(all, "商机登记表"));
    expect(opp).toContain(
      'IF(AND(商机登记表[[#This Row],[品牌认同度]]="",商机登记表[[#This Row],[客户成熟度]]="",商机登记表[[#This Row],[竞争对手参与比例]]="",商机登记表[[#This Row],[价格竞争力]]=""),"",' +
        "_xldudf_LTC_OPPSCORE(商机登记表[[#This Row],[品牌认同度]],商机登记表[[#This Row],[客户成熟度]],商机登记表[[#This Row],[竞争对手参与比例]],商机登记表[[#This Row],[价格竞争力]]))",
    );
    expect(opp.map((f) => /_xldudf_LTC_[A-Z]+/.exec(f)?.[0])).toEqual(["_xldudf_LTC_OPPSCORE", "_xldudf_LTC_WINPROB", "_xldudf_LTC_PAYSCORE", "_xldudf_LTC_OWNERDEPT", "_xldudf_LTC_LEADTEMP"]);
    const ar = formulas(sheetXml(all, "应收账款台账"));
    expect(ar[0]).toBe('IF(应收账款台账[[#This Row],[到期日]]="","",_xldudf_LTC_AGINGBUCKET(应收账款台账[[#This Row],[到期日]],LTC_AsOf,"zh"))');
    // nothing is saved in the typed form Excel would leave at #NAME? (LTC.NAME)
    for (const xml of all.values()) expect(xml).not.toMatch(/LTC\.[A-Z]/);
  });

  test("each formula column is a calculated column of its table, so Excel fills it into rows a user adds", async () => {
    const all = await parts(zhFile);
    const tables = [...all.entries()].filter(([n]) => n.startsWith("xl/tables/")).map(([, x]) => x);
    const calculated = (name: string) => {
      const xml = tables.find((t) => t.includes(`name="${name}"`))!;
      return [...xml.matchAll(/<tableColumn\b[^>]*name="([^"]*)"[^>]*><calculatedColumnFormula>([^<]*)<\/calculatedColumnFormula>/g)].map((m) => m[1]);
    };
    expect(calculated("商机登记表")).toEqual(["机会点得分", "成功概率", "付款能力得分", "主责部门", "线索温度"]);
    expect(calculated("应收账款台账")).toEqual(["账龄段", "诉讼时效届满日"]);
    expect(calculated("催收记录")).toEqual([]);
  });

  test("the as-of date is a name of the receivables sheet, for its cell B1; --as-of fills the cell", async () => {
    const zh = await parts(zhFile);
    expect(zh.get("xl/workbook.xml")).toContain(`<definedName name="LTC_AsOf" localSheetId="1">'应收账款台账'!$B$1</definedName>`);
    const en = await loadXlsxWorkbook(enFile);
    expect(en.worksheets.map((w) => w.name)).toEqual(["Opportunity register", "Receivables ledger", "Dunning log"]);
    const asOf = en.getWorksheet("Receivables ledger")!.getCell("B1");
    expect(asOf.value).toBeInstanceOf(Date);
    expect((asOf.value as Date).toISOString().slice(0, 10)).toBe("2026-11-30");
    expect(asOf.numFmt).toBe("yyyy-mm-dd");
    expect(formulas(sheetXml(await parts(enFile), "Opportunity register"))).toContain(
      'IF(OpportunityRegister[[#This Row],[Months to procurement]]="","",_xldudf_LTC_LEADTEMP(OpportunityRegister[[#This Row],[Months to procurement]],,,,"en"))',
    );
  });

  test("the drop-downs are written: every list of the plans, inline or from hidden helper cells", async () => {
    const all = await parts(zhFile);
    const plans = buildRegisters(DEFAULT_RULEBOOK, FUNCTIONS, { lang: "zh" });
    for (const r of plans) {
      const sources = validationSources(sheetXml(all, r.plan.name));
      expect(sources).toHaveLength(r.plan.validations!.length);
    }
    const opp = validationSources(sheetXml(all, "商机登记表"));
    expect(opp).toContain('"跟进中,赢单,丢单,暂停"');
    expect(opp).toContain('"管理线索,验证机会点,引导客户,制定并提交解决方案,合同谈判与签订,合同履行,关闭"');
    expect(validationSources(sheetXml(all, "催收记录"))).toContain('"对账函,催款函,律师函,还款承诺,起诉"');
  });

  test("-o is refused unless it is a new .xlsx in an existing folder, never an input; a failed run leaves no file", async () => {
    const rules = path.join(dir, "rules.json");
    const export_ = await ltc(["rules", "export", "-o", rules]);
    expect(export_.code).toBe(0);
    const cases: [string[], RegExp][] = [
      [["template"], /needs -o/],
      [["template", "-o", path.join(dir, "r.csv")], /\.xlsx file/],
      [["template", "-o", path.join(dir, "no-such-dir", "r.xlsx")], /does not exist/],
      [["template", "in.xlsx", "-o", path.join(dir, "r.xlsx")], /reads no workbook/],
      [["template", "--lang", "fr", "-o", path.join(dir, "r.xlsx")], /lang/],
      [["template", "--as-of", "30/11/2026x", "-o", path.join(dir, "r.xlsx")], /--as-of/],
    ];
    for (const [args, message] of cases) {
      const run = await ltc(args);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.err).toMatch(message);
    }
    expect(fs.existsSync(path.join(dir, "r.xlsx"))).toBe(false);
    // --rules as -o (a link to it too): the rules file is left as it was
    const before = fs.readFileSync(rules);
    const link = path.join(dir, "rules-link.xlsx");
    fs.symlinkSync(rules, link);
    const run = await ltc(["template", "--rules", rules, "-o", link]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/is the input/);
    expect(fs.readFileSync(rules)).toEqual(before);
  });
});

describe("LibreOffice opens the registers and keeps their drop-downs and formulas", () => {
  let converted: Map<string, string>;

  beforeAll(async () => {
    if (!office) {
      throw new Error(`LibreOffice is not installed (looked for ${CANDIDATES.join(", ")}); install Debian's libreoffice-calc-nogui (.ci/run does) to run this test`);
    }
    const out = path.join(dir, "lo");
    fs.mkdirSync(out);
    const lo = spawnSync(office, [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", "xlsx", "--outdir", out, zhFile], {
      encoding: "utf8",
      timeout: 200_000,
    });
    if (lo.error) throw lo.error;
    expect(lo.status).toBe(0);
    converted = await parts(path.join(out, path.basename(zhFile)));
  });

  test("the drop-down lists are still there, the same lists", async () => {
    const ours = await parts(zhFile);
    for (const sheet of ["商机登记表", "应收账款台账", "催收记录"]) {
      const normalise = (s: string) => s.replace(/\$/g, "").replace(/^'[^']*'!|^[^!"]*!/, "");
      expect(validationSources(sheetXml(converted, sheet)).map(normalise).sort()).toEqual(validationSources(sheetXml(ours, sheet)).map(normalise).sort());
    }
  });

  test("the LTC formulas are still there, on the same structured references and the named as-of cell", async () => {
    const ours = await parts(zhFile);
    for (const sheet of ["商机登记表", "应收账款台账"]) {
      // LibreOffice writes an unknown function's name in lower case; Excel's names are case-insensitive
      const fold = (f: string) => f.replace(/_xldudf_ltc_[a-z]+/gi, (n) => `_xldudf_${n.slice("_xldudf_".length).toUpperCase()}`);
      expect(formulas(sheetXml(converted, sheet)).map(fold)).toEqual(formulas(sheetXml(ours, sheet)));
    }
    expect(converted.get("xl/workbook.xml")).toMatch(/<definedName\b[^>]*localSheetId="1"[^>]*name="LTC_AsOf"[^>]*>'?应收账款台账'?!\$B\$1<\/definedName>/);
  });
});

describe("a register filled in feeds the wizards unchanged", () => {
  const filled = path.join(dir, "filled.xlsx");
  const opportunities = demoOpportunities();
  const receivables = demoReceivables(40, 11).table;
  const logHeader = ["客户", "合同号", "发票号", "日期", "方式", "客户签章确认"];
  const logRows: unknown[][] = [];

  /**
   * Writes `table`'s rows into the register's table below its header, by
   * header name, the formula columns copied down and the table grown over
   * the rows, as Excel does when one types below a table.
   */
  function fill(ws: ExcelJS.Worksheet, tableName: string, headerRow: number, table: RawTable): void {
    const header = (ws.getRow(headerRow).values as unknown[]).slice(1).map(String);
    const formulaCells = header.map((_, c) => ws.getCell(headerRow + 1, c + 1).value).map((v) => (v && typeof v === "object" && "formula" in v ? v : null));
    table.rows.forEach((row, i) => {
      header.forEach((h, c) => {
        const from = table.header.indexOf(h);
        const cell = ws.getCell(headerRow + 1 + i, c + 1);
        cell.value = (formulaCells[c] ?? (from < 0 ? null : (row[from] as ExcelJS.CellValue))) as ExcelJS.CellValue;
      });
    });
    const model = (ws as unknown as { getTable(name: string): { table: { tableRef: string; autoFilterRef: string } } }).getTable(tableName).table;
    const ref = model.tableRef.replace(/\d+$/, String(headerRow + Math.max(1, table.rows.length)));
    model.tableRef = ref;
    model.autoFilterRef = ref;
  }

  beforeAll(async () => {
    const customers = [...new Set(receivables.rows.map((r) => r[receivables.header.indexOf("客户")]).filter((c): c is string => typeof c === "string" && c !== ""))];
    const contract = (customer: string) => receivables.rows.find((r) => r[receivables.header.indexOf("客户")] === customer)![receivables.header.indexOf("合同号")];
    logRows.push([customers[0], null, null, DEMO_AS_OF - 40, "催款函", "否"]);
    logRows.push([customers[1], contract(customers[1]), null, DEMO_AS_OF - 10, "对账函", "是"]);
    logRows.push([customers[2], null, null, DEMO_AS_OF - 400, "还款承诺", null]);
    const wb = await loadXlsxWorkbook(zhFile);
    fill(wb.getWorksheet("商机登记表")!, "商机登记表", 1, opportunities);
    fill(wb.getWorksheet("应收账款台账")!, "应收账款台账", 3, receivables);
    wb.getWorksheet("应收账款台账")!.getCell("B1").value = new Date(Date.UTC(2026, 10, 30));
    fill(wb.getWorksheet("催收记录")!, "催收记录", 1, { header: logHeader, rows: logRows, firstRowNumber: 2 });
    await wb.xlsx.writeFile(filled);
  });

  test("the charter of a project is the one the demo's own table gives", async () => {
    const table = await readTableFromXlsx(filled, { table: "商机登记表" });
    expect(table.firstRowNumber).toBe(opportunities.firstRowNumber);
    const options = { generatedOn: DEMO_AS_OF, lang: "zh" as const };
    const fromRegister = buildCharters(table, [2, 3, 5], options, DEFAULT_RULEBOOK);
    const fromDemo = buildCharters(opportunities, [2, 3, 5], options, DEFAULT_RULEBOOK);
    expect(fromRegister.plans.length).toBe(3);
    expect(fromRegister.plans.map((p) => p.blocks)).toEqual(fromDemo.plans.map((p) => p.blocks));
    expect(fromRegister.problems).toEqual(fromDemo.problems);
  });

  test("the pipeline (summary, funnel, forecast, attention list) is the demo table's", async () => {
    const table = await readTableFromXlsx(filled, { table: "商机登记表" });
    const a = buildPipeline(table, { asOf: DEMO_AS_OF }, DEFAULT_RULEBOOK);
    const b = buildPipeline(opportunities, { asOf: DEMO_AS_OF }, DEFAULT_RULEBOOK);
    expect(a.items.length).toBeGreaterThan(0);
    expect(a.items.length).toBe(b.items.length);
    for (const key of ["summary", "summaryTotal", "funnel", "won", "lost", "leads", "forecast", "attention", "reconciliation"] as const) {
      expect({ key, value: a[key] }).toEqual({ key, value: b[key] });
    }
  });

  test("the aging is the demo table's, to the fen, rows two lower (the as-of line above the register)", async () => {
    const table = await readTableFromXlsx(filled, { table: "应收账款台账" });
    expect(table.firstRowNumber).toBe(receivables.firstRowNumber + 2);
    const options = { asOf: DEMO_AS_OF, groupBy: ["region" as const, "office" as const] };
    const a = buildAging(table, options, DEFAULT_RULEBOOK);
    const b = buildAging(receivables, options, DEFAULT_RULEBOOK);
    expect(a.grandTotal).toEqual(b.grandTotal);
    expect(a.reconciliation).toEqual(b.reconciliation);
    expect(a.groups).toEqual(b.groups);
    const where = (p: (typeof a.problems)[number], shift: number) => [p.row - shift, p.column, p.value, p.outcome];
    expect(a.problems.map((p) => where(p, 2))).toEqual(b.problems.map((p) => where(p, 0)));
  });

  test("the letters read the register and the dunning log as they read the same data given directly", async () => {
    const table = await readTableFromXlsx(filled, { table: "应收账款台账" });
    const log = await readTableFromXlsx(filled, { table: "催收记录" });
    const given: RawTable = { header: logHeader, rows: logRows, firstRowNumber: 2 };
    const a = buildLetters(table, log, { asOf: DEMO_AS_OF }, DEFAULT_RULEBOOK);
    const b = buildLetters(receivables, given, { asOf: DEMO_AS_OF }, DEFAULT_RULEBOOK);
    expect(a.letters.length).toBeGreaterThan(0);
    expect(a.letters.map((l) => [l.customer, l.balanceFen, l.items.length])).toEqual(b.letters.map((l) => [l.customer, l.balanceFen, l.items.length]));
    expect(a.issues.filter((i) => i.row >= 2 && i.row <= 4)).toEqual(b.issues.filter((i) => i.row >= 2 && i.row <= 4));
  });

  test("the CLI finds each register by its columns: ltc charter, aging and pipeline on the filled file", async () => {
    const charter = await ltc(["charter", filled, "--project", "2", "--date", "2026-11-30", "-o", path.join(dir, "charter.xlsx")]);
    expect(charter.code).toBe(0);
    const aging = await ltc(["aging", filled, "--as-of", "2026-11-30", "-o", path.join(dir, "aging.xlsx")]);
    expect(aging.code).toBe(0);
    expect(aging.out).toContain(`${receivables.rows.length}`);
    const pipeline = await ltc(["pipeline", filled, "--as-of", "2026-11-30", "-o", path.join(dir, "pipeline.xlsx")]);
    expect(pipeline.code).toBe(0);
  });
});

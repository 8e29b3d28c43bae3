import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { RawTable } from "../../src/reports/table";
import { ltc, tempDir, writeInput } from "./cliHarness";

/**
 * The letters workbook printed by a real spreadsheet application: LibreOffice
 * converts it to PDF, and each of 20 customers' statements is one A4 page of
 * its own (the index and the register follow). CI installs
 * libreoffice-calc-nogui and poppler-utils' pdfinfo/pdftotext; without them
 * this test fails, it is never skipped.
 */

jest.setTimeout(240_000);

const CANDIDATES = ["/usr/bin/libreoffice", "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"];
const office = CANDIDATES.find((p) => fs.existsSync(p));
const dir = tempDir("letters-pdf");
const profile = tempDir("letters-lo-profile");
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(profile, { recursive: true, force: true });
});

const CUSTOMERS = 20;
const OFFICES = ["湖南代表处", "广东代表处", "陕西代表处", "江苏代表处"];

/** 20 customers with 1 to 8 items each: running, ran out, credits, disputes; long names on some. */
function table(): RawTable {
  const rows: unknown[][] = [];
  let n = 0;
  for (let k = 1; k <= CUSTOMERS; k++) {
    const name = k % 4 === 0 ? `国网某省电力有限公司第${k}供电分公司物资采购中心` : `客户${String(k).padStart(2, "0")}电力有限公司`;
    for (let j = 0; j < 1 + (k % 8); j++) {
      n++;
      const dueYear = 2022 + ((k + j) % 5);
      const amount = 10_000 * (1 + ((k * 7 + j * 3) % 50)) + (j % 3) * 0.5;
      const paid = j === 2 && k % 3 === 0 ? amount + 1_000 : (j % 2) * 3_000;
      rows.push([`HT-${dueYear}-${String(n).padStart(4, "0")}`, name, OFFICES[k % 4], `FP${44030000 + n}`, `${dueYear}-0${1 + (j % 9)}-15`, amount, paid, j === 3 ? "是" : null]);
    }
  }
  return { header: ["合同号", "客户", "代表处", "发票号", "到期日", "金额", "已回款", "质量问题"], rows, firstRowNumber: 2 };
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 200_000 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")}: exit ${r.status}: ${r.stderr}`);
  return r.stdout;
}

describe("LibreOffice prints the statements one customer per page", () => {
  let pages = 0;
  let pageText: string[] = [];

  beforeAll(async () => {
    if (!office) throw new Error(`LibreOffice is not installed (looked for ${CANDIDATES.join(", ")}); install Debian's libreoffice-calc-nogui`);
    const input = path.join(dir, "ledger.xlsx");
    await writeInput(input, [{ sheet: "应收账款", tableName: "Receivables", table: table() }]);
    const out = path.join(dir, "letters.xlsx");
    const letters = await ltc(["letters", input, "--as-of", "2026-11-30", "-o", out]);
    expect(letters.errLines).toEqual([]);
    expect(letters.out).toContain(`letters ${CUSTOMERS} ·`);
    run(office, [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, out]);
    const pdf = path.join(dir, "letters.pdf");
    pages = Number(/Pages:\s+(\d+)/.exec(run("pdfinfo", [pdf]))![1]);
    pageText = run("pdftotext", ["-layout", pdf, "-"]).split("\f");
  });

  test("20 statement pages, then the index and the register", () => {
    expect(pages).toBe(CUSTOMERS + 2);
    expect(pageText[CUSTOMERS]).toContain("函件索引");
    expect(pageText[CUSTOMERS + 1]).toContain("函号");
  });

  test("page k holds the k-th letter whole: its number, its total in figures and capitals, and its reply slip", () => {
    for (let k = 1; k <= CUSTOMERS; k++) {
      const text = pageText[k - 1];
      const numbers = text.match(/DZ20261130-\d{3}/g) ?? [];
      expect([k, [...new Set(numbers)]]).toEqual([k, [`DZ20261130-${String(k).padStart(3, "0")}`]]);
      expect([k, /余额合计/.test(text), /大写：人民币/.test(text), /回\s*执/.test(text), /信息不符/.test(text)]).toEqual([k, true, true, true, true]);
    }
  });
});

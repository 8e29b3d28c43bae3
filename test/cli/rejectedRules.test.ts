import * as fs from "fs";
import * as path from "path";
import JSZip from "jszip";
import { storedRulebookText } from "../../src/cli/rules";
import { DEFAULT_RULEBOOK } from "../../src/rules/rulebook";
import { RULEBOOK_SETTING_KEY, rulebookJson } from "../../src/rules/validate";
import { ltc, tempDir } from "./cliHarness";

/**
 * Rules that do not validate are refused by every verb that computes with
 * them: exit 1, and one stderr block naming each error's table, row and
 * column, whether they come from --rules or from the input workbook.
 */

const DEMO = path.join(__dirname, "../fixtures/stored/demo-east-2026.2.stored.xlsx");

let dir: string;
let bad: string;
let good: string;
beforeAll(() => {
  dir = tempDir("rejected");
  const rb = JSON.parse(rulebookJson(DEFAULT_RULEBOOK));
  rb.owner.settings.find((s: { key: string }) => s.key === "mtoThresholdFen").value = 0;
  rb.receivables.provisionBands.find((r: { code: string }) => r.code === "provision.over5").ratePercent = 120;
  bad = path.join(dir, "bad.json");
  fs.writeFileSync(bad, JSON.stringify(rb));
  good = path.join(dir, "good.json");
  fs.writeFileSync(good, rulebookJson(DEFAULT_RULEBOOK));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const provisionRow = DEFAULT_RULEBOOK.receivables.provisionBands.findIndex((r) => r.code === "provision.over5") + 1;

function block(file: string, sheet: string): string {
  return (
    `ltc: ${file}: the rules were not accepted (2 errors); nothing was computed:\n` +
    `  ${sheet} › owner.settings › row 1 › 值 (Value): 0 is not above 0: setting mtoThresholdFen must be above 0\n` +
    `  ${sheet} › receivables.provisionBands › row ${provisionRow} › 计提比例（%） (Rate in percent): 120 is above 100: Rate in percent must be at most 100\n` +
    `run "ltc rules check ${file}" to list every error\n`
  );
}

describe("rejected rules exit 1 in every verb, with each error on stderr", () => {
  test("rules check lists every error and exits 1", async () => {
    const r = await ltc(["rules", "check", bad]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`bad.json › bad.json › receivables.provisionBands › row ${provisionRow} › 计提比例（%） (Rate in percent): 120 is above 100`);
    expect(r.err).toBe(`ltc: ${bad}: 2 errors; the rules were not accepted\n`);
  });

  test.each([
    ["rules diff", () => ["rules", "diff", bad]],
    ["rules diff --against", () => ["rules", "diff", good, "--against", bad]],
    ["rules export --rules", () => ["rules", "export", "-o", path.join(dir, "out.json"), "--rules", bad]],
    ["eval --rules", () => ["eval", "OWNERDEPT", "发电MTO", "4000000", "--rules", bad]],
    ["eval --jsonl --rules", () => ["eval", "--jsonl", "--rules", bad]],
    ["aging --rules", () => ["aging", DEMO, "--as-of", "2026-11-30", "-o", path.join(dir, "aging.xlsx"), "--rules", bad]],
    ["charter --rules", () => ["charter", DEMO, "--project", "3", "--date", "2026-11-30", "-o", path.join(dir, "charter.xlsx"), "--rules", bad]],
  ])("%s", async (_verb, args) => {
    const r = await ltc(args());
    expect(r.code).toBe(1);
    expect(r.err).toBe(block(bad, "bad.json"));
    expect(r.out).toBe("");
    for (const f of ["out.json", "aging.xlsx", "charter.xlsx"]) expect(fs.existsSync(path.join(dir, f))).toBe(false);
  });

  test("a rulebook stored in the input workbook that does not validate: aging, charter and export refuse it", async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(DEMO));
    const stored = JSON.parse((await storedRulebookText(fs.readFileSync(DEMO)))!);
    stored.owner.settings[0].value = 0;
    stored.receivables.provisionBands.find((r: { code: string }) => r.code === "provision.over5").ratePercent = 120;
    const part = "xl/webextensions/webextension1.xml";
    const escaped = JSON.stringify(JSON.stringify(stored)).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    const xml = (await zip.file(part)!.async("string")).replace(new RegExp(`(name="${RULEBOOK_SETTING_KEY}" value=")[^"]*"`), `$1${escaped}"`);
    zip.file(part, xml);
    const input = path.join(dir, "invalid-stored.xlsx");
    fs.writeFileSync(input, await zip.generateAsync({ type: "nodebuffer" }));

    for (const args of [
      ["aging", input, "--as-of", "2026-11-30", "-o", path.join(dir, "aging.xlsx")],
      ["charter", input, "--project", "3", "--date", "2026-11-30", "-o", path.join(dir, "charter.xlsx")],
      ["rules", "export", input, "-o", path.join(dir, "out.json")],
    ]) {
      const r = await ltc(args);
      expect([args[0], r.code]).toEqual([args[0], 1]);
      expect(r.err).toBe(block(input, "document settings"));
    }
  });

  test("more than 50 errors: the first 50, and how many more", async () => {
    const rb = JSON.parse(rulebookJson(DEFAULT_RULEBOOK));
    rb.receivables.policies = Array.from({ length: 60 }, () => ({ ...rb.receivables.policies[0] }));
    const many = path.join(dir, "many.json");
    fs.writeFileSync(many, JSON.stringify(rb));
    const r = await ltc(["eval", "RULESVERSION", "--rules", many]);
    expect(r.code).toBe(1);
    const lines = r.err.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^ltc: .*many\.json: the rules were not accepted \(\d+ errors\); nothing was computed:$/);
    expect(lines).toHaveLength(1 + 50 + 2);
    expect(lines[51]).toMatch(/^ {2}… and \d+ more$/);
    expect(lines[52]).toBe(`run "ltc rules check ${many}" to list every error`);
  });
});

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Readable } from "stream";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { runCli } from "../../src/cli/cli";
import { RulesFileError, resolveRulebook, storedRulebookText } from "../../src/cli/rules";
import { RULES_SHEET_NAME } from "../../src/reports/rulesSheet";
import { rulebookFingerprint, rulebookStamp } from "../../src/rules/fingerprint";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";
import { headerText } from "../../src/rules/tables";
import { RULEBOOK_SETTING_KEY, rulebookJson } from "../../src/rules/validate";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdin: Readable.from([""]), stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) } },
    out: () => out.join(""),
    err: () => err.join(""),
  };
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ltc-rules-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function custom(): Rulebook {
  const rb = JSON.parse(rulebookJson(DEFAULT_RULEBOOK)) as Rulebook;
  rb.version = "east-2027";
  rb.owner.settings.find((s) => s.key === "mtoThresholdFen")!.value = 300_000_000;
  return rb;
}

function xmlAttr(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * An .xlsx as Excel saves it when the add-in stored its rulebook in the
 * document settings: a webextension part whose property value is the
 * setting JSON-encoded (our JSON text, as a JSON string), XML-escaped.
 */
async function workbookWithStoredRulebook(settingValue: string | null): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("应收").addRow(["合同号", "金额"]);
  const plain = Buffer.from(await wb.xlsx.writeBuffer());
  if (settingValue === null) return plain;
  const zip = await JSZip.loadAsync(plain);
  zip.file(
    "xl/webextensions/webextension1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n` +
      `<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="{5C7C8FEF-A7C0-4F0F-9C7E-38A6C7E37EC8}">` +
      `<we:reference id="a8e32851-cbf6-4c5e-8894-20faa221ab29" version="1.0.0.0" store="developer" storeType="Registry"/><we:alternateReferences/>` +
      `<we:properties><we:property name="Office.AutoShowTaskpaneWithDocument" value="true"/>` +
      `<we:property name="${RULEBOOK_SETTING_KEY}" value="${xmlAttr(JSON.stringify(settingValue))}"/></we:properties>` +
      `<we:bindings/><we:snapshot xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></we:webextension>`,
  );
  zip.file(
    "xl/webextensions/taskpanes.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<wetp:taskpanes xmlns:wetp="http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11">` +
      `<wetp:taskpane dockstate="right" visibility="0" width="350" row="0"><wetp:webextensionref xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></wetp:taskpane></wetp:taskpanes>`,
  );
  zip.file(
    "xl/webextensions/_rels/taskpanes.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2011/relationships/webextension" Target="webextension1.xml"/></Relationships>`,
  );
  const types = await zip.file("[Content_Types].xml")!.async("string");
  zip.file(
    "[Content_Types].xml",
    types.replace(
      "</Types>",
      `<Override PartName="/xl/webextensions/taskpanes.xml" ContentType="application/vnd.ms-office.webextensiontaskpanes+xml"/>` +
        `<Override PartName="/xl/webextensions/webextension1.xml" ContentType="application/vnd.ms-office.webextension+xml"/></Types>`,
    ),
  );
  const rels = await zip.file("_rels/.rels")!.async("string");
  zip.file(
    "_rels/.rels",
    rels.replace(
      "</Relationships>",
      `<Relationship Id="rIdLtcTp" Type="http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes" Target="xl/webextensions/taskpanes.xml"/></Relationships>`,
    ),
  );
  return zip.generateAsync({ type: "nodebuffer" });
}

describe("ltc rules export / check", () => {
  test("export to .json and .xlsx, and check reports the same fingerprint", async () => {
    const fp = rulebookFingerprint(DEFAULT_RULEBOOK);
    for (const name of ["rules.json", "rules.xlsx"]) {
      const file = path.join(dir, name);
      const e = io();
      expect(await runCli(["rules", "export", "-o", file], e.io)).toBe(0);
      expect(e.out()).toBe(`wrote ${file}: ${rulebookStamp(DEFAULT_RULEBOOK)} (built-in default)\n`);
      const c = io();
      expect(await runCli(["rules", "check", file], c.io)).toBe(0);
      expect(c.out()).toBe(`ok ${file}: deck-2026.1 · ${fp}\n`);
    }
  });

  test("the .xlsx rules file has the LTC规则 sheet with bilingual headers and text-formatted text columns", async () => {
    const file = path.join(dir, "look.xlsx");
    expect(await runCli(["rules", "export", "-o", file], io().io)).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet(RULES_SHEET_NAME)!;
    expect(ws).toBeDefined();
    let header = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === "owner.rules") header = n + 1;
    });
    expect(ws.getRow(header).getCell(1).value).toBe(headerText("code"));
    expect(ws.getRow(header + 1).getCell(1).numFmt).toBe("@");
  });

  test("check prints every error with sheet, table, row and column, and exits 1", async () => {
    const file = path.join(dir, "edited.xlsx");
    expect(await runCli(["rules", "export", "-o", file], io().io)).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet(RULES_SHEET_NAME)!;
    let thresholdRow = 0;
    let brandRow = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === "mtoThresholdFen") thresholdRow = n;
      if (row.getCell(1).value === "brand.neutral") brandRow = n;
    });
    ws.getRow(thresholdRow).getCell(2).value = "abc";
    const scoreCol = 5; // code, zh, en, aliases, score
    expect(ws.getRow(brandRow - 3).getCell(scoreCol).value).toBe(headerText("score"));
    ws.getRow(brandRow).getCell(scoreCol).value = null;
    await wb.xlsx.writeFile(file);

    const c = io();
    expect(await runCli(["rules", "check", file], c.io)).toBe(1);
    expect(c.out().trim().split("\n")).toEqual([
      `edited.xlsx › LTC规则 › opportunity.brand › row ${brandRow} › 分值 (Score): score is missing: every row of a 4/3/2/1 table needs a score`,
      `edited.xlsx › LTC规则 › opportunity.brand › 分值 (Score): no row has score 2: a 4/3/2/1 table needs each of the scores 4, 3, 2 and 1`,
      `edited.xlsx › LTC规则 › owner.settings › row ${thresholdRow} › 值 (Value): setting mtoThresholdFen needs a number; "abc" is not a number`,
    ]);
    expect(c.err()).toBe(`ltc: ${file}: 3 errors; the rules were not accepted\n`);

    const zh = io();
    expect(await runCli(["rules", "check", file, "--lang", "zh"], zh.io)).toBe(1);
    expect(zh.out()).toContain(`edited.xlsx › LTC规则 › owner.settings › 第${thresholdRow}行 › 值：设置 mtoThresholdFen 须为数字，“abc”不是数字`);
  });

  test("usage errors exit 2 with one line", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["rules"], /^ltc: rules needs export, check or diff/],
      [["rules", "frob"], /^ltc: unknown rules command "frob"/],
      [["rules", "export"], /^ltc: rules export needs -o/],
      [["rules", "check"], /^ltc: rules check needs one file/],
      [["rules", "check", path.join(dir, "nope.json")], /^ltc: cannot read .*nope\.json: ENOENT/],
      [["rules", "export", "-o", path.join(dir, "rules.txt")], /^ltc: -o .*rules\.txt: a rules file is \.xlsx or \.json/],
    ];
    for (const [args, message] of cases) {
      const t = io();
      expect(await runCli(args, t.io)).toBe(2);
      expect(t.err()).toMatch(message);
      expect(t.err().trim().split("\n")).toHaveLength(1);
    }
  });
});

describe("--rules and the rulebook stored in a workbook", () => {
  test("a rules file changes an answer, and the CLI says which rules are in force", async () => {
    const file = path.join(dir, "custom.json");
    fs.writeFileSync(file, rulebookJson(custom(), true));
    const plain = io();
    expect(await runCli(["eval", "OWNERDEPT", "发电MTO", "4000000"], plain.io)).toBe(0);
    expect(plain.out()).toBe("代表处\n");
    const t = io();
    expect(await runCli(["eval", "OWNERDEPT", "发电MTO", "4000000", "--rules", file], t.io)).toBe(0);
    expect(t.out()).toBe("发电销售团队\n");
    expect(t.err()).toBe(`rules: ${rulebookStamp(custom())} (${file})\n`);
    const v = io();
    expect(await runCli(["eval", "RULESVERSION", "--rules", file], v.io)).toBe(0);
    expect(v.out()).toBe(`${rulebookStamp(custom())}\n`);
  });

  test("a rules file saved by openpyxl with a comment (test/fixtures/other-tools) is read, not refused as unreadable", async () => {
    const file = path.join(__dirname, "..", "fixtures", "other-tools", "openpyxl-rules-comment.xlsx");
    const t = io();
    expect(await runCli(["eval", "OWNERDEPT", "发电MTO", "4000000", "--rules", file], t.io)).toBe(0);
    expect(t.out()).toBe("发电销售团队\n");
    expect(t.err()).toMatch(/^rules: east-2027 · /);
  });

  test("a rules file with errors is refused: exit 1, every error on stderr, nothing computed", async () => {
    const file = path.join(dir, "broken.json");
    const rb = custom() as unknown as { owner: { settings: Array<{ value: unknown }> } };
    rb.owner.settings[0].value = "abc";
    fs.writeFileSync(file, JSON.stringify(rb));
    const t = io();
    expect(await runCli(["eval", "OWNERDEPT", "发电MTO", "4000000", "--rules", file], t.io)).toBe(1);
    expect(t.out()).toBe("");
    expect(t.err()).toBe(
      `ltc: ${file}: the rules were not accepted (1 error); nothing was computed:\n` +
        `  broken.json › owner.settings › row 1 › 值 (Value): setting mtoThresholdFen needs a number; "abc" is not a number\n` +
        `run "ltc rules check ${file}" to list every error\n`,
    );
  });

  test("without --rules, the rulebook stored in the input workbook's document settings is used", async () => {
    const bytes = await workbookWithStoredRulebook(rulebookJson(custom()));
    const input = path.join(dir, "stored.xlsx");
    fs.writeFileSync(input, bytes);
    // the workbook is still an ordinary workbook
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect(wb.getWorksheet("应收")?.getCell("A1").value).toBe("合同号");

    expect(await storedRulebookText(bytes)).toBe(rulebookJson(custom()));
    const r = await resolveRulebook({ input });
    expect(r.source).toBe(`${input} (stored in the workbook)`);
    expect(rulebookFingerprint(r.rulebook)).toBe(rulebookFingerprint(custom()));
    // --rules wins over the stored rulebook
    const json = path.join(dir, "default.json");
    fs.writeFileSync(json, rulebookJson(DEFAULT_RULEBOOK));
    expect((await resolveRulebook({ rules: json, input })).stamp).toBe(rulebookStamp(DEFAULT_RULEBOOK));
    // and `rules export` of the workbook writes its stored rules
    const out = path.join(dir, "from-workbook.json");
    const t = io();
    expect(await runCli(["rules", "export", input, "-o", out], t.io)).toBe(0);
    expect(t.out()).toBe(`wrote ${out}: ${rulebookStamp(custom())} (${input} (stored in the workbook))\n`);
    expect(JSON.parse(fs.readFileSync(out, "utf8")).version).toBe("east-2027");
  });

  test("a workbook without a stored rulebook uses the default; one with an invalid rulebook is refused", async () => {
    const none = path.join(dir, "none.xlsx");
    fs.writeFileSync(none, await workbookWithStoredRulebook(null));
    expect(await resolveRulebook({ input: none })).toMatchObject({ source: "built-in default", stamp: rulebookStamp(DEFAULT_RULEBOOK) });

    const bad = JSON.parse(rulebookJson(DEFAULT_RULEBOOK));
    bad.team.matrix[0].rank = "rank.gone";
    const invalid = path.join(dir, "invalid.xlsx");
    fs.writeFileSync(invalid, await workbookWithStoredRulebook(JSON.stringify(bad)));
    await expect(resolveRulebook({ input: invalid })).rejects.toThrow(RulesFileError);
    await expect(resolveRulebook({ input: invalid })).rejects.toThrow(/document settings › team\.matrix › row 1 › 级别 \(Rank\): unknown reference: "rank\.gone"/);
  });

  test("rules check on a workbook without an LTC规则 sheet checks its stored rulebook", async () => {
    const input = path.join(dir, "stored2.xlsx");
    fs.writeFileSync(input, await workbookWithStoredRulebook(rulebookJson(custom())));
    const t = io();
    expect(await runCli(["rules", "check", input], t.io)).toBe(0);
    expect(t.out()).toBe(`ok ${input}: ${rulebookStamp(custom())}\n`);
  });
});

describe("rules saved by the version before issue 8 (test/fixtures/stored)", () => {
  const fixture = (name: string) => path.join(__dirname, "../fixtures/stored", name);

  test.each(["deck-2026.1.settings.json", "deck-2026.1.rules.xlsx", "demo-east-2026.2.stored.xlsx"])("rules check %s: accepted, what was added listed", async (name) => {
    const t = io();
    expect(await runCli(["rules", "check", fixture(name)], t.io)).toBe(0);
    const lines = t.out().trim().split("\n");
    const notes = lines.slice(0, -1);
    expect(notes.length).toBeGreaterThan(0);
    for (const line of notes) expect(line).toMatch(new RegExp(`^${name.replace(/\./g, "\\.")} › note: .* (was missing: (added|filled in) (from|with) the|was removed: .*\\(the) built-in rulebook`));
    expect(lines[lines.length - 1]).toMatch(
      new RegExp(`^ok ${fixture(name).replace(/[.\\/]/g, (c) => `\\${c}`)}: (deck-2026\\.1|east-2026\\.2) · [0-9a-f]{12}; completed from the built-in rulebook \\(${notes.length} changes?\\)$`),
    );
  });

  test("--rules with the stored JSON computes with it, and says on stderr what was added", async () => {
    const t = io();
    expect(await runCli(["eval", "CLASSCHECK", "A", "TRUE", "FALSE", "--rules", fixture("deck-2026.1.settings.json")], t.io)).toBe(0);
    expect(t.out()).toBe("系统内客户必须归为系统内类，不能归为系统外A类\n");
    const err = t.err().trim().split("\n");
    expect(err[0]).toMatch(/^rules: deck-2026\.1 · [0-9a-f]{12} \(.*deck-2026\.1\.settings\.json; completed from the built-in rulebook \(\d+ changes?\)\)$/);
    expect(err.slice(1).every((l) => l.startsWith("rules: note: deck-2026.1.settings.json › "))).toBe(true);
    expect(err).toContainEqual(expect.stringMatching(/^rules: note: .* › contract\.reviewRules › 代码 \(Code\): row inSystemClassedInSystem was missing/));
  });
});

describe("ltc rules diff", () => {
  test("lists what a rules file changes against the default, by table and row", async () => {
    const file = path.join(dir, "diff.json");
    fs.writeFileSync(file, rulebookJson(custom(), true));
    const t = io();
    expect(await runCli(["rules", "diff", file], t.io)).toBe(0);
    expect(t.out().trim().split("\n")).toEqual([
      `${rulebookStamp(DEFAULT_RULEBOOK)} → ${rulebookStamp(custom())}`,
      "Version: deck-2026.1 → east-2027",
      'Owner-department settings (owner.settings) › mtoThresholdFen "Power-generation MTO amount threshold" › Value: 500000000 → 300000000 (5,000,000 CNY → 3,000,000 CNY)',
    ]);
  });
});

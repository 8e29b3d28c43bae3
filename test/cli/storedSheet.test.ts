import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Readable } from "stream";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { runCli } from "../../src/cli/cli";
import { RulesFileError, resolveRulebook, rulebookFromFile } from "../../src/cli/rules";
import { storeSheetColumn } from "../../src/cli/storedSheet";
import { splitText, STORED_RULEBOOK_SHEET, storedRulebookColumn } from "../../src/reports/storedRulebook";
import { rulebookStamp } from "../../src/rules/fingerprint";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";
import { RULEBOOK_SETTING_KEY, rulebookJson } from "../../src/rules/validate";

/*
 * A workbook the add-in saved keeps its rulebook on the very hidden sheet
 * ltcDesk.rulebook; the command line computes with it like the add-in does.
 */

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ltc-store-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function edited(version: string, mtoThresholdFen: number): Rulebook {
  const rb = JSON.parse(rulebookJson(DEFAULT_RULEBOOK)) as Rulebook;
  rb.version = version;
  rb.owner.settings.find((s) => s.key === "mtoThresholdFen")!.value = mtoThresholdFen;
  return rb;
}

/** A ledger workbook with the store sheet as Excel saves it: very hidden, column A text. */
async function workbookWithStore(file: string, column: string[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("应收账款").addRow(["合同号", "金额"]);
  const store = wb.addWorksheet(STORED_RULEBOOK_SHEET, { state: "veryHidden" });
  column.forEach((text, i) => (store.getCell(`A${i + 1}`).value = text));
  const full = path.join(dir, file);
  await wb.xlsx.writeFile(full);
  return full;
}

describe("the command line reads the add-in's store sheet", () => {
  test("the rulebook stored on the sheet is the one the verbs compute with", async () => {
    const rb = edited("east-2027", 300_000_000);
    const input = await workbookWithStore("stored.xlsx", storedRulebookColumn(rb));
    const r = await resolveRulebook({ input });
    expect(r).toMatchObject({ source: `${input} (stored in the workbook)`, stamp: rulebookStamp(rb) });
    expect(r.rulebook.owner.settings.find((s) => s.key === "mtoThresholdFen")!.value).toBe(300_000_000);
    // `ltc rules export in.xlsx` takes it too
    expect(rulebookStamp(((await rulebookFromFile(input)) as { rulebook: Rulebook }).rulebook)).toBe(rulebookStamp(rb));
  });

  test("the sheet wins over a settings form left beside it, as in the add-in", async () => {
    const rb = edited("east-2027", 300_000_000);
    const input = await workbookWithStore("both.xlsx", storedRulebookColumn(rb));
    const zip = await JSZip.loadAsync(fs.readFileSync(input));
    // an earlier version's setting with other rules (its part is enough for the reader)
    zip.file("xl/webextensions/webextension1.xml", `<we:webextension xmlns:we="x"><we:properties><we:property name="${RULEBOOK_SETTING_KEY}" value="&quot;{}&quot;"/></we:properties></we:webextension>`);
    fs.writeFileSync(input, await zip.generateAsync({ type: "nodebuffer" }));
    expect((await resolveRulebook({ input })).stamp).toBe(rulebookStamp(rb));
  });

  test("rules on the sheet that do not validate are refused with the sheet, table, row and column, never replaced by the default", async () => {
    const broken = JSON.parse(rulebookJson(DEFAULT_RULEBOOK));
    broken.receivables.agingBuckets[2].maxDays = "soon";
    const text = JSON.stringify(broken);
    const parts = splitText(text);
    const input = await workbookWithStore("broken.xlsx", [
      JSON.stringify({ format: "ltcDesk.rulebook", version: 1, stamp: "x", parts: parts.length, length: text.length }),
      ...parts,
    ]);
    await expect(resolveRulebook({ input })).rejects.toThrow(RulesFileError);
    await expect(resolveRulebook({ input })).rejects.toThrow(/ltcDesk\.rulebook › receivables\.agingBuckets › row 3/);

    const err: string[] = [];
    const code = await runCli(["rules", "export", input, "-o", path.join(dir, "out.json")], {
      stdin: Readable.from([""]),
      stdout: { write: () => true },
      stderr: { write: (t: string) => void err.push(t) },
    } as never);
    expect(code).toBe(1);
    expect(err.join("")).toMatch(/ltcDesk\.rulebook › receivables\.agingBuckets › row 3/);
  });

  test("a store sheet that lost a part is named as incomplete", async () => {
    const column = storedRulebookColumn(edited("east-2027", 300_000_000));
    const input = await workbookWithStore("cut.xlsx", column.slice(0, column.length - 1));
    await expect(resolveRulebook({ input })).rejects.toThrow(/the rules on sheet ltcDesk\.rulebook are incomplete/);
  });

  test("inline strings, rich-text runs, escapes and an absolute part target (other writers) read the same", async () => {
    const zip = new JSZip();
    zip.file(
      "xl/workbook.xml",
      `<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/><sheet state="veryHidden" r:id="rId2" sheetId="2" name="${STORED_RULEBOOK_SHEET}"/></sheets></workbook>`,
    );
    zip.file(
      "xl/_rels/workbook.xml.rels",
      `<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="ws"/><Relationship Id="rId2" Target="/xl/worksheets/sheet2.xml" Type="ws"/></Relationships>`,
    );
    zip.file("xl/sharedStrings.xml", `<sst><si><r><t>{"a":</t></r><r><t xml:space="preserve"> "x_x005F_x0041_&amp;y"</t></r><rPh><t>ふりがな</t></rPh></si></sst>`);
    zip.file(
      "xl/worksheets/sheet2.xml",
      `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>header</t></is></c><c r="B1" t="inlineStr"><is><t>not column A</t></is></c></row><row r="3"><c r="A3" t="s"><v>0</v></c></row></sheetData></worksheet>`,
    );
    const column = await storeSheetColumn(await JSZip.loadAsync(await zip.generateAsync({ type: "nodebuffer" })));
    expect(column).toEqual(["header", "", '{"a": "x_x0041_&y"']);
  });

  test("a workbook without the sheet: undefined, and the verbs fall back as before", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1").addRow(["x"]);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await storeSheetColumn(await JSZip.loadAsync(buffer))).toBeUndefined();
    expect(await resolveRulebook({ input: buffer })).toMatchObject({ source: "built-in default" });
  });
});

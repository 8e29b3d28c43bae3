import JSZip from "jszip";
import { rulebookTextFromColumn, STORED_RULEBOOK_SHEET } from "../reports/storedRulebook";
import { ImportResult, rulebookFromJson } from "../rules/validate";

/**
 * The rulebook the add-in keeps in a workbook's very hidden store sheet
 * (src/reports/storedRulebook.ts), read straight from the .xlsx parts: the
 * sheet found by name in xl/workbook.xml, its part through the workbook's
 * relationships, column A's cells from shared or inline strings. No full
 * workbook load: the verbs call this on every input, ledgers of any size.
 */

const ENTITIES: Record<string, string> = { quot: '"', apos: "'", lt: "<", gt: ">", amp: "&" };

/** XML text: entities, then Excel's _xHHHH_ escapes (control characters, and "_x" itself as _x005F_). */
function xmlText(s: string): string {
  return s
    .replace(/&(#x[0-9a-f]+|#\d+|quot|apos|lt|gt|amp);/gi, (_m, e: string) =>
      e.startsWith("#") ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITIES[e.toLowerCase()],
    )
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function attribute(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name.replace(":", "\\:")}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? xmlText(m[2] ?? m[3] ?? "") : undefined;
}

/** The text of a string item (<si> or <is>): its <t> elements, phonetic runs left out. */
function stringItem(xml: string): string {
  const withoutPhonetic = xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, "");
  let text = "";
  for (const m of withoutPhonetic.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) text += xmlText(m[1]);
  return text;
}

/** Column A of the store sheet, top to bottom (missing cells as ""), or undefined when the workbook has no such sheet. */
export async function storeSheetColumn(zip: JSZip): Promise<string[] | undefined> {
  const workbook = await zip.file("xl/workbook.xml")?.async("string");
  if (!workbook) return undefined;
  let relId: string | undefined;
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)) {
    if (attribute(m[1], "name") === STORED_RULEBOOK_SHEET) relId = attribute(m[1], "r:id");
  }
  if (relId === undefined) return undefined;
  const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
  let target: string | undefined;
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b([^>]*?)\/?>/g)) {
    if (attribute(m[1], "Id") === relId) target = attribute(m[1], "Target");
  }
  if (target === undefined) return undefined;
  // a target is relative to xl/, or absolute from the package root (openpyxl writes "/xl/worksheets/sheet2.xml")
  const sheetXml = await zip.file(target.startsWith("/") ? target.slice(1) : `xl/${target}`)?.async("string");
  if (sheetXml === undefined) return undefined;

  let shared: string[] | null = null;
  const sharedStrings = async (): Promise<string[]> => {
    if (shared === null) {
      const xml = (await zip.file("xl/sharedStrings.xml")?.async("string")) ?? "";
      shared = [...xml.matchAll(/<(?:\w+:)?si\b[^>]*>([\s\S]*?)<\/(?:\w+:)?si>/g)].map((m) => stringItem(m[1]));
    }
    return shared;
  };
  const column: string[] = [];
  for (const m of sheetXml.matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
    const row = /^A(\d+)$/.exec(attribute(m[1], "r") ?? "");
    if (!row) continue;
    const type = attribute(m[1], "t");
    const body = m[2] ?? "";
    const value = /<(?:\w+:)?v>([\s\S]*?)<\/(?:\w+:)?v>/.exec(body)?.[1];
    let text = "";
    if (type === "s" && value !== undefined) text = (await sharedStrings())[Number(value)] ?? "";
    else if (type === "inlineStr") text = stringItem(body);
    else if (value !== undefined) text = xmlText(value);
    const index = Number(row[1]) - 1;
    while (column.length < index) column.push("");
    column[index] = text;
  }
  return column;
}

/**
 * The rulebook in the workbook's store sheet as an import (validated like any
 * other: errors name the sheet), or undefined when the workbook has none.
 */
export async function storedSheetImport(xlsx: Buffer | Uint8Array): Promise<ImportResult | undefined> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(xlsx);
  } catch {
    return undefined;
  }
  const column = await storeSheetColumn(zip);
  if (column === undefined) return undefined;
  const found = rulebookTextFromColumn(column, STORED_RULEBOOK_SHEET);
  return "error" in found ? { errors: [found.error] } : rulebookFromJson(found.text, { sheet: STORED_RULEBOOK_SHEET });
}

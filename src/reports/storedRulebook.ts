/**
 * The form in which a workbook carries its own rulebook: a very hidden
 * worksheet whose column A holds a header (what the sheet is, the rulebook's
 * stamp, how many parts follow and their total length) and then the
 * rulebook's JSON text in parts, since one cell holds at most 32,767
 * characters. Pure: the add-in (src/excel/rulesStore.ts) writes and watches
 * the sheet through Office.js, the command line reads it from the .xlsx file.
 *
 * Why a worksheet and not the add-in's document settings: co-authoring
 * synchronises a workbook's content, and a change to a sheet reaches every
 * open session with a change event; see src/excel/rulesStore.ts.
 */
import { rulebookStamp } from "../rules/fingerprint";
import { defineMessages, sayBoth } from "../rules/messages";
import { Rulebook } from "../rules/rulebook";
import { Text } from "../rules/types";
import { RuleError, rulebookJson } from "../rules/validate";

/** The store sheet's name: the same key the settings form used, so a user who meets it knows whose it is. */
export const STORED_RULEBOOK_SHEET = "ltcDesk.rulebook";

/** What the header cell says the sheet is; a sheet of that name without it is not ours. */
export const STORED_RULEBOOK_FORMAT = "ltcDesk.rulebook";
const FORMAT_VERSION = 1;

/** Excel's limit is 32,767 characters per cell; parts stay well below it. */
export const PART_LENGTH = 30_000;

export interface StoredRulebookHeader {
  format: typeof STORED_RULEBOOK_FORMAT;
  version: number;
  /** "version · fingerprint" of the stored rulebook, readable without parsing the parts */
  stamp: string;
  parts: number;
  /** total length of the JSON text, so a sheet that lost a part is caught before parsing */
  length: number;
}

/**
 * The text split into parts of at most `size` UTF-16 units, never between the
 * two halves of a surrogate pair (a character outside the BMP in a label).
 */
export function splitText(text: string, size = PART_LENGTH): string[] {
  const parts: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    parts.push(text.slice(start, end));
    start = end;
  }
  return parts;
}

/** Column A of the store sheet, top to bottom: the header's JSON, then the parts of the rulebook's JSON. */
export function storedRulebookColumn(rb: Rulebook, partLength = PART_LENGTH): string[] {
  const text = rulebookJson(rb);
  const parts = splitText(text, partLength);
  const header: StoredRulebookHeader = { format: STORED_RULEBOOK_FORMAT, version: FORMAT_VERSION, stamp: rulebookStamp(rb), parts: parts.length, length: text.length };
  return [JSON.stringify(header), ...parts];
}

const M = defineMessages({
  notOurs: {
    en: 'the sheet {sheet} does not start with the LTC Desk rulebook header (cell A1), so it is not read as the workbook\'s rules',
    zh: "工作表 {sheet} 的 A1 单元格不是 LTC Desk 规则存储的表头，不作为本工作簿的规则读取",
  },
  newerFormat: {
    en: "the rules on sheet {sheet} were stored by a newer LTC Desk (format {version}); update the add-in to read them",
    zh: "工作表 {sheet} 中的规则由更新版本的 LTC Desk 保存（格式 {version}），请更新加载项后再读取",
  },
  incomplete: {
    en: "the rules on sheet {sheet} are incomplete: {found} of {parts} parts, {length} of {expected} characters",
    zh: "工作表 {sheet} 中的规则不完整：{parts} 段中只有 {found} 段，{expected} 个字符中只有 {length} 个",
  },
});

export type StoredText =
  /** the rulebook's JSON text and the stamp the header gives it */
  | { text: string; stamp: string }
  /** the sheet is there but cannot be read as a stored rulebook: why, as a rules error naming the sheet */
  | { error: RuleError };

/**
 * The JSON text stored in column A of the store sheet (cells as read back: a
 * part is a string; an empty or missing cell counts as missing). The text
 * still has to be validated (rulebookFromJson) like any import.
 */
export function rulebookTextFromColumn(column: readonly unknown[], sheet = STORED_RULEBOOK_SHEET): StoredText {
  const header = storeHeader(column[0]);
  if (header === null) return { error: sheetError(sheet, 1, sayBoth(M.notOurs, { sheet })) };
  if (typeof header.version !== "number" || header.version > FORMAT_VERSION) {
    return { error: sheetError(sheet, 1, sayBoth(M.newerFormat, { sheet, version: String(header.version) })) };
  }
  const parts = Number(header.parts);
  const expected = Number(header.length);
  const found = column.slice(1, 1 + parts).filter((v): v is string => typeof v === "string" && v !== "");
  const text = found.join("");
  if (found.length !== parts || text.length !== expected) {
    return { error: sheetError(sheet, null, sayBoth(M.incomplete, { sheet, found: found.length, parts, length: text.length, expected })) };
  }
  return { text, stamp: String(header.stamp ?? "") };
}

/** The header a store sheet starts with (cell A1), or null when the cell is not one: a sheet of that name that LTC Desk did not write. */
export function storeHeader(cell: unknown): Partial<StoredRulebookHeader> | null {
  if (typeof cell !== "string") return null;
  try {
    const parsed: unknown = JSON.parse(cell);
    return parsed !== null && typeof parsed === "object" && (parsed as StoredRulebookHeader).format === STORED_RULEBOOK_FORMAT ? (parsed as Partial<StoredRulebookHeader>) : null;
  } catch {
    return null;
  }
}

function sheetError(sheet: string, row: number | null, why: Text): RuleError {
  return { sheet, table: "", row, column: null, reason: why.en, reasonZh: why.zh };
}

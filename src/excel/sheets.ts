import { SheetPlan, sheetNameKey, uniqueSheetName } from "../reports/sheetplan";

/**
 * Sheet names and ownership: which sheets LTC Desk created, so regenerating a
 * report replaces our own sheet and never a user's.
 *
 * The pure name rules live in src/reports/sheetplan.ts (the ExcelJS writer in
 * src/cli needs them too and may not import from here); they are re-exported.
 *
 * Marking. A sheet LTC Desk writes carries a marker naming the plan's ownerKey,
 * the sheet name it was given and the id Excel gave the sheet (Worksheet.id):
 *   - primarily a worksheet custom property (ExcelApi 1.12), key "LtcDesk.Owner";
 *   - on hosts without ExcelApi 1.12, a sheet-scoped defined name "LtcDesk_Owner"
 *     holding the same text as a string constant (ExcelApi 1.4). We chose it over
 *     a workbook-level registry (Workbook.settings) because, like a custom
 *     property, it lives in the sheet: it disappears when the sheet is deleted,
 *     so a stale registry entry can never point at a user's later sheet of the
 *     same name.
 *
 * Matching. A sheet is ours for a plan only if its marker names the plan's
 * ownerKey, the marker's sheet name is the sheet's current name AND the
 * marker's id is the sheet's id. The marker is plain text that a copy of the
 * sheet carries along, but Excel gives the copy a new id: a user's copy of our
 * sheet is never replaced, not even once renamed back to our sheet's name. A
 * sheet the user renamed has in effect been taken over and is not replaced
 * either. A marked sheet holding an Excel table the plan does not declare is
 * not replaced: that table is the user's data.
 *
 * The id is what the ownership rests on, so every doubt falls on the user's
 * side: a marker without an id (written before ids were recorded) does not
 * match, and on a host that issues a sheet a new id in each session (older
 * Excel builds were documented to) our sheet reads as the user's after the
 * workbook is reopened. Regenerating then writes "Name (2)" beside it: a
 * nuisance, never a loss.
 */
export {
  MAX_SHEET_NAME_LENGTH,
  sheetNameKey,
  uniqueSheetName,
  validSheetName,
} from "../reports/sheetplan";

/** Worksheet custom property key (ExcelApi 1.12). */
export const OWNER_PROPERTY_KEY = "LtcDesk.Owner";
/** Sheet-scoped defined name used where custom properties are missing. */
export const OWNER_NAME = "LtcDesk_Owner";

export type MarkerStore = "customProperties" | "names";

export interface OwnerMarker {
  /** the plan's ownerKey (or its digest when long) */
  owner: string;
  /** the sheet name the marker was written for */
  sheet: string;
  /** Worksheet.id of the sheet the marker was written on */
  sheetId: string;
}

/** Custom property values and string constants in names are limited to 255 characters. */
const MARKER_LIMIT = 255;

/** FNV-1a, 32-bit, as 8 hex digits: a stable short digest (not a security measure). */
function fnv1a(text: string, seed = 0x811c9dc5): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/** The ownerKey as stored: itself when short, else a prefix plus a 64-bit digest. */
export function ownerDigest(ownerKey: string): string {
  if (ownerKey.length <= 160) return ownerKey;
  return `${ownerKey.slice(0, 120)}#${fnv1a(ownerKey)}${fnv1a(ownerKey, 0x01000193)}`;
}

/** Version of the marker format: 2 records the sheet's id (version 1 did not and never matches). */
const MARKER_VERSION = 2;

/** The marker text for a sheet: JSON, at most 255 characters. */
export function markerText(ownerKey: string, sheetName: string, sheetId: string): string {
  const text = JSON.stringify({ ltc: MARKER_VERSION, o: ownerDigest(ownerKey), s: sheetName, i: sheetId });
  if (text.length <= MARKER_LIMIT) return text;
  // only reachable with many escaped characters: fall back to a pure digest
  return JSON.stringify({ ltc: MARKER_VERSION, o: `#${fnv1a(ownerKey)}${fnv1a(ownerKey, 0x01000193)}`, s: sheetName, i: sheetId });
}

/** Reads marker text (custom property value, or a name's formula `="…"`); null if it is not ours. */
export function parseMarker(text: unknown): OwnerMarker | null {
  if (typeof text !== "string" || text === "") return null;
  let t = text;
  const constant = /^="((?:[^"]|"")*)"$/.exec(t);
  if (constant) t = constant[1].replace(/""/g, '"');
  try {
    const o = JSON.parse(t) as { ltc?: unknown; o?: unknown; s?: unknown; i?: unknown };
    if (o && o.ltc === MARKER_VERSION && typeof o.o === "string" && typeof o.s === "string" && typeof o.i === "string" && o.i !== "") {
      return { owner: o.o, sheet: o.s, sheetId: o.i };
    }
  } catch {
    return null;
  }
  return null;
}

/** The formula of the defined name that carries a marker: a string constant. */
export function markerFormula(ownerKey: string, sheetName: string, sheetId: string): string {
  return `="${markerText(ownerKey, sheetName, sheetId).replace(/"/g, '""')}"`;
}

/** What the renderer learned about a sheet already in the workbook. */
export interface ExistingSheet {
  name: string;
  /** Worksheet.id */
  id: string;
  position: number;
  marker: OwnerMarker | null;
  /** names of the Excel tables on the sheet */
  tableNames: string[];
}

export interface SheetTarget {
  plan: SheetPlan;
  /** the final sheet name */
  name: string;
  /** our earlier sheet for the same ownerKey, to be replaced; null for a new sheet */
  replaces: ExistingSheet | null;
}

/** A table name without the "_2" suffix uniqueTableName may have added, for comparison. */
function tableBaseKey(name: string): string {
  return name.replace(/_\d+$/, "").toUpperCase();
}

/** True when `sheet` is LTC Desk's own sheet for `plan` (see the matching rule above). */
export function isOwnSheet(sheet: ExistingSheet, plan: Pick<SheetPlan, "ownerKey" | "tables">): boolean {
  const declared = new Set((plan.tables ?? []).map((t) => tableBaseKey(t.name)));
  return (
    sheet.marker !== null &&
    sheet.tableNames.every((name) => declared.has(tableBaseKey(name))) &&
    sheet.marker.sheetId === sheet.id &&
    sheet.marker.owner === ownerDigest(plan.ownerKey) &&
    sheetNameKey(sheet.marker.sheet) === sheetNameKey(sheet.name)
  );
}

/**
 * Decides each plan's sheet: the own sheet it replaces (if any) and a valid
 * name unique among the workbook's other sheets and the earlier plans' sheets.
 * A replaced sheet's name is free for its replacement; every other name stays
 * taken, so a user's sheet of the wanted name makes ours "Name (2)".
 */
export function planTargets(plans: readonly SheetPlan[], existing: readonly ExistingSheet[]): SheetTarget[] {
  const claimed = new Set<ExistingSheet>();
  const replacements = plans.map((plan) => {
    const own = existing.find((s) => !claimed.has(s) && isOwnSheet(s, plan)) ?? null;
    if (own) claimed.add(own);
    return own;
  });
  const taken: string[] = existing.filter((s) => !claimed.has(s)).map((s) => s.name);
  return plans.map((plan, i) => {
    const name = uniqueSheetName(plan.name, taken);
    taken.push(name);
    return { plan, name, replaces: replacements[i] };
  });
}

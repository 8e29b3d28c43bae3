import { Block, blockWidth, InputCell, isFormula, planExtent, PlanValue, resolveListValidations, SheetPlan } from "../reports/sheetplan";

/**
 * Carrying a user's entries over when LTC Desk regenerates one of its sheets.
 *
 * A plan names its input cells by stable keys (SheetPlan.inputs: section, row
 * identity and field, e.g. "team/role.pm/person"). The renderer keeps that
 * key → cell map with the sheet it writes: in a hidden column right of the
 * sheet's content, one cell per row holding the row's input cells (column,
 * key, label, and what we wrote there), and a sheet-scoped name
 * (INPUT_KEYS_NAME) over that column so the next run finds it. We chose cells
 * of the sheet itself over a custom property or a name constant because they
 * have room for hundreds of keys (those two hold 255 characters), they are
 * saved with the sheet and go with it (the ownership marker binds the sheet
 * to its worksheet id), and a key cell moves with its row when the user
 * inserts or deletes rows, so an entry stays matched to its key.
 *
 * On regeneration the renderer reads the earlier sheet's cells and its key
 * column in one range read, and every entry that differs from what we wrote
 * (a value typed, a seeded value changed or cleared, a formula typed) goes
 * into the new sheet's cell with the same key. An entry whose key the new
 * plan does not have (a role no longer in the team) is never dropped: it is
 * listed below the new sheet's content with what it was for, and stays an
 * entry there (its key kept) so a later regeneration carries it again, or
 * puts it back in place if its key returns.
 *
 * Columns inserted or deleted in the earlier sheet move the key column away
 * from where its cells say it was written: the columns of the entries can no
 * longer be trusted, so nothing is matched and the earlier sheet is kept as
 * the user's (see render.ts).
 */

/** Sheet-scoped name over the hidden column that holds a generated sheet's input keys. */
export const INPUT_KEYS_NAME = "LtcDesk_Inputs";

/** Version of the key cells' format. */
const KEY_FORMAT = 1;

/**
 * One input cell as its row's key cell records it: the column, the key, the
 * label, and what we wrote there. Without the fourth element the cell holds a
 * user's entry whatever it holds (an entry carried into the list of entries
 * without a place).
 */
type KeyEntry = [col: number, key: string, label: string, written?: PlanValue];

interface KeyCell {
  ltc: typeof KEY_FORMAT;
  /** the column the key cells were written in: elsewhere now means columns were inserted or deleted */
  at: number;
  cells: KeyEntry[];
}

/** A user's entry in an earlier sheet: its key and label there, and what it holds (a formula the user typed stays one). */
export interface EarlierEntry {
  key: string;
  label: string;
  value: PlanValue;
  /** the cell's number format when not General (a date stays a date in the list of entries without a place) */
  numberFormat?: string;
}

/** An earlier entry whose key the new sheet does not have, as listed below its content. */
export interface UnplacedEntry {
  label: string;
  /** the value, or the text of a formula */
  value: string | number | boolean;
}

/** What a regeneration did with the user's entries in the sheet it replaced. */
export interface CarriedInputs {
  /** entries written into the new sheet's cells of the same keys */
  placed: number;
  /** entries whose key the new sheet does not have: listed below its content */
  unplaced: UnplacedEntry[];
}

/** Texts of the list of entries without a place when a plan gives none (it declares no inputs of its own). */
const DEFAULT_UNPLACED = {
  title: "未能放回原处的原有输入 · Earlier entries without a place in this sheet",
  place: "原位置 · Was for",
  entry: "内容 · Entry",
};

// ------------------------------------------------------------------ writing the key column

/** Where a plan's key column goes: right of its content and of the hidden columns its long lists need, one column apart. */
export function keyColumnOf(plan: SheetPlan): number {
  return planExtent(plan).cols + 1 + resolveListValidations(plan).helperColumns.length;
}

/** Each cell's value as the plan's blocks write it (later blocks win). */
function planCellValues(plan: SheetPlan): Map<string, PlanValue> {
  const out = new Map<string, PlanValue>();
  for (const b of plan.blocks) b.values.forEach((row, r) => row.forEach((v, c) => out.set(`${b.row + r},${b.col + c}`, v)));
  return out;
}

/**
 * The key column of a sheet's input cells: a block of key cells from row 0 to
 * the last input row (null where a row has none), at `col`. What each cell
 * "was written with" is the generated plan's value, never an entry carried
 * into it: an entry carried over stays an entry at the next regeneration.
 * `userEntries` are keys whose cells hold a user's entry whatever they hold.
 */
export function keyColumnBlock(generated: SheetPlan, cells: readonly InputCell[], col: number, userEntries: ReadonlySet<string> = new Set()): Block | null {
  if (cells.length === 0) return null;
  const written = planCellValues(generated);
  const byRow = new Map<number, KeyEntry[]>();
  for (const c of cells) {
    const entry: KeyEntry = userEntries.has(c.key) ? [c.col, c.key, c.label] : [c.col, c.key, c.label, written.get(`${c.row},${c.col}`) ?? null];
    byRow.set(c.row, [...(byRow.get(c.row) ?? []), entry]);
  }
  const last = Math.max(...byRow.keys());
  const values: PlanValue[][] = [];
  for (let r = 0; r <= last; r++) {
    const entries = byRow.get(r);
    values.push([entries ? JSON.stringify({ ltc: KEY_FORMAT, at: col, cells: entries } satisfies KeyCell) : null]);
  }
  return { row: 0, col, values };
}

// ------------------------------------------------------------------ reading an earlier sheet

/** The key column's range from a name's formula ("='章程-X'!$J$1:$J$148"), or null when it is no range (#REF!: its column was deleted). */
export function keyRangeOf(formula: string): { col: number; firstRow: number; lastRow: number } | null {
  const m = /!\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(formula.trim());
  if (!m || (m[3] !== undefined && m[3] !== m[1])) return null;
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const firstRow = Number(m[2]) - 1;
  return { col, firstRow, lastRow: m[4] === undefined ? firstRow : Number(m[4]) - 1 };
}

/** A cell's content as an entry: a formula the user typed (Range.formulas starts with "="), a value, or null for an empty cell. */
function entryOf(value: unknown, formula: unknown): PlanValue {
  if (typeof formula === "string" && formula.startsWith("=")) return { formula };
  if (value === "" || value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "string") return value;
  return String(value);
}

/** True when a cell still holds what we wrote there: not an entry of the user's. */
function asWritten(written: PlanValue, now: PlanValue): boolean {
  const blank = (v: PlanValue) => v === null || v === "";
  if (blank(written) || blank(now)) return blank(written) && blank(now);
  if (isFormula(written) || isFormula(now)) {
    const text = (v: PlanValue) => (isFormula(v) ? (v.formula.startsWith("=") ? v.formula : `=${v.formula}`) : null);
    return text(written) === text(now);
  }
  return typeof written === typeof now && written === now;
}

/** The columns of the input cells a key cell names (none when it is no key cell): what to read of its row. */
export function keyedColumns(text: unknown): number[] {
  return parseKeyCell(text)?.cells.map(([col]) => col) ?? [];
}

function parseKeyCell(text: unknown): KeyCell | null {
  if (typeof text !== "string" || !text.startsWith("{")) return null;
  try {
    const o = JSON.parse(text) as Partial<KeyCell>;
    if (o.ltc !== KEY_FORMAT || typeof o.at !== "number" || !Array.isArray(o.cells)) return null;
    const cells = o.cells.filter((e): e is KeyEntry => Array.isArray(e) && typeof e[0] === "number" && typeof e[1] === "string" && typeof e[2] === "string");
    return { ltc: KEY_FORMAT, at: o.at, cells };
  } catch {
    return null;
  }
}

/**
 * The user's entries in an earlier sheet, from its cells read from column A
 * to its key column (`values` and `formulas` of that range, starting at
 * worksheet row `firstRow`): every input cell whose content differs from what
 * we wrote. "columnsMoved" when the key cells say they were written in
 * another column (columns were inserted or deleted: no entry can be placed
 * by its column).
 */
export function earlierEntries(
  values: readonly (readonly unknown[])[],
  formulas: readonly (readonly unknown[])[],
  numberFormats: readonly (readonly unknown[])[],
  keyCol: number,
): EarlierEntry[] | "columnsMoved" {
  const out: EarlierEntry[] = [];
  for (let r = 0; r < values.length; r++) {
    const keys = parseKeyCell(values[r][keyCol]);
    if (!keys) continue;
    if (keys.at !== keyCol) return "columnsMoved";
    for (const [col, key, label, ...written] of keys.cells) {
      const now = entryOf(values[r][col], formulas[r]?.[col]);
      const isEntry = written.length === 0 ? now !== null : !asWritten(written[0] ?? null, now);
      if (!isEntry) continue;
      const format = numberFormats[r]?.[col];
      out.push(typeof format === "string" && format !== "General" ? { key, label, value: now, numberFormat: format } : { key, label, value: now });
    }
  }
  return out;
}

// ------------------------------------------------------------------ the new sheet with the entries carried over

/** The text an entry without a place shows: a formula as its text (its references were to cells of the earlier sheet). */
function shownValue(v: PlanValue): string | number | boolean {
  if (v === null) return "";
  return isFormula(v) ? v.formula : v;
}

/**
 * The plan with the earlier entries carried over: each into the cell of its
 * key, the rest listed below the plan's content (label, entry) as input cells
 * that keep their keys. `userEntries` are the keys of that list (their cells
 * hold a user's entry whatever they hold, for the key column).
 */
export function carryInto(plan: SheetPlan, entries: readonly EarlierEntry[]): { plan: SheetPlan; carried: CarriedInputs; userEntries: Set<string> } {
  const cellOf = new Map<string, InputCell>((plan.inputs?.cells ?? []).map((c) => [c.key, c]));
  const blocks = plan.blocks.map((b) => ({ ...b, values: b.values.map((row) => row.slice()) }));
  const extra: Block[] = [];
  const unplaced: EarlierEntry[] = [];
  let placed = 0;
  for (const entry of entries) {
    const cell = cellOf.get(entry.key);
    if (!cell) {
      unplaced.push(entry);
      continue;
    }
    placed++;
    // the block that writes the cell last (a cell no block writes gets one of its own)
    const block = [...blocks].reverse().find((b) => cell.row >= b.row && cell.row < b.row + b.values.length && cell.col >= b.col && cell.col < b.col + blockWidth(b));
    if (block) {
      const row = block.values[cell.row - block.row];
      while (row.length < cell.col - block.col) row.push(null);
      row[cell.col - block.col] = entry.value;
    } else extra.push({ row: cell.row, col: cell.col, values: [[entry.value]] });
  }
  const userEntries = new Set<string>();
  const carried: CarriedInputs = { placed, unplaced: unplaced.map((e) => ({ label: e.label, value: shownValue(e.value) })) };
  if (unplaced.length === 0) return { plan: { ...plan, blocks: [...blocks, ...extra] }, carried, userEntries };

  const texts = plan.inputs?.unplaced ?? DEFAULT_UNPLACED;
  const top = planExtent(plan).rows + 1;
  const listed: InputCell[] = unplaced.map((e, i) => ({ key: e.key, row: top + 2 + i, col: 1, label: e.label }));
  for (const e of unplaced) userEntries.add(e.key);
  // each entry keeps its number format (a row style of only that, layered over the column styles)
  const styles: SheetPlan["styles"] = { ...plan.styles, ...UNPLACED_STYLES };
  const formatStyles = new Map<string, string>();
  for (const e of unplaced) {
    if (e.numberFormat === undefined || formatStyles.has(e.numberFormat)) continue;
    const name = `ltc.unplacedFormat${formatStyles.size + 1}`;
    formatStyles.set(e.numberFormat, name);
    styles[name] = { numberFormat: e.numberFormat };
  }
  return {
    plan: {
      ...plan,
      styles,
      blocks: [
        ...blocks,
        ...extra,
        { row: top, col: 0, values: [[texts.title]], style: "ltc.unplacedTitle" },
        { row: top + 1, col: 0, values: [[texts.place, texts.entry]], style: "ltc.unplacedHeader" },
        // the entry keeps what it was: a formula is shown as its text, so it cannot compute against cells it never meant
        {
          row: top + 2,
          col: 0,
          values: unplaced.map((e) => [e.label, shownValue(e.value)]),
          columnStyles: ["ltc.unplacedLabel", "ltc.unplacedEntry"],
          rowStyles: unplaced.map((e) => (e.numberFormat === undefined ? undefined : formatStyles.get(e.numberFormat))),
        },
      ],
      inputs: { cells: [...(plan.inputs?.cells ?? []), ...listed], unplaced: texts },
    },
    carried,
    userEntries,
  };
}

const UNPLACED_STYLES: SheetPlan["styles"] = {
  "ltc.unplacedTitle": { bold: true, fontColor: "#C00000" },
  "ltc.unplacedHeader": { bold: true, fill: "#F2F2F2", border: true },
  "ltc.unplacedLabel": { border: true, wrap: true, vAlign: "top" },
  "ltc.unplacedEntry": { border: true, wrap: true, vAlign: "top", input: true },
};

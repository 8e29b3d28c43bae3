/**
 * Reading an LTC formula for "Explain this cell". Pure: no Office, no DOM.
 *
 * Excel hands us `range.formulas` in invariant (English) syntax, e.g.
 *   =LTC.OPPSCORE(B2,"认可",'Opps 2026'!D2,0.3)
 * We accept one LTC call whose arguments are cell references, ranges on one
 * sheet, or literals (numbers, text, TRUE/FALSE, omitted). Anything else
 * (nested functions, arithmetic) is reported, not guessed at.
 */

/** A cell or range reference as written, resolved to a sheet (undefined = the formula's own sheet). */
export interface RefArg {
  kind: "ref";
  /** sheet name without quotes, or undefined for the formula's own sheet */
  sheet?: string;
  /** A1 address without $ signs: "B2" or "B2:D4" */
  address: string;
  /** the text as written in the formula: "$B$2", "'My sheet'!B2:D4" */
  text: string;
  isRange: boolean;
}

export interface LiteralArg {
  kind: "literal";
  value: string | number | boolean;
  text: string;
}

export interface OmittedArg {
  kind: "omitted";
  text: "";
}

/** An argument we cannot evaluate on our own (a nested call, arithmetic, a name). */
export interface ExpressionArg {
  kind: "expression";
  text: string;
}

export type FormulaArg = RefArg | LiteralArg | OmittedArg | ExpressionArg;

export interface LtcCall {
  /** function name without the namespace, upper case: "OPPSCORE" */
  name: string;
  args: FormulaArg[];
  /** true when the formula is exactly this one call (nothing around it) */
  whole: boolean;
}

export type ParseResult = { ok: true; call: LtcCall } | { ok: false; reason: "notFormula" | "noLtcCall" | "syntax"; detail?: string };

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

/** Finds and reads the first LTC.NAME(...) call of a formula. */
export function parseLtcFormula(formula: unknown): ParseResult {
  if (typeof formula !== "string" || !formula.startsWith("=")) return { ok: false, reason: "notFormula" };
  const start = findLtcCall(formula);
  if (start < 0) return { ok: false, reason: "noLtcCall" };
  const nameMatch = /^LTC\.([A-Za-z_][A-Za-z0-9_.]*)\s*\(/i.exec(formula.slice(start));
  if (!nameMatch) return { ok: false, reason: "noLtcCall" };
  const name = nameMatch[1].toUpperCase();
  const open = start + nameMatch[0].length - 1;
  const close = matchingParen(formula, open);
  if (close < 0) return { ok: false, reason: "syntax", detail: "unbalanced parentheses or quotes" };
  const inner = formula.slice(open + 1, close);
  const pieces = splitArgs(inner);
  // LTC.NAME() has no arguments, not one omitted argument.
  const args = pieces.length === 1 && pieces[0].trim() === "" ? [] : pieces.map((p) => readArg(p));
  const before = formula.slice(1, start).trim();
  const after = formula.slice(close + 1).trim();
  return { ok: true, call: { name, args, whole: before === "" && after === "" } };
}

/** Index of the first "LTC." that starts a call, outside string literals and quoted sheet names. */
function findLtcCall(formula: string): number {
  let i = 1;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      i = skipQuoted(formula, i);
      if (i < 0) return -1;
      continue;
    }
    if (/[Ll]/.test(ch) && /^LTC\.[A-Za-z_]/i.test(formula.slice(i, i + 5))) {
      const prev = formula[i - 1];
      // "XLTC.FOO" or "Sheet.LTC" is not our namespace.
      if (!/[A-Za-z0-9_.]/.test(prev)) return i;
    }
    i++;
  }
  return -1;
}

/** Index just after the closing quote of the quoted run starting at `i` (quotes doubled inside), or -1. */
function skipQuoted(text: string, i: number): number {
  const q = text[i];
  let j = i + 1;
  while (j < text.length) {
    if (text[j] === q) {
      if (text[j + 1] === q) {
        j += 2;
        continue;
      }
      return j + 1;
    }
    j++;
  }
  return -1;
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' || ch === "'") {
      i = skipQuoted(text, i);
      if (i < 0) return -1;
      continue;
    }
    if (ch === "(" || ch === "{") depth++;
    else if (ch === ")" || ch === "}") {
      depth--;
      if (depth === 0) return i;
    }
    i++;
  }
  return -1;
}

/** Splits an argument list at top-level commas. */
function splitArgs(inner: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let startAt = 0;
  let i = 0;
  while (i < inner.length) {
    const ch = inner[i];
    if (ch === '"' || ch === "'") {
      const next = skipQuoted(inner, i);
      i = next < 0 ? inner.length : next;
      continue;
    }
    if (ch === "(" || ch === "{") depth++;
    else if (ch === ")" || ch === "}") depth--;
    else if (ch === "," && depth === 0) {
      out.push(inner.slice(startAt, i));
      startAt = i + 1;
    }
    i++;
  }
  out.push(inner.slice(startAt));
  return out;
}

function readArg(raw: string): FormulaArg {
  const text = raw.trim();
  if (text === "") return { kind: "omitted", text: "" };
  if (text.startsWith('"')) {
    const end = skipQuoted(text, 0);
    if (end === text.length) return { kind: "literal", value: text.slice(1, -1).replace(/""/g, '"'), text };
    return { kind: "expression", text };
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?$/.test(text)) {
    const percent = text.endsWith("%");
    const n = Number(percent ? text.slice(0, -1) : text);
    if (Number.isFinite(n)) return { kind: "literal", value: percent ? n / 100 : n, text };
  }
  if (/^(TRUE|FALSE)$/i.test(text)) return { kind: "literal", value: text.toUpperCase() === "TRUE", text };
  const ref = readRef(text);
  if (ref) return ref;
  return { kind: "expression", text };
}

/** B2, $B$2, B2:C9, Sheet1!B2, 'My sheet'!B2:C9. */
function readRef(text: string): RefArg | undefined {
  let sheet: string | undefined;
  let rest = text;
  if (text.startsWith("'")) {
    const end = skipQuoted(text, 0);
    if (end < 0 || text[end] !== "!") return undefined;
    sheet = text.slice(1, end - 1).replace(/''/g, "'");
    rest = text.slice(end + 1);
  } else {
    const bang = text.indexOf("!");
    if (bang >= 0) {
      sheet = text.slice(0, bang);
      // an unquoted sheet name is a plain word (Excel quotes anything else)
      if (!/^[\p{L}\p{N}_.]+$/u.test(sheet)) return undefined;
      rest = text.slice(bang + 1);
    }
  }
  const parts = rest.split(":");
  if (parts.length > 2) return undefined;
  const cells = parts.map((p) => CELL.exec(p));
  if (cells.some((m) => !m)) return undefined;
  const address = cells.map((m) => `${m![1].toUpperCase()}${m![2]}`).join(":");
  return { kind: "ref", sheet, address, text, isRange: parts.length === 2 };
}

/** "'My sheet'!B2" for messages and range lookups: quotes a sheet name when Excel would. */
export function qualifiedAddress(sheet: string, address: string): string {
  const bare = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(sheet) && !CELL.test(sheet);
  return `${bare ? sheet : `'${sheet.replace(/'/g, "''")}'`}!${address}`;
}

import { sectionCompiler } from "./compile";
import { badArg, missingArg } from "./errors";
import { normalizeLabel } from "./normalize";
import { Lang, Text } from "./types";

/**
 * One value of a rulebook vocabulary: a stable code, display text in both
 * languages, and the other spellings users type (short forms, English
 * variants). Simplified and traditional spellings of `zh` need not be listed:
 * normalizeLabel folds traditional characters.
 */
export interface LabelRow {
  code: string;
  zh: string;
  en: string;
  aliases: string[];
}

const MEMO_LIMIT = 4096;

/** Exact, normalised lookup of labels; built once per rulebook table. */
export class Vocabulary<R extends LabelRow = LabelRow> {
  private readonly index = new Map<string, R>();
  private readonly memo = new Map<string, R | null>();
  /** duplicate spellings found while indexing: "alias" → [code, code] */
  readonly conflicts: Array<{ alias: string; codes: [string, string] }> = [];

  constructor(readonly rows: readonly R[]) {
    for (const row of rows) {
      for (const spelling of [row.zh, row.en, ...row.aliases]) {
        const key = normalizeLabel(String(spelling));
        if (!key) continue;
        const prior = this.index.get(key);
        if (prior && prior !== row) {
          this.conflicts.push({ alias: spelling, codes: [prior.code, row.code] });
          continue;
        }
        this.index.set(key, row);
      }
    }
  }

  /** The row a typed label names, or undefined. */
  find(input: string): R | undefined {
    const hit = this.memo.get(input);
    if (hit !== undefined) return hit ?? undefined;
    const row = this.index.get(normalizeLabel(input));
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(input, row ?? null);
    return row;
  }

  /**
   * Reads an argument as one of the rows, or throws #VALUE! naming the
   * argument and every accepted label (see parseLabel).
   */
  read(input: unknown, argName: string, options: ParseLabelOptions<R> & { optional: true }): R | undefined;
  read(input: unknown, argName: string, options?: ParseLabelOptions<R>): R;
  read(input: unknown, argName: string, options: ParseLabelOptions<R> = {}): R | undefined {
    if (typeof input === "string") {
      const row = this.find(input);
      if (row) return row;
    }
    if (isBlank(input)) {
      if (options.optional) return undefined;
      throw missingArg(argName, acceptedLabels(this, options.scoreOf));
    }
    if (options.scoreOf) {
      // a score typed as text is plain digits ("４" too): Number() would also take "0x4", "4e0" or "".
      const digits = typeof input === "string" ? input.normalize("NFKC").trim() : "";
      const n = typeof input === "number" ? input : /^\d+$/.test(digits) ? Number(digits) : NaN;
      const row = Number.isInteger(n) ? this.rows.find((r) => options.scoreOf?.(r) === n) : undefined;
      if (row) return row;
    }
    throw badArg(argName, input, acceptedLabels(this, options.scoreOf));
  }

  byCode(code: string): R | undefined {
    return this.rows.find((r) => r.code === code);
  }

  /** "accepts 认可 (recognised), 不认可 (not recognised)" for messages. */
  describe(): string {
    return this.rows.map((r) => (r.zh === r.en ? r.zh : `${r.zh} (${r.en})`)).join(", ");
  }
}

const buildVocabulary = <R extends LabelRow>(rows: readonly R[]): Vocabulary<R> => new Vocabulary(rows);

/** The vocabulary of a rulebook table, built once per (frozen) table. */
export function vocabularyOf<R extends LabelRow>(rows: readonly R[]): Vocabulary<R> {
  return buildVocabularyOnce(rows) as Vocabulary<R>;
}

export interface ParseLabelOptions<R> {
  /** where a 4/3/2/1 criterion is asked for, the numbers 1–4 pick the row with that score */
  scoreOf?: (row: R) => number;
  /** the input may be blank: then parseLabel returns undefined */
  optional?: boolean;
}

/**
 * Reads an argument as one row of a vocabulary, or throws #VALUE! naming the
 * argument and every accepted label.
 */
export function parseLabel<R extends LabelRow>(
  rows: readonly R[],
  input: unknown,
  argName: string,
  options: ParseLabelOptions<R> & { optional: true },
): R | undefined;
export function parseLabel<R extends LabelRow>(
  rows: readonly R[],
  input: unknown,
  argName: string,
  options?: ParseLabelOptions<R>,
): R;
export function parseLabel<R extends LabelRow>(
  rows: readonly R[],
  input: unknown,
  argName: string,
  options: ParseLabelOptions<R> = {},
): R | undefined {
  return vocabularyOf(rows).read(input, argName, options);
}

// Messages are built only on the error path: the lookup in Vocabulary.read is the hot path.
function acceptedLabels<R extends LabelRow>(vocab: Vocabulary<R>, scoreOf?: (row: R) => number): string {
  return `accepts ${vocab.describe()}` + (scoreOf ? `, or its score ${scoresText(vocab.rows, scoreOf)}` : "");
}

function scoresText<R>(rows: readonly R[], scoreOf: (row: R) => number): string {
  // a loop, not Math.max(...scores): a rules sheet may hold more rows than a call can take arguments
  let max = -Infinity;
  let min = Infinity;
  for (const row of rows) {
    const score = scoreOf(row);
    if (score > max) max = score;
    if (score < min) min = score;
  }
  return `${max}–${min}`;
}

export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

export function textOf(row: Text, lang: Lang): string {
  return lang === "en" ? row.en : row.zh;
}

/** buildVocabulary, once per (frozen) section. */
const buildVocabularyOnce = sectionCompiler(buildVocabulary);

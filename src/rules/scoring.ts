import type { CriterionRow, ScoredLabelRow } from "./data/scoring";
import { parseLabel } from "./labels";
import { RuleRef, Text } from "./types";

/**
 * A 4/3/2/1 scoring model's criterion, compiled from its rulebook tables: the
 * evaluation shared by the opportunity score (§4) and the payment-capability
 * score (§5).
 */

export interface ScorePart {
  /** criterion code: "brand" | "maturity" | "competitorShare" | "price" (or a payment criterion) */
  criterion: string;
  /** the criterion's name */
  name: Text;
  /** the row (or band) the input matched */
  label: Text;
  /** that row's code */
  code: string;
  score: number;
}

export interface WeightedPart extends ScorePart {
  weight: number;
}

/** A row a criterion can score: a label row or a band. */
export type ScoredRow = Text & { code: string; score: number };

/** What scoring one row contributes: its part of the answer and its RuleRef. Shared and frozen. */
export interface ScoredEntry {
  part: WeightedPart;
  ref: RuleRef;
}

const scoreOf = (row: ScoredLabelRow) => row.score;

const MEMO_LIMIT = 1024;

/**
 * One criterion of a scoring model: its name, best score and weight, and for
 * each row the part and RuleRef it contributes ("客户成熟度：长期合作客户 →
 * 4分"), all built when the section is compiled. Label inputs are memoised,
 * so a formula recalculated over many rows costs a map lookup.
 */
export class ScoredCriterion<R extends ScoredRow> {
  readonly name: Text;
  readonly best: number;
  private readonly entries = new Map<R, ScoredEntry>();
  private readonly memo = new Map<unknown, ScoredEntry>();

  constructor(
    readonly section: string,
    readonly criterion: string,
    readonly table: readonly R[],
    criteria: readonly CriterionRow[],
    readonly weight = 1,
  ) {
    const named = criteria.find((c) => c.code === criterion);
    const name = Object.freeze(named ? { zh: named.zh, en: named.en } : { zh: criterion, en: criterion });
    this.name = name;
    let best = -Infinity;
    for (const row of table) {
      if (row.score > best) best = row.score;
      const label = Object.freeze({ zh: row.zh, en: row.en });
      const text = Object.freeze({ zh: `${name.zh}：${row.zh} → ${row.score}分`, en: `${name.en}: ${row.en} → ${row.score}` });
      this.entries.set(row, {
        part: Object.freeze({ criterion, name, label, code: row.code, score: row.score, weight }),
        ref: Object.freeze({ table: `${section}.${criterion}`, row: row.code, text }),
      });
    }
    this.best = best;
  }

  /** The part and RuleRef of one of the criterion's rows. */
  entryFor(row: R): ScoredEntry {
    return this.entries.get(row)!;
  }

  /** Reads a label or a score 1–4 (label tables only); throws #VALUE! naming the criterion. */
  read(input: unknown): ScoredEntry {
    const hit = this.memo.get(input);
    if (hit) return hit;
    const row = parseLabel(this.table as unknown as readonly ScoredLabelRow[], input, this.criterion, { scoreOf });
    const entry = this.entryFor(row as unknown as R);
    if (typeof input === "string" || typeof input === "number") {
      if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
      this.memo.set(input, entry);
    }
    return entry;
  }
}

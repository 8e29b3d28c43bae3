import type { LabelRow } from "../labels";

/**
 * The row shapes of a 4/3/2/1 scoring model, shared by the opportunity
 * evaluation (§4) and the payment-capability model (§5).
 */

/** A value of a 4/3/2/1 criterion. */
export interface ScoredLabelRow extends LabelRow {
  score: number;
}

/** A criterion of a scoring model; `code` is also the name of the table holding its values. */
export interface CriterionRow extends LabelRow {
  /** the function argument it is read from, e.g. "competitorShare" */
  arg: string;
}

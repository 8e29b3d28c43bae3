import { sectionCompiler } from "./compile";
import { PaymentRules } from "./data/payment";
import { ScoredLabelRow } from "./data/scoring";
import type { Rulebook } from "./rulebook";
import { ScoredCriterion, ScorePart } from "./scoring";
import { Decision } from "./types";

/** Rulebook §5, the payment-capability model, evaluated; the tables are in data/payment. */

export interface PaymentInputs {
  ownership: unknown;
  finances: unknown;
  history: unknown;
  industry: unknown;
}

export interface PaymentScore {
  /** plain total, 4–16 by default */
  total: number;
  /** plain maximum (16 by default) */
  max: number;
  parts: ScorePart[];
}

/** §5 compiled: the four criteria with every row's part and RuleRef, and the maximum. */
interface CompiledPayment {
  ownership: ScoredCriterion<ScoredLabelRow>;
  finances: ScoredCriterion<ScoredLabelRow>;
  history: ScoredCriterion<ScoredLabelRow>;
  industry: ScoredCriterion<ScoredLabelRow>;
  max: number;
}

function compilePayment(rules: PaymentRules): CompiledPayment {
  const make = (key: "ownership" | "finances" | "history" | "industry") =>
    new ScoredCriterion("payment", key, rules[key], rules.criteria);
  const [ownership, finances, history, industry] = [make("ownership"), make("finances"), make("history"), make("industry")];
  return { ownership, finances, history, industry, max: ownership.best + finances.best + history.best + industry.best };
}

/**
 * §5: the four payment criteria scored 4/3/2/1 and their total. Arguments
 * are raw cell values (labels or the scores 1–4); throws LtcError on bad input.
 */
export function paymentScore(rb: Pick<Rulebook, "payment">, inputs: PaymentInputs): Decision<PaymentScore> {
  const c = compilePaymentOnce(rb.payment);
  const o = c.ownership.read(inputs.ownership);
  const f = c.finances.read(inputs.finances);
  const h = c.history.read(inputs.history);
  const i = c.industry.read(inputs.industry);
  return {
    value: {
      total: o.part.score + f.part.score + h.part.score + i.part.score,
      max: c.max,
      parts: [o.part, f.part, h.part, i.part],
    },
    reasons: [o.ref, f.ref, h.ref, i.ref],
  };
}

/** compilePayment, once per (frozen) section. */
const compilePaymentOnce = sectionCompiler(compilePayment);

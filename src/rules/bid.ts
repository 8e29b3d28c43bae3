import { sectionCompiler } from "./compile";
import { BidCheckRow, BidRules, VetoRow } from "./data/bid";
import type { Rulebook } from "./rulebook";
import { decided, Decision, RuleRef, Text } from "./types";

/** Rulebook section 9, the bid decision, evaluated; the tables are in data/bid. */

type BidBook = Pick<Rulebook, "bid">;

/** Which veto conditions hold, by the BIDGO argument name of each (customerRejects, noNeed, offStrategy). */
export type BidFacts = Record<string, boolean>;

export interface BidAnswer {
  bid: boolean;
  /** the veto conditions that hold, in rulebook order */
  vetoes: VetoRow[];
  /** 投标 / 不投标：reason；reason (Bid / No bid: reason; reason) */
  text: Text;
}

/** A veto condition compiled with its two reasons ("…：是 / 否"). */
interface CompiledVeto {
  row: VetoRow;
  holds: RuleRef;
  fails: RuleRef;
}

/**
 * §9 compiled: the vetoes in order with their reasons, the two outcome texts,
 * and the answers already given. Only so many answers exist (one per
 * combination of vetoes that hold), each built once, keyed by that combination.
 */
interface CompiledBid {
  vetoes: CompiledVeto[];
  go: Text;
  noGo: Text;
  answers: Map<number, Decision<BidAnswer>>;
}

function compileBid(rules: BidRules): CompiledBid {
  const outcome = (code: string): Text => {
    const row = rules.outcomes.find((o) => o.code === code);
    return Object.freeze(row ? { zh: row.zh, en: row.en } : { zh: code, en: code });
  };
  const vetoes = [...rules.vetoReasons]
    .sort((a, b) => a.seq - b.seq)
    .map((row): CompiledVeto => {
      const ref = (holds: boolean): RuleRef =>
        Object.freeze({
          table: "bid.vetoReasons",
          row: row.code,
          text: Object.freeze({ zh: `${row.zh}：${holds ? "是" : "否"}`, en: `${row.en}: ${holds ? "yes" : "no"}` }),
        });
      return { row, holds: ref(true), fails: ref(false) };
    });
  return { vetoes, go: outcome("bid.go"), noGo: outcome("bid.nogo"), answers: new Map() };
}

/**
 * The bid decision per §9: bid unless a veto condition holds; the text names
 * every condition that holds. A veto row whose argument is absent from facts
 * counts as not holding.
 */
export function bidDecision(rb: BidBook, facts: BidFacts): Decision<BidAnswer> {
  const c = compileBidOnce(rb.bid);
  let mask = 0;
  for (let i = 0; i < c.vetoes.length; i++) if (facts[c.vetoes[i].row.arg] === true) mask |= 1 << i;
  let decision = c.answers.get(mask);
  if (!decision) {
    decision = Object.freeze(buildBidDecision(c, facts));
    c.answers.set(mask, decision);
  }
  return decision;
}

function buildBidDecision(c: CompiledBid, facts: BidFacts): Decision<BidAnswer> {
  const holding = c.vetoes.filter((v) => facts[v.row.arg] === true).map((v) => v.row);
  const reasons = c.vetoes.map((v) => (facts[v.row.arg] === true ? v.holds : v.fails));
  const text: Text =
    holding.length === 0
      ? c.go
      : {
          zh: `${c.noGo.zh}：${holding.map((v) => v.zh).join("；")}`,
          en: `${c.noGo.en}: ${holding.map((v) => v.en).join("; ")}`,
        };
  return decided({ bid: holding.length === 0, vetoes: holding, text }, ...reasons);
}

/** The bid-document checklist in order. */
export function bidChecklist(rb: BidBook): BidCheckRow[] {
  return [...rb.bid.checklist].sort((a, b) => a.seq - b.seq);
}

/** compileBid, once per (frozen) section. */
const compileBidOnce = sectionCompiler(compileBid);

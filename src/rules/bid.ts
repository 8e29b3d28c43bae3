import { LabelRow } from "./labels";
import type { Rulebook } from "./rulebook";
import { decided, Decision, RuleRef, Text } from "./types";

/**
 * Rulebook section 9: the bid decision (投标决策): do not bid when any veto
 * condition (投标否决条件) holds; and the checklist for the bid documents.
 */

/** A veto condition; `arg` is the BIDGO argument that says whether it holds. */
export interface VetoRow extends LabelRow {
  seq: number;
  arg: string;
}

/** The two outcomes: code "bid.go" (投标) and "bid.nogo" (不投标). */
export interface BidOutcomeRow extends Text {
  code: string;
}

/** An item of the bid-document checklist, in order, with who checks it. */
export interface BidCheckRow extends Text {
  code: string;
  seq: number;
  byZh: string;
  byEn: string;
}

export interface BidRules {
  vetoReasons: VetoRow[];
  outcomes: BidOutcomeRow[];
  checklist: BidCheckRow[];
}

export const DEFAULT_BID: BidRules = {
  vetoReasons: [
    {
      code: "veto.rejected",
      seq: 1,
      arg: "customerRejects",
      zh: "客户明确拒绝我方产品(方案)",
      en: "Customer clearly rejects our product (solution)",
      aliases: ["客户明确拒绝我方产品", "客户拒绝", "customer rejects"],
    },
    {
      code: "veto.noneed",
      seq: 2,
      arg: "noNeed",
      zh: "明确无产品需求",
      en: "Clearly no need for the product",
      aliases: ["无产品需求", "no need"],
    },
    {
      code: "veto.offstrategy",
      seq: 3,
      arg: "offStrategy",
      zh: "不符合公司产品销售策略",
      en: "Not in line with the company's product sales strategy",
      aliases: ["不符合销售策略", "off strategy"],
    },
  ],
  outcomes: [
    { code: "bid.go", zh: "投标", en: "Bid" },
    { code: "bid.nogo", zh: "不投标", en: "No bid" },
  ],
  checklist: [
    {
      code: "check.deviations",
      seq: 1,
      byZh: "营销工程师",
      byEn: "Marketing engineer",
      zh: "解读招标文件，明确技术及商务差异条款",
      en: "Read the tender and identify the technical and commercial deviations",
    },
    {
      code: "check.responses",
      seq: 2,
      byZh: "铁三角",
      byEn: "Iron triangle",
      zh: "针对差异点进行充分沟通，作出有竞争力的应答策略",
      en: "Agree competitive responses to the deviations",
    },
    {
      code: "check.qualifications",
      seq: 3,
      byZh: "标书科",
      byEn: "Bid-document office",
      zh: "识别公司无法满足的资质及文件差异",
      en: "Identify the qualifications and documents we cannot meet",
    },
    {
      code: "check.answered",
      seq: 4,
      byZh: "标书科",
      byEn: "Bid-document office",
      zh: "对所有的应答项进行点检，招标文件要求逐条承诺的内容逐条承诺",
      en: "Check that every response item (every technical and commercial table) is answered and every clause the tender asks for is committed one by one",
    },
    {
      code: "check.attachments",
      seq: 5,
      byZh: "标书科",
      byEn: "Bid-document office",
      zh: "标书要求附带文件完整，原件、复印件内容符合要求",
      en: "Attachments complete; originals and copies as the tender requires",
    },
    {
      code: "check.stamped",
      seq: 6,
      byZh: "标书科",
      byEn: "Bid-document office",
      zh: "所有的承诺内容盖章、签字（如法定代表人授权委托书须加盖公章，而非投标专用章）",
      en: "Every commitment stamped and signed (e.g. the legal representative's authorisation letter takes the company seal, not the bid seal)",
    },
    {
      code: "check.final",
      seq: 7,
      byZh: "营销经理",
      byEn: "Marketing manager",
      zh: "结合项目实际情况及标书制作要求对标书进行点检及终审",
      en: "Check the bid documents against the project and the agreed requirements, and give final approval",
    },
  ],
};

/** Which veto conditions hold, by the BIDGO argument name of each (customerRejects, noNeed, offStrategy). */
export type BidFacts = Record<string, boolean>;

export interface BidAnswer {
  bid: boolean;
  /** the veto conditions that hold, in rulebook order */
  vetoes: VetoRow[];
  /** 投标 / 不投标：reason；reason (Bid / No bid: reason; reason) */
  text: Text;
}

/**
 * The bid decision per §9: bid unless a veto condition holds; the text names
 * every condition that holds. A veto row whose argument is absent from facts
 * counts as not holding.
 */
export function bidDecision(rb: Rulebook, facts: BidFacts): Decision<BidAnswer> {
  const vetoes = sortedVetoes(rb.bid);
  // Only so many answers exist (one per combination of vetoes): each is built once per rulebook.
  let mask = 0;
  for (let i = 0; i < vetoes.length; i++) if (facts[vetoes[i].arg] === true) mask |= 1 << i;
  let byMask = decisionCache.get(rb.bid);
  if (!byMask) decisionCache.set(rb.bid, (byMask = new Map()));
  let decision = byMask.get(mask);
  if (!decision) {
    decision = Object.freeze(buildBidDecision(rb, vetoes, facts));
    byMask.set(mask, decision);
  }
  return decision;
}

const decisionCache = new WeakMap<BidRules, Map<number, Decision<BidAnswer>>>();
const vetoOrder = new WeakMap<BidRules, BidRules["vetoReasons"]>();

function sortedVetoes(rules: BidRules): BidRules["vetoReasons"] {
  let sorted = vetoOrder.get(rules);
  if (!sorted) vetoOrder.set(rules, (sorted = [...rules.vetoReasons].sort((a, b) => a.seq - b.seq)));
  return sorted;
}

function buildBidDecision(rb: Rulebook, vetoes: BidRules["vetoReasons"], facts: BidFacts): Decision<BidAnswer> {
  const holding = vetoes.filter((v) => facts[v.arg] === true);
  const reasons: RuleRef[] = vetoes.map((v) => {
    const holds = facts[v.arg] === true;
    return {
      table: "bid.vetoReasons",
      row: v.code,
      text: { zh: `${v.zh}：${holds ? "是" : "否"}`, en: `${v.en}: ${holds ? "yes" : "no"}` },
    };
  });
  const go = outcome(rb, "bid.go");
  const noGo = outcome(rb, "bid.nogo");
  const text: Text =
    holding.length === 0
      ? go
      : {
          zh: `${noGo.zh}：${holding.map((v) => v.zh).join("；")}`,
          en: `${noGo.en}: ${holding.map((v) => v.en).join("; ")}`,
        };
  return decided({ bid: holding.length === 0, vetoes: holding, text }, ...reasons);
}

function outcome(rb: Rulebook, code: string): Text {
  const row = rb.bid.outcomes.find((o) => o.code === code);
  return row ? { zh: row.zh, en: row.en } : { zh: code, en: code };
}

/** The bid-document checklist in order. */
export function bidChecklist(rb: Rulebook): BidCheckRow[] {
  return [...rb.bid.checklist].sort((a, b) => a.seq - b.seq);
}

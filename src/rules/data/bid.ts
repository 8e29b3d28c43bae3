import type { LabelRow } from "../labels";
import type { Text } from "../types";

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

import { BidRules, DEFAULT_BID } from "./data/bid";
import { deepFreeze } from "./compile";
import { CharterRules, DEFAULT_CHARTER } from "./data/charter";
import { ContractRules, DEFAULT_CONTRACT } from "./data/contract";
import { DEFAULT_LEAD, LeadRules } from "./data/lead";
import { DEFAULT_OPPORTUNITY, OpportunityRules } from "./data/opportunity";
import { DEFAULT_OWNER, OwnerRules } from "./data/owner";
import { DEFAULT_PAYMENT, PaymentRules } from "./data/payment";
import { DEFAULT_PROCESS, ProcessRules } from "./data/process";
import { DEFAULT_RECEIVABLES, ReceivablesRules } from "./data/receivables";
import { DEFAULT_SCHEDULE, ScheduleRules } from "./data/schedule";
import { DEFAULT_SHIP, ShipRules } from "./data/ship";
import { DEFAULT_TEAM, TeamRules } from "./data/team";

/**
 * The whole rulebook (spec/ltc-rulebook.md) as one JSON-serialisable object.
 *
 * Shape rule, relied on by export/import and fingerprinting: every section is
 * an object whose every property is a table, i.e. an array of flat rows whose
 * values are strings, numbers, booleans, null or arrays of strings. Scalars
 * (thresholds, rates) are rows of a section's `settings` table.
 */
export interface Rulebook {
  version: string;
  process: ProcessRules; // §1 stages, gates, stage problems
  lead: LeadRules; // §3 lead temperature
  opportunity: OpportunityRules; // §2 opportunity test, §4 evaluation
  payment: PaymentRules; // §5 payment capability
  owner: OwnerRules; // §6 project types, owner department
  team: TeamRules; // §7 classes, roles, ranks
  charter: CharterRules; // §8 bonus, stakeholders, meetings
  bid: BidRules; // §9 bid veto
  contract: ContractRules; // §10 customer classes, contract review
  schedule: ScheduleRules; // §11 production scheduling
  ship: ShipRules; // §12 shipping, photo evidence
  receivables: ReceivablesRules; // §13–14 aging, limitation, escalation
}

export type SectionName = Exclude<keyof Rulebook, "version">;

/** The built-in rulebook, deep-frozen: a changed rulebook is always a new object (see compile.ts). */
export const DEFAULT_RULEBOOK: Rulebook = deepFreeze({
  version: "deck-2026.1",
  process: DEFAULT_PROCESS,
  lead: DEFAULT_LEAD,
  opportunity: DEFAULT_OPPORTUNITY,
  payment: DEFAULT_PAYMENT,
  owner: DEFAULT_OWNER,
  team: DEFAULT_TEAM,
  charter: DEFAULT_CHARTER,
  bid: DEFAULT_BID,
  contract: DEFAULT_CONTRACT,
  schedule: DEFAULT_SCHEDULE,
  ship: DEFAULT_SHIP,
  receivables: DEFAULT_RECEIVABLES,
});

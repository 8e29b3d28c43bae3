// PLACEHOLDER: replaced by the section's owner.
export type OpportunityRules = Record<string, never>;
export const DEFAULT_OPPORTUNITY: OpportunityRules = {};

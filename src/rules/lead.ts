// PLACEHOLDER: replaced by the section's owner.
export type LeadRules = Record<string, never>;
export const DEFAULT_LEAD: LeadRules = {};

// PLACEHOLDER: replaced by the section's owner.
export type BidRules = Record<string, never>;
export const DEFAULT_BID: BidRules = {};

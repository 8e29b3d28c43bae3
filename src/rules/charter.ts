// PLACEHOLDER: replaced by the section's owner.
export type CharterRules = Record<string, never>;
export const DEFAULT_CHARTER: CharterRules = {};

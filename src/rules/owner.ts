// PLACEHOLDER: replaced by the section's owner.
export type OwnerRules = Record<string, never>;
export const DEFAULT_OWNER: OwnerRules = {};

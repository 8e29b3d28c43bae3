// PLACEHOLDER: replaced by the section's owner.
export type ContractRules = Record<string, never>;
export const DEFAULT_CONTRACT: ContractRules = {};

// PLACEHOLDER: replaced by the section's owner.
export type ProcessRules = Record<string, never>;
export const DEFAULT_PROCESS: ProcessRules = {};

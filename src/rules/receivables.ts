// PLACEHOLDER: replaced by the section's owner.
export type ReceivablesRules = Record<string, never>;
export const DEFAULT_RECEIVABLES: ReceivablesRules = {};

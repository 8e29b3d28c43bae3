// PLACEHOLDER: replaced by the section's owner.
export type PaymentRules = Record<string, never>;
export const DEFAULT_PAYMENT: PaymentRules = {};

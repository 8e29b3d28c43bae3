// PLACEHOLDER: replaced by the section's owner.
export type ShipRules = Record<string, never>;
export const DEFAULT_SHIP: ShipRules = {};

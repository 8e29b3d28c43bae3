// PLACEHOLDER: replaced by the section's owner.
export type TeamRules = Record<string, never>;
export const DEFAULT_TEAM: TeamRules = {};

// PLACEHOLDER: replaced by the section's owner.
export type ScheduleRules = Record<string, never>;
export const DEFAULT_SCHEDULE: ScheduleRules = {};

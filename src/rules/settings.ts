import { noRule } from "./errors";
import { Text } from "./types";

/**
 * How a rulebook value came about: stated by the deck, a reading of an
 * ambiguous slide ([reading] in the spec), or a default the deck is silent on
 * ([default]). Readings and defaults are the company's to change.
 */
export type Mark = "deck" | "reading" | "default";

/** A single named value (threshold, rate, number of years) of a section. */
export interface SettingRow extends Text {
  key: string;
  value: number | string;
  mark: Mark;
}

export function settingValue(rows: readonly SettingRow[], key: string): number {
  const value = numericSetting(rows, key);
  if (value === undefined) throw noRule(`rulebook setting ${key} is missing or not a number`);
  return value;
}

/**
 * A numeric setting, or undefined when it is missing or not a number: a
 * compiled section keeps it so, and only an evaluation that needs it fails
 * (through settingValue, which says which setting).
 */
export function numericSetting(rows: readonly SettingRow[], key: string): number | undefined {
  const value = rows.find((r) => r.key === key)?.value;
  return typeof value === "number" ? value : undefined;
}

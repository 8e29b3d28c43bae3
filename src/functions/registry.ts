import { DELIVERY_FUNCTIONS } from "./delivery";
import { OPPORTUNITY_FUNCTIONS } from "./opportunity";
import { PROJECT_FUNCTIONS } from "./project";
import { RECEIVABLES_FUNCTIONS } from "./receivables";
import { RULEBOOK_FUNCTIONS } from "./rulebook";
import { FunctionSpec } from "./spec";

/** Every function of the LTC namespace, by name. */
export const FUNCTIONS: readonly FunctionSpec[] = [
  ...OPPORTUNITY_FUNCTIONS,
  ...PROJECT_FUNCTIONS,
  ...DELIVERY_FUNCTIONS,
  ...RECEIVABLES_FUNCTIONS,
  ...RULEBOOK_FUNCTIONS,
];

const byName = new Map(FUNCTIONS.map((f) => [f.name, f]));

/** The function called NAME (case-insensitive, with or without "LTC."). */
export function functionNamed(name: string): FunctionSpec | undefined {
  return byName.get(name.trim().toUpperCase().replace(/^LTC\./, ""));
}

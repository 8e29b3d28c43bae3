import { DEFAULT_RULEBOOK, Rulebook } from "./rulebook";

/**
 * The rulebook that formulas compute with. In the shared runtime the task
 * pane sets it from the workbook's stored rulebook; elsewhere it is the
 * default. Listeners hear of every change (to recalculate LTC formulas).
 */
let active: Rulebook = DEFAULT_RULEBOOK;
const listeners = new Set<(rb: Rulebook) => void>();

export function activeRulebook(): Rulebook {
  return active;
}

export function setActiveRulebook(rulebook: Rulebook): void {
  active = rulebook;
  for (const listener of listeners) listener(rulebook);
}

export function onRulebookChange(listener: (rb: Rulebook) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

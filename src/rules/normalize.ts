import { TRAD_TO_SIMP } from "./tradmap";

/**
 * Folds a typed label to its matching key: full-width → half-width (NFKC),
 * surrounding spaces dropped, runs of inner spaces made one, case folded, and
 * traditional characters mapped to simplified. Exact-match lookups then use
 * this key, so 民营企业 never matches 大型民营企业.
 */
export function normalizeLabel(input: string): string {
  const folded = input.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
  let out = "";
  for (const ch of folded) out += TRAD_TO_SIMP[ch] ?? ch;
  return out;
}

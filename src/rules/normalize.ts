import { TRAD_TO_SIMP } from "./tradmap";

/**
 * Folds a typed label to its matching key: full-width → half-width (NFKC),
 * surrounding spaces dropped, runs of inner spaces made one, case folded, and
 * traditional characters mapped to simplified. Exact-match lookups then use
 * this key, so 民营企业 never matches 大型民营企业.
 */
export function normalizeLabel(input: string): string {
  // Formulas and report columns repeat a few words: each distinct text is folded once.
  let out = folded.get(input);
  if (out === undefined) {
    out = "";
    for (const ch of input.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase()) out += TRAD_TO_SIMP[ch] ?? ch;
    if (folded.size >= 4096) folded.clear();
    folded.set(input, out);
  }
  return out;
}

const folded = new Map<string, string>();

import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { sectionCompiler } from "./compile";
import { Rulebook } from "./rulebook";

/**
 * Canonical JSON: object keys sorted, no whitespace. JSON number and string
 * formatting does not depend on locale or time zone, so the same rules give
 * the same text, and the same fingerprint, on every machine.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(",")}}`;
}

const fingerprintOf = (rulebook: Rulebook): string => bytesToHex(sha256(utf8ToBytes(canonicalJson(rulebook)))).slice(0, 12);

/**
 * A short content fingerprint of a rulebook: the first 12 hex digits of
 * SHA-256 of its canonical JSON. Computed once per rulebook, which is frozen
 * by then (sectionCompiler), so the fingerprint always matches the content.
 */
export function rulebookFingerprint(rulebook: Rulebook): string {
  return fingerprintOfOnce(rulebook);
}

/** "deck-2026.1 · 3f9a0c1d2e4b" — what footers and LTC.RULESVERSION() show. */
export function rulebookStamp(rulebook: Rulebook): string {
  return `${rulebook.version} · ${rulebookFingerprint(rulebook)}`;
}

/** fingerprintOf, once per (frozen) section. */
const fingerprintOfOnce = sectionCompiler(fingerprintOf);

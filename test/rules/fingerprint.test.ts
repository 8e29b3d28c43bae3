import { canonicalJson, rulebookFingerprint, rulebookStamp } from "../../src/rules/fingerprint";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";

describe("rulebook fingerprint", () => {
  test("canonical JSON sorts keys at every depth", () => {
    expect(canonicalJson({ b: 1, a: [{ d: "x", c: null }] })).toBe('{"a":[{"c":null,"d":"x"}],"b":1}');
  });

  test("the same rules give the same fingerprint, whatever the key order", () => {
    const copy = JSON.parse(JSON.stringify(DEFAULT_RULEBOOK)) as Rulebook;
    const reordered = Object.fromEntries(Object.entries(copy).reverse()) as unknown as Rulebook;
    expect(rulebookFingerprint(reordered)).toBe(rulebookFingerprint(DEFAULT_RULEBOOK));
    expect(rulebookFingerprint(DEFAULT_RULEBOOK)).toMatch(/^[0-9a-f]{12}$/);
  });

  test("a changed rule changes the fingerprint", () => {
    const changed = { ...JSON.parse(JSON.stringify(DEFAULT_RULEBOOK)), version: "company-2027" } as Rulebook;
    expect(rulebookFingerprint(changed)).not.toBe(rulebookFingerprint(DEFAULT_RULEBOOK));
    expect(rulebookStamp(changed)).toMatch(/^company-2027 · [0-9a-f]{12}$/);
  });
});

import { DEFAULT_RULEBOOK } from "../../src/rules/rulebook";

/**
 * The shape rule every section follows (src/rules/rulebook.ts), checked once
 * for the whole default rulebook: export/import, the LTC规则 sheet and the
 * fingerprint rely on it.
 */
function isFlatValue(v: unknown): boolean {
  return (
    v === null ||
    ["string", "number", "boolean"].includes(typeof v) ||
    (Array.isArray(v) && v.every((x) => typeof x === "string"))
  );
}

describe("the rulebook's shape", () => {
  const sections = Object.entries(DEFAULT_RULEBOOK).filter(([key]) => key !== "version");

  test.each(sections)("%s: every property is a table of flat rows", (section, tables) => {
    const notFlat: string[] = [];
    for (const [name, table] of Object.entries(tables as object)) {
      if (!Array.isArray(table)) {
        notFlat.push(`${section}.${name} is not a table`);
        continue;
      }
      for (const [i, row] of (table as object[]).entries()) {
        for (const [k, v] of Object.entries(row)) if (!isFlatValue(v)) notFlat.push(`${section}.${name}[${i}].${k}`);
      }
    }
    expect(notFlat).toEqual([]);
  });

  test("the whole rulebook survives JSON unchanged", () => {
    expect(JSON.parse(JSON.stringify(DEFAULT_RULEBOOK))).toEqual(DEFAULT_RULEBOOK);
    expect(typeof DEFAULT_RULEBOOK.version).toBe("string");
  });
});

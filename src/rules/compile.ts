/**
 * Compiled rulebook sections: one mechanism for every area.
 *
 * A rulebook section (e.g. `rb.receivables`) is plain JSON data. Each area's
 * evaluation module has a `compileX(section)` that turns it into what its
 * evaluators need (lookups, sorted edges, ladders, prebuilt RuleRefs). It is
 * compiled once per section object: `compiledSection(section, compileX)`.
 *
 * Correctness rests on sections being immutable: the section is deep-frozen
 * before it is compiled (a validated rulebook already is), so a compiled form
 * can never go stale behind an in-place edit; an edited rulebook is a new
 * object and compiles anew. This memo is the only rule cache in src/rules.
 */

const memo = new WeakMap<object, Map<unknown, unknown>>();

/** The compiled form of `section` by `compile`, built on first use and kept with the (frozen) section. */
export function compiledSection<S extends object, C>(section: S, compile: (section: S) => C): C {
  let forSection = memo.get(section);
  if (forSection === undefined) {
    deepFreeze(section);
    forSection = new Map();
    memo.set(section, forSection);
  }
  let hit = forSection.get(compile) as C | undefined;
  if (hit === undefined) {
    hit = compile(section);
    forSection.set(compile, hit);
  }
  return hit;
}

/** Freezes an object graph of plain data (objects and arrays) in place and returns it. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value as object)) {
    const child = (value as Record<string, unknown>)[key];
    if (child !== null && typeof child === "object") deepFreeze(child);
  }
  return value;
}

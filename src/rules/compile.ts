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

/** Where a compile function keeps the forms it compiled, by section: one WeakMap per compile function. */
const COMPILED = Symbol("compiled sections");
type Compile<S extends object, C> = ((section: S) => C) & { [COMPILED]?: WeakMap<S, C> };

/** The compiled form of `section` by `compile`, built on first use and kept with the (frozen) section. */
export function compiledSection<S extends object, C>(section: S, compile: Compile<S, C>): C {
  // The memo hangs on the compile function: a hit is one WeakMap lookup (this runs on every formula call).
  let memo = compile[COMPILED];
  if (memo === undefined) {
    memo = new WeakMap();
    Object.defineProperty(compile, COMPILED, { value: memo });
  }
  let hit = memo.get(section);
  if (hit === undefined) {
    deepFreeze(section);
    hit = compile(section);
    memo.set(section, hit);
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

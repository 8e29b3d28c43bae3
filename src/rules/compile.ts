/**
 * Compiled rulebook sections: one mechanism for every area.
 *
 * A rulebook section (e.g. `rb.receivables`) is plain JSON data. Each area's
 * evaluation module has a `compileX(section)` that turns it into what its
 * evaluators need (lookups, sorted edges, ladders, prebuilt RuleRefs). It is
 * compiled once per section object: the area keeps
 * `const compileXOnce = sectionCompiler(compileX)` and calls it with its section.
 *
 * Correctness rests on sections being immutable: the section is deep-frozen
 * before it is compiled (a validated rulebook already is), so a compiled form
 * can never go stale behind an in-place edit; an edited rulebook is a new
 * object and compiles anew. This memo is the only rule cache in src/rules.
 */

/** How many of the last sections a compiler remembers besides its WeakMap (they are kept alive: a few rulebook tables). */
const RECENT = 4;

/** One memo per compile function, so that every caller of a compile function shares its compiled forms. */
const compilers = new Map<unknown, (section: never) => unknown>();

/**
 * The compiler of `compile`: a function from a section to its compiled form,
 * built on first use and kept with the (frozen) section. Areas keep theirs in
 * a module constant, so a formula call costs an identity check per section (a WeakMap lookup when it is
 * not one of the last few).
 */
export function sectionCompiler<S extends object, C>(compile: (section: S) => C): (section: S) => C {
  const known = compilers.get(compile) as ((section: S) => C) | undefined;
  if (known) return known;
  const memo = new WeakMap<S, C>();
  // the last few sections asked for, compared by identity before the WeakMap: a formula call asks for the
  // same two or three sections each time, and a WeakMap lookup is a sizeable part of a ~100 ns call
  const recentSections: (S | undefined)[] = new Array<S | undefined>(RECENT).fill(undefined);
  const recentCompiled: (C | undefined)[] = new Array<C | undefined>(RECENT).fill(undefined);
  let next = 0;
  const compiler = (section: S): C => {
    for (let i = 0; i < RECENT; i++) if (recentSections[i] === section) return recentCompiled[i] as C;
    let hit = memo.get(section);
    if (hit === undefined) {
      deepFreeze(section);
      hit = compile(section);
      memo.set(section, hit);
    }
    recentSections[next] = section;
    recentCompiled[next] = hit;
    next = (next + 1) % RECENT;
    return hit;
  };
  compilers.set(compile, compiler as (section: never) => unknown);
  return compiler;
}

/** The compiled form of `section` by `compile` (the same memo as sectionCompiler(compile)). */
export function compiledSection<S extends object, C>(section: S, compile: (section: S) => C): C {
  return sectionCompiler(compile)(section);
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

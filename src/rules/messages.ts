import type { Lang, Text } from "./types";

/**
 * One typed message catalog style for every text LTC Desk shows or writes
 * (task pane, charter, aging report, CLI): a catalog is an object of
 * `{ zh, en }` messages whose `{name}` placeholders are part of the type, so
 * a call that forgets a value, or names one the text does not have, does not
 * compile. Values are inserted as plain text (the pane puts them in
 * textContent, the renderers write them as text cells).
 */

/** The placeholder names of a message text: "第 {done}/{total} 份" → "done" | "total". */
export type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/** The values a message needs: one per placeholder of either language. */
export type VarsOf<M extends Text> = { readonly [K in Placeholders<M["zh"]> | Placeholders<M["en"]>]: string | number };

/** The arguments after the message: none for a text without placeholders, else its values. */
export type VarsArg<M extends Text> = [Placeholders<M["zh"]> | Placeholders<M["en"]>] extends [never] ? [] : [vars: VarsOf<M>];

/** The keys of a catalog whose texts have no placeholders (for tables of keys chosen at run time). */
export type PlainKeys<C extends Readonly<Record<string, Text>>> = { [K in keyof C]: VarsArg<C[K]> extends [] ? K : never }[keyof C];

/** Declares a catalog, keeping each text's literal type (for its placeholders). */
export function defineMessages<const C extends Readonly<Record<string, Text>>>(catalog: C): C {
  return catalog;
}

function fill(text: string, vars: Readonly<Record<string, string | number>> | undefined): string {
  if (vars === undefined) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole,
  );
}

/** A message in one language with its placeholders filled. */
export function say<M extends Text>(lang: Lang, message: M, ...vars: VarsArg<M>): string {
  return fill(lang === "en" ? message.en : message.zh, vars[0] as Readonly<Record<string, string | number>> | undefined);
}

/** A message in both languages with its placeholders filled (for results that are rendered later in either). */
export function sayBoth<M extends Text>(message: M, ...vars: VarsArg<M>): Text {
  const v = vars[0] as Readonly<Record<string, string | number>> | undefined;
  return { zh: fill(message.zh, v), en: fill(message.en, v) };
}

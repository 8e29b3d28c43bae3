/** Output language: always explicit, never read from the viewer's UI. */
export type Lang = "zh" | "en";

/** Display text in both output languages. */
export interface Text {
  zh: string;
  en: string;
}

/** The rulebook row that decided (part of) an answer, in plain words. */
export interface RuleRef {
  /** rulebook table name, e.g. "oppCriteria" */
  table: string;
  /** the row's stable key within the table, e.g. "brand.recognised" */
  row: string;
  /** what the row says, in both languages */
  text: Text;
}

/** An answer with the rulebook rows that produced it. */
export interface Decision<T> {
  value: T;
  reasons: RuleRef[];
}

export function decided<T>(value: T, ...reasons: RuleRef[]): Decision<T> {
  return { value, reasons };
}

export function pick(text: Text, lang: Lang): string {
  return lang === "en" ? text.en : text.zh;
}

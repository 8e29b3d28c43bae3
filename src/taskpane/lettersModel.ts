/**
 * The letters wizard's pure part (对账函 / 催款函): the form's choices →
 * LettersOptions, the customers a table holds, the "overdue only" choice, and
 * the rows the wizard appends to the workbook's register.
 */
import { AGING_COLUMNS } from "../reports/aging";
import { Letter, LetterKind, LettersOptions, LettersResult, RegisterRow } from "../reports/letters";
import { PlanValue } from "../reports/sheetplan";
import { mapColumns, RawTable } from "../reports/table";
import { defineMessages, say } from "../rules/messages";
import { Lang } from "../rules/types";
import { serialFromInput } from "../rules/values";

export const LETTERS_TEXT = defineMessages({
  tab: { zh: "对账函 / 催款函", en: "Letters" },
  title: { zh: "对账函 / 催款函", en: "Statements and dunning letters" },
  intro: {
    zh: "按应收账款表为每户客户生成对账函或催款函：逐项列明时效（送达即中断；已届满的需客户签章确认），一户一页，可直接打印；发函登记追加到本工作簿的登记表，下次生成时作为催收记录读取。",
    en: "Writes a statement or dunning letter for each customer of the receivables table: each item's limitation (serving restarts it; one past it needs the customer's signature), one customer per page, ready to print; the letters are appended to the workbook's register, which the next run reads as the dunning log.",
  },
  pickTable: { zh: "使用所选的应收账款表", en: "Use the selected receivables table" },
  pickLog: { zh: "使用所选的催收记录", en: "Use the selected dunning log" },
  tableFound: { zh: "{source}：{rows} 行数据，{customers} 户客户", en: "{source}: {rows} data rows, {customers} customers" },
  logFound: { zh: "催收记录：{source}（{rows} 行）", en: "Dunning log: {source} ({rows} rows)" },
  logDefault: { zh: "未选催收记录时，使用本工作簿的发函登记（如有）。", en: "Without a dunning log, the workbook's letter register is used (if there is one)." },
  kind: { zh: "函件类型", en: "Letter" },
  statement: { zh: "对账函", en: "Statements" },
  dunning: { zh: "催款函", en: "Dunning letters" },
  customers: { zh: "客户", en: "Customers" },
  all: { zh: "全部客户", en: "All customers" },
  overdue: { zh: "仅有逾期款项的客户", en: "Customers with overdue items only" },
  selected: { zh: "选定的客户", en: "Selected customers" },
  company: { zh: "我司名称", en: "Our company's name" },
  companyHint: { zh: "保存在本工作簿中，下次自动填入。", en: "Kept in this workbook and filled in next time." },
  asOf: { zh: "截止日期（函件日期）", en: "As-of date (the letters' date)" },
  generate: { zh: "生成函件", en: "Write the letters" },
  useTableFirst: { zh: "请先选择应收账款表。", en: "Pick the receivables table first." },
  asOfInvalid: { zh: "截止日期无法识别：请选择日期。", en: "The as-of date is not a date: pick one." },
  noneSelected: { zh: "请至少选择一户客户。", en: "Select at least one customer." },
  done: { zh: "已生成 {n} 份函件，发函登记追加 {rows} 行。", en: "{n} letters written; {rows} rows appended to the register." },
  noLetters: { zh: "没有需要出函的客户。", en: "No customer needs a letter." },
  registerLine: { zh: "发函登记：{table}（追加 {rows} 行，未改动已有行）", en: "Register: {table} ({rows} rows appended; existing rows untouched)" },
  issues: { zh: "数据问题（{n}）", en: "Data issues ({n})" },
  sheets: { zh: "函件工作表", en: "Letter sheets" },
});

export interface LettersForm {
  /** the date input's value, yyyy-mm-dd */
  asOf: string;
  kind: LetterKind;
  customers: "all" | "overdue" | "selected";
  selected: readonly string[];
  lang: Lang;
  company: string;
}

export type LettersReading = { ok: true; options: LettersOptions; overdueOnly: boolean } | { ok: false; message: string };

/** The options the form asks for, or the message saying what to fix. */
export function lettersOptionsOf(form: LettersForm, ui: Lang): LettersReading {
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(form.asOf) ? serialFromInput(form.asOf) : undefined;
  if (asOf === undefined) return { ok: false, message: say(ui, LETTERS_TEXT.asOfInvalid) };
  if (form.customers === "selected" && form.selected.length === 0) return { ok: false, message: say(ui, LETTERS_TEXT.noneSelected) };
  return {
    ok: true,
    options: {
      asOf,
      kind: form.kind,
      lang: form.lang,
      customers: form.customers === "selected" ? [...form.selected] : undefined,
      companyName: form.company.trim() === "" ? undefined : form.company.trim(),
    },
    overdueOnly: form.customers === "overdue",
  };
}

/** The customers of a receivables table, as first written, in table order (none when it has no customer column). */
export function customersOf(table: RawTable): string[] {
  let at: number | undefined;
  try {
    at = mapColumns(table.header, AGING_COLUMNS, table.firstColumn).customer;
  } catch {
    return [];
  }
  if (at === undefined) return [];
  const seen = new Map<string, string>();
  for (const row of table.rows) {
    const v = row[at];
    const name = typeof v === "string" ? v.trim() : v === null || v === undefined ? "" : String(v);
    if (name !== "" && !seen.has(name)) seen.set(name, name);
  }
  return [...seen.values()];
}

/** The result with only the letters of customers that have an overdue item (statements keep all their items). */
export function overdueOnly(result: LettersResult): LettersResult {
  const keep = (l: Letter) => l.items.some((x) => x.state !== "credit" && x.daysOverdue > 0);
  const indexes = result.letters.map((l, i) => (keep(l) ? i : -1)).filter((i) => i >= 0);
  return { ...result, letters: indexes.map((i) => result.letters[i]), register: indexes.map((i) => result.register[i]) };
}

/**
 * The register's rows for an existing register table, in its columns' order
 * (found by their headers, as the log reader finds them): 函号, 客户, 类型, 金额
 * (yuan), 项数, 生成日期 (serial); 送达日期 and 回执 stay blank for the user.
 */
export function registerRowsFor(header: readonly unknown[], rows: readonly RegisterRow[]): PlanValue[][] {
  const names: Record<string, (r: RegisterRow) => PlanValue> = {
    函号: (r) => r.number,
    "letter no.": (r) => r.number,
    客户: (r) => r.customer,
    customer: (r) => r.customer,
    类型: (r) => r.kind,
    type: (r) => r.kind,
    金额: (r) => r.amountFen / 100,
    amount: (r) => r.amountFen / 100,
    项数: (r) => r.items,
    items: (r) => r.items,
    生成日期: (r) => r.generatedOn,
    "generated on": (r) => r.generatedOn,
  };
  const fills = header.map((h) => names[String(h ?? "").trim().toLowerCase()]);
  return rows.map((r) => fills.map((fill) => (fill ? fill(r) : null)));
}

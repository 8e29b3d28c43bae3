/**
 * The registers action's pure part (创建登记表 / Create registers): the
 * form's choices → register options, and what was created as pane text.
 */
import { BuiltRegister, computedHeaders, RegisterOptions } from "../reports/registers";
import { defineMessages, say } from "../rules/messages";
import { Lang } from "../rules/types";
import { serialFromInput } from "../rules/values";

export const REGISTERS_TEXT = defineMessages({
  title: { zh: "登记表", en: "Registers" },
  intro: {
    zh: "新建三张空白登记表：商机登记表、应收账款台账、催收记录。表头即各向导读取的列；带规则手册下拉选项；绿色表头列为 LTC 公式，填写一行即自动计算。已有同名表格时使用新名称，不改动已有内容。",
    en: "Creates three empty registers: opportunities, receivables and a dunning log. Their headers are the columns the wizards read; labelled columns have the rulebook's drop-downs; the green columns are LTC formulas that compute as soon as a row is filled in. A table name already in use gets a new name; nothing existing is changed.",
  },
  asOf: { zh: "账龄截止日期（可留空）", en: "Aging as-of date (optional)" },
  asOfHint: { zh: "应收账款台账的账龄段按此日期计算，可稍后在表上方修改。", en: "The receivables register's aging bucket counts to this date; change it later above the table." },
  asOfInvalid: { zh: "截止日期无法识别：请选择日期或留空。", en: "The as-of date is not a date: pick one or leave it empty." },
  create: { zh: "创建登记表", en: "Create registers" },
  done: { zh: "已创建 {n} 张登记表。", en: "{n} registers created." },
  created: { zh: "新建的登记表", en: "New registers" },
  line: { zh: "{sheet}：表格 {table}", en: "{sheet}: table {table}" },
  formulas: { zh: "公式列：{list}", en: "Formula columns: {list}" },
});

export interface RegistersForm {
  /** the date input's value, yyyy-mm-dd, or "" */
  asOf: string;
  lang: Lang;
}

export type RegistersReading = { ok: true; options: Pick<RegisterOptions, "lang" | "asOf"> } | { ok: false; message: string };

/** The options the form asks for, or what to fix. A blank as-of date leaves the register's cell for the user. */
export function registersOptionsOf(form: RegistersForm, ui: Lang): RegistersReading {
  if (form.asOf.trim() === "") return { ok: true, options: { lang: form.lang } };
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(form.asOf) ? serialFromInput(form.asOf) : undefined;
  if (asOf === undefined) return { ok: false, message: say(ui, REGISTERS_TEXT.asOfInvalid) };
  return { ok: true, options: { lang: form.lang, asOf } };
}

export interface CreatedRegister {
  /** the sheet's name as written (made unique beside the workbook's sheets) */
  sheet: string;
  table: string;
  /** "商机登记表：表格 商机登记表" */
  line: string;
  /** "公式列：机会点得分、…" or null for a register without formulas */
  formulas: string | null;
}

/** What was created, in the pane's language: each sheet with its table and its formula columns. */
export function createdRegisters(registers: readonly BuiltRegister[], sheets: readonly string[], ui: Lang, lang: Lang): CreatedRegister[] {
  return registers.map((r, i) => {
    const names = computedHeaders(r.kind, lang);
    return {
      sheet: sheets[i],
      table: r.tableName,
      line: say(ui, REGISTERS_TEXT.line, { sheet: sheets[i], table: r.tableName }),
      formulas: names.length === 0 ? null : say(ui, REGISTERS_TEXT.formulas, { list: names.join(ui === "en" ? ", " : "、") }),
    };
  });
}

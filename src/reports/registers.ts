import type { LabelRow } from "../rules/labels";
import type { Rulebook } from "../rules/rulebook";
import { Lang, pick, Text } from "../rules/types";
import { AGING_COLUMNS, AgingColumnKey } from "./aging";
import { LOG_COLUMNS, LOG_METHODS, LogColumnKey } from "./letters";
import { OPPORTUNITY_COLUMNS, OpportunityColumn } from "./opportunityTable";
import { Block, CellStyle, displayWidth, FormulaValue, ListValidation, PlanValue, SheetPlan, TableColumnFormula, thisRowRef, uniqueTableName } from "./sheetplan";
import { ColumnDef } from "./table";

/**
 * The registers (登记表): empty, formatted Excel tables set up for the LTC
 * formulas — 商机登记表 (opportunities), 应收账款台账 (receivables) and 催收记录
 * (the dunning log). Their input columns are the readers' own columns (the
 * charter and pipeline reader, the aging reader, the letters' log reader), so
 * a register filled in feeds those wizards unchanged. Every labelled column
 * gets a drop-down of the active rulebook's labels; the computed columns are
 * LTC formulas on this row's cells, built from the functions' parameter
 * lists (a parameter renamed, added or made required breaks the build here,
 * loudly, instead of shifting arguments silently).
 */

/** The custom functions' namespace (manifest.xml). */
export const LTC_NAMESPACE = "LTC";

/** The sheet-scoped name of the receivables register's as-of date cell, which its AGINGBUCKET column reads. */
export const AS_OF_NAME = "LTC_AsOf";

/** A function's parameter list as its FunctionSpec declares it (src/functions; the caller passes the registry). */
export interface FunctionParams {
  name: string;
  params: readonly { name: string; optional?: boolean }[];
}

export type RegisterKind = "opportunities" | "receivables" | "dunningLog";
export const REGISTER_KINDS: readonly RegisterKind[] = ["opportunities", "receivables", "dunningLog"];

export interface RegisterOptions {
  lang: Lang;
  /** the receivables register's as-of date (a serial); blank when not given, for the user to type */
  asOf?: number;
  /** table names the workbook already has: a register whose name is taken gets a new one */
  takenTableNames?: readonly string[];
  /** which registers (default all three) */
  kinds?: readonly RegisterKind[];
}

/** One built register: the sheet and the name its table will have. */
export interface BuiltRegister {
  kind: RegisterKind;
  plan: SheetPlan;
  tableName: string;
}

type Format = "text" | "money" | "date" | "percent" | "integer" | "general";

/** Where a function argument comes from: this row's cell of an input column, the sheet's as-of cell, or the register's language. */
type ArgSource<K extends string> = { column: K } | { asOf: true } | { lang: true };

interface ComputedColumn<K extends string> {
  header: Text;
  fn: string;
  /** by parameter name; a parameter not given is left out (optional ones only) */
  args: Readonly<Record<string, ArgSource<K>>>;
  format: Format;
}

interface RegisterDef<K extends string> {
  kind: RegisterKind;
  sheet: Text;
  table: Text;
  /** the reader's columns, in the reader's order */
  columns: readonly ColumnDef<K>[];
  /** reader columns the register leaves out */
  omit?: readonly K[];
  formats: Partial<Record<K, Format>>;
  /** the drop-down of a labelled column: the active rulebook's labels in the register's language */
  lists: Partial<Record<K, (rb: Rulebook, lang: Lang) => readonly string[]>>;
  computed: readonly ComputedColumn<K>[];
  /** an as-of line above the table (its date cell named AS_OF_NAME) */
  asOfLine?: boolean;
}

const labels =
  (table: (rb: Rulebook) => readonly LabelRow[]) =>
  (rb: Rulebook, lang: Lang): string[] =>
    table(rb).map((row) => pick(row, lang));

/** The yes/no words every reader of a flag column takes (parseBool, cellSaysYes, the log's signed column). */
const yesNo = (_rb: Rulebook, lang: Lang): string[] => (lang === "en" ? ["Yes", "No"] : ["是", "否"]);

/**
 * The letters' log methods (对账函, 催款函, 律师函, 还款承诺, 起诉), as the log
 * reader accepts them. Hook: they are the letters module's list, not yet a
 * rulebook table; when they become one, read them from the rulebook here.
 */
const logMethods = (_rb: Rulebook, lang: Lang): string[] => LOG_METHODS.map((m) => pick(m, lang));

const OPPORTUNITY_REGISTER: RegisterDef<OpportunityColumn> = {
  kind: "opportunities",
  sheet: { zh: "商机登记表", en: "Opportunity register" },
  table: { zh: "商机登记表", en: "OpportunityRegister" },
  columns: OPPORTUNITY_COLUMNS,
  formats: {
    amount: "money",
    competitorShare: "percent",
    tenderDate: "date",
    signingDate: "date",
    lastFollowUp: "date",
    monthsToProcurement: "general",
  },
  lists: {
    projectType: labels((rb) => rb.owner.projectTypes),
    projectClass: labels((rb) => rb.team.classes),
    office: labels((rb) => rb.owner.offices),
    condition: labels((rb) => rb.owner.conditions),
    brand: labels((rb) => rb.opportunity.brand),
    maturity: labels((rb) => rb.opportunity.maturity),
    price: labels((rb) => rb.opportunity.price),
    ownership: labels((rb) => rb.payment.ownership),
    finances: labels((rb) => rb.payment.finances),
    history: labels((rb) => rb.payment.history),
    industry: labels((rb) => rb.payment.industry),
    stage: labels((rb) => rb.process.stages),
    status: labels((rb) => rb.process.statuses),
    customerRejects: yesNo,
    noNeed: yesNo,
    offStrategy: yesNo,
  },
  computed: [
    {
      header: { zh: "机会点得分", en: "Opportunity score" },
      fn: "OPPSCORE",
      args: { brand: { column: "brand" }, maturity: { column: "maturity" }, competitorShare: { column: "competitorShare" }, price: { column: "price" } },
      format: "integer",
    },
    {
      header: { zh: "成功概率", en: "Win probability" },
      fn: "WINPROB",
      args: { brand: { column: "brand" }, maturity: { column: "maturity" }, competitorShare: { column: "competitorShare" }, price: { column: "price" } },
      format: "percent",
    },
    {
      header: { zh: "付款能力得分", en: "Payment score" },
      fn: "PAYSCORE",
      args: { ownership: { column: "ownership" }, finances: { column: "finances" }, history: { column: "history" }, industry: { column: "industry" } },
      format: "integer",
    },
    {
      header: { zh: "主责部门", en: "Owner department" },
      fn: "OWNERDEPT",
      args: { projectType: { column: "projectType" }, amountCNY: { column: "amount" }, condition: { column: "condition" }, location: { column: "office" }, lang: { lang: true } },
      format: "general",
    },
    {
      header: { zh: "线索温度", en: "Lead temperature" },
      fn: "LEADTEMP",
      args: { monthsToProcurement: { column: "monthsToProcurement" }, lang: { lang: true } },
      format: "general",
    },
  ],
};

const RECEIVABLES_REGISTER: RegisterDef<AgingColumnKey> = {
  kind: "receivables",
  sheet: { zh: "应收账款台账", en: "Receivables ledger" },
  table: { zh: "应收账款台账", en: "ReceivablesLedger" },
  columns: AGING_COLUMNS,
  formats: {
    contract: "text",
    invoice: "text",
    amount: "money",
    paid: "money",
    invoiceDate: "date",
    dueDate: "date",
    lastPayment: "date",
    lastDemand: "date",
  },
  lists: {
    customerClass: labels((rb) => rb.contract.customerClasses),
    region: labels((rb) => rb.owner.regions),
    office: labels((rb) => rb.owner.offices),
    invoiceType: labels((rb) => rb.receivables.invoiceTypes),
    qualityDispute: yesNo,
    unableToPay: yesNo,
  },
  computed: [
    {
      header: { zh: "账龄段", en: "Aging bucket" },
      fn: "AGINGBUCKET",
      args: { dueDate: { column: "dueDate" }, asOf: { asOf: true }, lang: { lang: true } },
      format: "general",
    },
    {
      header: { zh: "诉讼时效届满日", en: "Limitation ends" },
      fn: "LIMITDATE",
      args: { dueDate: { column: "dueDate" }, lastPaymentDate: { column: "lastPayment" }, lastDemandDate: { column: "lastDemand" } },
      format: "date",
    },
  ],
  asOfLine: true,
};

const DUNNING_LOG_REGISTER: RegisterDef<LogColumnKey> = {
  kind: "dunningLog",
  sheet: { zh: "催收记录", en: "Dunning log" },
  table: { zh: "催收记录", en: "DunningLog" },
  columns: LOG_COLUMNS,
  // 函号 marks a letters register (a blank date there means "not served yet"); a log kept by hand has none
  omit: ["number"],
  formats: { contract: "text", invoice: "text", date: "date" },
  lists: { method: logMethods, signed: yesNo },
  computed: [],
};

const REGISTERS = { opportunities: OPPORTUNITY_REGISTER, receivables: RECEIVABLES_REGISTER, dunningLog: DUNNING_LOG_REGISTER } as const;

const STYLES: Record<string, CellStyle> = {
  header: { bold: true, fill: "#DDEBF7", border: true, vAlign: "center" },
  computedHeader: { fill: "#E2EFDA" },
  text: { numberFormat: "@" },
  money: { numberFormat: "#,##0.00" },
  date: { numberFormat: "yyyy-mm-dd" },
  percent: { numberFormat: "0%" },
  integer: { numberFormat: "0" },
  general: {},
  asOfLabel: { bold: true, hAlign: "right" },
  asOfInput: { numberFormat: "yyyy-mm-dd", input: true, border: true },
  note: { italic: true, fontColor: "#595959" },
};

const AS_OF_LABEL: Text = { zh: "截止日期", en: "As of" };
const AS_OF_NOTE: Text = {
  zh: "账龄段按此日期计算（请填写具体日期，不要用 TODAY()）",
  en: "The aging bucket is counted to this date (write a date, not TODAY())",
};

/**
 * The formula of a computed column, as one types it in the table:
 * =IF(AND(required inputs blank),"",LTC.FN(args…)), so an empty row stays
 * empty and a half-filled one says which argument is missing. Arguments are
 * laid out by the function's parameter list; a required parameter without a
 * source, or a source naming no parameter, is a programming error thrown here.
 */
export function computedFormula(
  fn: FunctionParams,
  args: Readonly<Record<string, ArgSource<string>>>,
  headerOf: (column: string) => string | undefined,
  lang: Lang,
): FormulaValue {
  for (const name of Object.keys(args)) {
    if (!fn.params.some((p) => p.name === name)) throw new Error(`${LTC_NAMESPACE}.${fn.name} has no parameter ${name}`);
  }
  const texts: string[] = [];
  const blanks: string[] = [];
  for (const p of fn.params) {
    const source = args[p.name];
    if (source === undefined) {
      if (!p.optional) throw new Error(`${LTC_NAMESPACE}.${fn.name}: no column for the required parameter ${p.name}`);
      texts.push("");
      continue;
    }
    let text: string;
    if ("column" in source) {
      const header = headerOf(source.column);
      if (header === undefined) throw new Error(`${LTC_NAMESPACE}.${fn.name}(${p.name}): the register has no column ${source.column}`);
      text = thisRowRef(header);
      if (!p.optional) blanks.push(`${text}=""`);
    } else if ("asOf" in source) text = AS_OF_NAME;
    else text = `"${lang}"`;
    texts.push(text);
  }
  while (texts.length > 0 && texts[texts.length - 1] === "") texts.pop(); // trailing optional arguments left out
  const call = `${LTC_NAMESPACE}.${fn.name}(${texts.join(",")})`;
  const guard = blanks.length === 0 ? call : `IF(${blanks.length === 1 ? blanks[0] : `AND(${blanks.join(",")})`},"",${call})`;
  return { formula: `=${guard}`, customFunctionNamespace: LTC_NAMESPACE };
}

function columnWidth(header: string, format: Format): number {
  const content = format === "date" ? 11 : format === "money" ? 14 : 10;
  return Math.max(content, Math.min(30, displayWidth(header) + 3)); // room for the filter button
}

function buildRegister<K extends string>(def: RegisterDef<K>, rb: Rulebook, functions: readonly FunctionParams[], options: RegisterOptions, taken: string[]): BuiltRegister {
  const { lang } = options;
  const inputs = def.columns.filter((c) => !(def.omit ?? []).includes(c.key));
  const headerOf = (key: string) => {
    const col = inputs.find((c) => c.key === key);
    return col === undefined ? undefined : pick(col, lang);
  };
  const headers = [...inputs.map((c) => pick(c, lang)), ...def.computed.map((c) => pick(c.header, lang))];
  const formats: Format[] = [...inputs.map((c) => def.formats[c.key] ?? "general"), ...def.computed.map((c) => c.format)];
  const headerRow = def.asOfLine ? 2 : 0;
  const dataRow = headerRow + 1;

  const tableName = uniqueTableName(pick(def.table, lang), taken);
  taken.push(tableName);
  const columnFormulas: TableColumnFormula[] = def.computed.map((c, i) => {
    const fn = functions.find((f) => f.name === c.fn);
    if (!fn) throw new Error(`no function ${LTC_NAMESPACE}.${c.fn} in the registry`);
    return { column: inputs.length + i, formula: computedFormula(fn, c.args, headerOf, lang) };
  });

  const validations: ListValidation[] = [];
  inputs.forEach((c, i) => {
    const list = def.lists[c.key]?.(rb, lang);
    if (list && list.length > 0) validations.push({ area: { row: dataRow, col: i, rows: 1, cols: 1 }, list: [...list] });
  });

  const blocks: Block[] = [];
  if (def.asOfLine) {
    blocks.push({ row: 0, col: 0, values: [[pick(AS_OF_LABEL, lang)]], style: "asOfLabel" });
    blocks.push({ row: 0, col: 1, values: [[options.asOf ?? null]], style: "asOfInput" });
    blocks.push({ row: 0, col: 2, values: [[pick(AS_OF_NOTE, lang)]], style: "note" });
  }
  blocks.push({
    row: headerRow,
    col: 0,
    values: [headers],
    style: "header",
    columnStyles: headers.map((_, i) => (i >= inputs.length ? "computedHeader" : undefined)),
  });
  const blank: PlanValue[] = headers.map(() => null);
  blocks.push({ row: dataRow, col: 0, values: [blank], columnStyles: formats });

  const plan: SheetPlan = {
    name: pick(def.sheet, lang),
    // the table's own name: a second set of registers never replaces a first one the user has filled in
    ownerKey: `register:${tableName}`,
    styles: STYLES,
    blocks,
    columnWidths: headers.map((h, i) => columnWidth(h, formats[i])),
    freeze: { rows: dataRow, cols: 1 },
    validations,
    tables: [{ name: tableName, area: { row: headerRow, col: 0, rows: 2, cols: headers.length }, style: "TableStyleMedium2", columnFormulas }],
  };
  if (def.asOfLine) plan.names = [{ name: AS_OF_NAME, row: 0, col: 1 }];
  return { kind: def.kind, plan, tableName };
}

/**
 * The registers as sheet plans, in the order of `kinds`. `functions` is the
 * function registry (src/functions/registry.ts FUNCTIONS): the computed
 * columns' arguments follow its parameter lists.
 */
export function buildRegisters(rb: Rulebook, functions: readonly FunctionParams[], options: RegisterOptions): BuiltRegister[] {
  const taken = [...(options.takenTableNames ?? [])];
  return (options.kinds ?? REGISTER_KINDS).map((kind) => {
    switch (kind) {
      case "opportunities":
        return buildRegister(REGISTERS.opportunities, rb, functions, options, taken);
      case "receivables":
        return buildRegister(REGISTERS.receivables, rb, functions, options, taken);
      case "dunningLog":
        return buildRegister(REGISTERS.dunningLog, rb, functions, options, taken);
    }
  });
}

/** The headers of a register's computed (formula) columns, for tests and the pane's summary. */
export function computedHeaders(kind: RegisterKind, lang: Lang): string[] {
  return REGISTERS[kind].computed.map((c: { header: Text }) => pick(c.header, lang));
}

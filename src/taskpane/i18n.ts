/**
 * Task-pane text in Chinese and English. The pane's language follows Office's
 * display language (zh-* → Chinese, anything else → English). It is NOT the
 * language of generated sheets: each wizard asks for that separately.
 */
import { Lang } from "../rules/types";

const EN = {
  appTitle: "LTC Desk",
  appSubtitle: "Lead to Cash",
  tabsLabel: "LTC Desk tools",
  tabCharter: "Charter",
  tabAging: "Aging",
  tabExplain: "Explain",
  tabRules: "Rules",
  working: "Working…",
  done: "Done.",
  failed: "Something went wrong: {message}",
  officeMissing: "Office is not available. Open LTC Desk from Excel's ribbon.",
  blank: "(blank)",
  rangeOf: "{rows}×{cols} cells",
  rowN: "Row {row}",
  none: "(none)",
  outputLanguage: "Language of the generated sheet",
  langZh: "中文 (Chinese)",
  langEn: "English",
  detectTable: "Use the table at the selection",
  tableFound: "{source}: {rows} data rows",
  columnsFound: "Columns found: {columns}",

  // charter wizard
  charterTitle: "Project charter",
  charterIntro: "Select one or more rows of the opportunity table, then read the selection. Each row becomes a charter sheet.",
  readSelection: "Read selected rows",
  selectedRows: "Selected opportunities",
  noRowsSelected: "The selection holds no data rows of the table. Select the rows of the opportunities you want.",
  rowProblems: "Problems",
  noProblems: "No problems found.",
  problemLine: "{column}: {value} — {reason}",
  generateCharter: "Generate charter",
  generateCharters: "Generate {n} charters",
  charterProgress: "Writing charter {done} of {total}…",
  charterDone: "{n} charter sheet(s) written.",
  newSheets: "New sheets",
  openSheet: "Go to sheet {name}",
  sheetActivated: "Sheet {name} is now active.",
  readFirst: "Read the selected rows first.",

  // aging wizard
  agingTitle: "Receivables aging",
  agingIntro: "Click a cell of the receivables table, read it, choose the options and generate the aging report.",
  asOf: "As-of date",
  asOfHint: "Written into the report as a fixed date.",
  asOfInvalid: "Enter a valid as-of date.",
  basis: "Age by",
  basisDue: "Due date",
  basisInvoice: "Invoice date",
  groupBy: "Group by",
  thenBy: "Then by",
  splitByRegion: "One report per region (片区)",
  generateAging: "Generate aging report",
  agingDone: "{n} aging sheet(s) written.",
  rejectedRows: "Rows excluded or corrected",
  noRejected: "Every row was read as written.",
  reconciliation: "Reconciliation",
  dimRegion: "Region 片区",
  dimOffice: "Office 代表处",
  dimCustomer: "Customer 客户",
  dimProductLine: "Product line 产线",
  dimCustomerClass: "Customer class 客户分类",
  groupsMustDiffer: "Choose two different groupings, or (none) for the second.",

  // explain
  explainTitle: "Explain this cell",
  explainIntro: "Select a cell with an LTC formula, e.g. =LTC.OPPSCORE(…), then explain it.",
  explainButton: "Explain selected cell",
  explainNotFormula: "The selected cell holds no formula.",
  explainNoLtc: "The selected cell's formula has no LTC function.",
  explainSyntax: "The formula cannot be read: {detail}",
  explainUnknownFunction: "LTC.{name} is not a function of LTC Desk.",
  explainExpressionArg:
    "The argument {text} is a calculation; Explain reads cell references, ranges and constants. Put the calculation in its own cell and refer to that cell.",
  explainNoSheet: "The formula refers to a sheet “{sheet}” that this workbook does not have.",
  explainPartOfFormula: "The cell's formula does more than this call; only the first LTC call is explained.",
  explainTooManyArgs: "The function takes {n} arguments; the others are ignored.",
  explainSeveralCells: "Several cells are selected; this explains the top-left one, {cell}.",
  explainCell: "Cell {cell}",
  inputsRead: "Inputs read",
  decidedBy: "Rulebook rows that decided it",
  resultIs: "{fn} gives {value}.",
  resultError: "{fn} gives {error}: {message}",
  cellShows: "Excel shows {value} in this cell. Recalculate if the inputs or the rules changed.",
  noReasons: "No rulebook row was needed: the answer follows from the inputs.",
  ruleRow: "{table} · {row}",
} as const;

export type UiKey = keyof typeof EN;
export type UiText = Record<UiKey, string>;

const ZH: UiText = {
  appTitle: "LTC Desk",
  appSubtitle: "从线索到现金",
  tabsLabel: "LTC Desk 工具",
  tabCharter: "项目章程",
  tabAging: "账龄",
  tabExplain: "解释",
  tabRules: "规则",
  working: "正在处理…",
  done: "完成。",
  failed: "出错了：{message}",
  officeMissing: "Office 不可用。请从 Excel 功能区打开 LTC Desk。",
  blank: "（空）",
  rangeOf: "{rows}×{cols} 个单元格",
  rowN: "第 {row} 行",
  none: "（无）",
  outputLanguage: "生成表格的语言",
  langZh: "中文",
  langEn: "English（英文）",
  detectTable: "使用所选位置的表格",
  tableFound: "{source}：{rows} 行数据",
  columnsFound: "识别到的列：{columns}",

  charterTitle: "项目章程",
  charterIntro: "在商机表中选中一行或多行，然后读取所选行。每一行生成一张项目章程工作表。",
  readSelection: "读取所选行",
  selectedRows: "所选商机",
  noRowsSelected: "所选区域不含该表的数据行。请选中要生成章程的商机所在行。",
  rowProblems: "问题",
  noProblems: "未发现问题。",
  problemLine: "{column}：{value} — {reason}",
  generateCharter: "生成项目章程",
  generateCharters: "生成 {n} 份项目章程",
  charterProgress: "正在写入第 {done}/{total} 份章程…",
  charterDone: "已写入 {n} 张章程工作表。",
  newSheets: "新工作表",
  openSheet: "转到工作表 {name}",
  sheetActivated: "已切换到工作表 {name}。",
  readFirst: "请先读取所选行。",

  agingTitle: "应收账款账龄",
  agingIntro: "单击应收账款表中的任一单元格，读取表格，选择选项后生成账龄报表。",
  asOf: "截止日期",
  asOfHint: "该日期将作为固定日期写入报表。",
  asOfInvalid: "请输入有效的截止日期。",
  basis: "账龄计算基准",
  basisDue: "到期日",
  basisInvoice: "开票日期",
  groupBy: "分组依据",
  thenBy: "再按",
  splitByRegion: "每个片区生成一份报表",
  generateAging: "生成账龄报表",
  agingDone: "已写入 {n} 张账龄工作表。",
  rejectedRows: "被排除或更正的行",
  noRejected: "所有行均按原样读取。",
  reconciliation: "核对",
  dimRegion: "片区",
  dimOffice: "代表处",
  dimCustomer: "客户",
  dimProductLine: "产线",
  dimCustomerClass: "客户分类",
  groupsMustDiffer: "请选择两个不同的分组，或将第二个设为（无）。",

  explainTitle: "解释此单元格",
  explainIntro: "选中一个含有 LTC 公式的单元格（例如 =LTC.OPPSCORE(…)），然后点击解释。",
  explainButton: "解释所选单元格",
  explainNotFormula: "所选单元格不含公式。",
  explainNoLtc: "所选单元格的公式不含 LTC 函数。",
  explainSyntax: "无法读取该公式：{detail}",
  explainUnknownFunction: "LTC.{name} 不是 LTC Desk 的函数。",
  explainExpressionArg: "参数 {text} 是一个计算式；“解释”只读取单元格引用、区域和常量。请把计算放在单独的单元格中再引用它。",
  explainNoSheet: "公式引用的工作表“{sheet}”在此工作簿中不存在。",
  explainPartOfFormula: "该单元格的公式不止这一个调用；这里只解释第一个 LTC 调用。",
  explainTooManyArgs: "该函数只有 {n} 个参数，多余的参数被忽略。",
  explainSeveralCells: "选中了多个单元格；这里解释左上角的 {cell}。",
  explainCell: "单元格 {cell}",
  inputsRead: "读取的输入",
  decidedBy: "决定结果的规则",
  resultIs: "{fn} 的结果是 {value}。",
  resultError: "{fn} 返回 {error}：{message}",
  cellShows: "Excel 中该单元格显示 {value}。如果输入或规则已更改，请重新计算。",
  noReasons: "无需规则行：结果直接由输入得出。",
  ruleRow: "{table} · {row}",
};

const TEXTS: Record<Lang, UiText> = { en: EN, zh: ZH };

/** The pane's language from Office.context.displayLanguage ("zh-CN", "zh-TW", "en-US", …). */
export function uiLanguageOf(displayLanguage: string | undefined | null): Lang {
  return typeof displayLanguage === "string" && /^zh(-|_|$)/i.test(displayLanguage.trim()) ? "zh" : "en";
}

/** The UI string `key` in `lang`, with {name} placeholders filled in (as text, never markup). */
export function t(lang: Lang, key: UiKey, params: Record<string, string | number> = {}): string {
  return TEXTS[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

export function uiTexts(lang: Lang): UiText {
  return TEXTS[lang];
}

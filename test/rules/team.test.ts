import { TEAMROLE } from "../../src/functions/project";
import { evaluateCall } from "../../src/functions/runtime";
import { vocabularyOf } from "../../src/rules/labels";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";
import { dutiesOf, teamFor, teamRank } from "../../src/rules/team";

const rb = DEFAULT_RULEBOOK;
const value = (...args: unknown[]) => {
  const r = evaluateCall(TEAMROLE, args, rb);
  if ("error" in r) throw new Error(`${JSON.stringify(args)} → ${r.error} ${r.message}`);
  return r.value;
};

// §7 as the spec writes it.
const ROLES = ["发起人", "项目经理", "客户代表", "解决方案代表", "交付代表"];
const SPEC_7: Array<[string, string, string, string, string, string]> = [
  ["常规-一般项目", "销线四级干部", "客户经理", "客户经理", "营销经理", "工程项目经理"],
  ["常规-重要项目", "销线三级干部", "销线四级干部", "客户经理", "营销经理", "工程项目经理"],
  ["常规-重大项目", "销线三级干部", "销线四级干部", "销线四级干部", "营销经理", "工程项目经理"],
  ["常规-特别重大项目", "销线二级干部", "销线三级干部", "销线四级干部", "产品营销部长", "工程项目部长"],
  ["省市局集采项目", "销线三级干部", "销线四级干部", "客户经理", "营销经理", "工程项目经理"],
  ["国南网集采项目", "销线二级干部", "销线三级干部", "国南网办主任", "产品营销部长", "工程项目部长"],
  ["受控销售项目", "产线二级干部", "销线三级干部", "销线四级干部", "产线市场经理", "工程项目部长"],
  ["战略类项目", "销线二级干部", "销线三级干部", "销线四级干部", "营销部长", "工程项目部长"],
];
const CELLS = SPEC_7.flatMap(([cls, ...ranks]) => ranks.map((rank, i) => [cls, ROLES[i], rank] as const));

// English of every rank the matrix uses.
const RANK_EN: Record<string, string> = {
  销线二级干部: "Sales-line level-2 manager",
  销线三级干部: "Sales-line level-3 manager",
  销线四级干部: "Sales-line level-4 manager",
  产线二级干部: "Product-line level-2 manager",
  客户经理: "Account manager",
  营销经理: "Marketing manager",
  工程项目经理: "Engineering project manager",
  产品营销部长: "Head of product marketing",
  工程项目部长: "Head of engineering projects",
  国南网办主任: "Director of the State/Southern Grid office",
  产线市场经理: "Product-line market manager",
  营销部长: "Head of marketing",
};

describe("TEAMROLE: every cell of §7", () => {
  test.each(CELLS)("%s %s → %s", (cls, role, rank) => {
    expect(value(cls, role)).toBe(rank);
    expect(value(cls, role, "en")).toBe(RANK_EN[rank]);
  });

  test("40 cells, all in the rulebook matrix", () => {
    expect(CELLS).toHaveLength(40);
    expect(rb.team.matrix).toHaveLength(40);
  });

  test("the deck's quiz: 特别重大 PM = 销线三级干部, 重大 PM = 销线四级干部", () => {
    expect(value("特别重大项目", "项目经理")).toBe("销线三级干部");
    expect(value("重大项目", "项目经理")).toBe("销线四级干部");
  });

  test("the reason names the matrix cell", () => {
    const r = evaluateCall(TEAMROLE, ["重大", "PM"], rb);
    if ("error" in r) throw new Error(r.message);
    expect(r.reasons).toEqual([
      {
        table: "team.matrix",
        row: "team.regular.major.pm",
        text: { zh: "常规-重大项目的项目经理：销线四级干部", en: "Regular - major project, Project manager: Sales-line level-4 manager" },
      },
    ]);
  });
});

describe("class and role spellings", () => {
  test.each([
    ["一般项目", "常规-一般项目"],
    ["一般", "常规-一般项目"],
    ["regular-general", "常规-一般项目"],
    ["常規-一般項目", "常规-一般项目"],
    ["重要项目", "常规-重要项目"],
    ["重要", "常规-重要项目"],
    ["Regular-Important", "常规-重要项目"],
    ["重大项目", "常规-重大项目"],
    ["重大", "常规-重大项目"],
    ["regular-major", "常规-重大项目"],
    ["Regular - major project", "常规-重大项目"],
    ["特别重大项目", "常规-特别重大项目"],
    ["特别重大", "常规-特别重大项目"],
    ["特別重大項目", "常规-特别重大项目"],
    ["常規-特別重大項目", "常规-特别重大项目"],
    ["regular-extra-major", "常规-特别重大项目"],
    ["省市局集采", "省市局集采项目"],
    ["省市局集採項目", "省市局集采项目"],
    ["国南网集采", "国南网集采项目"],
    ["國南網集採項目", "国南网集采项目"],
    ["受控销售", "受控销售项目"],
    ["controlled sales", "受控销售项目"],
    ["战略类", "战略类项目"],
    ["戰略類項目", "战略类项目"],
    ["Strategic", "战略类项目"],
    ["　重大项目　", "常规-重大项目"],
  ])("class %p is %s", (input, cls) => {
    const row = SPEC_7.find((r) => r[0] === cls)!;
    expect(value(input, "发起人")).toBe(row[1]);
    expect(value(input, "交付代表")).toBe(row[5]);
  });

  test.each([
    ["发起人", 0],
    ["項目發起人", 0],
    ["sponsor", 0],
    ["Project Sponsor", 0],
    [" 发起人\t", 0],
    ["项目经理", 1],
    ["項目經理", 1],
    ["PM", 1],
    ["pm", 1],
    ["project manager", 1],
    ["ＰＭ", 1],
    ["客户代表", 2],
    ["客戶代表", 2],
    ["customer rep", 2],
    ["Customer representative", 2],
    ["AR", 2],
    ["解决方案代表", 3],
    ["解決方案代表", 3],
    ["solution rep", 3],
    ["SR", 3],
    ["交付代表", 4],
    ["delivery rep", 4],
    ["Delivery Representative", 4],
    ["FR", 4],
  ])("role %p", (input, i) => {
    expect(value("常规-特别重大项目", input)).toBe(SPEC_7[3][i + 1]);
  });
});

describe("teamFor and duties for the charter builder", () => {
  test("all five roles in order with rank and duties", () => {
    const d = teamFor(rb, "国南网集采项目");
    expect(d.value.map((s) => s.role.zh)).toEqual(ROLES);
    expect(d.value.map((s) => s.rank.zh)).toEqual(SPEC_7[5].slice(1));
    expect(d.reasons).toHaveLength(5);
    for (const slot of d.value) {
      expect(slot.duties.length).toBeGreaterThan(0);
      for (const duty of slot.duties) expect(duty.en.length).toBeGreaterThan(0);
    }
  });

  test("the deck's duties: sponsor and PM", () => {
    expect(dutiesOf(rb, "role.sponsor").map((d) => d.zh)).toEqual([
      "制定项目要求，帮助项目经理获取资金及人员等资源支持",
      "审核项目奖金分配",
      "审定项目成员绩效",
      "审定项目销售费用预算方案",
    ]);
    expect(dutiesOf(rb, "role.pm").map((d) => d.zh)).toEqual([
      "对项目的成功负责",
      "制定项目奖金分配方案",
      "制定项目组成员绩效评估",
      "制定项目销售费用预算方案",
    ]);
  });

  test("the members share the deck's member duties", () => {
    for (const role of ["role.customer", "role.solution", "role.delivery"]) {
      const zh = dutiesOf(rb, role).map((d) => d.zh);
      expect(zh.slice(0, 3)).toEqual([
        "负责行业总部、设计院、业主单位、总包的销售经理以及对项目有直接影响的人",
        "由项目经理制定名单，发起人审核",
        "项目组成员在项目运作过程中对项目经理分配任务负责",
      ]);
    }
  });

  test("teamRank with plain inputs; #N/A for a missing cell; errors name the argument", () => {
    expect(teamRank(rb, "受控销售项目", "发起人").value.zh).toBe("产线二级干部");
    const holed: Rulebook = JSON.parse(JSON.stringify(rb));
    holed.team.matrix = holed.team.matrix.filter((m) => m.code !== "team.controlled.sponsor");
    expect(() => teamRank(holed, "受控销售项目", "发起人")).toThrow(/§7 gives no rank/);
    expect(evaluateCall(TEAMROLE, ["受控销售项目", "发起人"], holed)).toMatchObject({ error: "#N/A" });
    expect(() => teamRank(rb, "超大", "发起人")).toThrow(/^projectClass/);
    expect(() => teamRank(rb, "重大", "老板")).toThrow(/^role/);
  });

  test("the first matrix cell of a class and role decides; one naming an unknown rank is #N/A for that cell only", () => {
    const withSecondCell = (firstRank?: string): Rulebook => {
      const changed: Rulebook = JSON.parse(JSON.stringify(rb));
      const first = changed.team.matrix.find((m) => m.code === "team.regular.major.pm")!;
      changed.team.matrix.push({ ...first, code: "team.regular.major.pm.again", rank: "rank.sales2" });
      if (firstRank) first.rank = firstRank;
      return changed;
    };
    expect(evaluateCall(TEAMROLE, ["重大", "PM"], withSecondCell())).toMatchObject({ value: "销线四级干部" });
    const broken = withSecondCell("rank.unknown");
    expect(evaluateCall(TEAMROLE, ["重大", "PM"], broken)).toMatchObject({ error: "#N/A" });
    expect(evaluateCall(TEAMROLE, ["重大", "发起人"], broken)).toMatchObject({ value: "销线三级干部" });
  });

  test("a changed rulebook changes TEAMROLE", () => {
    const changed: Rulebook = JSON.parse(JSON.stringify(rb));
    changed.team.matrix.find((m) => m.code === "team.regular.major.pm")!.rank = "rank.sales3";
    expect(evaluateCall(TEAMROLE, ["重大", "PM"], changed)).toMatchObject({ value: "销线三级干部" });
    expect(value("重大", "PM")).toBe("销线四级干部");
  });

  test("vocabularies have no conflicting spellings", () => {
    for (const rows of [rb.team.classes, rb.team.roles, rb.team.ranks]) expect(vocabularyOf(rows).conflicts).toEqual([]);
  });
});

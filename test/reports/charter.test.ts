import { buildCharters, charterPlan, charterSheetName, CharterOptions } from "../../src/reports/charter";
import { openOpportunityTable, readOpportunityRow } from "../../src/reports/opportunityTable";
import { isFormula, PlanValue, SheetPlan } from "../../src/reports/sheetplan";
import { DataIssue, RawTable } from "../../src/reports/table";
import { LtcError } from "../../src/rules/errors";
import { rulebookFingerprint } from "../../src/rules/fingerprint";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";
import { serialFromYmd } from "../../src/rules/values";
import {
  GOOD_ROWS,
  HEADER,
  HOSTILE_CUSTOMER,
  HOSTILE_PM,
  HOSTILE_PROJECT,
  HOSTILE_SPONSOR,
  opportunityTable,
  ROW,
  SERIAL,
} from "../fixtures/opportunities";

const rb = DEFAULT_RULEBOOK;
const GENERATED = serialFromYmd(2026, 11, 27);
const OPTIONS: CharterOptions = { generatedOn: GENERATED };

// ------------------------------------------------------------------ reading a plan back

interface Sheet {
  plan: SheetPlan;
  values: PlanValue[][];
  styles: (string | undefined)[][];
}

function sheetOf(plan: SheetPlan): Sheet {
  const values: PlanValue[][] = [];
  const styles: (string | undefined)[][] = [];
  for (const b of plan.blocks) {
    b.values.forEach((row, i) =>
      row.forEach((v, j) => {
        const r = b.row + i;
        const c = b.col + j;
        (values[r] ??= [])[c] = v;
        (styles[r] ??= [])[c] = b.rowStyles?.[i] ?? b.columnStyles?.[j] ?? b.style;
      }),
    );
  }
  return { plan, values, styles };
}

const cell = (s: Sheet, r: number, c: number): PlanValue => s.values[r]?.[c] ?? null;

/** Row index of the first row (after `from`) whose column `col` holds exactly `text`. */
function rowOf(s: Sheet, text: string, col = 0, from = 0): number {
  for (let r = from; r < s.values.length; r++) if (s.values[r]?.[col] === text) return r;
  throw new Error(`no row with ${JSON.stringify(text)} in column ${col}`);
}

/** Rows after a header row until the next blank row. */
function tableBelow(s: Sheet, headerRow: number): PlanValue[][] {
  const out: PlanValue[][] = [];
  for (let r = headerRow + 1; s.values[r] !== undefined; r++) out.push(s.values[r]);
  return out;
}

function allStrings(s: Sheet): string[] {
  return s.values.flat().filter((v): v is string => typeof v === "string");
}

function allFormulas(s: Sheet): string[] {
  return s.values.flat().flatMap((v) => (v !== null && isFormula(v) ? [v.formula] : []));
}

/** A data issue as the English one-liners these tests compare: column "项目名称 (Project)", reason in English. */
function flat(p: DataIssue) {
  return { row: p.row, column: p.column ? `${p.column.zh} (${p.column.en})` : "", value: p.value, reason: p.reason.en };
}

function charters(table: RawTable, rows: number[], options: CharterOptions = OPTIONS, rulebook: Rulebook = rb) {
  const built = buildCharters(table, rows, options, rulebook);
  return { ...built, problems: built.problems.map(flat), issues: built.problems };
}

function build(rows: number[], options: CharterOptions = OPTIONS, rulebook: Rulebook = rb) {
  return charters(opportunityTable(), rows, options, rulebook);
}

function charterFor(row: number, options: CharterOptions = OPTIONS, rulebook: Rulebook = rb): Sheet {
  const { plans } = build([row], options, rulebook);
  expect(plans).toHaveLength(1);
  return sheetOf(plans[0]);
}

const ALL = build([...GOOD_ROWS, ROW.bad, ROW.coopNoCondition]);
const BY_ROW = new Map<number, Sheet>();
[...GOOD_ROWS, ROW.bad, ROW.coopNoCondition].forEach((row, i) => BY_ROW.set(row, sheetOf(ALL.plans[i])));
const sheet = (row: number) => BY_ROW.get(row)!;

// ------------------------------------------------------------------ the spec, as written

/** §6: the owner department of each fixture row (resolved to the office where a location is known). */
const OWNER: Array<[number, string]> = [
  [ROW.stateGrid, "国网职能部门"],
  [ROW.mto600, "发电销售团队"],
  [ROW.mtoSmall, "河北代表处"],
  [ROW.southernGrid, "南网职能部门"],
  [ROW.uhv, "安徽代表处"],
  [ROW.provincial, "江苏代表处"],
  [ROW.localGrid, "陕西代表处"],
  [ROW.cooperation, "上海代表处"],
  [ROW.selfRun, "四川代表处"],
  [ROW.supporting, "浙江代表处"],
  [ROW.overhaul, "广东代表处"],
  [ROW.gridAffiliate, "—"],
  [ROW.strategic, "—"],
  [ROW.hostile, "发电销售团队"],
];

/** §7: class and the ranks of sponsor, PM, customer rep, solution rep, delivery rep. */
const TEAM: Array<[number, string, string[]]> = [
  [ROW.stateGrid, "国南网集采项目", ["销线二级干部", "销线三级干部", "国南网办主任", "产品营销部长", "工程项目部长"]],
  [ROW.mto600, "常规-特别重大项目", ["销线二级干部", "销线三级干部", "销线四级干部", "产品营销部长", "工程项目部长"]],
  [ROW.mtoSmall, "常规-一般项目", ["销线四级干部", "客户经理", "客户经理", "营销经理", "工程项目经理"]],
  [ROW.uhv, "常规-重大项目", ["销线三级干部", "销线四级干部", "销线四级干部", "营销经理", "工程项目经理"]],
  [ROW.provincial, "省市局集采项目", ["销线三级干部", "销线四级干部", "客户经理", "营销经理", "工程项目经理"]],
  [ROW.localGrid, "常规-重要项目", ["销线三级干部", "销线四级干部", "客户经理", "营销经理", "工程项目经理"]],
  [ROW.cooperation, "受控销售项目", ["产线二级干部", "销线三级干部", "销线四级干部", "产线市场经理", "工程项目部长"]],
  [ROW.strategic, "战略类项目", ["销线二级干部", "销线三级干部", "销线四级干部", "营销部长", "工程项目部长"]],
];

/** §8: bonus categories by project type. */
const STANDARD = ["签订奖", "执行奖", "概算边际贡献奖", "开票全程边际贡献奖"];
const BONUS: Array<[number, string[]]> = [
  [ROW.stateGrid, ["超越奖", "中标奖", "执行奖", "概算边际贡献奖", "开票全程边际贡献奖"]],
  [ROW.southernGrid, ["超越奖", "中标奖", "执行奖", "概算边际贡献奖", "开票全程边际贡献奖"]],
  [ROW.gridAffiliate, STANDARD],
  [ROW.provincial, STANDARD],
  [ROW.mto600, STANDARD],
  [ROW.cooperation, STANDARD],
  [ROW.selfRun, STANDARD],
  [ROW.supporting, ["执行奖", "开票边际贡献奖"]],
  [ROW.strategic, ["按立项时的章程"]],
  // §8 lists no categories for these types: only the two free lines
  [ROW.uhv, []],
  [ROW.localGrid, []],
  [ROW.overhaul, []],
];

/** The basics, then §8's six parts numbered in the deck's order (5 bonus before 6 goals). */
const SECTIONS_ZH = [
  "基本信息",
  "一、组建项目团队并明确分工",
  "二、初步项目预算及使用方案",
  "三、沟通机制及沟通频率",
  "四、里程碑计划，初步识别并评估风险",
  "五、业绩及奖金分配方案",
  "六、项目目标及成功标准",
];
const SECTIONS_EN = [
  "Basic information",
  "1. Team and division of work",
  "2. Budget and its use",
  "3. Communication plan",
  "4. Milestones and risks",
  "5. Performance and bonus split",
  "6. Goals and success criteria",
];

/** The rows of the section headings, in sheet order. */
function sectionRows(s: Sheet): string[] {
  return s.values.flatMap((row, r) => (row && s.styles[r]?.[0] === "section" ? [row[0] as string] : []));
}

// ------------------------------------------------------------------ tests

describe("the fixture", () => {
  test("covers every project type and every project class of the rulebook", () => {
    const opened = openOpportunityTable(opportunityTable());
    const records = GOOD_ROWS.map((r) => readOpportunityRow(opened, r, rb).record!);
    expect(new Set(records.map((r) => r.projectType!.code))).toEqual(new Set(rb.owner.projectTypes.map((t) => t.code)));
    expect(new Set(records.map((r) => r.projectClass!.code))).toEqual(new Set(rb.team.classes.map((c) => c.code)));
    expect(GOOD_ROWS.length).toBeGreaterThanOrEqual(12);
  });
});

describe("one charter per selected row", () => {
  test("names, owner keys, sections and print setup", () => {
    expect(ALL.plans).toHaveLength(GOOD_ROWS.length + 2);
    for (const plan of ALL.plans) {
      expect(plan.name.length).toBeLessThanOrEqual(31);
      expect(plan.name).not.toMatch(/[[\]:*?/\\]/);
      expect(plan.name.startsWith("章程-")).toBe(true);
      const s = sheetOf(plan);
      expect(sectionRows(s)).toEqual(SECTIONS_ZH);
      expect(plan.print).toEqual({
        paper: "A4",
        orientation: "portrait",
        repeatRows: { first: 0, last: 1 },
        fitToWidth: true,
        footer: expect.stringContaining("deck-2026.1"),
      });
    }
    const mto = sheet(ROW.mto600).plan;
    expect(mto.name).toBe("章程-华能风电场无功补偿MTO");
    expect(mto.ownerKey).toBe("charter:华能风电场无功补偿MTO");
    expect(cell(sheet(ROW.mto600), 0, 0)).toBe("项目章程：华能风电场无功补偿MTO");
  });

  test("blocks never overlap, merges stay inside the sheet's seven columns and never overlap", () => {
    for (const plan of ALL.plans) {
      const seen = new Set<string>();
      const twice: string[] = [];
      for (const b of plan.blocks)
        b.values.forEach((row, i) =>
          row.forEach((_, j) => {
            const key = `${b.row + i},${b.col + j}`;
            if (seen.has(key)) twice.push(key);
            seen.add(key);
          }),
        );
      expect(twice).toEqual([]);
      const merged = new Set<string>();
      const mergedTwice: string[] = [];
      for (const m of plan.merges ?? []) {
        expect(m.col + m.cols).toBeLessThanOrEqual(7);
        for (let r = m.row; r < m.row + m.rows; r++)
          for (let c = m.col; c < m.col + m.cols; c++) {
            if (merged.has(`${r},${c}`)) mergedTwice.push(`${r},${c}`);
            merged.add(`${r},${c}`);
          }
      }
      expect(mergedTwice).toEqual([]);
      for (const b of plan.blocks) for (const styleName of [b.style, ...(b.columnStyles ?? []), ...(b.rowStyles ?? [])]) {
        if (styleName !== undefined) expect(plan.styles[styleName]).toBeDefined();
      }
    }
  });

  test("the footer gives the rulebook version, fingerprint and the generation date from the options", () => {
    const s = sheet(ROW.stateGrid);
    const footer = `规则手册版本 deck-2026.1（指纹 ${rulebookFingerprint(rb)}）；生成日期 2026-11-27`;
    expect(allStrings(s)).toContain(footer);
    expect(s.plan.print!.footer).toBe(footer);
    const later = charterFor(ROW.stateGrid, { generatedOn: serialFromYmd(2027, 1, 5) });
    expect(later.plan.print!.footer).toContain("2027-01-05");
  });

  test("a generation date that is not a date serial is refused, never replaced by the clock", () => {
    for (const bad of [NaN, 0, 1.5, -1, 3_000_000]) {
      expect(() => build([ROW.stateGrid], { generatedOn: bad })).toThrow(/generatedOn/);
    }
  });
});

describe("basic information", () => {
  test.each(OWNER)("row %i: owner department %s", (row, owner) => {
    const s = sheet(row);
    expect(cell(s, rowOf(s, "主责部门"), 1)).toBe(owner);
  });

  test("the owner's basis quotes the rulebook row and the 500万 threshold", () => {
    const s = sheet(ROW.mto600);
    expect(cell(s, rowOf(s, "主责部门"), 4)).toBe(
      "发电MTO项目，金额 ≥ 500万元 → 主责部门：发电销售团队；发电MTO项目金额门槛：500万元",
    );
    const small = sheet(ROW.mtoSmall);
    expect(cell(small, rowOf(small, "主责部门"), 4)).toContain("金额 < 500万元");
    expect(cell(small, rowOf(small, "主责部门"), 4)).toContain("河北 → 河北代表处（华北片区）");
  });

  test("a type §6 has no row for says so in the basis", () => {
    const s = sheet(ROW.strategic);
    expect(cell(s, rowOf(s, "主责部门"), 4)).toBe("规则手册第6节未规定此类项目的主责部门，立项时确定");
  });

  test("project, customer, type, class, amount as values", () => {
    const s = sheet(ROW.mto600);
    expect(cell(s, rowOf(s, "项目名称"), 1)).toBe("华能风电场无功补偿MTO");
    expect(cell(s, rowOf(s, "客户"), 1)).toBe("华能新能源股份有限公司");
    expect(cell(s, rowOf(s, "项目类型"), 1)).toBe("发电MTO项目");
    expect(cell(s, rowOf(s, "项目类型"), 4)).toBe("常规-特别重大项目");
    const amountRow = rowOf(s, "金额（元）");
    expect(cell(s, amountRow, 1)).toBe(6_000_000);
    expect(s.plan.styles[s.styles[amountRow][1]!].numberFormat).toBe("#,##0.00");
    expect(cell(sheet(ROW.mtoSmall), rowOf(sheet(ROW.mtoSmall), "金额（元）"), 1)).toBe(4_999_999.99);
  });

  test("each opportunity criterion's score, the total, the success probability and the payment score", () => {
    const s = sheet(ROW.mto600);
    const h = rowOf(s, "机会点评估");
    expect(tableBelow(s, h).slice(0, 4).map((r) => [r[0], r[1], r[2], r[3], r[4], r[6]])).toEqual([
      ["公司/产品品牌认同度", "无倾向性", 2, "客户企业性质", "民营企业", 1],
      ["客户成熟度", "首次接触", 1, "客户财务状况", "差", 1],
      ["主要竞争对手参与比例", "55% (40%,70%]", 2, "客户付款历史", "有坏账", 1],
      ["价格竞争力", "一般", 2, "行业盈利能力", "衰退期", 1],
    ]);
    const total = rowOf(s, "合计", 0, h);
    expect([cell(s, total, 2), cell(s, total, 6)]).toEqual([7, 4]);
    const prob = rowOf(s, "成功概率");
    expect(cell(s, prob, 2)).toBeCloseTo(7 / 16, 12);
    expect(s.plan.styles[s.styles[prob][2]!].numberFormat).toBe("0.0%");

    const best = sheet(ROW.stateGrid);
    expect(cell(best, rowOf(best, "合计", 0, rowOf(best, "机会点评估")), 2)).toBe(16);
    expect(cell(best, rowOf(best, "成功概率"), 2)).toBe(1);
    // scores given as numbers 1–4 and a share of exactly 40%
    const small = sheet(ROW.mtoSmall);
    const sh = rowOf(small, "机会点评估");
    expect(tableBelow(small, sh).slice(0, 4).map((r) => r[2])).toEqual([3, 3, 3, 3]);
    expect(cell(small, sh + 3, 1)).toBe("40% (10%,40%]");
  });

  test("criteria that could not be read leave the score empty and say so", () => {
    const s = sheet(ROW.strategic);
    const total = rowOf(s, "合计", 0, rowOf(s, "机会点评估"));
    expect(cell(s, total, 2)).toBe(13);
    expect(cell(s, total, 4)).toBe("未评分：请补全四项评估");
    expect(cell(s, total, 6)).toBeNull();
  });
});

describe("1. team and duties", () => {
  test.each(TEAM)("row %i (%s): the five roles with the ranks §7 requires", (row, _cls, ranks) => {
    const s = sheet(row);
    const team = tableBelow(s, rowOf(s, "角色"));
    expect(team.map((r) => r[0])).toEqual(["发起人", "项目经理", "客户代表", "解决方案代表", "交付代表"]);
    expect(team.map((r) => r[1])).toEqual(ranks);
  });

  test("常规-特别重大项目 PM → 销线三级干部; 重大 PM → 销线四级干部 (the deck's quiz)", () => {
    const extra = sheet(ROW.mto600);
    expect(cell(extra, rowOf(extra, "项目经理", 0, rowOf(extra, "角色")), 1)).toBe("销线三级干部");
    const major = sheet(ROW.hostile);
    expect(cell(major, rowOf(major, "项目经理", 0, rowOf(major, "角色")), 1)).toBe("销线四级干部");
  });

  test("people from the data in input cells; the status formula flags an empty name", () => {
    const s = sheet(ROW.mto600);
    const h = rowOf(s, "角色");
    const team = tableBelow(s, h);
    expect(team.map((r) => r[2])).toEqual([null, "孙经理", "周代表", null, null]);
    team.forEach((r, i) => {
      const row = h + 1 + i;
      expect(s.plan.styles[s.styles[row][2]!].input).toBe(true);
      expect(s.plan.styles[s.styles[row][1]!].input).toBeFalsy();
      expect(r[3]).toEqual({ formula: `=IF(LEN(TRIM(C${row + 1}))=0,"未指定","")` });
    });
  });

  test("each role's duties come from the rulebook", () => {
    const s = sheet(ROW.stateGrid);
    const team = tableBelow(s, rowOf(s, "角色"));
    expect(team[0][4]).toBe(
      "1. 制定项目要求，帮助项目经理获取资金及人员等资源支持\n2. 审核项目奖金分配\n3. 审定项目成员绩效\n4. 审定项目销售费用预算方案",
    );
    expect(team[1][4]).toContain("1. 对项目的成功负责");
    expect(team[2][4]).toContain("开标现场及时反馈现场信息");
    expect(team[4][4]).toContain("负责交付计划制定与跟踪");
  });

  test("an unreadable class leaves the rank to be set, the duties still listed", () => {
    const s = sheet(ROW.bad);
    const team = tableBelow(s, rowOf(s, "角色"));
    expect(team.map((r) => r[1])).toEqual(Array(5).fill("项目类别无法识别，职级待定"));
    expect(team[1][4]).toContain("对项目的成功负责");
  });
});

describe("3. communication: stakeholders", () => {
  test("the three customer roles with input rows and the deck's action checklist", () => {
    const s = sheet(ROW.stateGrid);
    const contacts = tableBelow(s, rowOf(s, "客户方姓名", 1) );
    expect(contacts.map((r) => r[0])).toEqual([
      "影响者/设计院",
      "影响者/设计院",
      "采购者/总部",
      "采购者/总部",
      "使用者/地方业主单位",
      "使用者/地方业主单位",
    ]);
    const contactRow = rowOf(s, "客户方姓名", 1) + 1;
    for (const c of [1, 2, 3, 4, 5]) expect(s.plan.styles[s.styles[contactRow][c]!].input).toBe(true);
    expect(s.plan.validations).toContainEqual({ area: { row: contactRow, col: 3, rows: 6, cols: 1 }, list: ["支持", "中立", "反对"] });

    const actions = tableBelow(s, rowOf(s, "行动", 1));
    expect(actions).toHaveLength(14);
    expect(actions.filter((r) => r[0] === "影响者/设计院").map((r) => r[1])).toEqual([
      "邀请设计院到公司参观/在设计院进行技术推广",
      "深度拜访设计院，从设计院处获取竞情信息",
      "通过设计院影响技术规范进行技术植入，指定产品型号",
      "获取设计院决策人的支持，在评标过程中起到积极作用",
    ]);
    expect(actions.filter((r) => r[0] === "采购者/总部")).toHaveLength(6);
    expect(actions.filter((r) => r[0] === "使用者/地方业主单位")).toHaveLength(4);
  });
});

describe("2. budget", () => {
  test("editable lines and a native SUM total over exactly those lines", () => {
    const s = sheet(ROW.stateGrid);
    const h = rowOf(s, "费用项");
    const lines = tableBelow(s, h);
    expect(lines).toHaveLength(9);
    expect(lines.slice(0, 5).map((r) => r[0])).toEqual(["差旅费", "业务招待费", "技术交流与推广", "投标费用", "其他"]);
    for (let i = 0; i < 8; i++) {
      expect(s.plan.styles[s.styles[h + 1 + i][1]!]).toMatchObject({ input: true, numberFormat: "#,##0.00" });
      expect(lines[i][1]).toBeNull();
    }
    expect(lines[8][0]).toBe("合计");
    expect(lines[8][1]).toEqual({ formula: `=SUM(B${h + 2}:B${h + 9})` });
    expect(s.plan.styles[s.styles[h + 9][1]!].input).toBeFalsy();
    const more = sheetOf(charterPlanFor(ROW.stateGrid, { generatedOn: GENERATED, budgetLines: 12 }));
    const mh = rowOf(more, "费用项");
    expect(cell(more, mh + 13, 1)).toEqual({ formula: `=SUM(B${mh + 2}:B${mh + 13})` });
  });

  test("every formula is a native Excel formula built here: no LTC function, no data text", () => {
    const allowed = /^=(SUM|IF|LEN|TRIM|ROUND|[A-Z]+\d+|[(),:=".0-9]|未指定|Unassigned|合计100%|合计≠100%|Total 100%|Total ≠ 100%|\s)+$/;
    for (const plan of ALL.plans) {
      for (const f of allFormulas(sheetOf(plan))) {
        expect(f).toMatch(allowed);
        expect(f).not.toMatch(/LTC\./i);
      }
    }
  });
});

describe("3. communication", () => {
  test("the deck's special meetings and the daily meeting with cadence and owner", () => {
    const s = sheet(ROW.stateGrid);
    const meetings = tableBelow(s, rowOf(s, "会议")).slice(0, 8);
    expect(meetings.map((r) => r[0])).toEqual([
      "项目启动会",
      "项目计划会",
      "项目终止/暂停评审会",
      "项目标前会",
      "报价会",
      "合同谈判预备会",
      "项目复盘会",
      "日常会议",
    ]);
    expect(meetings.slice(0, 7).every((r) => r[1] === "专题会议")).toBe(true);
    expect(meetings[7].slice(0, 5)).toEqual(["日常会议", "日常会议", "每周一次", "项目经理", "默认"]);
    expect(meetings[2][3]).toBe("发起人");
  });

  test("cadence and owner the deck does not give are marked 默认, with the note the aging report gives its defaults", () => {
    const s = sheet(ROW.stateGrid);
    const h = rowOf(s, "会议");
    expect(cell(s, h, 4)).toBe("标注");
    expect(tableBelow(s, h).map((r) => r[4])).toEqual([...Array(8).fill("默认"), null]);
    const note = "标注“默认”的频率/时机和负责人课件未规定，为默认值，公司应自行设定（规则数据）";
    expect(cell(s, h + 9, 0)).toBe(note);
    expect(s.styles[h + 9][0]).toBe("note");
    for (const c of [5, 6]) expect(s.plan.styles[s.styles[h + 1][c]!].input).toBe(true);

    // the mark is the rulebook's: a company that sets its meetings marks them as its own rows say
    const copy = JSON.parse(JSON.stringify(rb)) as Rulebook;
    for (const m of copy.charter.meetings) m.mark = "deck";
    copy.charter.meetings[0].mark = "reading";
    const own = charterFor(ROW.stateGrid, OPTIONS, copy);
    expect(tableBelow(own, rowOf(own, "会议")).map((r) => r[4])).toEqual(["解读", ...Array(7).fill("课件")]);
    expect(allStrings(own)).not.toContain(note);

    const en = charterFor(ROW.stateGrid, { generatedOn: GENERATED, lang: "en" });
    const eh = rowOf(en, "Meeting");
    expect(tableBelow(en, eh)[0].slice(2, 5)).toEqual(["Once, after project approval", "Project manager", "default"]);
    expect(cell(en, eh + 9, 0)).toBe("Cadence and owner marked “default” are not given by the deck: defaults the company should set (rulebook data)");
  });

  test("the stakeholders are part of the communication plan, before the milestones", () => {
    const s = sheet(ROW.stateGrid);
    const stakeholders = rowOf(s, "干系人与行动计划");
    expect(s.styles[stakeholders][0]).toBe("subsection");
    expect(stakeholders).toBeGreaterThan(rowOf(s, "三、沟通机制及沟通频率"));
    expect(stakeholders).toBeLessThan(rowOf(s, "四、里程碑计划，初步识别并评估风险"));
  });
});

describe("4. milestones and risks", () => {
  test("stages with gates AT1–AT5, fulfilment steps, dates from the data where known", () => {
    const s = sheet(ROW.mto600);
    const rows = tableBelow(s, rowOf(s, "阶段"));
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ["管理线索", null],
      ["验证机会点", "AT1 立项"],
      ["引导客户", "AT2 投标决策"],
      ["制定并提交解决方案", null],
      ["合同谈判与签订", "AT3 签约"],
      ["合同履行", "AT4 合同变更"],
      ["  · 交付计划制定", null],
      ["  · 发货指令下达", null],
      ["  · 到货验收", null],
      ["  · 开票", null],
      ["  · 回款", null],
      ["关闭", "AT5 合同关闭"],
    ]);
    expect(rows[3].slice(2, 4)).toEqual([SERIAL["2026-05-20"], "预计招标日期"]);
    expect(rows[4].slice(2, 4)).toEqual([SERIAL["2026-06-30"], "预计签约日期"]);
    expect(rows.filter((r) => r[2] !== null)).toHaveLength(2);
    const first = rowOf(s, "阶段") + 1;
    for (let i = 0; i < rows.length; i++) {
      expect(s.plan.styles[s.styles[first + i][2]!]).toMatchObject({ input: true, numberFormat: "yyyy-mm-dd" });
    }
    const uhv = sheet(ROW.uhv);
    const uhvRows = tableBelow(uhv, rowOf(uhv, "阶段"));
    expect(uhvRows[3][2]).toBe(SERIAL["2026-07-01"]);
    expect(uhvRows[4][2]).toBeNull();
  });

  const risksOf = (row: number) => {
    const s = sheet(row);
    return tableBelow(s, rowOf(s, "序号"));
  };

  test("the register opens with the risks the scores and the team reveal", () => {
    expect(risksOf(ROW.mto600).slice(0, 5).map((r) => [r[0], r[1], r[3]])).toEqual([
      [1, "主要竞争对手参与比例超过40%，竞争激烈（得分 2 ≤ 2）", "评分揭示"],
      [2, "价格竞争力一般或差（得分 2 ≤ 2）", "评分揭示"],
      [3, "首次接触的客户，客户关系薄弱（得分 1 ≤ 1）", "评分揭示"],
      [4, "客户付款能力得分不高于8分，回款风险高（得分 4 ≤ 8）", "评分揭示"],
      [5, "项目未指定发起人，资源与审批无人负责", "团队配置"],
    ]);
    // 35% share, 强 price, long-term customer, payment 8 (≤ 8 fires), sponsor named
    expect(risksOf(ROW.provincial)[0][1]).toBe("客户付款能力得分不高于8分，回款风险高（得分 8 ≤ 8）");
    expect(risksOf(ROW.provincial)[1][3]).toBe("阶段典型问题：管理线索");
    // 60% share and 差 price; payment 9 does not fire
    expect(risksOf(ROW.localGrid).slice(0, 2).map((r) => r[1])).toEqual([
      "主要竞争对手参与比例超过40%，竞争激烈（得分 2 ≤ 2）",
      "价格竞争力一般或差（得分 1 ≤ 2）",
    ]);
    expect(risksOf(ROW.localGrid)[2][3]).toBe("阶段典型问题：管理线索");
    // best scores: only the deck's stage problems
    expect(risksOf(ROW.stateGrid)[0][1]).toBe("线索储备量少");
  });

  test("the deck's stage problems seed the register, in stage order", () => {
    const risks = risksOf(ROW.stateGrid);
    expect(risks).toHaveLength(16);
    expect(risks.map((r) => r[0])).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(risks.map((r) => r[1])).toEqual([
      "线索储备量少",
      "对非刚需产品线索不够重视",
      "线索到机会点转化率低",
      "机会点信息不准确",
      "客户资信信息缺失",
      "立项不及时",
      "突发机会点比率较高",
      "项目分工不明确",
      "项目跟踪不及时",
      "客户关系薄弱",
      "项目费用和奖金分配不合理",
      "客户内部无支持者",
      "客户决策链不清楚、关键决策人关系不到位",
      "项目风险未被识别",
      "投标方案不被客户接受",
      "投标资料不完整导致废标",
    ]);
    expect(risks[15][3]).toBe("阶段典型问题：制定并提交解决方案");
  });
});

describe("5. bonus split by member: drafted by the PM", () => {
  const splitOf = (row: number, options: CharterOptions = OPTIONS) => {
    const s = row === ROW.mto600 && options === OPTIONS ? sheet(row) : charterFor(row, options);
    const h = rowOf(s, options.lang === "en" ? "Member role" : "成员角色");
    return { s, h, rows: tableBelow(s, h) };
  };

  test("a row per team role of the class, two for further members, share and amount as yellow inputs", () => {
    const { s, h, rows } = splitOf(ROW.mto600);
    expect(cell(s, h - 1, 0)).toBe("按成员贡献分配（项目经理拟定）");
    expect(rows.map((r) => r[0])).toEqual(["发起人", "项目经理", "客户代表", "解决方案代表", "交付代表", "其他成员", "其他成员", "合计"]);
    const yellow = { input: true, fill: "#FFF2CC" };
    for (let i = 1; i <= 7; i++) {
      expect(s.plan.styles[s.styles[h + i][4]!]).toMatchObject({ ...yellow, numberFormat: "0%" });
      expect(s.plan.styles[s.styles[h + i][5]!]).toMatchObject({ ...yellow, numberFormat: "#,##0.00" });
      expect(s.plan.styles[s.styles[h + i][2]!]).toMatchObject(yellow);
    }
    // the further members' names are typed here; the team's come from the team section
    for (const i of [6, 7]) expect(s.plan.styles[s.styles[h + i][1]!].input).toBe(true);
    for (let i = 1; i <= 5; i++) expect(s.plan.styles[s.styles[h + i][1]!].input).toBeFalsy();
  });

  test("a member's name follows the team section's name cell, so it is typed once", () => {
    const { s, rows } = splitOf(ROW.mto600);
    const teamFirst = rowOf(s, "角色") + 2; // A1 row of the sponsor's line
    expect(rows.slice(0, 5).map((r) => r[1])).toEqual(
      [0, 1, 2, 3, 4].map((i) => ({ formula: `=IF(LEN(TRIM(C${teamFirst + i}))=0,"",TRIM(C${teamFirst + i}))` })),
    );
    expect(cell(s, teamFirst, 2)).toBe("孙经理"); // the PM's name cell (0-based row = the sponsor's A1 row)
  });

  test("the total sums share and amount and checks that the shares reconcile to 100%", () => {
    const { h, rows } = splitOf(ROW.mto600);
    const shares = `E${h + 2}:E${h + 8}`;
    expect(rows[7].slice(4, 7)).toEqual([
      { formula: `=SUM(${shares})` },
      { formula: `=SUM(F${h + 2}:F${h + 8})` },
      { formula: `=IF(ROUND(SUM(${shares}),6)=1,"合计100%","合计≠100%")` },
    ]);
  });

  test("in English, and for an unreadable class every role still has its row", () => {
    const { s, h, rows } = splitOf(ROW.mto600, { generatedOn: GENERATED, lang: "en" });
    expect(cell(s, h - 1, 0)).toBe("Split by member contribution (drafted by: Project manager)");
    expect(rows.map((r) => r[0]).slice(0, 7)).toEqual([
      "Sponsor",
      "Project manager",
      "Customer representative",
      "Solution representative",
      "Delivery representative",
      "Other member",
      "Other member",
    ]);
    expect((rows[7][6] as { formula: string }).formula).toContain('"Total 100%","Total ≠ 100%"');
    const bad = sheet(ROW.bad);
    expect(tableBelow(bad, rowOf(bad, "成员角色")).map((r) => r[0])).toHaveLength(8);
  });

  test("the drafter is the rulebook's first approval step", () => {
    const copy = JSON.parse(JSON.stringify(rb)) as Rulebook;
    copy.charter.bonusFlow.find((f) => f.code === "bonusflow.approval.draft")!.actorZh = "客户代表";
    const s = charterFor(ROW.stateGrid, OPTIONS, copy);
    expect(cell(s, rowOf(s, "成员角色") - 1, 0)).toBe("按成员贡献分配（客户代表拟定）");
  });
});

describe("the parts follow the rulebook's order", () => {
  test("a rulebook that puts the goals before the bonus gets them there, numbered so", () => {
    const copy = JSON.parse(JSON.stringify(rb)) as Rulebook;
    copy.charter.parts.find((p) => p.code === "part.goals")!.seq = 5;
    copy.charter.parts.find((p) => p.code === "part.bonus")!.seq = 6;
    const s = charterFor(ROW.stateGrid, OPTIONS, copy);
    expect(sectionRows(s).slice(5)).toEqual(["五、项目目标及成功标准", "六、业绩及奖金分配方案"]);
    expect(rowOf(s, "目标")).toBeLessThan(rowOf(s, "奖金类别"));
  });

  test("a part the rulebook leaves out is still written, last, under its own title", () => {
    const copy = JSON.parse(JSON.stringify(rb)) as Rulebook;
    copy.charter.parts = copy.charter.parts.filter((p) => p.code !== "part.budget");
    const s = charterFor(ROW.stateGrid, OPTIONS, copy);
    expect(sectionRows(s)).toEqual([
      "基本信息",
      "一、组建项目团队并明确分工",
      "二、沟通机制及沟通频率",
      "三、里程碑计划，初步识别并评估风险",
      "四、业绩及奖金分配方案",
      "五、项目目标及成功标准",
      "六、初步项目预算及使用方案",
    ]);
  });
});

describe("6. goals, 5. bonus and approval", () => {
  test("goals seeded with the amount and the signing date, all editable", () => {
    const s = sheet(ROW.stateGrid);
    const h = rowOf(s, "目标");
    const goals = tableBelow(s, h);
    expect(goals.map((r) => [r[0], r[1], r[4]])).toEqual([
      ["签约金额（元）", "按期签订合同", 12_000_000],
      ["签约日期", null, SERIAL["2026-04-30"]],
      ["回款", "按合同约定全额回款", null],
      [null, null, null],
      [null, null, null],
    ]);
    for (let i = 1; i <= 5; i++) for (const c of [0, 1, 4, 5, 6]) expect(s.plan.styles[s.styles[h + i][c]!].input).toBe(true);
  });

  test.each(BONUS)("row %i: bonus categories for the type, allocation checked by a formula", (row, categories) => {
    const s = sheet(row);
    const h = rowOf(s, "奖金类别");
    const lines = tableBelow(s, h);
    const n = categories.length + 2;
    expect(lines.slice(0, n).map((r) => r[0])).toEqual([...categories, "其他（如有）", "其他（如有）"]);
    const range = `B${h + 2}:B${h + 1 + n}`;
    expect(lines[n].slice(0, 3)).toEqual([
      "合计",
      { formula: `=SUM(${range})` },
      { formula: `=IF(ROUND(SUM(${range}),6)=1,"合计100%","合计≠100%")` },
    ]);
    for (let i = 1; i <= n; i++) expect(s.plan.styles[s.styles[h + i][1]!]).toMatchObject({ input: true, numberFormat: "0%" });
    for (let i = 1; i <= categories.length; i++) expect(s.plan.styles[s.styles[h + i][0]!].input).toBeFalsy();
  });

  test("the deck's notes and the rulebook's silence are shown under the bonus table", () => {
    const aff = sheet(ROW.gridAffiliate);
    expect(allStrings(aff)).toContain("单一电容器项目按照立项时的章程为准");
    const uhv = sheet(ROW.uhv);
    expect(allStrings(uhv)).toContain("规则手册第8节未列出此类项目的奖金类别，在章程中确定");
    expect(allStrings(sheet(ROW.stateGrid))).not.toContain("规则手册第8节未列出此类项目的奖金类别，在章程中确定");
  });

  test("the approval block: PM draft → sponsor review → GM approval, then → filed with finance", () => {
    const s = sheet(ROW.stateGrid);
    const h = rowOf(s, "步骤");
    expect(tableBelow(s, h).map((r) => [r[0], r[1]])).toEqual([
      ["立项时", null],
      ["立项时初步确定项目奖金分配方案", "项目经理"],
      ["审定", "项目发起人"],
      ["批准", "国内营销中心总经理"],
      ["中标复盘时", null],
      ["中标项目复盘时拟定最终项目奖金分配方案", "项目经理"],
      ["审定", "项目发起人"],
      ["批准", "国内营销中心总经理"],
      ["备案", "财务"],
    ]);
    expect(s.plan.styles[s.styles[h + 2][4]!].input).toBe(true);
  });
});

describe("problems", () => {
  test("bad rows give problems with the row a user sees, and no charter where there is no project", () => {
    const { plans, problems } = build([ROW.bad, ROW.empty, ROW.noName, 99, ROW.coopNoCondition]);
    expect(plans.map((p) => p.ownerKey)).toEqual(["charter:数据有误的项目", "charter:集招合作缺条件项目"]);
    expect(problems.filter((p) => p.row === ROW.empty)).toEqual([{ row: 17, column: "", value: null, reason: "the row is empty" }]);
    // one bilingual issue type: the zh pane and a zh charter say it in Chinese
    const { issues } = build([ROW.empty, ROW.noName]);
    const nameOrRow = issues.filter((p) => p.column === null || p.column.zh === "项目名称");
    expect(nameOrRow.map((p) => [p.row, p.column?.zh ?? null, p.reason.zh])).toEqual([
      [17, null, "该行为空"],
      [ROW.noName, "项目名称", "项目名称必填：章程以它命名"],
    ]);
    expect(problems.find((p) => p.row === ROW.noName)).toMatchObject({ column: "项目名称 (Project)" });
    expect(problems.find((p) => p.row === 99)!.reason).toContain("not a data row");
    expect(problems.filter((p) => p.row === ROW.bad).map((p) => p.column)).toContain("项目类型 (Project type)");
    // the owner evaluator's own message for the missing condition
    const condition = problems.find((p) => p.row === ROW.coopNoCondition && p.column === "立项条件 (Condition)");
    expect(condition!.reason).toBe("condition is required; for 集招合作类项目 accepts 已明确签订地 (Signing place fixed), 未明确签订地 (Signing place not fixed)");
  });

  test("the charter of a row with problems lists them for the reader", () => {
    const s = sheet(ROW.bad);
    const h = rowOf(s, "行");
    const listed = tableBelow(s, h);
    expect(listed.map((r) => r[1])).toContain("金额");
    const amount = listed.find((r) => r[1] === "金额")!;
    expect(amount[0]).toBe(16);
    expect(amount[2]).toBe("abc");
    expect(amount[3]).toMatch(/^无法读取：amountCNY: "abc" is not accepted/);
    expect(() => rowOf(sheet(ROW.stateGrid), "数据问题")).toThrow();
  });

  test("a location that names no office is a problem, the department stays unresolved", () => {
    const t = opportunityTable();
    const rows = t.rows.map((r) => [...r]);
    rows[ROW.overhaul - 2][HEADER.indexOf("项目所在地")] = "火星";
    const { plans, problems } = charters({ ...t, rows }, [ROW.overhaul]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ row: 12, column: "项目所在地 (Project location)", value: "火星" });
    expect(problems[0].reason).toMatch(/^location: "火星" is not accepted; accepts a province-level region/);
    const s = sheetOf(plans[0]);
    expect(cell(s, rowOf(s, "主责部门"), 1)).toBe("项目所在地代表处");
  });

  test("evaluator failures arrive as values naming their argument: the column is the one the argument stands for", () => {
    // condition (owner evaluator's arg) → 立项条件 column, found by the failure's arg, not its wording
    const coop = build([ROW.coopNoCondition]).problems;
    expect(coop.filter((p) => p.column === "立项条件 (Condition)")).toHaveLength(1);
    const t = opportunityTable();
    const rows = t.rows.map((r) => [...r]);
    rows[ROW.supporting - 2][HEADER.indexOf("立项条件")] = "随便";
    const { problems } = charters({ ...t, rows }, [ROW.supporting]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ row: ROW.supporting, column: "立项条件 (Condition)", value: "随便" });
    expect(problems[0].reason).toMatch(/^condition: "随便" is not accepted; for 配套类项目 accepts 指定合作-中标后/);
  });

  test("a rulebook the charter cannot evaluate gives problems and a charter, never an exception", () => {
    const copy = JSON.parse(JSON.stringify(rb)) as Rulebook;
    copy.team.matrix = copy.team.matrix.filter((m) => !(m.projectClass === "class.gridtender" && m.role === "role.pm"));
    copy.charter.riskSignals[0].subject = "opportunity.colour";
    const { plans, problems } = build([ROW.stateGrid], OPTIONS, copy);
    expect(plans).toHaveLength(1);
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [ROW.stateGrid, "项目类别 (Project class)"],
      [ROW.stateGrid, ""],
    ]);
    expect(problems[0].reason).toMatch(/^rulebook §7 gives no rank for 项目经理/);
    expect(problems[1].reason).toBe("rulebook §8 risk signal risk.competitors names an unknown subject opportunity.colour");
    const s = sheetOf(plans[0]);
    expect(tableBelow(s, rowOf(s, "角色")).map((r) => r[1])).toEqual(Array(5).fill("项目类别无法识别，职级待定"));
    expect(tableBelow(s, rowOf(s, "序号"))[0][1]).toBe("线索储备量少");
  });

  test("a missing required column is one message naming it and its aliases", () => {
    const t = opportunityTable();
    const drop = HEADER.indexOf("项目类别");
    const table: RawTable = { ...t, header: t.header.filter((_, i) => i !== drop), rows: t.rows.map((r) => r.filter((_, i) => i !== drop)) };
    expect(() => buildCharters(table, [2], OPTIONS, rb)).toThrow(LtcError);
    expect(() => buildCharters(table, [2], OPTIONS, rb)).toThrow(
      "The table has no column for 项目类别 (Project class); accepted headers: 项目类别, Project class, 类别, Class",
    );
  });

  test("a row selected twice gives one charter; two rows with the same project name give one charter and a problem", () => {
    expect(build([ROW.stateGrid, ROW.stateGrid]).plans).toHaveLength(1);
    const t = opportunityTable();
    const rows = t.rows.map((r) => [...r]);
    rows[ROW.mtoSmall - 2][0] = rows[ROW.stateGrid - 2][0];
    const { plans, problems } = charters({ ...t, rows }, [ROW.stateGrid, ROW.mtoSmall]);
    expect(plans).toHaveLength(1);
    expect(problems).toEqual([
      {
        row: 4,
        column: "项目名称 (Project)",
        value: "湖南500kV变电站电容器集采",
        reason: "the same project name as row 2: one charter per project, so this row gets none",
      },
    ]);
  });
});

describe("hostile text", () => {
  test("stays plain string values wherever it appears; only our formulas are formulas", () => {
    const s = sheet(ROW.hostile);
    expect(cell(s, rowOf(s, "项目名称"), 1)).toBe(HOSTILE_PROJECT);
    expect(cell(s, rowOf(s, "客户"), 1)).toBe(HOSTILE_CUSTOMER);
    const team = tableBelow(s, rowOf(s, "角色"));
    expect(team.map((r) => r[2])).toEqual([HOSTILE_SPONSOR, HOSTILE_PM, "TAB=1", null, "=CR"]);
    for (const f of allFormulas(s)) {
      expect(f).not.toContain("HYPERLINK");
      expect(f).not.toContain("cmd");
      expect(f).not.toContain(HOSTILE_SPONSOR);
    }
    // team status ×5, budget SUM, category SUM and check, member names ×5, member share SUM, amount SUM and check
    expect(allFormulas(s)).toHaveLength(5 + 1 + 2 + 5 + 3);
    expect(s.plan.ownerKey).toBe(`charter:${HOSTILE_PROJECT}`);
    expect(s.plan.name).toBe('章程-=HYPERLINK("http evil.exampl');
    expect(cell(s, rowOf(s, "主责部门"), 1)).toBe("发电销售团队");
  });

  test("sheet names drop characters Excel refuses and keep within 31 characters", () => {
    expect(charterSheetName("a[b]c:d*e?f/g\\h")).toBe("章程-a b c d e f g h");
    expect(charterSheetName("x".repeat(40))).toHaveLength(31);
    expect(charterSheetName("'quoted'", "en")).toBe("Charter-'quoted");
    expect(charterSheetName("   ")).toBe("章程");
    // a character outside the BMP is never cut in half
    expect(charterSheetName("😀".repeat(20))).toBe("章程-" + "😀".repeat(14));
  });
});

describe("English output", () => {
  const en = charterFor(ROW.mto600, { generatedOn: GENERATED, lang: "en" });

  test("every section, label and rule text in English", () => {
    expect(sectionRows(en)).toEqual(SECTIONS_EN);
    expect(en.plan.name).toBe("Charter-华能风电场无功补偿MTO");
    expect(cell(en, 0, 0)).toBe("Project charter: 华能风电场无功补偿MTO");
    expect(cell(en, rowOf(en, "Owner department"), 1)).toBe("Power-generation sales team");
    expect(cell(en, rowOf(en, "Project type"), 1)).toBe("Power-generation MTO project");
    expect(cell(en, rowOf(en, "Project type"), 4)).toBe("Regular - extra-major project");
    const team = tableBelow(en, rowOf(en, "Role"));
    expect(team.map((r) => r[0])).toEqual([
      "Sponsor",
      "Project manager",
      "Customer representative",
      "Solution representative",
      "Delivery representative",
    ]);
    expect(team[1][1]).toBe("Sales-line level-3 manager");
    expect(team[0][3]).toEqual({ formula: `=IF(LEN(TRIM(C${rowOf(en, "Role") + 2}))=0,"Unassigned","")` });
    expect(tableBelow(en, rowOf(en, "No."))[0][1]).toBe(
      "Main competitors hold over 40% of the field: strong competition (score 2 ≤ 2)",
    );
    expect(tableBelow(en, rowOf(en, "Bonus category"))[0][0]).toBe("Signing bonus");
    expect(en.plan.print!.footer).toBe(`Rulebook deck-2026.1 (fingerprint ${rulebookFingerprint(rb)}); generated 2026-11-27`);
    const check = tableBelow(en, rowOf(en, "Bonus category")).find((r) => r[0] === "Total")!;
    expect((check[2] as { formula: string }).formula).toContain('"Total 100%","Total ≠ 100%"');
  });

  test("no Chinese in the labels and rule text of columns A and B (data rows aside)", () => {
    const cjk = /[\u3400-\u9fff]/;
    // title, subtitle, project, customer and project location hold data text
    const dataRows = new Set([0, 1, rowOf(en, "Project"), rowOf(en, "Customer"), rowOf(en, "Project location")]);
    const chinese: string[] = [];
    en.values.forEach((row, r) => {
      if (dataRows.has(r) || !row) return;
      for (const v of row.slice(0, 2)) if (typeof v === "string" && cjk.test(v)) chinese.push(v);
    });
    expect(chinese).toEqual([]);
  });
});

describe("rules are data", () => {
  test("a changed rulebook changes the charter", () => {
    const copy = JSON.parse(JSON.stringify(rb)) as Rulebook;
    copy.version = "company-2027";
    copy.owner.settings.find((s) => s.key === "mtoThresholdFen")!.value = 1_000_000_000; // 1000万
    copy.charter.riskSignals.find((r) => r.code === "risk.payment")!.scoreAtMost = 3;
    copy.team.matrix.find((m) => m.projectClass === "class.regular.extramajor" && m.role === "role.pm")!.rank = "rank.sales2";
    const s = charterFor(ROW.mto600, OPTIONS, copy);
    expect(cell(s, rowOf(s, "主责部门"), 1)).toBe("内蒙古代表处");
    expect(cell(s, rowOf(s, "项目经理", 0, rowOf(s, "角色")), 1)).toBe("销线二级干部");
    const risks = tableBelow(s, rowOf(s, "序号")).map((r) => r[1] as string);
    expect(risks.some((t) => t.startsWith("客户付款能力得分"))).toBe(false);
    expect(s.plan.print!.footer).toContain("company-2027");
    expect(s.plan.print!.footer).toContain(rulebookFingerprint(copy));
  });
});

function charterPlanFor(row: number, options: CharterOptions): SheetPlan {
  const reading = readOpportunityRow(openOpportunityTable(opportunityTable()), row, rb);
  return charterPlan(reading.record!, rb, options, reading.problems);
}

describe("input cells by stable key (what a user types follows its key when the charter is regenerated)", () => {
  const planOf = (lang: "zh" | "en") => charterPlanFor(ROW.stateGrid, { ...OPTIONS, lang });

  test("every input cell has exactly one key, and no key names a cell that is not an input or that a merge covers", () => {
    const s = sheetOf(planOf("zh"));
    const covered = new Set<string>();
    for (const m of s.plan.merges ?? []) for (let r = m.row; r < m.row + m.rows; r++) for (let c = m.col; c < m.col + m.cols; c++) if (r !== m.row || c !== m.col) covered.add(`${r},${c}`);
    const inputs = new Set<string>();
    s.styles.forEach((row, r) => row.forEach((name, c) => name && s.plan.styles[name]?.input && !covered.has(`${r},${c}`) && inputs.add(`${r},${c}`)));
    const cells = s.plan.inputs!.cells;
    expect(new Set(cells.map((k) => k.key)).size).toBe(cells.length);
    expect(new Set(cells.map((k) => `${k.row},${k.col}`))).toEqual(inputs);
    expect(inputs.size).toBeGreaterThan(100);
  });

  test("keys come from rulebook codes, the same in both languages; labels are in the charter's language", () => {
    const zh = planOf("zh").inputs!;
    const en = planOf("en").inputs!;
    expect(en.cells.map((k) => k.key)).toEqual(zh.cells.map((k) => k.key));
    expect(zh.cells.find((k) => k.key === "team/role.pm/person")?.label).toBe("组建项目团队并明确分工 · 项目经理 · 姓名");
    expect(en.cells.find((k) => k.key === "team/role.pm/person")?.label).toMatch(/PM|Project manager/i);
    expect(zh.unplaced.place).toBe("原位置");
  });
});

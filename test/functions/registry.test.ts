/*
 * Arguments as every Excel host passes them, tested over the whole registry
 * through the real runtime (evaluateCall): blanks as null, "" or 0, bad
 * arguments named with what they accept, ratios as percent cells give them,
 * and strict reading of dates, numbers and amounts.
 */
import { canShip } from "../../src/functions/delivery";
import { ownerDept } from "../../src/functions/project";
import { evaluateCall, CallResult } from "../../src/functions/runtime";
import { LtcError } from "../../src/rules/errors";
import { FUNCTIONS, functionNamed } from "../../src/functions/registry";
import { ParamKind, ZERO_MEANS_BLANK } from "../../src/functions/spec";
import { DEFAULT_RULEBOOK } from "../../src/rules/rulebook";
import { serialFromYmd } from "../../src/rules/values";

const DUE = serialFromYmd(2026, 3, 5);

/** A call of every function with every parameter given (optional ones too), so that blanking any one of them matters. */
const EXAMPLES: Record<string, unknown[]> = {
  LEADTEMP: [2, "急迫", "成熟且高度匹配", "已达成一致", "en"],
  ISOPPORTUNITY: [true, "是", 1],
  OPPSCORE: ["认可", "长期合作客户", 0.35, "强"],
  WINPROB: ["认可", "长期合作客户", 0.35, "强"],
  PAYSCORE: ["民营企业", "好", "无坏账无延期", "发展期"],
  OWNERDEPT: ["配套", 6_000_000, "自营", "湖南", "en"],
  TEAMROLE: ["特别重大", "PM", "en"],
  BONUSTYPES: ["国网集采", "en"],
  BIDGO: [false, "否", 0, "en"],
  CLASSCHECK: ["系统内", true, false, "en"],
  CANSCHEDULE: ["A", "周期", "插单", "en"],
  CANSHIP: ["A", "合同", 0.3, 0.3, false, "en"],
  NEEDPHOTO: ["电容器", 20_000, 220],
  AGINGBUCKET: [DUE, serialFromYmd(2026, 5, 1), "en"],
  LIMITDATE: [DUE, serialFromYmd(2026, 9, 1), serialFromYmd(2027, 1, 10), "company"],
  RULESVERSION: [],
};

/** A value each kind of parameter cannot take: the strict-reading cases of issue 8 among them. */
const NONSENSE: Record<ParamKind, unknown> = {
  label: "垃圾",
  lang: "fr",
  date: "2026-03-05 待确认", // a date with trailing words is not a firm date
  quantity: "0x4", // no hexadecimal
  amount: "(5,000)", // a bracketed negative where amounts cannot be negative
  number: "0x4",
  ratio: 60, // 6000%
  bool: "maybe",
};
/** where a label parameter takes any text (NEEDPHOTO's product: "any other product gives FALSE") */
const NONSENSE_FOR: Record<string, unknown> = { "NEEDPHOTO.product": 7 };

const call = (name: string, args: readonly unknown[]): CallResult => evaluateCall(functionNamed(name)!, args, DEFAULT_RULEBOOK);
const withArg = (args: readonly unknown[], i: number, v: unknown) => args.map((a, j) => (j === i ? v : a));
const answer = (r: CallResult) => ("error" in r ? r : r.value);

describe("every function of the registry", () => {
  test("has an example call that answers", () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(FUNCTIONS.map((f) => f.name).sort());
    for (const f of FUNCTIONS) {
      expect(EXAMPLES[f.name]).toHaveLength(f.params.length);
      expect(call(f.name, EXAMPLES[f.name])).toHaveProperty("value");
    }
  });

  const zeroBlank = FUNCTIONS.flatMap((f) =>
    f.params.flatMap((p, i) => (ZERO_MEANS_BLANK[p.kind] ? [[`${f.name}.${p.name}`, f.name, i, Boolean(p.optional)] as const] : [])),
  );

  test.each(zeroBlank)("%s: null, \"\" and 0 (how Windows passes an empty cell) give the same answer", (_id, name, i, optional) => {
    const args = EXAMPLES[name];
    const blank = answer(call(name, withArg(args, i, null)));
    expect(answer(call(name, withArg(args, i, "")))).toEqual(blank);
    expect(answer(call(name, withArg(args, i, 0)))).toEqual(blank);
    expect(answer(call(name, withArg(args, i, undefined)))).toEqual(blank);
    // an optional argument may still be required by the others (OWNERDEPT's condition for 配套类项目)
    if (!optional) expect(blank).toMatchObject({ error: "#VALUE!", arg: functionNamed(name)!.params[i].name });
  });

  test("0 stays a value where it means one: months, ratios, booleans", () => {
    const kinds = new Set(FUNCTIONS.flatMap((f) => f.params.filter((p) => !ZERO_MEANS_BLANK[p.kind]).map((p) => p.kind)));
    expect([...kinds].sort()).toEqual(["bool", "number", "ratio"]);
    expect(call("LEADTEMP", [0])).toMatchObject({ value: "热线索" }); // already in procurement
    expect(call("CANSHIP", ["A", "合同", 0, 0.3])).toMatchObject({ value: "异常发货：需客户承诺函和总裁审批" });
    expect(call("ISOPPORTUNITY", [1, 1, 0])).toMatchObject({ value: false });
  });

  const params = FUNCTIONS.flatMap((f) => f.params.map((p, i) => [`${f.name}.${p.name}`, f.name, i, p.kind] as const));

  test.each(params)("%s: a bad value is #VALUE! naming the argument and what it accepts", (id, name, i, kind) => {
    const bad = id in NONSENSE_FOR ? NONSENSE_FOR[id] : NONSENSE[kind];
    const r = call(name, withArg(EXAMPLES[name], i, bad));
    const param = functionNamed(name)!.params[i].name;
    expect(r).toMatchObject({ error: "#VALUE!", arg: param, accepts: expect.stringMatching(/accepts /) });
    expect("error" in r && r.message.startsWith(`${param}: `)).toBe(true);
  });
});

describe("the cases of a fill-down over blank optional columns on Windows", () => {
  test.each([
    ["LIMITDATE(due, 0, 0)", "LIMITDATE", [DUE, 0, 0], [DUE]],
    ["LIMITDATE basis 0", "LIMITDATE", [DUE, null, null, 0], [DUE]],
    ["LEADTEMP urgency 0", "LEADTEMP", [4, 0, 0, 0, 0], [4]],
    ["OWNERDEPT condition, location, lang 0", "OWNERDEPT", ["大修", 0, 0, 0, 0], ["大修"]],
    ["CANSCHEDULE lang 0", "CANSCHEDULE", ["A", "周期", "插单", 0], ["A", "周期", "插单"]],
    ["NEEDPHOTO capacity 0, voltage 0", "NEEDPHOTO", ["GIS", 0, 0], ["GIS"]],
  ])("%s answers as the blank call", (_what, name, zeros, blanks) => {
    const r = call(name, zeros);
    expect(r).toEqual(call(name, blanks));
  });

  test("the answers themselves", () => {
    expect(call("LIMITDATE", [DUE, 0, 0])).toMatchObject({ value: serialFromYmd(2029, 3, 5) });
    expect(call("OWNERDEPT", ["大修", 0, 0, 0, 0])).toMatchObject({ value: "项目所在地代表处" });
    expect(call("NEEDPHOTO", ["GIS", 0, 0])).toMatchObject({ value: true });
    expect(call("NEEDPHOTO", ["电容器", 0, 220])).toMatchObject({ error: "#VALUE!", arg: "capacityKvar" });
  });
});

describe("ratios as Excel gives them", () => {
  test("a percent cell arrives as its fraction; text may carry %", () => {
    expect(call("CANSHIP", ["A", "合同", 0.3, "30%"])).toEqual(call("CANSHIP", ["A", "合同", "30%", 0.3]));
    expect(call("OPPSCORE", ["认可", "长期合作客户", "35%", "强"])).toMatchObject({ value: 13 });
  });

  test("paidRatio above 100% is overpaid: fully paid, and the reason says so", () => {
    const full = call("CANSHIP", ["A", "协议", 1]);
    const over = call("CANSHIP", ["A", "协议", 1.2]);
    expect(over).toMatchObject({ value: (full as { value: string }).value });
    expect("reasons" in over && over.reasons[0]).toMatchObject({
      row: "fullPaymentRatio",
      text: { zh: "已到款120%，超过100%：多付，按全额到款计", en: "paid 120%, above 100%: overpaid, counted as fully paid" },
    });
    expect(call("CANSHIP", ["A", "协议", "200%"])).toMatchObject({ value: (full as { value: string }).value });
  });

  test.each([
    ["CANSHIP", ["A", "合同", 60], "paidRatio", "paidRatio: 60 would be 6000%: write 60% or 0.6; accepts a ratio 0–200%"],
    ["CANSHIP", ["A", "合同", 2.5], "paidRatio", "paidRatio: 2.5 would be 250%: write 2.5% or 0.025; accepts a ratio 0–200%"],
    ["CANSHIP", ["A", "合同", "250%"], "paidRatio", 'paidRatio: "250%" is above 200%; accepts a ratio 0–200%'],
    ["CANSHIP", ["A", "合同", 0.5, 1.2], "requiredRatio", "requiredRatio: 1.2 would be 120%: write 1.2% or 0.012; accepts a ratio 0–100%"],
    ["OPPSCORE", ["认可", "长期合作客户", 35, "强"], "competitorShare", "competitorShare: 35 would be 3500%: write 35% or 0.35; accepts a ratio 0–100%"],
    ["OPPSCORE", ["认可", "长期合作客户", "101%", "强"], "competitorShare", 'competitorShare: "101%" is above 100%; accepts a ratio 0–100%'],
  ])("%s(%j) is #VALUE! showing how to write it", (name, args, arg, message) => {
    const r = call(name, args);
    expect(r).toMatchObject({ error: "#VALUE!", arg });
    expect("error" in r && r.message.startsWith(message)).toBe(true);
  });
});

describe("strict reading", () => {
  test("a date with trailing words is not a date; a date with a time of day is", () => {
    expect(call("AGINGBUCKET", ["2026-03-05 待确认", DUE])).toMatchObject({ error: "#VALUE!", arg: "dueDate" });
    expect(call("AGINGBUCKET", ["2026-03-05 00:00:00", DUE])).toMatchObject({ value: "未到期" });
    expect(call("AGINGBUCKET", ["2026-03-05T08:30", DUE])).toMatchObject({ value: "未到期" });
  });

  test("a result past 9999-12-31 is #VALUE! naming the date it was counted from", () => {
    expect(call("LIMITDATE", ["9999-01-01"])).toMatchObject({ error: "#VALUE!", arg: "dueDate" });
    const due = serialFromYmd(9997, 6, 1);
    const paid = serialFromYmd(9998, 6, 1); // while the period runs: it restarts there
    const r = call("LIMITDATE", [due, paid]);
    expect(r).toMatchObject({ error: "#VALUE!", arg: "lastPaymentDate" });
    expect("error" in r && r.message).toMatch(/^lastPaymentDate: the result 10001-06-01 is past 9999-12-31; /);
    expect(call("LIMITDATE", [due, null, null, "company"])).toMatchObject({ value: serialFromYmd(9999, 6, 1) });
  });

  test("a threshold compares the exact amount: 4,999,999.999 yuan is below 5,000,000", () => {
    for (const amount of [4_999_999.999, "4,999,999.999", "499.9999999万"]) {
      expect(call("OWNERDEPT", ["MTO", amount])).toMatchObject({ value: "代表处" });
    }
    for (const amount of [5_000_000, "5,000,000.00", "500万", 5_000_000.001]) {
      expect(call("OWNERDEPT", ["MTO", amount])).toMatchObject({ value: "发电销售团队" });
    }
  });

  test("hexadecimal and bracketed negatives are not numbers", () => {
    expect(call("OWNERDEPT", ["MTO", "(5,000,000)"])).toMatchObject({ error: "#VALUE!", arg: "amountCNY" });
    expect(call("OWNERDEPT", ["MTO", "0x4C4B40"])).toMatchObject({ error: "#VALUE!", arg: "amountCNY" });
    expect(call("NEEDPHOTO", ["电容器", "0x4E20", 220])).toMatchObject({ error: "#VALUE!", arg: "capacityKvar" });
    expect(call("OPPSCORE", ["0x4", "长期合作客户", 0.35, "强"])).toMatchObject({ error: "#VALUE!", arg: "brand" });
  });
});

describe("the custom-function boundary", () => {
  class FakeExcelError {
    constructor(
      readonly code: string,
      readonly message: string,
    ) {}
  }
  const excel = { Error: FakeExcelError, ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" } };
  const thrown = (fn: () => unknown): unknown => {
    try {
      fn();
    } catch (e) {
      return e;
    }
    throw new Error("expected an error");
  };

  test("in Excel: the cell's error message begins with the argument at fault, within Excel's 255 characters", () => {
    Object.assign(globalThis, { CustomFunctions: excel });
    try {
      const e = thrown(() => canShip("A", "合同", 60)) as FakeExcelError;
      expect(e).toBeInstanceOf(FakeExcelError);
      expect(e.code).toBe("#VALUE!");
      expect(e.message).toMatch(/^paidRatio: 60 would be 6000%: write 60% or 0\.6; /);
      const long = thrown(() => ownerDept("火星项目")) as FakeExcelError;
      expect(long.message).toMatch(/^projectType: "火星项目" is not accepted; accepts /);
      expect(long.message.length).toBeLessThanOrEqual(255);
    } finally {
      delete (globalThis as { CustomFunctions?: unknown }).CustomFunctions;
    }
  });

  test("outside Excel: an LtcError carrying the argument and what it accepts", () => {
    const e = thrown(() => canShip("A", "合同", 0.5, 1.2)) as LtcError;
    expect(e).toBeInstanceOf(LtcError);
    expect(e).toMatchObject({ code: "#VALUE!", arg: "requiredRatio", accepts: expect.stringMatching(/^accepts a ratio 0–100%/) });
  });
});

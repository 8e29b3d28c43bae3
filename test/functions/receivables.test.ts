import { AGINGBUCKET, agingBucket, LIMITDATE, limitDate, RECEIVABLES_FUNCTIONS } from "../../src/functions/receivables";
import { functionNamed } from "../../src/functions/registry";
import { evaluateCall } from "../../src/functions/runtime";
import { FunctionSpec } from "../../src/functions/spec";
import { activeRulebook, setActiveRulebook } from "../../src/rules/active";
import { LtcError } from "../../src/rules/errors";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";
import { serialFromYmd } from "../../src/rules/values";

const rb = DEFAULT_RULEBOOK;
const copy = (): Rulebook => JSON.parse(JSON.stringify(DEFAULT_RULEBOOK)) as Rulebook;
const d = (y: number, m: number, day: number) => serialFromYmd(y, m, day);
const AS_OF = d(2026, 11, 30);

function value(spec: FunctionSpec, args: unknown[], rulebook: Rulebook = rb) {
  const r = evaluateCall(spec, args, rulebook);
  if ("error" in r) throw new Error(`${spec.name}(${JSON.stringify(args)}) → ${r.error}: ${r.message}`);
  return r.value;
}

describe("AGINGBUCKET", () => {
  // Every row of the rulebook's agingBuckets table, at both of its edges, as the spec writes it.
  test.each([
    [AS_OF + 400, "未到期", "Not due"],
    [AS_OF, "未到期", "Not due"],
    [AS_OF - 1, "1-30天", "1-30 days"],
    [AS_OF - 30, "1-30天", "1-30 days"],
    [AS_OF - 31, "31-90天", "31-90 days"],
    [AS_OF - 90, "31-90天", "31-90 days"],
    [AS_OF - 91, "91-180天", "91-180 days"],
    [AS_OF - 180, "91-180天", "91-180 days"],
    [AS_OF - 181, "181-365天", "181-365 days"],
    [AS_OF - 365, "181-365天", "181-365 days"],
    [AS_OF - 366, "1-2年", "1-2 years"],
    [AS_OF - 730, "1-2年", "1-2 years"],
    [AS_OF - 731, "2-3年", "2-3 years"],
    [AS_OF - 1095, "2-3年", "2-3 years"],
    [AS_OF - 1096, "3年以上", "Over 3 years"],
    [1, "3年以上", "Over 3 years"],
  ])("due serial %i as of 2026-11-30 → %s / %s", (due, zh, en) => {
    expect(value(AGINGBUCKET, [due, AS_OF])).toBe(zh);
    expect(value(AGINGBUCKET, [due, AS_OF, "zh"])).toBe(zh);
    expect(value(AGINGBUCKET, [due, AS_OF, "en"])).toBe(en);
    expect(value(AGINGBUCKET, [due, AS_OF, " EN "])).toBe(en);
  });

  test.each([
    ["2026-10-31", "2026-11-30"],
    ["2026/10/31", "2026/11/30"],
    ["2026年10月31日", "2026年11月30日"],
    ["２０２６年１０月３１日", "２０２６-１１-３０"],
    [new Date(Date.UTC(2026, 9, 31)), new Date(Date.UTC(2026, 10, 30))],
    [d(2026, 10, 31) + 0.75, AS_OF],
    [String(d(2026, 10, 31)), String(AS_OF)],
  ])("dates in every accepted form: %p as of %p is 30 days past due", (due, asOf) => {
    expect(value(AGINGBUCKET, [due, asOf])).toBe("1-30天");
  });

  test("the reason names the bucket row and the days past due", () => {
    const r = evaluateCall(AGINGBUCKET, [AS_OF - 45, AS_OF], rb);
    expect(r).toEqual({
      value: "31-90天",
      reasons: [{ table: "receivables.agingBuckets", row: "aging.d31_90", text: { zh: "逾期45天 → 31-90天", en: "45 days past due → 31-90 days" } }],
    });
  });

  test("a changed rulebook changes the answer: bucket edges are data", () => {
    const changed = copy();
    changed.receivables.agingBuckets[1].maxDays = 45;
    changed.receivables.agingBuckets[1].zh = "1-45天";
    expect(value(AGINGBUCKET, [AS_OF - 40, AS_OF], changed)).toBe("1-45天");
    expect(value(AGINGBUCKET, [AS_OF - 40, AS_OF])).toBe("31-90天");
  });
});

describe("LIMITDATE", () => {
  test.each([
    // [due, last payment, last demand, basis, expected]
    [d(2026, 3, 5), null, null, undefined, d(2029, 3, 5)],
    [d(2026, 3, 5), null, null, "legal", d(2029, 3, 5)],
    [d(2026, 3, 5), null, null, "法定", d(2029, 3, 5)],
    [d(2026, 3, 5), null, null, "company", d(2028, 3, 5)],
    [d(2026, 3, 5), null, null, "公司", d(2028, 3, 5)],
    [d(2026, 3, 5), null, null, " Company ", d(2028, 3, 5)],
    [d(2026, 3, 5), d(2026, 6, 1), null, "legal", d(2029, 6, 1)],
    [d(2026, 3, 5), d(2026, 6, 1), d(2026, 9, 9), "legal", d(2029, 9, 9)],
    [d(2026, 3, 5), d(2026, 9, 10), d(2026, 9, 9), "公司", d(2028, 9, 10)],
    [d(2026, 3, 5), null, d(2025, 1, 1), "legal", d(2029, 3, 5)],
    [d(2024, 2, 29), null, null, "legal", d(2027, 2, 28)],
    [d(2024, 2, 29), null, null, "company", d(2026, 2, 28)],
    [d(2023, 2, 28), null, d(2024, 2, 29), "法定", d(2027, 2, 28)],
    // restarted only while running (art. 195): a payment after 2029-03-05 changes nothing
    [d(2026, 3, 5), d(2029, 3, 5), null, "legal", d(2032, 3, 5)],
    [d(2026, 3, 5), d(2029, 3, 6), null, "legal", d(2029, 3, 5)],
    [d(2026, 3, 5), null, d(2028, 6, 1), "company", d(2028, 3, 5)],
    ["2026年3月5日", "2026/6/1", "2026-09-09", "legal", d(2029, 9, 9)],
    [new Date(Date.UTC(2026, 2, 5)), "", "  ", "", d(2029, 3, 5)],
  ])("LIMITDATE(%p, %p, %p, %p) = serial %i", (due, pay, demand, basis, expected) => {
    expect(value(LIMITDATE, [due, pay, demand, basis])).toBe(expected);
  });

  test("optional arguments may be left out", () => {
    expect(value(LIMITDATE, [d(2026, 3, 5)])).toBe(d(2029, 3, 5));
  });

  test("a changed rulebook changes the answer: the years are data", () => {
    const changed = copy();
    changed.receivables.settings.find((s) => s.key === "limitation.legalYears")!.value = 4;
    changed.receivables.settings.find((s) => s.key === "limitation.companyYears")!.value = 1;
    expect(value(LIMITDATE, [d(2026, 3, 5), null, null, "legal"], changed)).toBe(d(2030, 3, 5));
    expect(value(LIMITDATE, [d(2026, 3, 5), null, null, "company"], changed)).toBe(d(2027, 3, 5));
  });
});

// [function, arguments, expected code, argument the message must name]
type Bad = [FunctionSpec, unknown[], "#VALUE!" | "#N/A", string];
const BAD: Bad[] = [
  [AGINGBUCKET, [null, AS_OF], "#VALUE!", "dueDate"],
  [AGINGBUCKET, ["", AS_OF], "#VALUE!", "dueDate"],
  [AGINGBUCKET, ["   ", AS_OF], "#VALUE!", "dueDate"],
  [AGINGBUCKET, ["yesterday", AS_OF], "#VALUE!", "dueDate"],
  [AGINGBUCKET, ["2026-02-30", AS_OF], "#VALUE!", "dueDate"],
  [AGINGBUCKET, ["2026-13-01", AS_OF], "#VALUE!", "dueDate"],
  [AGINGBUCKET, ["2026年3月", AS_OF], "#VALUE!", "dueDate"],
  [AGINGBUCKET, [0, AS_OF], "#VALUE!", "dueDate"],
  [AGINGBUCKET, [-5, AS_OF], "#VALUE!", "dueDate"],
  [AGINGBUCKET, [NaN, AS_OF], "#VALUE!", "dueDate"],
  [AGINGBUCKET, [Infinity, AS_OF], "#VALUE!", "dueDate"],
  [AGINGBUCKET, [1e12, AS_OF], "#VALUE!", "dueDate"],
  [AGINGBUCKET, [true, AS_OF], "#VALUE!", "dueDate"],
  [AGINGBUCKET, [new Date(NaN), AS_OF], "#VALUE!", "dueDate"],
  [AGINGBUCKET, [{}, AS_OF], "#VALUE!", "dueDate"],
  [AGINGBUCKET, [AS_OF, null], "#VALUE!", "asOf"],
  [AGINGBUCKET, [AS_OF, ""], "#VALUE!", "asOf"],
  [AGINGBUCKET, [AS_OF, "today"], "#VALUE!", "asOf"],
  [AGINGBUCKET, [AS_OF, "TODAY()"], "#VALUE!", "asOf"],
  [AGINGBUCKET, [AS_OF, "２０２６-１１-３１"], "#VALUE!", "asOf"],
  [AGINGBUCKET, [AS_OF, false], "#VALUE!", "asOf"],
  [AGINGBUCKET, [AS_OF, 3e6], "#VALUE!", "asOf"],
  [AGINGBUCKET, [AS_OF, AS_OF, "fr"], "#VALUE!", "lang"],
  [AGINGBUCKET, [AS_OF, AS_OF, "英語文"], "#VALUE!", "lang"],
  [AGINGBUCKET, [AS_OF, AS_OF, 1], "#VALUE!", "lang"],
  [AGINGBUCKET, [AS_OF, AS_OF, true], "#VALUE!", "lang"],
  [LIMITDATE, [null], "#VALUE!", "dueDate"],
  [LIMITDATE, [""], "#VALUE!", "dueDate"],
  [LIMITDATE, ["next year"], "#VALUE!", "dueDate"],
  [LIMITDATE, ["2026-02-29"], "#VALUE!", "dueDate"],
  [LIMITDATE, [-1], "#VALUE!", "dueDate"],
  [LIMITDATE, [NaN], "#VALUE!", "dueDate"],
  [LIMITDATE, [9e15], "#VALUE!", "dueDate"],
  [LIMITDATE, [false], "#VALUE!", "dueDate"],
  [LIMITDATE, [AS_OF, "paid"], "#VALUE!", "lastPaymentDate"],
  [LIMITDATE, [AS_OF, "2026/2/30"], "#VALUE!", "lastPaymentDate"],
  [LIMITDATE, [AS_OF, -1], "#VALUE!", "lastPaymentDate"],
  [LIMITDATE, [AS_OF, "2026-03-05 待确认"], "#VALUE!", "lastPaymentDate"],
  [LIMITDATE, [AS_OF, true], "#VALUE!", "lastPaymentDate"],
  [LIMITDATE, [AS_OF, NaN], "#VALUE!", "lastPaymentDate"],
  [LIMITDATE, [AS_OF, null, "对账函"], "#VALUE!", "lastDemandDate"],
  [LIMITDATE, [AS_OF, null, "2026-00-10"], "#VALUE!", "lastDemandDate"],
  [LIMITDATE, [AS_OF, null, -3], "#VALUE!", "lastDemandDate"],
  [LIMITDATE, [AS_OF, null, new Date(NaN)], "#VALUE!", "lastDemandDate"],
  [LIMITDATE, [AS_OF, null, null, "法"], "#VALUE!", "basis"],
  [LIMITDATE, [AS_OF, null, null, "公司的"], "#VALUE!", "basis"],
  [LIMITDATE, [AS_OF, null, null, "legally"], "#VALUE!", "basis"],
  [LIMITDATE, [AS_OF, null, null, "deadline"], "#VALUE!", "basis"],
  [LIMITDATE, [AS_OF, null, null, 3], "#VALUE!", "basis"],
  [LIMITDATE, [AS_OF, null, null, true], "#VALUE!", "basis"],
  [LIMITDATE, [AS_OF, null, null, "３"], "#VALUE!", "basis"],
];

describe("bad input", () => {
  test.each(BAD.map(([spec, args, code, name]) => [spec.name, args, code, name, spec] as const))(
    "%s(%p) → %s naming %s",
    (_name, args, code, argName, spec) => {
      const r = evaluateCall(spec, args, rb);
      expect("error" in r).toBe(true);
      if (!("error" in r)) return;
      expect(r.error).toBe(code);
      expect(r.message.startsWith(argName)).toBe(true);
      expect(r.message).toMatch(/accepts|required/);
    },
  );

  test("a rulebook whose buckets stop short answers #N/A with a message", () => {
    const changed = copy();
    changed.receivables.agingBuckets = changed.receivables.agingBuckets.slice(0, 2);
    const r = evaluateCall(AGINGBUCKET, [AS_OF - 100, AS_OF], changed);
    expect(r).toEqual({ error: "#N/A", message: expect.stringContaining("the last row must be open-ended") });
  });
});

describe("the custom-function wrappers and the registry", () => {
  test("the wrappers compute with the active rulebook and throw errors as values", () => {
    expect(agingBucket(AS_OF - 100, AS_OF)).toBe("91-180天");
    expect(agingBucket(AS_OF - 100, AS_OF, "en")).toBe("91-180 days");
    expect(limitDate(d(2026, 3, 5))).toBe(d(2029, 3, 5));
    expect(limitDate(d(2026, 3, 5), undefined, undefined, "company")).toBe(d(2028, 3, 5));
    expect(() => agingBucket("x", AS_OF)).toThrow(LtcError);
    const before = activeRulebook();
    const changed = copy();
    changed.receivables.settings.find((s) => s.key === "limitation.legalYears")!.value = 5;
    try {
      setActiveRulebook(changed);
      expect(limitDate(d(2026, 3, 5))).toBe(d(2031, 3, 5));
    } finally {
      setActiveRulebook(before);
    }
  });

  test("both functions are registered", () => {
    expect(RECEIVABLES_FUNCTIONS.map((f) => f.name)).toEqual(["AGINGBUCKET", "LIMITDATE"]);
    expect(functionNamed("ltc.agingbucket")).toBe(AGINGBUCKET);
    expect(functionNamed("LIMITDATE")).toBe(LIMITDATE);
  });
});

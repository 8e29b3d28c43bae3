import { CLASSCHECK } from "../../src/functions/delivery";
import { CallResult, evaluateCall } from "../../src/functions/runtime";
import { classCheck, contractText, customerClassOf, DEFAULT_CONTRACT } from "../../src/rules/contract";
import { LtcError } from "../../src/rules/errors";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";

const rb = DEFAULT_RULEBOOK;
const call = (args: unknown[], rulebook: Rulebook = rb): CallResult => evaluateCall(CLASSCHECK, args, rulebook);
function thrown(f: () => unknown): LtcError | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof LtcError) return e;
    throw e;
  }
  return undefined;
}
const copy = (): Rulebook => JSON.parse(JSON.stringify(DEFAULT_RULEBOOK)) as Rulebook;

describe("§10 data", () => {
  test("the four classes have the codes other modules use", () => {
    expect(DEFAULT_CONTRACT.customerClasses.map((r) => r.code)).toEqual(["inSystem", "A", "B", "C"]);
    expect(DEFAULT_CONTRACT.customerClasses.map((r) => r.zh)).toEqual(["系统内", "系统外A类", "B类", "C类"]);
  });

  test("the reading about 系统内 and A is marked as a reading", () => {
    const byCode = Object.fromEntries(DEFAULT_CONTRACT.customerClasses.map((r) => [r.code, r]));
    expect(byCode.inSystem).toMatchObject({ grade: "A", inSystem: true, mark: "reading" });
    expect(byCode.A).toMatchObject({ grade: "A", inSystem: null, mark: "reading" });
  });

  test("every §10 rule of the spec is a row", () => {
    expect(DEFAULT_CONTRACT.reviewRules.map((r) => r.zh)).toEqual(
      expect.arrayContaining(["系统内客户必须为A类", "三产公司不能为系统内客户", "A类客户不一定是系统内客户", "付款方式需要闭口"]),
    );
    expect(DEFAULT_CONTRACT.reviewRules.filter((r) => r.kind === "check").map((r) => r.code)).toEqual([
      "inSystemIsA",
      "inSystemClassedInSystem",
      "affiliateNotInSystem",
    ]);
  });

  test("an in-system customer classed A is a classification error, a reading marked as such", () => {
    const row = DEFAULT_CONTRACT.reviewRules.find((r) => r.code === "inSystemClassedInSystem");
    expect(row).toMatchObject({ kind: "check", ifInSystem: true, ifAffiliate: null, ifClasses: ["A"], allowedGrades: [], mark: "reading" });
  });
});

describe("customer class vocabulary", () => {
  // Spellings as users type them: simplified, traditional, English, short, full width, padded.
  const spellings: Array<[string, string]> = [
    ["系统内", "inSystem"],
    ["系統內", "inSystem"],
    ["系统内客户", "inSystem"],
    ["系統內客戶", "inSystem"],
    ["In-system", "inSystem"],
    ["in system", "inSystem"],
    ["  IN-SYSTEM  ", "inSystem"],
    ["A", "A"],
    ["a", "A"],
    ["A类", "A"],
    ["A類", "A"],
    ["Ａ类", "A"],
    ["系统外A类", "A"],
    ["系統外A類", "A"],
    ["除系统内的A类客户", "A"],
    ["除系統內的A類客戶", "A"],
    ["class A", "A"],
    ["Class A (out-of-system)", "A"],
    ["B", "B"],
    ["B类", "B"],
    ["B類", "B"],
    ["Ｂ類 ", "B"],
    ["B类客户", "B"],
    ["class b", "B"],
    ["C", "C"],
    ["C类", "C"],
    ["C類客戶", "C"],
    ["Class C", "C"],
    [" c ", "C"],
  ];
  test.each(spellings)("%s is class %s", (input, code) => {
    expect(customerClassOf(rb, input, "customerClass").code).toBe(code);
  });

  test.each(["D", "D类", "A类客", "系统", "系统外", "AB", "class", "甲类"])("%s is not a class", (input) => {
    expect(() => customerClassOf(rb, input, "customerClass")).toThrow(/^customerClass: /);
  });
});

describe("CLASSCHECK", () => {
  const OK = "通过";
  const R1 = "系统内客户必须为A类";
  const R2 = "三产公司不能为系统内客户";
  const R3 = "系统内客户必须归为系统内类，不能归为系统外A类";
  // class, inSystem, isAffiliate → answer (every combination; "#VALUE!" where class and flag contradict)
  const cases: Array<[string, boolean, boolean, string]> = [
    ["系统内", true, false, OK],
    ["系统内", true, true, R2],
    ["系统内", false, false, "#VALUE!"],
    ["系统内", false, true, "#VALUE!"],
    ["A", true, false, R3],
    ["A", true, true, `${R3}；${R2}`],
    ["A", false, false, OK],
    ["A", false, true, OK],
    ["B", true, false, R1],
    ["B", true, true, `${R1}；${R2}`],
    ["B", false, false, OK],
    ["B", false, true, OK],
    ["C", true, false, R1],
    ["C", true, true, `${R1}；${R2}`],
    ["C", false, false, OK],
    ["C", false, true, OK],
  ];
  test.each(cases)("CLASSCHECK(%s, %s, %s) = %s", (cls, inSystem, affiliate, expected) => {
    const r = call([cls, inSystem, affiliate]);
    if (expected === "#VALUE!") {
      expect(r).toMatchObject({ error: "#VALUE!" });
      expect((r as { message: string }).message).toMatch(/^inSystem: FALSE .*accepts only TRUE for customer class 系统内/);
    } else {
      expect(r).toMatchObject({ value: expected });
    }
  });

  test("English answers join violations with '; '", () => {
    expect(call(["C类", "是", "是", "en"])).toMatchObject({
      value: "In-system customers must be class A; Third-industry (grid-affiliated) companies cannot be in-system customers",
    });
    expect(call(["class A", "no", "yes", "EN"])).toMatchObject({ value: "OK" });
    expect(call(["class A", "yes", "no", "EN"])).toMatchObject({ value: "In-system customers must be classed In-system, not Class A (out-of-system)" });
    expect(call(["系統內", 1, 0, "English"])).toMatchObject({ value: "OK" });
  });

  test("the reasons name the class row and every check, violated or satisfied", () => {
    const r = call(["B", true, false]);
    expect("reasons" in r && r.reasons.map((x) => `${x.table}/${x.row}`)).toEqual([
      "contract.customerClasses/B",
      "contract.reviewRules/inSystemIsA",
      "contract.reviewRules/inSystemClassedInSystem",
      "contract.reviewRules/affiliateNotInSystem",
    ]);
    expect("reasons" in r && r.reasons[1].text.zh).toBe("违反：系统内客户必须为A类");
    expect("reasons" in r && r.reasons[2].text.en).toMatch(/^satisfied: /);
    expect("reasons" in r && r.reasons[3].text.en).toMatch(/^satisfied: /);
    const a = call(["A", true, false]);
    expect("reasons" in a && a.reasons.map((x) => x.text.zh)).toEqual([
      "客户分类 系统外A类（A类）",
      "满足：系统内客户必须为A类",
      "违反：系统内客户必须归为系统内类，不能归为系统外A类",
      "满足：三产公司不能为系统内客户",
    ]);
  });

  test("the evaluator takes plain codes and booleans", () => {
    const d = classCheck(rb, "B", true, true);
    expect(d.value.ok).toBe(false);
    expect(d.value.violations.map((v) => v.code)).toEqual(["inSystemIsA", "affiliateNotInSystem"]);
    expect(classCheck(rb, "A", true, false).value.violations.map((v) => v.code)).toEqual(["inSystemClassedInSystem"]);
    expect(classCheck(rb, "inSystem", true, false).value).toEqual({ ok: true, violations: [] });
    expect(thrown(() => classCheck(rb, "Z", true, false))).toMatchObject({ code: "#N/A" });
    // the section alone is enough: evaluators take Pick<Rulebook, "contract">
    const section = { contract: rb.contract };
    expect(classCheck(section, "A", true, false).value.violations.map((v) => v.code)).toEqual(["inSystemClassedInSystem"]);
    expect(customerClassOf(section, "系统外A类", "customerClass").code).toBe("A");
    expect(contractText(section, "ok", "en")).toBe("OK");
    expect(thrown(() => contractText(section, "nope", "zh"))).toMatchObject({ code: "#N/A" });
  });

  test("a changed rulebook changes the answer", () => {
    // (a rulebook is frozen once evaluated: each change is a new rulebook)
    const changed = (edit: (rb: Rulebook) => void): Rulebook => {
      const rb2 = copy();
      edit(rb2);
      return rb2;
    };
    const review = (rb2: Rulebook, code: string) => rb2.contract.reviewRules.find((r) => r.code === code)!;
    // the company lets class-B customers be in-system
    const bInSystem = changed((c) => (review(c, "inSystemIsA").allowedGrades = ["A", "B"]));
    expect(call(["B", true, false], bInSystem)).toMatchObject({ value: "通过" });
    expect(call(["B", true, false])).toMatchObject({ value: R1 });
    // or reclassifies class C as grade A
    const cIsA = changed((c) => (c.contract.customerClasses.find((r) => r.code === "C")!.grade = "A"));
    expect(call(["C", true, false], cIsA)).toMatchObject({ value: "通过" });
    // or switches the class-A check off by making it a note, or widens it to class B, or to every class
    expect(call(["A", true, false], changed((c) => (review(c, "inSystemClassedInSystem").kind = "note")))).toMatchObject({ value: "通过" });
    const widened = changed((c) => (review(c, "inSystemClassedInSystem").ifClasses = ["A", "B"]));
    expect(call(["B", true, false], widened)).toMatchObject({ value: `${R1}；${R3}` });
    const everyClass = changed((c) => delete review(c, "inSystemClassedInSystem").ifClasses);
    expect(call(["inSystem", true, false], everyClass)).toMatchObject({ value: R3 });
    // or renames the pass text
    expect(call(["A", false, false], changed((c) => (c.contract.texts.find((r) => r.code === "ok")!.zh = "合格")))).toMatchObject({ value: "合格" });
  });
});

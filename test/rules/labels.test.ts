import { LtcError } from "../../src/rules/errors";
import { LabelRow, parseLabel, Vocabulary } from "../../src/rules/labels";
import { normalizeLabel } from "../../src/rules/normalize";

const ownership: (LabelRow & { score: number })[] = [
  { code: "own.grid", zh: "两网、大型央企", en: "State Grid / Southern Grid, large central SOE", aliases: ["两网"], score: 4 },
  { code: "own.largePrivate", zh: "大型民营企业", en: "large private", aliases: [], score: 2 },
  { code: "own.private", zh: "民营企业", en: "private", aliases: [], score: 1 },
];

describe("label matching", () => {
  test("folds full width, case, spaces and traditional script", () => {
    expect(normalizeLabel("  Ｌａｒｇｅ   PRIVATE ")).toBe("large private");
    expect(normalizeLabel("兩網")).toBe("两网");
    expect(normalizeLabel("長期合作客戶")).toBe("长期合作客户");
  });

  test("matches exactly: 民营企业 never matches 大型民营企业", () => {
    expect(parseLabel(ownership, "民营企业", "ownership").code).toBe("own.private");
    expect(parseLabel(ownership, "大型民營企業", "ownership").code).toBe("own.largePrivate");
    expect(() => parseLabel(ownership, "民营", "ownership")).toThrow(LtcError);
  });

  test("numbers pick the row with that score where a score is asked for", () => {
    expect(parseLabel(ownership, 4, "ownership", { scoreOf: (r) => r.score }).code).toBe("own.grid");
    expect(parseLabel(ownership, "２", "ownership", { scoreOf: (r) => r.score }).code).toBe("own.largePrivate");
    expect(() => parseLabel(ownership, 3, "ownership", { scoreOf: (r) => r.score })).toThrow(/ownership: 3 is not accepted/);
    expect(() => parseLabel(ownership, 4, "ownership")).toThrow(/ownership: 4 is not accepted/);
  });

  test("a bad label's message names the argument and lists every accepted label", () => {
    try {
      parseLabel(ownership, "big", "ownership", { scoreOf: (r) => r.score });
      throw new Error("no error");
    } catch (e) {
      expect((e as LtcError).code).toBe("#VALUE!");
      expect((e as LtcError).message).toBe(
        'ownership: "big" is not accepted; accepts 两网、大型央企 (State Grid / Southern Grid, large central SOE), 大型民营企业 (large private), 民营企业 (private), or its score 4–1',
      );
    }
  });

  test("blank is a missing argument unless optional", () => {
    expect(() => parseLabel(ownership, " ", "ownership")).toThrow(/^ownership is required; accepts/);
    expect(parseLabel(ownership, null, "ownership", { optional: true })).toBeUndefined();
  });

  test("a spelling used by two rows is recorded as a conflict, first row kept", () => {
    const v = new Vocabulary([
      { code: "a", zh: "甲", en: "A", aliases: ["x"] },
      { code: "b", zh: "乙", en: "B", aliases: ["X"] },
    ]);
    expect(v.conflicts).toEqual([{ alias: "X", codes: ["a", "b"] }]);
    expect(v.find("x")?.code).toBe("a");
  });
});

describe("Taiwan and Hong Kong spellings reach the same rows", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { functionNamed } = require("../../src/functions/registry");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { evaluateCall } = require("../../src/functions/runtime");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DEFAULT_RULEBOOK } = require("../../src/rules/rulebook");

  test.each([
    ["OPPSCORE", ["認可", "有過合同且有過合作關係", 0.35, "強"], 12],
    ["PAYSCORE", ["民營企業", "差", "有壞帳", "衰退期"], 4],
    ["CANSCHEDULE", ["B類", "生產週期排產", "預付款未到"], "异常排产：需省主任审批"],
  ])("%s(%j) = %p", (name, args, value) => {
    expect(evaluateCall(functionNamed(name), args, DEFAULT_RULEBOOK)).toMatchObject({ value });
  });
});

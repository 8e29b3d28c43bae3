import { cnyCapitals, MAX_CAPITALS_FEN } from "../../src/rules/capitals";

/**
 * 大写金额 by the banking convention. The first rows are the examples of the
 * PBoC's 《正确填写票据和结算凭证的基本规定》 (in the form we choose where it allows two);
 * the rest walk zeros, groups and the 角/分/整 endings.
 */
const KNOWN: [number, string][] = [
  // the PBoC's examples
  [1_600, "人民币壹拾陆元整"],
  [168_032, "人民币壹仟陆佰捌拾元叁角贰分"],
  [10_700_053, "人民币壹拾万柒仟元伍角叁分"],
  [1_640_902, "人民币壹万陆仟肆佰零玖元零贰分"],
  [32_504, "人民币叁佰贰拾伍元零肆分"],
  // endings: 整 after 元 or 角, never after 分; 角 without 分
  [0, "人民币零元整"],
  [1, "人民币壹分"],
  [10, "人民币壹角整"],
  [11, "人民币壹角壹分"],
  [50, "人民币伍角整"],
  [100, "人民币壹元整"],
  [105, "人民币壹元零伍分"],
  [150, "人民币壹元伍角整"],
  [1_050, "人民币壹拾元伍角整"],
  [123_456_789, "人民币壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"],
  // zeros inside a group: one 零 for a run, none at the end
  [100_100, "人民币壹仟零壹元整"],
  [100_000, "人民币壹仟元整"],
  [1_000_100, "人民币壹万零壹元整"],
  [1_001_000, "人民币壹万零壹拾元整"],
  [1_010_000, "人民币壹万零壹佰元整"],
  [1_100_000, "人民币壹万壹仟元整"],
  [1_000_000, "人民币壹万元整"],
  [10_010_000, "人民币壹拾万零壹佰元整"],
  [50_000_000, "人民币伍拾万元整"],
  [500_000_000, "人民币伍佰万元整"],
  [1_234_500_000, "人民币壹仟贰佰叁拾肆万伍仟元整"],
  // 亿 groups
  [10_000_000_000, "人民币壹亿元整"],
  [10_000_000_100, "人民币壹亿零壹元整"],
  [10_001_000_000, "人民币壹亿零壹万元整"],
  [10_010_000_000, "人民币壹亿零壹拾万元整"],
  [11_000_000_000, "人民币壹亿壹仟万元整"],
  [10_100_000_000, "人民币壹亿零壹佰万元整"],
  [10_000_100_000, "人民币壹亿零壹仟元整"],
  [100_000_000_000, "人民币壹拾亿元整"],
  [120_034_005_670, "人民币壹拾贰亿零叁拾肆万零伍拾陆元柒角整"],
  [123_450_000_000_000, "人民币壹万贰仟叁佰肆拾伍亿元整"],
  [100_000_000_000_000, "人民币壹万亿元整"],
  [100_000_000_000_001, "人民币壹万亿元零壹分"],
  [100_000_000_000_100, "人民币壹万亿零壹元整"],
  [1_000_000_000_000_000, "人民币壹拾万亿元整"],
  [999_999_999_999, "人民币玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"],
];

describe("cnyCapitals: 大写金额 exact to the fen", () => {
  test.each(KNOWN)("%i fen → %s", (fen, words) => {
    expect(cnyCapitals(fen)).toBe(words);
  });

  test("no 零 doubled, none before 元, 角 or 分 or at the end of a figure; 整 exactly when there are no 分", () => {
    for (let fen = 7; fen < 300_000; fen += 7) {
      const words = cnyCapitals(fen);
      expect(words).not.toMatch(/零零|零元|零角|零万|零亿|零整/);
      expect(words.endsWith("整")).toBe(fen % 10 === 0);
    }
  });

  test("a credit, a fraction of a fen or an amount past exact integers is refused (the caller says 应退)", () => {
    expect(() => cnyCapitals(-100)).toThrow(RangeError);
    expect(() => cnyCapitals(10.5)).toThrow(/not a whole number of fen/);
    expect(() => cnyCapitals(MAX_CAPITALS_FEN + 1)).toThrow(RangeError);
    expect(cnyCapitals(MAX_CAPITALS_FEN)).toMatch(/^人民币玖拾万零柒佰壹拾玖亿玖仟贰佰伍拾肆万柒仟肆佰零玖元玖角壹分$/);
  });
});

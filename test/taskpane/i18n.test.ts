import { t, UI, uiLanguageOf } from "../../src/taskpane/i18n";

describe("UI language", () => {
  it.each([
    ["zh-CN", "zh"],
    ["zh-TW", "zh"],
    ["zh-HK", "zh"],
    ["ZH-cn", "zh"],
    ["zh", "zh"],
    ["en-US", "en"],
    ["en-GB", "en"],
    ["de-DE", "en"],
    ["ja-JP", "en"],
    ["zu-ZA", "en"],
    ["", "en"],
    [undefined, "en"],
    [null, "en"],
  ])("%p → %s", (display, lang) => {
    expect(uiLanguageOf(display as string | undefined)).toBe(lang);
  });

  it("has every text in both languages, none empty", () => {
    for (const [key, { zh, en }] of Object.entries(UI) as [string, { zh: string; en: string }][]) {
      expect(en.trim()).not.toBe("");
      expect(zh.trim()).not.toBe("");
      // the same placeholders in both languages
      const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect({ key, names: names(zh) }).toEqual({ key, names: names(en) });
    }
  });

  it("fills placeholders as plain text, leaving special replacement patterns alone", () => {
    expect(t("en", "rowN", { row: 7 })).toBe("Row 7");
    expect(t("zh", "rowN", { row: 7 })).toBe("第 7 行");
    expect(t("en", "openSheet", { name: "$&<b>x</b>$1" })).toBe("Go to sheet $&<b>x</b>$1");
    // A text's placeholders are part of its type: forgetting one, or naming one it lacks, does not compile.
    // @ts-expect-error rowN needs {row}
    expect(t("en", "rowN")).toBe("Row {row}");
    // @ts-expect-error rowN has no {column}
    expect(t("en", "rowN", { column: 3 })).toBe("Row {row}");
  });
});

describe("parameter names in the zh pane", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { FUNCTIONS, functionNamed } = require("../../src/functions/registry");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { explainCall } = require("../../src/taskpane/explain");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseLtcFormula } = require("../../src/taskpane/formula");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DEFAULT_RULEBOOK } = require("../../src/rules/rulebook");

  test("every parameter of every LTC function has a Chinese name in its spec", () => {
    const missing = (FUNCTIONS as { name: string; params: { name: string; zhName: string }[] }[]).flatMap((f) =>
      f.params.filter((p) => !/[\u4e00-\u9fff]/.test(p.zhName)).map((p) => `${f.name}.${p.name}`),
    );
    expect(missing).toEqual([]);
    expect(functionNamed("OPPSCORE").params[0].zhName).toBe("品牌认同度");
  });

  test("Explain shows the Chinese name beside the formula's own name in zh, the name alone in en", () => {
    const formula = '=LTC.OPPSCORE("认可","长期合作客户",0.35,"强",5)';
    const labels = (ui: string) => {
      const call = parseLtcFormula(formula).call;
      return explainCall(call, [], DEFAULT_RULEBOOK, ui, { cell: "A1", formula }).inputs.map((i: { label: string }) => i.label);
    };
    expect(labels("zh").slice(0, 2)).toEqual(["品牌认同度 brand", "客户成熟度 maturity"]);
    expect(labels("en")[0]).toBe("brand");
    expect(labels("zh")[4]).toBe("#5");
  });
});

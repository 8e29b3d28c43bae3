import { t, uiLanguageOf, uiTexts } from "../../src/taskpane/i18n";

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
    const en = uiTexts("en");
    const zh = uiTexts("zh");
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(en[key].trim()).not.toBe("");
      expect(zh[key].trim()).not.toBe("");
      // the same placeholders in both languages
      const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect({ key, names: names(zh[key]) }).toEqual({ key, names: names(en[key]) });
    }
  });

  it("fills placeholders as plain text, leaving special replacement patterns alone", () => {
    expect(t("en", "rowN", { row: 7 })).toBe("Row 7");
    expect(t("zh", "rowN", { row: 7 })).toBe("第 7 行");
    expect(t("en", "openSheet", { name: "$&<b>x</b>$1" })).toBe("Go to sheet $&<b>x</b>$1");
    expect(t("en", "rowN")).toBe("Row {row}");
  });
});

describe("parameter names in the zh pane", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { FUNCTIONS } = require("../../src/functions/registry");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PARAM_LABELS_ZH, paramLabel } = require("../../src/taskpane/i18n");

  test("every parameter of every LTC function has a Chinese name", () => {
    const missing = (FUNCTIONS as { name: string; params: { name: string }[] }[]).flatMap((f) =>
      f.params.filter((p) => !PARAM_LABELS_ZH[p.name]).map((p) => `${f.name}.${p.name}`),
    );
    expect(missing).toEqual([]);
  });

  test("Explain shows the Chinese name beside the formula's own name in zh, the name alone in en", () => {
    expect(paramLabel("zh", "brand")).toBe("品牌认同度 brand");
    expect(paramLabel("en", "brand")).toBe("brand");
    expect(paramLabel("zh", "#5")).toBe("#5");
  });
});

/*
 * The zh-CN overlay that the build uses to write functions.zh-cn.json
 * (src/functions/i18n/overlay.js, run by webpack.config.js).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { FunctionsMetadata, mergeZhTexts, overlayZh, readZhTexts, ZhText } from "../../src/functions/i18n/overlay";

const ROOT = path.resolve(__dirname, "..", "..");

function sampleMetadata(): FunctionsMetadata {
  return {
    allowCustomDataForDataTypeAny: true,
    functions: [
      {
        id: "OPPSCORE",
        name: "OPPSCORE",
        description: "Opportunity score 4–16.",
        parameters: [
          { name: "brand", description: "Brand recognition.", type: "any" },
          { name: "price", description: "Price competitiveness.", type: "any" },
        ],
        result: { type: "number" },
      },
      {
        id: "LEADTEMP",
        name: "LEADTEMP",
        description: "Lead temperature.",
        parameters: [
          { name: "months", description: "Months to procurement.", type: "any" },
          { name: "lang", description: "Output language.", type: "any", optional: true },
        ],
        result: { type: "string" },
      },
    ],
  };
}

const COMPLETE: Record<string, ZhText> = {
  OPPSCORE: {
    description: "机会点评分 4–16。",
    result: "评分。",
    parameters: { brand: "品牌认可度。", price: "价格竞争力。" },
  },
  LEADTEMP: {
    description: "线索温度。",
    result: "热线索、温线索或冷线索。",
    parameters: { months: "距采购的月数。", lang: "输出语言。" },
  },
};

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

describe("overlayZh", () => {
  test("replaces every description and keeps ids, names, types and flags", () => {
    const input = sampleMetadata();
    const before = clone(input);
    const { metadata, problems } = overlayZh(input, COMPLETE);
    expect(problems).toEqual([]);
    expect(input).toEqual(before); // the English metadata is not changed
    expect(metadata).toEqual({
      allowCustomDataForDataTypeAny: true,
      functions: [
        {
          id: "OPPSCORE",
          name: "OPPSCORE",
          description: "机会点评分 4–16。",
          parameters: [
            { name: "brand", description: "品牌认可度。", type: "any" },
            { name: "price", description: "价格竞争力。", type: "any" },
          ],
          result: { type: "number" },
        },
        {
          id: "LEADTEMP",
          name: "LEADTEMP",
          description: "线索温度。",
          parameters: [
            { name: "months", description: "距采购的月数。", type: "any" },
            { name: "lang", description: "输出语言。", type: "any", optional: true },
          ],
          result: { type: "string" },
        },
      ],
    });
  });

  test("replaces a result description where the English metadata has one", () => {
    const input = sampleMetadata();
    input.functions[0].result = { type: "number", description: "The score." };
    const { metadata, problems } = overlayZh(input, COMPLETE);
    expect(problems).toEqual([]);
    expect(metadata.functions[0].result).toEqual({ type: "number", description: "评分。" });
  });

  const MISSING: Array<[string, (t: Record<string, ZhText>) => void, string]> = [
    ["a whole function", (t) => delete t.LEADTEMP, 'LEADTEMP: no zh-CN text (add "LEADTEMP" to a src/functions/i18n/*.zh-cn.json file)'],
    ["a description", (t) => delete t.OPPSCORE.description, 'OPPSCORE: missing zh-CN "description"'],
    ["a blank description", (t) => (t.OPPSCORE.description = "  "), 'OPPSCORE: missing zh-CN "description"'],
    ["a parameter", (t) => delete t.OPPSCORE.parameters!.price, 'OPPSCORE: missing zh-CN text for parameter "price"'],
    ["an optional parameter", (t) => delete t.LEADTEMP.parameters!.lang, 'LEADTEMP: missing zh-CN text for parameter "lang"'],
    ["an empty parameter text", (t) => (t.LEADTEMP.parameters!.months = ""), 'LEADTEMP: missing zh-CN text for parameter "months"'],
    ["all parameters", (t) => delete t.OPPSCORE.parameters, 'OPPSCORE: missing zh-CN text for parameter "brand"'],
    ["a misspelt parameter", (t) => (t.OPPSCORE.parameters = { brand: "品牌。", prize: "价格。" }), 'OPPSCORE: zh-CN text for unknown parameter "prize"'],
    ["a function that does not exist", (t) => (t.OPPSCORES = { description: "多余" }), "OPPSCORES: zh-CN text for a function that functions.json does not have"],
  ];

  test.each(MISSING)("reports %s", (_what, edit, expected) => {
    const texts = clone(COMPLETE);
    edit(texts);
    const { problems } = overlayZh(sampleMetadata(), texts);
    expect(problems).toContain(expected);
  });

  test("reports a missing result text where the English metadata has one", () => {
    const input = sampleMetadata();
    input.functions[1].result = { type: "string", description: "Hot, warm or cold." };
    const texts = clone(COMPLETE);
    delete texts.LEADTEMP.result;
    expect(overlayZh(input, texts).problems).toEqual(['LEADTEMP: missing zh-CN "result"']);
  });

  test("reports metadata without a functions array", () => {
    expect(overlayZh({} as FunctionsMetadata, COMPLETE).problems).toEqual(["functions.json has no functions array"]);
  });
});

describe("zh text files", () => {
  test("merges several files and reports a function described twice", () => {
    const { texts, problems } = mergeZhTexts({
      "opportunity.zh-cn.json": { OPPSCORE: COMPLETE.OPPSCORE },
      "lead.zh-cn.json": { LEADTEMP: COMPLETE.LEADTEMP },
      "zz.zh-cn.json": { OPPSCORE: { description: "重复" } },
    });
    expect(Object.keys(texts).sort()).toEqual(["LEADTEMP", "OPPSCORE"]);
    expect(texts.OPPSCORE.description).toBe("机会点评分 4–16。");
    expect(problems).toEqual(["zz.zh-cn.json: OPPSCORE is already described in opportunity.zh-cn.json"]);
  });

  test("reports files that are not an object of objects", () => {
    const { problems } = mergeZhTexts({ "a.zh-cn.json": ["OPPSCORE"], "b.zh-cn.json": { OPPSCORE: "机会点评分" } });
    expect(problems).toEqual([
      'a.zh-cn.json: expected an object {"FUNCTION": {"description", "result", "parameters"}}',
      'b.zh-cn.json: OPPSCORE must be an object {"description", "result", "parameters"}',
    ]);
  });

  test("reads only *.zh-cn.json from a folder and reports invalid JSON", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ltc-zh-"));
    try {
      fs.writeFileSync(path.join(dir, "opportunity.zh-cn.json"), JSON.stringify({ OPPSCORE: COMPLETE.OPPSCORE }));
      fs.writeFileSync(path.join(dir, "broken.zh-cn.json"), "{ not json");
      fs.writeFileSync(path.join(dir, "notes.json"), JSON.stringify({ LEADTEMP: COMPLETE.LEADTEMP }));
      const { texts, problems, files } = readZhTexts(dir);
      expect(Object.keys(texts)).toEqual(["OPPSCORE"]);
      expect(files.map((f) => path.basename(f)).sort()).toEqual(["broken.zh-cn.json", "opportunity.zh-cn.json"]);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^broken\.zh-cn\.json: not valid JSON/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the project's functions", () => {
  test("every function and parameter has Chinese help (functions.zh-cn.json is complete)", async () => {
    const dir = path.join(ROOT, "src", "functions");
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
      .map((f) => path.join(dir, f))
      .filter((f) => fs.readFileSync(f, "utf8").includes("@customfunction"));
    expect(files.length).toBeGreaterThan(0);
    const generated = await generateCustomFunctionsMetadata(files, true);
    expect(generated.errors).toEqual([]);
    const metadata = JSON.parse(generated.metadataJson) as FunctionsMetadata;
    const { texts, problems: readProblems } = readZhTexts(path.join(dir, "i18n"));
    const { metadata: zh, problems } = overlayZh(metadata, texts);
    expect([...readProblems, ...problems]).toEqual([]);
    expect(zh.functions.map((f) => f.id)).toEqual(metadata.functions.map((f) => f.id));
    const cjk = /[\u4e00-\u9fff]/;
    for (const fn of zh.functions) {
      expect(fn.description).toMatch(cjk);
      for (const p of fn.parameters ?? []) expect(p.description).toMatch(cjk);
    }
  }, 60_000);
});

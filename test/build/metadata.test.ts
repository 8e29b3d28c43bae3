/*
 * One test over the registry for every copy of a function's metadata: the
 * functions.json that custom-functions-metadata generates from the JSDoc, the
 * zh-CN metadata made from it (functions.zh-cn.json, as webpack.config.js
 * writes it) and the README's functions table.
 */
import * as fs from "fs";
import * as path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { checkMetadata, FunctionsMetadata, jsdocReturns, zhMetadata } from "../../src/functions/metadata";
import { FUNCTIONS } from "../../src/functions/registry";
import { FunctionSpec } from "../../src/functions/spec";
import { functionsTable, withTable } from "../tools/readme-functions";

const ROOT = path.resolve(__dirname, "..", "..");

/** the files the build hands to the metadata plugin */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sources = (require(path.join(ROOT, "webpack.config.js")) as { customFunctionFiles(): string[] }).customFunctionFiles();
const returns = Object.assign({}, ...sources.map((f) => jsdocReturns(fs.readFileSync(f, "utf8")))) as Record<string, string>;

let generated: FunctionsMetadata;
beforeAll(async () => {
  const result = await generateCustomFunctionsMetadata(sources, true);
  expect(result.errors).toEqual([]);
  generated = JSON.parse(result.metadataJson) as FunctionsMetadata;
}, 60_000);

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe("the registry is the one source of each function's metadata", () => {
  test("functions.json from the JSDoc agrees with the registry: functions, parameter names, order, optional flags, English help", () => {
    expect(sources.length).toBeGreaterThan(0);
    expect(checkMetadata(generated, returns)).toEqual([]);
    expect(generated.functions.map((f) => f.id).sort()).toEqual(FUNCTIONS.map((f) => f.name).sort());
  });

  test("each wrapper hands its arguments to its spec in the registry's order", () => {
    const all = sources.map((f) => fs.readFileSync(f, "utf8")).join("\n");
    for (const f of FUNCTIONS) expect(all).toContain(`invoke(${f.name}, [${f.params.map((p) => p.name).join(", ")}])`);
  });

  test("the zh-CN metadata gives every function, result and parameter its Chinese help and keeps ids, names and flags", () => {
    const zh = zhMetadata(generated);
    expect(zh.functions.map((f) => [f.id, f.name])).toEqual(generated.functions.map((f) => [f.id, f.name]));
    for (const fn of zh.functions) {
      const spec = FUNCTIONS.find((f) => f.name === fn.id)!;
      expect(fn.description).toBe(spec.help.zh);
      expect(fn.description).toMatch(/\p{Script=Han}/u);
      expect((fn.parameters ?? []).map((p) => [p.name, p.optional ?? false, p.description])).toEqual(
        spec.params.map((p) => [p.name, p.optional ?? false, p.help.zh]),
      );
      for (const p of fn.parameters ?? []) expect(p.description).toMatch(/\p{Script=Han}/u);
    }
    // the English metadata itself is not changed
    expect(generated.functions[0].description).toBe(FUNCTIONS.find((f) => f.name === generated.functions[0].id)!.help.en);
  });

  test("the README's functions table is the registry's (npm run docs)", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const table = functionsTable();
    for (const f of FUNCTIONS) expect(table).toContain(`\`LTC.${f.name}(`);
    expect(withTable(readme, table)).toBe(readme);
  });
});

describe("checkMetadata finds every disagreement", () => {
  const edits: Array<[string, (m: FunctionsMetadata, r: Record<string, string>) => void, RegExp]> = [
    ["a function without JSDoc", (m) => m.functions.splice(m.functions.findIndex((f) => f.id === "LIMITDATE"), 1), /^LIMITDATE: in the registry but no @customfunction/],
    ["a function the registry lacks", (m) => m.functions.push({ ...m.functions[0], id: "OPPSCORES", name: "OPPSCORES" }), /^OPPSCORES: a @customfunction that the registry/],
    ["parameters in another order", (m) => m.functions.find((f) => f.id === "OPPSCORE")!.parameters!.reverse(), /^OPPSCORE: the JSDoc parameters \(price, competitorShare, maturity, brand\) are not the registry's/],
    ["a misspelt parameter", (m) => (m.functions.find((f) => f.id === "BIDGO")!.parameters![1].name = "noneed"), /^BIDGO: the JSDoc parameters/],
    ["a required parameter made optional", (m) => (m.functions.find((f) => f.id === "CANSHIP")!.parameters![2].optional = true), /^CANSHIP\(paidRatio\): required in the registry/],
    ["an optional parameter made required", (m) => delete m.functions.find((f) => f.id === "LIMITDATE")!.parameters![3].optional, /^LIMITDATE\(basis\): optional in the registry/],
    ["another description", (m) => (m.functions.find((f) => f.id === "AGINGBUCKET")!.description = "Aging."), /^AGINGBUCKET: the JSDoc description/],
    ["another parameter text", (m) => (m.functions.find((f) => f.id === "NEEDPHOTO")!.parameters![0].description = "x"), /^NEEDPHOTO\(product\): the JSDoc @param text/],
    ["another @returns", (_m, r) => (r.TEAMROLE = "A rank."), /^TEAMROLE: the JSDoc @returns/],
    ["a volatile function", (m) => (m.functions.find((f) => f.id === "RULESVERSION")!.options = { volatile: true }), /^RULESVERSION: is volatile/],
  ];
  test.each(edits)("%s", (_what, edit, expected) => {
    const metadata = clone(generated);
    const r = { ...returns };
    edit(metadata, r);
    const problems = checkMetadata(metadata, r);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });

  test("a registry entry without Chinese help", () => {
    const specs: FunctionSpec[] = FUNCTIONS.map((f) =>
      f.name === "TEAMROLE" ? { ...f, params: f.params.map((p) => (p.name === "role" ? { ...p, help: { ...p.help, zh: "role" } } : p)) } : f,
    );
    expect(checkMetadata(generated, returns, specs)).toEqual(["TEAMROLE(role): help.zh has no Chinese text"]);
  });
});

describe("zhMetadata", () => {
  test("replaces a result description where the English metadata has one, and leaves unknown functions alone", () => {
    const metadata = clone(generated);
    const fn = metadata.functions.find((f) => f.id === "LEADTEMP")!;
    fn.result = { type: "string", description: "Hot, warm or cold." };
    metadata.functions.push({ id: "OTHER", name: "OTHER", description: "Other." });
    const zh = zhMetadata(metadata);
    expect(zh.functions.find((f) => f.id === "LEADTEMP")!.result).toEqual({
      type: "string",
      description: FUNCTIONS.find((f) => f.name === "LEADTEMP")!.result.zh,
    });
    expect(zh.functions.find((f) => f.id === "OTHER")).toEqual({ id: "OTHER", name: "OTHER", description: "Other." });
    expect(fn.result.description).toBe("Hot, warm or cold.");
  });
});

/**
 * The shape of src/rules, read from its import statements (type imports
 * included): data modules hold rows and defaults only, the modules import one
 * another without a cycle, and compiled sections are the one rule cache.
 */
import fs from "fs";
import path from "path";
import ts from "typescript";

const RULES = path.join(__dirname, "..", "..", "src", "rules");

interface Import {
  /** the module as written, e.g. "../labels" */
  specifier: string;
  /** the file it resolves to, relative to src/rules, e.g. "labels.ts"; undefined for a package */
  target: string | undefined;
  /** `import type` / `export type`, or every name imported is a type */
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

function resolve(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const base = path.resolve(path.dirname(fromFile), specifier);
  const hit = [`${base}.ts`, path.join(base, "index.ts")].find((f) => fs.existsSync(f));
  if (!hit) throw new Error(`${path.relative(RULES, fromFile)} imports ${specifier}, which is not a file`);
  return path.relative(RULES, hit).split(path.sep).join("/");
}

function importsOf(file: string): Import[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2020, true);
  const out: Import[] = [];
  const add = (specifier: ts.Expression | undefined, typeOnly: boolean) => {
    if (specifier && ts.isStringLiteral(specifier)) {
      out.push({ specifier: specifier.text, target: resolve(file, specifier.text), typeOnly });
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly || (clause.name === undefined && named !== undefined && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier, typeOnly);
    } else if (ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === "require"))) {
      add(node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal as ts.Expression, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const files = sourceFiles(RULES);
const graph = new Map(files.map((f) => [path.relative(RULES, f).split(path.sep).join("/"), importsOf(f)]));

type Graph = Map<string, Import[]>;

/** Every import cycle among the modules, each as a path "a.ts → b.ts → a.ts". */
function cycles(graph: Graph): string[] {
  const found: string[] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const walk = (module: string) => {
    state.set(module, "open");
    stack.push(module);
    for (const { target } of graph.get(module) ?? []) {
      if (target === undefined || !graph.has(target)) continue;
      if (state.get(target) === "open") found.push([...stack.slice(stack.indexOf(target)), target].join(" → "));
      else if (!state.has(target)) walk(target);
    }
    stack.pop();
    state.set(module, "done");
  };
  for (const module of [...graph.keys()].sort()) if (!state.has(module)) walk(module);
  return found;
}

/** The imports of data modules other than types of the basics and other data modules. */
function dataImportsBeyondBasics(graph: Graph): string[] {
  const basics = new Set(["types.ts", "settings.ts", "labels.ts"]);
  const wrong: string[] = [];
  for (const [module, imports] of graph) {
    if (!module.startsWith("data/")) continue;
    for (const i of imports) {
      const allowed = i.target !== undefined && (i.target.startsWith("data/") || (basics.has(i.target) && i.typeOnly));
      if (!allowed) wrong.push(`${module} imports ${i.typeOnly ? "type " : ""}${i.specifier}`);
    }
  }
  return wrong;
}

const edge = (target: string, typeOnly = true): Import => ({ specifier: `./${target.replace(/\.ts$/, "")}`, target, typeOnly });

describe("the structure checks find what they look for", () => {
  test("a cycle through a type import, and only the cycle", () => {
    const g: Graph = new Map([
      ["a.ts", [edge("b.ts")]],
      ["b.ts", [edge("c.ts", false)]],
      ["c.ts", [edge("a.ts")]],
      ["d.ts", [edge("a.ts")]],
    ]);
    expect(cycles(g)).toEqual(["a.ts → b.ts → c.ts → a.ts"]);
    expect(cycles(new Map([["a.ts", [edge("b.ts")]], ["b.ts", []]]))).toEqual([]);
  });

  test("a data module importing an evaluator, or a basic for its value", () => {
    const g: Graph = new Map([
      ["data/x.ts", [edge("data/y.ts", false), edge("types.ts"), edge("lead.ts"), edge("settings.ts", false)]],
      ["lead.ts", [edge("data/x.ts", false)]],
    ]);
    expect(dataImportsBeyondBasics(g)).toEqual(["data/x.ts imports type ./lead", "data/x.ts imports ./settings"]);
  });
});

describe("src/rules structure", () => {
  test("the import reader sees type imports, re-exports and multi-line imports", () => {
    const rulebook = graph.get("rulebook.ts")!.map((i) => i.target);
    expect(rulebook).toEqual(expect.arrayContaining(["data/lead.ts", "data/receivables.ts", "compile.ts"]));
    expect(graph.get("data/lead.ts")).toEqual(
      expect.arrayContaining([{ specifier: "../labels", target: "labels.ts", typeOnly: true }]),
    );
    expect(graph.get("owner.ts")!.filter((i) => i.target === "data/owner.ts").map((i) => i.typeOnly)).toContain(false);
  });

  test("every area keeps its rows and defaults in a data module", () => {
    const data = [...graph.keys()].filter((m) => m.startsWith("data/")).sort();
    for (const area of ["bid", "charter", "contract", "lead", "opportunity", "owner", "payment", "process", "receivables", "schedule", "ship", "team"]) {
      expect(data).toContain(`data/${area}.ts`);
    }
  });

  test("a data module imports nothing of the rulebook: only types of the basics, and other data modules", () => {
    expect(dataImportsBeyondBasics(graph)).toEqual([]);
  });

  test("rulebook.ts imports the sections' data, not their evaluation", () => {
    const evaluation = graph
      .get("rulebook.ts")!
      .filter((i) => i.target !== undefined && !i.target.startsWith("data/") && i.target !== "compile.ts")
      .map((i) => i.specifier);
    expect(evaluation).toEqual([]);
  });

  test("no import cycle among the rules modules (type imports included)", () => {
    expect(cycles(graph)).toEqual([]);
  });

  test("compiled sections are the one rule cache: no other WeakMap in src/rules", () => {
    const holders = files
      .filter((f) => /new WeakMap\b/.test(fs.readFileSync(f, "utf8")))
      .map((f) => path.relative(RULES, f).split(path.sep).join("/"))
      .sort();
    expect(holders).toEqual(["compile.ts"]);
  });
});

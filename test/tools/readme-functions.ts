/**
 * The README's table of every LTC function, generated from the same sources
 * as functions.json (the JSDoc of src/functions/*.ts) and functions.zh-cn.json
 * (src/functions/i18n/*.zh-cn.json). `npm run docs` writes it; a test fails
 * when the README's copy is stale.
 */
import * as fs from "fs";
import * as path from "path";
import { FUNCTIONS } from "../../src/functions/registry";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");

const ROOT = path.resolve(__dirname, "../..");
const FUNCTIONS_DIR = path.join(ROOT, "src", "functions");
export const START = "<!-- functions-table -->";
export const END = "<!-- /functions-table -->";

interface Param {
  name: string;
  description?: string;
  optional?: boolean;
}
interface Fn {
  id: string;
  description?: string;
  parameters: Param[];
}
type ZhTexts = Record<string, { description?: string; result?: string; parameters?: Record<string, string> }>;

function functionFiles(): string[] {
  return fs
    .readdirSync(FUNCTIONS_DIR)
    .filter((n) => n.endsWith(".ts"))
    .map((n) => path.join(FUNCTIONS_DIR, n))
    .filter((f) => fs.readFileSync(f, "utf8").includes("@customfunction"))
    .sort();
}

/** The English @returns text of each @customfunction (functions.json does not carry it). */
function englishReturns(files: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of files) {
    const source = fs.readFileSync(file, "utf8");
    for (const block of source.match(/\/\*\*[\s\S]*?\*\//g) ?? []) {
      const id = /@customfunction\s+(\w+)/.exec(block)?.[1];
      const returns = /@returns\s+([\s\S]*?)(?=\n\s*\*\s*@|\*\/)/.exec(block)?.[1];
      if (id && returns) out[id] = returns.replace(/\n\s*\*\s*/g, " ").trim();
    }
  }
  return out;
}

function zhTexts(): ZhTexts {
  const dir = path.join(FUNCTIONS_DIR, "i18n");
  const texts: ZhTexts = {};
  for (const n of fs.readdirSync(dir).filter((f) => f.endsWith(".zh-cn.json"))) {
    Object.assign(texts, JSON.parse(fs.readFileSync(path.join(dir, n), "utf8")));
  }
  return texts;
}

const cell = (s: string | undefined) => (s ?? "").replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");

export async function functionsTable(): Promise<string> {
  const files = functionFiles();
  const result = await generateCustomFunctionsMetadata(files, true);
  if (result.errors.length) throw new Error(result.errors.join("\n"));
  // In the registry's order (the rulebook's), not the files' alphabetical order.
  const order = new Map(FUNCTIONS.map((f, i) => [f.name, i]));
  const functions = (JSON.parse(result.metadataJson) as { functions: Fn[] }).functions.sort(
    (a, b) => (order.get(a.id) ?? 99) - (order.get(b.id) ?? 99),
  );
  const returns = englishReturns(files);
  const zh = zhTexts();
  const lines = [
    START,
    "",
    "| Function 函数 | Arguments 参数 (accepted values 可用值) | Returns 返回 |",
    "|---|---|---|",
  ];
  for (const f of functions) {
    const signature = `\`LTC.${f.id}(${f.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ")})\``;
    const args = f.parameters
      .map((p) => `\`${p.name}\`: ${cell(p.description)}<br>${cell(zh[f.id]?.parameters?.[p.name])}`)
      .join("<br>");
    lines.push(
      `| ${signature}<br>${cell(f.description)}<br>${cell(zh[f.id]?.description)} | ${args || "—"} | ${cell(returns[f.id])}<br>${cell(zh[f.id]?.result)} |`,
    );
  }
  lines.push("", END);
  return lines.join("\n");
}

export function withTable(readme: string, table: string): string {
  const start = readme.indexOf(START);
  if (start < 0) throw new Error(`README.md has no ${START} marker`);
  const endAt = readme.indexOf(END, start);
  const end = endAt < 0 ? start + START.length : endAt + END.length;
  return readme.slice(0, start) + table + readme.slice(end);
}

if (require.main === module) {
  functionsTable().then((table) => {
    const file = path.join(ROOT, "README.md");
    fs.writeFileSync(file, withTable(fs.readFileSync(file, "utf8"), table));
    console.log("README.md: functions table written");
  });
}

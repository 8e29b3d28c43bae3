/**
 * The README's table of every LTC function, generated from the registry (the
 * one source of each function's parameters and bilingual help, which
 * functions.json and functions.zh-cn.json are held to). `npm run docs` writes
 * it; test/build/metadata.test.ts fails when the README's copy is stale.
 */
import * as fs from "fs";
import * as path from "path";
import { FUNCTIONS } from "../../src/functions/registry";
import { FunctionSpec } from "../../src/functions/spec";

const ROOT = path.resolve(__dirname, "../..");
export const START = "<!-- functions-table -->";
export const END = "<!-- /functions-table -->";

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");

/** The table, in the registry's order (the rulebook's). */
export function functionsTable(functions: readonly FunctionSpec[] = FUNCTIONS): string {
  const lines = [
    START,
    "",
    "| Function 函数 | Arguments 参数 (accepted values 可用值) | Returns 返回 |",
    "|---|---|---|",
  ];
  for (const f of functions) {
    const signature = `\`LTC.${f.name}(${f.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ")})\``;
    const args = f.params.map((p) => `\`${p.name}\`: ${cell(p.help.en)}<br>${cell(p.help.zh)}`).join("<br>");
    lines.push(
      `| ${signature}<br>${cell(f.help.en)}<br>${cell(f.help.zh)} | ${args || "—"} | ${cell(f.result.en)}<br>${cell(f.result.zh)} |`,
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
  const file = path.join(ROOT, "README.md");
  fs.writeFileSync(file, withTable(fs.readFileSync(file, "utf8"), functionsTable()));
  console.log("README.md: functions table written");
}

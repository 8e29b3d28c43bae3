/*
 * The registry (FunctionSpec: name, parameters with kinds, bilingual help) is
 * the one source of every function's metadata. Excel reads functions.json,
 * which CustomFunctionsMetadataPlugin generates from the JSDoc of the
 * custom-function wrappers: checkMetadata holds that JSDoc to the registry.
 * functions.zh-cn.json (the manifest's zh-CN metadata) is functions.json with
 * the registry's Chinese help (zhMetadata). webpack.config.js runs both on
 * every build; test/build/metadata.test.ts runs them on the sources, together
 * with the README table (test/tools/readme-functions.ts).
 */
import { FUNCTIONS } from "./registry";
import { FunctionSpec } from "./spec";

/** The shape of functions.json that is read here (other fields pass through). */
export interface FunctionsMetadata {
  functions: Array<{
    id: string;
    name: string;
    description?: string;
    parameters?: Array<{ name: string; description?: string; optional?: boolean; [key: string]: unknown }>;
    result?: { description?: string; [key: string]: unknown };
    options?: { volatile?: boolean; [key: string]: unknown };
    [key: string]: unknown;
  }>;
  [key: string]: unknown;
}

const HAN = /\p{Script=Han}/u;

/** The @returns text of each @customfunction in a source file (functions.json does not carry it). */
export function jsdocReturns(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const block of source.match(/\/\*\*[\s\S]*?\*\//g) ?? []) {
    const id = /@customfunction\s+(\w+)/.exec(block)?.[1];
    const returns = /@returns\s+([\s\S]*?)(?=\n\s*\*\s*@|\*\/)/.exec(block)?.[1];
    if (id && returns) out[id] = returns.replace(/\n\s*\*\s*/g, " ").trim();
  }
  return out;
}

/**
 * Every way functions.json (and the JSDoc @returns texts) differs from the
 * registry: a function missing on either side, parameters in another order,
 * optional where the registry says required (or the reverse), an English text
 * that is not the registry's, a Chinese text missing, or a volatile function.
 */
export function checkMetadata(
  metadata: FunctionsMetadata,
  returns: Record<string, string>,
  functions: readonly FunctionSpec[] = FUNCTIONS,
): string[] {
  const problems: string[] = [];
  const generated = new Map((metadata.functions ?? []).map((f) => [f.id, f]));
  for (const spec of functions) {
    const fn = generated.get(spec.name);
    if (!fn) {
      problems.push(`${spec.name}: in the registry but no @customfunction ${spec.name} in src/functions/*.ts`);
      continue;
    }
    const where = `${spec.name}`;
    if (fn.description !== spec.help.en) problems.push(`${where}: the JSDoc description is not the registry's help.en`);
    if (returns[spec.name] !== spec.result.en) problems.push(`${where}: the JSDoc @returns is not the registry's result.en`);
    if (fn.options?.volatile) problems.push(`${where}: is volatile; LTC functions never are`);
    for (const [lang, text] of [["help.zh", spec.help.zh], ["result.zh", spec.result.zh]] as const) {
      if (!HAN.test(text)) problems.push(`${where}: ${lang} has no Chinese text`);
    }
    const params = fn.parameters ?? [];
    const names = params.map((p) => p.name).join(", ");
    const specNames = spec.params.map((p) => p.name).join(", ");
    if (names !== specNames) {
      problems.push(`${where}: the JSDoc parameters (${names}) are not the registry's (${specNames})`);
      continue;
    }
    spec.params.forEach((p, i) => {
      const param = params[i];
      if (Boolean(param.optional) !== Boolean(p.optional)) {
        problems.push(`${where}(${p.name}): ${p.optional ? "optional" : "required"} in the registry but not in the wrapper's signature`);
      }
      if (param.description !== p.help.en) problems.push(`${where}(${p.name}): the JSDoc @param text is not the registry's help.en`);
      if (!HAN.test(p.help.zh)) problems.push(`${where}(${p.name}): help.zh has no Chinese text`);
    });
  }
  const known = new Set(functions.map((f) => f.name));
  for (const id of generated.keys()) {
    if (!known.has(id)) problems.push(`${id}: a @customfunction that the registry (src/functions/registry.ts) does not have`);
  }
  return problems;
}

/**
 * functions.json with the registry's Chinese help (functions.zh-cn.json).
 * Ids and names stay English, as Chinese Excel keeps function names. The
 * input is not changed; a function or parameter the registry does not know
 * keeps its English (checkMetadata reports it).
 */
export function zhMetadata(metadata: FunctionsMetadata, functions: readonly FunctionSpec[] = FUNCTIONS): FunctionsMetadata {
  const byName = new Map(functions.map((f) => [f.name, f]));
  return {
    ...metadata,
    functions: metadata.functions.map((fn) => {
      const spec = byName.get(fn.id);
      if (!spec) return fn;
      const out = { ...fn, description: spec.help.zh };
      if (fn.result?.description !== undefined) out.result = { ...fn.result, description: spec.result.zh };
      if (fn.parameters) {
        out.parameters = fn.parameters.map((p) => {
          const zh = spec.params.find((sp) => sp.name === p.name)?.help.zh;
          return zh === undefined ? p : { ...p, description: zh };
        });
      }
      return out;
    }),
  };
}

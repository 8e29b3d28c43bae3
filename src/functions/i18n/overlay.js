// @ts-check
"use strict";
/*
 * The zh-CN overlay of functions.json. webpack.config.js runs it after
 * CustomFunctionsMetadataPlugin has generated functions.json from the JSDoc,
 * and writes the result as functions.zh-cn.json (the manifest's zh-CN metadata
 * URL). Ids and names stay English, as Chinese Excel keeps function names; only
 * the help texts change. Plain CommonJS so that webpack's config can require it
 * without a TypeScript loader; the jest test imports it through overlay.d.ts.
 */
const fs = require("fs");
const path = require("path");

const SUFFIX = ".zh-cn.json";

/** @param {unknown} v */
function isText(v) {
  return typeof v === "string" && v.trim() !== "";
}

/** @param {unknown} v @returns {v is Record<string, unknown>} */
function isObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Merges the zh texts of several files ({file: parsed JSON}); a function
 * described in two files, or a file that is not an object of objects, is a
 * problem.
 * @param {Record<string, unknown>} filesByName
 */
function mergeZhTexts(filesByName) {
  /** @type {Record<string, any>} */
  const texts = {};
  /** @type {Record<string, string>} */
  const origin = {};
  /** @type {string[]} */
  const problems = [];
  for (const file of Object.keys(filesByName).sort()) {
    const content = filesByName[file];
    if (!isObject(content)) {
      problems.push(`${file}: expected an object {"FUNCTION": {"description", "result", "parameters"}}`);
      continue;
    }
    for (const [id, entry] of Object.entries(content)) {
      if (origin[id] !== undefined) {
        problems.push(`${file}: ${id} is already described in ${origin[id]}`);
        continue;
      }
      if (!isObject(entry)) {
        problems.push(`${file}: ${id} must be an object {"description", "result", "parameters"}`);
        continue;
      }
      origin[id] = file;
      texts[id] = entry;
    }
  }
  return { texts, problems };
}

/**
 * Reads and merges every *.zh-cn.json of a folder.
 * @param {string} dir
 */
function readZhTexts(dir) {
  /** @type {Record<string, unknown>} */
  const files = {};
  /** @type {string[]} */
  const problems = [];
  const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith(SUFFIX)) : [];
  for (const name of names) {
    try {
      files[name] = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
    } catch (e) {
      problems.push(`${name}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  const merged = mergeZhTexts(files);
  return { texts: merged.texts, problems: [...problems, ...merged.problems], files: names.map((n) => path.join(dir, n)) };
}

/**
 * functions.json with its descriptions replaced by the zh texts. Returns the
 * new metadata (the input is not changed) and every problem: a function or a
 * parameter without a zh text, a result text missing where the English has
 * one, and zh texts for a function or parameter that does not exist (a typo or
 * a stale entry).
 * @param {{functions: any[]}} metadata
 * @param {Record<string, any>} texts
 */
function overlayZh(metadata, texts) {
  /** @type {string[]} */
  const problems = [];
  if (!isObject(metadata) || !Array.isArray(metadata.functions)) {
    return { metadata, problems: ["functions.json has no functions array"] };
  }
  const seen = new Set();
  const functions = metadata.functions.map((fn) => {
    const id = String(fn.id);
    const zh = texts[id];
    seen.add(id);
    const out = { ...fn };
    if (!isObject(zh)) {
      problems.push(`${id}: no zh-CN text (add "${id}" to a src/functions/i18n/*${SUFFIX} file)`);
      return out;
    }
    if (isText(zh.description)) out.description = zh.description;
    else problems.push(`${id}: missing zh-CN "description"`);

    if (isObject(fn.result) && fn.result.description !== undefined) {
      if (isText(zh.result)) out.result = { ...fn.result, description: zh.result };
      else problems.push(`${id}: missing zh-CN "result"`);
    } else if (zh.result !== undefined && !isText(zh.result)) {
      problems.push(`${id}: zh-CN "result" must be a non-empty text`);
    }

    const zhParams = isObject(zh.parameters) ? zh.parameters : {};
    if (zh.parameters !== undefined && !isObject(zh.parameters)) {
      problems.push(`${id}: zh-CN "parameters" must be an object {"name": "text"}`);
    }
    const params = Array.isArray(fn.parameters) ? fn.parameters : [];
    out.parameters = params.map((/** @type {any} */ p) => {
      const text = zhParams[p.name];
      if (isText(text)) return { ...p, description: text };
      problems.push(`${id}: missing zh-CN text for parameter "${p.name}"`);
      return { ...p };
    });
    const known = new Set(params.map((/** @type {any} */ p) => p.name));
    for (const name of Object.keys(zhParams)) {
      if (!known.has(name)) problems.push(`${id}: zh-CN text for unknown parameter "${name}"`);
    }
    return out;
  });
  for (const id of Object.keys(texts)) {
    if (!seen.has(id)) problems.push(`${id}: zh-CN text for a function that functions.json does not have`);
  }
  return { metadata: { ...metadata, functions }, problems };
}

module.exports = { SUFFIX, mergeZhTexts, readZhTexts, overlayZh };

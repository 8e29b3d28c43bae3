/*
 * What `npm run build` emits for the add-in, read from webpack.config.js itself
 * (entries, the HTML page, the metadata files, copied assets) without running
 * webpack, so the manifest test stays fast and offline and follows the config.
 */
import * as fs from "fs";
import * as path from "path";
import type { Configuration } from "webpack";
import CopyWebpackPlugin from "copy-webpack-plugin";
import HtmlWebpackPlugin from "html-webpack-plugin";

export const ROOT = path.resolve(__dirname, "..", "..");

type ConfigFactory = (env: Record<string, unknown>, argv: Record<string, unknown>) => Promise<Configuration[]>;

interface CopyPattern {
  from: string;
  to?: string;
  transform?: (content: Buffer, absoluteFrom: string) => string | Buffer;
}

/** The addin config of webpack.config.js for a mode. */
export async function addinConfig(mode: "production" | "development"): Promise<Configuration> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const factory = require(path.join(ROOT, "webpack.config.js")) as ConfigFactory;
  const configs = await factory({ WEBPACK_BUILD: true }, { mode });
  const addin = configs.find((c) => c.name === "addin");
  if (!addin) throw new Error("webpack.config.js has no config named addin");
  return addin;
}

type PluginClass = abstract new (...args: never[]) => object;

function plugin(config: Configuration, match: PluginClass | string): Record<string, unknown> | undefined {
  return (config.plugins ?? []).find(
    (p) => p && (typeof match === "string" ? p.constructor.name === match : p instanceof match),
  ) as Record<string, unknown> | undefined;
}

/** The CopyWebpackPlugin patterns of a config. */
export function copyPatterns(config: Configuration): CopyPattern[] {
  const copy = plugin(config, CopyWebpackPlugin);
  return ((copy?.patterns as CopyPattern[] | undefined) ?? []).map((p) => (typeof p === "string" ? { from: p } : p));
}

/** Files a copy pattern emits: "dir/*.ext" or a single file, renamed by "[name][ext]" templates. */
function copied(pattern: CopyPattern): string[] {
  const from = pattern.from.replace(/\\/g, "/");
  const star = from.lastIndexOf("*");
  let sources: string[];
  if (star >= 0) {
    const dir = from.slice(0, from.lastIndexOf("/", star) + 1);
    const suffix = from.slice(star + 1);
    const abs = path.join(ROOT, dir);
    sources = fs.existsSync(abs)
      ? fs
          .readdirSync(abs)
          .filter((f) => f.endsWith(suffix))
          .map((f) => dir + f)
      : [];
  } else sources = fs.existsSync(path.join(ROOT, from)) ? [from] : [];
  return sources.map((src) => {
    const ext = path.extname(src);
    const name = path.basename(src, ext);
    if (!pattern.to) return src;
    return pattern.to.replace("[name]", name).replace("[ext]", ext);
  });
}

/** Every file name the add-in build emits, relative to dist/. */
export function emittedFiles(config: Configuration): Set<string> {
  const out = new Set<string>();
  const filename = String(config.output?.filename ?? "[name].js");
  for (const entry of Object.keys(config.entry as Record<string, unknown>)) out.add(filename.replace("[name]", entry));
  const html = plugin(config, HtmlWebpackPlugin);
  const htmlOptions = html?.userOptions as { filename?: string } | undefined;
  out.add(htmlOptions?.filename ?? "index.html");
  const functions = plugin(config, "LtcFunctionsPlugin");
  const fnOptions = functions?.options as { metadataAsset: string; zhAsset: string } | undefined;
  if (fnOptions) {
    out.add(fnOptions.metadataAsset);
    out.add(fnOptions.zhAsset);
  }
  for (const pattern of copyPatterns(config)) for (const file of copied(pattern)) out.add(file);
  return out;
}

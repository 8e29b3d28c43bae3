/* LTC Desk build: two named configs, `--config-name addin` and `--config-name cli`. */
"use strict";

const fs = require("fs");
const path = require("path");
const webpack = require("webpack");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const tsx = require("tsx/cjs/api");

/** Where `npm start` serves the add-in; manifest.xml is written with this URL. */
const URL_DEV = "https://localhost:3000/";
/**
 * Where the production build is deployed: the production manifest in dist/
 * gets this URL instead of URL_DEV. A placeholder until the company has a
 * host; set LTC_PROD_URL (ending in "/") to build for a real one.
 */
const URL_PROD = process.env.LTC_PROD_URL || "https://ltc-desk.example.com/";

const ROOT = __dirname;
const SRC_DIR = path.join(ROOT, "src");
const FUNCTIONS_DIR = path.join(SRC_DIR, "functions");

/**
 * src/functions/metadata.ts (the registry's checks of functions.json and its
 * zh-CN form), loaded afresh through tsx so that a rebuild of the dev server
 * sees edited help texts.
 * @returns {typeof import("./src/functions/metadata")}
 */
function metadataModule() {
  for (const key of Object.keys(require.cache)) {
    if (key.startsWith(SRC_DIR) && key.includes("?namespace=")) delete require.cache[key];
  }
  return tsx.require("./src/functions/metadata.ts", __filename);
}

/**
 * Every src/functions/*.ts that declares a custom function (a JSDoc line
 * "* @customfunction NAME"). Computed when the config loads, so a new function
 * file needs a restart of the dev server. test/build/metadata.test.ts reads
 * the same list.
 */
function customFunctionFiles() {
  return fs
    .readdirSync(FUNCTIONS_DIR)
    .filter((name) => name.endsWith(".ts") && !name.endsWith(".d.ts"))
    .map((name) => path.join(FUNCTIONS_DIR, name))
    .filter((file) => /^\s*\*\s*@customfunction\b/m.test(fs.readFileSync(file, "utf8")))
    .sort();
}

/**
 * Checks the custom functions against the registry and writes
 * functions.zh-cn.json, functions.json with the registry's Chinese help
 * (src/functions/metadata.ts). The build fails when no file declares a
 * function, when a function file is not part of the bundle (Excel would list
 * functions that have no code), or when the JSDoc and the registry disagree
 * (a parameter, an optional flag, a help text, a missing Chinese text).
 */
class LtcFunctionsPlugin {
  constructor(options) {
    this.options = options;
  }

  apply(compiler) {
    const { inputFiles, metadataAsset, zhAsset } = this.options;
    const name = "LtcFunctionsPlugin";
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      const fail = (message) => compilation.errors.push(new webpack.WebpackError(`${name}: ${message}`));
      compilation.hooks.processAssets.tap(
        { name, stage: webpack.Compilation.PROCESS_ASSETS_STAGE_DERIVED },
        () => {
          if (inputFiles.length === 0) {
            fail(`no file in src/functions/*.ts declares a @customfunction`);
            return;
          }
          const bundled = new Set();
          for (const module of compilation.modules) if (module.resource) bundled.add(path.resolve(module.resource));
          for (const file of inputFiles) {
            if (!bundled.has(file)) {
              fail(`${path.relative(ROOT, file)} declares custom functions but src/functions/functions.ts does not import it`);
            }
          }

          const asset = compilation.getAsset(metadataAsset);
          if (!asset) return; // CustomFunctionsMetadataPlugin has reported why.
          let metadata;
          try {
            metadata = JSON.parse(asset.source.source().toString());
          } catch (e) {
            fail(`${metadataAsset} is not JSON: ${e.message}`);
            return;
          }
          const { checkMetadata, jsdocReturns, zhMetadata } = metadataModule();
          const returns = Object.assign({}, ...inputFiles.map((file) => jsdocReturns(fs.readFileSync(file, "utf8"))));
          const problems = checkMetadata(metadata, returns);
          if (problems.length > 0) {
            fail(`the custom functions disagree with the registry (src/functions/*.ts):\n  ${problems.join("\n  ")}`);
            return;
          }
          const zh = zhMetadata(metadata);
          compilation.emitAsset(zhAsset, new webpack.sources.RawSource(JSON.stringify(zh, null, 4) + "\n"));
        },
      );
    });
  }
}

/** Options for the https dev server (the Office dev certificate, as Microsoft's template). */
async function httpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  const options = await devCerts.getHttpsServerOptions();
  return { ca: options.ca, key: options.key, cert: options.cert };
}

function tsRule() {
  return {
    test: /\.ts$/,
    exclude: /node_modules/,
    // Type errors are `npm run lint`'s job (tsc --noEmit); the build only transpiles.
    use: { loader: "ts-loader", options: { transpileOnly: true, configFile: path.join(ROOT, "tsconfig.json") } },
  };
}

/** The add-in: one shared-runtime page (taskpane.html) that loads both bundles. */
async function addinConfig(env, argv) {
  const dev = argv.mode !== "production";
  const serving = Boolean(env.WEBPACK_SERVE);
  const inputFiles = customFunctionFiles();
  return {
    name: "addin",
    target: "web",
    mode: dev ? "development" : "production",
    // source-map, never eval: the page's Content-Security-Policy has no 'unsafe-eval'.
    devtool: "source-map",
    entry: {
      functions: "./src/functions/functions.ts",
      // The task pane runs in the same page as the functions and shares their
      // modules (one active rulebook): its bundle depends on functions.js,
      // which carries the webpack runtime and stays loadable on its own.
      taskpane: { import: "./src/taskpane/taskpane.ts", dependOn: "functions" },
    },
    output: {
      path: path.join(ROOT, "dist"),
      filename: "[name].js",
      clean: { keep: /^cli[\\/]/ },
    },
    resolve: { extensions: [".ts", ".js"] },
    module: { rules: [tsRule()] },
    performance: { maxAssetSize: 1024 * 1024, maxEntrypointSize: 1024 * 1024 },
    plugins: [
      ...(inputFiles.length > 0
        ? [new CustomFunctionsMetadataPlugin({ input: inputFiles, output: "functions.json" })]
        : []),
      new LtcFunctionsPlugin({ inputFiles, metadataAsset: "functions.json", zhAsset: "functions.zh-cn.json" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "taskpane"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/*.css", to: "[name][ext]", noErrorOnMissing: true },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform(content) {
              return dev ? content : content.toString().split(URL_DEV).join(URL_PROD);
            },
          },
        ],
      }),
    ],
    devServer: {
      headers: { "Access-Control-Allow-Origin": "*" },
      server: { type: "https", options: serving ? await httpsOptions() : undefined },
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
    },
  };
}

/** The command line: dist/cli/ltc.js for Node, run by bin/ltc. */
function cliConfig(env, argv) {
  const dev = argv.mode !== "production";
  return {
    name: "cli",
    target: "node20",
    mode: dev ? "development" : "production",
    devtool: "source-map",
    entry: { ltc: "./src/cli/main.ts" },
    output: {
      path: path.join(ROOT, "dist", "cli"),
      filename: "[name].js",
      library: { type: "commonjs2" },
      clean: true,
    },
    resolve: { extensions: [".ts", ".js"] },
    module: { rules: [tsRule()] },
    // Packages stay in node_modules (exceljs and friends are required at run time).
    externals: [
      ({ request }, callback) => {
        if (request && !request.startsWith(".") && !path.isAbsolute(request)) return callback(null, `commonjs ${request}`);
        return callback();
      },
    ],
    optimization: { minimize: false },
    performance: { hints: false },
  };
}

/**
 * Benchmarks (test/bench/*.bench.ts → dist/bench/*.js), built like the
 * production bundles so `npm run bench…` measures the code users run.
 * Only built on request: `--config-name bench`.
 */
function benchConfig(env, argv) {
  const cli = cliConfig(env, { ...argv, mode: "production" });
  const benchDir = path.join(ROOT, "test", "bench");
  const entry = Object.fromEntries(
    fs
      .readdirSync(benchDir)
      .filter((name) => name.endsWith(".bench.ts"))
      .map((name) => [name.replace(/\.bench\.ts$/, ""), `./test/bench/${name}`]),
  );
  return { ...cli, name: "bench", entry, output: { ...cli.output, path: path.join(ROOT, "dist", "bench") } };
}

module.exports = async (env = {}, argv = {}) => {
  const configs = [await addinConfig(env, argv), cliConfig(env, argv)];
  // `webpack --config-name bench` selects it; a plain build leaves it out.
  if (argv.configName && [].concat(argv.configName).includes("bench")) configs.push(benchConfig(env, argv));
  return configs;
};

// The list the build hands to the metadata plugin, for test/build/metadata.test.ts.
module.exports.customFunctionFiles = customFunctionFiles;

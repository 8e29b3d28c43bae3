/**
 * Browser-test plumbing: make sure dist/ holds a current build of the add-in,
 * bundle the Excel test double for the page, serve dist/ on 127.0.0.1 and
 * launch Debian's chromium through playwright-core (never a downloaded browser).
 */
import * as fs from "fs";
import * as http from "http";
import { AddressInfo } from "net";
import * as path from "path";
import type { Browser, Page } from "playwright-core";

export const ROOT = path.resolve(__dirname, "..", "..");
export const DIST = path.join(ROOT, "dist");
export const OUTPUT = path.join(ROOT, "test-output", "e2e");
export const CHROMIUM = "/usr/bin/chromium";

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
type WebpackConfig = Record<string, any>;
type WebpackStats = { hasErrors(): boolean; toString(options: unknown): string };

function runWebpack(config: WebpackConfig | WebpackConfig[]): Promise<void> {
  const webpack = require("webpack");
  return new Promise((resolve, reject) => {
    webpack(config, (err: Error | null, stats: WebpackStats | undefined) => {
      if (err) return reject(err);
      if (!stats || stats.hasErrors()) {
        return reject(new Error(`webpack failed:\n${stats ? stats.toString({ all: false, errors: true, errorDetails: true }) : "no stats"}`));
      }
      resolve();
    });
  });
}

/** Newest modification time of any file under `dir`. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Uses dist/ as `npm run build` left it (CI builds first), and builds the
 * add-in itself when dist/ is missing or older than src/ (a developer who
 * runs only `npm test`).
 */
export async function ensureAddinBuild(): Promise<void> {
  const page = path.join(DIST, "taskpane.html");
  const bundle = path.join(DIST, "taskpane.js");
  const sources = [path.join(ROOT, "src"), path.join(ROOT, "assets")].filter((d) => fs.existsSync(d));
  const fresh =
    fs.existsSync(page) &&
    fs.existsSync(bundle) &&
    fs.statSync(bundle).mtimeMs >= Math.max(...sources.map(newestMtime));
  if (fresh) return;
  // In a child process: the config loads src/functions/metadata.ts through tsx,
  // whose require hook does not work inside jest's module registry.
  const { execFile } = require("child_process") as typeof import("child_process");
  const cli = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, [cli, "--mode", "production", "--config-name", "addin"], { cwd: ROOT, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      err ? reject(new Error(`webpack failed:\n${stdout}\n${stderr}`)) : resolve(),
    );
  });
}

/**
 * Bundles test/e2e/officeDouble.ts (the Excel test double plus the Office
 * globals) into one script for the page. No eval-based source maps: the
 * pane's Content-Security-Policy forbids eval.
 */
export async function bundleOfficeDouble(): Promise<string> {
  const outDir = path.join(OUTPUT, "bundle");
  await runWebpack({
    name: "office-double",
    context: ROOT,
    mode: "development",
    target: "web",
    devtool: false,
    entry: { "office-double": path.join(__dirname, "officeDouble.ts") },
    output: { path: outDir, filename: "[name].js" },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, configFile: path.join(ROOT, "tsconfig.json") } },
        },
      ],
    },
    performance: { hints: false },
  });
  return fs.readFileSync(path.join(outDir, "office-double.js"), "utf8");
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml",
  ".map": "application/json",
};

/** Serves dist/ on 127.0.0.1 at a free port. */
export async function serveDist(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    const file = path.normalize(path.join(DIST, urlPath));
    if (!file.startsWith(DIST + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Debian's chromium through playwright-core. A missing browser is a failure with the fix, never a skip. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the task-pane browser test needs Debian's chromium (apt-get install chromium); ` +
        "playwright never downloads a browser here.",
    );
  }
  const { chromium } = require("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
}

/** A pane opened in a fresh page (a fresh workbook): the page, and the page errors, console errors and stray requests seen so far. */
export interface Pane {
  page: Page;
  problems: string[];
}

export interface OpenPaneOptions {
  /** Office's display language the double reports (default zh-CN) */
  displayLanguage?: string;
  /** viewport width in CSS pixels (default 360, the narrow task pane) */
  width?: number;
  /** appended to the page's query string */
  query?: string;
}

/**
 * One browser-test file's session: registers the beforeAll that builds the
 * add-in, bundles the Office double, serves dist/ and launches chromium, and
 * the afterAll that closes them. `openPane` opens the pane with Office.js
 * routed to the double; any request outside the served page is a problem
 * (the pane must make no network call), and CSP violations are recorded in
 * window.__cspViolations.
 */
export function paneTestSession(): {
  openPane(options?: OpenPaneOptions): Promise<Pane>;
  browser(): Browser;
  serverUrl(): string;
} {
  let browser: Browser;
  let server: { url: string; close(): Promise<void> };
  let officeDouble: string;
  beforeAll(async () => {
    fs.mkdirSync(OUTPUT, { recursive: true });
    await ensureAddinBuild();
    officeDouble = await bundleOfficeDouble();
    server = await serveDist();
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  async function openPane({ displayLanguage = "zh-CN", width = 360, query = "" }: OpenPaneOptions = {}): Promise<Pane> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    // Only the page and the routed Office double may load: anything else would be a leak.
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("https://appsforoffice.microsoft.com/")) {
        return route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body: officeDouble });
      }
      if (url.startsWith(server.url)) return route.continue();
      problems.push(`unexpected request: ${url}`);
      return route.abort();
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        const w = window as unknown as { __cspViolations?: string[] };
        w.__cspViolations = [...(w.__cspViolations ?? []), `${e.violatedDirective} ${e.blockedURI}`];
      });
    });
    await page.goto(`${server.url}taskpane.html?lang=${encodeURIComponent(displayLanguage)}${query}`);
    await page.waitForSelector("[role=tablist]");
    return { page, problems };
  }
  return { openPane, browser: () => browser, serverUrl: () => server.url };
}

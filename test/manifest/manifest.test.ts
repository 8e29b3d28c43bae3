/*
 * `npm run validate`: offline checks of manifest.xml (see manifest-checks.ts),
 * and proof that each check catches the breakage it exists for.
 */
import * as fs from "fs";
import * as path from "path";
import type { Configuration } from "webpack";
import { addinConfig, copyPatterns, emittedFiles, ROOT } from "./build-outputs";
import {
  checkIcons,
  checkNamespace,
  checkResourceReferences,
  checkSharedRuntime,
  checkUrls,
  checkZhCn,
  DEV_ORIGIN,
  ManifestContext,
  manifestProblems,
  parseManifest,
  resources,
} from "./manifest-checks";

const MANIFEST = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");

let production: Configuration;
let ctx: ManifestContext;

beforeAll(async () => {
  production = await addinConfig("production");
  ctx = { assetsDir: path.join(ROOT, "assets"), emitted: emittedFiles(production) };
});

describe("manifest.xml", () => {
  test("passes every check", () => {
    expect(manifestProblems(MANIFEST, ctx)).toEqual([]);
  });

  test("the build emits the pages, metadata and icons the manifest names", () => {
    for (const file of ["taskpane.html", "functions.js", "functions.json", "functions.zh-cn.json", "manifest.xml"]) {
      expect(ctx.emitted).toContain(file);
    }
    for (const size of [16, 32, 64, 80]) expect(ctx.emitted).toContain(`assets/icon-${size}.png`);
  });

  test("shared runtime: the runtime, the functions page, the function file and the pane load one URL", () => {
    const root = parseManifest(MANIFEST);
    const res = resources(root);
    expect(res.get("Taskpane.Url")?.value).toBe(`${DEV_ORIGIN}taskpane.html`);
    expect(MANIFEST).toMatch(/<Runtime resid="Taskpane.Url" lifetime="long"/);
    expect(res.get("Functions.Namespace")?.value).toBe("LTC");
    expect(res.get("Functions.Metadata.Url")?.overrides["zh-CN"]).toBe(`${DEV_ORIGIN}functions.zh-cn.json`);
  });

  test("the production build rewrites every dev URL and keeps the manifest valid in structure", () => {
    const pattern = copyPatterns(production).find((p) => p.from === "manifest.xml");
    expect(pattern?.transform).toBeDefined();
    const prod = String(pattern!.transform!(Buffer.from(MANIFEST), path.join(ROOT, "manifest.xml")));
    expect(prod).not.toContain("localhost");
    const prodOrigin = /<SourceLocation DefaultValue="(https:\/\/[^"]+\/)taskpane\.html"/.exec(prod)?.[1];
    expect(prodOrigin).toBeDefined();
    const root = parseManifest(prod);
    expect([...checkSharedRuntime(root), ...checkResourceReferences(root), ...checkNamespace(root), ...checkZhCn(root)]).toEqual([]);
    // Every URL moved to the same production origin, path for path.
    const devUrls = MANIFEST.match(/https:\/\/localhost:3000\/[^"]*/g) ?? [];
    const prodUrls = prod.match(new RegExp(`${prodOrigin!.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}[^"]*`, "g")) ?? [];
    expect(prodUrls.map((u) => u.slice(prodOrigin!.length))).toEqual(devUrls.map((u) => u.slice(DEV_ORIGIN.length)));
  });

  test("the development build keeps the dev URLs", async () => {
    const dev = await addinConfig("development");
    const pattern = copyPatterns(dev).find((p) => p.from === "manifest.xml");
    expect(String(pattern!.transform!(Buffer.from(MANIFEST), "manifest.xml"))).toBe(MANIFEST);
  });
});

/** A broken copy of the manifest: [what breaks, edit, the problem it must cause]. */
const BREAKAGES: Array<[string, (xml: string) => string, RegExp]> = [
  [
    "functions page on a different resid than the runtime",
    (x) => x.replace(/(<Page>\s*<SourceLocation resid=")Taskpane.Url/, "$1Functions.Script.Url"),
    /Page SourceLocation resid "Functions.Script.Url" differs from the Runtime resid "Taskpane.Url"/,
  ],
  [
    "runtime on a different resid than the pages",
    (x) => x.replace('<Runtime resid="Taskpane.Url"', '<Runtime resid="Functions.Script.Url"'),
    /differs from the Runtime resid "Functions.Script.Url"/,
  ],
  [
    "function file on a different resid",
    (x) => x.replace('<FunctionFile resid="Taskpane.Url"', '<FunctionFile resid="Functions.Script.Url"'),
    /FunctionFile resid "Functions.Script.Url" differs/,
  ],
  [
    "task-pane button on a different page",
    (x) => x.replace(/(<Action xsi:type="ShowTaskpane">[\s\S]*?<SourceLocation resid=")Taskpane.Url/, "$1Functions.Script.Url"),
    /ShowTaskpane SourceLocation resid "Functions.Script.Url" differs/,
  ],
  ["short-lived runtime", (x) => x.replace('lifetime="long"', 'lifetime="short"'), /lifetime must be "long"/],
  [
    "no SharedRuntime requirement",
    (x) => x.replace(/<Set Name="SharedRuntime"[^>]*\/>/, ""),
    /SharedRuntime set/,
  ],
  [
    "missing URL resource",
    (x) => x.replace(/<bt:Url id="Functions.Script.Url"[^>]*\/>/, ""),
    /resid "Functions.Script.Url", which no .* defines/,
  ],
  [
    "missing string resource",
    (x) => x.replace(/<bt:String id="LtcDesk.Button.Tooltip"[\s\S]*?<\/bt:String>/, ""),
    /resid "LtcDesk.Button.Tooltip", which no .* defines/,
  ],
  [
    "missing image resource",
    (x) => x.replace(/<bt:Image id="Icon.80x80"[^>]*\/>/, ""),
    /resid "Icon.80x80", which no .* defines/,
  ],
  [
    "resid of the wrong kind",
    (x) => x.replace('<Label resid="LtcDesk.Button.Label" />', '<Label resid="Taskpane.Url" />'),
    /Label resid "Taskpane.Url" must be one of ShortStrings, but is one of Urls/,
  ],
  [
    "duplicate resource id",
    (x) => x.replace('<bt:Url id="Functions.Script.Url"', '<bt:Url id="Taskpane.Url"'),
    /resource id "Taskpane.Url" is defined 2 times/,
  ],
  [
    "resid longer than 32 characters",
    (x) => x.split("LtcDesk.Button.Tooltip").join("LtcDesk.Button.Tooltip.ThatIsFarTooLong"),
    /longer than 32 characters/,
  ],
  [
    "namespace longer than 32 characters",
    (x) => x.replace('id="Functions.Namespace" DefaultValue="LTC"', `id="Functions.Namespace" DefaultValue="${"L".repeat(33)}"`),
    /namespace "L{33}" is longer than 32 characters/,
  ],
  [
    "namespace other than LTC",
    (x) => x.replace('id="Functions.Namespace" DefaultValue="LTC"', 'id="Functions.Namespace" DefaultValue="CONTOSO"'),
    /expected "LTC"/,
  ],
  [
    "namespace with a space",
    (x) => x.replace('id="Functions.Namespace" DefaultValue="LTC"', 'id="Functions.Namespace" DefaultValue="L TC"'),
    /only letters, digits and dots/,
  ],
  [
    "icon that is not in assets/",
    (x) => x.replace("assets/icon-16.png", "assets/icon-17.png"),
    /icon-17.png has no file/,
  ],
  [
    "icon of the wrong size",
    (x) => x.replace('<bt:Image id="Icon.32x32" DefaultValue="https://localhost:3000/assets/icon-32.png"', '<bt:Image id="Icon.32x32" DefaultValue="https://localhost:3000/assets/icon-64.png"'),
    /icon-64.png is 64×64, expected 32×32/,
  ],
  [
    "page the build does not emit",
    (x) => x.replace('<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/taskpane.html"', '<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/index.html"'),
    /the build emits no index.html/,
  ],
  [
    "metadata file the build does not emit",
    (x) => x.replace("functions.zh-cn.json", "functions.zh.json"),
    /the build emits no functions.zh.json/,
  ],
  ["plain http URL", (x) => x.replace("https://localhost:3000/functions.js", "http://localhost:3000/functions.js"), /is not https/],
  [
    "no zh-CN display name",
    (x) => x.replace(/(<DisplayName[^>]*>)\s*<Override[^>]*\/>/, "$1"),
    /DisplayName has no zh-CN Override/,
  ],
  [
    "no zh-CN description",
    (x) => x.replace(/(<Description DefaultValue[^>]*>)\s*<Override[^>]*\/>/, "$1"),
    /Description has no zh-CN Override/,
  ],
  [
    "no zh-CN functions metadata",
    (x) => x.replace(/<bt:Override Locale="zh-CN" Value="https:\/\/localhost:3000\/functions.zh-cn.json" \/>/, ""),
    /Metadata URL has no zh-CN Override/,
  ],
  ["Id that is not a GUID", (x) => x.replace(/<Id>[^<]*<\/Id>/, "<Id>ltc-desk</Id>"), /is not a GUID/],
];

describe("manifest checks catch the classic breakages", () => {
  test.each(BREAKAGES)("%s", (_what, edit, expected) => {
    const broken = edit(MANIFEST);
    expect(broken).not.toBe(MANIFEST); // the edit applied
    const problems = manifestProblems(broken, ctx);
    expect(problems.some((p) => expected.test(p))).toBe(true);
  });

  test("XML that is not well-formed is rejected", () => {
    expect(() => manifestProblems(MANIFEST.replace("</Hosts>", ""), ctx)).toThrow(/not well-formed/);
  });

  test("each check on its own names only its own problem", () => {
    const root = parseManifest(MANIFEST.replace('lifetime="long"', 'lifetime="short"'));
    expect(checkSharedRuntime(root)).toHaveLength(1);
    expect(checkResourceReferences(root)).toEqual([]);
    expect(checkIcons(root, ctx)).toEqual([]);
    expect(checkUrls(root, ctx)).toEqual([]);
  });
});

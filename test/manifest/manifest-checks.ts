/*
 * Offline checks of manifest.xml for the mistakes that stop an add-in from
 * loading in practice (Microsoft's online validator checks the schema; these
 * check that the parts fit together). Each check takes the parsed manifest and
 * returns its problems as sentences, so tests can feed deliberately broken
 * copies and see each one caught.
 */
import * as fs from "fs";
import * as path from "path";
import { XMLParser, XMLValidator } from "fast-xml-parser";

/** One XML element: qualified name (with prefix, e.g. "bt:Image"), attributes, children, text. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
  /** Names of the ancestors, outermost first. */
  path: string[];
}

/** What the checks need besides the manifest: where the icons live and what the build emits. */
export interface ManifestContext {
  /** Folder whose files back https://localhost:3000/assets/… */
  assetsDir: string;
  /** Paths (relative to the server root, e.g. "taskpane.html", "assets/icon-16.png") the build emits. */
  emitted: ReadonlySet<string>;
}

export const DEV_ORIGIN = "https://localhost:3000/";
export const NAMESPACE = "LTC";
const MAX_RESID = 32;
const MAX_NAMESPACE = 32;
const MAX_SHORT_STRING = 125;
const MAX_LONG_STRING = 250;

const ATTR = "@_";

/** Parses manifest XML into an element tree; throws on XML that is not well-formed. */
export function parseManifest(xml: string): XmlElement {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`manifest is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: ATTR,
    parseAttributeValue: false,
    parseTagValue: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    commentPropName: "#comment",
    trimValues: true,
  });
  const doc = parser.parse(xml) as Record<string, unknown>;
  const rootName = Object.keys(doc).find((k) => k !== "#comment");
  if (!rootName) throw new Error("manifest has no root element");
  return toElement(rootName, doc[rootName], []);
}

function toElement(name: string, raw: unknown, ancestors: string[]): XmlElement {
  const el: XmlElement = { name, attrs: {}, children: [], text: "", path: ancestors };
  if (raw === null || typeof raw !== "object") {
    el.text = raw === undefined || raw === null ? "" : String(raw);
    return el;
  }
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key.startsWith(ATTR)) el.attrs[key.slice(ATTR.length)] = String(value);
    else if (key === "#text") el.text = String(value);
    else if (key === "#comment") continue;
    else {
      const items = Array.isArray(value) ? value : [value];
      for (const item of items) el.children.push(toElement(key, item, [...ancestors, name]));
    }
  }
  return el;
}

/** Every element below (and including) root, in document order. */
export function allElements(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (el: XmlElement): void => {
    out.push(el);
    el.children.forEach(walk);
  };
  walk(root);
  return out;
}

function local(name: string): string {
  return name.includes(":") ? name.slice(name.indexOf(":") + 1) : name;
}

function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => local(c.name) === name);
}

function children(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => local(c.name) === name) : [];
}

function xsiType(el: XmlElement): string | undefined {
  return el.attrs["xsi:type"];
}

export type ResourceKind = "Images" | "Urls" | "ShortStrings" | "LongStrings";
export interface Resource {
  kind: ResourceKind;
  id: string;
  value: string;
  /** Locale → value of the resource's bt:Override children. */
  overrides: Record<string, string>;
}

/** The resources of VersionOverrides/Resources, by id (duplicates keep the first). */
export function resources(root: XmlElement): Map<string, Resource> {
  const res = child(child(root, "VersionOverrides"), "Resources");
  const map = new Map<string, Resource>();
  for (const kind of ["Images", "Urls", "ShortStrings", "LongStrings"] as ResourceKind[]) {
    for (const group of children(res, kind)) {
      for (const item of group.children) {
        const id = item.attrs.id ?? "";
        if (map.has(id)) continue;
        map.set(id, { kind, id, value: item.attrs.DefaultValue ?? "", overrides: overridesOf(item) });
      }
    }
  }
  return map;
}

function overridesOf(el: XmlElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const o of children(el, "Override")) out[o.attrs.Locale ?? ""] = o.attrs.Value ?? "";
  return out;
}

/** The Excel host element (VersionOverrides/Hosts/Host xsi:type="Workbook"). */
function workbookHost(root: XmlElement): XmlElement | undefined {
  return children(child(child(root, "VersionOverrides"), "Hosts"), "Host").find((h) => xsiType(h) === "Workbook");
}

function extensionPoints(root: XmlElement, type: string): XmlElement[] {
  return allElements(root).filter((el) => local(el.name) === "ExtensionPoint" && xsiType(el) === type);
}

/**
 * Shared runtime: the Runtime's resid must be the very page the custom
 * functions (Page), the FunctionFile and every task-pane action load, or
 * Excel starts separate runtimes and the functions never see the pane.
 */
export function checkSharedRuntime(root: XmlElement): string[] {
  const problems: string[] = [];
  const host = workbookHost(root);
  if (!host) return ["no VersionOverrides Host of type Workbook"];
  const runtimes = children(child(host, "Runtimes"), "Runtime");
  if (runtimes.length !== 1) return [`expected exactly one Runtimes/Runtime, found ${runtimes.length}`];
  const runtime = runtimes[0];
  const resid = runtime.attrs.resid;
  if (runtime.attrs.lifetime !== "long") problems.push(`Runtime lifetime must be "long" for a shared runtime, not "${runtime.attrs.lifetime ?? "(none)"}"`);

  const cf = extensionPoints(root, "CustomFunctions");
  if (cf.length !== 1) problems.push(`expected one CustomFunctions extension point, found ${cf.length}`);
  for (const ep of cf) {
    const page = child(child(ep, "Page"), "SourceLocation")?.attrs.resid;
    if (page !== resid) problems.push(`CustomFunctions Page SourceLocation resid "${page}" differs from the Runtime resid "${resid}"`);
  }
  const functionFiles = allElements(host).filter((el) => local(el.name) === "FunctionFile");
  if (functionFiles.length === 0) problems.push("no FunctionFile element");
  for (const ff of functionFiles) {
    if (ff.attrs.resid !== resid) problems.push(`FunctionFile resid "${ff.attrs.resid}" differs from the Runtime resid "${resid}"`);
  }
  const actions = allElements(host).filter((el) => local(el.name) === "Action" && xsiType(el) === "ShowTaskpane");
  if (actions.length === 0) problems.push("no ShowTaskpane action (ribbon button) opens the task pane");
  for (const action of actions) {
    const loc = child(action, "SourceLocation")?.attrs.resid;
    if (loc !== resid) problems.push(`ShowTaskpane SourceLocation resid "${loc}" differs from the Runtime resid "${resid}"`);
  }
  const sets = allElements(child(root, "Requirements") ?? root).filter((el) => local(el.name) === "Set");
  if (!sets.some((s) => s.attrs.Name === "SharedRuntime")) problems.push("Requirements do not ask for the SharedRuntime set");
  return problems;
}

/** Which resource kind an element's resid must name. */
function expectedKind(el: XmlElement): ResourceKind | undefined {
  switch (local(el.name)) {
    case "Image":
      return "Images";
    case "SourceLocation":
    case "Runtime":
    case "FunctionFile":
    case "LearnMoreUrl":
      return "Urls";
    case "Label":
    case "Title":
    case "Namespace":
      return "ShortStrings";
    case "Description":
      return "LongStrings";
    default:
      return undefined;
  }
}

/** Every resid names an existing resource of the right kind; ids are unique and short enough. */
export function checkResourceReferences(root: XmlElement): string[] {
  const problems: string[] = [];
  const res = resources(root);
  const seen = new Map<string, number>();
  const group = child(child(root, "VersionOverrides"), "Resources");
  for (const g of group?.children ?? []) for (const item of g.children) seen.set(item.attrs.id ?? "", (seen.get(item.attrs.id ?? "") ?? 0) + 1);
  for (const [id, count] of seen) if (count > 1) problems.push(`resource id "${id}" is defined ${count} times`);
  for (const id of seen.keys()) if (id.length > MAX_RESID) problems.push(`resource id "${id}" is longer than ${MAX_RESID} characters`);

  for (const el of allElements(root)) {
    const resid = el.attrs.resid;
    if (resid === undefined) continue;
    const found = res.get(resid);
    if (!found) {
      problems.push(`${local(el.name)} refers to resid "${resid}", which no bt:Urls/ShortStrings/LongStrings/Images entry defines`);
      continue;
    }
    const kind = expectedKind(el);
    if (kind && found.kind !== kind) problems.push(`${local(el.name)} resid "${resid}" must be one of ${kind}, but is one of ${found.kind}`);
  }
  for (const r of res.values()) {
    const limit = r.kind === "ShortStrings" ? MAX_SHORT_STRING : r.kind === "LongStrings" ? MAX_LONG_STRING : Infinity;
    for (const text of [r.value, ...Object.values(r.overrides)]) {
      if (text.length > limit) problems.push(`${r.kind} "${r.id}" is longer than ${limit} characters`);
    }
  }
  return problems;
}

/** The functions namespace: "LTC", letters and digits, at most 32 characters. */
export function checkNamespace(root: XmlElement): string[] {
  const cf = extensionPoints(root, "CustomFunctions")[0];
  const resid = child(cf, "Namespace")?.attrs.resid;
  if (!resid) return ["CustomFunctions has no Namespace"];
  const ns = resources(root).get(resid);
  if (!ns) return [`Namespace resid "${resid}" is not defined`];
  const problems: string[] = [];
  if (ns.value.length > MAX_NAMESPACE) problems.push(`namespace "${ns.value}" is longer than ${MAX_NAMESPACE} characters`);
  if (!/^[A-Za-z0-9.]+$/.test(ns.value)) problems.push(`namespace "${ns.value}" may hold only letters, digits and dots`);
  if (ns.value !== NAMESPACE) problems.push(`namespace is "${ns.value}", expected "${NAMESPACE}"`);
  if (Object.keys(ns.overrides).length > 0) problems.push("the namespace must not change with the locale");
  return problems;
}

/** Every URL in the manifest: [where, url]. */
export function urlsOf(root: XmlElement): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const el of allElements(root)) {
    for (const key of ["DefaultValue", "Value"]) {
      const v = el.attrs[key];
      if (v && /^[a-z]+:\/\//i.test(v)) out.push([`${[...el.path, el.name].slice(-2).join("/")}${el.attrs.id ? `#${el.attrs.id}` : ""}`, v]);
    }
  }
  for (const el of allElements(root).filter((e) => local(e.name) === "AppDomain")) out.push(["AppDomain", el.text]);
  return out;
}

/** PNG width and height from the IHDR chunk, or undefined if the file is not a PNG. */
export function pngSize(file: string): { width: number; height: number } | undefined {
  const buf = fs.readFileSync(file);
  if (buf.length < 24 || buf.toString("latin1", 1, 4) !== "PNG") return undefined;
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

function assetFile(url: string, ctx: ManifestContext): string | undefined {
  if (!url.startsWith(DEV_ORIGIN + "assets/")) return undefined;
  return path.join(ctx.assetsDir, url.slice((DEV_ORIGIN + "assets/").length));
}

/**
 * Icons: every icon URL is a PNG in assets/, of the size the manifest says
 * (IconUrl 32, HighResolutionIconUrl 64, bt:Image size="N" → N×N).
 */
export function checkIcons(root: XmlElement, ctx: ManifestContext): string[] {
  const problems: string[] = [];
  const res = resources(root);
  const wanted: Array<[string, string, number | undefined]> = [];
  const icon = child(root, "IconUrl")?.attrs.DefaultValue;
  const hiRes = child(root, "HighResolutionIconUrl")?.attrs.DefaultValue;
  if (!icon) problems.push("no IconUrl");
  else wanted.push(["IconUrl", icon, 32]);
  if (!hiRes) problems.push("no HighResolutionIconUrl");
  else wanted.push(["HighResolutionIconUrl", hiRes, 64]);
  for (const r of res.values()) if (r.kind === "Images") wanted.push([`bt:Image ${r.id}`, r.value, undefined]);
  for (const el of allElements(root)) {
    if (local(el.name) === "Image" && el.attrs.resid && el.attrs.size) {
      const r = res.get(el.attrs.resid);
      if (r) wanted.push([`bt:Image size ${el.attrs.size} (${r.id})`, r.value, Number(el.attrs.size)]);
    }
  }
  for (const [where, url, size] of wanted) {
    const file = assetFile(url, ctx);
    if (!file) {
      problems.push(`${where}: ${url} is not under ${DEV_ORIGIN}assets/`);
      continue;
    }
    if (!fs.existsSync(file)) {
      problems.push(`${where}: ${url} has no file ${path.relative(process.cwd(), file)}`);
      continue;
    }
    const dims = pngSize(file);
    if (!dims) problems.push(`${where}: ${file} is not a PNG`);
    else if (size !== undefined && (dims.width !== size || dims.height !== size)) {
      problems.push(`${where}: ${path.basename(file)} is ${dims.width}×${dims.height}, expected ${size}×${size}`);
    }
  }
  return problems;
}

/** Every URL is https; every dev-server URL names a file the build emits. */
export function checkUrls(root: XmlElement, ctx: ManifestContext): string[] {
  const problems: string[] = [];
  for (const [where, url] of urlsOf(root)) {
    if (!url.startsWith("https://")) {
      problems.push(`${where}: ${url} is not https`);
      continue;
    }
    if (url.startsWith("https://localhost")) {
      if (!url.startsWith(DEV_ORIGIN)) {
        problems.push(`${where}: ${url} is not on the dev server ${DEV_ORIGIN}`);
        continue;
      }
      const file = url.slice(DEV_ORIGIN.length).split(/[?#]/)[0];
      if (!ctx.emitted.has(file)) problems.push(`${where}: ${url} — the build emits no ${file}`);
    }
  }
  return problems;
}

/** zh-CN overrides for the display name, the description and the functions metadata (functions.zh-cn.json). */
export function checkZhCn(root: XmlElement): string[] {
  const problems: string[] = [];
  for (const name of ["DisplayName", "Description"]) {
    const el = child(root, name);
    const zh = el ? overridesOf(el)["zh-CN"] : undefined;
    if (!zh || !zh.trim()) problems.push(`${name} has no zh-CN Override`);
  }
  const cf = extensionPoints(root, "CustomFunctions")[0];
  const resid = child(child(cf, "Metadata"), "SourceLocation")?.attrs.resid;
  const meta = resid ? resources(root).get(resid) : undefined;
  if (!meta) problems.push("the custom functions Metadata URL is not defined");
  else {
    if (!meta.value.endsWith("/functions.json")) problems.push(`Metadata URL ${meta.value} is not functions.json`);
    const zh = meta.overrides["zh-CN"];
    if (!zh) problems.push("the Metadata URL has no zh-CN Override");
    else if (!zh.endsWith("/functions.zh-cn.json")) problems.push(`the zh-CN Metadata URL ${zh} is not functions.zh-cn.json`);
  }
  return problems;
}

/** Basic identity: a GUID Id, a display name and description within their limits. */
export function checkIdentity(root: XmlElement): string[] {
  const problems: string[] = [];
  const id = child(root, "Id")?.text ?? "";
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) problems.push(`Id "${id}" is not a GUID`);
  if (xsiType(root) !== "TaskPaneApp") problems.push(`OfficeApp xsi:type is "${xsiType(root)}", expected TaskPaneApp`);
  const limits: Array<[string, number]> = [
    ["DisplayName", 125],
    ["Description", 250],
  ];
  for (const [name, max] of limits) {
    const el = child(root, name);
    if (!el?.attrs.DefaultValue) {
      problems.push(`${name} has no DefaultValue`);
      continue;
    }
    for (const text of [el.attrs.DefaultValue, ...Object.values(overridesOf(el))]) {
      if (text.length > max) problems.push(`${name} is longer than ${max} characters`);
    }
  }
  return problems;
}

/** Every check, over one manifest text. */
export function manifestProblems(xml: string, ctx: ManifestContext): string[] {
  const root = parseManifest(xml);
  return [
    ...checkIdentity(root),
    ...checkSharedRuntime(root),
    ...checkResourceReferences(root),
    ...checkNamespace(root),
    ...checkIcons(root, ctx),
    ...checkUrls(root, ctx),
    ...checkZhCn(root),
  ];
}

import * as fs from "fs";
import * as path from "path";

/**
 * Workbook data must never reach the page as markup. The pane builds its DOM
 * with createElement/textContent only, so none of these sinks may appear in
 * src/taskpane at all (not even for constant markup: a later edit would put
 * data there).
 */
const SINKS = /\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write(ln)?|createContextualFragment|srcdoc)\b/;
const PANE = path.resolve(__dirname, "..", "..", "src", "taskpane");

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : [full];
  });
}

describe("src/taskpane has no HTML sinks", () => {
  const files = filesUnder(PANE).filter((f) => /\.(ts|js|html)$/.test(f));

  it("scans the pane's sources", () => {
    expect(files.map((f) => path.basename(f))).toEqual(expect.arrayContaining(["taskpane.ts", "taskpane.html", "dom.ts"]));
  });

  it.each(filesUnder(PANE).filter((f) => /\.(ts|js|html)$/.test(f)).map((f) => [path.relative(PANE, f), f]))(
    "%s uses no innerHTML/outerHTML/insertAdjacentHTML/document.write",
    (_name, file) => {
      const lines = fs.readFileSync(file, "utf8").split("\n");
      const hits = lines.map((line, i) => ({ line: i + 1, text: line.trim() })).filter((l) => SINKS.test(l.text));
      expect(hits).toEqual([]);
    },
  );

  it("the detector itself finds each sink", () => {
    for (const s of ["a.innerHTML = x", "b.outerHTML=y", "c.insertAdjacentHTML('x', y)", "document.write(z)", "document.writeln(z)"]) {
      expect(SINKS.test(s)).toBe(true);
    }
    expect(SINKS.test("node.textContent = x")).toBe(false);
  });
});

describe("taskpane.html", () => {
  const html = fs.readFileSync(path.join(PANE, "taskpane.html"), "utf8");

  it("carries the Content-Security-Policy", () => {
    const m = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(m).not.toBeNull();
    const policy = Object.fromEntries(
      m![1].split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(" ")]),
    );
    expect(policy).toEqual({
      "default-src": "'self'",
      "script-src": "'self' https://appsforoffice.microsoft.com",
      "style-src": "'self'",
      "img-src": "'self' data:",
      "connect-src": "'self'",
      "object-src": "'none'",
    });
  });

  it("has no inline script, inline style or event-handler attribute", () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc=/);
      expect(body.trim()).toBe("");
    }
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});

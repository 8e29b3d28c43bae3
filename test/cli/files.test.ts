import fs from "fs";
import * as path from "path";
import { Readable, Writable } from "stream";
import { pipeline } from "stream/promises";
import { fileNamePart, MAX_NAME_PART_BYTES, refuseOutputOverInput, sameFile, uniqueNameParts, writeFileAtomically, writeFilesAtomically } from "../../src/cli/files";
import * as xlsxRender from "../../src/cli/xlsxRender";
import { demoReceivables } from "../../src/cli/demoData";
import { rulebookJson } from "../../src/rules/validate";
import { DEFAULT_RULEBOOK } from "../../src/rules/rulebook";
import { opportunityTable, ROW } from "../fixtures/opportunities";
import { ltc, tempDir, writeInput } from "./cliHarness";

jest.setTimeout(60_000);

const dir = tempDir("files");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => jest.restoreAllMocks());

/** A writable file stream that fails with ENOSPC after `limit` bytes, as a full disk does half-way through a file. */
function diskFullAfter(file: string, limit: number): Writable {
  const fd = fs.openSync(file, "w");
  let written = 0;
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      const room = Math.max(0, limit - written);
      fs.writeSync(fd, chunk.subarray(0, room));
      written += Math.min(room, chunk.length);
      if (chunk.length > room) done(Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" }));
      else done();
    },
    destroy(err, done) {
      fs.closeSync(fd);
      done(err);
    },
  });
}

/** The directory's entries, sorted: a leftover temporary file shows up here. */
const entries = (d: string) => fs.readdirSync(d).sort();

describe("writeFileAtomically", () => {
  test("a writer that fails half-way leaves the old file's bytes and no temporary file", async () => {
    const d = tempDir("atomic-fail");
    const target = path.join(d, "report.xlsx");
    fs.writeFileSync(target, "the user's old report");
    const bytes = Buffer.alloc(64 * 1024, 7);
    let tempSeen = "";
    await expect(
      writeFileAtomically(target, async (temp) => {
        tempSeen = temp;
        await pipeline(Readable.from([bytes.subarray(0, 32 * 1024), bytes.subarray(32 * 1024)]), diskFullAfter(temp, 40 * 1024));
      }),
    ).rejects.toThrow(`cannot write ${target}: ENOSPC: no space left on device, write`);
    expect(path.dirname(tempSeen)).toBe(d); // the temporary file was beside the target
    expect(fs.existsSync(tempSeen)).toBe(false);
    expect(fs.readFileSync(target, "utf8")).toBe("the user's old report");
    expect(entries(d)).toEqual(["report.xlsx"]);
  });

  test("a failure with no file at the target leaves nothing", async () => {
    const d = tempDir("atomic-new");
    await expect(writeFileAtomically(path.join(d, "new.json"), (temp) => {
      fs.writeFileSync(temp, "{\"half\":");
      throw new Error("crashed");
    })).rejects.toThrow(/cannot write .*new\.json: crashed$/);
    expect(entries(d)).toEqual([]);
  });

  test("success replaces the file, keeps its permissions, and writes through a symbolic link (the link stays)", async () => {
    const d = tempDir("atomic-ok");
    const real = path.join(d, "real.json");
    const link = path.join(d, "link.json");
    fs.writeFileSync(real, "old");
    fs.chmodSync(real, 0o640);
    fs.symlinkSync(real, link);
    await writeFileAtomically(link, (temp) => fs.writeFileSync(temp, "new"));
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(real, "utf8")).toBe("new");
    expect(fs.statSync(real).mode & 0o777).toBe(0o640);
    expect(entries(d)).toEqual(["link.json", "real.json"]);
  });

  test("a directory at the target is refused before anything is written", async () => {
    const d = tempDir("atomic-dir");
    fs.mkdirSync(path.join(d, "out.xlsx"));
    const write = jest.fn();
    await expect(writeFileAtomically(path.join(d, "out.xlsx"), write)).rejects.toThrow(/out\.xlsx: it exists and is not a file$/);
    expect(write).not.toHaveBeenCalled();
    expect(entries(d)).toEqual(["out.xlsx"]);
  });
});

describe("writeFilesAtomically: several files, all or nothing", () => {
  test("a writer failing on the third file leaves the first two targets as they were and no temporary file", async () => {
    const d = tempDir("all-writer");
    fs.writeFileSync(path.join(d, "a.txt"), "old a");
    const files = ["a.txt", "b.txt", "c.txt"].map((name, i) => ({
      target: path.join(d, name),
      write: (temp: string) => {
        fs.writeFileSync(temp, `new ${name}`.slice(0, i === 2 ? 3 : undefined));
        if (i === 2) throw new Error("EACCES: permission denied");
      },
    }));
    await expect(writeFilesAtomically(files)).rejects.toThrow(/cannot write .*c\.txt: EACCES: permission denied$/);
    expect(entries(d)).toEqual(["a.txt"]);
    expect(fs.readFileSync(path.join(d, "a.txt"), "utf8")).toBe("old a");
  });

  test("a rename failing after others succeeded puts back the replaced file and removes the new one", async () => {
    const d = tempDir("all-rename");
    fs.writeFileSync(path.join(d, "a.txt"), "old a");
    fs.writeFileSync(path.join(d, "c.txt"), "old c");
    const rename = fs.renameSync;
    let renames = 0;
    jest.spyOn(fs, "renameSync").mockImplementation((from, to) => {
      if (++renames === 3) throw Object.assign(new Error("EIO: i/o error, rename"), { code: "EIO" });
      rename(from, to);
    });
    const files = ["a.txt", "b.txt", "c.txt"].map((name) => ({ target: path.join(d, name), write: (temp: string) => fs.writeFileSync(temp, `new ${name}`) }));
    await expect(writeFilesAtomically(files)).rejects.toThrow(/cannot write .*c\.txt: EIO: i\/o error, rename$/);
    jest.restoreAllMocks();
    expect(entries(d)).toEqual(["a.txt", "c.txt"]);
    expect(fs.readFileSync(path.join(d, "a.txt"), "utf8")).toBe("old a");
    expect(fs.readFileSync(path.join(d, "c.txt"), "utf8")).toBe("old c");
  });

  test("success writes every file and leaves no backup or temporary file", async () => {
    const d = tempDir("all-ok");
    fs.writeFileSync(path.join(d, "a.txt"), "old a");
    await writeFilesAtomically(["a.txt", "b.txt"].map((name) => ({ target: path.join(d, name), write: (temp: string) => fs.writeFileSync(temp, `new ${name}`) })));
    expect(entries(d)).toEqual(["a.txt", "b.txt"]);
    expect(fs.readFileSync(path.join(d, "a.txt"), "utf8")).toBe("new a.txt");
  });
});

describe("the output is never one of the inputs", () => {
  const a = path.join(dir, "a.xlsx");
  const other = path.join(dir, "other.xlsx");
  beforeAll(() => {
    fs.writeFileSync(a, "A");
    fs.writeFileSync(other, "B");
    fs.symlinkSync(a, path.join(dir, "a-link.xlsx"));
    fs.linkSync(a, path.join(dir, "a-hard.xlsx"));
  });

  test("the same path, a relative spelling, a symbolic link and a hard link are the same file; another file and a new one are not", () => {
    expect(sameFile(a, a)).toBe(true);
    expect(sameFile(path.relative(process.cwd(), a), a)).toBe(true);
    expect(sameFile(path.join(dir, "a-link.xlsx"), a)).toBe(true);
    expect(sameFile(path.join(dir, "a-hard.xlsx"), a)).toBe(true);
    expect(sameFile(other, a)).toBe(false);
    expect(sameFile(path.join(dir, "new.xlsx"), a)).toBe(false);
    expect(() => refuseOutputOverInput(path.join(dir, "a-link.xlsx"), [undefined, a])).toThrow(`-o ${path.join(dir, "a-link.xlsx")} is the input ${a} (${path.join(dir, "a-link.xlsx")} is a link to it); it is left untouched: write to another file`);
    expect(() => refuseOutputOverInput(other, [a, undefined])).not.toThrow();
  });
});

describe("the CLI refuses -o equal to an input, per verb: exit 2, one line, input untouched", () => {
  const receivables = path.join(dir, "receivables.xlsx");
  const opportunities = path.join(dir, "opportunities.xlsx");
  const rulesJson = path.join(dir, "rules.json");
  beforeAll(async () => {
    await writeInput(receivables, [{ sheet: "应收账款", tableName: "Receivables", table: demoReceivables().table }]);
    await writeInput(opportunities, [{ sheet: "商机", tableName: "Opportunities", table: opportunityTable() }]);
    fs.writeFileSync(rulesJson, rulebookJson(DEFAULT_RULEBOOK, true));
    fs.symlinkSync(receivables, path.join(dir, "receivables-link.xlsx"));
    fs.linkSync(opportunities, path.join(dir, "opportunities-hard.xlsx"));
  });

  const cases: [string, () => string[], () => string][] = [
    ["aging, -o the input", () => ["aging", receivables, "--as-of", "2026-11-30", "-o", receivables], () => receivables],
    ["aging, -o a symbolic link to the input", () => ["aging", receivables, "--as-of", "2026-11-30", "-o", path.join(dir, "receivables-link.xlsx")], () => receivables],
    ["aging, -o the input's directory spelled differently", () => ["aging", receivables, "--as-of", "2026-11-30", "-o", path.join(dir, ".", "..", path.basename(dir), "receivables.xlsx")], () => receivables],
    ["charter, -o a hard link to the input", () => ["charter", opportunities, "--project", String(ROW.stateGrid), "--date", "2026-11-30", "-o", path.join(dir, "opportunities-hard.xlsx")], () => opportunities],
    ["charter, -o the input", () => ["charter", opportunities, "--project", String(ROW.stateGrid), "--date", "2026-11-30", "-o", opportunities], () => opportunities],
    ["rules export, -o the input workbook", () => ["rules", "export", receivables, "-o", receivables], () => receivables],
    ["rules export, -o the --rules file", () => ["rules", "export", "--rules", rulesJson, "-o", rulesJson], () => rulesJson],
  ];

  test.each(cases)("%s", async (_name, args, input) => {
    const before = fs.readFileSync(input());
    const run = await ltc(args());
    expect(run.code).toBe(2);
    expect(run.err.trimEnd().split("\n")).toHaveLength(1);
    expect(run.err).toMatch(/^ltc: -o .* is the input .*; it is left untouched: write to another file\n$/);
    expect(run.out).toBe("");
    expect(fs.readFileSync(input()).equals(before)).toBe(true);
  });

  test("aging refuses -o equal to its --rules file", async () => {
    const rulesXlsx = path.join(dir, "rules.xlsx");
    expect((await ltc(["rules", "export", "-o", rulesXlsx])).code).toBe(0);
    const before = fs.readFileSync(rulesXlsx);
    const run = await ltc(["aging", receivables, "--as-of", "2026-11-30", "--rules", rulesXlsx, "-o", rulesXlsx]);
    expect(run.code).toBe(2);
    expect(run.errLines).toEqual([`ltc: -o ${rulesXlsx} is the input ${rulesXlsx}; it is left untouched: write to another file`]);
    expect(fs.readFileSync(rulesXlsx).equals(before)).toBe(true);
  });

  test("a disk that fills up half-way through the report leaves the existing -o file as it was, and no temporary file", async () => {
    const outDir = tempDir("files-full");
    const out = path.join(outDir, "aging.xlsx");
    fs.writeFileSync(out, "last month's report");
    const real = xlsxRender.writePlansToXlsx;
    jest.spyOn(xlsxRender, "writePlansToXlsx").mockImplementation(async (file, plans) => {
      await real(file, plans);
      fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    });
    const run = await ltc(["aging", receivables, "--as-of", "2026-11-30", "-o", out]);
    expect(run.code).toBe(2);
    expect(run.errLines).toEqual([`ltc: cannot write ${out}: ENOSPC: no space left on device, write`]);
    expect(fs.readFileSync(out, "utf8")).toBe("last month's report");
    expect(entries(outDir)).toEqual(["aging.xlsx"]);
  });

  test("demo and rules export write atomically too: the file appears whole, with nothing beside it", async () => {
    const outDir = tempDir("files-demo");
    expect((await ltc(["demo", "-o", path.join(outDir, "demo.xlsx")])).code).toBe(0);
    expect((await ltc(["rules", "export", "-o", path.join(outDir, "rules.json")])).code).toBe(0);
    expect(entries(outDir)).toEqual(["demo.xlsx", "rules.json"]);
    expect(JSON.parse(fs.readFileSync(path.join(outDir, "rules.json"), "utf8"))).toEqual(JSON.parse(rulebookJson(DEFAULT_RULEBOOK, true)));
  });
});

describe("file names from region names", () => {
  const parts = (labels: [string, string][]) => uniqueNameParts(labels.map(([key, label]) => ({ key, label })));

  test("values that clash after sanitising get a stable hash suffix; the others stay as they are", () => {
    const names = parts([
      ["华北/片区", "华北/片区"],
      ["华北:片区", "华北:片区"],
      ["..", ".."],
      ["_", "_"],
      ["（无片区）", "（无片区）"],
      ["", "（无片区）"],
      ["华东片区", "华东片区"],
    ]);
    expect(new Set(names).size).toBe(7);
    expect(names[6]).toBe("华东片区");
    expect(names[0]).toMatch(/^华北_片区~[0-9a-f]{8}$/);
    expect(names[1]).toMatch(/^华北_片区~[0-9a-f]{8}$/);
    expect(names[2]).toMatch(/^_~[0-9a-f]{8}$/);
    expect(names[5]).toMatch(/^（无片区）~[0-9a-f]{8}$/);
    // deterministic: the same value gets the same name, whatever order or company it comes in
    expect(parts([["_", "_"], ["..", ".."]])).toEqual([names[3], names[2]]);
  });

  test("names differing only in letter case clash (case-insensitive file systems)", () => {
    const names = parts([["North", "North"], ["north", "north"]]);
    expect(names[0].toLowerCase()).not.toBe(names[1].toLowerCase());
  });

  test("a 300-character name is shortened to a bounded, unique part", () => {
    const long = "很长的片区名称".repeat(43).slice(0, 300);
    const [a, b] = parts([[long, long], [`${long}2`, `${long}2`]]);
    expect(Buffer.byteLength(a)).toBeLessThanOrEqual(MAX_NAME_PART_BYTES + 9);
    expect(a.startsWith(long.slice(0, 30))).toBe(true);
    expect(a).not.toBe(b);
    expect(fileNamePart(long).truncated).toBe(true);
    expect(fileNamePart(" con?  ").part).toBe("con_");
  });
});

import { Readable } from "stream";
import { runCli } from "../../src/cli/cli";
import { cellFromWord, evalLine } from "../../src/cli/eval";
import { DEFAULT_RULEBOOK } from "../../src/rules/rulebook";

function io(input = "") {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdin: Readable.from([input]),
      stdout: { write: (t: string) => out.push(t) },
      stderr: { write: (t: string) => err.push(t) },
    },
    out: () => out.join(""),
    err: () => err.join(""),
  };
}

describe("ltc eval", () => {
  test("reads command-line words as Excel reads typed cells", () => {
    expect(cellFromWord("0.35")).toBe(0.35);
    expect(cellFromWord("TRUE")).toBe(true);
    expect(cellFromWord("false")).toBe(false);
    expect(cellFromWord("")).toBeNull();
    expect(cellFromWord("认可")).toBe("认可");
    expect(cellFromWord("2026-03-05")).toBe("2026-03-05");
  });

  test("an unknown function is an error naming fn and listing the functions", () => {
    const answer = JSON.parse(evalLine('{"fn":"NOPE","args":[]}', 1, DEFAULT_RULEBOOK));
    expect(answer.error).toBe("#VALUE!");
    expect(answer.message).toMatch(/^fn: "NOPE" is not an LTC function/);
  });

  test("a line that is not JSON or lacks fn is answered, not dropped", () => {
    expect(JSON.parse(evalLine("{oops", 7, DEFAULT_RULEBOOK)).message).toMatch(/^line 7: not JSON/);
    expect(JSON.parse(evalLine('{"args":[1]}', 2, DEFAULT_RULEBOOK)).message).toMatch(/^line 2: expected/);
    expect(JSON.parse(evalLine('{"fn":"OPPSCORE","args":3}', 3, DEFAULT_RULEBOOK)).error).toBe("#VALUE!");
  });

  test("usage errors exit 2 with one line on stderr", async () => {
    const t = io();
    expect(await runCli(["frobnicate"], t.io)).toBe(2);
    expect(t.err()).toBe('ltc: unknown command "frobnicate"; run "ltc help"\n');
    const u = io();
    expect(await runCli(["eval"], u.io)).toBe(2);
    expect(u.err()).toMatch(/^ltc: eval needs a function name/);
  });
});

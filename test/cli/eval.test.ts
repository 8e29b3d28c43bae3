import { Readable } from "stream";
import { runCli } from "../../src/cli/cli";
import { cellFromWord, evalLine } from "../../src/cli/eval";
import { DEFAULT_RULEBOOK } from "../../src/rules/rulebook";
import { serialFromYmd } from "../../src/rules/values";

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
    expect(answer.arg).toBe("fn");
    expect(answer.accepts).toMatch(/^accepts LEADTEMP, ISOPPORTUNITY, /);
  });

  test("a bad argument's answer names it and says what it accepts, as fields of its own", () => {
    const answer = JSON.parse(evalLine('{"fn":"CANSHIP","args":["A","合同",60]}', 1, DEFAULT_RULEBOOK));
    expect(answer).toEqual({
      error: "#VALUE!",
      message: expect.stringMatching(/^paidRatio: 60 would be 6000%: write 60% or 0\.6; accepts a ratio 0–200%/),
      arg: "paidRatio",
      accepts: expect.stringMatching(/^accepts a ratio 0–200%/),
    });
    // a rule the rulebook does not have is not an argument's fault
    expect(JSON.parse(evalLine('{"fn":"OWNERDEPT","args":["国南网直属单位项目"]}', 2, DEFAULT_RULEBOOK))).toEqual({
      error: "#N/A",
      message: expect.any(String),
    });
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

  test("ltc eval prints one function's value, as typed on the command line", async () => {
    const t = io();
    expect(await runCli(["eval", "OPPSCORE", "认可", "长期合作客户", "0.35", "强"], t.io)).toBe(0);
    expect(t.out()).toBe("13\n");
    const bad = io();
    expect(await runCli(["eval", "OPPSCORE", "很好", "长期合作客户", "0.35", "强"], bad.io)).toBe(1);
    expect(bad.err()).toMatch(/^#VALUE! brand: "很好" is not accepted/);
  });

  test("ltc eval --jsonl answers every line in order, errors included", async () => {
    const lines = [
      '{"fn":"OPPSCORE","args":["认可","长期合作客户",0.35,"强"]}',
      '{"fn":"LTC.canship","args":["B类","协议",0.5]}',
      "",
      '{"fn":"OWNERDEPT","args":["国南网直属单位项目"]}',
      '{"fn":"LIMITDATE","args":[46086,null,null,"company"]}',
    ].join("\n");
    const t = io(lines + "\n");
    expect(await runCli(["eval", "--jsonl"], t.io)).toBe(0);
    const answers = t.out().trim().split("\n").map((l) => JSON.parse(l));
    expect(answers).toHaveLength(4);
    expect(answers[0]).toEqual({ value: 13 });
    expect(answers[1]).toEqual({ value: "不可发货：需100%到款" });
    expect(answers[2]).toMatchObject({ error: "#N/A" });
    expect(answers[3]).toEqual({ value: serialFromYmd(2028, 3, 5) }); // 2026-03-05 + 2 years (company basis)
  });
});

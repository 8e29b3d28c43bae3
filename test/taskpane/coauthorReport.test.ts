import { coauthorReport } from "../../src/taskpane/rulesModel";
import { rulebookStamp } from "../../src/rules/fingerprint";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";
import { rulebookJson } from "../../src/rules/validate";

function lowered(version: string): Rulebook {
  const rb = JSON.parse(rulebookJson(DEFAULT_RULEBOOK)) as Rulebook;
  rb.version = version;
  rb.owner.settings.find((s) => s.key === "mtoThresholdFen")!.value = 300_000_000;
  return rb;
}

describe("what the Rules pane says when the stored rules changed elsewhere", () => {
  test("a co-author's new rules: the new stamp, and each change against the rules in force before", () => {
    const next = lowered("east-2027");
    const said = coauthorReport({ kind: "changed", remote: true, previous: DEFAULT_RULEBOOK, next, restored: false }, "zh");
    expect(said).toMatchObject({ level: "info", message: `另一位作者修改了本工作簿的规则：现按 ${rulebookStamp(next)} 计算，LTC 公式已重新计算。`, heading: "与之前生效的规则相比：" });
    expect(said.lines.some((l) => /mtoThresholdFen.*500000000 → 300000000（500万元 → 300万元）/.test(l))).toBe(true);
  });

  test("a restore of the built-in rules, and a change from this session but not through the add-in", () => {
    const previous = lowered("east-2027");
    expect(coauthorReport({ kind: "changed", remote: true, previous, next: DEFAULT_RULEBOOK, restored: true }, "en").message).toBe(
      `Another author restored the built-in rules: ${rulebookStamp(DEFAULT_RULEBOOK)} is in force now and LTC formulas have been recalculated.`,
    );
    expect(coauthorReport({ kind: "changed", remote: false, previous, next: DEFAULT_RULEBOOK, restored: true }, "zh").message).toMatch(/^本工作簿保存的规则已在别处被删除/);
  });

  test("refused rules: a warning naming the rules that stay, and each error with where it is", () => {
    const kept = lowered("east-2027");
    const said = coauthorReport(
      { kind: "refused", remote: true, kept, errors: [{ sheet: "ltcDesk.rulebook", table: "owner.settings", row: 2, column: "value", reason: "not a number", reasonZh: "不是数字" }] },
      "zh",
    );
    expect(said).toMatchObject({ level: "warning", message: `另一位作者保存的规则无效，未采用；当前规则 ${rulebookStamp(kept)} 继续有效：`, heading: null });
    expect(said.lines).toHaveLength(1);
    expect(said.lines[0]).toMatch(/^ltcDesk\.rulebook › owner\.settings › 第2行 › .*：不是数字$/);
  });
});

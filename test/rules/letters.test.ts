import * as fs from "fs";
import * as path from "path";
import { compiledReceivables, DUNNING_HOLD_KEY, DUNNING_NUMBER_KEY, ROUTING_BIT, STATEMENT_NUMBER_KEY } from "../../src/rules/receivables";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";
import { rulebookFromJson } from "../../src/rules/validate";
import { serialFromYmd } from "../../src/rules/values";

/** The letter rules of §13: dunning levels, letter numbers, holds, and the limitation a letter or a signature gives. */

function withReceivables(patch: Partial<Rulebook["receivables"]>): Rulebook {
  return { ...DEFAULT_RULEBOOK, receivables: { ...DEFAULT_RULEBOOK.receivables, ...patch } };
}

function withSetting(key: string, value: string): Rulebook {
  return withReceivables({ settings: DEFAULT_RULEBOOK.receivables.settings.map((s) => (s.key === key ? { ...s, value } : s)) });
}

const d = serialFromYmd;

describe("dunning levels (receivables.dunningLevels, a company default)", () => {
  const c = compiledReceivables(DEFAULT_RULEBOOK);
  test.each([
    [0, 500_00, undefined],
    [1, 500_00, "dunning.reminder"],
    [30, 50_000_000, "dunning.reminder"],
    [31, 500_00, "dunning.demand"],
    [90, 50_000_000, "dunning.demand"],
    [91, 9_999_999, "dunning.demand"],
    [91, 10_000_000, "dunning.final"],
    [400, 10_000_000, "dunning.final"],
    [400, 0, undefined],
  ])("most overdue %i days, overdue total %i fen → %s", (days, fen, code) => {
    expect(c.dunningLevel(days, fen)?.code).toBe(code);
  });

  test("every default level is marked a company default and has zh and en text with the amount in words", () => {
    for (const level of DEFAULT_RULEBOOK.receivables.dunningLevels) {
      expect(level.mark).toBe("default");
      expect(level.bodyZh).toContain("{amountInWords}");
      expect(level.bodyEn).toContain("{amountInWords}");
    }
  });

  test("an empty or broken table is #N/A naming it, found when the section is compiled", () => {
    expect(() => compiledReceivables(withReceivables({ dunningLevels: [] })).checkDunningLevels()).toThrow(/dunningLevels table is empty/);
    const broken = DEFAULT_RULEBOOK.receivables.dunningLevels.map((l, i) => (i === 1 ? { ...l, minDaysOverdue: 0 } : l));
    expect(() => compiledReceivables(withReceivables({ dunningLevels: broken })).dunningLevel(40, 1)).toThrow(/dunning\.demand: minDaysOverdue/);
  });
});

describe("letter numbers (函号) from the settings' patterns", () => {
  const c = compiledReceivables(DEFAULT_RULEBOOK);
  const on = d(2026, 11, 30);
  test("the default patterns: a prefix, the generation date and a 3-digit serial", () => {
    expect(c.numbering("statement").format(on, 7)).toBe("DZ20261130-007");
    expect(c.numbering("dunning").format(on, 1234)).toBe("CK20261130-1234");
  });
  test("an earlier number of the same pattern and date gives its serial; anything else 0", () => {
    const n = c.numbering("statement");
    expect(n.serialOf(on, "DZ20261130-042")).toBe(42);
    expect(n.serialOf(on, "DZ20261129-042")).toBe(0);
    expect(n.serialOf(on, "CK20261130-042")).toBe(0);
    expect(n.serialOf(on, "DZ20261130-")).toBe(0);
  });
  test("a company pattern: 〔yyyy〕 and 号 around the serial", () => {
    const n = compiledReceivables(withSetting(STATEMENT_NUMBER_KEY, "财对〔{yyyy}〕{seq:4}号")).numbering("statement");
    expect(n.format(on, 12)).toBe("财对〔2026〕0012号");
    expect(n.serialOf(d(2026, 1, 2), "财对〔2026〕0012号")).toBe(12);
  });
  test("a pattern without exactly one {seq} is #N/A naming the setting", () => {
    expect(() => compiledReceivables(withSetting(DUNNING_NUMBER_KEY, "CK{yyyy}")).numbering("dunning")).toThrow(/letters\.dunningNumber must hold exactly one \{seq\}/);
    expect(() => compiledReceivables(withSetting(DUNNING_NUMBER_KEY, "{seq}-{seq}")).numbering("dunning")).toThrow(/exactly one/);
  });
});

describe("what a dunning letter holds back", () => {
  test("by default the quality-dispute routing (it goes to the company)", () => {
    const c = compiledReceivables(DEFAULT_RULEBOOK);
    expect(c.dunningHolds(ROUTING_BIT.qualityDispute)).toBe(true);
    expect(c.dunningHolds(ROUTING_BIT.qualityDispute | ROUTING_BIT.crossRegion)).toBe(true);
    expect(c.dunningHolds(ROUTING_BIT.crossRegion)).toBe(false);
    expect(c.dunningHolds(0)).toBe(false);
  });
  test("blank holds nothing; an unknown routing is #N/A", () => {
    expect(compiledReceivables(withSetting(DUNNING_HOLD_KEY, "")).dunningHolds(ROUTING_BIT.qualityDispute)).toBe(false);
    expect(() => compiledReceivables(withSetting(DUNNING_HOLD_KEY, "route.nope")).dunningHolds(1)).toThrow(/unknown routing route\.nope/);
  });
});

describe("limitation after a letter or a signature (Civil Code art. 195, SPC provisions art. 19)", () => {
  const legal = compiledReceivables(DEFAULT_RULEBOOK).period("basis.legal");
  const due = d(2022, 3, 1);
  const end = legal.end(due, 0, 0);
  test("a letter served while the period runs restarts it; after it ran out it changes nothing", () => {
    expect(end).toBe(d(2025, 3, 1));
    expect(legal.restartedEnd(due, end, d(2024, 6, 30))).toBe(d(2027, 6, 30));
    expect(legal.restartedEnd(due, end, d(2025, 3, 2))).toBe(end);
  });
  test("the customer's signed acknowledgment after the period ran out revives it from the signature", () => {
    expect(legal.acknowledgedEnd(due, end, d(2026, 11, 30))).toBe(d(2029, 11, 30));
    expect(legal.acknowledgedEnd(due, end, d(2024, 1, 1))).toBe(d(2027, 1, 1));
    expect(legal.acknowledgedEnd(due, end, 0)).toBe(end);
  });
  test("never past 20 years from the due date", () => {
    const old = d(2007, 1, 10);
    const lapsed = legal.end(old, 0, 0);
    expect(lapsed).toBe(d(2010, 1, 10));
    const revived = legal.acknowledgedEnd(old, lapsed, d(2025, 6, 1));
    expect(revived).toBe(d(2027, 1, 10));
    expect(legal.restartedEnd(old, revived, d(2026, 11, 30))).toBe(d(2027, 1, 10));
  });
});

test("a rulebook stored before the dunning levels existed loads with the default table and a notice", () => {
  const text = fs.readFileSync(path.join(__dirname, "../fixtures/stored/deck-2026.1.settings.json"), "utf8");
  const result = rulebookFromJson(text);
  if ("errors" in result) throw new Error("rejected");
  expect(result.rulebook.receivables.dunningLevels).toEqual(DEFAULT_RULEBOOK.receivables.dunningLevels);
  const notices = result.notices ?? [];
  expect(notices.find((n) => n.table === "receivables.dunningLevels")?.reason).toMatch(/table receivables.dunningLevels \(Dunning levels\) was missing: added from the built-in rulebook/);
  const settings = notices.filter((n) => n.table === "receivables.settings").map((n) => n.reason);
  expect(settings.join("\n")).toMatch(/setting letters\.statementNumber was missing/);
  expect(settings.join("\n")).toMatch(/setting letters\.companyName was missing/);
});

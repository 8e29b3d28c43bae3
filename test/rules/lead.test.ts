import { LtcError } from "../../src/rules/errors";
import { LabelRow, vocabularyOf } from "../../src/rules/labels";
import { DEFAULT_LEAD } from "../../src/rules/data/lead";
import { leadAction, leadTemperature, parseMonths } from "../../src/rules/lead";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";

const RB = DEFAULT_RULEBOOK;
const clone = (rb: Rulebook): Rulebook => JSON.parse(JSON.stringify(rb)) as Rulebook;

describe("§3 lead rules as data", () => {
  test("the 3 and 6 month thresholds are settings marked as a reading", () => {
    const byKey = Object.fromEntries(DEFAULT_LEAD.settings.map((s) => [s.key, s]));
    expect(byKey.warmFromMonths.value).toBe(3);
    expect(byKey.coldFromMonths.value).toBe(6);
    expect(byKey.warmFromMonths.mark).toBe("reading");
    expect(byKey.coldFromMonths.mark).toBe("reading");
  });

  test("the temperature table carries the deck's action (动作) in both languages", () => {
    // as written in the spec's §3 table
    const spec: Array<[string, string, string]> = [
      ["热线索", "Hot", "立即转化为机会点"],
      ["温线索", "Warm", "强化培育和引导、加大跟踪力度"],
      ["冷线索", "Cold", "关注、定期交流，松土、培育"],
    ];
    for (const [zh, en, action] of spec) {
      const row = DEFAULT_LEAD.temperatures.find((t) => t.zh === zh)!;
      expect(row.en).toBe(en);
      expect(leadAction(row).zh).toBe(action);
      expect(leadAction(row).en.length).toBeGreaterThan(5);
    }
    expect(DEFAULT_LEAD.temperatures.find((t) => t.zh === "热线索")!.benefitZh).toBe("客户短期收益很高且明确");
  });

  test("the factor tables hold the spec's words, each pointing to a temperature", () => {
    const spec: Record<string, Array<[string, string]>> = {
      urgency: [["较低", "冷线索"], ["一定", "温线索"], ["急迫", "热线索"]],
      solution: [["没有成熟的设计方案", "冷线索"], ["趋于完善", "温线索"], ["成熟且高度匹配", "热线索"]],
      consensus: [["较大分歧", "冷线索"], ["趋于一致", "温线索"], ["已达成一致", "热线索"]],
    };
    for (const [table, rows] of Object.entries(spec)) {
      const data = DEFAULT_LEAD[table as "urgency"];
      expect(data.map((r) => r.zh)).toEqual(rows.map((r) => r[0]));
      for (const [zh, temp] of rows) {
        const code = data.find((r) => r.zh === zh)!.temperature;
        expect(DEFAULT_LEAD.temperatures.find((t) => t.code === code)!.zh).toBe(temp);
      }
    }
  });

  test("no spelling names two rows of one table", () => {
    for (const table of ["temperatures", "factors", "urgency", "solution", "consensus"] as const) {
      expect(vocabularyOf<LabelRow>(DEFAULT_LEAD[table]).conflicts).toEqual([]);
    }
  });
});

describe("leadTemperature(rb, months, factors)", () => {
  test("band edges by months", () => {
    const cases: Array<[unknown, string]> = [
      [0, "lead.hot"],
      [2.999, "lead.hot"],
      [3, "lead.warm"],
      [5.999, "lead.warm"],
      [6, "lead.cold"],
      [600, "lead.cold"],
    ];
    for (const [months, code] of cases) expect(leadTemperature(RB, months).value.code).toBe(code);
  });

  test("returns the whole row, so callers can show the action", () => {
    const d = leadTemperature(RB, 1, { urgency: "较低" });
    expect(d.value.zh).toBe("冷线索");
    expect(d.value.actionZh).toBe("关注、定期交流，松土、培育");
    expect(d.reasons[d.reasons.length - 1]).toEqual({
      table: "lead.temperatures",
      row: "lead.cold",
      text: {
        zh: "冷线索（取最冷的因素）：关注、定期交流，松土、培育",
        en: "Cold (the coldest factor decides): Watch, keep in regular contact, prepare the ground and nurture",
      },
    });
  });

  test("the time reason states the rule in plain words", () => {
    const d = leadTemperature(RB, 4);
    expect(d.reasons[0].text.zh).toBe("距进入采购程序4个月，在3至6个月之间 → 温线索");
    expect(d.reasons[0].text.en).toBe("4 months to procurement, from 3 to under 6 → Warm");
    expect(d.reasons[1].text.zh).toBe("温线索：强化培育和引导、加大跟踪力度");
  });

  test("factors can only cool a lead", () => {
    expect(leadTemperature(RB, 0, { urgency: "急迫", solution: "成熟且高度匹配", consensus: "已达成一致" }).value.code).toBe(
      "lead.hot",
    );
    expect(leadTemperature(RB, 7, { urgency: "急迫", solution: "成熟且高度匹配", consensus: "已达成一致" }).value.code).toBe(
      "lead.cold",
    );
    expect(leadTemperature(RB, 0, { solution: "趋于完善" }).value.code).toBe("lead.warm");
    expect(leadTemperature(RB, 4, { consensus: "split" }).value.code).toBe("lead.cold");
  });

  test("a cloned rulebook with other thresholds gives other answers (and the cache notices)", () => {
    expect(leadTemperature(RB, 5).value.code).toBe("lead.warm");
    const rb = clone(RB);
    rb.lead.settings.find((s) => s.key === "coldFromMonths")!.value = 5;
    expect(leadTemperature(rb, 5).value.code).toBe("lead.cold");
    expect(leadTemperature(rb, 5).reasons[0].text.zh).toContain("不少于5个月");
    expect(leadTemperature(RB, 5).value.code).toBe("lead.warm");
  });

  test("bad input throws LtcError #VALUE! naming the argument", () => {
    const bad: Array<[unknown, object, string]> = [
      [-0.5, {}, "monthsToProcurement"],
      ["soon", {}, "monthsToProcurement"],
      [2, { urgency: "urgentish" }, "urgency"],
      [2, { solution: 1 }, "solution"],
      [2, { consensus: "达成" }, "consensus"],
    ];
    for (const [months, factors, arg] of bad) {
      try {
        leadTemperature(RB, months, factors);
        throw new Error("expected an error");
      } catch (e) {
        expect(e).toBeInstanceOf(LtcError);
        expect((e as LtcError).code).toBe("#VALUE!");
        expect((e as LtcError).message.startsWith(arg)).toBe(true);
      }
    }
  });

  test("a rulebook missing a temperature row gives #N/A", () => {
    const rb = clone(RB);
    rb.lead.temperatures = rb.lead.temperatures.filter((t) => t.code !== "lead.warm");
    expect(() => leadTemperature(rb, 4)).toThrow(expect.objectContaining({ code: "#N/A" }));
  });

  test("a factor value naming an unknown temperature gives #N/A only where it is given", () => {
    const rb = clone(RB);
    rb.lead.urgency = rb.lead.urgency.map((r) => (r.code === "urgency.low" ? { ...r, temperature: "lead.frozen" } : r));
    expect(() => leadTemperature(rb, 4, { urgency: "较低" })).toThrow(
      expect.objectContaining({ code: "#N/A", message: expect.stringMatching(/no row lead\.frozen/) }),
    );
    expect(leadTemperature(rb, 4, { urgency: "急迫" }).value.code).toBe("lead.warm");
    expect(leadTemperature(rb, 8).value.code).toBe("lead.cold");
  });
});

describe("parseMonths", () => {
  test("numbers and month text", () => {
    const cases: Array<[unknown, number]> = [
      [0, 0],
      [2.5, 2.5],
      ["3", 3],
      ["３", 3],
      [" 4 ", 4],
      ["4个月", 4],
      ["4 個月", 4],
      ["5月", 5],
      ["6M", 6],
      ["6 months", 6],
      ["1 month", 1],
      ["1200", 1200],
    ];
    for (const [input, n] of cases) expect(parseMonths(input)).toBe(n);
  });
  test("rejects what is not a month count", () => {
    for (const input of ["", null, undefined, -1, 1201, NaN, Infinity, "x", "M", "3 weeks", true, {}]) {
      expect(() => parseMonths(input)).toThrow(LtcError);
    }
  });
});

import {
  addYears,
  fenFromInput,
  formatFen,
  isoFromSerial,
  parseBool,
  parseDate,
  parseLang,
  parseAmountFen,
  parseNumber,
  parseRatio,
  parseShare,
  serialFromInput,
  serialFromYmd,
  ymdFromSerial,
} from "../../src/rules/values";
import { LtcError } from "../../src/rules/errors";

function errorOf(fn: () => unknown): LtcError {
  try {
    fn();
  } catch (e) {
    if (e instanceof LtcError) return e;
    throw e;
  }
  throw new Error("expected an LtcError");
}

describe("Excel serial dates (1900 system, no time zone)", () => {
  test.each([
    ["1900-01-01", 1],
    ["1900-02-28", 59],
    ["1900-03-01", 61],
    ["2026-03-05", 46086],
    ["2024-02-29", 45351],
    ["9999-12-31", 2958465],
  ])("%s is serial %i both ways", (iso, serial) => {
    const [y, m, d] = iso.split("-").map(Number);
    expect(serialFromYmd(y, m, d)).toBe(serial);
    expect(isoFromSerial(serial)).toBe(iso);
  });

  test("serial 60 is Excel's fictitious 1900-02-29", () => {
    expect(ymdFromSerial(60)).toEqual({ year: 1900, month: 2, day: 29 });
  });

  test.each([
    [46086, 46086],
    [46086.75, 46086],
    ["2026-03-05", 46086],
    ["2026/3/5", 46086],
    ["2026.3.5", 46086],
    ["2026年3月5日", 46086],
    ["２０２６年３月５日", 46086],
    [" 2026-03-05T08:00:00 ", 46086],
    ["2026-03-05 08:00", 46086],
    ["2026-03-05 00:00:00.000", 46086],
    ["2026-03-05T08:00:00+08:00", 46086],
    ["46086", 46086],
    [new Date(Date.UTC(2026, 2, 5)), 46086],
  ])("reads %p as serial %i", (input, serial) => {
    expect(serialFromInput(input)).toBe(serial);
  });

  test.each([
    ["2026-02-30"],
    ["2026-13-01"],
    ["2026/3"],
    ["March 5"],
    ["2026-03-05 待确认"], // trailing words: not a firm date
    ["2026-03-05 or later"],
    ["2026-03-05T"],
    ["0x4"],
    [0],
    [-3],
    [3e6],
    [NaN],
    [new Date(NaN)],
    [true],
  ])(
    "rejects %p",
    (input) => {
      expect(serialFromInput(input)).toBeUndefined();
    },
  );

  test("a date argument's message names it and shows accepted forms", () => {
    const e = errorOf(() => parseDate("next week", "dueDate"));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/^dueDate: "next week" is not accepted; accepts a date/);
    expect(errorOf(() => parseDate(null, "asOf")).message).toMatch(/^asOf is required/);
  });

  test("the time zone of the machine does not move a date", () => {
    // Date objects are read by their UTC calendar day, as ExcelJS and Office hand them over.
    const d = new Date("2026-03-05T00:00:00Z");
    expect(serialFromInput(d)).toBe(46086);
  });

  test("addYears keeps the day and turns Feb 29 into Feb 28", () => {
    expect(isoFromSerial(addYears(serialFromYmd(2024, 2, 29), 3))).toBe("2027-02-28");
    expect(isoFromSerial(addYears(serialFromYmd(2024, 2, 29), 4))).toBe("2028-02-29");
    expect(isoFromSerial(addYears(serialFromYmd(2026, 11, 30), 2))).toBe("2028-11-30");
  });
});

describe("money in integer fen", () => {
  test.each([
    [1234.5, 123450],
    [0.1 + 0.2, 30],
    ["1,234.50", 123450],
    ["¥1,000", 100000],
    ["￥ 1000 元", 100000],
    ["１２３.４", 12340],
    ["-5.00", -500],
    ["(12.30)", -1230],
    ["7", 700],
    ["12.300", 1230],
  ])("%p → %i fen", (input, fen) => {
    expect(fenFromInput(input)).toBe(fen);
  });

  test.each([["12.345"], ["abc"], [""], ["1.2.3"], [Infinity], [null], [true]])("%p is not money", (input) => {
    expect(fenFromInput(input)).toBeUndefined();
  });

  test("formats fen as yuan with two decimals and grouping", () => {
    expect(formatFen(123456789)).toBe("1,234,567.89");
    expect(formatFen(-5)).toBe("-0.05");
    expect(formatFen(0)).toBe("0.00");
  });
});

describe("numbers, shares, booleans and language", () => {
  test("parseNumber accepts full-width digits and thousands separators", () => {
    expect(parseNumber("５,０００,０００", "amountCNY", { accepts: "an amount" })).toBe(5_000_000);
    expect(errorOf(() => parseNumber("lots", "amountCNY", { accepts: "an amount in yuan" })).message).toBe(
      'amountCNY: "lots" is not accepted; accepts an amount in yuan',
    );
    expect(errorOf(() => parseNumber(-1, "months", { min: 0, accepts: "a number ≥ 0" })).code).toBe("#VALUE!");
    expect(parseNumber(undefined, "x", { accepts: "n", optional: true })).toBeUndefined();
  });

  test.each([
    [0.35, 0.35],
    ["35%", 0.35],
    ["３５％", 0.35],
    ["0.35", 0.35],
    [1, 1],
    ["100%", 1],
    [0, 0],
    ["0%", 0],
  ])("parseShare(%p) = %p: a number is a fraction (a percent cell's value), text may carry %", (input, share) => {
    expect(parseShare(input, "competitorShare")).toBeCloseTo(share, 12);
  });

  test.each([
    [35, "competitorShare: 35 would be 3500%: write 35% or 0.35; accepts a ratio 0–100%"],
    ["35", 'competitorShare: "35" would be 3500%: write 35% or 0.35; accepts a ratio 0–100%'],
    [1.2, "competitorShare: 1.2 would be 120%: write 1.2% or 0.012; accepts a ratio 0–100%"],
    ["101%", 'competitorShare: "101%" is above 100%; accepts a ratio 0–100%'],
    [-0.1, "competitorShare: -0.1 is not accepted; accepts a ratio 0–100%"],
    ["-5%", 'competitorShare: "-5%" is not accepted; accepts a ratio 0–100%'],
    ["0x4", 'competitorShare: "0x4" is not accepted; accepts a ratio 0–100%'],
    ["lots", 'competitorShare: "lots" is not accepted; accepts a ratio 0–100%'],
    [NaN, "competitorShare: NaN is not accepted; accepts a ratio 0–100%"],
    [true, "competitorShare: TRUE is not accepted; accepts a ratio 0–100%"],
    [null, "competitorShare is required; accepts a ratio 0–100%"],
  ])("parseShare rejects %p naming the argument, and shows how to write a percent", (input, message) => {
    const e = errorOf(() => parseShare(input, "competitorShare"));
    expect(e.code).toBe("#VALUE!");
    expect(e.message.startsWith(message)).toBe(true);
    expect(e.arg).toBe("competitorShare");
    expect(e.accepts).toMatch(/^accepts a ratio 0–100%: a percent cell/);
  });

  test("a paid ratio may be up to 200% (overpaid); above that it shows how to write it", () => {
    expect(parseRatio(1.2, "paidRatio", { max: 2 })).toBe(1.2);
    expect(parseRatio("200%", "paidRatio", { max: 2 })).toBe(2);
    expect(errorOf(() => parseRatio(60, "paidRatio", { max: 2 })).message).toMatch(
      /^paidRatio: 60 would be 6000%: write 60% or 0\.6; accepts a ratio 0–200%: .*above 100% is overpaid and counts as fully paid$/,
    );
    expect(errorOf(() => parseRatio("201%", "paidRatio", { max: 2 })).message).toMatch(/^paidRatio: "201%" is above 200%/);
    expect(parseRatio("", "requiredRatio", { optional: true })).toBeUndefined();
  });

  test.each([
    [5_000_000, 500_000_000],
    ["5,000,000", 500_000_000],
    ["¥5,000,000.00", 500_000_000],
    ["500万", 500_000_000],
    ["500万元", 500_000_000],
    [0.29, 29], // float noise (0.29 × 100 = 28.999…96) is not a sub-fen remainder
    [1234567.89, 123_456_789],
    [4_999_999.999, 499_999_999], // the sub-fen remainder is dropped, never rounded up to the threshold
    ["4,999,999.999", 499_999_999],
    ["499.9999999万", 499_999_999],
  ])("parseAmountFen(%p) = %i fen, exact against whole-fen thresholds", (input, fen) => {
    expect(parseAmountFen(input, "amountCNY")).toBe(fen);
  });

  test.each([["(5,000)"], ["-5"], [-1], ["0x4"], ["lots"], [NaN], [Infinity], [true]])("parseAmountFen rejects %p naming the argument", (input) => {
    const e = errorOf(() => parseAmountFen(input, "amountCNY"));
    expect(e.message).toMatch(/^amountCNY: .* is not accepted; accepts an amount in yuan ≥ 0/);
    expect(e.arg).toBe("amountCNY");
  });

  test.each([
    [true, true],
    [1, true],
    ["是", true],
    ["YES", true],
    [" y ", true],
    [false, false],
    [0, false],
    ["否", false],
    ["no", false],
  ])("parseBool(%p) = %p", (input, value) => {
    expect(parseBool(input, "hasBudget")).toBe(value);
  });

  test("parseBool rejects other values naming the argument", () => {
    expect(errorOf(() => parseBool("maybe", "hasBudget")).message).toMatch(/^hasBudget: "maybe" is not accepted; accepts TRUE\/FALSE/);
    expect(errorOf(() => parseBool(2, "hasBudget")).code).toBe("#VALUE!");
  });

  test("lang is zh unless asked for en", () => {
    expect(parseLang(undefined)).toBe("zh");
    expect(parseLang("EN")).toBe("en");
    expect(parseLang("中文")).toBe("zh");
    expect(errorOf(() => parseLang("fr")).message).toMatch(/^lang: "fr" is not accepted/);
  });
});

describe("calendar arithmetic agrees with the JavaScript calendar on every day", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fc = require("fast-check");
  const epoch = Date.UTC(1899, 11, 30);
  test("serial ↔ y/m/d round-trips and matches Date.UTC from 1900-03-01 to 9999-12-31", () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 2_958_465 }), (serial: number) => {
        const d = new Date(epoch + serial * 86_400_000);
        const ymd = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
        expect(ymdFromSerial(serial)).toEqual(ymd);
        expect(serialFromYmd(ymd.year, ymd.month, ymd.day)).toBe(serial);
      }),
      { numRuns: 20_000 },
    );
  });
});

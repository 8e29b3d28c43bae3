import fc from "fast-check";
import { AgingItems } from "../../src/reports/aging";
import { buildLetters, customerKey } from "../../src/reports/letters";
import { RawTable } from "../../src/reports/table";
import { cnyCapitals } from "../../src/rules/capitals";
import { compiledReceivables } from "../../src/rules/receivables";
import { DEFAULT_RULEBOOK } from "../../src/rules/rulebook";
import { isoFromSerial, serialFromYmd } from "../../src/rules/values";

/**
 * Property: on random receivables tables (credits, overpayments, blank and
 * unreadable cells, old and new items, disputes, customers spelt with stray
 * spaces) and random dunning logs, every statement's balance equals the
 * outstanding the aging detail shows for that customer, to the fen; every
 * customer with a non-zero balance has exactly one statement; and a dunning
 * letter demands exactly the customer's overdue items whose period still runs
 * and that the rules do not hold back, at the level the rules give.
 */

const rb = DEFAULT_RULEBOOK;
const AS_OF = serialFromYmd(2026, 11, 30);
const HEADER = ["合同号", "客户", "代表处", "发票号", "到期日", "金额", "已回款", "最近回款日", "最近催款或对账日", "质量问题", "客户所在地"];
const CUSTOMERS = ["甲电力", "乙公司", " 乙公司", "丙能源", "丁电网", "Customer E", "=cmd"];
const OFFICES = ["湖南代表处", "广东代表处", "陕西代表处", null];

const dateArb = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: AS_OF - 2500, max: AS_OF + 200 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, "someday", "2026-02-30") },
);
const rowArb = fc.tuple(
  fc.constantFrom(...CUSTOMERS),
  fc.constantFrom(...OFFICES),
  dateArb,
  fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 500_000_000 }).map((f) => f / 100) }, { weight: 1, arbitrary: fc.constantFrom<unknown>(null, "abc") }),
  fc.integer({ min: 0, max: 130 }),
  fc.option(fc.integer({ min: AS_OF - 2000, max: AS_OF }), { nil: null }),
  fc.option(fc.integer({ min: AS_OF - 2000, max: AS_OF }), { nil: null }),
  fc.constantFrom<unknown>(null, null, null, "是"),
  fc.constantFrom<unknown>(null, "湖南", "广东", "陕西"),
);
const logArb = fc.array(
  fc.tuple(
    fc.constantFrom(...CUSTOMERS),
    fc.integer({ min: AS_OF - 2000, max: AS_OF + 30 }),
    fc.constantFrom("对账函", "催款函", "律师函", "还款承诺", "起诉"),
    fc.constantFrom<unknown>("是", "否", null),
  ),
  { maxLength: 8 },
);

type GenRow = typeof rowArb extends fc.Arbitrary<infer R> ? R : never;

function tableOf(rows: GenRow[]): RawTable {
  return {
    header: HEADER,
    rows: rows.map(([customer, office, due, amount, paidPercent, lastPayment, lastDemand, dispute, location], i) => [
      `HT-${i}`,
      customer,
      office,
      `FP-${i}`,
      due,
      amount,
      typeof amount === "number" ? Math.round(amount * paidPercent) / 100 : 0,
      lastPayment,
      lastDemand,
      dispute,
      location,
    ]),
    firstRowNumber: 2,
  };
}

/** Σ outstanding of a customer's items in an aging store, by customer key. */
function outstandingByCustomer(stores: AgingItems[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of stores) {
    for (let i = 0; i < s.length; i++) {
      const key = customerKey(s.customer(i));
      if (s.customer(i).trim() === "") continue;
      out.set(key, (out.get(key) ?? 0) + s.outstandingFen(i));
    }
  }
  return out;
}

describe("letters against the aging detail", () => {
  test("each statement's balance is the customer's outstanding in the aging detail; one statement per non-zero balance", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 40 }), logArb, (rows, log) => {
        const table = tableOf(rows);
        const logTable: RawTable = { header: ["客户", "日期", "方式", "客户签章确认"], rows: log, firstRowNumber: 2 };
        const result = buildLetters(table, logTable, { asOf: AS_OF }, rb);
        const expected = outstandingByCustomer([result.aging.items, result.aging.credits]);
        const lettered = new Map(result.letters.map((l) => [customerKey(l.customer), l]));
        for (const [key, fen] of expected) {
          if (fen === 0) expect(lettered.has(key)).toBe(false);
          else expect([key, lettered.get(key)?.balanceFen]).toEqual([key, fen]);
        }
        expect(lettered.size).toBe([...expected.values()].filter((f) => f !== 0).length);
        for (const l of result.letters) {
          expect(l.items.reduce((s, x) => s + x.outstandingFen, 0)).toBe(l.balanceFen);
          expect(l.agingStrip.reduce((s, b) => s + b.fen, 0)).toBe(l.balanceFen);
          expect(l.balanceInWords).toBe(cnyCapitals(Math.abs(l.balanceFen)));
        }
        expect(new Set(result.register.map((r) => r.number)).size).toBe(result.letters.length);
      }),
      { numRuns: 150 },
    );
  });

  test("a dunning letter demands the overdue items whose period runs and that are not held, at the rules' level", () => {
    const c = compiledReceivables(rb);
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 40 }), (rows) => {
        const table = tableOf(rows);
        const statements = buildLetters(table, undefined, { asOf: AS_OF }, rb);
        const dunning = buildLetters(table, undefined, { asOf: AS_OF, kind: "dunning" }, rb);
        for (const letter of dunning.letters) {
          const all = statements.letters.find((s) => s.customer === letter.customer)?.items ?? [];
          const demandable = all.filter((x) => x.state === "running" && x.daysOverdue > 0 && !x.held);
          expect(letter.items.map((x) => x.row)).toEqual(demandable.map((x) => x.row));
          for (const x of letter.items) expect(x.limitationEnd).toBeGreaterThanOrEqual(AS_OF);
          const maxDays = Math.max(...letter.items.map((x) => x.daysOverdue));
          expect(letter.level).toBe(c.dunningLevel(maxDays, letter.balanceFen));
          expect(letter.body!.zh).toContain(isoFromSerial(AS_OF));
        }
      }),
      { numRuns: 100 },
    );
  });
});

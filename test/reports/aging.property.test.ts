import fc from "fast-check";
import { functionNamed } from "../../src/functions/registry";
import { evaluateCall } from "../../src/functions/runtime";
import { actionFor, escalationFor } from "../../src/rules/receivables";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";
import { formatFen, isoFromSerial, serialFromYmd, ymdFromSerial } from "../../src/rules/values";
import { AgingItems, AgingResult, buildAging, GroupKey, splitByRegion } from "../../src/reports/aging";
import { buildAgingReport, planStrings } from "../../src/reports/agingReport";
import { isFormula } from "../../src/reports/sheetplan";

/**
 * Property tests: random receivables tables (amounts as numbers and as text in
 * every accepted form, credits, overpayments, blank and unreadable cells,
 * duplicate invoices, bad dates, hostile text) always reconcile to the fen
 * against an oracle that knows what each generated cell was meant to say.
 */

const rb = DEFAULT_RULEBOOK;
const AS_OF = serialFromYmd(2026, 11, 30);
const HEADER = ["合同号", "客户", "客户分类", "片区", "代表处", "产线", "发票号", "发票类型", "开票日期", "到期日", "金额", "已回款", "最近回款日", "最近催款或对账日", "质量问题", "客户所在地"];

/** A generated cell and the fen it means: a number, null for blank, NaN for unreadable. */
type Money = [unknown, number];

const FULL_WIDTH = (s: string) => s.replace(/[0-9]/g, (c) => String.fromCharCode(0xff10 + Number(c)));

function moneyText(fen: number, style: number): string {
  const abs = formatFen(Math.abs(fen)); // "1,234.50"
  const plain = abs.replace(/,/g, "");
  const neg = fen < 0;
  switch (style) {
    case 0:
      return (neg ? "-" : "") + abs;
    case 1:
      return "¥" + (neg ? "-" : "") + abs;
    case 2:
      return (neg ? "-" : "") + plain + "元";
    case 3:
      return FULL_WIDTH((neg ? "-" : "") + abs);
    case 4:
      return neg ? `(${abs})` : `  ${plain}  `;
    default:
      return "￥" + (neg ? "-" : "") + plain.replace(/\.00$/, "");
  }
}

const fenArb = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 500_000_000 }) },
  { weight: 2, arbitrary: fc.integer({ min: -5_000_000, max: -1 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1, 99, 100, 12_345) },
);

const moneyArb = (blankWeight: number): fc.Arbitrary<Money> =>
  fc.oneof(
    { weight: 5, arbitrary: fenArb.map((f): Money => [f / 100, f]) },
    { weight: 5, arbitrary: fc.tuple(fenArb, fc.integer({ min: 0, max: 5 })).map(([f, s]): Money => [moneyText(f, s), f]) },
    { weight: blankWeight, arbitrary: fc.constantFrom<unknown>(null, "", "   ").map((v): Money => [v, Number.NaN]) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>("abc", "12.345", "1.2.3", "--5", "N/A", "¥", "1e5", true).map((v): Money => [v, Number.NaN]) },
  );

/** A date cell and the serial it means (0 blank, -1 unreadable). */
type DateCell = [unknown, number];
const serialArb = fc.integer({ min: AS_OF - 2500, max: AS_OF + 200 });
function dateText(serial: number, style: number): string {
  const { year, month, day } = ymdFromSerial(serial);
  if (style === 0) return isoFromSerial(serial);
  if (style === 1) return `${year}/${month}/${day}`;
  return `${year}年${month}月${day}日`;
}
const dateArb = (blankWeight: number): fc.Arbitrary<DateCell> =>
  fc.oneof(
    { weight: 6, arbitrary: serialArb.map((s): DateCell => [s, s]) },
    { weight: 3, arbitrary: fc.tuple(serialArb, fc.integer({ min: 0, max: 2 })).map(([s, k]): DateCell => [dateText(s, k), s]) },
    { weight: blankWeight, arbitrary: fc.constantFrom<DateCell>([null, 0], ["", 0]) },
    { weight: 1, arbitrary: fc.constantFrom<DateCell>(["someday", -1], ["2026-02-30", -1], [true, -1]) },
  );

const HOSTILE = ["=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "\t=1", "\r=2", "客户甲", "Customer B"];

interface GenRow {
  empty: boolean;
  cells: unknown[];
  amount: Money;
  paid: Money;
}

const rowArb: fc.Arbitrary<GenRow> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<GenRow>({ empty: true, cells: HEADER.map(() => null), amount: [null, Number.NaN], paid: [null, Number.NaN] }) },
  {
    weight: 30,
    arbitrary: fc
      .record({
        contract: fc.constantFrom(...HOSTILE, "HT-1", "HT-2"),
        customer: fc.constantFrom(...HOSTILE, "长沙电业局", "", null),
        customerClass: fc.constantFrom("系统内", "A类", "B", "c类", "D类", "", null),
        region: fc.constantFrom("", "", "华中", "华南片区", "火星片区", "-2+3"),
        office: fc.constantFrom("湖南代表处", "广东", "Hubei office", "北京代表处", "不存在代表处", "", null),
        productLine: fc.constantFrom("GIS", "电容器", "=1+1", ""),
        invoice: fc.oneof(fc.constantFrom("", null), fc.integer({ min: 1, max: 40 }).map((n) => `FP${n}`)),
        invoiceType: fc.constantFrom("专票", "普票", "增值税专用发票", "收据", "", null),
        invoiceDate: dateArb(3),
        dueDate: dateArb(2),
        amount: moneyArb(1),
        paid: moneyArb(6),
        lastPayment: dateArb(8),
        lastDemand: dateArb(8),
        quality: fc.constantFrom("", "是", "否", true, false, 0, 1, "有问题", null),
        location: fc.constantFrom("湖南", "广东省", "Beijing", "火星", "", null),
      })
      .map(
        (r): GenRow => ({
          empty: false,
          amount: r.amount,
          paid: r.paid,
          cells: [
            r.contract,
            r.customer,
            r.customerClass,
            r.region,
            r.office,
            r.productLine,
            r.invoice,
            r.invoiceType,
            r.invoiceDate[0],
            r.dueDate[0],
            r.amount[0],
            r.paid[0],
            r.lastPayment[0],
            r.lastDemand[0],
            r.quality,
            r.location,
          ],
        }),
      ),
  },
);

const optionsArb = fc.record({
  basis: fc.constantFrom<"due" | "invoice">("due", "due", "invoice"),
  groupBy: fc.constantFrom<GroupKey[]>(["region"], ["region", "office"], ["customer"], ["productLine", "customerClass"], ["office", "customer"]),
  lang: fc.constantFrom<"zh" | "en">("zh", "en"),
  bucketEdges: fc.option(fc.constantFrom([0, 30, 60, 90], [0, 1, 2, 3, 400], [0]), { nil: undefined }),
});

/** What a row contributes to the input total: amount − paid, blank or unreadable as 0. */
function oracleFen(r: GenRow): number {
  const amount = r.amount[1];
  const paid = r.paid[1];
  return (Number.isFinite(amount) ? amount : 0) - (Number.isFinite(paid) ? paid : 0);
}

function sumColumn(store: AgingItems): number {
  let s = 0;
  for (let i = 0; i < store.length; i++) s += store.outstandingFen(i);
  return s;
}

function checkTotals(result: AgingResult): void {
  const r = result.reconciliation;
  expect(r.bucketsFen + r.creditsFen + r.excludedFen).toBe(r.inputFen);
  expect(sumColumn(result.items)).toBe(r.bucketsFen);
  expect(sumColumn(result.credits)).toBe(r.creditsFen);
  expect(result.excluded.reduce((s, x) => s + x.outstandingFen, 0)).toBe(r.excludedFen);
  for (let i = 0; i < result.items.length; i++) expect(result.items.outstandingFen(i)).toBeGreaterThan(0);
  for (let i = 0; i < result.credits.length; i++) expect(result.credits.outstandingFen(i)).toBeLessThan(0);
  expect(result.groups.reduce((s, g) => s + g.totalFen, 0)).toBe(r.bucketsFen);
  expect(result.groups.reduce((s, g) => s + g.count, 0)).toBe(result.items.length);
  expect(result.groups.reduce((s, g) => s + g.creditFen, 0)).toBe(r.creditsFen);
  for (const g of result.groups) expect(g.bucketFen.reduce((a, b) => a + b, 0)).toBe(g.totalFen);
  expect(result.grandTotal.bucketFen.reduce((a, b) => a + b, 0)).toBe(r.bucketsFen);
  expect(result.provision.reduce((s, l) => s + l.outstandingFen, 0)).toBe(r.bucketsFen);
  expect(result.actions.reduce((s, a) => s + a.outstandingFen, 0)).toBe(r.bucketsFen + r.creditsFen);
  expect(result.items.length + result.credits.length + result.excluded.length + r.settledRows).toBe(r.rows);
}

describe("random receivables tables reconcile to the fen", () => {
  test("input total = Σ buckets + Σ credits + Σ excluded, against an independent oracle", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 0, maxLength: 60 }), optionsArb, (genRows, options) => {
        const result = buildAging(
          { header: HEADER, rows: genRows.map((r) => r.cells), firstRowNumber: 2 },
          { asOf: AS_OF, ...options },
          rb,
        );
        const nonEmpty = genRows.filter((r) => !r.empty);
        expect(result.reconciliation.rows).toBe(nonEmpty.length);
        expect(result.reconciliation.inputFen).toBe(nonEmpty.reduce((s, r) => s + oracleFen(r), 0));
        checkTotals(result);

        // every aged item's outstanding is exactly what its row meant
        for (const store of [result.items, result.credits]) {
          for (let i = 0; i < store.length; i++) {
            const g = genRows[store.row[i] - 2];
            expect(store.outstandingFen(i)).toBe(oracleFen(g));
            expect(Number.isFinite(g.amount[1])).toBe(true);
          }
        }
        // items land in the bucket their age says
        const edges = options.bucketEdges ?? [0, 30, 90, 180, 365, 730, 1095];
        for (let i = 0; i < result.items.length; i++) {
          const days = result.items.ageDays(i);
          const expected = edges.findIndex((e) => days <= e);
          expect(result.items.bucket[i]).toBe(expected < 0 ? edges.length : expected);
        }
        // every excluded row is explained by exactly one excluded problem
        const excludedProblems = result.problems.filter((p) => p.outcome === "excluded").map((p) => p.row);
        expect(excludedProblems).toEqual(result.excluded.map((x) => x.row));
        // one report per region adds up to the whole
        const parts = splitByRegion(result, rb);
        for (const p of parts) checkTotals(p);
        expect(parts.reduce((s, p) => s + p.reconciliation.inputFen, 0)).toBe(result.reconciliation.inputFen);
        expect(parts.reduce((s, p) => s + p.reconciliation.rows, 0)).toBe(result.reconciliation.rows);
      }),
      { numRuns: 200 },
    );
  });

  test("the report states the same reconciliation and keeps every data string a plain string", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 25 }), optionsArb, (genRows, options) => {
        const result = buildAging(
          { header: HEADER, rows: genRows.map((r) => r.cells), firstRowNumber: 2 },
          { asOf: AS_OF, ...options },
          rb,
        );
        const plans = buildAgingReport(result, rb);
        const strings = planStrings(plans);
        const r = result.reconciliation;
        const line = strings.find((s) => s.includes(formatFen(r.inputFen)) && s.endsWith("✓"));
        expect(line).toBeDefined();
        expect(line).toContain(formatFen(r.bucketsFen));
        expect(line).toContain(formatFen(r.creditsFen));
        expect(line).toContain(formatFen(r.excludedFen));
        for (const p of plans) for (const b of p.blocks) for (const row of b.values) for (const v of row) expect(isFormula(v)).toBe(false);
        // hostile contract texts of aged rows reach the detail unchanged
        for (const store of [result.items, result.credits]) {
          for (let i = 0; i < store.length; i++) expect(strings).toContain(store.contract(i));
        }
      }),
      { numRuns: 60 },
    );
  });
});

// ------------------------------------------------------------------ one rule, one answer

/**
 * Random valid rulebooks (bucket edges, limitation years and the 20-year
 * bound, escalation ladders whose first step may start at 0 days, warning
 * window and basis) and random tables: every aged item's bucket, days past
 * due, action, company deadline and legal limitation date are what the
 * functions (AGINGBUCKET, LIMITDATE through the registry's evaluateCall) and
 * the rules (escalationFor, actionFor) answer for the same row and rules.
 */

interface RandomRules {
  edges: number[];
  legalYears: number;
  companyYears: number;
  maxYears: number;
  warningDays: number;
  warnOnCompany: boolean;
  ladder: { minDays: number | null; onWarning: boolean }[];
  credit: boolean;
  reverseRoutings: boolean;
}

const rulesArb: fc.Arbitrary<RandomRules> = fc.record({
  edges: fc
    .uniqueArray(fc.integer({ min: 1, max: 2000 }), { minLength: 0, maxLength: 7 })
    .chain((rest) => fc.constantFrom(0, 5).map((first) => [first, ...rest.filter((e) => e > first)].sort((a, b) => a - b))),
  legalYears: fc.integer({ min: 1, max: 10 }),
  companyYears: fc.integer({ min: 1, max: 10 }),
  maxYears: fc.integer({ min: 1, max: 25 }),
  warningDays: fc.integer({ min: 0, max: 400 }),
  warnOnCompany: fc.boolean(),
  ladder: fc
    .tuple(
      fc.constantFrom<number | null>(null, 0),
      fc.uniqueArray(fc.integer({ min: 1, max: 1500 }), { minLength: 0, maxLength: 5 }),
      fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    )
    .map(([first, rest, warn]) => [first, ...rest.sort((a, b) => a - b)].map((minDays, i) => ({ minDays, onWarning: warn[i] }))),
  credit: fc.boolean(),
  reverseRoutings: fc.boolean(),
});

function rulebookOf(r: RandomRules): Rulebook {
  const book = JSON.parse(JSON.stringify(DEFAULT_RULEBOOK)) as Rulebook;
  const rec = book.receivables;
  rec.agingBuckets = [
    ...r.edges.map((e, i) => ({ code: `b${i}`, zh: `≤${e}天`, en: `≤${e} days`, aliases: [], maxDays: e, mark: "default" as const })),
    { code: "bOpen", zh: "更久", en: "Longer", aliases: [], maxDays: null, mark: "default" as const },
  ];
  const set = (key: string, value: number | string) => (rec.settings.find((s) => s.key === key)!.value = value);
  set("limitation.legalYears", r.legalYears);
  set("limitation.companyYears", r.companyYears);
  set("limitation.maxYearsFromDue", r.maxYears);
  set("limitation.warningDays", r.warningDays);
  set("limitation.warningBasis", r.warnOnCompany ? "basis.company" : "basis.legal");
  rec.escalation = r.ladder.map((s, i) => ({
    code: `step${i}`,
    zh: `步骤${i}`,
    en: `Step ${i}`,
    minDaysPastDue: s.minDays,
    onLimitationWarning: s.onWarning,
    forCredit: false,
    chain: null,
    mark: "default" as const,
  }));
  if (r.credit) rec.escalation.push({ ...rec.escalation[0], code: "credit", minDaysPastDue: null, onLimitationWarning: false, forCredit: true });
  if (r.reverseRoutings) rec.routings.reverse();
  return book;
}

interface LawRow {
  due: number;
  invoiceDate: number;
  lastPayment: number | null;
  lastDemand: number | null;
  amount: number;
  dispute: boolean;
  unableToPay: boolean;
  office: string;
  location: string;
}

const actArb = (due: number) =>
  fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: fc.integer({ min: Math.max(1, due - 200), max: due + 3500 }) });

const lawRowArb: fc.Arbitrary<LawRow> = fc.integer({ min: AS_OF - 4000, max: AS_OF + 100 }).chain((due) =>
  fc.record({
    due: fc.constant(due),
    invoiceDate: fc.integer({ min: due - 200, max: due }),
    lastPayment: actArb(due),
    lastDemand: actArb(due),
    amount: fc.oneof(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: -50_000, max: -1 })),
    dispute: fc.boolean(),
    unableToPay: fc.boolean(),
    office: fc.constantFrom("湖南代表处", "广东代表处"),
    location: fc.constantFrom("湖南", "广东"),
  }),
);

const LAW_HEADER = ["发票号", "代表处", "开票日期", "到期日", "金额", "最近回款日", "最近催款或对账日", "质量问题", "无力支付", "客户所在地"];

/** A function's answer as a cell gets it: looked up in the registry, evaluated by the runtime. */
function answer(name: string, args: unknown[], book: Rulebook): unknown {
  const spec = functionNamed(name)!;
  const r = evaluateCall(spec, args, book);
  if ("error" in r) throw new Error(`${name}(${JSON.stringify(args)}) → ${r.error}: ${r.message}`);
  return r.value;
}

describe("one rule, one answer: the aging report agrees with the functions for random rulebooks and tables", () => {
  test("bucket, days, action, company deadline and legal limitation date of every aged item", () => {
    fc.assert(
      fc.property(rulesArb, fc.array(lawRowArb, { minLength: 1, maxLength: 30 }), fc.constantFrom<"due" | "invoice">("due", "invoice"), (r, rows, basis) => {
        const book = rulebookOf(r);
        const result = buildAging(
          {
            header: LAW_HEADER,
            rows: rows.map((x, i) => [`FP${i}`, x.office, x.invoiceDate, x.due, x.amount / 100, x.lastPayment, x.lastDemand, x.dispute ? "是" : "否", x.unableToPay, x.location]),
            firstRowNumber: 2,
          },
          { asOf: AS_OF, groupBy: ["office"], basis },
          book,
        );
        expect(result.items.length + result.credits.length).toBe(rows.length);
        for (const store of [result.items, result.credits]) {
          for (let i = 0; i < store.length; i++) {
            const x = rows[store.row[i] - 2];
            const credit = x.amount < 0;
            const legal = answer("LIMITDATE", [x.due, x.lastPayment, x.lastDemand, "legal"], book);
            const company = answer("LIMITDATE", [x.due, x.lastPayment, x.lastDemand, "company"], book);
            expect([store.legalLimitation(i), store.companyDeadline(i)]).toEqual([legal, company]);
            const daysPastDue = AS_OF - x.due;
            expect(store.daysPastDue(i)).toBe(daysPastDue);
            if (!credit) {
              const bucket = answer("AGINGBUCKET", [basis === "due" ? x.due : x.invoiceDate, AS_OF], book);
              expect(result.buckets[store.bucket[i]].zh).toBe(bucket);
            }
            const warning = (r.warnOnCompany ? (company as number) : (legal as number)) - AS_OF <= r.warningDays;
            const crossRegion = (x.office === "湖南代表处") !== (x.location === "湖南");
            const expected = actionFor(book, {
              daysPastDue,
              limitationWarning: warning,
              credit,
              unableToPay: x.unableToPay,
              qualityDispute: x.dispute,
              crossRegion,
            });
            expect(store.step(i).code).toBe(expected.code);
            if (!credit && !x.unableToPay && !x.dispute && !crossRegion) expect(store.step(i)).toBe(escalationFor(book, daysPastDue, warning));
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

import { LtcError } from "../../src/rules/errors";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";
import { escalationFor } from "../../src/rules/receivables";
import { serialFromYmd } from "../../src/rules/values";
import {
  AGING_FLAG,
  AgingItem,
  AgingOptions,
  AgingResult,
  buildAging,
  flagNames,
  GroupKey,
  splitByRegion,
} from "../../src/reports/aging";
import { FormulaWithoutValue, RawTable } from "../../src/reports/table";

const rb = DEFAULT_RULEBOOK;
const copy = (): Rulebook => JSON.parse(JSON.stringify(DEFAULT_RULEBOOK)) as Rulebook;
const d = (y: number, m: number, day: number) => serialFromYmd(y, m, day);
const AS_OF = d(2026, 11, 30);

const KEYS = [
  "contract",
  "customer",
  "customerClass",
  "region",
  "office",
  "productLine",
  "invoice",
  "invoiceType",
  "invoiceDate",
  "dueDate",
  "amount",
  "paid",
  "lastPayment",
  "lastDemand",
  "qualityDispute",
  "location",
] as const;
type Key = (typeof KEYS)[number];
const HEADER_ZH = ["合同号", "客户", "客户分类", "片区", "代表处", "产线", "发票号", "发票类型", "开票日期", "到期日", "金额", "已回款", "最近回款日", "最近催款或对账日", "质量问题", "客户所在地"];

let invoiceCounter = 0;
/** A row in header order; every key not given is a sensible default (unique invoice, 湖南 office and customer). */
function row(r: Partial<Record<Key, unknown>>): unknown[] {
  const defaults: Partial<Record<Key, unknown>> = {
    contract: "HT-1",
    customer: "湖南客户",
    customerClass: "B类",
    office: "湖南代表处",
    productLine: "GIS",
    invoice: `FP-${++invoiceCounter}`,
    location: "湖南",
  };
  return KEYS.map((k) => (k in r ? r[k] : (defaults[k] ?? null)));
}

function table(rows: unknown[][], header: unknown[] = HEADER_ZH): RawTable {
  return { header, rows, firstRowNumber: 2, source: "应收!A1" };
}

function age(t: RawTable, options: Partial<AgingOptions> = {}, rulebook: Rulebook = rb): AgingResult {
  return buildAging(t, { asOf: AS_OF, groupBy: ["region"], ...options }, rulebook);
}

function itemAt(result: AgingResult, rowNumber: number): AgingItem {
  for (const store of [result.items, result.credits]) {
    for (let i = 0; i < store.length; i++) if (store.row[i] === rowNumber) return store.get(i);
  }
  throw new Error(`no item for row ${rowNumber}`);
}

function errorOf(fn: () => unknown): LtcError {
  try {
    fn();
  } catch (e) {
    if (e instanceof LtcError) return e;
    throw e;
  }
  throw new Error("expected an LtcError");
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

// ------------------------------------------------------------------ every bucket edge

describe("bucket edges, exact to the fen", () => {
  // [days past due, amount as typed, fen, bucket index, action code]
  const EDGES: [number, unknown, number, number, string][] = [
    [-5, 1000.01, 100001, 0, "action.followUp"],
    [0, "2,000.02", 200002, 0, "action.followUp"],
    [1, "¥3,000.03", 300003, 1, "action.remind"],
    [30, "４,０００.０４", 400004, 1, "action.remind"],
    [31, "5000.05元", 500005, 2, "action.dunning"],
    [90, " 6000.06 ", 600006, 2, "action.dunning"],
    [91, 7000.07, 700007, 3, "action.director"],
    [180, "￥8,000.08", 800008, 3, "action.director"],
    [181, 9000.09, 900009, 4, "action.lawyerLetter"],
    [365, "10000.1", 1000010, 4, "action.lawyerLetter"],
    [366, 11000.11, 1100011, 5, "action.litigation"],
    [730, "12,000.12", 1200012, 5, "action.litigation"],
    [731, 13000.13, 1300013, 6, "action.litigation"],
    [1095, 14000.14, 1400014, 6, "action.litigation"],
    [1096, 15000.15, 1500015, 7, "action.litigation"],
    [4000, "16,000.16", 1600016, 7, "action.litigation"],
  ];
  const t = table(EDGES.map(([days, amount]) => row({ dueDate: AS_OF - days, amount })));
  const result = age(t);

  test.each(EDGES.map((e, i) => [i + 2, ...e] as const))(
    "row %i: %i days past due, amount %p → %i fen in bucket %i, %s",
    (rowNumber, days, _amount, fen, bucket, action) => {
      const item = itemAt(result, rowNumber);
      expect(item.daysPastDue).toBe(days);
      expect(item.outstandingFen).toBe(fen);
      expect(item.bucket).toBe(bucket);
      expect(item.action.code).toBe(action);
    },
  );

  test("bucket totals, the grand total and the reconciliation are exact in fen", () => {
    const expected = [0, 1, 2, 3, 4, 5, 6, 7].map((b) => sum(EDGES.filter((e) => e[3] === b).map((e) => e[2])));
    expect(result.grandTotal.bucketFen).toEqual(expected);
    expect(result.grandTotal.totalFen).toBe(sum(EDGES.map((e) => e[2])));
    expect(result.groups).toHaveLength(1);
    expect(result.groups[0]).toMatchObject({ keys: ["华中片区"], label: "华中片区", bucketFen: expected, count: 16, share: 1 });
    expect(result.reconciliation).toEqual({
      inputFen: 13600136,
      bucketsFen: 13600136,
      creditsFen: 0,
      excludedFen: 0,
      rows: 16,
      settledRows: 0,
    });
    expect(result.problems).toEqual([]);
  });

  test("the buckets carry the rulebook's labels in the result's language", () => {
    expect(result.buckets.map((b) => b.label)).toEqual(["未到期", "1-30天", "31-90天", "91-180天", "181-365天", "1-2年", "2-3年", "3年以上"]);
    const en = age(t, { lang: "en" });
    expect(en.buckets.map((b) => b.label)).toEqual([
      "Not due",
      "1-30 days",
      "31-90 days",
      "91-180 days",
      "181-365 days",
      "1-2 years",
      "2-3 years",
      "Over 3 years",
    ]);
    expect(en.groups[0].label).toBe("Central China region");
  });

  test("provision per age band (rates are data) is exact: each band total × rate, rounded once", () => {
    // bands by days: ≤365 5%, ≤730 10%, ≤1095 30%, ≤1460 50%, ≤1825 80%, over 100%
    const bandTotals = [
      sum(EDGES.filter((e) => e[0] <= 365).map((e) => e[2])),
      sum(EDGES.filter((e) => e[0] > 365 && e[0] <= 730).map((e) => e[2])),
      sum(EDGES.filter((e) => e[0] > 730 && e[0] <= 1095).map((e) => e[2])),
      sum(EDGES.filter((e) => e[0] > 1095 && e[0] <= 1460).map((e) => e[2])),
      0,
      sum(EDGES.filter((e) => e[0] > 1825).map((e) => e[2])),
    ];
    expect(result.provision.map((l) => l.outstandingFen)).toEqual(bandTotals);
    expect(bandTotals).toEqual([5500055, 2300023, 2700027, 1500015, 0, 1600016]);
    // 5% of 5,500,055 fen = 275,002.75 → 275,003; 10% of 2,300,023 = 230,002.3 → 230,002; …
    expect(result.provision.map((l) => l.provisionFen)).toEqual([275003, 230002, 810008, 750008, 0, 1600016]);
    expect(result.provisionTotalFen).toBe(275003 + 230002 + 810008 + 750008 + 1600016);
    expect(result.provision.map((l) => l.count)).toEqual([10, 2, 2, 1, 0, 1]);
  });

  test("the actions summary counts every item under its ladder step", () => {
    const byCode = Object.fromEntries(result.actions.map((a) => [a.step.code, [a.count, a.outstandingFen]]));
    expect(byCode).toEqual({
      "action.followUp": [2, 300003],
      "action.remind": [2, 700007],
      "action.dunning": [2, 1100011],
      "action.director": [2, 1500015],
      "action.lawyerLetter": [2, 1900019],
      "action.litigation": [6, 8100081],
      "action.credit": [0, 0],
      "route.unableToPay": [0, 0],
      "route.qualityDispute": [0, 0],
      "route.crossRegion": [0, 0],
    });
  });

  test("custom bucket edges replace the rulebook's for one report", () => {
    const r = age(t, { bucketEdges: [0, 60, 120] });
    expect(r.buckets.map((b) => b.label)).toEqual(["未到期", "1-60天", "61-120天", "120天以上"]);
    expect(r.grandTotal.bucketFen).toEqual([300003, 1200012, 1300013, 10800108]);
    expect(itemAt(r, 6).bucket).toBe(1); // 31 days
    expect(itemAt(r, 7).bucket).toBe(2); // 90 days
    expect(itemAt(r, 11).bucket).toBe(3); // 181 days
  });

  test("edited rulebook buckets change the aging: the edges are data", () => {
    const changed = copy();
    changed.receivables.agingBuckets[1].maxDays = 31;
    changed.receivables.agingBuckets[1].zh = "1-31天";
    const r = age(t, {}, changed);
    expect(r.buckets[1].label).toBe("1-31天");
    expect(itemAt(r, 6).bucket).toBe(1); // 31 days
    expect(r.buckets[2].fromDays).toBe(32);
  });
});

describe("one ladder for the report and escalationFor", () => {
  const rows = [row({ dueDate: AS_OF + 10, amount: 1 }), row({ dueDate: AS_OF, amount: 1 }), row({ dueDate: AS_OF - 1, amount: 1 })];
  const withFirstStep = (minDaysPastDue: number): Rulebook => {
    const changed = copy();
    changed.receivables.escalation.find((s) => s.code === "action.followUp")!.minDaysPastDue = minDaysPastDue;
    return changed;
  };

  test("a first step starting at 0 days holds every item not yet overdue, in both", () => {
    const changed = withFirstStep(0);
    const r = age(table(rows), {}, changed);
    expect([2, 3, 4].map((n) => itemAt(r, n).action.code)).toEqual(["action.followUp", "action.followUp", "action.remind"]);
    expect([-10, 0, 1].map((days) => escalationFor(changed, days, false).code)).toEqual(["action.followUp", "action.followUp", "action.remind"]);
  });

  test("a first step starting later leaves items without a step: #N/A naming the row, in both", () => {
    const changed = withFirstStep(5);
    const message =
      "receivables.escalation row action.followUp: the ladder's first step must start at 0 days past due (or be blank), " +
      "so that items not yet overdue have a step; it starts at 5";
    expect(errorOf(() => age(table(rows), {}, changed))).toMatchObject({ code: "#N/A", message });
    expect(errorOf(() => escalationFor(changed, 10, false))).toMatchObject({ code: "#N/A", message });
  });
});

// ------------------------------------------------------------------ every flag

describe("flags", () => {
  const rows = [
    /* 2 */ row({ dueDate: d(2023, 6, 30), lastDemand: d(2024, 2, 28), amount: 100 }), // legal 2027-02-28: 90 days left
    /* 3 */ row({ dueDate: d(2023, 6, 30), lastPayment: d(2024, 3, 1), amount: 100 }), // legal 2027-03-01: 91 days left
    /* 4 */ row({ dueDate: d(2023, 11, 30), amount: 100 }), // legal 2026-11-30: 0 days left
    /* 5 */ row({ dueDate: d(2023, 11, 29), amount: 100 }), // legal 2026-11-29: expired
    /* 6 */ row({ dueDate: d(2024, 11, 30), amount: 100 }), // company 2026-11-30: not yet passed
    /* 7 */ row({ dueDate: d(2024, 11, 29), amount: 100 }), // company 2026-11-29: passed
    /* 8 */ row({ dueDate: AS_OF - 10, amount: 100, qualityDispute: "是" }),
    /* 9 */ row({ dueDate: AS_OF - 10, amount: 100, qualityDispute: "有质量问题：电容器鼓包" }),
    /* 10 */ row({ dueDate: AS_OF - 10, amount: 100, qualityDispute: true }),
    /* 11 */ row({ dueDate: AS_OF - 10, amount: 100, qualityDispute: "否" }),
    /* 12 */ row({ dueDate: AS_OF - 10, amount: 100, qualityDispute: "無" }),
    /* 13 */ row({ dueDate: AS_OF - 10, amount: 100, qualityDispute: 0 }),
    /* 14 */ row({ dueDate: AS_OF - 10, amount: 100, location: "广东省" }),
    /* 15 */ row({ dueDate: AS_OF - 10, amount: 100, location: "Hunan" }),
    /* 16 */ row({ dueDate: AS_OF - 10, amount: 100, office: null, region: "华中", location: "廣東" }),
    /* 17 */ row({ dueDate: AS_OF - 10, amount: 100, location: "华中片区" }),
    /* 18 */ row({ dueDate: AS_OF - 10, amount: 100, paid: 150 }),
    /* 19 */ row({ dueDate: AS_OF - 10, amount: -80 }),
    /* 20 */ row({ dueDate: d(2016, 7, 1), invoiceDate: d(2016, 6, 1), invoiceType: "专票", amount: 100 }),
    /* 21 */ row({ dueDate: d(2017, 2, 1), invoiceDate: d(2017, 1, 1), invoiceType: "增值税专用发票", amount: 100 }),
    /* 22 */ row({ dueDate: AS_OF - 10, invoiceDate: AS_OF - 100, invoiceType: "VAT special invoice", amount: 100 }),
    /* 23 */ row({ dueDate: d(2015, 6, 1), invoiceDate: d(2015, 5, 1), invoiceType: "普票", amount: 100 }),
    /* 24 */ row({ dueDate: null, invoiceDate: AS_OF - 40, amount: 100 }),
  ];
  const result = age(table(rows));
  const flagsOf = (r: number) => flagNames(itemAt(result, r).flags);

  test.each([
    [2, ["limitationSoon", "companyDeadlinePassed"], 90],
    [3, ["companyDeadlinePassed"], 91],
    [4, ["limitationSoon", "companyDeadlinePassed"], 0],
    [5, ["expired", "companyDeadlinePassed"], -1],
    [6, [], 365],
    [7, ["companyDeadlinePassed"], 364],
  ])("row %i: limitation flags %p, %i days left", (r, flags, daysLeft) => {
    expect(flagsOf(r)).toEqual(flags);
    expect(itemAt(result, r).daysLeft).toBe(daysLeft);
  });

  test("limitation dates: company 2 years and legal 3 years from the latest of due, last payment, last demand", () => {
    expect(itemAt(result, 2)).toMatchObject({ limitationStart: d(2024, 2, 28), companyDeadline: d(2026, 2, 28), legalLimitation: d(2027, 2, 28) });
    expect(itemAt(result, 3)).toMatchObject({ limitationStart: d(2024, 3, 1), companyDeadline: d(2026, 3, 1), legalLimitation: d(2027, 3, 1) });
    expect(itemAt(result, 6)).toMatchObject({ limitationStart: d(2024, 11, 30), companyDeadline: d(2026, 11, 30), legalLimitation: d(2027, 11, 30) });
  });

  test("limitation within the window or expired escalates to the litigation step", () => {
    expect(itemAt(result, 2).action.code).toBe("action.litigation");
    expect(itemAt(result, 5).action.code).toBe("action.litigation");
    // with the litigation step moved beyond these items' days past due, only the warning still picks it
    const changed = copy();
    changed.receivables.escalation.find((s) => s.code === "action.litigation")!.minDaysPastDue = 5000;
    const r = age(table(rows), {}, changed);
    expect(itemAt(r, 2).action.code).toBe("action.litigation");
    expect(itemAt(r, 3).action.code).toBe("action.lawyerLetter");
    expect(itemAt(r, 3).action.chain).toBe("chain.lawyerLetter");
  });

  test("the warning window and its basis are data", () => {
    const changed = copy();
    changed.receivables.settings.find((s) => s.key === "limitation.warningDays")!.value = 91;
    expect(flagNames(itemAt(age(table(rows), {}, changed), 3).flags)).toContain("limitationSoon");
    const company = copy();
    company.receivables.settings.find((s) => s.key === "limitation.warningBasis")!.value = "basis.company";
    const r = age(table(rows), {}, company);
    expect(itemAt(r, 6).daysLeft).toBe(0);
    expect(flagNames(itemAt(r, 6).flags)).toEqual(["limitationSoon"]);
    expect(flagNames(itemAt(r, 7).flags)).toEqual(["expired", "companyDeadlinePassed"]);
    expect(r.settings.warningBasis).toBe("basis.company");
  });

  test.each([
    [8, true],
    [9, true],
    [10, true],
    [11, false],
    [12, false],
    [13, false],
  ])("row %i: quality dispute %p", (r, dispute) => {
    expect((itemAt(result, r).flags & AGING_FLAG.qualityDispute) !== 0).toBe(dispute);
  });

  test.each([
    [14, true], // 湖南代表处 (华中) vs 广东省 (华南)
    [15, false], // Hunan is 湖南
    [16, true], // no office: the 片区 column 华中 vs 廣東 (traditional)
    [17, false], // a region name as location
  ])("row %i: cross-region %p", (r, cross) => {
    expect((itemAt(result, r).flags & AGING_FLAG.crossRegion) !== 0).toBe(cross);
  });

  test("credits: an overpayment and a credit note are kept as credit balances, never dropped", () => {
    expect(result.credits.length).toBe(2);
    expect(itemAt(result, 18)).toMatchObject({ outstandingFen: -5000, bucket: -1, flags: AGING_FLAG.credit });
    expect(itemAt(result, 18).action.code).toBe("action.credit");
    expect(itemAt(result, 19)).toMatchObject({ amountFen: -8000, outstandingFen: -8000, flags: AGING_FLAG.credit });
    expect(result.grandTotal.creditFen).toBe(-13000);
    expect(result.grandTotal.creditCount).toBe(2);
    expect(result.reconciliation.creditsFen).toBe(-13000);
    expect(result.problems.map((p) => [p.row, p.code, p.outcome])).toContainEqual([18, "paid.overInvoiced", "kept"]);
    expect(result.problems.some((p) => p.row === 19)).toBe(false);
  });

  test("the VAT certification rule shows only where it applies (special invoices issued before 2017-01-01)", () => {
    expect(flagsOf(20)).toEqual(expect.arrayContaining(["vatCertification", "vatCertificationPassed"]));
    expect(itemAt(result, 20).vatCertifyBy).toBe(d(2016, 6, 1) + 180);
    for (const r of [21, 22, 23]) {
      expect(itemAt(result, r).vatCertifyBy).toBeNull();
      expect(itemAt(result, r).flags & (AGING_FLAG.vatCertification | AGING_FLAG.vatCertificationPassed)).toBe(0);
    }
    expect(itemAt(result, 22).invoiceType).toBe("增值税专用发票");
    expect(itemAt(result, 23).invoiceType).toBe("增值税普通发票");
  });

  test("a missing due date is derived from the invoice date and the default terms (data)", () => {
    expect(itemAt(result, 24)).toMatchObject({ dueDate: AS_OF - 10, daysPastDue: 10, flags: AGING_FLAG.dueDerived });
    const changed = copy();
    changed.receivables.settings.find((s) => s.key === "terms.defaultDays")!.value = 60;
    expect(itemAt(age(table(rows), {}, changed), 24).dueDate).toBe(AS_OF + 20);
  });
});

// ------------------------------------------------------------------ routings (spec §13)

describe("routed receivables: unable to pay, quality dispute, cross-region before the day-count ladder", () => {
  // [row cells, the unable-to-pay cell]
  const cases: [unknown[], unknown][] = [
    /* 2 */ [row({ dueDate: AS_OF - 10, amount: 100 }), "经营异常"],
    /* 3 */ [row({ dueDate: AS_OF - 10, amount: 100 }), true],
    /* 4 */ [row({ dueDate: AS_OF - 10, amount: 100 }), "否"],
    /* 5 */ [row({ dueDate: AS_OF - 400, amount: 100, qualityDispute: "电容器鼓包" }), null],
    /* 6 */ [row({ dueDate: AS_OF - 400, amount: 100, location: "广东" }), ""],
    /* 7 */ [row({ dueDate: AS_OF - 10, amount: 100, qualityDispute: "是", location: "广东" }), "是"],
    /* 8 */ [row({ dueDate: AS_OF - 10, amount: 100, qualityDispute: "是", location: "广东" }), null],
    /* 9 */ [row({ dueDate: AS_OF - 10, amount: -100, qualityDispute: "是" }), "是"],
    /* 10 */ [row({ dueDate: AS_OF - 400, amount: 100 }), 0],
  ];
  const header = [...HEADER_ZH, "经营异常"];
  const result = age(table(cases.map(([cells, unable]) => [...cells, unable]), header));

  test.each([
    [2, "route.unableToPay", "chain.lawyerLetter", ["unableToPay"]],
    [3, "route.unableToPay", "chain.lawyerLetter", ["unableToPay"]],
    [4, "action.remind", null, []],
    [5, "route.qualityDispute", null, ["qualityDispute"]],
    [6, "route.crossRegion", null, ["crossRegion"]],
    [7, "route.unableToPay", "chain.lawyerLetter", ["qualityDispute", "crossRegion", "unableToPay"]],
    [8, "route.qualityDispute", null, ["qualityDispute", "crossRegion"]],
    [9, "action.credit", null, ["qualityDispute", "credit", "unableToPay"]],
    [10, "action.litigation", "chain.litigation", []],
  ])("row %i → %s (chain %p), flags %p", (r, code, chain, flags) => {
    expect(itemAt(result, r).action.code).toBe(code);
    expect(itemAt(result, r).action.chain).toBe(chain);
    expect(flagNames(itemAt(result, r).flags).filter((f) => ["qualityDispute", "crossRegion", "unableToPay", "credit"].includes(f))).toEqual(flags);
  });

  test("the routings are rulebook data: their order decides, and without one an item follows the ladder", () => {
    const reordered = copy();
    reordered.receivables.routings = [...reordered.receivables.routings].reverse();
    const r = age(table(cases.map(([cells, unable]) => [...cells, unable]), header), {}, reordered);
    expect(itemAt(r, 7).action.code).toBe("route.crossRegion");
    const without = copy();
    without.receivables.routings = without.receivables.routings.filter((x) => x.when !== "qualityDispute");
    expect(itemAt(age(table(cases.map(([cells, unable]) => [...cells, unable]), header), {}, without), 5).action.code).toBe("action.litigation");
  });

  test("the unable-to-pay column is found by its aliases", () => {
    for (const h of ["无力支付", "无力付款", "經營異常", "Unable to pay", "insolvent"]) {
      const r = age(table([[...row({ dueDate: AS_OF, amount: 1 }), "是"]], [...HEADER_ZH, h]));
      expect(itemAt(r, 2).action.code).toBe("route.unableToPay");
    }
  });
});

// ------------------------------------------------------------------ the law on limitation

describe("limitation as the law has it (Civil Code arts. 188, 195; SPC provisions art. 19)", () => {
  const rows = [
    /* 2 */ row({ dueDate: d(2020, 3, 5), lastPayment: d(2022, 3, 1), amount: 100 }), // paid while running: restarts to 2025-03-01
    /* 3 */ row({ dueDate: d(2020, 3, 5), lastPayment: d(2023, 3, 6), amount: 100 }), // paid a day after it ran out (2023-03-05)
    /* 4 */ row({ dueDate: d(2020, 3, 5), lastDemand: d(2023, 3, 5), amount: 100 }), // a letter on the last day still counts
    /* 5 */ row({ dueDate: d(2018, 1, 10), lastPayment: d(2020, 6, 1), lastDemand: d(2024, 1, 1), amount: 100 }), // letter after the restarted period
    /* 6 */ row({ dueDate: d(2018, 1, 10), lastDemand: d(2020, 6, 1), lastPayment: d(2023, 5, 1), amount: 100 }), // both in time, one after the other
  ];
  const result = age(table(rows));

  test.each([
    // [row, legal, company, limitation start, lapsed flag]
    [2, d(2025, 3, 1), d(2024, 3, 1), d(2022, 3, 1), false],
    [3, d(2023, 3, 5), d(2022, 3, 5), d(2020, 3, 5), true],
    [4, d(2026, 3, 5), d(2022, 3, 5), d(2023, 3, 5), false],
    [5, d(2023, 6, 1), d(2020, 1, 10), d(2020, 6, 1), true], // company: the 2020 payment came after its 2-year deadline
    [6, d(2026, 5, 1), d(2020, 1, 10), d(2023, 5, 1), false],
  ])("row %i: legal %i, company %i, from %i, lapsed %p", (r, legal, company, start, lapsed) => {
    expect(itemAt(result, r)).toMatchObject({ legalLimitation: legal, companyDeadline: company, limitationStart: start });
    expect((itemAt(result, r).flags & AGING_FLAG.lapsedBeforeLaterAct) !== 0).toBe(lapsed);
  });

  test("the company deadline follows the same law: a letter after it passed does not extend it", () => {
    // row 4: the company deadline ran out 2022-03-05, before the 2023 letter; row 6: the 2023 payment came after 2022-06-01
    expect(flagNames(itemAt(result, 4).flags)).toContain("companyDeadlinePassed");
    expect(flagNames(itemAt(result, 6).flags)).toContain("companyDeadlinePassed");
  });

  test("no period ends more than limitation.maxYearsFromDue (data, 20 years) after the due date", () => {
    const withYears = (legalYears: number, maxYears: number): Rulebook => {
      const changed = copy();
      changed.receivables.settings.find((s) => s.key === "limitation.legalYears")!.value = legalYears;
      changed.receivables.settings.find((s) => s.key === "limitation.maxYearsFromDue")!.value = maxYears;
      return changed;
    };
    // 10-year periods: 2000 → 2010, restarted 2009 → 2019, restarted 2018 → 2028, bounded at 2020
    const long = [row({ dueDate: d(2000, 1, 10), lastPayment: d(2009, 6, 1), lastDemand: d(2018, 6, 1), amount: 100 })];
    const bounded = itemAt(age(table(long), {}, withYears(10, 20)), 2);
    expect(bounded.legalLimitation).toBe(d(2020, 1, 10));
    expect(bounded.flags & AGING_FLAG.lapsedBeforeLaterAct).toBe(0);
    const r = itemAt(age(table(long), {}, withYears(10, 15)), 2);
    expect(r.legalLimitation).toBe(d(2015, 1, 10));
    // the 2018 letter came after the 15-year bound: flagged
    expect(r.flags & AGING_FLAG.lapsedBeforeLaterAct).toBe(AGING_FLAG.lapsedBeforeLaterAct);
  });
});

// ------------------------------------------------------------------ every data issue

describe("data issues: every problem says excluded, corrected or kept, and the totals still reconcile", () => {
  const rows = [
    /* 2 */ row({ dueDate: AS_OF - 10, amount: 1000, invoice: "DUP-1" }),
    /* 3 */ row({ dueDate: AS_OF - 10, amount: null, paid: 10 }),
    /* 4 */ row({ dueDate: AS_OF - 10, amount: "12.345" }),
    /* 5 */ row({ dueDate: AS_OF - 10, amount: "abc", paid: "5" }),
    /* 6 */ row({ dueDate: AS_OF - 10, amount: 300, paid: "n/a" }),
    /* 7 */ row({ dueDate: AS_OF - 10, amount: 200, paid: 250.5 }),
    /* 8 */ row({ dueDate: AS_OF - 20, amount: 400, invoice: " DUP-1 " }),
    /* 9 */ row({ dueDate: "", invoiceDate: AS_OF - 100, amount: 500 }),
    /* 10 */ row({ dueDate: "2026-02-30", invoiceDate: "2026/8/1", amount: 600 }),
    /* 11 */ row({ dueDate: null, invoiceDate: null, amount: 700, paid: 100 }),
    /* 12 */ row({ dueDate: AS_OF - 10, invoiceDate: "someday", amount: 800 }),
    /* 13 */ row({ dueDate: AS_OF - 400, lastPayment: "last week", amount: 900 }),
    /* 14 */ row({ dueDate: AS_OF - 400, lastDemand: "对账函", amount: 1000.5 }),
    /* 15 */ row({ dueDate: AS_OF - 10, customerClass: "D类", amount: 1100 }),
    /* 16 */ row({ dueDate: AS_OF - 10, invoiceType: "收据", amount: 1200 }),
    /* 17 */ row({ dueDate: AS_OF - 10, location: "火星", amount: 1300 }),
    /* 18 */ KEYS.map(() => null),
    /* 19 */ KEYS.map(() => "  "),
    /* 20 */ row({ dueDate: AS_OF - 10, amount: 1400, paid: "1,400.00" }),
    /* 21 */ row({ dueDate: "bad", amount: 0, paid: 0 }),
  ];
  const result = age(table(rows));

  test("each problem: row, column as the table names it, value, code, outcome", () => {
    expect(result.problems.map((p) => [p.row, p.column?.zh, p.value, p.code, p.outcome])).toEqual([
      [3, "金额", null, "amount.blank", "excluded"],
      [4, "金额", "12.345", "amount.unreadable", "excluded"],
      [5, "金额", "abc", "amount.unreadable", "excluded"],
      [6, "已回款", "n/a", "paid.unreadable", "excluded"],
      [7, "已回款", 250.5, "paid.overInvoiced", "kept"],
      [8, "发票号", " DUP-1 ", "invoice.duplicate", "excluded"],
      [9, "到期日", "", "dueDate.blank", "corrected"],
      [10, "到期日", "2026-02-30", "dueDate.unreadable", "corrected"],
      [11, "到期日", null, "dates.missing", "excluded"],
      [12, "开票日期", "someday", "invoiceDate.unreadable", "corrected"],
      [13, "最近回款日", "last week", "lastPayment.unreadable", "corrected"],
      [14, "最近催款或对账日", "对账函", "lastDemand.unreadable", "corrected"],
      [15, "客户分类", "D类", "class.unknown", "kept"],
      [16, "发票类型", "收据", "invoiceType.unknown", "kept"],
      [17, "客户所在地", "火星", "location.unknown", "kept"],
    ]);
  });

  test("reasons and what was done are plain words in the result's language, with amounts to the fen", () => {
    const byRow = (r: number) => result.problems.find((p) => p.row === r)!;
    expect(byRow(3).reason.zh).toBe("金额为空");
    expect(byRow(3).how.zh).toBe("该行未计入账龄（未回款 -10.00 计入“剔除行”）");
    expect(byRow(7).how.zh).toBe("保留为贷方余额 -50.50（不计入账龄）");
    expect(byRow(8).reason.zh).toBe("发票号重复（首次出现在第2行）");
    expect(byRow(9).how.zh).toBe("已更正：到期日按开票日期 + 30天 = 2026-09-21");
    expect(byRow(10).how.zh).toBe("已更正：到期日按开票日期 + 30天 = 2026-08-31");
    expect(byRow(15).reason.en).toBe("unknown customer class (expected In-system, Class A (out-of-system), Class B, Class C)");
    expect(byRow(3).reason.en).toBe("amount is blank");
    expect(byRow(3).how.en).toBe("row excluded from the aging (outstanding -10.00 counted as excluded)");
  });

  test("excluded rows carry their amount − paid as read (unreadable cells as 0)", () => {
    expect(result.excluded.map((x) => [x.row, x.outstandingFen])).toEqual([
      [3, -1000],
      [4, 0],
      [5, -500],
      [6, 30000],
      [8, 40000],
      [11, 60000],
    ]);
  });

  test("the reconciliation holds to the fen and counts rows read and fully paid", () => {
    const open = 100000 + 50000 + 60000 + 80000 + 90000 + 100050 + 110000 + 120000 + 130000;
    expect(result.reconciliation).toEqual({
      inputFen: open - 5050 + (-1000 + 0 - 500 + 30000 + 40000 + 60000),
      bucketsFen: open,
      creditsFen: -5050,
      excludedFen: -1000 + 0 - 500 + 30000 + 40000 + 60000,
      rows: 18, // rows 18 and 19 are empty: skipped, not counted
      settledRows: 2, // rows 20 and 21: fully paid; row 21's unreadable due date does not matter
    });
  });

  test("kept rows are aged as the problem says: unknown class unclassified, unreadable dates ignored", () => {
    expect(itemAt(result, 15)).toMatchObject({ customerClass: "?", customerClassText: "D类" });
    expect(itemAt(result, 12)).toMatchObject({ invoiceDate: null, dueDate: AS_OF - 10 });
    expect(itemAt(result, 13)).toMatchObject({ lastPayment: null, limitationStart: AS_OF - 400 });
    expect(itemAt(result, 14)).toMatchObject({ lastDemand: null, outstandingFen: 100050 });
    expect(itemAt(result, 17).flags & AGING_FLAG.crossRegion).toBe(0);
    const byClass = age(table(rows), { groupBy: ["customerClass"] });
    expect(byClass.groups.map((g) => [g.label, g.count])).toEqual([
      ["B类", 8],
      ["未分类", 1],
    ]);
  });

  test("with the invoice-date basis a row without a readable invoice date is excluded", () => {
    const r = age(table([row({ dueDate: AS_OF - 10, invoiceDate: null, amount: 1 }), row({ dueDate: AS_OF, invoiceDate: "x", amount: 2 })]), {
      basis: "invoice",
    });
    expect(r.problems.map((p) => [p.row, p.code, p.outcome])).toEqual([
      [2, "invoiceDate.blank", "excluded"],
      [3, "invoiceDate.unreadable", "excluded"],
    ]);
    expect(r.reconciliation.excludedFen).toBe(300);
  });
});

// ------------------------------------------------------------------ basis, grouping, headers, options

describe("options", () => {
  test("invoice-date basis ages by days since invoice; the ladder still uses days past due", () => {
    const t = table([row({ invoiceDate: AS_OF - 100, dueDate: AS_OF - 10, amount: 1 })]);
    const r = age(t, { basis: "invoice" });
    expect(itemAt(r, 2)).toMatchObject({ ageDays: 100, daysPastDue: 10, bucket: 3 });
    expect(itemAt(r, 2).action.code).toBe("action.remind");
    expect(r.provision[0].count).toBe(1);
  });

  test("a table without a due-date column derives every due date and says so once", () => {
    const header = HEADER_ZH.filter((h) => h !== "到期日");
    const rows = [row({ invoiceDate: AS_OF - 45, amount: 5 })].map((r) => r.filter((_, i) => HEADER_ZH[i] !== "到期日"));
    const r = age(table(rows, header));
    expect(itemAt(r, 2).daysPastDue).toBe(15);
    expect(r.problems).toEqual([]);
    expect(r.notes[0].zh).toContain("开票日期 + 30天");
  });

  test("headers are found by Chinese, traditional and English aliases, with units in brackets", () => {
    const header = ["Contract No.", "客戶名稱", "Class", "Region", "辦事處", "產品線", "Invoice number", "票种", "發票日期", "Due date", "金额(元)", "已收款", "Last payment date", "Last demand", "Dispute", "Location"];
    const r = age(table([row({ dueDate: AS_OF - 5, amount: "1,000", paid: 1, location: "广东" })], header));
    expect(itemAt(r, 2)).toMatchObject({ outstandingFen: 99900, office: "湖南代表处", customer: "湖南客户", customerClassText: "B类" });
    expect(itemAt(r, 2).flags & AGING_FLAG.crossRegion).toBe(AGING_FLAG.crossRegion);
  });

  test.each([
    [{ asOf: null }, "asOf"],
    [{ asOf: "someday" }, "asOf"],
    [{ basis: "posting" }, "basis"],
    [{ groupBy: [] }, "groupBy"],
    [{ groupBy: ["region", "office", "customer"] }, "groupBy"],
    [{ groupBy: ["region", "region"] }, "groupBy"],
    [{ groupBy: ["province"] }, "groupBy"],
    [{ lang: "fr" }, "lang"],
    [{ bucketEdges: [10, 20] }, "bucketEdges"],
  ])("bad option %p → #VALUE! naming %s", (option, name) => {
    const e = errorOf(() => age(table([row({ dueDate: AS_OF, amount: 1 })]), option as Partial<AgingOptions>));
    expect(e.code).toBe("#VALUE!");
    expect(e.message.startsWith(name)).toBe(true);
  });

  test("missing columns are one clear #VALUE! naming them and their accepted headers", () => {
    expect(errorOf(() => age(table([[1]], ["客户"]))).message).toMatch(/金额 \(Amount\); accepted headers: 金额, Amount, 发票金额/);
    expect(errorOf(() => age(table([[1]], ["金额"]))).message).toMatch(/no column for 到期日 \(Due date\) and none for 开票日期/);
    expect(errorOf(() => age(table([[1, AS_OF]], ["金额", "到期日"]), { basis: "invoice" })).message).toMatch(/开票日期 \(Invoice date\)/);
    const e = errorOf(() => age(table([[1, AS_OF]], ["金额", "到期日"]), { groupBy: ["customer"] }));
    expect(e.message).toMatch(/^groupBy: the table has no column for 客户 \(Customer\)/);
  });

  test("a region can be derived from the office column when there is no 片区 column", () => {
    const header = HEADER_ZH.filter((h) => h !== "片区");
    const rows = [row({ dueDate: AS_OF, amount: 1, office: "广东" })].map((r) => r.filter((_, i) => HEADER_ZH[i] !== "片区"));
    expect(age(table(rows, header)).groups[0].keys).toEqual(["华南片区"]);
  });

  test("amounts too large to total exactly are refused rather than rounded", () => {
    const big = [row({ dueDate: AS_OF, amount: 45_035_996_273_704.96 }), row({ dueDate: AS_OF, amount: 45_035_996_273_704.96 })];
    expect(errorOf(() => age(table(big))).message).toMatch(/^amount: the amounts add up to more than/);
  });
});

describe("grouping", () => {
  const rows = [
    /* 2 */ row({ dueDate: AS_OF - 10, amount: 1, office: "广东代表处", customer: "乙", productLine: "GIS", customerClass: "系统内" }),
    /* 3 */ row({ dueDate: AS_OF - 40, amount: 2, office: "湖南", customer: "甲", productLine: "电容器", customerClass: "A" }),
    /* 4 */ row({ dueDate: AS_OF - 10, amount: 4, office: "湖北代表处", customer: "甲 ", productLine: "GIS", customerClass: "C类" }),
    /* 5 */ row({ dueDate: AS_OF - 10, amount: 8, office: "北京", customer: "丙", productLine: "GIS", customerClass: "B" }),
    /* 6 */ row({ dueDate: AS_OF - 10, amount: -16, office: "湖南代表处", customer: "甲", productLine: "GIS", customerClass: "A类" }),
    /* 7 */ row({ dueDate: AS_OF - 10, amount: 32, office: null, region: "", customer: "", productLine: "", customerClass: "" }),
  ];
  const t = table(rows);
  const groups = (by: GroupKey[], lang: "zh" | "en" = "zh") =>
    age(t, { groupBy: by, lang }).groups.map((g) => [g.label, g.totalFen, g.count, g.creditFen, g.creditCount]);

  test("by region: rulebook order of regions, blanks last; credits counted per group", () => {
    expect(groups(["region"])).toEqual([
      ["华北片区", 800, 1, 0, 0],
      ["华中片区", 600, 2, -1600, 1],
      ["华南片区", 100, 1, 0, 0],
      ["（空白）", 3200, 1, 0, 0],
    ]);
  });

  test("by region and office, in English", () => {
    expect(groups(["region", "office"], "en")).toEqual([
      ["North China region / Beijing office", 800, 1, 0, 0],
      ["Central China region / Hubei office", 400, 1, 0, 0],
      ["Central China region / Hunan office", 200, 1, -1600, 1],
      ["South China region / Guangdong office", 100, 1, 0, 0],
      ["(blank) / (blank)", 3200, 1, 0, 0],
    ]);
  });

  test("by customer (trimmed), product line, customer class", () => {
    expect(groups(["customer"])).toEqual([
      ["丙", 800, 1, 0, 0],
      ["乙", 100, 1, 0, 0],
      ["甲", 600, 2, -1600, 1],
      ["（空白）", 3200, 1, 0, 0],
    ]);
    expect(groups(["productLine", "customerClass"])).toEqual([
      ["GIS / 系统内", 100, 1, 0, 0],
      ["GIS / 系统外A类", 0, 0, -1600, 1],
      ["GIS / B类", 800, 1, 0, 0],
      ["GIS / C类", 400, 1, 0, 0],
      ["电容器 / 系统外A类", 200, 1, 0, 0],
      ["（空白） / （空白）", 3200, 1, 0, 0],
    ]);
  });

  test("shares add up to the whole", () => {
    const r = age(t, { groupBy: ["customer"] });
    expect(r.groups.map((g) => g.share)).toEqual([800 / 4700, 100 / 4700, 600 / 4700, 3200 / 4700]);
  });
});

describe("one report per region", () => {
  const rows = [
    /* 2 */ row({ dueDate: AS_OF - 10, amount: 1, office: "广东代表处" }),
    /* 3 */ row({ dueDate: AS_OF - 40, amount: 2, office: "湖南代表处" }),
    /* 4 */ row({ dueDate: AS_OF - 10, amount: "x", office: "湖北代表处", paid: 3 }),
    /* 5 */ row({ dueDate: AS_OF - 10, amount: 4, paid: 6, office: "湖北代表处" }),
    /* 6 */ row({ dueDate: AS_OF - 10, amount: 5, paid: 5, office: null }),
    /* 7 */ row({ dueDate: AS_OF - 10, amount: 7, office: "广东代表处", customerClass: "Z" }),
  ];
  const whole = age(table(rows));
  const parts = splitByRegion(whole, rb);

  test("each region reconciles on its own and the parts add up to the whole", () => {
    expect(parts.map((p) => [p.region, p.reconciliation])).toEqual([
      ["华中片区", { inputFen: 200 - 300 - 200, bucketsFen: 200, creditsFen: -200, excludedFen: -300, rows: 3, settledRows: 0 }],
      ["华南片区", { inputFen: 800, bucketsFen: 800, creditsFen: 0, excludedFen: 0, rows: 2, settledRows: 0 }],
      ["", { inputFen: 0, bucketsFen: 0, creditsFen: 0, excludedFen: 0, rows: 1, settledRows: 1 }],
    ]);
    expect(sum(parts.map((p) => p.reconciliation.inputFen))).toBe(whole.reconciliation.inputFen);
    expect(sum(parts.map((p) => p.items.length))).toBe(whole.items.length);
  });

  test("problems and excluded rows go with their region", () => {
    expect(parts[0].problems.map((p) => p.row)).toEqual([4, 5]);
    expect(parts[1].problems.map((p) => p.row)).toEqual([7]);
    expect(parts[0].excluded.map((x) => x.row)).toEqual([4]);
    expect(parts[1].items.get(1).row).toBe(7);
  });
});

describe("ledgers as people keep them: units, title lines, duplicate headers, amount text", () => {
  const dueRow = (amount: unknown, paid: unknown = null) => row({ dueDate: d(2026, 10, 1), amount, paid });
  const withHeader = (amountHeader: string, paidHeader = "已回款") =>
    HEADER_ZH.map((h) => (h === "金额" ? amountHeader : h === "已回款" ? paidHeader : h));

  test("金额(万元) and 已回款（千元） are scaled exactly, and the report says so", () => {
    const result = age(table([dueRow(1.5, 2), dueRow("0.000001")], withHeader("金额(万元)", "已回款（千元）")));
    expect(itemAt(result, 2).outstandingFen).toBe(1_500_000 - 200_000);
    expect(itemAt(result, 3).outstandingFen).toBe(1); // 0.000001 万元 = 0.01 元
    expect(result.problems).toEqual([]);
    expect(result.units).toEqual({
      zh: "金额单位：金额(万元) 万元；已回款（千元） 千元（已换算为元）",
      en: "amount units: 金额(万元) in 10,000 yuan (万元); 已回款（千元） in thousand yuan (converted to yuan)",
    });
    expect(result.notes).toContainEqual(result.units);
  });

  test("a header with an unknown unit is an error naming the column; 金额(元) is yuan", () => {
    expect(errorOf(() => age(table([dueRow(1)], withHeader("金额(美元)")))).message).toMatch(/金额 \(Amount\) column's header "金额\(美元\)" states an unknown unit "美元"/);
    const yuan = age(table([dueRow(1)], withHeader("金额(元)")));
    expect(itemAt(yuan, 2).outstandingFen).toBe(100);
    expect(yuan.units).toBeNull();
  });

  test("title lines above the header are skipped, named in a note, and 单位：万元 applies to amounts without a unit", () => {
    const t: RawTable = {
      header: ["应收账款台账（2026年11月）", ...HEADER_ZH.slice(1).map(() => null)],
      rows: [["单位：万元", ...HEADER_ZH.slice(1).map(() => null)], HEADER_ZH, dueRow(2)],
      firstRowNumber: 2,
    };
    const result = age(t);
    expect(itemAt(result, 4).outstandingFen).toBe(2_000_000);
    expect(result.notes[0]).toEqual({
      zh: "表头取自第 3 行；其上的标题行未作为数据读取：第 1 行“应收账款台账（2026年11月）”、第 2 行“单位：万元”",
      en: 'header taken from row 3; the title lines above it were not read as data: row 1 "应收账款台账（2026年11月）", row 2 "单位：万元"',
    });
  });

  test("two 金额 columns are an error naming both by letter", () => {
    const header = [...HEADER_ZH, "金额"];
    expect(errorOf(() => age({ ...table([[...dueRow(1), 2]], header), firstColumn: 1 })).message).toBe(
      'The table has two columns for 金额 (Amount): column L ("金额") and column R ("金额"); rename or remove one',
    );
  });

  test("accounting negatives are negative; ambiguous text, sub-fen amounts and formulas without a value are data issues", () => {
    const result = age(table([dueRow(100), dueRow("(100)"), dueRow("1.000,00"), dueRow("12,34"), dueRow("1 2 3"), dueRow(0.001), dueRow(new FormulaWithoutValue("SUM(A1:A2)"))]));
    expect(itemAt(result, 3).outstandingFen).toBe(-10_000);
    const reasons = result.problems.map((p) => [p.row, p.code, p.reason.en]);
    expect(reasons).toEqual([
      [4, "amount.unreadable", "uses a decimal comma or dot grouping that locales read differently (1.000,00 or 12,34): write 1000.00"],
      [5, "amount.unreadable", "uses a decimal comma or dot grouping that locales read differently (1.000,00 or 12,34): write 1000.00"],
      [6, "amount.unreadable", "has digits grouped in a way that is not a number (such as 1 2 3)"],
      [7, "amount.unreadable", "is less than one fen (rounds to 0)"],
      [8, "amount.unreadable", "is a formula with no saved value: open and save the workbook in Excel"],
    ]);
    expect(result.problems[4].value).toBe("=SUM(A1:A2)");
  });
});

describe("large tables: what the column store keeps and reads back", () => {
  test("more than 65,535 distinct office texts are each reported as typed (the label column widens)", () => {
    const n = 70_000;
    const rows = Array.from({ length: n }, (_, i) => row({ office: `办事处${i}`, dueDate: AS_OF - 10, amount: 1 }));
    const result = age(table(rows), { groupBy: ["office"] });
    expect(result.items.length).toBe(n);
    for (const i of [0, 65_534, 65_535, 65_536, n - 1]) {
      expect(result.items.office(i)).toBe(`办事处${i}`);
      expect(result.items.get(i)).toMatchObject({ row: i + 2, office: `办事处${i}`, contract: "HT-1", customer: "湖南客户" });
    }
    expect(result.groups).toHaveLength(n);
    // a region's subset keeps the wide column
    const [only] = splitByRegion(result, rb);
    expect(only.items.office(n - 1)).toBe(`办事处${n - 1}`);
  });

  test("duplicate invoice numbers among 200,000 rows are each found, naming the row of the first", () => {
    const n = 200_000;
    const firsts = [5, 777, 65_536, 131_071, 199_980];
    const dupAt = new Map<number, number>(firsts.map((f, k) => [n - 1 - k * 3, f])); // index → index of its first
    const invoice = (i: number) => `INV-${(dupAt.get(i) ?? i).toString(36)}`;
    const rows = Array.from({ length: n }, (_, i) => row({ invoice: i % 2 ? ` ${invoice(i)} ` : invoice(i), dueDate: AS_OF - 10, amount: 1 }));
    const result = age(table(rows));
    const dups = result.problems.filter((p) => p.code === "invoice.duplicate").map((p) => [p.row, p.reason.en]);
    expect(dups).toEqual(
      [...dupAt].sort((a, b) => a[0] - b[0]).map(([i, f]) => [i + 2, `duplicate invoice number (first in row ${f + 2})`]),
    );
    expect(result.items.length).toBe(n - firsts.length);
    expect(result.items.invoice(9)).toBe(` ${invoice(9)} `); // as typed, read back from the table
  });
});

describe("the column store widens a column when a value does not fit it", () => {
  test("amounts beyond 32-bit fen and dates after 2079 are kept exactly, before and after the widening row", () => {
    const far = d(2085, 3, 1); // serial 67,448: past 16 bits
    const result = age(
      table([
        row({ dueDate: AS_OF - 10, amount: 100.01 }),
        row({ dueDate: AS_OF - 10, amount: 30_000_000.07, paid: 25_000_000.01 }),
        row({ dueDate: far, invoiceDate: far - 90, amount: 5 }),
        row({ dueDate: AS_OF - 400, lastPayment: AS_OF - 20, amount: -21_474_836.49 }),
      ]),
    );
    expect([2, 3, 4, 5].map((r) => itemAt(result, r)).map((x) => [x.amountFen, x.paidFen, x.outstandingFen, x.dueDate, x.invoiceDate, x.lastPayment])).toEqual([
      [10_001, 0, 10_001, AS_OF - 10, null, null],
      [3_000_000_007, 2_500_000_001, 500_000_006, AS_OF - 10, null, null],
      [500, 0, 500, far, far - 90, null],
      [-2_147_483_649, 0, -2_147_483_649, AS_OF - 400, null, AS_OF - 20],
    ]);
    expect(result.reconciliation.inputFen).toBe(10_001 + 500_000_006 + 500 - 2_147_483_649);
    expect(itemAt(result, 4).legalLimitation).toBe(d(2088, 3, 1));
  });
});

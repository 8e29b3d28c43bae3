import { LtcError } from "../../src/rules/errors";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";
import {
  actionFor,
  agingBucketFor,
  cellSaysYes,
  approvalSteps,
  bucketEdgesOf,
  bucketText,
  checkBucketRows,
  compiledReceivables,
  creditStep,
  escalationFor,
  limitationDate,
  limitationDateOf,
  parseLimitationBasis,
  receivablesSetting,
  vatCertificationFor,
  warningBasis,
} from "../../src/rules/receivables";
import { serialFromYmd } from "../../src/rules/values";

const rb = DEFAULT_RULEBOOK;
const copy = (): Rulebook => JSON.parse(JSON.stringify(DEFAULT_RULEBOOK)) as Rulebook;
const d = (y: number, m: number, day: number) => serialFromYmd(y, m, day);

function errorOf(fn: () => unknown): LtcError {
  try {
    fn();
  } catch (e) {
    if (e instanceof LtcError) return e;
    throw e;
  }
  throw new Error("expected an LtcError");
}

describe("rulebook §13–14 data shape", () => {
  test("every table is an array of flat rows (string, number, boolean, null or string[] values)", () => {
    const section = rb.receivables as unknown as Record<string, unknown>;
    expect(Object.keys(section).sort()).toEqual(
      [
        "agingBuckets",
        "approvalChains",
        "approvalSteps",
        "demandEvidence",
        "dunningLevels",
        "escalation",
        "invoiceTypes",
        "limitationBases",
        "policies",
        "provisionBands",
        "routings",
        "settings",
        "vatCertification",
      ].sort(),
    );
    for (const [name, table] of Object.entries(section)) {
      expect(Array.isArray(table)).toBe(true);
      for (const row of table as Record<string, unknown>[]) {
        for (const [key, v] of Object.entries(row)) {
          const ok =
            v === null ||
            typeof v === "string" ||
            typeof v === "boolean" ||
            (typeof v === "number" && Number.isFinite(v)) ||
            (Array.isArray(v) && v.every((x) => typeof x === "string"));
          if (!ok) throw new Error(`${name}.${key} has a value of type ${typeof v}`);
        }
      }
    }
  });

  test("codes are unique within each table and every row says whether it is deck, reading or default", () => {
    const section = rb.receivables as unknown as Record<string, Record<string, unknown>[]>;
    for (const [name, table] of Object.entries(section)) {
      const codes = table.map((r) => String(r.code ?? r.key));
      expect(new Set(codes).size).toBe(codes.length);
      for (const row of table) expect([name, row.mark]).toEqual([name, expect.stringMatching(/^(deck|reading|default)$/)]);
    }
  });

  test("the JSON round trip keeps the section equal (export/import rely on it)", () => {
    expect(copy().receivables).toEqual(rb.receivables);
  });

  test("escalation rows and approval steps point at chains that exist", () => {
    const chains = new Set(rb.receivables.approvalChains.map((c) => c.code));
    for (const row of rb.receivables.escalation) if (row.chain !== null) expect(chains.has(row.chain)).toBe(true);
    for (const row of rb.receivables.routings) if (row.chain !== null) expect(chains.has(row.chain)).toBe(true);
    for (const step of rb.receivables.approvalSteps) expect(chains.has(step.chain)).toBe(true);
  });
});

describe("settings", () => {
  test.each([
    ["limitation.legalYears", 3, "reading"],
    ["limitation.companyYears", 2, "deck"],
    ["limitation.maxYearsFromDue", 20, "deck"],
    ["limitation.warningDays", 90, "default"],
    ["terms.defaultDays", 30, "default"],
  ])("%s = %i (%s)", (key, value, mark) => {
    expect(receivablesSetting(rb, key)).toBe(value);
    expect(rb.receivables.settings.find((s) => s.key === key)!.mark).toBe(mark);
  });

  test("the warning basis is the legal limitation by default and can be the company deadline", () => {
    expect(warningBasis(rb).code).toBe("basis.legal");
    const withBasis = (code: string): Rulebook => {
      const changed = copy();
      changed.receivables.settings.find((s) => s.key === "limitation.warningBasis")!.value = code;
      return changed;
    };
    expect(warningBasis(withBasis("basis.company")).code).toBe("basis.company");
    const e = errorOf(() => warningBasis(withBasis("basis.moon")));
    expect(e.code).toBe("#N/A");
    expect(e.message).toContain("unknown basis basis.moon");
  });

  test("a missing number setting is #N/A, not a crash", () => {
    const changed = copy();
    changed.receivables.settings = changed.receivables.settings.filter((s) => s.key !== "limitation.legalYears");
    expect(errorOf(() => receivablesSetting(changed, "limitation.legalYears")).code).toBe("#N/A");
  });
});

test("a commissioning certificate fixes the due date; it is not demand evidence (spec §13)", () => {
  expect(rb.receivables.demandEvidence.map((e) => e.zh)).toEqual(["催款函", "对账函", "其他催款证据"]);
  expect(rb.receivables.policies.find((p) => p.code === "policy.commissioning")!.zh).toContain("它不是催款证据");
  for (const s of rb.receivables.settings) expect(s.zh).not.toMatch(/投运证明(可|或)/);
});

describe("aging buckets", () => {
  // [days past due, zh, en] — the spec's edges 0/30/90/180/365/730/1095
  test.each([
    [-400, "未到期", "Not due"],
    [0, "未到期", "Not due"],
    [1, "1-30天", "1-30 days"],
    [30, "1-30天", "1-30 days"],
    [31, "31-90天", "31-90 days"],
    [90, "31-90天", "31-90 days"],
    [91, "91-180天", "91-180 days"],
    [180, "91-180天", "91-180 days"],
    [181, "181-365天", "181-365 days"],
    [365, "181-365天", "181-365 days"],
    [366, "1-2年", "1-2 years"],
    [730, "1-2年", "1-2 years"],
    [731, "2-3年", "2-3 years"],
    [1095, "2-3年", "2-3 years"],
    [1096, "3年以上", "Over 3 years"],
    [40000, "3年以上", "Over 3 years"],
  ])("%i days past due → %s / %s", (days, zh, en) => {
    const decision = agingBucketFor(rb, days);
    expect(decision.value.zh).toBe(zh);
    expect(decision.value.en).toBe(en);
    expect(decision.reasons[0].table).toBe("receivables.agingBuckets");
    expect(decision.reasons[0].row).toBe(decision.value.code);
  });

  // One answer for AGINGBUCKET and the report: a table that stops short would leave the
  // report's items past it without a rulebook bucket, so it is refused for every age.
  test("a table whose last row is not open-ended is #N/A naming the row, for every age", () => {
    const changed = copy();
    changed.receivables.agingBuckets = changed.receivables.agingBuckets.slice(0, 3);
    for (const days of [0, 90, 91]) {
      const e = errorOf(() => agingBucketFor(changed, days));
      expect(e.code).toBe("#N/A");
      expect(e.message).toBe(
        "receivables.agingBuckets row aging.d31_90: the last row must be open-ended (maxDays blank), so that every age has a row",
      );
    }
  });

  test.each([
    [[{ code: "a", maxDays: 10 }, { code: "b", maxDays: 5 }]],
    [[{ code: "a", maxDays: null }, { code: "b", maxDays: 5 }]],
    [[{ code: "a", maxDays: 1.5 }]],
    [[{ code: "a", maxDays: 0 }, { code: "b", maxDays: 30 }]],
    [[]],
  ])("a broken bucket table is #N/A: %j", (rows) => {
    expect(errorOf(() => checkBucketRows(rows as { code: string; maxDays: number | null }[], "t")).code).toBe("#N/A");
  });

  test("bucket edges: the rulebook's, or checked custom edges with generated labels", () => {
    expect(bucketEdgesOf(rb)).toEqual([0, 30, 90, 180, 365, 730, 1095]);
    expect(bucketEdgesOf(rb, [0, 60])).toEqual([0, 60]);
    for (const bad of [[], [30, 60], [0, 30, 30], [0, -1], [0, 1.5], [0, 40000]]) {
      const e = errorOf(() => bucketEdgesOf(rb, bad));
      expect(e.code).toBe("#VALUE!");
      expect(e.message).toMatch(/^bucketEdges/);
    }
    const edges = [0, 30, 60];
    expect([0, 1, 2, 3].map((i) => bucketText(rb, edges, i))).toEqual([
      { code: "aging.notDue", zh: "未到期", en: "Not due" },
      { code: "aging.d1_30", zh: "1-30天", en: "1-30 days" },
      { code: "aging.d31_60", zh: "31-60天", en: "31-60 days" },
      { code: "aging.over60", zh: "60天以上", en: "Over 60 days" },
    ]);
  });
});

describe("limitation", () => {
  const due = d(2024, 2, 29);
  test.each([
    // [basis as typed, years]
    [undefined, 3],
    ["", 3],
    ["法定", 3],
    ["legal", 3],
    [" LEGAL ", 3],
    ["法定时效", 3],
    ["訴訟時效", 3],
    ["statutory", 3],
    ["公司", 2],
    ["company", 2],
    ["Company Deadline", 2],
    ["公司規定", 2],
    ["ｃｏｍｐａｎｙ", 2],
  ])("basis %p → %i years", (basis, years) => {
    const row = parseLimitationBasis(rb, basis);
    expect(limitationDate(rb, { dueDate: d(2026, 3, 5) }, row).value).toBe(d(2026 + years, 3, 5));
  });

  test("the latest of due date, last payment and last demand starts the period; Feb 29 becomes Feb 28", () => {
    expect(limitationDateOf(rb, due, null, null, "legal").value).toBe(d(2027, 2, 28));
    expect(limitationDateOf(rb, due, d(2025, 6, 1), null, "legal").value).toBe(d(2028, 6, 1));
    expect(limitationDateOf(rb, due, d(2025, 6, 1), d(2025, 7, 1), "公司").value).toBe(d(2027, 7, 1));
    expect(limitationDateOf(rb, due, d(2025, 8, 1), d(2025, 7, 1), "company").value).toBe(d(2027, 8, 1));
    // an earlier payment does not pull the start back
    expect(limitationDateOf(rb, d(2026, 1, 1), d(2025, 1, 1), d(2024, 1, 1), null).value).toBe(d(2029, 1, 1));
  });

  test("a payment or demand restarts the period only while it runs (Civil Code art. 195)", () => {
    const due = d(2020, 3, 5); // legal period 2020-03-05 → 2023-03-05, company → 2022-03-05
    expect(limitationDateOf(rb, due, d(2023, 3, 5), null, "legal").value).toBe(d(2026, 3, 5)); // on the last day: in time
    expect(limitationDateOf(rb, due, d(2023, 3, 6), null, "legal").value).toBe(d(2023, 3, 5)); // a day late: nothing
    expect(limitationDateOf(rb, due, null, d(2022, 3, 6), "company").value).toBe(d(2022, 3, 5));
    expect(limitationDateOf(rb, due, null, d(2022, 3, 6), "legal").value).toBe(d(2025, 3, 6));
    // in date order: a demand in time restarts, a payment after the restarted period does not
    expect(limitationDateOf(rb, due, d(2026, 1, 1), d(2022, 6, 1), "legal").value).toBe(d(2025, 6, 1));
    // a payment before the due date does not shorten the period
    expect(limitationDateOf(rb, due, d(2019, 1, 1), null, "legal").value).toBe(d(2023, 3, 5));
  });

  test("an act after the period ran out is named in the reason, with what can still revive the claim", () => {
    const r = limitationDateOf(rb, d(2020, 3, 5), d(2024, 1, 1), null, "legal").reasons[1].text;
    expect(r.zh).toBe(
      "法定时效：自到期日 2020-03-05 起3年，至 2023-03-05；最近回款日 2024-01-01 在时效届满之后，不中断时效（《民法典》第195条）：" +
        "时效已届满，仅客户书面确认债务（签章对账函/还款承诺）可恢复",
    );
    expect(r.en).toContain("the last payment 2024-01-01 came after the period had run out and restarts nothing (Civil Code art. 195)");
  });

  test("no period ends more than limitation.maxYearsFromDue after the due date (art. 188), and the reason says so", () => {
    const changed = copy();
    changed.receivables.settings.find((s) => s.key === "limitation.legalYears")!.value = 10;
    const decision = limitationDateOf(changed, d(2000, 1, 10), d(2009, 6, 1), d(2018, 6, 1), "legal");
    expect(decision.value).toBe(d(2020, 1, 10));
    expect(decision.reasons[1].text.zh).toBe("法定时效：自最近催款或对账日 2018-06-01 起10年，至 2020-01-10（自到期日起最长20年，《民法典》第188条）");
  });

  test("the reasons name the setting and say which date started the period", () => {
    const r = limitationDateOf(rb, d(2026, 1, 1), d(2026, 2, 1), d(2026, 3, 1), "legal").reasons;
    expect(r.map((x) => x.row)).toEqual(["limitation.legalYears", "basis.legal"]);
    expect(r[1].text.zh).toContain("最近催款或对账日 2026-03-01");
    expect(r[1].text.en).toContain("ending 2029-03-01");
  });

  test.each([
    [[null, null, null, "legal"], "dueDate"],
    [["not a date", null, null, "legal"], "dueDate"],
    [[d(2026, 1, 1), "2026-02-30", null, "legal"], "lastPaymentDate"],
    [[d(2026, 1, 1), null, true, "legal"], "lastDemandDate"],
    [[d(2026, 1, 1), null, null, "法"], "basis"],
    [[d(2026, 1, 1), null, null, 3], "basis"],
  ])("bad arguments %p → #VALUE! naming %s", (args, name) => {
    const [a, b, c, e] = args as unknown[];
    const err = errorOf(() => limitationDateOf(rb, a, b, c, e));
    expect(err.code).toBe("#VALUE!");
    expect(err.message.startsWith(name)).toBe(true);
  });
});

describe("escalation ladder", () => {
  test.each([
    [-10, false, "action.followUp", "跟进回款计划"],
    [0, false, "action.followUp", "跟进回款计划"],
    [1, false, "action.remind", "提醒客户付款并对账"],
    [30, false, "action.remind", "提醒客户付款并对账"],
    [31, false, "action.dunning", "发催款函"],
    [90, false, "action.dunning", "发催款函"],
    [91, false, "action.director", "省主任介入"],
    [180, false, "action.director", "省主任介入"],
    [181, false, "action.lawyerLetter", "申请律师函"],
    [365, false, "action.lawyerLetter", "申请律师函"],
    [366, false, "action.litigation", "取得对账函或考虑诉讼"],
    [-10, true, "action.litigation", "取得对账函或考虑诉讼"],
    [45, true, "action.litigation", "取得对账函或考虑诉讼"],
  ])("%i days past due, limitation warning %p → %s", (days, warn, code, zh) => {
    const row = escalationFor(rb, days, warn);
    expect(row.code).toBe(code);
    expect(row.zh).toBe(zh);
  });

  test("lawyer letter and litigation start their approval chains; credits have their own step", () => {
    expect(escalationFor(rb, 200, false).chain).toBe("chain.lawyerLetter");
    expect(escalationFor(rb, 400, false).chain).toBe("chain.litigation");
    expect(creditStep(rb)?.code).toBe("action.credit");
  });

  test("the approval chains of §14 are ordered roles", () => {
    expect(approvalSteps(rb, "chain.lawyerLetter").map((s) => s.en)).toEqual([
      "Salesperson applies (the receivables admin supplies the contract data and required fields)",
      "Product-line receivables accountant checks the amounts (contract attachments, amount detail, reconciliation letter)",
      "Province director",
      "Region head",
      "Final approver (company executive)",
      "Legal clerk tracks the letter and circulates progress to the salesperson",
    ]);
    expect(approvalSteps(rb, "chain.litigation").map((s) => s.zh)).toEqual([
      "销售员申请（由律师函申请转入或新建）",
      "应收会计",
      "省主任",
      "片区总",
      "公司高管审批",
      "推送产品线：产品线财务在法务数据库立案",
      "财务总监",
      "产品线总经理",
      "法务",
    ]);
  });

  test("a changed ladder changes the step: rules are data", () => {
    const changed = copy();
    changed.receivables.escalation.find((r) => r.code === "action.dunning")!.minDaysPastDue = 61;
    expect(escalationFor(changed, 45, false).code).toBe("action.remind");
    expect(escalationFor(rb, 45, false).code).toBe("action.dunning");
  });
});

describe("routings before the ladder (spec §13)", () => {
  test.each([
    [{ unableToPay: true }, "route.unableToPay", "chain.lawyerLetter"],
    [{ unableToPay: true, qualityDispute: true, crossRegion: true }, "route.unableToPay", "chain.lawyerLetter"],
    [{ qualityDispute: true }, "route.qualityDispute", null],
    [{ qualityDispute: true, crossRegion: true }, "route.qualityDispute", null],
    [{ crossRegion: true }, "route.crossRegion", null],
    [{}, "action.lawyerLetter", "chain.lawyerLetter"],
    [{ credit: true, unableToPay: true }, "action.credit", null],
  ])("200 days past due, %p → %s", (situation, code, chain) => {
    const step = actionFor(rb, { daysPastDue: 200, limitationWarning: false, ...situation });
    expect([step.code, step.chain, step.mark]).toEqual([code, chain, code.startsWith("route.") ? "deck" : "default"]);
  });

  test("the routings say what the deck says", () => {
    expect(rb.receivables.routings.map((r) => [r.when, r.zh])).toEqual([
      ["unableToPay", "客户无力支付：立即联系应收部门，发律师函并诉讼"],
      ["qualityDispute", "质量问题：上升到公司处理"],
      ["crossRegion", "跨区域应收：省主任协调确定应收归属"],
    ]);
  });

  test.each([
    [true, true],
    [false, false],
    [1, true],
    [0, false],
    ["是", true],
    ["经营异常", true],
    ["电容器渗漏油，待更换", true],
    ["否", false],
    [" 無 ", false],
    ["No", false],
    ["正常", false],
    ["", false],
    ["   ", false],
    [null, false],
  ])("a yes/no cell %p says yes: %p", (cell, yes) => {
    expect(cellSaysYes(cell)).toBe(yes);
  });
});

describe("VAT special-invoice certification (abolished for invoices from 2017-01-01)", () => {
  test.each([
    [d(2009, 12, 31), false],
    [d(2010, 1, 1), true],
    [d(2016, 12, 31), true],
    [d(2017, 1, 1), false],
    [d(2026, 3, 5), false],
  ])("a special invoice issued on serial %i: rule applies %p", (date, applies) => {
    const row = vatCertificationFor(rb, "invoice.vatSpecial", date);
    expect(row !== undefined).toBe(applies);
    if (row) expect(row.withinDays).toBe(180);
  });

  test("a general invoice never has the rule", () => {
    expect(vatCertificationFor(rb, "invoice.vatGeneral", d(2015, 1, 1))).toBeUndefined();
  });

  test("the certification deadline: issue date + withinDays where the rule applies, else none (0)", () => {
    const compiled = compiledReceivables(rb);
    expect(compiled.vatCertifyBy("invoice.vatSpecial", d(2015, 1, 1))).toBe(d(2015, 1, 1) + 180);
    expect(compiled.vatCertifyBy("invoice.vatSpecial", d(2017, 1, 1))).toBe(0);
    expect(compiled.vatCertifyBy("invoice.vatGeneral", d(2015, 1, 1))).toBe(0);
  });
});

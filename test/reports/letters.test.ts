import { buildLetters, readDunningLog } from "../../src/reports/letters";
import { RawTable } from "../../src/reports/table";
import { DEFAULT_RULEBOOK } from "../../src/rules/rulebook";
import { serialFromYmd } from "../../src/rules/values";

/** Letters on a crafted table: every item state (running, ran out, credit, quality dispute, cross-region), the log, the register. */

const HEADER = ["合同号", "客户", "代表处", "发票号", "开票日期", "到期日", "金额", "已回款", "最近回款日", "最近催款或对账日", "质量问题", "客户所在地"];
const ROWS: unknown[][] = [
  ["HT-1", "甲电力", "湖南代表处", "FP-1", "2026-06-01", "2026-07-01", 100000, 0, null, null, null, "湖南"], // running, 152 days overdue
  ["HT-2", "甲电力", "湖南代表处", "FP-2", "2022-01-01", "2022-03-01", 50000, 0, null, null, null, "湖南"], // ran out 2025-03-01
  ["HT-3", "甲电力", "湖南代表处", "FP-3", "2026-01-01", "2026-02-01", 30000, 35000, "2026-03-01", null, null, "湖南"], // credit 5,000
  ["HT-4", "甲电力", "湖南代表处", "FP-4", "2026-08-01", "2026-09-01", 20000, 0, null, null, "是", "湖南"], // quality dispute: held
  ["HT-5", "乙公司", "湖南代表处", "FP-5", "2026-09-15", "2026-10-15", 8000.5, 0, null, null, null, "广东"], // cross-region, 46 days
  ["HT-6", "丙公司", "湖南代表处", "FP-6", "2026-11-01", "2026-12-31", 12000, 0, null, null, null, "湖南"], // not due
  ["HT-7", "丁公司", "湖南代表处", "FP-7", "2022-12-10", "2023-01-10", 10000, 0, null, null, null, "湖南"], // ran out 2026-01-10 (revived by the log)
  ["HT-8", "戊公司", "湖南代表处", "FP-8", "2026-01-01", "2026-02-01", 1000, 1000, null, null, null, "湖南"], // settled
];
const TABLE: RawTable = { header: HEADER, rows: ROWS, firstRowNumber: 2, source: "应收" };
const AS_OF = serialFromYmd(2026, 11, 30);
const d = serialFromYmd;

describe("statements (对账函)", () => {
  const result = buildLetters(TABLE, undefined, { asOf: AS_OF }, DEFAULT_RULEBOOK);
  const byCustomer = new Map(result.letters.map((l) => [l.customer, l]));

  test("one per customer with a non-zero balance, in table order, numbered from the settings' pattern", () => {
    expect(result.letters.map((l) => [l.customer, l.number])).toEqual([
      ["甲电力", "DZ20261130-001"],
      ["乙公司", "DZ20261130-002"],
      ["丙公司", "DZ20261130-003"],
      ["丁公司", "DZ20261130-004"],
    ]);
  });

  test("a statement lists every open item and credit; the balance nets the credit; 大写 of it", () => {
    const a = byCustomer.get("甲电力")!;
    expect(a.items.map((x) => [x.contract, x.state, x.outstandingFen])).toEqual([
      ["HT-1", "running", 10_000_000],
      ["HT-2", "ranOut", 5_000_000],
      ["HT-3", "credit", -500_000],
      ["HT-4", "running", 2_000_000],
    ]);
    expect(a.balanceFen).toBe(16_500_000);
    expect(a.balanceInWords).toBe("人民币壹拾陆万伍仟元整");
    expect(byCustomer.get("乙公司")!.balanceInWords).toBe("人民币捌仟元伍角整");
  });

  test("running: the letter, once served on the as-of date, restarts the period (art. 195)", () => {
    const running = byCustomer.get("甲电力")!.items[0];
    expect(running.limitationEnd).toBe(d(2029, 7, 1));
    expect(running.endIfServed).toBe(d(2029, 11, 30));
    expect(running.note.zh).toContain("本函送达即中断时效，重新起算至 2029-11-30");
  });

  test("ran out: the note says only the customer's signature restores it (SPC art. 19), and to when", () => {
    const ranOut = byCustomer.get("甲电力")!.items[1];
    expect(ranOut.limitationEnd).toBe(d(2025, 3, 1));
    expect(ranOut.endIfServed).toBe(d(2029, 11, 30));
    expect(ranOut.note.zh).toMatch(/诉讼时效已于 2025-03-01 届满.*客户在回执上签章确认.*第19条/);
    expect(ranOut.note.en).toMatch(/ran out 2025-03-01.*signs the reply slip/);
    expect(byCustomer.get("甲电力")!.ranOutFen).toBe(5_000_000);
  });

  test("a credit is shown as 应退, with the amount owed to the customer", () => {
    const credit = byCustomer.get("甲电力")!.items[2];
    expect(credit.bucket).toBe("应退");
    expect(credit.note.zh).toBe("应退：我方应退还或冲抵客户 5,000.00 元");
    expect(byCustomer.get("甲电力")!.agingStrip.at(-1)).toEqual({ label: "应退", fen: -500_000 });
  });

  test("quality dispute and cross-region carry the rules' routing", () => {
    expect(byCustomer.get("甲电力")!.items[3].routing?.zh).toBe("质量问题：上升到公司处理");
    expect(byCustomer.get("甲电力")!.items[3].held).toBe(true);
    expect(byCustomer.get("乙公司")!.items[0].routing?.zh).toBe("跨区域应收：省主任协调确定应收归属");
    expect(byCustomer.get("乙公司")!.items[0].held).toBe(false);
  });

  test("the aging strip adds up to the open items, by the aging's buckets", () => {
    const a = byCustomer.get("甲电力")!;
    expect(a.agingStrip.reduce((s, b) => s + b.fen, 0)).toBe(a.balanceFen);
    expect(a.agingStrip.find((b) => b.label === "91-180天")!.fen).toBe(10_000_000);
  });

  test("the register: one row per letter", () => {
    expect(result.register[0]).toEqual({ number: "DZ20261130-001", customer: "甲电力", kind: "对账函", amountFen: 16_500_000, items: 4, generatedOn: AS_OF });
  });
});

describe("dunning letters (催款函)", () => {
  const result = buildLetters(TABLE, undefined, { asOf: AS_OF, kind: "dunning", companyName: "长沙电气有限公司" }, DEFAULT_RULEBOOK);

  test("only customers with demandable overdue items; ran-out and held items are not demanded", () => {
    expect(result.letters.map((l) => [l.customer, l.level?.code, l.balanceFen, l.items.map((x) => x.contract)])).toEqual([
      ["甲电力", "dunning.final", 10_000_000, ["HT-1"]],
      ["乙公司", "dunning.demand", 800_050, ["HT-5"]],
    ]);
    const a = result.letters[0];
    expect(a.ranOutFen).toBe(5_000_000);
    expect(a.heldFen).toBe(2_000_000);
    expect(a.number).toBe("CK20261130-001");
  });

  test("the level's text, filled in", () => {
    expect(result.letters[1].body!.zh).toContain("截至2026-11-30，贵方尚欠长沙电气有限公司下列逾期款项，合计人民币8,000.50元（大写：人民币捌仟元伍角整）");
  });

  test("a customer whose overdue items all ran out gets no letter, and a note says so", () => {
    expect(result.notes.map((n) => n.zh).join("\n")).toMatch(/1 户客户有逾期款项但无可催收项.*丁公司/);
  });

  test("the customer filter: named customers only; an unknown name is #VALUE! naming it", () => {
    const one = buildLetters(TABLE, undefined, { asOf: AS_OF, customers: ["乙公司"] }, DEFAULT_RULEBOOK);
    expect(one.letters.map((l) => l.customer)).toEqual(["乙公司"]);
    expect(() => buildLetters(TABLE, undefined, { asOf: AS_OF, customers: ["无此客户"] }, DEFAULT_RULEBOOK)).toThrow(/customer.*无此客户/);
  });
});

describe("the dunning log (催收记录) and the register it is fed from", () => {
  const LOG: RawTable = {
    header: ["客户", "合同号", "发票号", "日期", "方式", "客户签章确认"],
    rows: [
      ["丁公司", null, null, "2026-06-01", "对账函", "是"], // signed after the period ran out: revives
      ["甲电力", "HT-1", null, "2026-10-01", "催款函", "否"], // a demand on HT-1 only
      ["甲电力", null, null, "2026-12-05", "催款函", null], // after the as-of date
      ["甲电力", null, null, "明天", "催款函", null], // unreadable
      ["乙公司", null, null, "2026-11-01", "飞鸽传书", null], // unknown method: a demand, with an issue
    ],
    firstRowNumber: 2,
  };
  const result = buildLetters(TABLE, LOG, { asOf: AS_OF }, DEFAULT_RULEBOOK);
  const letter = (name: string) => result.letters.find((l) => l.customer === name)!;

  test("a signature after the period ran out revives it from the signature date", () => {
    const item = letter("丁公司").items[0];
    expect(item.state).toBe("running");
    expect(item.revived).toBe(true);
    expect(item.limitationEnd).toBe(d(2029, 6, 1));
    expect(item.note.zh).toContain("客户已于 2026-06-01 签章确认");
  });

  test("a logged demand restarts only the items it names; the whole customer where contract and invoice are blank", () => {
    expect(letter("甲电力").items[0].limitationEnd).toBe(d(2029, 10, 1));
    expect(letter("甲电力").items[1].state).toBe("ranOut");
    expect(letter("乙公司").items[0].limitationEnd).toBe(d(2029, 11, 1));
  });

  test("the log's problems are data issues with row and column; later rows are counted in a note", () => {
    const logIssues = result.issues.filter((i) => i.column && (i.column.zh === "日期" || i.column.zh === "方式"));
    expect(logIssues.map((i) => [i.row, i.column!.zh, i.value])).toEqual([
      [5, "日期", "明天"],
      [6, "方式", "飞鸽传书"],
    ]);
    expect(result.notes.map((n) => n.zh).join("\n")).toContain("催收记录：读取 5 行；1 行晚于截止日期未计入");
  });

  test("last run's register is this run's log: served letters count, unserved ones do not, numbers continue", () => {
    const register: RawTable = {
      header: ["函号", "客户", "类型", "金额", "项数", "生成日期", "送达日期", "回执"],
      rows: [
        ["DZ20261130-001", "丁公司", "对账函", 10000, 1, "2026-11-30", "2026-11-30", "相符"],
        ["DZ20261130-002", "甲电力", "对账函", 165000, 4, "2026-11-30", null, null],
      ],
      firstRowNumber: 2,
    };
    const log = readDunningLog(register, AS_OF);
    expect([log.rows, log.notServed, log.issues]).toEqual([2, 1, []]);
    const again = buildLetters(TABLE, register, { asOf: AS_OF }, DEFAULT_RULEBOOK);
    expect(again.letters.map((l) => l.number)[0]).toBe("DZ20261130-003");
    const ding = again.letters.find((l) => l.customer === "丁公司")!.items[0];
    expect([ding.revived, ding.limitationEnd]).toEqual([true, d(2029, 11, 30)]);
  });
});

import {
  ISOPPORTUNITY,
  isOpportunityFn,
  LEADTEMP,
  leadTemp,
  OPPORTUNITY_FUNCTIONS,
  OPPSCORE,
  oppScore,
  PAYSCORE,
  payScore,
  WINPROB,
  winProb,
} from "../../src/functions/opportunity";
import { functionNamed } from "../../src/functions/registry";
import { evaluateCall } from "../../src/functions/runtime";
import { FunctionSpec } from "../../src/functions/spec";
import { LtcError } from "../../src/rules/errors";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";

const RB = DEFAULT_RULEBOOK;

function value(spec: FunctionSpec, args: unknown[], rb: Rulebook = RB) {
  const r = evaluateCall(spec, args, rb);
  if ("error" in r) throw new Error(`${spec.name}(${JSON.stringify(args)}) gave ${r.error}: ${r.message}`);
  return r.value;
}

function failure(spec: FunctionSpec, args: unknown[], rb: Rulebook = RB) {
  const r = evaluateCall(spec, args, rb);
  if (!("error" in r)) throw new Error(`${spec.name}(${JSON.stringify(args)}) gave ${JSON.stringify(r.value)}, expected an error`);
  return r;
}

function clone(rb: Rulebook): Rulebook {
  return JSON.parse(JSON.stringify(rb)) as Rulebook;
}

// ------------------------------------------------------------------ the spec's tables, as written in §4 and §5
// [score, simplified, traditional, English spellings users type]
type Row = [number, string, string, string[]];

const BRAND: Row[] = [
  [4, "按公司方案上图", "按公司方案上圖", ["Designed on our solution", "designed in"]],
  [3, "认可", "認可", ["recognised", "Recognized"]],
  [2, "无倾向性", "無傾向性", ["neutral", "No preference"]],
  [1, "不认可", "不認可", ["not recognised", "NOT RECOGNIZED"]],
];
const MATURITY: Row[] = [
  [4, "长期合作客户", "長期合作客戶", ["long-term", "Long term customer"]],
  [3, "有过合同且有过合作关系", "有過合同且有過合作關系", ["contract and cooperation"]],
  [2, "有过合同或有合作关系", "有過合同或有合作關系", ["contract or cooperation"]],
  [1, "首次接触", "首次接觸", ["first contact", "First Contact"]],
];
const PRICE: Row[] = [
  [4, "很强", "很強", ["very strong", "Very Strong"]],
  [3, "强", "強", ["strong"]],
  [2, "一般", "一般", ["average"]],
  [1, "差", "差", ["weak"]],
];
const OWNERSHIP: Row[] = [
  [4, "两网、大型央企", "兩網、大型央企", ["State Grid", "Southern Grid", "large central SOE", "central SOE"]],
  [3, "地方国企、上市公司", "地方國企、上市公司", ["local SOE", "SOE", "listed", "listed company"]],
  [2, "大型民营企业", "大型民營企業", ["large private", "Large private company"]],
  [1, "民营企业", "民營企業", ["private", "Private company"]],
];
const FINANCES: Row[] = [
  [4, "很好", "很好", ["very good"]],
  [3, "好", "好", ["good"]],
  [2, "一般", "一般", ["average"]],
  [1, "差", "差", ["poor"]],
];
const HISTORY: Row[] = [
  [4, "无坏账无延期", "無壞賬無延期", ["clean", "no bad debt, no delay"]],
  [3, "无坏账有延期", "無壞賬有延期", ["late", "late, no bad debt"]],
  [2, "无合同", "無合同", ["no history", "no contract"]],
  [1, "有坏账", "有壞賬", ["bad debt", "Bad Debt"]],
];
const INDUSTRY: Row[] = [
  [4, "高速发展期", "高速發展期", ["fast growth", "rapid growth"]],
  [3, "发展期", "發展期", ["growth"]],
  [2, "稳定期", "穩定期", ["stable"]],
  [1, "衰退期", "衰退期", ["decline"]],
];

/** Every way a user may type a row: simplified, traditional, English, padded, full-width, the score. */
function spellings([score, zh, trad, en]: Row): unknown[] {
  const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  return [zh, trad, ...en, `  ${zh}  `, `\t${en[0]} `, fullWidth(en[0]), en[0].toUpperCase(), score, String(score), fullWidth(String(score))];
}

// ------------------------------------------------------------------ OPPSCORE / WINPROB

describe("OPPSCORE: every row of §4 in every script", () => {
  // the other three criteria at their lowest (1 each, competitor share 100%) so the total is row score + 3
  const cases: Array<[string, Row[], (x: unknown) => unknown[]]> = [
    ["brand", BRAND, (x) => [x, "首次接触", 1, "差"]],
    ["maturity", MATURITY, (x) => ["不认可", x, 1, "差"]],
    ["price", PRICE, (x) => ["不认可", "首次接触", 1, x]],
  ];
  for (const [criterion, rows, argsFor] of cases) {
    for (const row of rows) {
      for (const spelling of spellings(row)) {
        test(`${criterion} ${JSON.stringify(spelling)} scores ${row[0]}`, () => {
          expect(value(OPPSCORE, argsFor(spelling))).toBe(row[0] + 3);
          expect(value(WINPROB, argsFor(spelling))).toBeCloseTo((row[0] + 3) / 16, 12);
        });
      }
    }
  }
});

describe("OPPSCORE: competitor share bands (0,10%] 4, (10,40] 3, (40,70] 2, (70,100] 1; 0 scores 4", () => {
  const cases: Array<[unknown, number]> = [
    [0, 4],
    [0.0000001, 4],
    [0.05, 4],
    [0.1, 4],
    [0.1000001, 3],
    [0.35, 3],
    [0.4, 3],
    [0.4000001, 2],
    [0.7, 2],
    [0.7000001, 1],
    [0.99, 1],
    [1, 1], // a fraction: 100%
    ["0", 4],
    ["0%", 4],
    ["10%", 4],
    ["10.0001%", 3],
    ["35%", 3],
    ["40%", 3],
    ["70%", 2],
    ["100%", 1],
    ["１０%", 4],
    ["１０％", 4],
    ["７０％", 2],
    ["  35%  ", 3],
    ["0.7", 2],
  ];
  for (const [share, score] of cases) {
    test(`${JSON.stringify(share)} scores ${score}`, () => {
      // brand/maturity/price at 4 each: total = 12 + share score
      expect(value(OPPSCORE, ["按公司方案上图", "长期合作客户", share, "很强"])).toBe(12 + score);
    });
  }

  test("the band that decided is named in the reasons", () => {
    const r = evaluateCall(OPPSCORE, ["认可", "长期合作客户", 0.35, "强"], RB);
    expect("reasons" in r && r.reasons.map((x) => x.row)).toEqual([
      "brand.recognised",
      "maturity.longTerm",
      "share.to40",
      "price.strong",
    ]);
  });
});

describe("OPPSCORE and WINPROB totals", () => {
  const cases: Array<[unknown[], number]> = [
    [["认可", "长期合作客户", 0.35, "强"], 13],
    [["按公司方案上图", "长期合作客户", 0.05, "很强"], 16],
    [["不认可", "首次接触", 0.9, "差"], 4],
    [["無傾向性", "有過合同或有合作關系", "50%", "一般"], 8],
    [["recognized", "long-term", "35%", "strong"], 13],
    [[3, 4, 0.35, 3], 13],
  ];
  for (const [args, total] of cases) {
    test(`${JSON.stringify(args)} → ${total}, probability ${total}/16`, () => {
      expect(value(OPPSCORE, args)).toBe(total);
      expect(value(WINPROB, args)).toBe(total / 16);
    });
  }

  test("WINPROB explains the weights it used", () => {
    const r = evaluateCall(WINPROB, ["认可", "长期合作客户", 0.35, "强"], RB);
    if ("error" in r) throw new Error(r.message);
    const last = r.reasons[r.reasons.length - 1];
    expect(last.table).toBe("opportunity.weights");
    expect(last.text.zh).toContain("13");
    expect(last.text.en).toContain("81.25%");
  });
});

// ------------------------------------------------------------------ PAYSCORE

describe("PAYSCORE: every row of §5 in every script", () => {
  const cases: Array<[string, Row[], (x: unknown) => unknown[]]> = [
    ["ownership", OWNERSHIP, (x) => [x, "差", "有坏账", "衰退期"]],
    ["finances", FINANCES, (x) => ["民营企业", x, "有坏账", "衰退期"]],
    ["history", HISTORY, (x) => ["民营企业", "差", x, "衰退期"]],
    ["industry", INDUSTRY, (x) => ["民营企业", "差", "有坏账", x]],
  ];
  for (const [criterion, rows, argsFor] of cases) {
    for (const row of rows) {
      for (const spelling of spellings(row)) {
        test(`${criterion} ${JSON.stringify(spelling)} scores ${row[0]}`, () => {
          expect(value(PAYSCORE, argsFor(spelling))).toBe(row[0] + 3);
        });
      }
    }
  }

  test("民营企业 (1) is not 大型民营企业 (2): exact match only", () => {
    expect(value(PAYSCORE, ["民营企业", "很好", "无坏账无延期", "高速发展期"])).toBe(13);
    expect(value(PAYSCORE, ["大型民营企业", "很好", "无坏账无延期", "高速发展期"])).toBe(14);
    expect(value(PAYSCORE, ["private", "very good", "clean", "fast growth"])).toBe(13);
    expect(value(PAYSCORE, ["large private", "very good", "clean", "fast growth"])).toBe(14);
    expect(failure(PAYSCORE, ["大型民营", "很好", "无坏账无延期", "高速发展期"]).message).toMatch(/^ownership/);
    expect(failure(PAYSCORE, ["民营", "很好", "无坏账无延期", "高速发展期"]).message).toMatch(/^ownership/);
  });

  test("totals 4 and 16 and a mix", () => {
    expect(value(PAYSCORE, ["两网、大型央企", "很好", "无坏账无延期", "高速发展期"])).toBe(16);
    expect(value(PAYSCORE, ["民营企业", "差", "有坏账", "衰退期"])).toBe(4);
    expect(value(PAYSCORE, ["地方國企、上市公司", "好", "無合同", "穩定期"])).toBe(10);
    expect(value(PAYSCORE, ["SOE", "good", "no history", "stable"])).toBe(10);
  });
});

// ------------------------------------------------------------------ ISOPPORTUNITY

describe("ISOPPORTUNITY: TRUE only when all three hold", () => {
  for (const a of [true, false])
    for (const b of [true, false])
      for (const c of [true, false]) {
        test(`${a}, ${b}, ${c}`, () => {
          expect(value(ISOPPORTUNITY, [a, b, c])).toBe(a && b && c);
        });
      }

  const yes = [true, 1, "TRUE", "true", "1", "是", "yes", "Yes", " YES ", "ｙｅｓ", "１", "y"];
  const no = [false, 0, "FALSE", "0", "否", "no", "No", " n ", "ＮＯ"];
  for (const y of yes)
    test(`${JSON.stringify(y)} reads as yes`, () => {
      expect(value(ISOPPORTUNITY, [y, y, y])).toBe(true);
    });
  for (const n of no)
    test(`${JSON.stringify(n)} reads as no`, () => {
      expect(value(ISOPPORTUNITY, [n, true, true])).toBe(false);
      expect(value(ISOPPORTUNITY, [true, n, true])).toBe(false);
      expect(value(ISOPPORTUNITY, [true, true, n])).toBe(false);
    });

  test("the reasons name each of the three criteria of §2", () => {
    const r = evaluateCall(ISOPPORTUNITY, ["是", "是", "否"], RB);
    if ("error" in r) throw new Error(r.message);
    expect(r.reasons.map((x) => x.row)).toEqual(["opp.inBuyingProcess", "opp.hasBudget", "opp.canParticipate"]);
    expect(r.reasons[2].text.zh).toBe("我公司可参与：否");
    expect(r.reasons[0].text.zh).toBe("客户已进入执行购买流程：是");
  });
});

// ------------------------------------------------------------------ LEADTEMP

describe("LEADTEMP: months < 3 hot, 3 ≤ m < 6 warm, ≥ 6 cold", () => {
  const cases: Array<[unknown, string, string]> = [
    [0, "热线索", "Hot"],
    [1, "热线索", "Hot"],
    [2.99, "热线索", "Hot"],
    [3, "温线索", "Warm"],
    [4.5, "温线索", "Warm"],
    [5.999, "温线索", "Warm"],
    [6, "冷线索", "Cold"],
    [12, "冷线索", "Cold"],
    [1200, "冷线索", "Cold"],
    ["2", "热线索", "Hot"],
    [" 4 ", "温线索", "Warm"],
    ["４", "温线索", "Warm"],
    ["4个月", "温线索", "Warm"],
    ["4 個月", "温线索", "Warm"],
    ["6M", "冷线索", "Cold"],
    ["６ｍ", "冷线索", "Cold"],
    ["2 months", "热线索", "Hot"],
  ];
  for (const [months, zh, en] of cases) {
    test(`${JSON.stringify(months)} → ${zh} / ${en}`, () => {
      expect(value(LEADTEMP, [months])).toBe(zh);
      expect(value(LEADTEMP, [months, "", "", "", "zh"])).toBe(zh);
      expect(value(LEADTEMP, [months, null, null, null, "en"])).toBe(en);
      expect(value(LEADTEMP, [months, undefined, undefined, undefined, " EN "])).toBe(en);
    });
  }
});

describe("LEADTEMP: every factor row of §3, and the coldest given factor wins", () => {
  // [factor position, temperature it points to, simplified, traditional, English]
  const factorRows: Array<[number, "hot" | "warm" | "cold", string, string, string]> = [
    [1, "cold", "较低", "較低", "low"],
    [1, "warm", "一定", "一定", "some"],
    [1, "hot", "急迫", "急迫", "urgent"],
    [2, "cold", "没有成熟的设计方案", "沒有成熟的設計方案", "no mature design"],
    [2, "warm", "趋于完善", "趨於完善", "maturing"],
    [2, "hot", "成熟且高度匹配", "成熟且高度匹配", "mature, high fit"],
    [3, "cold", "较大分歧", "較大分歧", "split"],
    [3, "warm", "趋于一致", "趨於一致", "converging"],
    [3, "hot", "已达成一致", "已達成一致", "agreed"],
  ];
  const zh = { hot: "热线索", warm: "温线索", cold: "冷线索" };
  const en = { hot: "Hot", warm: "Warm", cold: "Cold" };
  for (const [pos, temp, simp, trad, eng] of factorRows) {
    for (const spelling of [simp, trad, eng, `  ${simp} `, eng.toUpperCase()]) {
      test(`${["", "urgency", "solution", "consensus"][pos]} ${JSON.stringify(spelling)} → ${temp}`, () => {
        const args: unknown[] = [0, "", "", "", "en"];
        args[pos] = spelling;
        // imminent procurement (hot) is cooled to the factor's temperature
        expect(value(LEADTEMP, args)).toBe(en[temp]);
        args[4] = "zh";
        expect(value(LEADTEMP, args)).toBe(zh[temp]);
        // a factor never warms a lead that time makes cold
        args[0] = 8;
        expect(value(LEADTEMP, args)).toBe("冷线索");
      });
    }
  }

  const combos: Array<[unknown[], string]> = [
    [[0, "急迫", "成熟且高度匹配", "已达成一致"], "热线索"],
    [[0, "急迫", "趋于完善", "已达成一致"], "温线索"],
    [[1, "urgent", "mature", "较大分歧"], "冷线索"],
    [[4, "急迫", "成熟且高度匹配", "已达成一致"], "温线索"],
    [[4, "一定", "", "split"], "冷线索"],
    [[2, "", "趨於完善", ""], "温线索"],
  ];
  for (const [args, expected] of combos) {
    test(`${JSON.stringify(args)} → ${expected}`, () => {
      expect(value(LEADTEMP, args)).toBe(expected);
    });
  }

  test("the reasons name the time rule, each factor and the action", () => {
    const r = evaluateCall(LEADTEMP, [2, "较低", "", "已达成一致"], RB);
    if ("error" in r) throw new Error(r.message);
    expect(r.value).toBe("冷线索");
    expect(r.reasons.map((x) => `${x.table}/${x.row}`)).toEqual([
      "lead.settings/warmFromMonths",
      "lead.urgency/urgency.low",
      "lead.consensus/consensus.agreed",
      "lead.temperatures/lead.cold",
    ]);
    expect(r.reasons[3].text.zh).toContain("关注、定期交流，松土、培育");
  });
});

// ------------------------------------------------------------------ bad inputs

describe("bad inputs: the error code and the argument named in the message", () => {
  const ok4 = ["认可", "长期合作客户", 0.35, "强"];
  const pay4 = ["民营企业", "好", "无坏账无延期", "发展期"];
  const withArg = (base: unknown[], i: number, x: unknown) => base.map((v, j) => (j === i ? x : v));
  const corpus: Array<[FunctionSpec, unknown[], "#VALUE!" | "#N/A", string]> = [
    // OPPSCORE / WINPROB: brand
    [OPPSCORE, withArg(ok4, 0, ""), "#VALUE!", "brand"],
    [OPPSCORE, withArg(ok4, 0, null), "#VALUE!", "brand"],
    [OPPSCORE, withArg(ok4, 0, undefined), "#VALUE!", "brand"],
    [OPPSCORE, withArg(ok4, 0, "   "), "#VALUE!", "brand"],
    [OPPSCORE, withArg(ok4, 0, "认"), "#VALUE!", "brand"],
    [OPPSCORE, withArg(ok4, 0, "认可的"), "#VALUE!", "brand"],
    [OPPSCORE, withArg(ok4, 0, "recognise"), "#VALUE!", "brand"],
    [OPPSCORE, withArg(ok4, 0, 0), "#VALUE!", "brand"],
    [OPPSCORE, withArg(ok4, 0, 5), "#VALUE!", "brand"],
    [OPPSCORE, withArg(ok4, 0, 3.5), "#VALUE!", "brand"],
    [OPPSCORE, withArg(ok4, 0, -1), "#VALUE!", "brand"],
    [OPPSCORE, withArg(ok4, 0, NaN), "#VALUE!", "brand"],
    [OPPSCORE, withArg(ok4, 0, true), "#VALUE!", "brand"],
    [OPPSCORE, withArg(ok4, 0, "５"), "#VALUE!", "brand"],
    [OPPSCORE, withArg(ok4, 0, new Date(2026, 0, 1)), "#VALUE!", "brand"],
    // maturity
    [OPPSCORE, withArg(ok4, 1, "长期"), "#VALUE!", "maturity"],
    [OPPSCORE, withArg(ok4, 1, "有过合同"), "#VALUE!", "maturity"],
    [OPPSCORE, withArg(ok4, 1, 1e308), "#VALUE!", "maturity"],
    [OPPSCORE, withArg(ok4, 1, Infinity), "#VALUE!", "maturity"],
    // competitorShare
    [OPPSCORE, withArg(ok4, 2, ""), "#VALUE!", "competitorShare"],
    [OPPSCORE, withArg(ok4, 2, null), "#VALUE!", "competitorShare"],
    [OPPSCORE, withArg(ok4, 2, -0.1), "#VALUE!", "competitorShare"],
    [OPPSCORE, withArg(ok4, 2, 100.5), "#VALUE!", "competitorShare"],
    [OPPSCORE, withArg(ok4, 2, 1e308), "#VALUE!", "competitorShare"],
    [OPPSCORE, withArg(ok4, 2, NaN), "#VALUE!", "competitorShare"],
    [OPPSCORE, withArg(ok4, 2, -Infinity), "#VALUE!", "competitorShare"],
    [OPPSCORE, withArg(ok4, 2, "abc"), "#VALUE!", "competitorShare"],
    [OPPSCORE, withArg(ok4, 2, "35%%"), "#VALUE!", "competitorShare"],
    [OPPSCORE, withArg(ok4, 2, "-5%"), "#VALUE!", "competitorShare"],
    [OPPSCORE, withArg(ok4, 2, "１０１％"), "#VALUE!", "competitorShare"],
    [OPPSCORE, withArg(ok4, 2, "150%"), "#VALUE!", "competitorShare"],
    [OPPSCORE, withArg(ok4, 2, 35), "#VALUE!", "competitorShare"], // 3500%: a number is a fraction
    [OPPSCORE, withArg(ok4, 2, "70"), "#VALUE!", "competitorShare"],
    [OPPSCORE, withArg(ok4, 2, 1.5), "#VALUE!", "competitorShare"],
    [OPPSCORE, withArg(ok4, 2, true), "#VALUE!", "competitorShare"],
    [OPPSCORE, withArg(ok4, 2, "(10%,40%]"), "#VALUE!", "competitorShare"],
    // price
    [OPPSCORE, withArg(ok4, 3, "很"), "#VALUE!", "price"],
    [OPPSCORE, withArg(ok4, 3, "strong!"), "#VALUE!", "price"],
    [OPPSCORE, withArg(ok4, 3, "很强强"), "#VALUE!", "price"],
    [WINPROB, withArg(ok4, 3, null), "#VALUE!", "price"],
    [WINPROB, withArg(ok4, 0, "不认"), "#VALUE!", "brand"],
    [WINPROB, withArg(ok4, 2, 101), "#VALUE!", "competitorShare"],
    // PAYSCORE
    [PAYSCORE, withArg(pay4, 0, ""), "#VALUE!", "ownership"],
    [PAYSCORE, withArg(pay4, 0, "民营"), "#VALUE!", "ownership"],
    [PAYSCORE, withArg(pay4, 0, "大型民营"), "#VALUE!", "ownership"],
    [PAYSCORE, withArg(pay4, 0, "中型民营企业"), "#VALUE!", "ownership"],
    [PAYSCORE, withArg(pay4, 0, "private company limited"), "#VALUE!", "ownership"],
    [PAYSCORE, withArg(pay4, 1, "很差"), "#VALUE!", "finances"],
    [PAYSCORE, withArg(pay4, 1, 0), "#VALUE!", "finances"],
    [PAYSCORE, withArg(pay4, 2, "无坏账"), "#VALUE!", "history"],
    [PAYSCORE, withArg(pay4, 2, "有延期有坏账"), "#VALUE!", "history"],
    [PAYSCORE, withArg(pay4, 3, "成长期"), "#VALUE!", "industry"],
    [PAYSCORE, withArg(pay4, 3, 4.2), "#VALUE!", "industry"],
    [PAYSCORE, withArg(pay4, 3, false), "#VALUE!", "industry"],
    // ISOPPORTUNITY
    [ISOPPORTUNITY, ["", true, true], "#VALUE!", "inBuyingProcess"],
    [ISOPPORTUNITY, [null, true, true], "#VALUE!", "inBuyingProcess"],
    [ISOPPORTUNITY, [true, "maybe", true], "#VALUE!", "hasBudget"],
    [ISOPPORTUNITY, [true, "是的", true], "#VALUE!", "hasBudget"],
    [ISOPPORTUNITY, [true, true, 2], "#VALUE!", "canParticipate"],
    [ISOPPORTUNITY, [true, true, NaN], "#VALUE!", "canParticipate"],
    [ISOPPORTUNITY, [true, true, "２"], "#VALUE!", "canParticipate"],
    // LEADTEMP
    [LEADTEMP, [""], "#VALUE!", "monthsToProcurement"],
    [LEADTEMP, [null, "急迫"], "#VALUE!", "monthsToProcurement"],
    [LEADTEMP, [-1], "#VALUE!", "monthsToProcurement"],
    [LEADTEMP, ["-3个月"], "#VALUE!", "monthsToProcurement"],
    [LEADTEMP, ["abc"], "#VALUE!", "monthsToProcurement"],
    [LEADTEMP, ["三个月"], "#VALUE!", "monthsToProcurement"],
    [LEADTEMP, [NaN], "#VALUE!", "monthsToProcurement"],
    [LEADTEMP, [Infinity], "#VALUE!", "monthsToProcurement"],
    [LEADTEMP, [1e9], "#VALUE!", "monthsToProcurement"],
    [LEADTEMP, ["１００００００"], "#VALUE!", "monthsToProcurement"],
    [LEADTEMP, [true], "#VALUE!", "monthsToProcurement"],
    [LEADTEMP, [2, "很急"], "#VALUE!", "urgency"],
    [LEADTEMP, [2, 3], "#VALUE!", "urgency"],
    [LEADTEMP, [2, "", "成熟且匹配"], "#VALUE!", "solution"],
    [LEADTEMP, [2, "", "", "一致意见"], "#VALUE!", "consensus"],
    [LEADTEMP, [2, "", "", "", "fr"], "#VALUE!", "lang"],
    [LEADTEMP, [2, "", "", "", 1], "#VALUE!", "lang"],
  ];
  test("the corpus is large enough", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
  });
  for (const [spec, args, code, arg] of corpus) {
    test(`${spec.name}(${args.map((a) => (typeof a === "number" ? String(a) : JSON.stringify(a))).join(", ")}) → ${code} naming ${arg}`, () => {
      const r = failure(spec, args);
      expect(r.error).toBe(code);
      expect(r.message.startsWith(arg + ":") || r.message.startsWith(arg + " is required")).toBe(true);
      expect(r.message).toContain("accepts");
    });
  }

  test("a label error lists every accepted label", () => {
    const m = failure(PAYSCORE, withArg(pay4, 0, "民营")).message;
    for (const label of ["两网、大型央企", "地方国企、上市公司", "大型民营企业", "民营企业", "4–1"]) expect(m).toContain(label);
  });
});

// ------------------------------------------------------------------ rules are data

describe("a changed rulebook changes the answers", () => {
  test("a brand weight of 2 changes WINPROB but not OPPSCORE", () => {
    const rb = clone(RB);
    rb.opportunity.weights.find((w) => w.criterion === "brand")!.weight = 2;
    const args = ["不认可", "长期合作客户", 0.05, "很强"];
    expect(value(OPPSCORE, args, rb)).toBe(13);
    expect(value(WINPROB, args, rb)).toBeCloseTo((2 * 1 + 4 + 4 + 4) / 20, 12);
    expect(value(WINPROB, args)).toBe(13 / 16);
  });

  test("all weights 0 is a rulebook with no answer: #N/A", () => {
    const rb = clone(RB);
    for (const w of rb.opportunity.weights) w.weight = 0;
    expect(failure(WINPROB, ["认可", "长期合作客户", 0.35, "强"], rb).error).toBe("#N/A");
  });

  test("a moved band edge moves the score", () => {
    const rb = clone(RB);
    rb.opportunity.competitorShare.find((b) => b.code === "share.to10")!.upTo = 0.2;
    rb.opportunity.competitorShare.find((b) => b.code === "share.to40")!.above = 0.2;
    expect(value(OPPSCORE, ["认可", "长期合作客户", 0.15, "强"], rb)).toBe(14);
    expect(value(OPPSCORE, ["认可", "长期合作客户", 0.15, "强"])).toBe(13);
  });

  test("bands that leave a gap give #N/A for a share in it", () => {
    const rb = clone(RB);
    rb.opportunity.competitorShare = rb.opportunity.competitorShare.filter((b) => b.code !== "share.to70");
    const r = failure(OPPSCORE, ["认可", "长期合作客户", 0.5, "强"], rb);
    expect(r.error).toBe("#N/A");
    expect(r.message).toContain("50%");
  });

  test("without the 0% row, a 0 share has no band", () => {
    const rb = clone(RB);
    rb.opportunity.competitorShare = rb.opportunity.competitorShare.filter((b) => b.code !== "share.none");
    expect(failure(OPPSCORE, ["认可", "长期合作客户", 0, "强"], rb).error).toBe("#N/A");
    expect(value(OPPSCORE, ["认可", "长期合作客户", 0.01, "强"], rb)).toBe(14);
  });

  test("a new alias is accepted and a row's score is used as written", () => {
    const rb = clone(RB);
    rb.payment.ownership.find((r) => r.code === "ownership.private")!.aliases.push("民营");
    rb.payment.ownership.find((r) => r.code === "ownership.largePrivate")!.score = 3;
    expect(value(PAYSCORE, ["民营", "好", "无坏账无延期", "发展期"], rb)).toBe(11);
    expect(value(PAYSCORE, ["大型民营企业", "好", "无坏账无延期", "发展期"], rb)).toBe(13);
    expect(failure(PAYSCORE, ["民营", "好", "无坏账无延期", "发展期"]).error).toBe("#VALUE!");
  });

  test("lead thresholds are settings: warm from 2, cold from 4", () => {
    const rb = clone(RB);
    rb.lead.settings.find((s) => s.key === "warmFromMonths")!.value = 2;
    rb.lead.settings.find((s) => s.key === "coldFromMonths")!.value = 4;
    expect(value(LEADTEMP, [2.5], rb)).toBe("温线索");
    expect(value(LEADTEMP, [4], rb)).toBe("冷线索");
    expect(value(LEADTEMP, [2.5])).toBe("热线索");
    expect(value(LEADTEMP, [4])).toBe("温线索");
  });

  test("a factor row pointing to another temperature changes the answer", () => {
    const rb = clone(RB);
    rb.lead.urgency.find((r) => r.code === "urgency.some")!.temperature = "lead.cold";
    expect(value(LEADTEMP, [0, "一定"], rb)).toBe("冷线索");
    expect(value(LEADTEMP, [0, "一定"])).toBe("温线索");
  });

  test("an edited output text is what the function returns", () => {
    const rb = clone(RB);
    rb.lead.temperatures.find((r) => r.code === "lead.hot")!.en = "HOT LEAD";
    expect(value(LEADTEMP, [1, "", "", "", "en"], rb)).toBe("HOT LEAD");
  });

  test("the opportunity test follows its table", () => {
    const rb = clone(RB);
    rb.opportunity.opportunityCriteria = rb.opportunity.opportunityCriteria.filter((c) => c.arg !== "hasBudget");
    expect(value(ISOPPORTUNITY, [true, false, true], rb)).toBe(true);
    expect(value(ISOPPORTUNITY, [true, false, true])).toBe(false);
  });
});

// ------------------------------------------------------------------ the custom-function surface

describe("custom functions", () => {
  test("the five functions are registered under their names", () => {
    expect(OPPORTUNITY_FUNCTIONS.map((f) => f.name)).toEqual(["LEADTEMP", "ISOPPORTUNITY", "OPPSCORE", "WINPROB", "PAYSCORE"]);
    for (const f of OPPORTUNITY_FUNCTIONS) expect(functionNamed(`LTC.${f.name.toLowerCase()}`)).toBe(f);
  });

  test("the wrappers compute with the active rulebook", () => {
    expect(leadTemp(4)).toBe("温线索");
    expect(leadTemp(4, "较低", undefined, undefined, "en")).toBe("Cold");
    expect(isOpportunityFn(true, "是", 1)).toBe(true);
    expect(oppScore("认可", "长期合作客户", 0.35, "强")).toBe(13);
    expect(winProb("认可", "长期合作客户", 0.35, "强")).toBe(0.8125);
    expect(payScore("民营企业", "好", "无坏账无延期", "发展期")).toBe(11);
  });

  test("outside Excel a wrapper's bad argument surfaces as an LtcError with the message", () => {
    expect(() => oppScore("x", "长期合作客户", 0.35, "强")).toThrow(LtcError);
    expect(() => payScore("民营", "好", "无坏账无延期", "发展期")).toThrow(/^ownership/);
  });

});

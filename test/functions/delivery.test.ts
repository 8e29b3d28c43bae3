import {
  CANSCHEDULE,
  canSchedule,
  CANSHIP,
  canShip,
  CLASSCHECK,
  classCheckFn,
  DELIVERY_FUNCTIONS,
  NEEDPHOTO,
  needPhotoFn,
} from "../../src/functions/delivery";
import { FUNCTIONS } from "../../src/functions/registry";
import { evaluateCall } from "../../src/functions/runtime";
import { FunctionSpec } from "../../src/functions/spec";
import { activeRulebook, setActiveRulebook } from "../../src/rules/active";
import { LtcError } from "../../src/rules/errors";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";

const rb = DEFAULT_RULEBOOK;
const copy = (): Rulebook => JSON.parse(JSON.stringify(DEFAULT_RULEBOOK)) as Rulebook;
const DAY = new Date(Date.UTC(2026, 2, 5));

// [function, arguments, expected code, argument the message must name]
type Bad = [FunctionSpec, unknown[], "#VALUE!" | "#N/A", string];
const BAD: Bad[] = [
  // CLASSCHECK customerClass
  [CLASSCHECK, [null, true, false], "#VALUE!", "customerClass"],
  [CLASSCHECK, ["", true, false], "#VALUE!", "customerClass"],
  [CLASSCHECK, ["   ", true, false], "#VALUE!", "customerClass"],
  [CLASSCHECK, ["D类", true, false], "#VALUE!", "customerClass"],
  [CLASSCHECK, ["A类客", true, false], "#VALUE!", "customerClass"],
  [CLASSCHECK, ["系统", true, false], "#VALUE!", "customerClass"],
  [CLASSCHECK, [1, true, false], "#VALUE!", "customerClass"],
  [CLASSCHECK, [true, true, false], "#VALUE!", "customerClass"],
  [CLASSCHECK, [NaN, true, false], "#VALUE!", "customerClass"],
  [CLASSCHECK, [DAY, true, false], "#VALUE!", "customerClass"],
  // CLASSCHECK inSystem / isAffiliate / lang
  [CLASSCHECK, ["A", null, false], "#VALUE!", "inSystem"],
  [CLASSCHECK, ["A", "maybe", false], "#VALUE!", "inSystem"],
  [CLASSCHECK, ["A", 2, false], "#VALUE!", "inSystem"],
  [CLASSCHECK, ["A", "系统内", false], "#VALUE!", "inSystem"],
  [CLASSCHECK, ["系统内", false, false], "#VALUE!", "inSystem"],
  [CLASSCHECK, ["系統內", "否", "是"], "#VALUE!", "inSystem"],
  [CLASSCHECK, ["A", true, ""], "#VALUE!", "isAffiliate"],
  [CLASSCHECK, ["A", true, NaN], "#VALUE!", "isAffiliate"],
  [CLASSCHECK, ["A", true, "三产"], "#VALUE!", "isAffiliate"],
  [CLASSCHECK, ["A", true, false, "fr"], "#VALUE!", "lang"],
  [CLASSCHECK, ["A", true, false, 1], "#VALUE!", "lang"],
  // CANSCHEDULE
  [CANSCHEDULE, [null, "初次排产", "无合同"], "#VALUE!", "customerClass"],
  [CANSCHEDULE, ["E", "初次排产", "无合同"], "#VALUE!", "customerClass"],
  [CANSCHEDULE, ["B类", "", "无合同"], "#VALUE!", "phase"],
  [CANSCHEDULE, ["B类", "排产", "无合同"], "#VALUE!", "phase"],
  [CANSCHEDULE, ["B类", "初次排", "无合同"], "#VALUE!", "phase"],
  [CANSCHEDULE, ["B类", "生产周期排产期", "无合同"], "#VALUE!", "phase"],
  [CANSCHEDULE, ["B类", 1, "无合同"], "#VALUE!", "phase"],
  [CANSCHEDULE, ["B类", "周期", null], "#VALUE!", "condition"],
  [CANSCHEDULE, ["B类", "周期", "合同"], "#VALUE!", "condition"],
  [CANSCHEDULE, ["B类", "周期", "无合同/预付款未到"], "#VALUE!", "condition"],
  [CANSCHEDULE, ["B类", "周期", "预付款"], "#VALUE!", "condition"],
  [CANSCHEDULE, ["B类", "周期", 3], "#VALUE!", "condition"],
  [CANSCHEDULE, ["B类", "周期", false], "#VALUE!", "condition"],
  [CANSCHEDULE, ["B类", "周期", "插单", "zh-tw"], "#VALUE!", "lang"],
  [CANSCHEDULE, ["B类", "初次排产", "插单"], "#N/A", "Rush order"],
  [CANSCHEDULE, ["系统内", "锁定期", "插单"], "#N/A", "Rush order"],
  // CANSHIP customerClass / documents
  [CANSHIP, ["", "合同", 0.5], "#VALUE!", "customerClass"],
  [CANSHIP, ["A+", "合同", 0.5], "#VALUE!", "customerClass"],
  [CANSHIP, ["A", null, 0.5], "#VALUE!", "documents"],
  [CANSHIP, ["A", "无合同", 0.5], "#VALUE!", "documents"],
  [CANSHIP, ["A", "合约", 0.5], "#VALUE!", "documents"],
  [CANSHIP, ["A", "合同协议", 0.5], "#VALUE!", "documents"],
  [CANSHIP, ["A", true, 0.5], "#VALUE!", "documents"],
  // CANSHIP paidRatio
  [CANSHIP, ["A", "合同", null], "#VALUE!", "paidRatio"],
  [CANSHIP, ["A", "合同", ""], "#VALUE!", "paidRatio"],
  [CANSHIP, ["A", "合同", -0.1], "#VALUE!", "paidRatio"],
  [CANSHIP, ["A", "合同", 150], "#VALUE!", "paidRatio"],
  [CANSHIP, ["A", "合同", "250%"], "#VALUE!", "paidRatio"],
  [CANSHIP, ["A", "合同", 60], "#VALUE!", "paidRatio"],
  [CANSHIP, ["A", "合同", "60"], "#VALUE!", "paidRatio"],
  [CANSHIP, ["A", "合同", "-5%"], "#VALUE!", "paidRatio"],
  [CANSHIP, ["A", "合同", NaN], "#VALUE!", "paidRatio"],
  [CANSHIP, ["A", "合同", Infinity], "#VALUE!", "paidRatio"],
  [CANSHIP, ["A", "合同", 1e308], "#VALUE!", "paidRatio"],
  [CANSHIP, ["A", "合同", "9".repeat(40)], "#VALUE!", "paidRatio"],
  [CANSHIP, ["A", "合同", "六成"], "#VALUE!", "paidRatio"],
  [CANSHIP, ["A", "合同", "６０％ａ"], "#VALUE!", "paidRatio"],
  [CANSHIP, ["A", "合同", true], "#VALUE!", "paidRatio"],
  [CANSHIP, ["A", "合同", DAY], "#VALUE!", "paidRatio"],
  // CANSHIP requiredRatio / commitmentBroken / lang
  [CANSHIP, ["A", "合同", 0.5, "half"], "#VALUE!", "requiredRatio"],
  [CANSHIP, ["A", "合同", 0.5, 101], "#VALUE!", "requiredRatio"],
  [CANSHIP, ["A", "合同", 0.5, -1], "#VALUE!", "requiredRatio"],
  [CANSHIP, ["A", "合同", 0.5, 0.3, "maybe"], "#VALUE!", "commitmentBroken"],
  [CANSHIP, ["A", "合同", 0.5, 0.3, 2], "#VALUE!", "commitmentBroken"],
  [CANSHIP, ["A", "合同", 0.5, 0.3, false, "de"], "#VALUE!", "lang"],
  // NEEDPHOTO
  [NEEDPHOTO, [null], "#VALUE!", "product"],
  [NEEDPHOTO, ["  "], "#VALUE!", "product"],
  [NEEDPHOTO, [123], "#VALUE!", "product"],
  [NEEDPHOTO, [true], "#VALUE!", "product"],
  [NEEDPHOTO, [DAY], "#VALUE!", "product"],
  [NEEDPHOTO, ["并抗"], "#VALUE!", "capacityKvar"],
  [NEEDPHOTO, ["电容器", null, 220], "#VALUE!", "capacityKvar"],
  [NEEDPHOTO, ["电容器", 10000], "#VALUE!", "voltageKV"],
  [NEEDPHOTO, ["并抗", -1], "#VALUE!", "capacityKvar"],
  [NEEDPHOTO, ["并抗", "abc"], "#VALUE!", "capacityKvar"],
  [NEEDPHOTO, ["并抗", NaN], "#VALUE!", "capacityKvar"],
  [NEEDPHOTO, ["并抗", 1e12], "#VALUE!", "capacityKvar"],
  [NEEDPHOTO, ["并抗", "10000 kV"], "#VALUE!", "capacityKvar"],
  [NEEDPHOTO, ["并抗", true], "#VALUE!", "capacityKvar"],
  [NEEDPHOTO, ["GIS", "lots"], "#VALUE!", "capacityKvar"],
  [NEEDPHOTO, ["电容器", 10000, 0], "#VALUE!", "voltageKV"],
  [NEEDPHOTO, ["电容器", 10000, 220000], "#VALUE!", "voltageKV"],
  [NEEDPHOTO, ["电容器", 10000, "220V"], "#VALUE!", "voltageKV"],
  [NEEDPHOTO, ["电容器", 10000, -220], "#VALUE!", "voltageKV"],
  [NEEDPHOTO, ["电容器", 10000, Infinity], "#VALUE!", "voltageKV"],
];

describe("bad inputs: the error code and a message that names the argument", () => {
  test("the corpus is large", () => {
    expect(BAD.length).toBeGreaterThanOrEqual(30);
  });

  test.each(BAD.map(([spec, args, code, arg], i) => [i, spec.name, JSON.stringify(args), code, arg, spec, args] as const))(
    "#%i %s(%s) → %s naming %s",
    (_i, _name, _json, code, arg, spec, args) => {
      const r = evaluateCall(spec, args, rb);
      expect(r).toMatchObject({ error: code });
      const message = (r as { message: string }).message;
      expect(message).toContain(arg);
      if (code === "#VALUE!") {
        expect(message.startsWith(`${arg}: `) || message.startsWith(`${arg} is required`)).toBe(true);
        expect(message).toMatch(/accepts/);
      }
    },
  );
});

describe("full-width, padded and mixed-case inputs", () => {
  test.each([
    [CLASSCHECK, ["  Ｂ类 ", "ＴＲＵＥ", " no "], "系统内客户必须为A类"],
    [CLASSCHECK, ["ＩＮ-ＳＹＳＴＥＭ", "yes", "NO", " EN "], "OK"],
    [CANSCHEDULE, [" ｃ类 ", "  生产周期排产", "插单  "], "异常排产：需省主任审批"],
    [CANSCHEDULE, ["CLASS A", "LOCKED", "NO CONTRACT", "En"], "Exception: customer commitment letter and president approval"],
    [CANSHIP, ["Ｃ類", " 合同 ", "１０％", "３０％", "Ｙｅｓ"], "不可发货：承诺未兑现"],
    [CANSHIP, ["b", "AGREEMENT", "１００％", null, null, "english"], "Normal shipping"],
    [NEEDPHOTO, ["  並抗 ", "１２０００ kvar"], true],
    [NEEDPHOTO, ["ＣＡＰＡＣＩＴＯＲ", "１００００", "２２０ＫＶ"], true],
  ] as Array<[FunctionSpec, unknown[], unknown]>)("%#: %p", (spec, args, expected) => {
    expect(evaluateCall(spec, args, rb)).toMatchObject({ value: expected });
  });
});

describe("lang", () => {
  test("zh is the default; en, EN, English and 英文 give English", () => {
    expect(evaluateCall(CANSHIP, ["A", "合同", 0.5], rb)).toMatchObject({ value: "正常发货" });
    expect(evaluateCall(CANSHIP, ["A", "合同", 0.5, null, null, "zh"], rb)).toMatchObject({ value: "正常发货" });
    for (const lang of ["en", "EN", "English", "英文"]) {
      expect(evaluateCall(CANSHIP, ["A", "合同", 0.5, null, null, lang], rb)).toMatchObject({ value: "Normal shipping" });
      expect(evaluateCall(CANSCHEDULE, ["A", "初次", "无合同", lang], rb)).toMatchObject({ value: "Normal scheduling" });
      expect(evaluateCall(CLASSCHECK, ["A", false, false, lang], rb)).toMatchObject({ value: "OK" });
    }
  });
});

describe("the custom-function wrappers", () => {
  afterEach(() => setActiveRulebook(DEFAULT_RULEBOOK));

  test("return the value through invoke", () => {
    expect(classCheckFn("B类", true, false)).toBe("系统内客户必须为A类");
    expect(canSchedule("系统外A类", "锁定期排产", "预付款未到", "en")).toBe(
      "Exception: customer commitment letter and president approval",
    );
    expect(canShip("系统内", "协议", 0.2)).toBe("异常发货：需片区总审批");
    expect(needPhotoFn("GIS")).toBe(true);
    expect(needPhotoFn("变压器")).toBe(false);
  });

  test("throw the error with its code outside Excel", () => {
    expect(() => canShip("A", "合同", 2000)).toThrow(LtcError);
    expect(() => canShip("A", "合同", 2000)).toThrow(/^paidRatio: 2000 would be 200000%: write 2000% or 20; /);
    try {
      canSchedule("A", "初次", "插单");
      throw new Error("no error");
    } catch (e) {
      expect(e).toBeInstanceOf(LtcError);
      expect((e as LtcError).code).toBe("#N/A");
    }
  });

  test("compute with the active rulebook: a changed rulebook changes the answer", () => {
    const changed = copy();
    changed.ship.outcomes.find((r) => r.code === "regionHead")!.zh = "异常发货：需片区总和省主任审批";
    changed.schedule.matrix.find((r) => r.code === "inSystem.cycle.rushOrder")!.outcome = "normal";
    changed.contract.reviewRules.find((r) => r.code === "affiliateNotInSystem")!.ifInSystem = null;
    changed.ship.photoProducts.find((r) => r.code === "gis")!.minVoltageKV = 500;
    expect(canShip("系统内", "协议", 0.2)).toBe("异常发货：需片区总审批");
    setActiveRulebook(changed);
    expect(activeRulebook()).toBe(changed);
    expect(canShip("系统内", "协议", 0.2)).toBe("异常发货：需片区总和省主任审批");
    expect(canSchedule("系统内", "周期", "插单")).toBe("正常排产");
    expect(classCheckFn("A", false, true)).toBe("三产公司不能为系统内客户");
    expect(needPhotoFn("GIS", null, 220)).toBe(false);
    expect(() => needPhotoFn("GIS")).toThrow(/^voltageKV is required/);
  });
});

describe("registry", () => {
  test("DELIVERY_FUNCTIONS are in the registry", () => {
    expect(DELIVERY_FUNCTIONS.map((f) => f.name)).toEqual(["CLASSCHECK", "CANSCHEDULE", "CANSHIP", "NEEDPHOTO"]);
    for (const f of DELIVERY_FUNCTIONS) expect(FUNCTIONS).toContain(f);
  });
});

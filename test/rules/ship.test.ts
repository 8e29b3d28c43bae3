import { CANSHIP, NEEDPHOTO } from "../../src/functions/delivery";
import { CallResult, evaluateCall } from "../../src/functions/runtime";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";
import { DEFAULT_SHIP } from "../../src/rules/data/ship";
import { needPhoto, shipDecision } from "../../src/rules/ship";

const rb = DEFAULT_RULEBOOK;
const ship = (args: unknown[], rulebook: Rulebook = rb): CallResult => evaluateCall(CANSHIP, args, rulebook);
const photo = (args: unknown[], rulebook: Rulebook = rb): CallResult => evaluateCall(NEEDPHOTO, args, rulebook);
const copy = (): Rulebook => JSON.parse(JSON.stringify(DEFAULT_RULEBOOK)) as Rulebook;

// §12 of spec/ltc-rulebook.md, as written there.
const SPEC_GRID = `
| class | 有合同 (contract, agreed payments in) | 有协议无合同 (agreement only) | 约定的款项未到 (agreed payment missing) |
|---|---|---|---|
| 系统内 | 正常发货 | 异常发货(片) | 正常发货 |
| 系统外A类 | 正常发货 | 不可发货(除100%到款) | 异常发货(函、总) |
| B类 | 正常发货 | 不可发货(除100%到款) | 异常发货(函、总) |
| C类 | 正常发货 | 不可发货(除100%到款) | 异常发货(函、总) |`;

const ZH = {
  normal: "正常发货",
  region: "异常发货：需片区总审批",
  letter: "异常发货：需客户承诺函和总裁审批",
  full: "不可发货：需100%到款",
  none: "不可发货：无合同或协议",
  broken: "不可发货：承诺未兑现",
};
const EN: Record<string, string> = {
  [ZH.normal]: "Normal shipping",
  [ZH.region]: "Exception: region head approval",
  [ZH.letter]: "Exception: customer commitment letter and president approval",
  [ZH.full]: "Do not ship: 100% payment required",
  [ZH.none]: "Do not ship: no contract or agreement",
  [ZH.broken]: "Do not ship: earlier payment promise not kept",
};

/** How each column of the spec is entered: [documents, paidRatio, requiredRatio] situations. */
const COLUMN_SITUATIONS: Record<string, Array<[string, unknown, unknown]>> = {
  有合同: [
    ["有合同", 0.3, 0.3], // paid exactly the agreed share: in (inclusive)
    ["有合同", 0, undefined], // nothing agreed before shipment (default 0)
    ["合同", "100%", "50%"],
  ],
  有协议无合同: [
    ["有协议无合同", 0.5, undefined],
    ["协议", 0.9999, 0.3],
  ],
  约定的款项未到: [
    ["有合同", 0.1, 0.3],
    ["合同", 0.2999, 0.3],
    ["合同", 0, "60%"],
  ],
};

/** The spec cell's answer below 100% paid, and at 100% (除100%到款 lifts the ban). */
function cellAnswers(cell: string): { below: string; atFull: string; brokenPromise: string } {
  switch (cell) {
    case "正常发货":
      return { below: ZH.normal, atFull: ZH.normal, brokenPromise: ZH.normal };
    case "异常发货(片)":
      return { below: ZH.region, atFull: ZH.region, brokenPromise: ZH.region };
    case "不可发货(除100%到款)":
      return { below: ZH.full, atFull: ZH.normal, brokenPromise: ZH.full };
    case "异常发货(函、总)":
      return { below: ZH.letter, atFull: ZH.letter, brokenPromise: ZH.broken };
  }
  throw new Error(`unknown spec cell ${cell}`);
}

function specCells(): Array<{ cls: string; column: string; cell: string }> {
  const lines = SPEC_GRID.trim().split("\n");
  const cols = lines[0].split("|").slice(2, -1).map((c) => c.trim().split(" ")[0]);
  return lines.slice(2).flatMap((line) => {
    const [cls, ...cells] = line.split("|").slice(1, -1).map((c) => c.trim());
    return cells.map((cell, i) => ({ cls, column: cols[i], cell }));
  });
}

describe("§12 data", () => {
  test("neither contract nor agreement is a [default] row for every class", () => {
    expect(DEFAULT_SHIP.matrix.filter((r) => r.documents === "none")).toEqual([
      { code: "any.none.any", customerClass: null, documents: "none", payment: "any", outcome: "noDocuments", mark: "default" },
    ]);
    expect(DEFAULT_SHIP.settings.find((r) => r.key === "requiredRatioDefault")).toMatchObject({ value: 0, mark: "default" });
  });

  test("photo thresholds are data marked as the spec's reading", () => {
    const byCode = Object.fromEntries(DEFAULT_SHIP.photoProducts.map((r) => [r.code, r]));
    expect(byCode.shuntReactor).toMatchObject({ minCapacityKvar: 10000, minVoltageKV: null, mark: "reading" });
    expect(byCode.capacitor).toMatchObject({ minCapacityKvar: 10000, minVoltageKV: 220, mark: "reading" });
    expect(byCode.qingneng).toMatchObject({ minCapacityKvar: null, minVoltageKV: null });
    expect(byCode.gis).toMatchObject({ minCapacityKvar: null, minVoltageKV: null });
  });
});

describe("CANSHIP: every cell of the §12 grid", () => {
  const cells = specCells();
  test("the spec grid has 12 cells", () => expect(cells).toHaveLength(12));

  test.each(cells.map((c) => [c.cls, c.column, c.cell]))("%s · %s: %s", (cls, column, cell) => {
    const answers = cellAnswers(cell);
    for (const [documents, paid, required] of COLUMN_SITUATIONS[column]) {
      const args = [cls, documents, paid, required];
      const expected = answers.below;
      expect({ args, r: ship(args) }).toMatchObject({ args, r: { value: expected } });
      expect({ args, r: ship([...args, false, "en"]) }).toMatchObject({ args, r: { value: EN[expected] } });
    }
    if (column === "有协议无合同") {
      // (除100%到款): 100% payment, as a fraction or a percent text; overpaid counts as fully paid
      for (const paid of [1, "100%", "１００％", 1.2, "120%"]) {
        expect({ paid, r: ship([cls, "协议", paid]) }).toMatchObject({ paid, r: { value: answers.atFull } });
      }
    }
    if (column === "约定的款项未到") {
      // a customer who broke an earlier payment promise gets no letter-and-president exception
      expect(ship([cls, "合同", 0.1, 0.3, true])).toMatchObject({ value: answers.brokenPromise });
      expect(ship([cls, "合同", 0.1, 0.3, "是", "en"])).toMatchObject({ value: EN[answers.brokenPromise] });
      expect(ship([cls, "合同", 0.1, 0.3, "否"])).toMatchObject({ value: answers.below });
    }
  });

  test.each(["系统内", "系统外A类", "B类", "C类"])("%s with neither contract nor agreement: do not ship [default]", (cls) => {
    for (const [docs, paid] of [["无", 0], ["无合同无协议", 0.5], ["none", 1], ["無合同或協議", "100%"]] as const) {
      expect(ship([cls, docs, paid])).toMatchObject({ value: ZH.none });
      expect(ship([cls, docs, paid, 0, true, "en"])).toMatchObject({ value: EN[ZH.none] });
    }
  });

  test("a broken promise changes only the letter-and-president exception", () => {
    expect(ship(["B类", "合同", 0.5, 0.3, true])).toMatchObject({ value: ZH.normal });
    expect(ship(["B类", "协议", 0.5, 0, true])).toMatchObject({ value: ZH.full });
    expect(ship(["系统内", "协议", 0.5, 0, true])).toMatchObject({ value: ZH.region });
    expect(ship(["系统内", "合同", 0.1, 0.3, true])).toMatchObject({ value: ZH.normal });
    expect(ship(["C类", "合同", 0.1, 0.3, 1])).toMatchObject({ value: ZH.broken });
  });

  test("the reasons name the grid row (and the broken promise)", () => {
    const r = ship(["C类", "合同", 0.1, 0.3, true]);
    expect("reasons" in r && r.reasons.map((x) => `${x.table}/${x.row}`)).toEqual([
      "ship.outcomes/letterPresident",
      "ship.matrix/C.contract.agreedMissing",
      "contract.customerClasses/C",
    ]);
    const d = ship(["B", "无", 1]);
    expect("reasons" in d && d.reasons[0].text.zh).toBe("所有客户（B类） · 无 · 不论到款 → 不可发货：无合同或协议");
  });

  test("documents in simplified, traditional and English", () => {
    const cases: Array<[string, string]> = [
      ["合同", ZH.letter],
      ["有合同", ZH.letter],
      ["contract", ZH.letter],
      [" Contract ", ZH.letter],
      ["协议", ZH.full],
      ["協議", ZH.full],
      ["有協議無合同", ZH.full],
      ["agreement", ZH.full],
      ["Agreement only", ZH.full],
      ["无", ZH.none],
      ["無", ZH.none],
      ["无合同无协议", ZH.none],
      ["無合同無協議", ZH.none],
      ["neither", ZH.none],
      ["NONE", ZH.none],
    ];
    for (const [docs, expected] of cases) {
      expect({ docs, r: ship(["系統外A類", docs, 0.1, 0.3]) }).toMatchObject({ docs, r: { value: expected } });
    }
  });
});

describe("payment ratios", () => {
  // How a ratio is read (cells, fractions, "60%" text) is values.parseRatio's, tested with it;
  // here: the spellings a user types reach the grid as the same fraction.
  test.each([0.3, "30%", "３０％", " 30 % "])("a paid ratio of %p meets an agreed 30%", (paid) => {
    expect(ship(["A", "合同", paid, 0.3])).toMatchObject({ value: ZH.normal });
    expect(ship(["A", "合同", paid, "30.01%"])).toMatchObject({ value: ZH.letter });
  });

  test("agreed payment is in at exactly the agreed share, full payment at exactly 100%", () => {
    expect(ship(["A", "合同", "30%", 0.3])).toMatchObject({ value: ZH.normal });
    expect(ship(["A", "合同", 0.2999, 0.3])).toMatchObject({ value: ZH.letter });
    expect(ship(["A", "协议", 0.9999])).toMatchObject({ value: ZH.full });
    expect(ship(["A", "协议", 1])).toMatchObject({ value: ZH.normal });
  });

  test("shipDecision takes codes and fractions", () => {
    const d = shipDecision(rb, { customerClass: "B", documents: "contract", paidRatio: 0.1, requiredRatio: 0.3 });
    expect(d.value).toMatchObject({ code: "letterPresident", ship: true });
    expect(shipDecision(rb, { customerClass: "B", documents: "agreement", paidRatio: 0.5 }).value).toMatchObject({
      code: "needFullPayment",
      ship: false,
    });
    expect(
      shipDecision(rb, { customerClass: "A", documents: "contract", paidRatio: 0, requiredRatio: 0.2, commitmentBroken: true })
        .value.code,
    ).toBe("promiseBroken");
  });
});

describe("NEEDPHOTO", () => {
  const cases: Array<[unknown[], boolean]> = [
    // shunt reactors from 10000 kvar, inclusive
    [["并抗", 9999], false],
    [["并抗", 10000], true],
    [["并抗", 10001], true],
    [["並抗", "10000 kvar"], true],
    [["并联电抗器", 12000], true],
    [["並聯電抗器", 9999.9], false],
    [["shunt reactor", "１００００"], true],
    [["Shunt Reactor", 1], false],
    // every 清能 product
    [["清能"], true],
    [["清能产品"], true],
    [["清能產品", 5], true],
    [["Qingneng"], true],
    // capacitors from 10000 kvar at 220 kV substations (and above)
    [["电容器", 10000, 220], true],
    [["电容器", 9999, 220], false],
    [["电容器", 10000, 110], false],
    [["电容器", 10000, 219.9], false],
    [["電容器", 20000, 500], true],
    [["capacitor", "10000kvar", "220kV"], true],
    [["Capacitor bank", 10000, "110 kV"], false],
    [["并联电容器", 9999, 500], false],
    // every GIS product
    [["GIS"], true],
    [["gis"], true],
    [["ＧＩＳ"], true],
    [["GIS产品"], true],
    [["GIS產品", 100, 35], true],
    // any other product: FALSE, not an error
    [["变压器"], false],
    [["變壓器", 100000, 500], false],
    [["电抗器", 20000], false],
    [["串联电抗器", 20000], false],
    [["SVG"], false],
    [["transformer"], false],
  ];
  test.each(cases)("NEEDPHOTO%p = %p", (args, expected) => {
    expect(photo(args)).toMatchObject({ value: expected });
  });

  test("a capacity or voltage the product's rule needs, left blank, is #VALUE! naming it", () => {
    expect(photo(["并抗"])).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/^capacityKvar is required; .*10000 kvar/) });
    // Excel on Windows passes 0 for an empty cell: a capacity of 0 is read as blank
    expect(photo(["并抗", 0])).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/^capacityKvar is required/) });
    expect(photo(["电容器", null, 220])).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/^capacityKvar is required/) });
    expect(photo(["电容器", 10000])).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/^voltageKV is required; .*220 kV/) });
    expect(photo(["电容器", 10000, "  "])).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/^voltageKV is required/) });
    expect(photo(["GIS"])).toMatchObject({ value: true });
  });

  test("needPhoto takes plain inputs and names its row", () => {
    expect(needPhoto(rb, { product: "电容器", capacityKvar: 10000, voltageKV: 220 })).toMatchObject({
      value: true,
      reasons: [{ table: "ship.photoProducts", row: "capacitor" }],
    });
    expect(needPhoto(rb, { product: "开关柜" })).toMatchObject({ value: false, reasons: [{ row: "other" }] });
  });

  test("a changed rulebook changes the answer", () => {
    const changed = copy();
    changed.ship.photoProducts.find((r) => r.code === "shuntReactor")!.minCapacityKvar = 20000;
    changed.ship.photoProducts.find((r) => r.code === "capacitor")!.minVoltageKV = 110;
    changed.ship.photoProducts.push({
      code: "transformer",
      zh: "变压器",
      en: "Transformer",
      aliases: [],
      minCapacityKvar: null,
      minVoltageKV: null,
      mark: "default",
    });
    expect(photo(["并抗", 10000], changed)).toMatchObject({ value: false });
    expect(photo(["电容器", 10000, 110], changed)).toMatchObject({ value: true });
    expect(photo(["变压器"], changed)).toMatchObject({ value: true });
    expect(photo(["并抗", 10000])).toMatchObject({ value: true });
  });
});

describe("a changed shipping rulebook", () => {
  test("settings and grid rows are data", () => {
    const changed = copy();
    changed.ship.settings.find((r) => r.key === "requiredRatioDefault")!.value = 0.3;
    changed.ship.settings.find((r) => r.key === "fullPaymentRatio")!.value = 0.9;
    changed.ship.matrix.find((r) => r.code === "any.none.any")!.outcome = "regionHead";
    changed.ship.outcomes.find((r) => r.code === "letterPresident")!.whenCommitmentBroken = null;

    expect(ship(["B类", "合同", 0.1], changed)).toMatchObject({ value: ZH.letter });
    expect(ship(["B类", "合同", 0.1])).toMatchObject({ value: ZH.normal });
    expect(ship(["B类", "协议", 0.9], changed)).toMatchObject({ value: ZH.normal });
    expect(ship(["C类", "无", 0], changed)).toMatchObject({ value: ZH.region });
    expect(ship(["C类", "合同", 0, 0.5, true], changed)).toMatchObject({ value: ZH.letter });
    expect(ship(["C类", "合同", 0, 0.5, true])).toMatchObject({ value: ZH.broken });
  });

  test("an outcome or setting the grid needs but the rulebook lacks fails only the calls that need it", () => {
    const broken = copy();
    broken.ship.outcomes.find((r) => r.code === "letterPresident")!.whenCommitmentBroken = "vanished";
    broken.ship.settings = broken.ship.settings.filter((r) => r.key !== "requiredRatioDefault");
    expect(ship(["C类", "合同", 0, 0.5, true], broken)).toMatchObject({ error: "#N/A", message: expect.stringMatching(/unknown outcome vanished/) });
    expect(ship(["C类", "合同", 0, 0.5], broken)).toMatchObject({ value: ZH.letter });
    expect(ship(["C类", "合同", 0.1], broken)).toMatchObject({ error: "#N/A", message: expect.stringMatching(/setting requiredRatioDefault is missing/) });
  });

  test("a section once evaluated is frozen: its compiled grid cannot go stale behind an edit", () => {
    const changed = copy();
    expect(ship(["B类", "合同", 0.1], changed)).toMatchObject({ value: ZH.normal });
    expect(() => {
      changed.ship.settings.find((r) => r.key === "requiredRatioDefault")!.value = 0.3;
    }).toThrow(TypeError);
    expect(ship(["B类", "合同", 0.1], changed)).toMatchObject({ value: ZH.normal });
  });
});

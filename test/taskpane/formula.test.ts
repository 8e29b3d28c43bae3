import { parseLtcFormula, qualifiedAddress } from "../../src/taskpane/formula";

describe("parseLtcFormula", () => {
  it("reads a call with cell references, literals and an omitted argument", () => {
    const r = parseLtcFormula('=LTC.OPPSCORE($B$2,"认可",0.3,,TRUE,-1.5e2,25%)');
    expect(r).toEqual({
      ok: true,
      call: {
        name: "OPPSCORE",
        whole: true,
        args: [
          { kind: "ref", sheet: undefined, address: "B2", text: "$B$2", isRange: false },
          { kind: "literal", value: "认可", text: '"认可"' },
          { kind: "literal", value: 0.3, text: "0.3" },
          { kind: "omitted", text: "" },
          { kind: "literal", value: true, text: "TRUE" },
          { kind: "literal", value: -150, text: "-1.5e2" },
          { kind: "literal", value: 0.25, text: "25%" },
        ],
      },
    });
  });

  it("reads ranges and sheet-qualified references, quoted names with doubled quotes", () => {
    const r = parseLtcFormula("=ltc.payscore('Bob''s, \"data\"'!a2:c3,Opps!D9,'商机 2026'!E2)");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.call.name).toBe("PAYSCORE");
    expect(r.call.args).toEqual([
      { kind: "ref", sheet: "Bob's, \"data\"", address: "A2:C3", text: "'Bob''s, \"data\"'!a2:c3", isRange: true },
      { kind: "ref", sheet: "Opps", address: "D9", text: "Opps!D9", isRange: false },
      { kind: "ref", sheet: "商机 2026", address: "E2", text: "'商机 2026'!E2", isRange: false },
    ]);
  });

  it("keeps commas and parentheses inside text literals", () => {
    const r = parseLtcFormula('=LTC.OWNERDEPT("a, (b)","say ""hi""")');
    expect(r.ok && r.call.args.map((a) => (a.kind === "literal" ? a.value : a.kind))).toEqual(["a, (b)", 'say "hi"']);
  });

  it("finds the LTC call inside a larger formula and says it is not the whole formula", () => {
    const r = parseLtcFormula('=IF(A1="LTC.X(",0,LTC.WINPROB(B2,C2,D2,E2))*100');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.call.name).toBe("WINPROB");
    expect(r.call.whole).toBe(false);
    expect(r.call.args).toHaveLength(4);
  });

  it("an empty argument list has no arguments", () => {
    const r = parseLtcFormula("=LTC.RULESVERSION()");
    expect(r.ok && r.call.args).toEqual([]);
  });

  it("marks nested calls and arithmetic as expressions, not guesses", () => {
    const r = parseLtcFormula("=LTC.OPPSCORE(B2&C2,UPPER(C2),D2*2,Name1)");
    expect(r.ok && r.call.args.map((a) => a.kind)).toEqual(["expression", "expression", "expression", "expression"]);
  });

  it.each([
    [42, "notFormula"],
    [null, "notFormula"],
    ["LTC.OPPSCORE(B2)", "notFormula"],
    ["=SUM(A1:A3)", "noLtcCall"],
    ["=XLTC.FOO(1)", "noLtcCall"],
    ['="LTC.OPPSCORE(1)"', "noLtcCall"],
    ["=LTC.OPPSCORE(B2,", "syntax"],
    ['=LTC.OPPSCORE("B2)', "syntax"],
  ])("rejects %p as %s", (formula, reason) => {
    const r = parseLtcFormula(formula);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe(reason);
  });
});

describe("qualifiedAddress", () => {
  it("quotes sheet names Excel would quote", () => {
    expect(qualifiedAddress("Opps", "B2")).toBe("Opps!B2");
    expect(qualifiedAddress("商机", "B2")).toBe("商机!B2");
    expect(qualifiedAddress("My sheet", "B2")).toBe("'My sheet'!B2");
    expect(qualifiedAddress("Bob's", "B2")).toBe("'Bob''s'!B2");
    expect(qualifiedAddress("AB12", "B2")).toBe("'AB12'!B2");
  });
});

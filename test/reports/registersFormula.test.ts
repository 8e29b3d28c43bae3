import { savedFormula, thisRowRef } from "../../src/reports/sheetplan";

describe("formulas as an .xlsx file saves them", () => {
  it("writes a custom function call as Excel saves it: _xldudf_NS_NAME, the namespace's dot an underscore", () => {
    expect(savedFormula({ formula: "=LTC.OPPSCORE(A2,B2,C2,D2)", customFunctionNamespace: "LTC" })).toBe("_xldudf_LTC_OPPSCORE(A2,B2,C2,D2)");
    // the Excel-written evidence: =CONTOSO.ADD(1,2) is saved as _xldudf_CONTOSO_ADD(1,2)
    expect(savedFormula({ formula: "=CONTOSO.ADD(1,2)", customFunctionNamespace: "CONTOSO" })).toBe("_xldudf_CONTOSO_ADD(1,2)");
  });

  it("leaves built-in functions, other namespaces and text literals alone", () => {
    const f = { formula: '=IF(A2="LTC.OPPSCORE(","",STDEV.S(B2:B9)+XLTC.OPPSCORE(1)+LTC.WINPROB(1,2,3,4))', customFunctionNamespace: "LTC" };
    expect(savedFormula(f)).toBe('IF(A2="LTC.OPPSCORE(","",STDEV.S(B2:B9)+XLTC.OPPSCORE(1)+_xldudf_LTC_WINPROB(1,2,3,4))');
    expect(savedFormula({ formula: "=LTC.OPPSCORE(1,2,3,4)" })).toBe("LTC.OPPSCORE(1,2,3,4)");
  });

  it("turns this-row references into the file's Table[[#This Row],[Header]], escapes kept", () => {
    expect(thisRowRef("品牌认同度")).toBe("[@品牌认同度]");
    expect(thisRowRef("Brand recognition")).toBe("[@[Brand recognition]]");
    expect(thisRowRef("No. [x] #1's")).toBe("[@[No. '[x'] '#1''s]]");
    const f = { formula: `=LTC.OPPSCORE(${thisRowRef("品牌认同度")},${thisRowRef("Brand recognition")},${thisRowRef("a]b")},"[@x]")`, customFunctionNamespace: "LTC" };
    expect(savedFormula(f, "商机登记表")).toBe(
      `_xldudf_LTC_OPPSCORE(商机登记表[[#This Row],[品牌认同度]],商机登记表[[#This Row],[Brand recognition]],商机登记表[[#This Row],[a']b]],"[@x]")`,
    );
    // without a table name the reference stays as typed
    expect(savedFormula({ formula: "=[@a]+1" })).toBe("[@a]+1");
  });
});

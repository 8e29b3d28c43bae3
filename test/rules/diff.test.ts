import { diffLines, diffRulebooks } from "../../src/rules/diff";
import { rulebookStamp } from "../../src/rules/fingerprint";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";

function copy(): Rulebook {
  return JSON.parse(JSON.stringify(DEFAULT_RULEBOOK)) as Rulebook;
}

describe("diff of two rulebooks, by table and row", () => {
  test("the same rules: no differences", () => {
    const d = diffRulebooks(DEFAULT_RULEBOOK, copy());
    expect(d.same).toBe(true);
    expect(d.tables).toEqual([]);
    expect(diffLines(d, "en")).toEqual(["No differences"]);
    expect(diffLines(d, "zh")).toEqual(["与对照规则相同，没有差异"]);
  });

  test("a changed setting and a changed row read plainly, in both languages", () => {
    const rb = copy();
    rb.version = "east-2027";
    rb.owner.settings.find((s) => s.key === "mtoThresholdFen")!.value = 300_000_000;
    rb.receivables.agingBuckets.find((b) => b.code === "aging.d31_90")!.maxDays = 60;
    rb.owner.offices.find((o) => o.code === "office.hunan")!.region = "region.south";
    const d = diffRulebooks(DEFAULT_RULEBOOK, rb);
    expect(d.same).toBe(false);
    expect(d.from).toBe(rulebookStamp(DEFAULT_RULEBOOK));
    expect(d.to).toBe(rulebookStamp(rb));
    expect(d.tables.map((t) => t.table)).toEqual(["owner.offices", "owner.settings", "receivables.agingBuckets"]);
    expect(d.tables[1].changes).toEqual([
      {
        kind: "changed",
        key: "mtoThresholdFen",
        label: { zh: "发电MTO项目金额门槛", en: "Power-generation MTO amount threshold" },
        fields: [{ column: "value", header: { zh: "值", en: "Value" }, from: 500_000_000, to: 300_000_000 }],
      },
    ]);
    expect(diffLines(d, "en")).toEqual([
      "Version: deck-2026.1 → east-2027",
      'Representative offices (owner.offices) › office.hunan "Hunan office" › Region: region.central → region.south',
      'Owner-department settings (owner.settings) › mtoThresholdFen "Power-generation MTO amount threshold" › Value: 500000000 → 300000000 (5,000,000 CNY → 3,000,000 CNY)',
      'Aging buckets (receivables.agingBuckets) › aging.d31_90 "31-90 days" › Max days, inclusive: 90 → 60',
    ]);
    expect(diffLines(d, "zh")).toEqual([
      "版本：deck-2026.1 → east-2027",
      "代表处 (owner.offices) › office.hunan「湖南代表处」 › 片区：region.central → region.south",
      "主责部门设置 (owner.settings) › mtoThresholdFen「发电MTO项目金额门槛」 › 值：500000000 → 300000000（500万元 → 300万元）",
      "账龄区间 (receivables.agingBuckets) › aging.d31_90「31-90天」 › 天数上限（含）：90 → 60",
    ]);
  });

  test("added, removed and reordered rows, and list cells", () => {
    const rb = copy();
    rb.receivables.policies = rb.receivables.policies.filter((p) => p.code !== "policy.fundingPlan");
    rb.receivables.policies.push({ code: "policy.monthlyCall", zh: "每月电话对账", en: "Reconcile by phone every month", mark: "default" });
    rb.owner.regions.reverse();
    rb.team.duties.find((x) => x.code === "duty.pm.success")!.roles = ["role.pm", "role.sponsor"];
    const d = diffRulebooks(DEFAULT_RULEBOOK, rb);
    const lines = diffLines(d, "en");
    expect(lines).toContain('Regions (owner.regions) › rows reordered');
    expect(lines).toContain('Role duties (team.duties) › duty.pm.success "Answers for the project\'s success" › Roles: role.pm → role.pm | role.sponsor');
    expect(lines).toContain('Receivables policies (receivables.policies) › removed row policy.fundingPlan "Each representative office checks the province bureau\'s monthly funding plan"');
    expect(lines).toContain('Receivables policies (receivables.policies) › added row policy.monthlyCall "Reconcile by phone every month"');
    const added = d.tables.find((t) => t.table === "receivables.policies")!.changes.find((c) => c.kind === "added")!;
    expect(added.fields.map((f) => [f.column, f.to])).toEqual([
      ["code", "policy.monthlyCall"],
      ["zh", "每月电话对账"],
      ["en", "Reconcile by phone every month"],
      ["mark", "default"],
    ]);
  });

  test("a blank cell reads as blank", () => {
    const rb = copy();
    rb.owner.departments.find((x) => x.code === "dept.siteoffice")!.place = null;
    expect(diffLines(diffRulebooks(DEFAULT_RULEBOOK, rb), "en")).toEqual([
      'Owner departments (owner.departments) › dept.siteoffice "Office of the project site" › Place: 项目所在地 → (blank)',
    ]);
  });
});

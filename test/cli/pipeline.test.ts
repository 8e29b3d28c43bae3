import * as fs from "fs";
import * as path from "path";
import JSZip from "jszip";
import { pipelineGroupOf } from "../../src/cli/pipeline";
import { craftedTable } from "../fixtures/pipelineTable";
import { ltc, readWorkbook, rowStartingWith, tempDir, writeInput } from "./cliHarness";

/** `ltc pipeline` end to end: an input workbook in, the report's sheets out, its refusals and errors. */

describe("ltc pipeline", () => {
  const dir = tempDir("pipeline");
  const input = path.join(dir, "商机.xlsx");

  beforeAll(async () => {
    await writeInput(input, [{ sheet: "商机", tableName: "Opportunities", table: craftedTable() }], { junkFirst: true });
  });

  test("writes summary, funnel, forecast, attention, detail and data issues; stdout reconciles", async () => {
    const out = path.join(dir, "pipeline.xlsx");
    const run = await ltc(["pipeline", input, "--as-of", "2026-11-30", "-o", out]);
    expect(run.errLines).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.out).toContain(
      "rows read 14 · counted 10 · rejected 4 · open pipeline 5 (amount 1,500,000.18, weighted 1,375,000.16) · attention 6 · data issues 4",
    );
    expect(run.out).toContain("reconciliation OK: all rows 5,300,410.18 = counted 5,300,350.18 + rejected 60.00");
    expect(run.out).toContain(`wrote ${out}`);
    const wb = await readWorkbook(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "商机漏斗-汇总",
      "商机漏斗-漏斗",
      "商机漏斗-预测",
      "商机漏斗-关注",
      "商机漏斗-明细",
      "商机漏斗-数据问题",
    ]);
    const summary = wb.getWorksheet("商机漏斗-汇总")!;
    expect(rowStartingWith(summary, "湖南代表处")?.slice(0, 4)).toEqual(["湖南代表处", 2, 0.16, 0.14]);
    expect(rowStartingWith(summary, "合计")?.slice(-3)).toEqual([5, 1_500_000.18, 1_375_000.16]);
    // ExcelJS cannot draw charts: the anchor cell says where the chart goes
    const zip = await JSZip.loadAsync(fs.readFileSync(out));
    const comments = await Promise.all(Object.keys(zip.files).filter((n) => /comments\d*\.xml$/.test(n)).map((n) => zip.file(n)!.async("string")));
    expect(comments.join("\n")).toContain("图表「各组在手商机加权金额（按阶段）」只在 Excel 加载项中生成");
    expect(comments.join("\n")).toContain("图表「加权金额预测（按月）」");
    const attention = wb.getWorksheet("商机漏斗-关注")!;
    const rowOf = (project: string) => {
      let found: unknown[] | undefined;
      attention.eachRow((r) => {
        if (r.getCell(2).value === project) found = (r.values as unknown[]).slice(1);
      });
      return found;
    };
    expect(rowOf("验证甲")).toEqual([3, "验证甲", "湖南代表处", "验证机会点", "60 天未跟进，超过验证机会点阶段的跟进时限 30 天"]);
  });

  test("--by 片区 --lang en: English sheets grouped by region", async () => {
    const out = path.join(dir, "pipeline-en.xlsx");
    const run = await ltc(["pipeline", input, "--as-of", "2026/11/30", "--by", "片区", "--lang", "en", "-o", out]);
    expect(run.code).toBe(0);
    const wb = await readWorkbook(out);
    expect(wb.worksheets.map((w) => w.name)[0]).toBe("Pipeline summary");
    const summary = wb.getWorksheet("Pipeline summary")!;
    expect(rowStartingWith(summary, "Grouped by")?.[1]).toBe("Region");
    expect(rowStartingWith(summary, "Central China region")?.slice(0, 4)).toEqual(["Central China region", 2, 0.16, 0.14]);
  });

  test("--by accepts the five groupings in Chinese and English, nothing else", () => {
    expect(["代表处", "片区", "主责部门", "项目类型", "项目经理", "Owner department", "PM"].map(pipelineGroupOf)).toEqual([
      "office",
      "region",
      "ownerDept",
      "projectType",
      "pm",
      "ownerDept",
      "pm",
    ]);
    expect(() => pipelineGroupOf("客户")).toThrow("--by \"客户\": accepts 代表处 (office), 片区 (region), 主责部门 (owner department), 项目类型 (project type), 项目经理 (project manager)");
  });

  test("usage errors: no --as-of, -o over the input, a table without 阶段 and 状态", async () => {
    const noDate = await ltc(["pipeline", input, "-o", path.join(dir, "x.xlsx")]);
    expect(noDate.code).toBe(2);
    expect(noDate.errLines[0]).toMatch(/^ltc: --as-of is required/);
    const over = await ltc(["pipeline", input, "--as-of", "2026-11-30", "-o", input]);
    expect(over.code).toBe(2);
    expect(over.errLines[0]).toMatch(/^ltc: -o .*商机\.xlsx is the input .*; it is left untouched/);
    expect(fs.statSync(input).size).toBeGreaterThan(0);

    const t = craftedTable();
    const keep = t.header.map((h) => h !== "阶段" && h !== "状态");
    const bare = path.join(dir, "bare.xlsx");
    await writeInput(bare, [
      { sheet: "商机", tableName: "Opportunities", table: { ...t, header: t.header.filter((_, i) => keep[i]), rows: t.rows.map((r) => r.filter((_, i) => keep[i])) } },
    ]);
    const missing = await ltc(["pipeline", bare, "--as-of", "2026-11-30", "-o", path.join(dir, "bare-out.xlsx")]);
    expect(missing.code).toBe(2);
    expect(missing.errLines[0]).toMatch(/^ltc: The table has no column for 阶段 \(Stage\).*状态 \(Status\)/);
    expect(fs.existsSync(path.join(dir, "bare-out.xlsx"))).toBe(false);
  });
});

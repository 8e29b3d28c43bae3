import { buildCharters } from "../../src/reports/charter";
import { a1, SheetPlan } from "../../src/reports/sheetplan";
import { DEFAULT_RULEBOOK, Rulebook } from "../../src/rules/rulebook";
import { serialFromYmd } from "../../src/rules/values";
import { carryOverReport, selectedDataRows } from "../../src/taskpane/charterModel";
import { readTableAt, readTableAtSelection, renderSheets, TableRef } from "../../src/taskpane/excelBridge";
import { ExcelDouble } from "../doubles/excelDouble";
import { opportunityTable, ROW } from "../fixtures/opportunities";

/**
 * The charter wizard's generate action against the Excel double, as the pane
 * runs it: read the selected opportunity, build its charter, render it, and
 * say what became of the entries typed into the charter it replaces.
 */

const GENERATED = serialFromYmd(2026, 11, 27);

/** A rulebook whose team has no delivery representative (a company that folded the role into the PM's). */
function withoutDelivery(): Rulebook {
  const rb = structuredClone(DEFAULT_RULEBOOK) as Rulebook;
  const team = rb.team as unknown as { roles: { code: string }[]; ranks: { role: string }[]; duties: { role: string }[] };
  team.roles = team.roles.filter((r) => r.code !== "role.delivery");
  team.ranks = team.ranks.filter((r) => r.role !== "role.delivery");
  team.duties = team.duties.filter((r) => r.role !== "role.delivery");
  return rb;
}

function workbook(): ExcelDouble {
  const d = new ExcelDouble();
  const table = opportunityTable();
  const s = d.addSheet("机会点");
  d.put(s, "A1", [[...table.header], ...table.rows.map((r) => [...r])]);
  d.select("机会点", `B${ROW.stateGrid}`);
  return d;
}

/** The pane's "read the selection" action: the table and the selected rows, kept for the generate action. */
async function readSelection(d: ExcelDouble): Promise<{ ref: TableRef; rows: number[] }> {
  const found = await d.run((ctx) => readTableAtSelection(ctx as unknown as Excel.RequestContext));
  return { ref: found.ref, rows: selectedDataRows(found.table, found.firstSelectedRow, found.lastSelectedRow) };
}

/** The pane's "generate" action: the table read again where it was found, the charter built and rendered. */
async function generate(d: ExcelDouble, selected: { ref: TableRef; rows: number[] }, rb: Rulebook = DEFAULT_RULEBOOK) {
  const before = d.syncCount;
  const out = await d.run(async (ctx) => {
    const context = ctx as unknown as Excel.RequestContext;
    const table = await readTableAt(context, selected.ref);
    const build = buildCharters(table, selected.rows, { generatedOn: GENERATED, lang: "zh" }, rb);
    const readSyncs = d.syncCount - before;
    const result = await renderSheets(context, build.plans, { activate: true, markerStore: "customProperties" });
    return { plan: build.plans[0], result, readSyncs };
  });
  return { ...out, renderSyncs: d.syncCount - before - out.readSyncs, report: carryOverReport(out.result.sheets, "zh") };
}

/** The A1 address of the input cell with this key. */
function at(plan: SheetPlan, key: string): string {
  const cell = plan.inputs!.cells.find((c) => c.key === key);
  if (!cell) throw new Error(`no input cell ${key}`);
  return a1(cell.row, cell.col);
}

async function type(d: ExcelDouble, sheet: string, address: string, text: string): Promise<void> {
  await d.run(async (ctx) => {
    const range = ctx.workbook.worksheets.getItem(sheet).getRange(address);
    if (text.startsWith("=")) range.formulas = [[text]];
    else range.values = [[text]];
  });
}

describe("charter wizard: regenerating keeps what people typed into the yellow cells", () => {
  test("entries are carried over by key; a role removed from the team has its entry listed on the sheet and named in the pane, not lost", async () => {
    const d = workbook();
    const selected = await readSelection(d);
    expect(selected.rows).toEqual([ROW.stateGrid]);
    const first = await generate(d, selected);
    const sheet = first.result.sheets[0].name;
    expect(first.renderSyncs).toBe(3);
    expect(first.report).toEqual({ attention: false, lines: [] });

    // the first meeting's notes and the first risk's response, whatever their rulebook codes
    const meeting = first.plan.inputs!.cells.find((c) => c.key.startsWith("meeting/") && c.key.endsWith("/notes"))!.key;
    const typed: Record<string, string> = {
      "team/role.pm/person": "张三",
      "team/role.delivery/person": "赵六",
      "budget/1/amount": "50000",
      "approval/approval/bonusflow.approval.draft/opinion": "同意",
      [meeting]: "=\"每周\"&\"一\"",
    };
    for (const [key, text] of Object.entries(typed)) await type(d, sheet, at(first.plan, key), text);
    const risk = first.plan.inputs!.cells.find((c) => c.key.startsWith("risk/") && c.key.endsWith("/response"))!.key;
    await type(d, sheet, at(first.plan, risk), "提前锁定排产");

    // regenerate from the same data: every entry is back in its cell; one more sync reads the earlier sheet
    const again = await generate(d, selected);
    expect(again.renderSyncs).toBe(4);
    expect(again.result.sheets[0]).toMatchObject({ name: sheet, replaced: true, carried: { placed: 6, unplaced: [] } });
    expect(again.report).toEqual({ attention: false, lines: [`“${sheet}”：已将您在原表中填写的 6 项内容放回新表的对应位置。`] });
    const s = d.sheet(sheet);
    expect(s.cell(at(again.plan, "team/role.pm/person")).value).toBe("张三");
    expect(s.cell(at(again.plan, "budget/1/amount")).value).toBe(50000);
    expect(s.cell(at(again.plan, meeting)).formula).toBe("=\"每周\"&\"一\"");
    expect(s.cell(at(again.plan, risk)).value).toBe("提前锁定排产");

    // the company drops the delivery role: the rows below the team move up, the entries follow their keys
    const fewer = await generate(d, selected, withoutDelivery());
    expect(fewer.plan.inputs!.cells.some((c) => c.key.startsWith("team/role.delivery"))).toBe(false);
    expect(at(fewer.plan, "budget/1/amount")).not.toBe(at(again.plan, "budget/1/amount"));
    const n = d.sheet(sheet);
    expect(n.cell(at(fewer.plan, "team/role.pm/person")).value).toBe("张三");
    expect(n.cell(at(fewer.plan, "budget/1/amount")).value).toBe(50000);
    expect(n.cell(at(fewer.plan, "approval/approval/bonusflow.approval.draft/opinion")).value).toBe("同意");
    expect(n.cell(at(fewer.plan, risk)).value).toBe("提前锁定排产");
    expect(fewer.result.sheets[0].carried).toEqual({ placed: 5, unplaced: [{ label: "组建项目团队并明确分工 · 交付代表 · 姓名", value: "赵六" }] });
    // on the sheet: below everything, what it was for and what it held (still an input cell)
    const label = [...n.cells.entries()].find(([, c]) => c.value === "组建项目团队并明确分工 · 交付代表 · 姓名");
    expect(label).toBeDefined();
    const width = n.key(1, 0);
    const [labelKey] = label!;
    expect(n.cell(Math.floor(labelKey / width), (labelKey % width) + 1).value).toBe("赵六");
    expect(Math.floor(labelKey / width)).toBeGreaterThan(Math.max(...fewer.plan.blocks.map((b) => b.row + b.values.length - 1)));
    // in the pane: a warning naming the entry
    expect(fewer.report.attention).toBe(true);
    expect(fewer.report.lines).toEqual([
      `“${sheet}”：已将您在原表中填写的 5 项内容放回新表的对应位置。`,
      `“${sheet}”：原表中有 1 项填写内容在新表中已无对应位置（如该角色已不在团队中），未删除，已列在该表底部：`,
      "组建项目团队并明确分工 · 交付代表 · 姓名：赵六",
    ]);

    // regenerated once more, the entry without a place is still there
    const still = await generate(d, selected, withoutDelivery());
    expect(still.result.sheets[0].carried?.unplaced).toEqual([{ label: "组建项目团队并明确分工 · 交付代表 · 姓名", value: "赵六" }]);
  });

  test("the pane says in English when a sheet's columns were changed and the earlier sheet is kept", () => {
    const report = carryOverReport([{ name: "Charter-X (2)", ownerKey: "charter:X", replaced: false, keptEarlier: "Charter-X" }], "en");
    expect(report).toEqual({
      attention: true,
      lines: [
        "Columns were inserted or deleted in the earlier sheet “Charter-X”, so its entries could not be placed: it is kept as it is, as your own sheet from now on, and the new charter is in “Charter-X (2)”.",
      ],
    });
  });
});

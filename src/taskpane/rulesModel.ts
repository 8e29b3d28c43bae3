/**
 * The Rules view's pure part: what a check of the rules sheet found, as pane
 * text: every error with sheet, table, row, column and why; or the readable
 * differences the import would make (and how the rules differ from the
 * built-in default); and what a co-author's change of the stored rules did.
 */
import { diffLines, diffRulebooks } from "../rules/diff";
import { rulebookStamp } from "../rules/fingerprint";
import { DEFAULT_RULEBOOK, Rulebook } from "../rules/rulebook";
import { defineMessages, say } from "../rules/messages";
import { Lang } from "../rules/types";
import { formatRuleError, ImportResult, isRejected, RuleError } from "../rules/validate";

export type CheckReport =
  | { kind: "rejected"; errors: string[] }
  | {
      kind: "valid";
      rulebook: Rulebook;
      /** "version · fingerprint" of the checked rules */
      stamp: string;
      /** nothing would change: the sheet holds the rules in force */
      same: boolean;
      /** what importing would change, compared with the rules in force */
      vsActive: string[];
      /** how the checked rules differ from the built-in default (null when the rules in force are the default: then it is vsActive) */
      vsDefault: string[] | null;
      /** what the check completed from the built-in rulebook (tables, rows, settings an earlier version's sheet lacks) */
      completed: string[];
    };

export function checkReport(result: ImportResult, active: Rulebook, ui: Lang): CheckReport {
  if (isRejected(result)) return { kind: "rejected", errors: result.errors.map((e) => formatRuleError(e, ui)) };
  const rb = result.rulebook;
  const vsActive = diffRulebooks(active, rb);
  const activeIsDefault = rulebookStamp(active) === rulebookStamp(DEFAULT_RULEBOOK);
  return {
    kind: "valid",
    rulebook: rb,
    stamp: rulebookStamp(rb),
    same: vsActive.same,
    vsActive: diffLines(vsActive, ui),
    vsDefault: activeIsDefault ? null : diffLines(diffRulebooks(DEFAULT_RULEBOOK, rb), ui),
    completed: (result.notices ?? []).map((e) => formatRuleError(e, ui)),
  };
}

/**
 * Whether a rules sheet about to be written over holds edits not imported:
 * rules that do not validate, or rules that are neither those the sheet was
 * written with (its stamp) nor those in force. Exporting over it would lose
 * them, so the export is refused and says so.
 */
export function hasUnimportedEdits(read: ImportResult, writtenStamp: string | undefined, active: Rulebook): boolean {
  if (isRejected(read)) return true;
  const stamp = rulebookStamp(read.rulebook);
  return stamp !== writtenStamp && stamp !== rulebookStamp(active);
}

export const EXPORT_TEXT = defineMessages({
  keptEdits: {
    zh: "工作表 {sheet} 中有尚未导入的修改，未覆盖它：请先检查并导入这些修改，或将该工作表改名以保留它，然后再导出。",
    en: "Sheet {sheet} has edits that are not imported, so it was not written over: check and import them first, or rename the sheet to keep it, then export again.",
  },
});

const STORED_FORM = defineMessages({
  settingsForm: {
    zh: "本工作簿的规则仍以旧版本的方式保存在加载项的文档设置中（仍然有效）。下次导入规则时，会移到非常隐藏的工作表 {sheet}；在此之前，其他共同编辑者对规则的修改不会传到已打开的会话中。",
    en: "This workbook's rules are still kept the way earlier versions kept them, in the add-in's document settings (they are in force). The next import of rules moves them to the very hidden sheet {sheet}; until then, a co-author's change of the rules does not reach sessions already open.",
  },
});

/**
 * What the pane says of the form the workbook's rules in force are stored in:
 * nothing for the store sheet (or no rules of its own in force), and for the
 * settings form of earlier versions that the next import moves them to the store sheet.
 */
export function storedFormNotice(storedAs: "sheet" | "settings" | undefined, storeSheet: string, ui: Lang): string | null {
  return storedAs === "settings" ? say(ui, STORED_FORM.settingsForm, { sheet: storeSheet }) : null;
}

/** What the workbook holds besides the built-in default: nothing, a valid rulebook, or one that does not validate. */
export type StoredRules = "none" | "valid" | "invalid";

/**
 * What "Restore the built-in default" asks before it deletes anything: a
 * confirmation whenever the workbook holds rules (restoring deletes them for
 * every co-author), with the offer to export them to a sheet first when they
 * are valid (invalid ones are not in force, so exporting would write the
 * default instead).
 */
export function resetOffer(stored: StoredRules): { confirm: boolean; exportFirst: boolean } {
  return { confirm: stored !== "none", exportFirst: stored === "valid" };
}

const COAUTHOR = defineMessages({
  changedRemote: {
    zh: "另一位作者修改了本工作簿的规则：现按 {stamp} 计算，LTC 公式已重新计算。",
    en: "Another author changed this workbook's rules: {stamp} is in force now and LTC formulas have been recalculated.",
  },
  changedLocal: {
    zh: "本工作簿保存的规则已在别处被修改：现按 {stamp} 计算，LTC 公式已重新计算。",
    en: "The rules stored in this workbook were changed elsewhere: {stamp} is in force now and LTC formulas have been recalculated.",
  },
  restoredRemote: {
    zh: "另一位作者恢复了内置默认规则：现按 {stamp} 计算，LTC 公式已重新计算。",
    en: "Another author restored the built-in rules: {stamp} is in force now and LTC formulas have been recalculated.",
  },
  restoredLocal: {
    zh: "本工作簿保存的规则已在别处被删除：现按内置默认规则 {stamp} 计算，LTC 公式已重新计算。",
    en: "The rules stored in this workbook were removed elsewhere: the built-in default {stamp} is in force now and LTC formulas have been recalculated.",
  },
  refusedRemote: {
    zh: "另一位作者保存的规则无效，未采用；当前规则 {stamp} 继续有效：",
    en: "Another author saved rules that are not valid, so they were not taken; the rules in force stay {stamp}:",
  },
  refusedLocal: {
    zh: "本工作簿保存的规则被改成了无效的内容，未采用；当前规则 {stamp} 继续有效：",
    en: "The rules stored in this workbook were changed to rules that are not valid, so they were not taken; the rules in force stay {stamp}:",
  },
  changesHeading: { zh: "与之前生效的规则相比：", en: "Compared with the rules in force before:" },
});

/**
 * A change of the workbook's stored rules that reached this session from
 * elsewhere (a co-author's save): new rules in force (`next`; `restored` when
 * the workbook no longer carries its own), or rules refused because they do
 * not validate.
 */
export type StoredRulesChange =
  | { kind: "changed"; remote: boolean; previous: Rulebook; next: Rulebook; restored: boolean }
  | { kind: "refused"; remote: boolean; errors: readonly RuleError[]; kept: Rulebook };

export interface CoauthorReport {
  level: "info" | "warning";
  message: string;
  /** heading of the lines: what changed, or nothing for the errors of refused rules */
  heading: string | null;
  /** what changed against the rules in force before, or why the new rules were refused */
  lines: string[];
}

/** What the pane says when the stored rules changed elsewhere: the new stamp, and what changed or why it was refused. */
export function coauthorReport(change: StoredRulesChange, ui: Lang): CoauthorReport {
  if (change.kind === "refused") {
    return {
      level: "warning",
      message: say(ui, change.remote ? COAUTHOR.refusedRemote : COAUTHOR.refusedLocal, { stamp: rulebookStamp(change.kept) }),
      heading: null,
      lines: change.errors.map((e) => formatRuleError(e, ui)),
    };
  }
  const stamp = rulebookStamp(change.next);
  const message = change.restored
    ? say(ui, change.remote ? COAUTHOR.restoredRemote : COAUTHOR.restoredLocal, { stamp })
    : say(ui, change.remote ? COAUTHOR.changedRemote : COAUTHOR.changedLocal, { stamp });
  return { level: "info", message, heading: say(ui, COAUTHOR.changesHeading), lines: diffLines(diffRulebooks(change.previous, change.next), ui) };
}

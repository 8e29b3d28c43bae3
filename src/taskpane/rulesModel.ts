/**
 * The Rules view's pure part: what a check of the rules sheet found, as pane
 * text: every error with sheet, table, row, column and why; or the readable
 * differences the import would make (and how the rules differ from the
 * built-in default).
 */
import { diffLines, diffRulebooks } from "../rules/diff";
import { rulebookStamp } from "../rules/fingerprint";
import { DEFAULT_RULEBOOK, Rulebook } from "../rules/rulebook";
import { Lang } from "../rules/types";
import { formatRuleError, ImportResult, isRejected } from "../rules/validate";

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

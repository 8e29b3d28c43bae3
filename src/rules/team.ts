import { sectionCompiler } from "./compile";
import { DutyRow, ProjectClassRow, RankRow, RoleRow, TeamRules } from "./data/team";
import { noRule } from "./errors";
import { parseLabel } from "./labels";
import type { Rulebook } from "./rulebook";
import { decided, Decision, RuleRef } from "./types";

/** Rulebook section 7, the project team by class, evaluated; the tables are in data/team. */

export type { ProjectClassRow } from "./data/team";

type TeamBook = Pick<Rulebook, "team">;

/** A cell of the class × role matrix compiled: the rank and its reason ("重大项目的发起人：…"). */
interface RankAnswer {
  rank: RankRow;
  ref: RuleRef;
}

/** §7 compiled: each (class, role) cell's answer, the roles in order, each role's duties in order. */
interface CompiledTeam {
  /** by class code, then role code (nested maps: a lookup builds no key string) */
  ranks: Map<string, Map<string, RankAnswer | undefined>>;
  roles: RoleRow[];
  duties: Map<string, DutyRow[]>;
}

function compileTeam(rules: TeamRules): CompiledTeam {
  const ranks = new Map<string, Map<string, RankAnswer | undefined>>();
  for (const cell of rules.matrix) {
    let byRole = ranks.get(cell.projectClass);
    if (!byRole) ranks.set(cell.projectClass, (byRole = new Map()));
    // The first cell of a (class, role) decides; one naming an unknown rank leaves no answer (#N/A).
    if (byRole.has(cell.role)) continue;
    const cls = rules.classes.find((c) => c.code === cell.projectClass);
    const role = rules.roles.find((r) => r.code === cell.role);
    const rank = rules.ranks.find((r) => r.code === cell.rank);
    if (!cls || !role || !rank) {
      byRole.set(cell.role, undefined);
      continue;
    }
    const ref: RuleRef = Object.freeze({
      table: "team.matrix",
      row: cell.code,
      text: Object.freeze({ zh: `${cls.zh}的${role.zh}：${rank.zh}`, en: `${cls.en}, ${role.en}: ${rank.en}` }),
    });
    byRole.set(cell.role, { rank, ref });
  }
  const duties = new Map<string, DutyRow[]>();
  for (const role of rules.roles) {
    duties.set(role.code, rules.duties.filter((d) => d.roles.includes(role.code)).sort((a, b) => a.seq - b.seq));
  }
  return { ranks, roles: [...rules.roles].sort((a, b) => a.seq - b.seq), duties };
}

/** A project class as typed (常规-重大项目 / 重大 / regular-major / …); #VALUE! naming argName otherwise. */
export function parseProjectClass(rb: TeamBook, input: unknown, argName = "projectClass"): ProjectClassRow {
  return parseLabel(rb.team.classes, input, argName);
}

/** A role as typed (发起人 / sponsor / PM / …); #VALUE! naming argName otherwise. */
export function parseRole(rb: TeamBook, input: unknown, argName = "role"): RoleRow {
  return parseLabel(rb.team.roles, input, argName);
}

/** The rank a role requires in a class, from class and role rows already read. */
function rankOf(compiled: CompiledTeam, cls: ProjectClassRow, role: RoleRow): Decision<RankRow> {
  const answer = compiled.ranks.get(cls.code)?.get(role.code);
  if (!answer) throw noRule(`rulebook §7 gives no rank for ${role.zh} (${role.en}) in ${cls.zh} (${cls.en})`);
  return decided(answer.rank, answer.ref);
}

/**
 * The rank the role requires in the project class per §7. Inputs as typed;
 * #VALUE! naming projectClass or role; #N/A where the matrix has no cell.
 */
export function teamRank(rb: TeamBook, projectClass: unknown, role: unknown): Decision<RankRow> {
  const cls = parseProjectClass(rb, projectClass, "projectClass");
  const r = parseRole(rb, role, "role");
  return rankOf(compileTeamOnce(rb.team), cls, r);
}

/** One role of a project's team: the rank it requires and its duties. */
export interface TeamSlot {
  role: RoleRow;
  rank: RankRow;
  duties: DutyRow[];
}

/** The duties of a role, in order. */
export function dutiesOf(rb: TeamBook, roleCode: string): DutyRow[] {
  return [...(compileTeamOnce(rb.team).duties.get(roleCode) ?? [])];
}

/** The whole team a project class requires: every role in order with its rank and duties. */
export function teamFor(rb: TeamBook, projectClass: unknown): Decision<TeamSlot[]> {
  const cls = parseProjectClass(rb, projectClass, "projectClass");
  const compiled = compileTeamOnce(rb.team);
  const slots: TeamSlot[] = [];
  const reasons: RuleRef[] = [];
  for (const role of compiled.roles) {
    const d = rankOf(compiled, cls, role);
    slots.push({ role, rank: d.value, duties: [...(compiled.duties.get(role.code) ?? [])] });
    reasons.push(...d.reasons);
  }
  return { value: slots, reasons };
}

/** compileTeam, once per (frozen) section. */
const compileTeamOnce = sectionCompiler(compileTeam);

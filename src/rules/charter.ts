import { sectionCompiler } from "./compile";
import {
  BonusCategoryRow,
  BonusFlowRow,
  BonusGroupRow,
  BonusTypeMapRow,
  CharterPartRow,
  CharterRules,
  MeetingKindRow,
  MeetingRow,
  RiskSignalRow,
  StakeholderActionRow,
  StakeholderRoleRow,
} from "./data/charter";
import { noRule } from "./errors";
import { parseProjectType, ProjectTypeRow } from "./owner";
import type { Rulebook } from "./rulebook";
import { decided, Decision, RuleRef, Text } from "./types";

/** Rulebook section 8, the project charter, evaluated; the tables (and DEFAULT_CHARTER) are in data/charter. */

type CharterBook = Pick<Rulebook, "charter">;

// ------------------------------------------------------------------ compiled form

/** A stakeholder role with its action checklist. */
export interface StakeholderPlay {
  role: StakeholderRoleRow;
  actions: readonly StakeholderActionRow[];
}

/** A §6 project type's row of the bonus table, with its categories in order. */
interface BonusRule {
  map: BonusTypeMapRow;
  group: BonusGroupRow;
  categories: readonly BonusCategoryRow[];
  /** the categories listed, in both languages */
  text: Text;
  /** the group's reason, worded once */
  groupRef: RuleRef;
  /** a category code the group names but the category table lacks, if any */
  unknownCategory?: string;
}

/** What a risk signal's `subject` tests: "team" (a role) or a score section and its key (a criterion or "total"). */
interface RiskSignal {
  row: RiskSignalRow;
  section: string;
  key: string;
}

/** The charter section, compiled once per (frozen) section: rows in order and lookups by code. */
export interface CompiledCharter {
  parts: readonly CharterPartRow[];
  /** project type code → its bonus row */
  bonusByType: ReadonlyMap<string, BonusRule>;
  /** phase → its steps in order */
  flowByPhase: ReadonlyMap<string, readonly BonusFlowRow[]>;
  playbook: readonly StakeholderPlay[];
  meetings: ReadonlyArray<{ meeting: MeetingRow; kind?: MeetingKindRow }>;
  riskSignals: readonly RiskSignal[];
}

const bySeq = <R extends { seq: number }>(rows: readonly R[]): R[] => [...rows].sort((a, b) => a.seq - b.seq);

export function compileCharter(rules: CharterRules): CompiledCharter {
  const groups = new Map(rules.bonusGroups.map((g) => [g.code, g]));
  const categories = new Map(rules.bonusCategories.map((c) => [c.code, c]));
  const bonusByType = new Map<string, BonusRule>();
  const mapped = new Set<string>();
  for (const map of rules.bonusTypeMap) {
    // a type's first row decides, as a lookup would find it; a group it names that is missing leaves the type unmapped
    if (mapped.has(map.projectType)) continue;
    mapped.add(map.projectType);
    const group = groups.get(map.group);
    if (!group) continue;
    const listed = group.categories.flatMap((code) => categories.get(code) ?? []);
    const text: Text = { zh: listed.map((r) => r.zh).join("、"), en: listed.map((r) => r.en).join(", ") };
    const groupRef: RuleRef = {
      table: "charter.bonusGroups",
      row: group.code,
      text: {
        zh: `${group.zh}：${text.zh}` + (group.noteZh ? `（${group.noteZh}）` : ""),
        en: `${group.en}: ${text.en}` + (group.noteEn ? ` (${group.noteEn})` : ""),
      },
    };
    const rule: BonusRule = { map, group, categories: listed, text, groupRef };
    const unknown = group.categories.find((code) => !categories.has(code));
    if (unknown !== undefined) rule.unknownCategory = unknown;
    bonusByType.set(map.projectType, rule);
  }

  const flowByPhase = new Map<string, BonusFlowRow[]>();
  for (const step of bySeq(rules.bonusFlow)) {
    const steps = flowByPhase.get(step.phase) ?? [];
    steps.push(step);
    flowByPhase.set(step.phase, steps);
  }

  const playbook = bySeq(rules.stakeholderRoles).map((role) => ({
    role,
    actions: bySeq(rules.stakeholderActions.filter((a) => a.role === role.code)),
  }));

  const kinds = new Map(rules.meetingKinds.map((k) => [k.code, k]));
  const meetings = bySeq(rules.meetings).map((meeting) => {
    const kind = kinds.get(meeting.kind);
    return kind ? { meeting, kind } : { meeting };
  });

  const riskSignals = rules.riskSignals.map((row) => {
    const [section = "", ...rest] = row.subject.split(".");
    return { row, section, key: rest.join(".") };
  });

  return { parts: bySeq(rules.parts), bonusByType, flowByPhase, playbook, meetings, riskSignals };
}

const compiled = (rb: CharterBook): CompiledCharter => compileCharterOnce(rb.charter);

// ------------------------------------------------------------------ evaluators

export interface BonusAnswer {
  type: ProjectTypeRow;
  group: BonusGroupRow;
  categories: readonly BonusCategoryRow[];
  /** the categories joined: 、 in zh, ", " in en */
  text: Text;
}

/**
 * The bonus categories of a project type per §8 (type as typed). #VALUE!
 * naming projectType for an unknown type; #N/A for a type §8 has no row for.
 */
export function bonusCategories(rb: Pick<Rulebook, "charter" | "owner">, projectType: unknown): Decision<BonusAnswer> {
  const type = parseProjectType(rb, projectType, "projectType");
  const rule = compiled(rb).bonusByType.get(type.code);
  if (!rule) {
    throw noRule(
      `projectType: rulebook §8 lists no bonus categories for ${type.zh} (${type.en}); set them in the project charter`,
    );
  }
  const { map, group, categories, text } = rule;
  if (rule.unknownCategory !== undefined) {
    throw noRule(`rulebook §8 bonus group ${group.code} names an unknown category ${rule.unknownCategory}`);
  }
  const reasons: RuleRef[] = [
    {
      table: "charter.bonusTypeMap",
      row: map.code,
      text: { zh: `${type.zh} → ${group.zh}`, en: `${type.en} → ${group.en}` },
    },
    rule.groupRef,
  ];
  return { value: { type, group, categories, text }, reasons };
}

/** The charter's six parts in order. */
export function charterParts(rb: CharterBook): readonly CharterPartRow[] {
  return compiled(rb).parts;
}

/** The bonus approval flow of a phase ("approval" or "retrospective"), in order. */
export function bonusFlow(rb: CharterBook, phase: string): readonly BonusFlowRow[] {
  return compiled(rb).flowByPhase.get(phase) ?? [];
}

/** The stakeholder playbook: each customer role in order with its actions. */
export function stakeholderPlaybook(rb: CharterBook): readonly StakeholderPlay[] {
  return compiled(rb).playbook;
}

/** A meeting with its kind and the owner role's display text. */
export interface MeetingPlanRow {
  meeting: MeetingRow;
  kind?: MeetingKindRow;
  owner: Text;
  cadence: Text;
}

/**
 * The communication plan: every meeting in order with cadence and owner. The
 * meeting row's `mark` says whether its cadence and owner are the deck's or a
 * [default] the company should set.
 */
export function meetingPlan(rb: Pick<Rulebook, "charter" | "team">): MeetingPlanRow[] {
  return compiled(rb).meetings.map(({ meeting, kind }) => {
    const role = rb.team.roles.find((r) => r.code === meeting.ownerRole);
    return {
      meeting,
      ...(kind ? { kind } : {}),
      owner: role ? { zh: role.zh, en: role.en } : { zh: meeting.ownerRole, en: meeting.ownerRole },
      cadence: { zh: meeting.cadenceZh, en: meeting.cadenceEn },
    };
  });
}

// ------------------------------------------------------------------ risk signals (charter builder)

/** What the risk signals test: the scores of a project and the roles nobody is assigned to. */
export interface RiskSignalInputs {
  /** criterion code → score, and "total" → the total, of the opportunity evaluation (§4) */
  opportunity?: Readonly<Record<string, number>>;
  /** criterion code → score, and "total" → the total, of the payment model (§5) */
  payment?: Readonly<Record<string, number>>;
  /** role codes (§7) with nobody assigned */
  unassignedRoles?: readonly string[];
}

/**
 * The risk signals that fire for a project: a score at or below its row's
 * `scoreAtMost`, or a role with nobody assigned. A subject whose input is not
 * given (score not computed) does not fire. #N/A for a row whose subject the
 * rulebook does not know.
 */
export function riskSignals(
  rb: Pick<Rulebook, "charter" | "team" | "opportunity" | "payment">,
  inputs: RiskSignalInputs,
): Decision<RiskSignalRow[]> {
  const fired: RiskSignalRow[] = [];
  const reasons: RuleRef[] = [];
  for (const { row, section, key } of compiled(rb).riskSignals) {
    if (section === "team") {
      if (row.scoreAtMost !== null) throw noRule(`rulebook §8 risk signal ${row.code}: a team subject takes no scoreAtMost`);
      if (!rb.team.roles.some((r) => r.code === key)) {
        throw noRule(`rulebook §8 risk signal ${row.code} names an unknown role ${key}`);
      }
      if (inputs.unassignedRoles?.includes(key)) {
        fired.push(row);
        reasons.push({ table: "charter.riskSignals", row: row.code, text: { zh: row.zh, en: row.en } });
      }
      continue;
    }
    if (section !== "opportunity" && section !== "payment") {
      throw noRule(`rulebook §8 risk signal ${row.code} names an unknown subject ${row.subject}`);
    }
    if (row.scoreAtMost === null) throw noRule(`rulebook §8 risk signal ${row.code} needs scoreAtMost`);
    const known = key === "total" || (section === "opportunity" ? rb.opportunity.criteria : rb.payment.criteria).some((c) => c.code === key);
    if (!known) throw noRule(`rulebook §8 risk signal ${row.code} names an unknown subject ${row.subject}`);
    const score = inputs[section]?.[key];
    if (score === undefined || score > row.scoreAtMost) continue;
    fired.push(row);
    reasons.push({
      table: "charter.riskSignals",
      row: row.code,
      text: {
        zh: `${row.zh}（得分 ${score} ≤ ${row.scoreAtMost}）`,
        en: `${row.en} (score ${score} ≤ ${row.scoreAtMost})`,
      },
    });
  }
  return decided(fired, ...reasons);
}

/** compileCharter, once per (frozen) section. */
const compileCharterOnce = sectionCompiler(compileCharter);

import { normalizeLabel } from "../../src/rules/normalize";
import { DEFAULT_RULEBOOK } from "../../src/rules/rulebook";
import {
  ADDED_ROWS,
  COLUMN_HEADERS,
  ENUMS,
  excelTableName,
  headerText,
  NUMBER_RULES,
  REFERENCES,
  rulebookSchema,
  rulebookTables,
  SECTION_NAMES,
  SETTING_RULES,
  settingRef,
  TABLE_NAMES,
  tableIdFromName,
  tableInfo,
  TABLE_RULES,
} from "../../src/rules/tables";

/** The rulebook itself, walked without the module under test. */
const sections = Object.entries(DEFAULT_RULEBOOK).filter(([k]) => k !== "version") as [string, Record<string, Record<string, unknown>[]>][];
const allTables = sections.flatMap(([section, tables]) => Object.entries(tables).map(([table, rows]) => ({ id: `${section}.${table}`, rows })));

describe("the rulebook as named tables", () => {
  test("every section.table is listed, in rulebook order, with its rows and column keys", () => {
    const listed = rulebookTables(DEFAULT_RULEBOOK);
    expect(listed.map((t) => t.id)).toEqual(allTables.map((t) => t.id));
    for (const t of listed) {
      const raw = allTables.find((a) => a.id === t.id)!;
      expect(t.rows).toBe(raw.rows);
      const keys = new Set(raw.rows.flatMap((r) => Object.keys(r)));
      expect(t.columns.map((c) => c.key).sort()).toEqual([...keys].sort());
    }
  });

  test("every column key used in DEFAULT_RULEBOOK has a Chinese and an English header (the data dictionary)", () => {
    const missing: string[] = [];
    for (const t of allTables) {
      for (const row of t.rows) {
        for (const key of Object.keys(row)) {
          const h = COLUMN_HEADERS[key];
          if (!h || !h.zh.trim() || !h.en.trim()) missing.push(`${t.id}.${key}`);
        }
      }
    }
    expect([...new Set(missing)]).toEqual([]);
  });

  test("every table and section has a display name in both languages", () => {
    for (const t of allTables) {
      expect(TABLE_NAMES[t.id]?.zh).toBeTruthy();
      expect(TABLE_NAMES[t.id]?.en).toBeTruthy();
    }
    for (const [section] of sections) expect(SECTION_NAMES[section as keyof typeof SECTION_NAMES]).toBeDefined();
    // no stale names for tables that no longer exist
    expect(Object.keys(TABLE_NAMES).sort()).toEqual(allTables.map((t) => t.id).sort());
  });

  test("within each table, every header spelling names one column", () => {
    for (const info of rulebookSchema()) {
      const seen = new Map<string, string>();
      for (const c of info.columns) {
        for (const spelling of new Set([headerText(c.key), c.header.zh, c.header.en, c.key].map((s) => normalizeLabel(s)))) {
          expect([info.id, spelling, seen.get(spelling) ?? c.key]).toEqual([info.id, spelling, c.key]);
          seen.set(spelling, c.key);
        }
      }
    }
  });

  test("each table has a row key that is unique in the default", () => {
    for (const info of rulebookSchema()) {
      const keys = allTables.find((t) => t.id === info.id)!.rows.map((r) => r[info.keyColumn]);
      expect([info.id, new Set(keys).size]).toEqual([info.id, keys.length]);
      expect(keys.every((k) => typeof k === "string" && k !== "")).toBe(true);
    }
    expect(tableInfo("opportunity.weights")?.keyColumn).toBe("criterion");
    expect(tableInfo("owner.settings")?.keyColumn).toBe("key");
  });

  test("the kinds of columns follow the data: score tables, vocabularies, settings, nullable and list columns", () => {
    expect(tableInfo("opportunity.brand")).toMatchObject({ scored: true, vocabulary: true });
    expect(tableInfo("owner.rules")).toMatchObject({ scored: false, vocabulary: false });
    expect(tableInfo("receivables.settings")?.settings).toBe(true);
    const col = (id: string, key: string) => tableInfo(id)!.columns.find((c) => c.key === key)!;
    expect(col("owner.rules", "condition")).toMatchObject({ kind: "text", nullable: true });
    expect(col("team.duties", "roles")).toMatchObject({ kind: "list" });
    expect(col("receivables.vatCertification", "issuedFrom")).toMatchObject({ kind: "number", nullable: true });
    expect(col("receivables.agingBuckets", "maxDays")).toMatchObject({ kind: "number", nullable: true });
    expect(col("lead.temperatures", "benefitZh")).toMatchObject({ kind: "text", required: false });
    expect(col("lead.temperatures", "actionZh")).toMatchObject({ kind: "text", required: true });
    expect(col("owner.settings", "value").kind).toBe("setting");
  });
});

describe("references and enumerations", () => {
  test("every declared reference holds in the default rulebook", () => {
    for (const [where, ref] of Object.entries(REFERENCES)) {
      const [section, table, column] = where.split(".");
      const rows = allTables.find((t) => t.id === `${section}.${table}`)?.rows;
      expect([where, rows !== undefined]).toEqual([where, true]);
      const targets = new Set(allTables.find((t) => t.id === ref.table)!.rows.map((r) => r[ref.column]));
      expect([where, targets.size > 0]).toEqual([where, true]);
      for (const row of rows!) {
        const v = row[column];
        for (const item of Array.isArray(v) ? v : v === null || v === undefined ? [] : [v]) expect([where, item, targets.has(item)]).toEqual([where, item, true]);
      }
    }
  });

  test("no column that looks like a reference is left undeclared", () => {
    // columns whose values happen to be codes but are not references
    const notReferences = new Set([
      "lead.factors.table", // names a table of §3
      "opportunity.criteria.arg", // function argument names
      "payment.criteria.arg",
      "contract.customerClasses.grade", // the grade A/B/C itself
    ]);
    const ids = new Map<string, Set<unknown>>();
    for (const t of allTables) {
      const key = t.rows.length && "code" in t.rows[0] ? "code" : "key";
      ids.set(t.id, new Set(t.rows.map((r) => r[key])));
    }
    const undeclared: string[] = [];
    for (const t of allTables) {
      const columns = new Set(t.rows.flatMap((r) => Object.keys(r)));
      for (const c of columns) {
        if (["code", "key", "zh", "en", "aliases", "mark", "value"].includes(c)) continue;
        const values = t.rows.flatMap((r) => (Array.isArray(r[c]) ? (r[c] as unknown[]) : [r[c]])).filter((v) => typeof v === "string");
        if (values.length === 0) continue;
        const looksLikeRef = [...ids.values()].some((set) => values.every((v) => set.has(v)));
        const where = `${t.id}.${c}`;
        if (looksLikeRef && !REFERENCES[where] && !notReferences.has(where)) undeclared.push(where);
      }
    }
    expect(undeclared).toEqual([]);
  });

  test("a text setting that names a code is checked against its table", () => {
    expect(settingRef("receivables.settings", "limitation.warningBasis")).toEqual({ table: "receivables.limitationBases", column: "code" });
    expect(settingRef("owner.settings", "mtoThresholdFen")).toBeUndefined();
  });

  test("enumerated columns hold only their values in the default", () => {
    for (const t of allTables) {
      for (const row of t.rows) {
        for (const [key, v] of Object.entries(row)) {
          const values = ENUMS[`${t.id}.${key}`] ?? ENUMS[key];
          if (values && v !== null) expect([t.id, key, values.includes(v as string)]).toEqual([t.id, key, true]);
        }
      }
    }
  });
});

describe("declared checks (what numbers must be, checks over rows, rows added since)", () => {
  test("each names a table, column, setting or row the rulebook has, and the default passes it", () => {
    for (const key of Object.keys(NUMBER_RULES)) {
      const id = key.slice(0, key.lastIndexOf("."));
      const column = key.slice(key.lastIndexOf(".") + 1);
      const holders = key.includes(".") ? [tableInfo(id)] : rulebookSchema().filter((t) => t.columns.some((c) => c.key === key));
      expect([key, holders.length > 0 && holders.every((t) => t?.columns.find((c) => c.key === (key.includes(".") ? column : key))?.numbers)]).toEqual([key, true]);
    }
    for (const [id, settings] of Object.entries(SETTING_RULES)) {
      const keys = allTables.find((t) => t.id === id)!.rows.map((r) => r.key);
      for (const key of Object.keys(settings)) expect([id, key, keys.includes(key)]).toEqual([id, key, true]);
      expect(tableInfo(id)!.settingNumbers).toBe(settings);
    }
    for (const [id, checks] of Object.entries(TABLE_RULES)) expect([id, tableInfo(id)?.checks]).toEqual([id, checks]);
    for (const [id, codes] of Object.entries(ADDED_ROWS)) {
      const info = tableInfo(id)!;
      for (const code of codes) expect([id, code, allTables.find((t) => t.id === id)!.rows.some((r) => r[info.keyColumn] === code)]).toEqual([id, code, true]);
    }
  });

  test("day counts, years and rates are checked where the receivables rules use them", () => {
    const col = (id: string, key: string) => tableInfo(id)!.columns.find((c) => c.key === key)!;
    expect(col("receivables.agingBuckets", "maxDays").numbers).toMatchObject({ whole: true, min: 0, increasing: { blank: "last" } });
    expect(col("receivables.escalation", "minDaysPastDue").numbers).toMatchObject({ whole: true, min: 1, increasing: { blank: "skip" } });
    expect(col("receivables.provisionBands", "ratePercent").numbers).toEqual({ min: 0, max: 100 });
    expect(col("process.stages", "seq").numbers).toEqual({ whole: true, min: 1 });
    expect(tableInfo("receivables.settings")!.settingNumbers!["limitation.legalYears"]).toEqual({ whole: true, min: 1 });
  });
});

describe("Excel table names", () => {
  test("map to table ids and back, case-insensitively, and plain ids pass through", () => {
    for (const info of rulebookSchema()) {
      const name = excelTableName(info.id);
      expect(name).toMatch(/^LTC_[A-Za-z0-9_]+$/);
      expect(tableIdFromName(name)).toBe(info.id);
      expect(tableIdFromName(name.toUpperCase())).toBe(info.id);
      expect(tableIdFromName(info.id)).toBe(info.id);
    }
    expect(tableIdFromName("LTC_rulebook")).toBe("rulebook");
    expect(tableIdFromName("Table1")).toBe("Table1");
  });
});

import { execFileSync } from "child_process";
import * as path from "path";
import { rulebookFingerprint } from "../../src/rules/fingerprint";
import { DEFAULT_RULEBOOK } from "../../src/rules/rulebook";

/**
 * The same rules give the same fingerprint on every machine: child Node
 * processes in three time zones and two locales compute the fingerprint of
 * the default rulebook, of the default read back from JSON, and of a sheet
 * import with a date cell and a typed-in setting; all must agree.
 */
const ROOT = path.resolve(__dirname, "..", "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const CHILD = path.join(__dirname, "fingerprintChild.ts");

interface ChildAnswer {
  default: string;
  sheet: string;
  json: string;
  offset: number;
  /** the process's default locale, as Intl resolved it */
  intlLocale: string;
}

function runChild(tz: string, locale: string): ChildAnswer {
  const out = execFileSync(TSX, [CHILD], {
    cwd: ROOT,
    env: { ...process.env, TZ: tz, LANG: locale, LC_ALL: locale },
    encoding: "utf8",
    timeout: 60_000,
  });
  const parsed = JSON.parse(out) as Omit<ChildAnswer, "intlLocale"> & { locale: string };
  return { default: parsed.default, sheet: parsed.sheet, json: parsed.json, offset: parsed.offset, intlLocale: parsed.locale };
}

const SETTINGS: Array<[string, string]> = [
  ["Asia/Shanghai", "zh_CN.UTF-8"],
  ["America/New_York", "en_US.UTF-8"],
  ["UTC", "zh_CN.UTF-8"],
  ["Asia/Shanghai", "en_US.UTF-8"],
  ["America/New_York", "zh_CN.UTF-8"],
  ["UTC", "en_US.UTF-8"],
];

test("the fingerprint is the same across time zones and locales", () => {
  const answers = SETTINGS.map(([tz, locale]) => ({ tz, locale, ...runChild(tz, locale) }));
  // the settings took effect: three different zone offsets and both locales
  expect(new Set(answers.map((a) => a.offset))).toEqual(new Set([-480, 300, 0]));
  expect(new Set(answers.map((a) => a.intlLocale.slice(0, 2)))).toEqual(new Set(["zh", "en"]));
  const here = rulebookFingerprint(DEFAULT_RULEBOOK);
  for (const a of answers) {
    expect([a.tz, a.locale, a.default, a.json]).toEqual([a.tz, a.locale, here, here]);
    expect([a.tz, a.locale, a.sheet]).toEqual([a.tz, a.locale, answers[0].sheet]);
  }
  // the sheet import changed a setting, so its fingerprint differs from the default's
  expect(answers[0].sheet).toMatch(/^[0-9a-f]{12}$/);
  expect(answers[0].sheet).not.toBe(here);
}, 180_000);

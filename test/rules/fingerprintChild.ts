/*
 * Run by fingerprint-tz.test.ts in a child process with a given TZ and
 * locale: prints the fingerprints it computes, plus the process's zone offset
 * and default locale (so the test can see the settings took effect).
 */
import { rulebookFromSheetValues } from "../../src/reports/rulesSheet";
import { rulebookFingerprint } from "../../src/rules/fingerprint";
import { DEFAULT_RULEBOOK } from "../../src/rules/rulebook";
import { rulebookFromJson, rulebookJson } from "../../src/rules/validate";
import { setCell, sheetGrid } from "./sheetGrid";

const grid = sheetGrid(DEFAULT_RULEBOOK);
// a date cell as ExcelJS hands it over (a Date), and a setting typed as text
setCell(grid, "receivables.vatCertification", "vat.certify180", "issuedFrom", new Date(Date.UTC(2010, 0, 1)));
setCell(grid, "owner.settings", "mtoThresholdFen", "value", "300,000,000");
const fromSheet = rulebookFromSheetValues(grid, DEFAULT_RULEBOOK);
const fromJson = rulebookFromJson(rulebookJson(DEFAULT_RULEBOOK, true));

process.stdout.write(
  JSON.stringify({
    default: rulebookFingerprint(DEFAULT_RULEBOOK),
    sheet: "rulebook" in fromSheet ? rulebookFingerprint(fromSheet.rulebook) : fromSheet.errors,
    json: "rulebook" in fromJson ? rulebookFingerprint(fromJson.rulebook) : fromJson.errors,
    offset: new Date(Date.UTC(2026, 0, 15)).getTimezoneOffset(),
    locale: Intl.DateTimeFormat().resolvedOptions().locale,
  }),
);

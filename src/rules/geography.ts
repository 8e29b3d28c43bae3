import { sectionCompiler } from "./compile";
import { OfficeRow, OwnerRules, RegionRow } from "./data/owner";
import { badArg, missingArg } from "./errors";
import { isBlank, Vocabulary, vocabularyOf } from "./labels";
import type { Rulebook } from "./rulebook";

/**
 * Places: the representative offices (代表处) a location names and the regions
 * (片区) they belong to, from the owner section's offices and regions tables.
 * The owner department (§6) and the receivables report's cross-region flag
 * both read locations here.
 */

type PlacesBook = Pick<Rulebook, "owner">;

/** The offices and regions tables compiled: their vocabularies and each office's region. */
interface CompiledPlaces {
  offices: Vocabulary<OfficeRow>;
  regions: Vocabulary<RegionRow>;
  regionOfOffice: Map<OfficeRow, RegionRow | undefined>;
}

function compilePlaces(rules: OwnerRules): CompiledPlaces {
  const regionOfOffice = new Map<OfficeRow, RegionRow | undefined>();
  for (const office of rules.offices) regionOfOffice.set(office, rules.regions.find((r) => r.code === office.region));
  return { offices: vocabularyOf(rules.offices), regions: vocabularyOf(rules.regions), regionOfOffice };
}

/** The office a location names (湖南 / 湖南省 / Hunan / 湖南代表处 / Hunan office; exact aliases only), or undefined. */
export function officeFor(rb: PlacesBook, location: unknown): OfficeRow | undefined {
  if (typeof location !== "string" || isBlank(location)) return undefined;
  return compilePlacesOnce(rb.owner).offices.find(location);
}

/** The region (片区) of an office. */
export function regionOf(rb: PlacesBook, officeRow: OfficeRow): RegionRow | undefined {
  // An office row of another rulebook object (a copy) is looked up by its region code.
  return (
    compilePlacesOnce(rb.owner).regionOfOffice.get(officeRow) ??
    rb.owner.regions.find((r) => r.code === officeRow.region)
  );
}

/** The region (片区) of a location (province, office name or region name), or undefined. */
export function regionOfLocation(rb: PlacesBook, location: unknown): RegionRow | undefined {
  const hit = officeFor(rb, location);
  if (hit) return regionOf(rb, hit);
  if (typeof location !== "string" || isBlank(location)) return undefined;
  return compilePlacesOnce(rb.owner).regions.find(location);
}

/** Reads a location into its office, or #VALUE! naming argName with examples. */
export function parseLocation(rb: PlacesBook, input: unknown, argName = "location"): OfficeRow {
  const examples = () => {
    const offices = rb.owner.offices;
    const sample = offices.slice(0, 4).map((o) => o.aliases[0] ?? o.zh);
    const first = offices[0];
    return (
      `accepts a province-level region or its office, e.g. ${sample.join(", ")}` +
      (first ? `, ${first.aliases[1] ?? first.zh}, ${first.en.replace(/ office$/, "")} or ${first.zh}` : "") +
      ` (${offices.length} offices in the rulebook)`
    );
  };
  if (isBlank(input)) throw missingArg(argName, examples());
  if (typeof input !== "string") throw badArg(argName, input, examples());
  const hit = officeFor(rb, input);
  if (!hit) throw badArg(argName, input, examples());
  return hit;
}

/** compilePlaces, once per (frozen) section. */
const compilePlacesOnce = sectionCompiler(compilePlaces);

// Placeholder until `npm run gen:trad` writes the generated map.
export const TRAD_TO_SIMP: Readonly<Record<string, string>> = {};

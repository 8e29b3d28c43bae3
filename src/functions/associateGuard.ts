/**
 * custom-functions-metadata-plugin appends `CustomFunctions.associate(id, fn)`
 * to every function file. Outside Excel's custom-functions runtime (the page
 * opened in a plain browser, or as the manifest's SupportUrl) there is no
 * CustomFunctions global, and the first of those calls would throw and stop
 * the page before the pane could say what is wrong. Until the function files
 * have run, such a page gets a stand-in whose associate registers nothing;
 * functions.ts removes it once they have, so nothing else ever sees it.
 */
type Associate = { associate(id: string, fn: unknown): void };
const scope = globalThis as unknown as { CustomFunctions?: Associate };
const standIn: Associate | null = scope.CustomFunctions === undefined ? { associate: () => undefined } : null;
if (standIn) scope.CustomFunctions = standIn;

/** Removes the stand-in (call after every function file has run). */
export function removeAssociateStandIn(): void {
  if (standIn && scope.CustomFunctions === standIn) delete scope.CustomFunctions;
}

import * as fs from "fs";
import * as path from "path";
import { FUNCTIONS } from "../../src/functions/registry";
import { functionsTable, withTable } from "../tools/readme-functions";

describe("README", () => {
  test("the functions table lists every LTC function and is up to date (npm run docs)", async () => {
    const readme = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");
    const table = await functionsTable();
    for (const f of FUNCTIONS) expect(table).toContain(`\`LTC.${f.name}(`);
    expect(withTable(readme, table)).toBe(readme);
  }, 60_000);
});

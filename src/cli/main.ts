/* Entry of the command line (bundled to dist/cli/ltc.js; bin/ltc runs it). */
import { runCli } from "./cli";

runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }).then((code) => {
  process.exitCode = code;
});

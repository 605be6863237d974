/**
 * `npx tsx tests/log-hygiene/check-run-logs.ts <run>`: after an end-to-end run, reads every
 * server log of that run (tests/support/server-process.ts writes them to
 * test-results/server-logs-<run>/) and fails, naming the file, line and kind of secret,
 * when any holds a demo note text, the demo password, a text the tests typed, a session
 * cookie or a set-password token. It fails too when there are no logs or no access lines
 * in them: a check that read nothing has proved nothing.
 */
import { existsSync } from 'node:fs';
import { serverLogDir } from '../support/server-process';
import { scanLogDir } from '../support/log-hygiene';

const run = process.argv[2] ?? process.env.LANTERN_E2E_RUN;
if (!run) {
  console.error('log-hygiene: name the end-to-end run (argument or LANTERN_E2E_RUN)');
  process.exit(2);
}
const dir = serverLogDir(run);
if (!existsSync(dir)) {
  console.error(`log-hygiene: no server logs at ${dir}; did the end-to-end run start any server?`);
  process.exit(1);
}
const scan = scanLogDir(dir);
console.log(
  `log-hygiene: ${scan.files} server logs, ${scan.lines} lines, ${scan.accessLines} access lines with a request id`,
);
if (scan.accessLines === 0) {
  console.error('log-hygiene: no access line found: the logs are not what this check expects');
  process.exit(1);
}
if (scan.findings.length > 0) {
  console.error(`log-hygiene: ${scan.findings.length} lines hold what must never be logged:`);
  for (const finding of scan.findings.slice(0, 50)) console.error(`  ${finding}`);
  process.exit(1);
}
console.log('log-hygiene: no note, password, token or cookie in any line');

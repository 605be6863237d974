/**
 * A benchmark runs itself when node was started with its file (`npx tsx tests/bench/x.ts`), and
 * not when the bench runner (run-all.ts) imports it to call `run()`.
 */
import { pathToFileURL } from 'node:url';

/** Calls `run` when `moduleUrl` (the caller's `import.meta.url`) is the file node started; a failure is printed and sets the exit code. */
export function runWhenMain(moduleUrl: string, run: () => Promise<void>): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}

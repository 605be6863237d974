/**
 * The frame of `npm run backup` and `npm run restore`: the engine from the same settings the
 * server reads (DATABASE_URL, else LANTERN_DATA_DIR), the file from the command line, and every
 * failure as one line on stderr with a non-zero exit (a scheduler's mail or journal shows it).
 */
import { isAbsolute, resolve } from 'node:path';
import { readConfig } from '../config';
import { StartupError } from '../startup-error';
import { CommandError } from './command-error';

export interface CommandTarget {
  databaseUrl: string | undefined;
  dataDir: string;
  file: string;
  force: boolean;
}

export function parseCommand(name: string, argv: readonly string[], env: NodeJS.ProcessEnv): CommandTarget {
  const force = argv.includes('--force');
  const unknown = argv.filter((arg) => arg.startsWith('-') && arg !== '--force');
  const files = argv.filter((arg) => !arg.startsWith('-'));
  if (unknown.length > 0 || files.length !== 1) {
    throw new CommandError(
      `usage: npm run ${name} -- FILE${name === 'restore' ? ' [--force]' : ''}${unknown.length > 0 ? ` (unknown option ${unknown.join(' ')})` : ''}`,
    );
  }
  const config = readConfig(env);
  const file = files[0]!;
  return {
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    file: isAbsolute(file) ? file : resolve(file),
    force,
  };
}

export function runCommand(work: () => Promise<string>): void {
  work().then(
    (line) => console.log(`lantern: ${line}`),
    (error: unknown) => {
      const known = error instanceof CommandError || error instanceof StartupError;
      console.error(
        `lantern: ${known ? error.message : `failed: ${error instanceof Error ? error.message : String(error)}`}`,
      );
      process.exitCode = 1;
    },
  );
}

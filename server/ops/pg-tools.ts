/**
 * PostgreSQL's own client tools (pg_dump, pg_restore, psql), as the backup and restore commands
 * use them: found on the PATH, their major version checked against the server's (pg_dump cannot
 * dump a newer server, pg_restore cannot read a newer pg_dump's archive), and given the
 * connection without the password on their command line (it goes in PGPASSWORD, which `ps`
 * does not show).
 */
import { spawn } from 'node:child_process';
import { CommandError } from './command-error';

export type PgTool = 'pg_dump' | 'pg_restore' | 'psql';

/** The connection string without its password, and the environment that carries it. */
export function connectionFor(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { url: url.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a tool to its end; a tool that is not installed is a CommandError saying how to get it. */
export function runTool(
  tool: PgTool,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; stdin?: NodeJS.ReadableStream | null } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, {
      env: options.env ?? process.env,
      stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    if (options.stdin && child.stdin) options.stdin.pipe(child.stdin);
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new CommandError(
              `${tool} was not found: install PostgreSQL's client tools of the server's version (Debian: apt-get install postgresql-client)`,
            )
          : error,
      ),
    );
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The major version a tool reports (`pg_dump (PostgreSQL) 15.20 …` → 15). */
export async function toolMajor(tool: PgTool): Promise<number> {
  const { stdout } = await runTool(tool, ['--version']);
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(stdout);
  if (!match) throw new CommandError(`${tool} --version said "${stdout.trim()}"; cannot tell its version`);
  return Number(match[1]);
}

/** Refuses when the tool is older than the server it must work with. */
export function assertToolCanServe(tool: PgTool, toolVersion: number, serverVersion: number): void {
  if (toolVersion < serverVersion) {
    throw new CommandError(
      `${tool} is version ${toolVersion} but the PostgreSQL server is version ${serverVersion}; install the version ${serverVersion} client tools (Debian: apt-get install postgresql-client-${serverVersion}) and put them first on the PATH`,
    );
  }
}

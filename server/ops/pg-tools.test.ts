/** PostgreSQL's client tools as the backup uses them: a clear line when missing or too old; no password on a command line. */
import { describe, expect, it } from 'vitest';
import { assertToolCanServe, connectionFor, runTool, toolMajor } from './pg-tools';

describe('PostgreSQL client tools', () => {
  it('says how to install a tool that is not there', async () => {
    await expect(runTool('pg_dump', ['--version'], { env: { PATH: '/nonexistent' } })).rejects.toThrow(
      "pg_dump was not found: install PostgreSQL's client tools of the server's version (Debian: apt-get install postgresql-client)",
    );
  });

  it('refuses a tool older than the server, naming both versions', () => {
    expect(() => assertToolCanServe('pg_dump', 15, 17)).toThrow(
      'pg_dump is version 15 but the PostgreSQL server is version 17; install the version 17 client tools (Debian: apt-get install postgresql-client-17) and put them first on the PATH',
    );
    expect(() => assertToolCanServe('pg_dump', 15, 15)).not.toThrow();
    expect(() => assertToolCanServe('pg_dump', 16, 15)).not.toThrow();
  });

  it('reads the installed tool’s major version', async () => {
    expect(await toolMajor('pg_dump')).toBeGreaterThanOrEqual(12);
  });

  it('passes the password in the environment, never on the command line', () => {
    const { url, env } = connectionFor('postgres://lantern:s3cret%40word@db.council.invalid:5432/lantern');
    expect(url).toBe('postgres://lantern@db.council.invalid:5432/lantern');
    expect(env.PGPASSWORD).toBe('s3cret@word');
  });
});

/**
 * docs/OPERATIONS.md, run as written: every shell command, the crontab line and the systemd
 * service's ExecStart run against a real embedded database (the paths /opt/lantern and
 * /var/backups/lantern point at this checkout and a temporary folder); the timer names its
 * service. A command added to the document without a way to run it here fails this test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openPgliteDatabase } from '../db/pglite-database';
import { migrate } from '../db/migrate';
import { ROOT } from '../../tests/support/server-process';
import { haproxyConfig } from '../../tests/support/haproxy-config';
import { spawn } from 'node:child_process';

const run = promisify(execFile);
const DOC = join(ROOT, 'docs', 'OPERATIONS.md');

/** The fenced blocks of the document of one kind, in order. */
async function blocks(kind: 'sh' | 'cron' | 'ini' | 'haproxy'): Promise<string[]> {
  const text = await readFile(DOC, 'utf8');
  return [...text.matchAll(new RegExp('```' + kind + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!.trim());
}

let work: string;
let source: string;
let backups: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'lantern-ops-doc-'));
  source = join(work, 'data');
  backups = join(work, 'backups');
  await mkdir(backups, { recursive: true });
  await mkdir(source, { recursive: true });
  const db = await openPgliteDatabase(join(source, 'pglite'));
  await migrate(db);
  await db.close();
}, 120_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Runs a command line from the document with the document's paths pointed here. */
async function runAsWritten(line: string, dataDir: string): Promise<string> {
  const command = line.replaceAll('/opt/lantern', ROOT).replaceAll('/var/backups/lantern', backups);
  const { stdout, stderr } = await run('/bin/sh', ['-c', command], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', LANTERN_DATA_DIR: dataDir },
  });
  return `${stdout}${stderr}`.trim();
}

describe('docs/OPERATIONS.md', () => {
  it('has exactly the shell commands this test runs: back up, restore, restore with --force', async () => {
    const lines = (await blocks('sh')).flatMap((block) => block.split('\n'));
    expect(lines).toEqual([
      'npm run backup -- /var/backups/lantern/lantern.backup',
      'npm run restore -- /var/backups/lantern/lantern.backup',
      'npm run restore -- /var/backups/lantern/lantern.backup --force',
    ]);
    const [backup, restore, force] = lines;
    expect(await runAsWritten(backup!, source)).toMatch(/backed up the embedded database/);
    // "Into an empty database": a data folder that does not exist yet.
    const restored = join(work, 'restored');
    expect(await runAsWritten(restore!, restored)).toMatch(/restored .* into the embedded database/);
    expect(await runAsWritten(force!, restored)).toMatch(/restored .* into the embedded database/);
  }, 180_000);

  it('schedules a backup with cron that runs as written (\\% unescaped as cron does)', async () => {
    const [cron] = await blocks('cron');
    const fields = cron!.split(/\s+/);
    expect(fields.slice(0, 5)).toEqual(['30', '2', '*', '*', '*']);
    const command = cron!.replace(/^(\S+\s+){5}/, '').replaceAll('\\%', '%');
    await runAsWritten(command, source);
    expect(await readdir(backups)).toContain(`lantern-${weekday()}.backup`);
  }, 120_000);

  it('schedules a backup with a systemd service whose ExecStart runs as written (%% unescaped as systemd does), on a timer', async () => {
    const [service, timer] = await blocks('ini');
    const execStart = /^ExecStart=\/bin\/sh -c '(.*)'$/m.exec(service!)?.[1];
    expect(execStart).toBeDefined();
    await rm(join(backups, `lantern-${weekday()}.backup`), { force: true });
    await runAsWritten(execStart!.replaceAll('%%', '%'), source);
    expect(await readdir(backups)).toContain(`lantern-${weekday()}.backup`);
    expect(service).toMatch(/^Type=oneshot$/m);
    expect(timer).toMatch(/^OnCalendar=\*-\*-\* 02:30:00$/m);
    expect(timer).toMatch(/^WantedBy=timers\.target$/m);
    const doc = await readFile(DOC, 'utf8');
    for (const name of ['lantern-backup.service', 'lantern-backup.timer'])
      expect(doc).toContain(`/etc/systemd/system/${name}`);
    expect(doc).toContain('systemctl enable --now lantern-backup.timer');
  }, 120_000);
});

describe('docs/OPERATIONS.md, running and scaling out', () => {
  it('runs Lantern as its systemd unit says: ExecStart in WorkingDirectory, until it is ready', async () => {
    const unit = (await blocks('ini'))[2] ?? '';
    expect(unit).toMatch(/^Description=Lantern$/m);
    const directory = /^WorkingDirectory=(.*)$/m.exec(unit)?.[1];
    const execStart = /^ExecStart=(.*)$/m.exec(unit)?.[1];
    expect(directory).toBe('/opt/lantern');
    expect(execStart).toBe('/usr/bin/npm start');
    // The unit's npm is the machine's; here, the one on PATH.
    const [command = '', ...args] = execStart!.replace('/usr/bin/npm', 'npm').split(' ');
    const child = spawn(command, args, {
      cwd: directory!.replaceAll('/opt/lantern', ROOT),
      env: {
        ...process.env,
        DATABASE_URL: '',
        LANTERN_DATA_DIR: join(work, 'service-data'),
        PORT: '0',
        HOST: '127.0.0.1',
        LANTERN_DEMO: '0',
        LANTERN_CLIENT_BUILD: 'skip',
        // The tests' own level is quieter; the ready line is at info.
        LANTERN_LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const deadline = Date.now() + 120_000;
      while (!/ready on http:\/\/localhost:\d+/.test(output)) {
        if (child.exitCode !== null) throw new Error(`npm start exited:\n${output}`);
        if (Date.now() > deadline) throw new Error(`npm start was not ready in time:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const port = /ready on http:\/\/localhost:(\d+)/.exec(output)?.[1];
      expect((await fetch(`http://127.0.0.1:${port}/api/health/ready`)).status).toBe(200);
    } finally {
      // npm and the server it started: the whole process group.
      if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
  }, 180_000);

  it('shows the HAProxy configuration the scale-out test runs', async () => {
    const [shown] = await blocks('haproxy');
    expect(`${shown}\n`).toBe(haproxyConfig(8080, [8081, 8082, 8083]));
  });
});

/** `date +%u`: Monday 1 … Sunday 7, in the machine's time zone as the shell sees it. */
function weekday(): number {
  const day = new Date().getDay();
  return day === 0 ? 7 : day;
}

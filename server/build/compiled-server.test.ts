/**
 * `npm start` runs the compiled server (server/build/start.mjs → dist-server/main.js) on the
 * runtime the project pins (package.json's optionalDependencies bring Node 24 for Linux, and npm
 * puts it first on the PATH of every script). Proven from outside: the start script is what the
 * README's command runs, the process serves health and a file import (whose parser runs in the
 * compiled worker beside main.js), and no TypeScript loader is involved. The operator's commands
 * (`npm run backup`, `restore`, `create-admin`) run compiled too, through run-compiled.mjs.
 */
import { execFile, spawn } from 'node:child_process';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../tests/support/server-process';
import { signInOverHttp } from '../../tests/support/sync-http';
import { ensureServerBuild, OPERATOR_COMMANDS } from './build-server.mjs';

const PINNED_PLATFORMS = ['linux-x64', 'linux-arm64'];

describe('the runtime', () => {
  it.runIf(PINNED_PLATFORMS.includes(`${process.platform}-${process.arch}`))(
    'npm runs the tests on the pinned Node 24, whatever Node the machine has',
    async () => {
      const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
        optionalDependencies: Record<string, string>;
      };
      const pinned = pkg.optionalDependencies[`node-${process.platform}-${process.arch}`];
      expect(pinned).toMatch(/^24\./);
      expect(process.versions.node).toBe(pinned);
    },
  );
});

describe('npm start', () => {
  let dataDir = '';
  let output = '';
  let url = '';
  let stop = async (): Promise<void> => undefined;
  let pid = 0;

  beforeAll(async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start).toBe('node server/build/start.mjs');
    await ensureServerBuild();
    dataDir = await mkdtemp(join(tmpdir(), 'lantern-compiled-'));
    // What `npm start` runs, with npm's PATH: the pinned node first.
    const child = spawn(process.execPath, ['server/build/start.mjs'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}`,
        HOST: '127.0.0.1',
        PORT: '0',
        DATABASE_URL: '',
        LANTERN_DATA_DIR: dataDir,
        LANTERN_CLIENT_BUILD: 'skip',
        // The tests' own level is quieter; the ready line is at info.
        LANTERN_LOG_LEVEL: 'info',
        NODE_OPTIONS: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    pid = child.pid ?? 0;
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    stop = async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    };
    const deadline = Date.now() + 120_000;
    for (;;) {
      const match = /ready on http:\/\/localhost:(\d+)/.exec(output);
      if (match) {
        url = `http://127.0.0.1:${match[1]}`;
        break;
      }
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`npm start was not ready in time:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 180_000);

  afterAll(async () => {
    await stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('runs the compiled JavaScript, with no TypeScript loader', async () => {
    const command = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').join(' ');
    expect(command).toContain('server/build/start.mjs');
    expect(command).not.toContain('tsx');
    const modules = await readFile(`/proc/${pid}/maps`, 'utf8').catch(() => '');
    expect(modules).not.toContain('/tsx/');
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
  });

  it('reads an uploaded case list in the compiled import worker', async () => {
    const session = await signInOverHttp(url, 'erin.qalead@demo.lantern.invalid');
    const csv = 'Case reference,Team,Case type\r\nCMP-1,No such team,Child in need\r\n';
    const response = await fetch(`${url}/api/imports/preview`, {
      method: 'POST',
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ fileName: 'cases.csv', content: Buffer.from(csv).toString('base64') }),
    });
    const text = await response.text();
    // The file was read (a preview naming its row), not refused for a reader that failed to start.
    expect(response.status, text).toBe(200);
    expect(text).toContain('CMP-1');
  });
});

describe("the operator's commands", () => {
  it('each runs its compiled file through run-compiled.mjs, not TypeScript', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const main = await ensureServerBuild();
    for (const name of Object.keys(OPERATOR_COMMANDS)) {
      expect(pkg.scripts[name]).toBe(`node server/build/run-compiled.mjs ${name}`);
      await access(join(main, '..', `${name}.js`));
    }
  });

  it('passes a command only its own arguments, and names the commands when given another', async () => {
    const run = (args: string[]) =>
      promisify(execFile)(process.execPath, ['server/build/run-compiled.mjs', ...args], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: '', NODE_OPTIONS: '' },
      }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr.trim() }),
      );
    // No file given: the command's own usage line, so it saw no "restore" among its arguments.
    expect(await run(['restore'])).toEqual({
      code: 1,
      stderr: 'lantern: usage: npm run restore -- FILE [--force]',
    });
    expect(await run(['seed'])).toEqual({
      code: 2,
      stderr: 'lantern: no command "seed"; the commands are backup, restore, create-admin',
    });
  });
});

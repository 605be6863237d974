/**
 * Compiles the server to plain JavaScript in `dist-server/`, so production runs `node`, not a
 * TypeScript loader. esbuild (already here under tsx and Vite) bundles our own modules into one
 * file per entry and leaves every npm package as an import of node_modules, as installed.
 * Files the server reads beside itself are laid out as they are in the source:
 * - `main.js` (server/main.ts): its `..` is the repository, where `dist/` holds the client;
 * - `read-table-worker.js`: the import worker, started by name next to `main.js`;
 * - `backup.js`, `restore.js`, `create-admin.js`: the operator's commands (`npm run backup`,
 *   `npm run restore`, `npm run create-admin`), run by run-compiled.mjs;
 * - `migrations/`: the SQL files server/db/migrate.ts reads.
 * Written to a fresh folder and moved into place last, with a stamp, so a build cut off half-way
 * is never run; `npm start` rebuilds only when a source is newer than the stamp, so servers
 * started together from one folder (scale-out on one machine) do not rebuild under each other.
 */
import { build } from 'esbuild';
import { randomUUID } from 'node:crypto';
import { cp, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SERVER_OUT_DIR = join(ROOT, 'dist-server');
const STAMP = '.lantern-server-build';
/** The operator's commands compiled beside the server, by name (run by run-compiled.mjs). */
export const OPERATOR_COMMANDS = {
  backup: 'server/ops/backup-command.ts',
  restore: 'server/ops/restore-command.ts',
  'create-admin': 'server/admin/create-first-admin-cli.ts',
};

/** Everything the compiled server is made from. */
const SOURCES = ['server', 'shared', 'package.json', 'package-lock.json'];

async function newestSourceTime() {
  let newest = 0;
  const visit = async (path) => {
    const info = await stat(path).catch(() => null);
    if (!info) return;
    if (info.isDirectory()) {
      for (const entry of await readdir(path)) if (!entry.startsWith('.')) await visit(join(path, entry));
    } else if (!/\.test\.ts$/.test(path)) newest = Math.max(newest, info.mtimeMs);
  };
  for (const source of SOURCES) await visit(join(ROOT, source));
  return newest;
}

/** Builds the server when its build is missing or older than a source; resolves with its entry point. */
export async function ensureServerBuild(outDir = SERVER_OUT_DIR) {
  const stamp = await stat(join(outDir, STAMP)).catch(() => null);
  if (stamp && stamp.mtimeMs >= (await newestSourceTime())) return join(outDir, 'main.js');
  return buildServer(outDir);
}

/** Builds the server; resolves with the path of the compiled entry point. */
export async function buildServer(outDir = SERVER_OUT_DIR) {
  const staging = `${outDir}.building-${process.pid}-${randomUUID()}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: {
      main: 'server/main.ts',
      'read-table-worker': 'server/imports/read-table-worker.ts',
      ...OPERATOR_COMMANDS,
    },
    outdir: staging,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  await cp(join(ROOT, 'server/db/migrations'), join(staging, 'migrations'), { recursive: true });
  await writeFile(join(staging, STAMP), new Date().toISOString());
  // Renames only, so builds racing each other never see a half-removed folder.
  const old = `${staging}.old`;
  await mkdir(dirname(outDir), { recursive: true });
  await rename(outDir, old).catch(() => undefined);
  try {
    await rename(staging, outDir);
  } catch (error) {
    // Another start built the same sources into place a moment ago: use that one.
    if (!(await stat(join(outDir, STAMP)).catch(() => null))) throw error;
    await rm(staging, { recursive: true, force: true });
  }
  await rm(old, { recursive: true, force: true });
  return join(outDir, 'main.js');
}

// `node server/build/build-server.mjs [OUT_DIR]`: build now (a container image's build step).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const entry = await buildServer(process.argv[2] ? join(process.cwd(), process.argv[2]) : SERVER_OUT_DIR);
  console.log(`lantern: compiled the server to ${entry}`);
}

/**
 * `npm start` builds the client when the build is missing or older than its sources, so a
 * fresh clone needs no separate build step. The build writes a stamp file last; a build cut
 * off half-way has no stamp and is redone.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export const BUILD_STAMP = '.lantern-build';

/** Everything the client bundle is made from. */
const SOURCES = ['client', 'shared', 'index.html', 'vite.config.ts', 'package.json', 'public'];

export async function newestSourceTime(rootDir: string): Promise<number> {
  let newest = 0;
  const visit = async (path: string): Promise<void> => {
    const info = await stat(path).catch(() => null);
    if (!info) return;
    if (info.isDirectory()) {
      for (const entry of await readdir(path)) {
        if (entry === 'node_modules' || entry.startsWith('.')) continue;
        await visit(join(path, entry));
      }
    } else if (!/\.test\.ts$/.test(path)) {
      newest = Math.max(newest, info.mtimeMs);
    }
  };
  for (const source of SOURCES) await visit(join(rootDir, source));
  return newest;
}

export async function isBuildStale(rootDir: string, outDir: string): Promise<boolean> {
  const stamp = await stat(join(outDir, BUILD_STAMP)).catch(() => null);
  if (!stamp) return true;
  return (await newestSourceTime(rootDir)) > stamp.mtimeMs;
}

export async function ensureClientBuild(
  rootDir: string,
  outDir: string,
  log: (line: string) => void,
): Promise<void> {
  if (!(await isBuildStale(rootDir, outDir))) return;
  log('Building the client (first start, or its sources changed)…');
  // Imported only when needed: a production image with a prebuilt client never loads Vite.
  const { build } = await import('vite');
  await build({ root: rootDir, logLevel: 'warn', configFile: join(rootDir, 'vite.config.ts') });
}

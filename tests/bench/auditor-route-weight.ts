/**
 * The weight of the auditor's route in a client build: the entry chunk and every chunk My audits
 * and the audit form import statically, walked over Vite's `.vite/manifest.json` (dynamic
 * imports are loaded later and not counted), each gzipped. No browser: run on its own,
 * `npx tsx tests/bench/auditor-route-weight.ts [client dir]` prints the weight and each chunk's
 * share; the `auditor` bench prints the same total.
 */
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

type Manifest = Record<string, { file: string; imports?: string[]; isEntry?: boolean }>;

export interface RouteChunk {
  file: string;
  gzipKb: number;
}

export interface RouteWeight {
  kb: number;
  files: number;
  chunks: RouteChunk[];
  /** Chunks whose source maps name classic `zod`, which the route should not load. */
  classicZod: string[];
  /** Chunks whose source maps name any part of `zod`. */
  anyZod: string[];
}

/** The route's files, from the manifest: the entries and the two auditor views, with what they import. */
export function auditorRouteFiles(manifest: Manifest): Set<string> {
  const wanted = new Set<string>();
  const visit = (key: string): void => {
    const chunk = manifest[key];
    if (!chunk || wanted.has(chunk.file)) return;
    wanted.add(chunk.file);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  for (const key of Object.keys(manifest))
    if (/views\/auditor\/(MyAuditsView|AuditFormView)\.vue$/.test(key)) visit(key);
  return wanted;
}

export async function auditorRouteGzipKb(clientDir: string): Promise<RouteWeight> {
  const manifest = JSON.parse(await readFile(join(clientDir, '.vite/manifest.json'), 'utf8')) as Manifest;
  const wanted = auditorRouteFiles(manifest);
  let bytes = 0;
  const chunks: RouteChunk[] = [];
  const classicZod: string[] = [];
  const anyZod: string[] = [];
  for (const file of wanted) {
    if (!file.endsWith('.js')) continue;
    const gzip = gzipSync(await readFile(join(clientDir, file))).length;
    bytes += gzip;
    chunks.push({ file, gzipKb: gzip / 1024 });
    const map = await readFile(join(clientDir, `${file}.map`), 'utf8').catch(() => '{}');
    const sources = (JSON.parse(map) as { sources?: string[] }).sources ?? [];
    if (sources.some((source) => /node_modules\/zod\/v4\/classic\//.test(source))) classicZod.push(file);
    if (sources.some((source) => /node_modules\/zod\//.test(source))) anyZod.push(file);
  }
  chunks.sort((a, b) => b.gzipKb - a.gzipKb);
  return { kb: bytes / 1024, files: wanted.size, chunks, classicZod, anyZod };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const weight = await auditorRouteGzipKb(process.argv[2] ?? 'dist');
  console.log(
    `auditor route JavaScript: ${weight.kb.toFixed(1)} KB gzipped in ${weight.files} chunks (goal ≤ 100 KB)`,
  );
  for (const chunk of weight.chunks)
    console.log(`  ${chunk.gzipKb.toFixed(1).padStart(6)} KB  ${chunk.file}`);
  console.log(
    `zod in: ${weight.anyZod.join(', ') || 'none'}; classic zod in: ${weight.classicZod.join(', ') || 'none'}`,
  );
}

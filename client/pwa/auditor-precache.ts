/**
 * What the service worker precaches: the app shell and the auditor's routes, not
 * every area's code. Worked out at build time from the route files and Vite's build manifest,
 * so a new screen in another area is left out without anyone keeping a list: the route
 * components the other areas' route files import (`xxxRoutes` in `client/area-route-tables.ts`,
 * the tables the router loads when a path needs them) are not followed from the entry or from
 * those tables; everything else the entry reaches, by static or dynamic import, is precached
 * with its CSS (the tables' own chunk among it). Other areas' chunks are cached by a
 * runtime route when first visited (vite.config.ts). Pure: vite.config.ts reads the files.
 */
import { posix } from 'node:path';

/** One chunk of Vite's build manifest (`.vite/manifest.json`), as much as is used here. */
export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  assets?: string[];
}
export type BuildManifest = Record<string, ManifestChunk>;

/** The other areas' route files a tables file imports (repository-relative), never the auditor's. */
export function otherAreaRouteFiles(tablesSource: string, tablesPath: string): string[] {
  const out: string[] = [];
  const pattern = /import\s*\{\s*(\w+Routes)\s*\}\s*from\s*'(\.[^']+)'/g;
  for (const [, name, from] of tablesSource.matchAll(pattern)) {
    if (name === 'auditorRoutes') continue;
    out.push(posix.join(posix.dirname(tablesPath), `${from ?? ''}.ts`));
  }
  return out;
}

/**
 * The components a route file loads lazily (`import('./X.vue')`), repository-relative; with
 * `onlineOnly`, only those of routes marked `onlineOnly: true` in their meta (a screen only ever
 * opened online, such as the one-time set-password link, whose password dictionaries weigh
 * more than the rest of the app).
 */
export function lazyComponents(routeSource: string, routeFilePath: string, onlineOnly = false): string[] {
  return routeSource
    .split(/\bpath:/)
    .filter((route) => !onlineOnly || /\bonlineOnly:\s*true\b/.test(route))
    .flatMap((route) => [...route.matchAll(/import\(\s*'(\.[^']+)'\s*\)/g)])
    .map(([, from]) => posix.join(posix.dirname(routeFilePath), from ?? ''));
}

/**
 * Every route component the auditor's precache leaves out: the online-only ones of `router.ts`,
 * and those of the route files the other areas' tables file imports.
 */
export function componentsLeftOut(
  routerPath: string,
  tablesPath: string,
  read: (path: string) => string,
): string[] {
  return [
    ...lazyComponents(read(routerPath), routerPath, true),
    ...otherAreaRouteFiles(read(tablesPath), tablesPath).flatMap((file) => lazyComponents(read(file), file)),
  ];
}

/**
 * The built files (relative to the output folder) the auditor needs: the entry, its static
 * imports, and every lazy chunk reachable from it except the other areas' route components
 * loaded by the entry or by a route tables module (`tables`, manifest keys such as
 * `client/area-route-tables.ts`), unless an included chunk imports one itself.
 */
export function auditorFiles(
  manifest: BuildManifest,
  otherAreaComponents: Iterable<string>,
  tables: Iterable<string> = [],
): Set<string> {
  const routeTables = new Set(tables);
  const excluded = new Set(otherAreaComponents);
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string, fromRoutes: boolean): void => {
    if (fromRoutes && excluded.has(key)) return;
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const asset of chunk.assets ?? []) files.add(asset);
    for (const next of chunk.imports ?? []) visit(next, false);
    const loadsRoutes = Boolean(chunk.isEntry) || routeTables.has(key);
    for (const next of chunk.dynamicImports ?? []) visit(next, loadsRoutes);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key, false);
  return files;
}

/**
 * Keeps a precache entry unless it is a built chunk (`assets/`) the auditor does not need:
 * the HTML, icons and web manifest stay.
 */
export function keepInPrecache(url: string, auditor: Set<string>): boolean {
  const path = url.replace(/^\//, '');
  return !path.startsWith('assets/') || auditor.has(path);
}

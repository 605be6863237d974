/**
 * Which of Dexie's builds the app and its tests load: the ES module build, one file for the
 * browser, the unit tests and the sync tests alike. Dexie's package points `import` at a
 * wrapper around its UMD build (so that CommonJS and ES module users share one instance); the
 * app has no CommonJS user, and the ES module build is smaller once bundled. vite.config.ts and
 * vitest.config.ts both resolve `dexie` here. Pure: the configs pass the folder.
 */
import { join } from 'node:path';

export function dexieAlias(root: string): { find: RegExp; replacement: string } {
  return { find: /^dexie$/, replacement: join(root, 'node_modules/dexie/dist/modern/dexie.mjs') };
}

import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { VitePWA } from 'vite-plugin-pwa';
import { compression } from 'vite-plugin-compression2';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  auditorFiles,
  componentsLeftOut,
  keepInPrecache,
  type BuildManifest,
} from './client/pwa/auditor-precache';
import { PRECACHE_LIST } from './client/pwa/warm-precache';
import { dexieAlias } from './client/db/dexie-build';
import { startupChecksPlugin } from './client/validation/startup-checks-plugin';

// Whole precache and no precompressed files: the "before" build the slow-network benchmark
// weighs against (tests/bench/slow-network-bench.ts). Never set for a real build.
const FULL_PRECACHE = process.env.LANTERN_BUILD_FULL_PRECACHE === '1';

/** The router, and the other areas' route tables it loads when a path needs them. */
const ROUTER = 'client/router.ts';
const AREA_ROUTE_TABLES = 'client/area-route-tables.ts';

/** The folder this build writes (set once Vite has resolved its configuration). */
let outDir = 'dist';

// The client is a PWA that must start offline after one online visit: the app shell is
// precached, and updates wait for the person (registerType 'prompt', never auto-update).

export default defineConfig({
  root: '.',
  // The manifest lets the benchmark weigh exactly the chunks the auditor's route loads.
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    manifest: true,
    // No polyfill for <link rel="modulepreload">: every browser Lantern supports has it (Chromium
    // 66, Safari 17, Firefox 115), and where one does not the links are only ignored, the chunks
    // still load as imported. It was about 400 bytes of the auditor's entry, parsed on every start.
    modulePreload: {
      polyfill: false,
      resolveDependencies: (_file, deps, { hostType }) =>
        hostType === 'html' ? deps : deps.filter((dep) => dep.endsWith('.css')),
    },
  },
  server: { proxy: { '/api': 'http://localhost:8080' } },
  resolve: { alias: [dexieAlias(import.meta.dirname)] },
  plugins: [
    // Every component is <script setup>: Vue's Options API (data, methods, mixins) is left out
    // of the runtime, a few KB less on the auditor's first load.
    vue({ features: { optionsAPI: false } }),
    // Who is signed in and the organisation's name are checked before the first screen by
    // functions compiled from the shared schemas, without zod (client/validation/).
    startupChecksPlugin(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      strategies: 'generateSW',
      manifest: {
        name: 'Lantern — case-file auditing',
        short_name: 'Lantern',
        description: "Offline-first case-file auditing for children's social care.",
        theme_color: '#1d3b5c',
        background_color: '#ffffff',
        display: 'standalone',
        start_url: '/',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        // The auditor's tablet precaches the app shell and the auditor's routes only
        // (client/pwa/auditor-precache.ts); the other areas' chunks are cached when first used.
        manifestTransforms: FULL_PRECACHE
          ? []
          : [
              (entries) => {
                const manifest = JSON.parse(
                  readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8'),
                ) as BuildManifest;
                const auditor = auditorFiles(
                  manifest,
                  componentsLeftOut(ROUTER, AREA_ROUTE_TABLES, (path) => readFileSync(path, 'utf8')),
                  [AREA_ROUTE_TABLES],
                );
                const kept = entries.filter((e) => keepInPrecache(e.url, auditor));
                // The built files, for a first visit's page to fetch at once (client/pwa/warm-precache.ts).
                writeFileSync(
                  join(outDir, PRECACHE_LIST),
                  JSON.stringify(kept.filter((e) => e.url.startsWith('assets/')).map((e) => `/${e.url}`)),
                );
                return { manifest: kept, warnings: [] };
              },
            ],
        runtimeCaching: [
          {
            // Hashed build files never change under one name: the cache answers first. Offline,
            // an area visited once opens again.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/assets/'),
            handler: 'CacheFirst',
            options: {
              cacheName: 'lantern-other-areas',
              expiration: { maxEntries: 300, purgeOnQuotaError: true },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
    }),
    // Every text asset also as .br and .gz beside it, compressed once here at the highest
    // settings, so the server sends them without compressing per request
    // (server/static/serve-client.ts). Source maps are left alone: browsers fetch them only in
    // developer tools.
    !FULL_PRECACHE &&
      compression({
        algorithms: ['brotliCompress', 'gzip'],
        include: /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/,
        exclude: /\.map$/,
        threshold: 1024,
        skipIfLargerOrEqual: true,
        logLevel: 'silent',
      }),
    (() => {
      return {
        // Written last: server/static/ensure-client-build.ts treats a build without it as unfinished.
        // Into the folder this build wrote (`vite build --outDir elsewhere` builds beside a running suite).
        name: 'lantern-build-stamp',
        apply: 'build' as const,
        configResolved(config: { root: string; build: { outDir: string } }) {
          outDir = resolve(config.root, config.build.outDir);
        },
        closeBundle() {
          writeFileSync(join(outDir, '.lantern-build'), new Date().toISOString());
        },
      };
    })(),
  ],
});

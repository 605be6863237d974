import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { VitePWA } from 'vite-plugin-pwa';
import { compression } from 'vite-plugin-compression2';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// The client is a PWA that must start offline after one online visit: the app shell is
// precached, and updates wait for the person (registerType 'prompt', never auto-update).
export default defineConfig({
  root: '.',
  // The manifest lets the benchmark weigh exactly the chunks the auditor's route loads.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, manifest: true },
  server: { proxy: { '/api': 'http://localhost:8080' } },
  plugins: [
    vue(),
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
      },
    }),
    // Every text asset also as .br and .gz beside it, compressed once here at the highest
    // settings, so the server sends them without compressing per request
    // (server/static/serve-client.ts). Source maps are left alone: browsers fetch them only in
    // developer tools.
    compression({
      algorithms: ['brotliCompress', 'gzip'],
      include: /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/,
      exclude: /\.map$/,
      threshold: 1024,
      skipIfLargerOrEqual: true,
      logLevel: 'silent',
    }),
    (() => {
      let outDir = 'dist';
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

/**
 * Serves the built PWA: hashed assets cached for a year, the service worker and the app
 * shell never cached by the HTTP cache (the service worker decides), and every other
 * non-API path answered with index.html so that deep links work. Text files are sent as the
 * build compressed them (`.br`, else `.gz`, beside each: vite.config.ts) to a browser that
 * accepts that encoding, with `Vary: Accept-Encoding`.
 */
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

export function clientRoutes(clientDir: string) {
  const root = relative(process.cwd(), clientDir) || '.';
  const app = new Hono();
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use(
    '*',
    serveStatic({
      root,
      precompressed: true,
      onFound: (path, c) => {
        if (!path.includes('/assets/')) c.header('Cache-Control', 'no-cache');
      },
    }),
  );
  app.get('*', async (c) => {
    const html = await readFile(join(clientDir, 'index.html'), 'utf8').catch(() => null);
    if (html === null) return c.text('The client has not been built. Run npm run build.', 503);
    c.header('Cache-Control', 'no-cache');
    return c.html(html);
  });
  return app;
}

/**
 * The precache is warmed all at once only while the first worker installs, online, after the
 * page is idle; the list is read as the build writes it, and a missing list or a failed file
 * changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { listedAssets, warmPrecache, type WarmEnv } from './warm-precache';

function env(over: Partial<WarmEnv> & { files?: Record<string, unknown> }): WarmEnv & { asked: string[] } {
  const asked: string[] = [];
  const files = over.files ?? {};
  return {
    online: true,
    controlled: false,
    whenIdle: (run) => run(),
    asked,
    fetch: (url) => {
      asked.push(url);
      if (!(url in files)) return Promise.reject(new TypeError('Failed to fetch'));
      return Promise.resolve(new Response(JSON.stringify(files[url])));
    },
    ...over,
  };
}

describe('warming the precache', () => {
  it('reads only built files from the list', () => {
    expect(listedAssets(['/assets/a-1.js', '/index.html', 'assets/b.js', 7, '/assets/../x'])).toEqual([
      '/assets/a-1.js',
    ]);
    expect(listedAssets({ not: 'a list' })).toEqual([]);
  });

  it('fetches every listed file at once, once idle; one that fails changes nothing', async () => {
    const idle: (() => void)[] = [];
    const e = env({
      whenIdle: (run) => idle.push(run),
      files: { '/precache-assets.json': ['/assets/a-1.js', '/assets/b-2.css'], '/assets/a-1.js': 'code' },
    });
    const warmed = warmPrecache(e);
    expect(e.asked).toEqual([]); // not before the page is idle
    idle.forEach((run) => run());
    await warmed;
    expect(e.asked).toEqual(['/precache-assets.json', '/assets/a-1.js', '/assets/b-2.css']);
  });

  it('does nothing offline or once a worker controls the page, and nothing more without a list', async () => {
    const offline = env({ online: false });
    const controlled = env({ controlled: true });
    const noList = env({});
    await Promise.all([warmPrecache(offline), warmPrecache(controlled), warmPrecache(noList)]);
    expect([offline.asked, controlled.asked, noList.asked]).toEqual([[], [], ['/precache-assets.json']]);
  });
});

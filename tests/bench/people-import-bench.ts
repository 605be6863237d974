/**
 * Benchmark: importing 2,000 people from a staff file (the goal: under 3 s), as CSV and
 * as XLSX, through the real API in-process on PGlite — the file travels base64 in JSON, is read,
 * checked row by row, compared by e-mail with who Lantern holds, and written in one transaction
 * with a set-password link and audit-log rows for each new person and the teams managers manage.
 * No mail server: the links come back in the answer. Each measured import is of a fresh file
 * (new addresses), three times per format, and the median is reported; the preview and a
 * re-import of the same file (which changes nothing) are timed too. Figures go in
 * docs/PERFORMANCE.md.
 *
 * Run by the bench runner through `run()`, or directly: `npx tsx tests/bench/people-import-bench.ts`.
 */
import { runWhenMain } from './run-when-main';
import { ENGINES } from '../support/test-databases';
import { createTestApp } from '../support/test-app';
import { staffCsv, staffRows, staffXlsx } from '../fixtures/people/staff-file';
import { peopleImportResultSchema } from '../../shared/imports/people-import-schemas';
import { median, ms } from './statistics';

const PEOPLE = Number(process.env.LANTERN_BENCH_PEOPLE ?? 2_000);
const RUNS = 3;
const GOAL_MS = 3_000;

export async function run(): Promise<void> {
  const pglite = ENGINES[0];
  if (!pglite) throw new Error('no PGlite engine');
  const t = await createTestApp(pglite);
  try {
    const admin = await t.as('gus.admin@demo.lantern.invalid');
    const timed = async (path: string, fileName: string, content: string | Buffer) => {
      const body = { fileName, content: Buffer.from(content).toString('base64') };
      const t0 = performance.now();
      const response = await admin.request(path, { method: 'POST', json: body });
      const text = await response.text();
      const elapsed = performance.now() - t0;
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${text.slice(0, 300)}`);
      return { elapsed, text };
    };
    const count = PEOPLE.toLocaleString('en-GB');
    for (const format of ['CSV', 'XLSX'] as const) {
      const times: number[] = [];
      let lastFile: { name: string; content: string | Buffer } | null = null;
      for (let i = 0; i < RUNS; i++) {
        const rows = staffRows(PEOPLE, 10 + i, `bench-${format.toLowerCase()}-${String(i)}`);
        const file =
          format === 'CSV'
            ? { name: 'staff.csv', content: staffCsv(rows) }
            : { name: 'staff.xlsx', content: await staffXlsx(rows) };
        if (i === 0) {
          const preview = await timed('/api/admin/people-imports/preview', file.name, file.content);
          console.log(
            `preview ${count}-person ${format} (${(file.content.length / 1e3).toFixed(0)} kB): ${ms(preview.elapsed)}`,
          );
        }
        const imported = await timed('/api/admin/people-imports', file.name, file.content);
        const result = peopleImportResultSchema.parse(JSON.parse(imported.text));
        if (result.created !== PEOPLE || result.links.length !== PEOPLE)
          throw new Error(
            `expected ${count} new people with links, got ${JSON.stringify({ ...result, links: result.links.length })}`,
          );
        times.push(imported.elapsed);
        lastFile = file;
      }
      console.log(
        `import ${count}-person ${format}: median ${ms(median(times))} of ${RUNS} (${times.map(ms).join(', ')}); goal < ${ms(GOAL_MS)}: ${median(times) < GOAL_MS ? 'met' : 'MISSED'}`,
      );
      if (lastFile) {
        const again = await timed('/api/admin/people-imports', lastFile.name, lastFile.content);
        console.log(`import the same ${format} again (changes nothing): ${ms(again.elapsed)}`);
      }
    }
  } finally {
    await t.close();
  }
}

runWhenMain(import.meta.url, run);

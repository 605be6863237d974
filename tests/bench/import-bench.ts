/**
 * Benchmark: importing a 20,000-row case list (the issue's goal: under 5 s), as CSV and as
 * XLSX, through the real API in-process on PGlite — the file travels base64 in JSON, is read,
 * checked row by row, compared with what Lantern holds and written in one transaction. Also
 * times the preview, and the second import of the same file (which changes nothing), and
 * checks that both formats produce the same cases. The figures go in docs/PERFORMANCE.md.
 *
 * Run by the bench runner through `run()`, or directly: `npx tsx tests/bench/import-bench.ts`.
 */
import { pathToFileURL } from 'node:url';
import { ENGINES } from '../support/test-databases';
import { createTestApp } from '../support/test-app';
import { base64, caseListRows, toCsv, toXlsx } from '../fixtures/case-lists/case-list';
import { importResultSchema } from '../../shared/imports/import-schemas';
import { ms } from './statistics';

const ROWS = Number(process.env.LANTERN_BENCH_IMPORT_ROWS ?? 20_000);
const GOAL_MS = 5_000;

export async function run(): Promise<void> {
  const pglite = ENGINES[0];
  if (!pglite) throw new Error('no PGlite engine');
  const t = await createTestApp(pglite);
  try {
    const qa = await t.as('erin.qalead@demo.lantern.invalid');
    const timed = async (label: string, path: string, fileName: string, content: string | Buffer) => {
      const body = { fileName, content: base64(content) };
      const t0 = performance.now();
      const response = await qa.request(path, { method: 'POST', json: body });
      const elapsed = performance.now() - t0;
      if (response.status !== 200)
        throw new Error(`${label}: ${response.status} ${(await response.text()).slice(0, 300)}`);
      const text = await response.text();
      console.log(
        `${label}: ${ms(elapsed)}${path.endsWith('/preview') ? '' : ` — ${JSON.stringify(importResultSchema.parse(JSON.parse(text)))}`}`,
      );
      return elapsed;
    };
    const count = ROWS.toLocaleString('en-GB');
    const csv = toCsv(caseListRows(ROWS, 5, 'BENCH-CSV'));
    const xlsx = await toXlsx(caseListRows(ROWS, 5, 'BENCH-XL'));
    console.log(
      `files: CSV ${(csv.length / 1e6).toFixed(2)} MB, XLSX ${(xlsx.length / 1e6).toFixed(2)} MB, ${count} rows each`,
    );
    await timed(`preview ${count}-row CSV`, '/api/imports/preview', 'cases.csv', csv);
    const csvImport = await timed(`import ${count}-row CSV`, '/api/imports', 'cases.csv', csv);
    await timed(`import the same CSV again`, '/api/imports', 'cases.csv', csv);
    await timed(`preview ${count}-row XLSX`, '/api/imports/preview', 'cases.xlsx', xlsx);
    const xlsxImport = await timed(`import ${count}-row XLSX`, '/api/imports', 'cases.xlsx', xlsx);
    const same = await t.db.query<{ n: number }>(
      `SELECT count(*) AS n FROM cases a JOIN cases b ON b.reference = replace(a.reference, 'BENCH-CSV', 'BENCH-XL')
       WHERE a.reference LIKE 'BENCH-CSV-%' AND (a.team_id, a.case_type, a.allocated_worker, a.plan_type, a.flags, a.closed)
         = (b.team_id, b.case_type, b.allocated_worker, b.plan_type, b.flags, b.closed)`,
    );
    console.log(
      `CSV and XLSX gave the same ${same[0]?.n.toLocaleString('en-GB')} of ${count} cases; goal < ${ms(GOAL_MS)}: CSV ${csvImport < GOAL_MS ? 'met' : 'MISSED'}, XLSX ${xlsxImport < GOAL_MS ? 'met' : 'MISSED'}`,
    );
  } finally {
    await t.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}

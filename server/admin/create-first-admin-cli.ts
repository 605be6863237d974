/**
 * `npm run create-admin -- you@council.gov.uk "Your Name"`: adds the
 * first admin to the database the usual variables point at (DATABASE_URL or
 * LANTERN_DATA_DIR; with the embedded database, stop Lantern first) and prints their one-time
 * set-password link. Prefixed with LANTERN_PUBLIC_URL when set.
 */
import { readConfig } from '../config';
import { openDatabase } from '../db/open-database';
import { migrate } from '../db/migrate';
import { createFirstAdmin } from './create-first-admin';

const [email = '', name = ''] = process.argv.slice(2);
if (!email || !name) {
  console.error('lantern: usage: npm run create-admin -- <e-mail> "<full name>"');
  process.exit(2);
}
const config = readConfig(process.env);
const db = await openDatabase(config);
try {
  await migrate(db);
  const link = await createFirstAdmin(db, { email, name });
  const origin =
    process.env.LANTERN_PUBLIC_URL?.trim().replace(/\/$/, '') ?? `http://localhost:${config.port}`;
  console.log(
    `lantern: ${email} is an admin. Their one-time link to choose a password (until ${link.expiresAt}):`,
  );
  console.log(`${origin}${link.path}`);
} catch (error) {
  console.error(`lantern: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.close();
}

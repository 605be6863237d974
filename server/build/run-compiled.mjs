/**
 * `npm run backup`, `npm run restore` and `npm run create-admin`: one of the operator's commands,
 * compiled with the server (build-server.mjs; rebuilt first when a source changed, as `npm start`
 * does) and run in this process. Compiled, a command starts in a fraction of a second where a
 * TypeScript loader took seconds, which a nightly backup on a busy server, or a person at the
 * terminal, would otherwise wait for.
 *
 * `node server/build/run-compiled.mjs NAME [ARG...]`: the command sees its own arguments only.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureServerBuild, OPERATOR_COMMANDS } from './build-server.mjs';

const COMMANDS = Object.keys(OPERATOR_COMMANDS);

const [name = ''] = process.argv.splice(2, 1);
if (!COMMANDS.includes(name)) {
  console.error(`lantern: no command "${name}"; the commands are ${COMMANDS.join(', ')}`);
  process.exit(2);
}
const entry = await ensureServerBuild();
await import(pathToFileURL(join(entry, '..', `${name}.js`)).href);

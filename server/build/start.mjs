/**
 * `npm start`: compiles the server when its sources changed (build-server.mjs, about a second) and runs the compiled
 * JavaScript in this same process, so signals reach the server directly and it stops cleanly.
 * The client is built by the server itself when missing or stale (server/static/ensure-client-build.ts).
 */
import { pathToFileURL } from 'node:url';
import { ensureServerBuild } from './build-server.mjs';

const entry = await ensureServerBuild();
await import(pathToFileURL(entry).href);

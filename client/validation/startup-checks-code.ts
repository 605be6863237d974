/**
 * The start-up checks as an ES module of plain functions, compiled by ajv at build time from
 * the shared zod schemas (startup-check-schemas.ts): the client checks who is signed in and the
 * organisation's name before its first screen without loading zod. Each function returns true
 * for a document the zod schema accepts, and leaves it as zod's parse would return it (unknown
 * keys dropped, defaults filled in). Runs in Node only.
 */
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { STARTUP_SCHEMAS, startupJsonSchema } from './startup-check-schemas';

export function startupChecksCode(): string {
  const ajv = new Ajv({
    code: { source: true, esm: true },
    useDefaults: true,
    removeAdditional: true,
    allowUnionTypes: true,
    messages: false,
    inlineRefs: false,
  });
  const names: Record<string, string> = {};
  for (const [name, schema] of Object.entries(STARTUP_SCHEMAS)) {
    ajv.addSchema(startupJsonSchema(schema), name);
    names[name] = name;
  }
  return standaloneCode(ajv, names);
}

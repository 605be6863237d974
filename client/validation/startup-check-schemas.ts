/**
 * The JSON Schemas the start-up checks are compiled from: the shared zod schemas of what the
 * client reads before its first screen (who is signed in, the organisation's name), converted
 * at build time. Two steps make ajv's result the one zod's parse gives: every object refuses
 * nothing extra but drops it (zod's objects strip unknown keys), and "X or null" is written as
 * one schema of two types, so the defaults inside X are filled in as zod fills them (ajv fills
 * no defaults inside `anyOf`). Runs in Node only (vite.config.ts, vitest.config.ts).
 */
import { z } from 'zod/mini';
import { sessionInfoSchema, sessionPersonSchema } from '../../shared/accounts/roles';
import { organisationInfoSchema } from '../../shared/organisation/organisation-info';

/** Each start-up check by the name the client imports it under, with its zod schema. */
export const STARTUP_SCHEMAS = {
  isSessionInfo: sessionInfoSchema,
  isSessionPerson: sessionPersonSchema,
  isOrganisationInfo: organisationInfoSchema,
} as const;

type Json = { [key: string]: unknown };

const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Rewrites one converted node and, first, everything under it. */
function adjust(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(adjust);
  if (!isJson(node)) return node;
  const out: Json = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, adjust(value)]));
  if (isJson(out.properties)) out.additionalProperties = false;
  const anyOf = out.anyOf;
  if (Array.isArray(anyOf) && anyOf.length === 2 && isJson(anyOf[1]) && anyOf[1].type === 'null') {
    const [value] = anyOf;
    if (isJson(value) && typeof value.type === 'string') {
      const { anyOf: _merged, ...rest } = out;
      return { ...rest, ...value, type: [value.type, 'null'] };
    }
  }
  return out;
}

/**
 * True when a schema carries a refinement (`.check(z.refine(...))`, `z.superRefine`): a rule
 * written as a function, which the conversion would silently leave out.
 */
function hasRefinement(schema: z.core.$ZodType): boolean {
  return (schema._zod.def.checks ?? []).some((check) => check._zod.def.check === 'custom');
}

/**
 * The JSON Schema (draft-07) a start-up check is compiled from. It throws for a schema with a
 * refinement, and the conversion throws for a type JSON Schema has no word for (a custom type, a
 * date, a transform's output). Another start-up schema inside it (the person inside the session)
 * becomes a reference to that check, compiled once.
 */
export function startupJsonSchema(schema: z.core.$ZodType): Json {
  const names = new Map<unknown, string>(Object.entries(STARTUP_SCHEMAS).map(([name, s]) => [s, name]));
  const converted = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-07',
    unrepresentable: 'throw',
    override: ({ zodSchema, jsonSchema }) => {
      if (hasRefinement(zodSchema))
        throw new Error('A start-up schema has a refinement JSON Schema cannot carry.');
      const name = names.get(zodSchema);
      if (!name || zodSchema === schema) return;
      for (const key of Object.keys(jsonSchema)) delete (jsonSchema as Json)[key];
      (jsonSchema as Json).$ref = name;
    },
  });
  const { $schema: _version, ...rest } = adjust(converted) as Json;
  return rest;
}

/**
 * The API document cannot drift from the code: every route of the access rules is described and
 * every described route is real (compared with the routes Hono itself lists), the document is
 * valid OpenAPI 3.1 (checked by swagger-parser against the specification's own schema), and the
 * well-formed sample input of every route in the fuzz test's table fits what the document says
 * the route takes. Real answers are checked against it in openapi-responses.test.ts.
 */
import { describe, expect, it } from 'vitest';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPI } from 'openapi-types';
import { Ajv2020 } from 'ajv/dist/2020';
import { createApp } from '../app';
import type { Database } from '../db/database';
import { TEST_CONFIG } from '../../tests/support/test-app';
import { ROUTE_INPUT_SAMPLES } from '../../tests/support/route-input-samples';
import { ACCESS_RULES } from '../auth/access-rules';
import { API_OPERATIONS } from './api-operations';
import { buildOpenApiDocument, openApiPath, wireSchema } from './openapi-document';

const unusedDb: Database = new Proxy({} as Database, {
  get: () => {
    throw new Error('listing routes must not touch the database');
  },
});
const listed = createApp({ db: unusedDb, config: TEST_CONFIG, schemaVersion: 0, oidc: null }).routes;
/** Every API endpoint as `METHOD /path`, as Hono registered it. */
const ROUTES = new Set(
  listed.filter((r) => r.path.startsWith('/api') && r.method !== 'ALL').map((r) => `${r.method} ${r.path}`),
);
const document = buildOpenApiDocument();
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });

/** The document's operations as `METHOD /api/path/:param` keys. */
function documentedRoutes(): string[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`),
  );
}

describe('the API document covers the routes', () => {
  it('describes every route of the access rules', () => {
    const missing = Object.keys(ACCESS_RULES).filter((key) => !Object.hasOwn(API_OPERATIONS, key));
    expect(
      missing,
      `Describe these routes in server/openapi/api-operations.ts (summary, body, query, response):\n${missing.join('\n')}\n`,
    ).toEqual([]);
  });

  it('describes no route that does not exist (a stale or misspelt key)', () => {
    const stale = Object.keys(API_OPERATIONS).filter((key) => !ROUTES.has(key));
    expect(
      stale,
      `Remove or correct these keys in server/openapi/api-operations.ts: ${stale.join(', ')}`,
    ).toEqual([]);
  });

  it('lists exactly the real API routes, each once', () => {
    const documented = documentedRoutes();
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual([...ROUTES].sort());
  });

  it('names every path parameter of a route', () => {
    for (const [path, methods] of Object.entries(document.paths)) {
      const { params } = openApiPath(path.replace(/\{([^}]+)\}/g, ':$1'));
      for (const operation of Object.values(methods) as { parameters: { name: string; in: string }[] }[]) {
        const inPath = operation.parameters.filter((p) => p.in === 'path').map((p) => p.name);
        expect(inPath, path).toEqual(params);
      }
    }
  });
});

describe('the API document is valid OpenAPI 3.1', () => {
  it('passes swagger-parser’s validation against the OpenAPI 3.1 schema', async () => {
    // validate() dereferences in place: give it a copy.
    const copy = structuredClone(document) as unknown as OpenAPI.Document;
    await expect(SwaggerParser.validate(copy)).resolves.toBeTruthy();
  });

  it('is refused by the same validator when broken (the check is real)', async () => {
    const broken = structuredClone(document) as unknown as Record<string, unknown>;
    delete broken.info;
    await expect(SwaggerParser.validate(broken as unknown as OpenAPI.Document)).rejects.toThrow();
  });

  it('compiles every schema in it as JSON Schema 2020-12', () => {
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const operation of Object.values(methods) as Record<string, unknown>[]) {
        const json = JSON.stringify(operation);
        expect(json, path).not.toContain('"#/$defs');
      }
    }
    for (const key of Object.keys(API_OPERATIONS)) {
      const { body, response } = API_OPERATIONS[key] ?? {};
      if (body) expect(() => ajv.compile(wireSchema(body)), key).not.toThrow();
      if (response) expect(() => ajv.compile(wireSchema(response)), key).not.toThrow();
    }
  });

  it('describes the session cookie, the CSRF header and the error body', () => {
    const components = document.components as {
      securitySchemes: Record<string, { in: string; name: string }>;
      schemas: { Error: { properties: Record<string, unknown>; required: string[] } };
    };
    expect(components.securitySchemes.sessionCookie).toMatchObject({ in: 'cookie', name: 'lantern_session' });
    expect(components.securitySchemes.csrfToken).toMatchObject({ in: 'header', name: 'X-CSRF-Token' });
    expect(components.schemas.Error.required).toEqual(['code', 'message']);
    const signIn = document.paths['/api/auth/sign-in']?.post as { security: unknown[] };
    const push = document.paths['/api/sync/push']?.post as { security: unknown[] };
    expect(signIn.security).toEqual([{}]);
    expect(push.security).toEqual([{ sessionCookie: [], csrfToken: [] }]);
  });
});

/** Samples the fuzz test keeps short on purpose, and why: they are not whole requests. */
const PARTIAL_SAMPLES: Record<string, string> = {
  'POST /api/sync/push': 'sends no mutation: the push answers each mutation by itself',
};

describe('the sample inputs of every route fit the document', () => {
  const samples = Object.entries(ROUTE_INPUT_SAMPLES).filter(([key]) => !Object.hasOwn(PARTIAL_SAMPLES, key));

  it.each(
    samples.filter(
      ([, inputs]) => inputs.body !== undefined && Object.keys(inputs.body as object).length > 0,
    ),
  )('%s: its sample body is a valid request', (key, inputs) => {
    const body = API_OPERATIONS[key]?.body;
    expect(body, `${key} reads a body: give it \`body\` in server/openapi/api-operations.ts`).toBeDefined();
    if (!body) return;
    const validate = ajv.compile(wireSchema(body));
    expect(validate(inputs.body), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each(samples.filter(([, inputs]) => inputs.query))(
    '%s: its sample query parameters are documented',
    (key, inputs) => {
      const [method = '', path = ''] = key.split(' ');
      const operation = document.paths[openApiPath(path).path]?.[method.toLowerCase()] as
        { parameters: { name: string; in: string }[] } | undefined;
      const documented = (operation?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      for (const name of Object.keys(inputs.query ?? {}))
        expect(documented, `${key} ?${name}`).toContain(name);
    },
  );

  it('has a sample for every route documented as taking a body (so the check above reaches it)', () => {
    const unsampled = Object.entries(API_OPERATIONS)
      .filter(([key, operation]) => operation.body && !ROUTE_INPUT_SAMPLES[key]?.body)
      .map(([key]) => key);
    expect(unsampled).toEqual([]);
  });
});

/**
 * Real answers of the app fit the API document: GET /api/openapi.json serves the document to
 * anyone; every GET whose answer the document gives a shape is called on the demo organisation
 * (as the first demo person its rule allows, with the fuzz test's sample query) and its answer is
 * validated against that shape; refusals fit the Error body. On each engine.
 */
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020';
import { ENGINES } from '../../tests/support/test-databases';
import type { Client } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import { ROUTE_INPUT_SAMPLES } from '../../tests/support/route-input-samples';
import { ACCESS_RULES } from '../auth/access-rules';
import type { Role } from '../../shared/accounts/roles';
import { API_OPERATIONS } from './api-operations';
import { buildOpenApiDocument } from './openapi-document';
import { DEMO_EMAIL, preferredRoleFor } from '../../tests/support/demo-callers';

const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
const document = buildOpenApiDocument();
const ERROR_SCHEMA = (document.components as { schemas: { Error: object } }).schemas.Error;
const validateError = ajv.compile(ERROR_SCHEMA);

/** The documented JSON schema of a route's success answer, or null when it has no shape. */
function documentedAnswer(key: string): { status: string; schema: object } | null {
  const [method = '', path = ''] = key.split(' ');
  const operation = document.paths[path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]?.[method.toLowerCase()] as
    { responses: Record<string, { content?: Record<string, { schema: object }> }> } | undefined;
  const entry = Object.entries(operation?.responses ?? {}).find(([status]) => /^2\d\d$/.test(status));
  const schema = entry?.[1].content?.['application/json']?.schema;
  return entry && schema && Object.keys(schema).length > 0 ? { status: entry[0], schema } : null;
}

/** GETs whose query names records: called with real ones below. */
const NAMES_RECORDS = new Set([
  'GET /api/round-comparison',
  // The cases of the pack: its shape is checked in server/inspection/inspection-routes.test.ts.
  'GET /api/inspection/pack',
]);
/** GETs without path parameters whose answer has a documented shape. */
const PLAIN_GETS = Object.keys(API_OPERATIONS).filter(
  (key) =>
    key.startsWith('GET ') && !key.includes(':') && API_OPERATIONS[key]?.response && !NAMES_RECORDS.has(key),
);

describe.each(ENGINES)('real answers fit the API document on $engine', (engine) => {
  const t = useTestApp(engine);
  const clients = new Map<Role, Client>();
  const as = async (role: Role) => {
    const known = clients.get(role);
    if (known) return known;
    const client = await t.as(DEMO_EMAIL[role]);
    clients.set(role, client);
    return client;
  };

  async function expectFits(key: string, response: Response) {
    const answer = documentedAnswer(key);
    if (!answer) throw new Error(`${key} has no documented answer`);
    const body: unknown = await response.json();
    expect(String(response.status), `${key}: ${JSON.stringify(body).slice(0, 300)}`).toBe(answer.status);
    const validate = ajv.compile(answer.schema);
    expect(validate(body), `${key}: ${JSON.stringify(validate.errors?.slice(0, 5))}`).toBe(true);
  }

  it('serves the document at GET /api/openapi.json to anyone, signed in or not', async () => {
    const response = await t.request('/api/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const served = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(served).toEqual(JSON.parse(JSON.stringify(document)));
    expect(served.openapi).toMatch(/^3\.1\./);
  });

  it('has real GETs to check: the demo answers more than a handful', () => {
    expect(PLAIN_GETS.length).toBeGreaterThan(15);
  });

  it.each(PLAIN_GETS)('%s answers what the document says', async (key) => {
    const path = key.slice('GET '.length);
    const query = new URLSearchParams(ROUTE_INPUT_SAMPLES[key]?.query ?? {}).toString();
    const url = query ? `${path}?${query}` : path;
    const response =
      ACCESS_RULES[key]?.kind === 'public'
        ? await t.request(url)
        : await (await as(preferredRoleFor(key))).request(url);
    await expectFits(key, response);
  });

  it('answers a round, its cases and progress, and a framework version as documented', async () => {
    const qa = await as('qa_lead');
    const rounds = (await (await qa.request('/api/rounds')).json()) as { rounds: { id: string }[] };
    const roundId = rounds.rounds[0]?.id;
    expect(roundId, 'the demo has rounds').toBeDefined();
    for (const key of [
      'GET /api/rounds/:roundId',
      'GET /api/rounds/:roundId/cases',
      'GET /api/rounds/:roundId/progress',
      'GET /api/rounds/:roundId/sample/choices',
      'GET /api/rounds/:roundId/self-audit-agreement',
    ]) {
      await expectFits(key, await qa.request(key.slice(4).replace(':roundId', String(roundId))));
    }
    const versions = (await (await qa.request('/api/frameworks')).json()) as {
      versions: { key: string; version: number }[];
    };
    const framework = versions.versions[0];
    await expectFits(
      'GET /api/frameworks/:key/:version',
      await qa.request(`/api/frameworks/${framework?.key}/${framework?.version}`),
    );
  });

  it('answers two rounds compared as documented', async () => {
    const manager = await as('manager');
    const rounds = (await (await (await as('qa_lead')).request('/api/rounds')).json()) as {
      rounds: { id: string; frameworkKey: string }[];
    };
    const first = rounds.rounds[0];
    const second = rounds.rounds.find((r) => r.id !== first?.id && r.frameworkKey === first?.frameworkKey);
    expect(second, 'the demo has two rounds of one tool').toBeDefined();
    await expectFits(
      'GET /api/round-comparison',
      await manager.request(`/api/round-comparison?first=${first?.id}&second=${second?.id}`),
    );
  });

  it('answers a moderation as documented', async () => {
    const moderator = await as('moderator');
    const list = (await (await moderator.request('/api/moderation')).json()) as {
      moderations: { id: string }[];
    };
    const id = list.moderations[0]?.id;
    expect(id, 'the demo moderator has moderations').toBeDefined();
    await expectFits('GET /api/moderation/:moderationId', await moderator.request(`/api/moderation/${id}`));
  });

  it('answers refusals with the documented Error body', async () => {
    const signedOut = await t.request('/api/rounds');
    expect(signedOut.status).toBe(401);
    expect(validateError(await signedOut.json())).toBe(true);

    const badSignIn = await t.request('/api/auth/sign-in', {
      method: 'POST',
      json: { email: 'not an address' },
    });
    expect(badSignIn.status).toBe(400);
    const refused = (await badSignIn.json()) as { fields?: unknown[] };
    expect(validateError(refused), JSON.stringify(validateError.errors)).toBe(true);
    expect(refused.fields?.length).toBeGreaterThan(0);

    const auditor = await as('auditor');
    const forbidden = await auditor.request('/api/rounds');
    expect(forbidden.status).toBe(403);
    expect(validateError(await forbidden.json())).toBe(true);

    const missing = await t.request('/api/no-such-route');
    expect(missing.status).toBe(404);
    expect(validateError(await missing.json())).toBe(true);
  });
});

/**
 * Another system of the council uses Lantern's API the way its OpenAPI document says, against a
 * real server process: it reads the document (valid OpenAPI 3.1), signs in as its security
 * schemes say, reads the session for the CSRF token, makes a change with that header and is
 * refused without it, each answer fitting the document.
 */
import { test, expect, type APIResponse } from '@playwright/test';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPI } from 'openapi-types';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { useDemoServer } from './support/demo-server';
import { DEMO_PASSWORD } from '../../server/demo/demo-people';

interface Described {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >;
  components: {
    schemas: { Error: object };
    securitySchemes: Record<string, { type: string; in?: string; name?: string }>;
  };
}

const server = useDemoServer('lantern-api-description-');

const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });

async function expectFits(document: Described, path: string, method: string, response: APIResponse) {
  const responses = document.paths[path]?.[method]?.responses ?? {};
  const described = responses[String(response.status())] ?? responses.default;
  const schema = described?.content?.['application/json']?.schema;
  expect(schema, `${method} ${path} ${response.status()} is described`).toBeDefined();
  const validate = ajv.compile(schema ?? {});
  const body: unknown = await response.json();
  expect(validate(body), `${method} ${path}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
  return body;
}

test('a council system reads the API document, signs in and makes a change as it says', async ({
  request,
}) => {
  const answer = await request.get(`${server.url}/api/openapi.json`);
  expect(answer.status()).toBe(200);
  const served = (await answer.json()) as OpenAPI.Document;
  await expect(SwaggerParser.validate(structuredClone(served))).resolves.toBeTruthy();
  // With its references (the Error body) resolved, as a client generator reads it.
  const document = (await SwaggerParser.dereference(served)) as unknown as Described;
  const { sessionCookie, csrfToken } = document.components.securitySchemes;
  expect(sessionCookie).toMatchObject({ type: 'apiKey', in: 'cookie' });
  expect(csrfToken).toMatchObject({ type: 'apiKey', in: 'header' });

  const signIn = await request.post(`${server.url}/api/auth/sign-in`, {
    data: { email: 'erin.qalead@demo.lantern.invalid', password: DEMO_PASSWORD },
  });
  expect(signIn.status()).toBe(200);
  await expectFits(document, '/api/auth/sign-in', 'post', signIn);
  expect(signIn.headers()['set-cookie']).toContain(`${sessionCookie?.name}=`);

  const session = (await expectFits(
    document,
    '/api/auth/session',
    'get',
    await request.get(`${server.url}/api/auth/session`),
  )) as { csrfToken: string };

  const refused = await request.post(`${server.url}/api/notifications/read-all`, { data: {} });
  expect(refused.status()).toBe(403);
  expect(await expectFits(document, '/api/notifications/read-all', 'post', refused)).toMatchObject({
    code: 'csrf_failed',
  });

  const done = await request.post(`${server.url}/api/notifications/read-all`, {
    data: {},
    headers: { [csrfToken?.name ?? '']: session.csrfToken },
  });
  expect(done.status()).toBe(200);
  await expectFits(document, '/api/notifications/read-all', 'post', done);
});

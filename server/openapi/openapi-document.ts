/**
 * The API described as OpenAPI 3.1, built from two registries: who may call each route
 * (ACCESS_RULES, server/auth/access-rules.ts) and what it takes and answers (API_OPERATIONS,
 * api-operations.ts, made of the zod schemas the routes parse with). Zod 4 turns each schema into
 * JSON Schema draft 2020-12 itself (`z.toJSONSchema`), which is the dialect OpenAPI 3.1 uses, so
 * no converter library stands between the code and the document. Request schemas are described
 * as the input they accept; responses as the JSON the client parses, which is that schema's
 * input too.
 */
import { z } from 'zod';
import { ACCESS_RULES, type AccessRule } from '../auth/access-rules';
import { ERROR_STATUS } from '../../shared/errors/app-error';
import { API_OPERATIONS, type ApiOperation, type FileAnswer } from './api-operations';
import { errorBodySchema } from './error-body-schema';

type JsonSchema = Record<string, unknown>;
export type OpenApiDocument = Record<string, unknown> & { paths: Record<string, Record<string, unknown>> };

/** JSON Schema for a zod schema as it is sent over the wire, without the `$schema` header. */
export function wireSchema(schema: z.core.$ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest;
}

/** `/api/plans/:planId` → `/api/plans/{planId}`; the parameters in order. */
export function openApiPath(honoPath: string): { path: string; params: string[] } {
  const params: string[] = [];
  const path = honoPath.replace(/:([A-Za-z0-9_]+)/g, (_all, name: string) => {
    params.push(name);
    return `{${name}}`;
  });
  return { path, params };
}

const FILE_CONTENT: Record<Exclude<FileAnswer['kind'], 'redirect'>, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  prometheus: 'text/plain; version=0.0.4',
};

const ERROR_REF = { $ref: '#/components/schemas/Error' };

/** Words and security for an access rule. */
function access(rule: AccessRule, method: string): { words: string; security: Record<string, string[]>[] } {
  const changes = method !== 'GET';
  const signedIn = changes ? [{ sessionCookie: [], csrfToken: [] }] : [{ sessionCookie: [] }];
  if (rule.kind === 'public') return { words: 'Anyone, signed in or not.', security: [{}] };
  if (rule.kind === 'signed-in') return { words: 'Any signed-in person.', security: signedIn };
  const reach = Object.entries(rule.reach)
    .map(([role, where]) => `${role} (${where})`)
    .join(', ');
  const record = rule.target
    ? ` The ${rule.target.kind} named by {${rule.target.param}} must be within reach.`
    : '';
  return { words: `Signed in with one of these roles and reaches: ${reach}.${record}`, security: signedIn };
}

function queryParameters(query: z.ZodObject | undefined): unknown[] {
  if (!query) return [];
  const schema = wireSchema(query);
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: 'query',
      required: required.has(name) && !('default' in property),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

function success(operation: ApiOperation): Record<string, unknown> {
  const status = String(operation.status ?? 200);
  if (operation.file?.kind === 'redirect') {
    return {
      '302': { description: 'Redirects (Location header) to the identity provider or into the app.' },
    };
  }
  if (operation.file) {
    return {
      [status]: {
        description: 'The answer, not JSON: a file to download, or a text format.',
        content: {
          [FILE_CONTENT[operation.file.kind]]: {
            schema: { type: 'string', contentMediaType: FILE_CONTENT[operation.file.kind] },
          },
        },
      },
    };
  }
  return {
    [status]: {
      description: operation.response
        ? 'Done.'
        : 'Done: JSON whose shape has TypeScript types only (see the route).',
      content: { 'application/json': { schema: operation.response ? wireSchema(operation.response) : {} } },
    },
  };
}

function operationObject(key: string, rule: AccessRule, operation: ApiOperation) {
  const [method = '', honoPath = ''] = key.split(' ');
  const { params } = openApiPath(honoPath);
  const { words, security } = operation.metricsToken
    ? { words: 'A scraper holding the metrics token.', security: [{ metricsToken: [] }] }
    : access(rule, method);
  const tag = honoPath.split('/')[2] ?? 'api';
  const refusals: Record<string, unknown> = {
    '400': {
      description: 'The input was refused; `fields` names each field or row at fault.',
      content: { 'application/json': { schema: ERROR_REF } },
    },
  };
  if (rule.kind !== 'public') {
    refusals['401'] = {
      description: 'Not signed in, or the session ended.',
      content: { 'application/json': { schema: ERROR_REF } },
    };
    refusals['403'] = {
      description: 'Not allowed, or the CSRF token is missing (csrf_failed).',
      content: { 'application/json': { schema: ERROR_REF } },
    };
  }
  return {
    operationId: `${method.toLowerCase()} ${honoPath}`,
    summary: operation.summary,
    description: `Who may call it: ${words}`,
    tags: [tag],
    'x-lantern-access':
      rule.kind === 'roles'
        ? { reach: rule.reach, record: rule.target, auditContent: rule.auditContent }
        : rule.kind,
    security,
    parameters: [
      ...params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      ...queryParameters(operation.query),
    ],
    ...(operation.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: wireSchema(operation.body) } },
          },
        }
      : {}),
    responses: {
      ...success(operation),
      ...refusals,
      default: {
        description: 'Any other error, with the status of its code.',
        content: { 'application/json': { schema: ERROR_REF } },
      },
    },
  };
}

/**
 * The document: every route of the access rules, each described by its API_OPERATIONS line. A
 * route without one is still listed, marked undescribed (openapi-document.test.ts fails on it, so
 * it never ships that way, but a running server answers the rest of the document regardless).
 */
export function buildOpenApiDocument(
  rules: Readonly<Record<string, AccessRule>> = ACCESS_RULES,
  operations: Readonly<Record<string, ApiOperation>> = API_OPERATIONS,
): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, rule] of Object.entries(rules)) {
    const [method = '', honoPath = ''] = key.split(' ');
    const { path } = openApiPath(honoPath);
    const operation = operations[key] ?? { summary: 'Not described yet (server/openapi/api-operations.ts).' };
    (paths[path] ??= {})[method.toLowerCase()] = operationObject(key, rule, operation);
  }
  return {
    openapi: '3.1.1',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Lantern API',
      version: '1.0.0',
      summary: "Case-file auditing for children's social care: the API the app itself uses.",
      description: [
        'Sign in with POST /api/auth/sign-in (or single sign-on); the answer sets the session cookie.',
        'Every request that changes something sends the CSRF token from GET /api/auth/session in the',
        'X-CSRF-Token header. Every error answers the Error body with the HTTP status of its code:',
        Object.entries(ERROR_STATUS)
          .map(([code, status]) => `${code} ${status}`)
          .join(', '),
        '. Each operation says who may call it; data stays within the caller’s service and team.',
      ].join(' '),
    },
    servers: [{ url: '/' }],
    components: {
      schemas: { Error: wireSchema(errorBodySchema) },
      securitySchemes: {
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'lantern_session',
          description:
            'The session, set by signing in (HttpOnly, SameSite). Served over HTTPS (LANTERN_SECURE_COOKIES) it is named __Host-lantern_session.',
        },
        metricsToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'The value of LANTERN_METRICS_TOKEN, for GET /api/health/metrics only.',
        },
        csrfToken: {
          type: 'apiKey',
          in: 'header',
          name: 'X-CSRF-Token',
          description: 'For every request but GET, with a session: the csrfToken of GET /api/auth/session.',
        },
      },
    },
    paths,
  };
}

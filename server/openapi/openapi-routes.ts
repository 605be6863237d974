/**
 * GET /api/openapi.json: the API described as OpenAPI 3.1 (openapi-document.ts), for the
 * council's other systems. Public: it describes shapes and who may call what, never data, and a
 * system reading it may not have a session yet. Built once, on the first request.
 */
import { Hono } from 'hono';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi-document';

export function openApiRoutes() {
  let document: OpenApiDocument | null = null;
  return new Hono().get('/', (c) => c.json((document ??= buildOpenApiDocument())));
}

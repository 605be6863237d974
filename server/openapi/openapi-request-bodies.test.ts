/**
 * The body each route documents is the body its handler parses: parseBody (the one place bodies
 * are read) is watched while every route that takes a body is called with its fuzz-table sample,
 * on real records of the demo organisation, as a demo person its rule allows; the schema the
 * handler handed parseBody must describe the same JSON Schema as the route's line in
 * API_OPERATIONS. A handler that changes its schema and not the document fails here. The schemas
 * do not depend on the engine, so this runs on the embedded one only.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Context } from 'hono';
import { z } from 'zod';
import { ENGINES } from '../../tests/support/test-databases';
import { createTestApp, type Client, type TestApp } from '../../tests/support/test-app';
import { ROUTE_INPUT_SAMPLES } from '../../tests/support/route-input-samples';
import { ACCESS_RULES } from '../auth/access-rules';
import type { Role } from '../../shared/accounts/roles';
import { API_OPERATIONS } from './api-operations';
import { wireSchema } from './openapi-document';
import { DEMO_EMAIL, preferredRoleFor } from '../../tests/support/demo-callers';

/** The schema each route's handler gave parseBody, by `METHOD /path/:param`. */
const parsedWith = vi.hoisted(() => new Map<string, unknown>());

vi.mock('../http/parse-body', async (importOriginal) => {
  const real = await importOriginal<typeof import('../http/parse-body')>();
  return {
    ...real,
    parseBody: (c: Context, schema: z.ZodType, options?: { textCheckedPerItemIn?: string }) => {
      parsedWith.set(`${c.req.method} ${c.req.routePath}`, schema);
      return real.parseBody(c, schema, options);
    },
  };
});

function roleFor(key: string): Role {
  // A moderation is moderated by its moderator; the demo's are dev's.
  if (key.startsWith('POST /api/moderation/:moderationId')) return 'moderator';
  return preferredRoleFor(key);
}

/** Routes the demo has no record for, and why; their samples are still checked in openapi-document.test.ts. */
const NOT_REACHED: Record<string, string> = {
  'POST /api/alerts/:alertId/acknowledge': 'the demo raises no safeguarding alert',
};

const BODY_ROUTES = Object.keys(API_OPERATIONS).filter((key) => API_OPERATIONS[key]?.body);

describe('each documented request body is the one its handler parses', () => {
  let t: TestApp;
  const clients = new Map<Role, Client>();
  const params = new Map<string, string>();

  beforeAll(async () => {
    const [engine] = ENGINES;
    if (!engine) throw new Error('no engine');
    t = await createTestApp(engine);
    const first = async (sql: string) => (await t.db.query<{ id: string }>(sql))[0]?.id;
    // Every record is the callers' own: of the QA lead's service (the manager, moderator and admin
    // the routes prefer are of the same one), or addressed to the caller. Ids are random, so a
    // pick by id alone lands in the other service about half the time, and the route refuses it
    // before its handler reads the body.
    const qaLead = `(SELECT id FROM people WHERE email = '${DEMO_EMAIL.qa_lead}')`;
    const service = `(SELECT service_id FROM people WHERE id = ${qaLead})`;
    const serviceTeams = `(SELECT id FROM teams WHERE service_id = ${service})`;
    const one: Record<string, string | undefined> = {
      roundId: await first(
        `SELECT id::text AS id FROM rounds WHERE service_id = ${service} ORDER BY id LIMIT 1`,
      ),
      planId: await first(
        `SELECT id::text AS id FROM plans WHERE service_id = ${service}
         AND id IN (SELECT plan_id FROM plan_measures) ORDER BY id LIMIT 1`,
      ),
      personId: await first("SELECT id::text AS id FROM people WHERE email LIKE 'amara.%'"),
      teamId: await first(
        `SELECT id::text AS id FROM teams WHERE service_id = ${service} ORDER BY id LIMIT 1`,
      ),
      serviceId: await first(`SELECT ${service}::text AS id`),
      moderationId: await first(
        `SELECT id::text AS id FROM moderations
         WHERE moderator_id = (SELECT id FROM people WHERE email = '${DEMO_EMAIL.moderator}') ORDER BY id LIMIT 1`,
      ),
      alertId: await first(
        `SELECT alert_id::text AS id FROM alert_recipients WHERE person_id = ${qaLead} LIMIT 1`,
      ),
      caseActionId: await first(
        `SELECT id::text AS id FROM case_actions WHERE team_id IN ${serviceTeams} ORDER BY id LIMIT 1`,
      ),
      // A submitted audit of the practitioner's own case (the route the practitioner answers).
      auditId: await first(
        `SELECT a.id::text AS id FROM audits a JOIN cases c ON c.id = a.case_id
         WHERE a.status = 'submitted' AND a.team_id IN ${serviceTeams}
           AND c.practitioner_id = (SELECT id FROM people WHERE email = '${DEMO_EMAIL.practitioner}')
         ORDER BY a.id LIMIT 1`,
      ),
      notificationId: await first(
        `SELECT id::text AS id FROM notifications WHERE person_id = ${qaLead} ORDER BY id LIMIT 1`,
      ),
      key: await first("SELECT key AS id FROM frameworks WHERE status = 'published' ORDER BY key LIMIT 1"),
      version: await first(
        "SELECT version::text AS id FROM frameworks WHERE status = 'published' ORDER BY key LIMIT 1",
      ),
    };
    const inPlan = (table: string) =>
      first(
        `SELECT id::text AS id FROM ${table} WHERE plan_id::text = '${one.planId ?? ''}' ORDER BY id LIMIT 1`,
      );
    one.areaId = await inPlan('plan_areas');
    one.actionId = await inPlan('plan_actions');
    one.measureId = await inPlan('plan_measures');
    one.allocationId = await first(
      `SELECT id::text AS id FROM allocations WHERE round_id::text = '${one.roundId ?? ''}' ORDER BY id LIMIT 1`,
    );
    // The QA lead's service's draft audit report and one of its recommendations (the demo's).
    one.reportId = await first(
      `SELECT id::text AS id FROM audit_reports WHERE status = 'draft'
       AND service_id = ${service} ORDER BY id LIMIT 1`,
    );
    one.recommendationId = await first(
      `SELECT id::text AS id FROM audit_report_recommendations WHERE report_id::text = '${one.reportId ?? ''}' ORDER BY id LIMIT 1`,
    );
    one.caseId = await first(
      `SELECT case_id::text AS id FROM audits WHERE id::text = '${one.auditId ?? ''}'`,
    );
    // A theme of the QA lead's service (the demo's), and the finding of the audit's strengths.
    one.themeId = await first(
      `SELECT id::text AS id FROM finding_themes
       WHERE service_id = ${service} ORDER BY name LIMIT 1`,
    );
    one.itemKey = 'overall.strengths';
    for (const [name, value] of Object.entries(one)) if (value) params.set(name, value);

    for (const key of BODY_ROUTES) {
      const [method = '', template = ''] = key.split(' ');
      const path = template.replace(/:([A-Za-z0-9_]+)/g, (_all, name: string) => params.get(name) ?? 'none');
      const role = roleFor(key);
      let client = clients.get(role);
      if (!client) {
        client = await t.as(DEMO_EMAIL[role]);
        clients.set(role, client);
      }
      const init = { method, json: ROUTE_INPUT_SAMPLES[key]?.body ?? {} };
      const response =
        ACCESS_RULES[key]?.kind === 'public' ? await t.request(path, init) : await client.request(path, init);
      await response.arrayBuffer();
    }
    // Some sixty requests, imports among them: a minute and more on a busy two-core machine.
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  it('reaches the handler of every route that takes a body (the check below is not empty)', () => {
    const unreached = BODY_ROUTES.filter((key) => !parsedWith.has(key));
    expect(unreached).toEqual(Object.keys(NOT_REACHED));
  });

  it.each(BODY_ROUTES)('%s', (key) => {
    const parsed = parsedWith.get(key);
    if (!parsed) return; // in NOT_REACHED, checked above
    const documented = API_OPERATIONS[key]?.body;
    expect(documented).toBeDefined();
    if (!documented) return;
    expect(
      wireSchema(parsed as z.ZodType),
      `${key}: its handler parses another schema than the document says`,
    ).toEqual(wireSchema(documented));
  });

  it('has no handler that parses a body its route does not document', () => {
    const undocumented = [...parsedWith.keys()].filter((key) => !API_OPERATIONS[key]?.body);
    expect(undocumented).toEqual([]);
  });
});

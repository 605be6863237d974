/**
 * Every screen of every role at every width: axe (WCAG 2.2 A and AA tags) finds
 * nothing, the page never scrolls sideways at 320 px, and no target is under 44 × 44 px outside
 * running text. The screens are the client's own route records (a route added to a route file
 * is swept the next run; a route file that the router or the other areas' tables
 * (client/area-route-tables.ts) spread in and this file does not import fails the first test),
 * with real ids from the demo, plus states: error summaries shown (an empty form submitted), a
 * confirmation open, an empty list.
 *
 * Widths: 1280 px (a desktop), 768 px (a portrait tablet), 640 px — 200% zoom of a 1280 px
 * window — and 320 px (a phone; WCAG 1.4.10's reflow width). Zoom is a 640 px viewport rather
 * than CSS `zoom` on the page: browser zoom changes the layout viewport and the media queries
 * exactly so, while CSS `zoom` leaves `@media (min-width)` answering for 1280 px and tests a
 * layout nobody sees. A deviceScaleFactor of 2 would only sharpen the pixels, which neither axe
 * nor the size checks see, and would need a new browser context per zoomed visit.
 *
 * Fast on a busy machine: one server, one sign-in per role (its storage state), one page per role
 * reused across its screens, and each screen loaded once and resized through the four widths.
 */
import {
  test,
  expect,
  request,
  type Browser,
  type BrowserContext,
  type Page,
  type Request,
} from '@playwright/test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startServer, type ServerProcess } from '../support/server-process';
import { axeViolations } from './support/axe-scan';
import { DEMO_PASSWORD } from '../../server/demo/demo-people';
import type { Role } from '../../shared/accounts/roles';
import { auditorRoutes } from '../../client/views/auditor/auditor-routes';
import { managerRoutes } from '../../client/views/manager/manager-routes';
import { adminRoutes } from '../../client/views/admin/admin-routes';
import { qaRoutes } from '../../client/views/qa/qa-routes';
import { recordRoutes } from '../../client/views/records/record-routes';
import { caseActionRoutes } from '../../client/views/case-actions/case-action-routes';
import { reportRoutes } from '../../client/views/reports/report-routes';

const WIDTHS = [
  { name: '1280 px', width: 1280, height: 800 },
  { name: '768 px', width: 768, height: 1024 },
  { name: '200% zoom', width: 640, height: 400 },
  { name: '320 px', width: 320, height: 640 },
] as const;
/** The axe rules whose outcome can change with the viewport's width. */
const LAYOUT_RULES = ['scrollable-region-focusable', 'target-size', 'color-contrast'];
const IMPORTED_ROUTE_ARRAYS = [
  'auditorRoutes',
  'managerRoutes',
  'adminRoutes',
  'qaRoutes',
  'recordRoutes',
  'caseActionRoutes',
  'reportRoutes',
];

/** Who signs in for each role (the demo's first service). */
const PEOPLE: Record<Role, string> = {
  admin: 'gus.admin@demo.lantern.invalid',
  qa_lead: 'erin.qalead@demo.lantern.invalid',
  moderator: 'dev.moderator@demo.lantern.invalid',
  manager: 'farah.manager@demo.lantern.invalid',
  auditor: 'amara.auditor@demo.lantern.invalid',
  practitioner: 'pia.practitioner@demo.lantern.invalid',
};
const ROLES = Object.keys(PEOPLE) as Role[];

/** A route as the sweep reads it: its path and who may open it (none: signed out). */
interface SweptRoute {
  path: string;
  meta?: { roles?: Role[] };
}
/** The router's own signed-in routes (client/router.ts) and the areas' route files. */
const frameRoutes: SweptRoute[] = [
  { path: '/', meta: { roles: [] } },
  { path: '/inbox', meta: { roles: [] } },
];
const areaRoutes: SweptRoute[] = [
  ...auditorRoutes,
  ...managerRoutes,
  ...adminRoutes,
  ...qaRoutes,
  ...recordRoutes,
  ...caseActionRoutes,
  ...reportRoutes,
];

interface Visit {
  name: string;
  role: Role | null;
  path: string;
}

/**
 * The visits: each role's own frame (home and inbox: its header, its notices), and every other
 * route once as each role it is for. A route any signed-in person may open draws one screen for
 * all of them from the data they reach, so it is swept once, as the role that reaches the most
 * of it (a reader of audit records for the whole audit, the QA lead otherwise): every role on
 * every route would take four times as long for the same markup.
 */
function visits(): Visit[] {
  const out: Visit[] = [
    { name: 'sign in', role: null, path: '/sign-in' },
    { name: 'choose your password (no link)', role: null, path: '/set-password' },
    { name: 'page not found', role: null, path: '/no-such-page' },
  ];
  for (const route of frameRoutes)
    for (const role of ROLES) out.push({ name: `${role} ${route.path}`, role, path: route.path });
  for (const route of areaRoutes) {
    const roles = route.meta?.roles;
    if (!roles) continue;
    const who =
      roles.length > 0
        ? ROLES.filter((r) => roles.includes(r))
        : [route.path === '/audits/:id/record' ? ('practitioner' as const) : ('qa_lead' as const)];
    for (const role of who) out.push({ name: `${role} ${route.path}`, role, path: route.path });
  }
  return out;
}

/** Demo ids for the routes' parameters, read once through the API as the role that sees them. */
type Ids = Record<string, string>;

let dataDir: string;
let server: ServerProcess;
const states = new Map<Role, string>();
const ids = new Map<Role, Ids>();

async function signedIn(role: Role): Promise<{ state: string; ids: Ids }> {
  const api = await request.newContext({ baseURL: server.url });
  const response = await api.post('/api/auth/sign-in', {
    data: { email: PEOPLE[role], password: DEMO_PASSWORD },
  });
  expect(response.status(), `${role} signs in`).toBe(200);
  const get = async <T>(path: string): Promise<T | null> => {
    const answer = await api.get(path);
    return answer.ok() ? ((await answer.json()) as T) : null;
  };
  const found: Ids = {};
  const records = await get<{ audits: { auditId: string }[] }>('/api/audit-records');
  if (records?.audits[0]) found.record = records.audits[0].auditId;
  const actions = await get<{ actions: { id: string }[] }>('/api/case-actions');
  if (actions?.actions[0]) found.caseAction = actions.actions[0].id;
  if (role === 'qa_lead' || role === 'moderator') {
    const moderations = await get<{ moderations: { id: string }[] }>('/api/moderation');
    if (moderations?.moderations[0]) found.moderationId = moderations.moderations[0].id;
  }
  if (role === 'qa_lead') {
    const rounds = await get<{ rounds: { id: string; name: string }[] }>('/api/rounds');
    found.roundId =
      rounds?.rounds.find((r) => /^Practice week — \d/.test(r.name))?.id ?? rounds?.rounds[0]?.id ?? '';
    // A round with a case still to audit: its "Withdraw" asks for a yes (the state below).
    for (const round of rounds?.rounds ?? []) {
      const cases = await get<{ cases: { allocation: { state: string } | null }[] }>(
        `/api/rounds/${round.id}/cases`,
      );
      if (
        cases?.cases.some((c) => c.allocation?.state === 'not_started' || c.allocation?.state === 'started')
      ) {
        found.openRoundId = round.id;
        break;
      }
    }
    const frameworks = await get<{ versions: { key: string; version: number }[] }>('/api/frameworks');
    found.key = frameworks?.versions[0]?.key ?? '';
    found.version = String(frameworks?.versions[0]?.version ?? '');
  }
  if (role === 'qa_lead' || role === 'manager') {
    const plans = await get<{ plans: { id: string }[] }>('/api/plans');
    found.planId = plans?.plans[0]?.id ?? '';
    const plan = await get<{ areas: { actions: { id: string }[] }[] }>(`/api/plans/${found.planId}`);
    found.actionId = plan?.areas.flatMap((a) => a.actions)[0]?.id ?? '';
    // The list of reports is a bare array (managers see the published ones).
    const reports = await get<{ id: string }[]>('/api/reports');
    if (reports?.[0]) found.reportId = reports[0].id;
    const findings = await get<{ findings: { auditId: string }[] }>('/api/findings');
    found.auditId = findings?.findings[0]?.auditId ?? '';
  }
  if (role === 'admin') {
    const people = await get<{ people: { id: string }[] }>('/api/admin/people');
    found.person = people?.people[0]?.id ?? '';
    const teams = await get<{ teams: { id: string }[] }>('/api/admin/teams');
    found.team = teams?.teams[0]?.id ?? '';
    const services = await get<{ services: { id: string }[] }>('/api/admin/services');
    found.service = services?.services[0]?.id ?? '';
  }
  if (role === 'auditor') {
    const pulled = await get<{ allocations: { id: string; active: boolean }[] }>('/api/sync/pull');
    found.allocation = pulled?.allocations.find((a) => a.active)?.id ?? '';
  }
  const file = join(dataDir, `${role}.json`);
  await api.storageState({ path: file });
  await api.dispose();
  return { state: file, ids: found };
}

/** The address of a visit, its parameters filled with the role's demo ids; null when none fits. */
function address(visit: Visit): string | null {
  const found = visit.role ? (ids.get(visit.role) ?? {}) : {};
  const named: Record<string, string | undefined> = {
    '/admin/people/:id': found.person,
    '/admin/teams/:id': found.team,
    '/admin/services/:id': found.service,
    '/audits/:id': found.allocation,
    '/audits/:id/review': found.allocation,
    '/audits/:id/history': found.allocation,
    '/audits/:id/record': found.record,
    '/case-actions/:id': found.caseAction,
  };
  if (visit.path in named) {
    const id = named[visit.path];
    return id ? visit.path.replace(':id', id) : null;
  }
  let missing = false;
  const path = visit.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = found[name];
    if (!value) missing = true;
    return value ?? '';
  });
  return missing ? null : path;
}

/** axe, sideways scroll (at 320 px) and 44 px targets on the page as it is now. */
async function check(page: Page, width: (typeof WIDTHS)[number]): Promise<string[]> {
  const problems: string[] = [];
  // Every rule at the widest and narrowest widths. Between them the DOM and its ARIA are the same
  // (no screen draws different markup by width), so only the rules that read the layout run again:
  // a table that starts to scroll, targets that shrink or crowd, text over text.
  const layoutOnly = width.width !== 1280 && width.width !== 320;
  for (const v of await axeViolations(page, layoutOnly ? LAYOUT_RULES : undefined))
    problems.push(`axe ${v.id}: ${v.targets.join(', ')}`);
  const sideways = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  if (width.width === 320 && sideways > 0) problems.push(`the page scrolls sideways by ${sideways} px`);
  problems.push(...(await smallTargets(page)).map((t) => `target under 44 px: ${t}`));
  return problems.map((problem) => `${width.name}: ${problem}`);
}

/**
 * Interactive targets under 44 × 44 px, each as "selector (w × h)". A radio or checkbox counts
 * its label's box (the label is the target). A link inside running text is exempt (WCAG 2.5.8's
 * inline exception): its block has words besides the link's own. Hidden or off-screen elements
 * (the skip link until focused) are not targets.
 */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = (el: Element): string => {
      const parts: string[] = [];
      for (
        let node: Element | null = el;
        node && node !== document.body && parts.length < 4;
        node = node.parentElement
      ) {
        if (node.id) {
          parts.unshift(`#${node.id}`);
          break;
        }
        const index = node.parentElement ? [...node.parentElement.children].indexOf(node) + 1 : 1;
        parts.unshift(`${node.tagName.toLowerCase()}:nth-child(${index})`);
      }
      const words = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
      return `${parts.join(' > ')}${words ? ` "${words}"` : ''}`;
    };
    const inRunningText = (el: Element): boolean => {
      if (el.tagName !== 'A') return false;
      const block = el.closest('p, li, td, th, dd, dt, label, legend, caption, div');
      if (!block) return false;
      const own = (el.textContent ?? '').replace(/\s+/g, '');
      const all = (block.textContent ?? '').replace(/\s+/g, '');
      return all.length - own.length >= 3;
    };
    const found: string[] = [];
    for (const el of document.querySelectorAll(
      'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex="0"]',
    )) {
      if (el.closest('[hidden], [inert]') || el.getClientRects().length === 0) continue;
      if (el.classList.contains('skip-link') && document.activeElement !== el) continue;
      const box = (
        el instanceof HTMLInputElement && ['radio', 'checkbox'].includes(el.type)
          ? (el.closest('label') ?? el)
          : el
      ).getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || box.right <= 0) continue;
      if (el.matches('[tabindex="0"]') && box.width >= 44 && box.height >= 44) continue;
      if (box.width >= 43.5 && box.height >= 43.5) continue;
      if (inRunningText(el)) continue;
      found.push(`${selector(el)} (${Math.round(box.width)} × ${Math.round(box.height)})`);
    }
    return found;
  });
}

/** The requests each page has sent and not yet heard the end of (pageFor starts the count). */
const inFlight = new WeakMap<Page, Set<Request>>();

function countRequests(page: Page): void {
  const pending = new Set<Request>();
  page.on('request', (request) => pending.add(request));
  page.on('requestfinished', (request) => pending.delete(request));
  page.on('requestfailed', (request) => pending.delete(request));
  inFlight.set(page, pending);
}

/**
 * Wait until the page has had no request in flight for 200 ms (at most 10 s): the screen's data
 * has arrived, and a load that follows another (a list, then its filters) starts well within that.
 * Playwright's networkidle is only for a document load, and a screen after the first is reached
 * inside the app. Counted from the requests themselves, a slow answer is waited for however long
 * it takes (up to the 10 s).
 */
async function settled(page: Page): Promise<void> {
  const pending = inFlight.get(page);
  if (!pending) throw new Error('settled() needs a page from pageFor()');
  const deadline = Date.now() + 10_000;
  let quietSince = 0;
  while (Date.now() < deadline) {
    if (pending.size > 0) quietSince = 0;
    else if (quietSince === 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= 200) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Open a screen and check it at each width.
 */
async function sweep(page: Page, path: string, state?: (page: Page) => Promise<void>): Promise<string[]> {
  await page.setViewportSize({ width: 1280, height: 800 });
  // A document load for every screen: two routes of one component (a new team, then a team)
  // keep the same heading element, so an in-app navigation could not tell when the next had come.
  await page.goto(`${server.url}${path}`);
  await expect(page.locator('main h1').first()).toBeVisible();
  await settled(page);
  if (state) await state(page);
  const problems: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width: width.width, height: width.height });
    problems.push(...(await check(page, width)));
  }
  return problems;
}

const pages = new Map<Role | 'anonymous', { context: BrowserContext; page: Page }>();
async function pageFor(browser: Browser, role: Role | null): Promise<Page> {
  const key = role ?? 'anonymous';
  const held = pages.get(key);
  if (held) return held.page;
  const context = await browser.newContext(role ? { storageState: states.get(role) } : {});
  // The sweep reads screens: no service worker, so each load is the server's current build.
  await context.route('**/sw.js', (route) => route.abort());
  const page = await context.newPage();
  countRequests(page);
  pages.set(key, { context, page });
  return page;
}

// Each finding names its screen, width, rule and element; a trace of a hundred screens would
// cost the busy machine more than it tells.
test.use({ trace: 'off' });
// A hundred screens are most of the end-to-end run: both workers sweep them, each with its own
// server and sign-ins (beforeAll runs once per worker). No test changes anything it shares.
test.describe.configure({ mode: 'parallel' });

test.beforeAll(async () => {
  // A busy machine can take minutes to build the demo on first start.
  test.setTimeout(300_000);
  dataDir = await mkdtemp(join(tmpdir(), 'lantern-a11y-'));
  server = await startServer({ dataDir, env: { LANTERN_CLIENT_BUILD: 'skip' }, timeoutMs: 240_000 });
  for (const role of ROLES) {
    const { state, ids: found } = await signedIn(role);
    states.set(role, state);
    ids.set(role, found);
  }
});
test.afterAll(async () => {
  for (const { context } of pages.values()) await context.close();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

test('the sweep covers every route file the router spreads in', async () => {
  // The router's own table and the other areas' tables it adds when a path needs them.
  const files = ['client/router.ts', 'client/area-route-tables.ts'];
  const sources = await Promise.all(files.map((file) => readFile(join(ROOT, file), 'utf8')));
  const spread = sources.flatMap((source) => [...source.matchAll(/^\s*\.\.\.(\w+),/gm)].map((m) => m[1]));
  expect(spread.sort()).toEqual([...IMPORTED_ROUTE_ARRAYS].sort());
});

for (const visit of visits()) {
  test(`screen: ${visit.name}`, async ({ browser }) => {
    // Four widths of axe over the longest lists (a service's six months of audits) on a busy machine.
    test.setTimeout(300_000);
    const url = address(visit);
    expect(url, `a demo id for every parameter of ${visit.path} as ${visit.role}`).not.toBeNull();
    const page = await pageFor(browser, visit.role);
    expect(await sweep(page, url ?? '')).toEqual([]);
  });
}

/**
 * States a screen reaches by doing something: error summaries shown, a confirmation open. Empty
 * lists are screens already: the manager's "Audits of your cases and teams" and the alerts of a
 * service with none open.
 */
const STATES: {
  name: string;
  role: Role | null;
  path: (ids: Ids) => string;
  act: (page: Page) => Promise<void>;
}[] = [
  {
    name: 'sign in with nothing entered',
    role: null,
    path: () => '/sign-in',
    act: async (page) => {
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect(page.locator('.error-summary')).toBeVisible();
    },
  },
  {
    name: 'a new round with nothing entered',
    role: 'qa_lead',
    path: () => '/qa/rounds/new',
    act: async (page) => {
      await page.getByRole('button', { name: 'Set up the round' }).click();
      await expect(page.locator('.error-summary')).toBeVisible();
    },
  },
  {
    name: 'a new person with nothing entered',
    role: 'admin',
    path: () => '/admin/people/new',
    act: async (page) => {
      await page.getByRole('button', { name: 'Add person' }).click();
      await expect(page.locator('.error-summary')).toBeVisible();
    },
  },
  {
    name: 'a new plan with nothing entered',
    role: 'manager',
    path: () => '/plan',
    act: async (page) => {
      await page.getByRole('button', { name: 'Start the plan' }).click();
      await expect(page.locator('.error-summary')).toBeVisible();
    },
  },
  {
    name: 'withdrawing a case, the confirmation open',
    role: 'qa_lead',
    path: (found) => `/qa/rounds/${found.openRoundId}`,
    act: async (page) => {
      await page
        .getByRole('button', { name: /^Withdraw/ })
        .first()
        .click();
      await expect(page.getByRole('button', { name: /^Yes, withdraw/ })).toBeVisible();
    },
  },
];

for (const state of STATES) {
  test(`state: ${state.name}`, async ({ browser }) => {
    const page = await pageFor(browser, state.role);
    const found = state.role ? (ids.get(state.role) ?? {}) : {};
    expect(await sweep(page, state.path(found), state.act)).toEqual([]);
  });
}

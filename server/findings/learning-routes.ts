/**
 * /api/learning — learning from audits: the QA lead codes what auditors wrote under
 * strengths and areas for development into the council's own themes, chooses quotes, and marks
 * audits as good practice; managers read.
 *   GET    /findings                     the service's findings with their themes (?roundId, teamId,
 *                                        themeId, from, to (YYYY-MM), coded=yes|no, kind)
 *   GET    /themes                       the service's themes with their counts
 *   POST   /themes                       a new theme
 *   PATCH  /themes/:themeId              rename, describe, archive or bring back
 *   GET    /audits/:auditId/findings/:itemKey/suggestions           themes from past coding
 *   PUT    /audits/:auditId/findings/:itemKey/themes/:themeId       code a finding
 *   DELETE /audits/:auditId/findings/:itemKey/themes/:themeId       uncode it
 *   PUT    /audits/:auditId/findings/:itemKey/themes/:themeId/quote { chosen }
 *   GET    /audits/:auditId/good-practice                           the mark, or null
 *   PUT    /audits/:auditId/good-practice                           { reason }
 *   DELETE /audits/:auditId/good-practice
 *   GET    /audits/:auditId/good-practice.docx                      the anonymised example
 * Every view and change is logged; every list stays inside the person's service.
 */
import { Hono, type Context } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { parseBody } from '../http/parse-body';
import { requirePerson } from '../auth/require-person';
import { dataScope } from '../auth/service-scope';
import { logChange, logView } from '../audit-log/log-access';
import { idParam } from '../admin/id-param';
import { appError } from '../../shared/errors/app-error';
import {
  codeFindingSchema,
  findingFiltersSchema,
  goodPracticeSchema,
  quoteSchema,
  themeCreateSchema,
  themeUpdateSchema,
} from '../../shared/findings/finding-schemas';
import { findingKind } from '../../shared/findings/finding-kind';
import { createTheme, listThemes, updateTheme } from './theme-store';
import { chooseQuote, codeFinding, listFindings, suggestionsFor, uncodeFinding } from './coding-store';
import { goodPracticeOf, markGoodPractice, unmarkGoodPractice } from './good-practice-store';
import { goodPracticeExport } from './good-practice-export';
import { goodPracticeDocx } from './good-practice-docx';

/** The finding's item key from the path: a strengths or areas-for-development key, or not found. */
function itemKeyParam(c: Context<LanternEnv>): string {
  const key = c.req.param('itemKey') ?? '';
  if (key.length > 200 || findingKind(key) === null)
    throw appError('not_found', 'There is no strengths or areas-for-development answer under that key.');
  return key;
}

function filtersOf(c: Context<LanternEnv>) {
  const query = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
  const parsed = findingFiltersSchema.safeParse(query);
  if (!parsed.success)
    throw appError(
      'validation_failed',
      'Check the filters.',
      parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(query)', message: i.message })),
    );
  return parsed.data;
}

export function learningRoutes(deps: AppDeps) {
  const finding = (c: Context<LanternEnv>) => ({
    auditId: idParam(c, 'auditId', 'audit'),
    itemKey: itemKeyParam(c),
  });
  return new Hono<LanternEnv>()
    .get('/findings', async (c) => {
      requirePerson(c);
      const filters = filtersOf(c);
      const findings = await listFindings(deps.db, dataScope(c), filters);
      await logView(c, deps, 'finding-list', '', {
        ...filters,
        ids: [...new Set(findings.map((f) => f.auditId))],
      });
      return c.json({ findings });
    })
    .get('/themes', async (c) => {
      requirePerson(c);
      return c.json({ themes: await listThemes(deps.db, dataScope(c)) });
    })
    .post('/themes', async (c) => {
      requirePerson(c);
      const input = await parseBody(c, themeCreateSchema);
      const theme = await deps.db.transaction(async (tx) => {
        const created = await createTheme(tx, dataScope(c), input);
        await logChange(
          c,
          deps,
          tx,
          'finding-theme',
          created.id,
          { name: created.name },
          'finding-theme.created',
        );
        return created;
      });
      return c.json({ theme }, 201);
    })
    .patch('/themes/:themeId', async (c) => {
      requirePerson(c);
      const themeId = idParam(c, 'themeId', 'theme');
      const input = await parseBody(c, themeUpdateSchema);
      const theme = await deps.db.transaction(async (tx) => {
        const updated = await updateTheme(tx, dataScope(c), themeId, input);
        await logChange(c, deps, tx, 'finding-theme', themeId, input);
        return updated;
      });
      return c.json({ theme });
    })
    .get('/audits/:auditId/findings/:itemKey/suggestions', async (c) => {
      requirePerson(c);
      const { auditId, itemKey } = finding(c);
      const suggestions = await suggestionsFor(deps.db, dataScope(c), auditId, itemKey);
      await logView(c, deps, 'audit', auditId, { findingSuggestions: itemKey });
      return c.json({ suggestions });
    })
    .put('/audits/:auditId/findings/:itemKey/themes/:themeId', async (c) => {
      requirePerson(c);
      const { auditId, itemKey } = finding(c);
      const themeId = idParam(c, 'themeId', 'theme');
      await parseBody(c, codeFindingSchema);
      const coded = await deps.db.transaction(async (tx) => {
        const result = await codeFinding(tx, dataScope(c), auditId, itemKey, themeId);
        await logChange(c, deps, tx, 'finding', auditId, { itemKey, themeId }, 'finding.coded');
        return result;
      });
      return c.json({ finding: coded });
    })
    .delete('/audits/:auditId/findings/:itemKey/themes/:themeId', async (c) => {
      requirePerson(c);
      const { auditId, itemKey } = finding(c);
      const themeId = idParam(c, 'themeId', 'theme');
      const uncoded = await deps.db.transaction(async (tx) => {
        const result = await uncodeFinding(tx, dataScope(c), auditId, itemKey, themeId);
        await logChange(c, deps, tx, 'finding', auditId, { itemKey, themeId }, 'finding.uncoded');
        return result;
      });
      return c.json({ finding: uncoded });
    })
    .put('/audits/:auditId/findings/:itemKey/themes/:themeId/quote', async (c) => {
      requirePerson(c);
      const { auditId, itemKey } = finding(c);
      const themeId = idParam(c, 'themeId', 'theme');
      const { chosen } = await parseBody(c, quoteSchema);
      const result = await deps.db.transaction(async (tx) => {
        const changed = await chooseQuote(tx, dataScope(c), auditId, itemKey, themeId, chosen);
        await logChange(
          c,
          deps,
          tx,
          'finding',
          auditId,
          { itemKey, themeId, chosen },
          'finding.quote-chosen',
        );
        return changed;
      });
      return c.json({ finding: result });
    })
    .get('/audits/:auditId/good-practice', async (c) => {
      requirePerson(c);
      const auditId = idParam(c, 'auditId', 'audit');
      return c.json({ goodPractice: await goodPracticeOf(deps.db, auditId) });
    })
    .put('/audits/:auditId/good-practice', async (c) => {
      const person = requirePerson(c);
      const auditId = idParam(c, 'auditId', 'audit');
      const { reason } = await parseBody(c, goodPracticeSchema);
      const goodPractice = await deps.db.transaction(async (tx) => {
        const mark = await markGoodPractice(tx, auditId, person.id, reason);
        await logChange(c, deps, tx, 'audit', auditId, { reason }, 'good-practice.marked');
        return mark;
      });
      return c.json({ goodPractice });
    })
    .delete('/audits/:auditId/good-practice', async (c) => {
      requirePerson(c);
      const auditId = idParam(c, 'auditId', 'audit');
      await deps.db.transaction(async (tx) => {
        if (!(await unmarkGoodPractice(tx, auditId)))
          throw appError('not_found', 'That audit is not marked as good practice.');
        await logChange(c, deps, tx, 'audit', auditId, {}, 'good-practice.unmarked');
      });
      return c.json({ goodPractice: null });
    })
    .get('/audits/:auditId/good-practice.docx', async (c) => {
      requirePerson(c);
      const auditId = idParam(c, 'auditId', 'audit');
      const example = await goodPracticeExport(deps.db, auditId);
      const docx = await goodPracticeDocx(example);
      await logView(c, deps, 'audit', auditId, { goodPracticeExport: true });
      return c.body(new Uint8Array(docx), 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'content-disposition': 'attachment; filename="good-practice-example.docx"',
      });
    });
}

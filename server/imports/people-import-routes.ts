/**
 * /api/admin/people-imports — the admin's people import, in two steps over the same file:
 *   POST /preview  reads the staff file, proposes (or takes) a column mapping, reports every
 *                  problem by row and column, and lists who would be added and what would change
 *                  for people already in Lantern (matched by e-mail address);
 *   POST /         imports it: all or nothing — a file with any problem imports nothing and
 *                  answers 400 listing every problem. Each new person gets a one-time
 *                  set-password link: e-mailed when a mail server is set up, and otherwise (or
 *                  when sending fails) listed in the answer, once;
 *   GET  /         the people imports applied so far.
 */
import { Hono } from 'hono';
import { limitUploadBody, uploadRequestBytes } from './uploaded-file';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { parseBody } from '../http/parse-body';
import { requirePerson } from '../auth/require-person';
import { requestOrigin } from '../audit-log/log-access';
import { recordEvent } from '../audit-log/record-event';
import { appError } from '../../shared/errors/app-error';
import { sendPasswordLinkEmails, type MailSetup } from '../auth/password-link-emails';
import {
  MAX_LISTED_PEOPLE_PROBLEMS,
  MAX_PEOPLE_IMPORT_BYTES,
  peopleImportRequestSchema,
  type ImportedLink,
  type PeopleImportPreview,
  type PeopleImportResult,
  type PreviewPerson,
} from '../../shared/imports/people-import-schemas';
import { describeMappedRowProblem } from '../../shared/imports/field-mapping';
import type { ImportedPerson } from '../../shared/imports/people-row-validation';
import { preparePeopleImport, type PreparedPeopleImport } from './prepare-people-import';
import { applyPeopleImport } from './apply-people-import';
import { lockPeople } from '../admin/people-store';
import { listImports, recordImport } from './import-history-store';
import { filePreview } from './parse-table';

function preview(prepared: PreparedPeopleImport, emailsLinks: boolean): PeopleImportPreview {
  const valid = prepared.fileProblems.length === 0 && prepared.problems.length === 0;
  const listed = (person: ImportedPerson, changes: string[], deactivated: boolean): PreviewPerson => ({
    row: person.row,
    name: person.name,
    email: person.email,
    roles: person.roles,
    team: (person.teamId && prepared.teamNames.get(person.teamId)) ?? null,
    changes,
    deactivated,
  });
  return {
    ...filePreview(prepared),
    problems: prepared.problems.slice(0, MAX_LISTED_PEOPLE_PROBLEMS),
    problemCount: prepared.problems.length,
    changes: valid
      ? {
          created: prepared.created.map((p) => listed(p, [], false)),
          updated: prepared.updated.map((u) => listed(u.person, u.changes, !u.existing.active)),
          unchanged: prepared.unchanged,
        }
      : null,
    emailsLinks,
  };
}

const REQUEST_LIMIT = uploadRequestBytes(MAX_PEOPLE_IMPORT_BYTES);
export function peopleImportRoutes(deps: AppDeps, mail: MailSetup | null) {
  return new Hono<LanternEnv>()
    .use(limitUploadBody(MAX_PEOPLE_IMPORT_BYTES))
    .get('/', async (c) => {
      const imports = await listImports(deps.db, 'people_imports', null);
      return c.json({
        imports: imports.map((i) => ({
          id: i.id,
          fileName: i.fileName,
          rowCount: i.rowCount,
          created: i.created,
          updated: i.updated,
          importedAt: i.importedAt,
          importedBy: i.importedBy,
        })),
      });
    })
    .post('/preview', async (c) => {
      const request = await parseBody(c, peopleImportRequestSchema, { maxBytes: REQUEST_LIMIT });
      return c.json(preview(await preparePeopleImport(deps.db, request), mail !== null));
    })
    .post('/', async (c) => {
      const admin = requirePerson(c);
      const request = await parseBody(c, peopleImportRequestSchema, { maxBytes: REQUEST_LIMIT });
      const origin = requestOrigin(c, deps);
      const { result, created } = await deps.db.transaction(async (tx) => {
        // Serialised with the admin's own changes to people (the last-admin rule), and decided
        // inside the transaction, so what is compared is what is written.
        await lockPeople(tx);
        const prepared = await preparePeopleImport(tx, request);
        if (prepared.fileProblems.length > 0)
          throw appError(
            'validation_failed',
            'The file cannot be imported as it is. Nothing was imported.',
            prepared.fileProblems,
          );
        if (prepared.problems.length > 0) {
          const listed = prepared.problems.slice(0, MAX_LISTED_PEOPLE_PROBLEMS).map((p) => ({
            path: `row ${p.row}, column ${p.column}`,
            message: describeMappedRowProblem(p),
          }));
          const more = prepared.problems.length - listed.length;
          throw appError(
            'validation_failed',
            `${prepared.problems.length} ${prepared.problems.length === 1 ? 'problem' : 'problems'} in the file${more > 0 ? ` (the first ${listed.length} are listed)` : ''}. Nothing was imported: correct the file and import it again.`,
            listed,
          );
        }
        const applied = await applyPeopleImport(tx, prepared, { id: admin.id, ...origin });
        const rowCount = prepared.people.length;
        const importId =
          applied.created.length + applied.updated > 0
            ? await recordImport(
                tx,
                { table: 'people_imports' },
                {
                  fileName: prepared.fileName,
                  sha256: prepared.sha256,
                  format: prepared.table.format,
                  mapping: prepared.mapping,
                  rowCount,
                  created: applied.created.length,
                  updated: applied.updated,
                  unchanged: prepared.unchanged,
                  importedBy: admin.id,
                },
              )
            : null;
        await recordEvent(tx, {
          actorId: admin.id,
          action: 'people.imported',
          entityType: 'people-import',
          entityId: importId ?? '',
          detail: {
            fileName: prepared.fileName,
            sha256: prepared.sha256,
            rows: rowCount,
            created: applied.created.length,
            updated: applied.updated,
            unchanged: prepared.unchanged,
          },
          ...origin,
        });
        return {
          created: applied.created,
          result: {
            importId,
            rowCount,
            created: applied.created.length,
            updated: applied.updated,
            unchanged: prepared.unchanged,
          },
        };
      });

      // After the commit: an e-mail must never announce an account that a rollback undid.
      const toSend = created.map(({ id, person, link }) => ({
        personId: id,
        email: person.email,
        path: link.path,
        expiresAt: link.expiresAt,
      }));
      const sent = mail ? await sendPasswordLinkEmails(mail, toSend) : new Set<string>();
      const links: ImportedLink[] = created
        .filter(({ id }) => !sent.has(id))
        .map(({ id, person, link }) => ({
          personId: id,
          name: person.name,
          email: person.email,
          path: link.path,
          expiresAt: link.expiresAt,
          reason: mail ? 'email-failed' : 'no-email',
        }));
      const answer: PeopleImportResult = { ...result, emailed: sent.size, links };
      return c.json(answer);
    });
}

/**
 * The admin's people import on the client: the chosen staff file travels base64 (read once and
 * kept in memory between the preview and the import, so both check the same bytes) to the
 * people-import API. Answers are parsed with the shared schemas. The set-password links in an
 * import's answer are kept only in the view that shows them: never stored on the device.
 */
import { defineStore } from 'pinia';
import { z } from 'zod';
import { api } from '../api/http';
import {
  peopleImportPreviewSchema,
  peopleImportResultSchema,
  type PeopleImportPreview,
  type PeopleImportResult,
} from '../../shared/imports/people-import-schemas';
import type { PeopleMapping } from '../../shared/imports/people-fields';
import type { TableChoice } from '../../shared/imports/table-choice';

const historySchema = z.object({
  imports: z.array(
    z.object({
      id: z.string(),
      fileName: z.string(),
      rowCount: z.number(),
      created: z.number(),
      updated: z.number(),
      importedAt: z.string(),
      importedBy: z.string(),
    }),
  ),
});
export type PeopleImportHistory = z.infer<typeof historySchema>['imports'];

export const useAdminPeopleImportStore = defineStore('admin-people-import', () => {
  async function preview(
    fileName: string,
    content: string,
    choice: TableChoice,
    mapping?: PeopleMapping,
  ): Promise<PeopleImportPreview> {
    return peopleImportPreviewSchema.parse(
      await api('/api/admin/people-imports/preview', {
        method: 'POST',
        body: { fileName, content, ...choice, ...(mapping ? { mapping } : {}) },
      }),
    );
  }
  async function commit(
    fileName: string,
    content: string,
    choice: TableChoice,
    mapping: PeopleMapping,
  ): Promise<PeopleImportResult> {
    return peopleImportResultSchema.parse(
      await api('/api/admin/people-imports', {
        method: 'POST',
        body: { fileName, content, ...choice, mapping },
      }),
    );
  }
  async function history(): Promise<PeopleImportHistory> {
    return historySchema.parse(await api('/api/admin/people-imports')).imports;
  }
  return { preview, commit, history };
});

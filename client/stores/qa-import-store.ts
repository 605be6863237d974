/**
 * The case-list import on the client: reads the chosen file into base64 (kept in memory
 * between the preview and the import, so both check the same bytes), and calls the import
 * API with the decisions about names Lantern does not know; lists and forgets the names
 * remembered from earlier imports. Answers are parsed with the shared schemas.
 */
import { defineStore } from 'pinia';
import type { TableChoice } from '../../shared/imports/table-choice';
import { z } from 'zod';
import { api } from '../api/http';
import {
  importPreviewSchema,
  importResultSchema,
  type ImportPreview,
  type ImportResult,
} from '../../shared/imports/import-schemas';
import type { ColumnMapping } from '../../shared/imports/column-mapping';
import { nameMappingSchema, type NameDecision, type NameMapping } from '../../shared/imports/import-names';

const historySchema = z.object({
  imports: z.array(
    z.object({
      id: z.string(),
      fileName: z.string(),
      format: z.string(),
      rowCount: z.number(),
      created: z.number(),
      updated: z.number(),
      unchanged: z.number(),
      importedAt: z.string(),
      importedBy: z.string(),
    }),
  ),
});
export type ImportHistory = z.infer<typeof historySchema>['imports'];

/** A file's bytes as base64, in chunks so a large file does not overflow the call stack. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export const useQaImportStore = defineStore('qa-import', () => {
  async function preview(
    fileName: string,
    content: string,
    /** The file's sheet and character set, once the person has answered the reader's question. */
    choice: TableChoice,
    mapping?: ColumnMapping,
    decisions: NameDecision[] = [],
  ): Promise<ImportPreview> {
    return importPreviewSchema.parse(
      await api('/api/imports/preview', {
        method: 'POST',
        body: { fileName, content, ...choice, ...(mapping ? { mapping } : {}), decisions },
      }),
    );
  }
  async function commit(
    fileName: string,
    content: string,
    choice: TableChoice,
    mapping: ColumnMapping,
    decisions: NameDecision[] = [],
  ): Promise<ImportResult> {
    return importResultSchema.parse(
      await api('/api/imports', {
        method: 'POST',
        body: { fileName, content, ...choice, mapping, decisions },
      }),
    );
  }
  async function history(): Promise<ImportHistory> {
    return historySchema.parse(await api('/api/imports')).imports;
  }
  async function rememberedNames(): Promise<NameMapping[]> {
    return z.object({ mappings: z.array(nameMappingSchema) }).parse(await api('/api/imports/name-mappings'))
      .mappings;
  }
  async function forgetName(id: string): Promise<void> {
    await api(`/api/imports/name-mappings/${encodeURIComponent(id)}`, { method: 'DELETE' });
  }
  return { preview, commit, history, rememberedNames, forgetName };
});

/**
 * Inspection readiness on the client, online only like the whole audit: the list of
 * the service's audited cases for the months chosen, the deep-dive pack of the cases picked, and
 * the addresses of their files (CSV, XLSX, Word), which the browser downloads itself.
 */
import { defineStore } from 'pinia';
import { api } from '../api/http';
import {
  inspectionListSchema,
  packDocumentSchema,
  type InspectionList,
  type PackDocument,
} from '../../shared/inspection/inspection-schemas';

export interface ListChoice {
  months: number;
  teamId: string | null;
}

function listQuery(choice: ListChoice): string {
  const query = new URLSearchParams({ months: String(choice.months) });
  if (choice.teamId) query.set('team', choice.teamId);
  return query.toString();
}

export const useInspectionStore = defineStore('inspection', () => {
  async function list(choice: ListChoice): Promise<InspectionList> {
    return inspectionListSchema.parse(await api(`/api/inspection/audits?${listQuery(choice)}`));
  }
  function listFile(choice: ListChoice, kind: 'csv' | 'xlsx'): string {
    return `/api/inspection/audits/${kind}?${listQuery(choice)}`;
  }
  async function pack(caseIds: readonly string[]): Promise<PackDocument> {
    return packDocumentSchema.parse(
      await api(`/api/inspection/pack?cases=${caseIds.map(encodeURIComponent).join(',')}`),
    );
  }
  function packDocx(caseIds: readonly string[]): string {
    return `/api/inspection/pack/docx?cases=${caseIds.map(encodeURIComponent).join(',')}`;
  }
  return { list, listFile, pack, packDocx };
});

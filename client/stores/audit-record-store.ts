/**
 * The whole audit on the client (online only: it is read from the server each time, so a
 * practitioner or manager never keeps audit content on their device): one audit's record, the
 * practitioner's response, the list of audits of the person's own cases and teams, and the QA
 * lead's choice of a case's practitioner.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { z } from 'zod';
import { api } from '../api/http';
import {
  auditRecordSchema,
  recordListItemSchema,
  type AuditRecord,
  type PractitionerResponseRequest,
  type RecordListItem,
} from '../../shared/audits/audit-record-schemas';

const practitionerChoiceSchema = z.object({
  reference: z.string(),
  practitionerId: z.string().nullable(),
  people: z.array(z.object({ id: z.string(), name: z.string(), email: z.string() })),
});
export type PractitionerChoice = z.infer<typeof practitionerChoiceSchema>;

export const useAuditRecordStore = defineStore('audit-record', () => {
  const record = ref<AuditRecord | null>(null);
  const list = ref<RecordListItem[]>([]);

  async function load(auditId: string): Promise<void> {
    record.value = null;
    record.value = auditRecordSchema.parse(await api(`/api/audits/${encodeURIComponent(auditId)}/record`));
  }
  async function respond(auditId: string, response: PractitionerResponseRequest): Promise<void> {
    await api(`/api/audits/${encodeURIComponent(auditId)}/responses`, { method: 'POST', body: response });
    await load(auditId);
  }
  async function loadList(): Promise<void> {
    list.value = z
      .object({ audits: z.array(recordListItemSchema) })
      .parse(await api('/api/audit-records')).audits;
  }
  async function practitionerChoice(caseId: string): Promise<PractitionerChoice> {
    return practitionerChoiceSchema.parse(await api(`/api/cases/${encodeURIComponent(caseId)}/practitioner`));
  }
  async function choosePractitioner(
    caseId: string,
    practitionerId: string | null,
    auditId: string,
  ): Promise<void> {
    await api(`/api/cases/${encodeURIComponent(caseId)}/practitioner`, {
      method: 'PUT',
      body: { practitionerId },
    });
    await load(auditId);
  }
  return { record, list, load, respond, loadList, practitionerChoice, choosePractitioner };
});

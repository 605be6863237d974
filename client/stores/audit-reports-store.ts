/**
 * Audit reports on the client (GET/POST /api/reports…): the service's reports, one report (a
 * draft drawn now or a published one as it was published), a draft's words, publishing, the
 * distribution list and its send, and a recommendation into the improvement plan. Online only.
 */
import { defineStore } from 'pinia';
import { api } from '../api/http';
import type {
  RecommendationToPlan,
  ReportCreate,
  ReportEdit,
  ReportListItem,
  ReportView,
} from '../../shared/reports/report-schemas';

const path = (id: string, rest = '') => `/api/reports/${encodeURIComponent(id)}${rest}`;

export const useAuditReportsStore = defineStore('audit-reports', () => {
  const list = () => api<ReportListItem[]>('/api/reports');
  const load = (id: string) => api<ReportView>(path(id));
  const create = (input: ReportCreate) => api<ReportView>('/api/reports', { method: 'POST', body: input });
  const edit = (id: string, input: ReportEdit) => api<ReportView>(path(id), { method: 'PUT', body: input });
  const remove = (id: string) => api<void>(path(id), { method: 'DELETE' });
  const publish = (id: string) => api<ReportView>(path(id, '/publish'), { method: 'POST' });
  const toPlan = (id: string, recommendationId: string, input: RecommendationToPlan) =>
    api<ReportView>(path(id, `/recommendations/${encodeURIComponent(recommendationId)}/plan`), {
      method: 'POST',
      body: input,
    });
  const setDistribution = (id: string, emails: string[]) =>
    api<ReportView>(path(id, '/distribution'), { method: 'PUT', body: { emails } });
  const send = (id: string) => api<{ sent: number; of: number }>(path(id, '/send'), { method: 'POST' });
  return { list, load, create, edit, remove, publish, toPlan, setDistribution, send };
});

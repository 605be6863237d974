/**
 * Searching the audit log from the browser, and the address of the CSV export for the same
 * filters (a plain download: the browser sends the session cookie, and the server logs it).
 */
import { defineStore } from 'pinia';
import { api } from '../api/http';
import { auditLogPageSchema, type AuditLogPage } from '../../shared/accounts/audit-log-query';

export interface AuditLogFilters {
  person: string;
  action: string;
  entityType: string;
  entityId: string;
  from: string;
  to: string;
}

const queryString = (filters: AuditLogFilters, extra: Record<string, string> = {}): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra }))
    if (value.trim()) params.set(key, value.trim());
  return params.toString();
};

export const useAuditLogStore = defineStore('audit-log', () => {
  async function search(filters: AuditLogFilters, page: number, pageSize = 50): Promise<AuditLogPage> {
    const query = queryString(filters, { page: String(page), pageSize: String(pageSize) });
    return auditLogPageSchema.parse(await api<unknown>(`/api/audit-log?${query}`));
  }

  const exportHref = (filters: AuditLogFilters): string => `/api/audit-log/export?${queryString(filters)}`;

  return { search, exportHref };
});

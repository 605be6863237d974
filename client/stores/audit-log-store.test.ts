/** The audit log store: the search's query and the CSV export's address for the same filters. */
import { describe, expect, it } from 'vitest';
import { withFakeApi } from '../../tests/support/fake-api';
import { useAuditLogStore, type AuditLogFilters } from './audit-log-store';

const server = withFakeApi();

describe('audit log store', () => {
  const filters: AuditLogFilters = {
    person: ' erin ',
    action: '',
    entityType: 'audit',
    entityId: '',
    from: '2026-11-01',
    to: '',
  };

  it('sends only the filters that are filled in, trimmed, with the page', async () => {
    server().answer('GET /api/audit-log', { entries: [], total: 0, page: 2, pageSize: 50 });
    await useAuditLogStore().search(filters, 2);
    expect(server().calls[0]?.query).toEqual({
      person: 'erin',
      entityType: 'audit',
      from: '2026-11-01',
      page: '2',
      pageSize: '50',
    });
  });

  it('gives the export the same filters, without paging', () => {
    expect(useAuditLogStore().exportHref(filters)).toBe(
      '/api/audit-log/export?person=erin&entityType=audit&from=2026-11-01',
    );
  });
});

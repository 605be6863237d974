/**
 * The audit record store: the whole audit is read from the server each time (never kept on a
 * practitioner's or manager's device), and a response or a new practitioner is followed by a
 * fresh read, so the page shows what the server now holds.
 */
import { describe, expect, it } from 'vitest';
import { withFakeApi } from '../../tests/support/fake-api';
import { useAuditRecordStore } from './audit-record-store';

const server = withFakeApi();
const CASE = '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a';
const PRACTITIONER = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';

describe('audit record store', () => {
  it('lists the audits of the person’s cases', async () => {
    server().answer('GET /api/audit-records', { audits: [] });
    const store = useAuditRecordStore();
    await store.loadList();
    expect(store.list).toEqual([]);
    expect(server().routes()).toEqual(['GET /api/audit-records']);
  });

  it('responds, then reads the record again; a refused read leaves no stale record on screen', async () => {
    server().answer('POST /api/audits/:auditId/responses', { id: 'r1' }, 201);
    server().refuse('GET /api/audits/:auditId/record', 403, 'forbidden', 'This audit is not yours to read.');
    const store = useAuditRecordStore();
    await expect(
      store.respond('au1', { kind: 'reflection', text: 'I agree with the findings.' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(server().calls.map((c) => [c.route, c.path])).toEqual([
      ['POST /api/audits/:auditId/responses', '/api/audits/au1/responses'],
      ['GET /api/audits/:auditId/record', '/api/audits/au1/record'],
    ]);
    expect(store.record).toBeNull();
  });

  it('chooses a case’s practitioner (or none) by id', async () => {
    server().answer('PUT /api/cases/:caseId/practitioner', { practitionerId: PRACTITIONER });
    server().refuse('GET /api/audits/:auditId/record', 404, 'not_found', 'There is no such audit.');
    const store = useAuditRecordStore();
    await expect(store.choosePractitioner(CASE, PRACTITIONER, 'au1')).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(store.choosePractitioner(CASE, null, 'au1')).rejects.toMatchObject({ code: 'not_found' });
    expect(
      server()
        .calls.filter((c) => c.method === 'PUT')
        .map((c) => c.body),
    ).toEqual([{ practitionerId: PRACTITIONER }, { practitionerId: null }]);
  });

  it('reads who may be chosen as the practitioner', async () => {
    server().answer('GET /api/cases/:caseId/practitioner', {
      reference: 'CS-10042',
      practitionerId: null,
      people: [
        { id: PRACTITIONER, name: 'Pia Practitioner', email: 'pia.practitioner@demo.lantern.invalid' },
      ],
    });
    const choice = await useAuditRecordStore().practitionerChoice(CASE);
    expect(choice.people.map((p) => p.name)).toEqual(['Pia Practitioner']);
  });
});

/** The people import store: the file with the reader's choice, previewed, then imported with a mapping. */
import { describe, expect, it } from 'vitest';
import { withFakeApi } from '../../tests/support/fake-api';
import { useAdminPeopleImportStore } from './admin-people-import-store';
import { peopleMappingSchema } from '../../shared/imports/people-fields';

const server = withFakeApi();

describe('people import store', () => {
  it('previews with the chosen sheet, then imports with the mapping, passing row problems on', async () => {
    server().refuse(
      'POST /api/admin/people-imports/preview',
      400,
      'choose_sheet',
      'Choose the sheet with the people in it.',
    );
    server().refuse(
      'POST /api/admin/people-imports',
      400,
      'validation',
      'Row 4: the e-mail address is not valid.',
      [{ field: 'rows.4.email', message: 'Row 4: the e-mail address is not valid.' }],
    );
    const store = useAdminPeopleImportStore();
    await expect(store.preview('staff.xlsx', 'UEsDBA==', { sheet: 'Staff' })).rejects.toMatchObject({
      code: 'choose_sheet',
    });
    const mapping = peopleMappingSchema.parse({ email: 0, name: 1 }); // column numbers
    await expect(store.commit('staff.xlsx', 'UEsDBA==', { sheet: 'Staff' }, mapping)).rejects.toMatchObject({
      fields: [{ field: 'rows.4.email', message: 'Row 4: the e-mail address is not valid.' }],
    });
    expect(server().calls.map((c) => c.body)).toEqual([
      { fileName: 'staff.xlsx', content: 'UEsDBA==', sheet: 'Staff' },
      { fileName: 'staff.xlsx', content: 'UEsDBA==', sheet: 'Staff', mapping },
    ]);
  });

  it('lists the imports done so far', async () => {
    server().answer('GET /api/admin/people-imports', {
      imports: [
        {
          id: 'i1',
          fileName: 'staff.csv',
          rowCount: 40,
          created: 38,
          updated: 2,
          importedAt: '2026-11-02T10:00:00Z',
          importedBy: 'Admin',
        },
      ],
    });
    expect((await useAdminPeopleImportStore().history()).map((i) => i.created)).toEqual([38]);
  });
});

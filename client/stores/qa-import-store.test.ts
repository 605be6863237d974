/**
 * The case-list import store: the file travels as base64 of its exact bytes (a Windows-1252
 * file from Excel stays Windows-1252 until the server reads it), with the sheet and character
 * set the person chose, and a mapping only once there is one.
 */
import { describe, expect, it } from 'vitest';
import { withFakeApi } from '../../tests/support/fake-api';
import { fileToBase64, useQaImportStore } from './qa-import-store';

const server = withFakeApi();

describe('case-list import store', () => {
  it('sends the file’s bytes unchanged, Windows-1252 included', async () => {
    // "Café £5" in Windows-1252: é is 0xE9 and £ is 0xA3, neither valid UTF-8 on its own.
    const bytes = new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0xa3, 0x35]);
    const base64 = await fileToBase64(new Blob([bytes]));
    expect([...Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))]).toEqual([...bytes]);
  });

  it('keeps a large file whole (it is encoded in slices)', async () => {
    const bytes = Uint8Array.from({ length: 200_003 }, (_, i) => (i * 7) % 256);
    const decoded = Uint8Array.from(atob(await fileToBase64(new Blob([bytes]))), (c) => c.charCodeAt(0));
    expect(decoded.length).toBe(bytes.length);
    expect(decoded.every((b, i) => b === bytes[i])).toBe(true);
  });

  it('sends the chosen sheet and character set with the file, and no mapping until there is one', async () => {
    server().refuse('POST /api/imports/preview', 400, 'validation', 'Row 3: the team is blank.', [
      { field: 'rows.3.team', message: 'Row 3: the team is blank.' },
    ]);
    const store = useQaImportStore();
    await expect(store.preview('cases.csv', 'QUJD', { encoding: 'windows-1252' })).rejects.toMatchObject({
      message: 'Row 3: the team is blank.',
    });
    expect(server().calls[0]?.body).toEqual({
      fileName: 'cases.csv',
      content: 'QUJD',
      encoding: 'windows-1252',
      decisions: [],
    });
  });

  it('lists imports and remembered names, and forgets one name', async () => {
    server().answer('GET /api/imports', { imports: [] });
    server().answer('GET /api/imports/name-mappings', { mappings: [] });
    server().refuse(
      'DELETE /api/imports/name-mappings/:mappingId',
      404,
      'not_found',
      'There is no such name.',
    );
    const store = useQaImportStore();
    expect(await store.history()).toEqual([]);
    expect(await store.rememberedNames()).toEqual([]);
    await expect(store.forgetName('nm1')).rejects.toMatchObject({ code: 'not_found' });
    expect(server().calls.at(-1)?.path).toBe('/api/imports/name-mappings/nm1');
  });
});

/** The words after an import (a re-imported export that had synced said "14 applied"). */
import { describe, expect, it } from 'vitest';
import { describeImport, type ImportResponse } from './import-result';
import type { MutationResult } from './protocol';

const doc = {
  id: 'a',
  caseId: 'c',
  frameworkKey: 'lantern-default',
  frameworkVersion: 1,
  status: 'draft' as const,
  answers: {},
  completedAt: null,
  rev: 1,
  auditorId: 'p',
  updatedAt: '2026-12-04T10:00:00Z',
  updatedBy: 'Amara',
  returnedNote: null,
  deleted: false,
};
const applied = (id: string): MutationResult => ({ mutationId: id, status: 'applied', rev: 1, doc });
const refused = (id: string): MutationResult => ({
  mutationId: id,
  status: 'rejected',
  reason: 'x',
  problems: [],
});
const response = (results: MutationResult[], alreadyOnServer: string[]): ImportResponse => ({
  protocol: 1,
  results,
  alreadyOnServer,
});
const ids = (n: number, prefix = 'm') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('describeImport', () => {
  it('says a file that had already synced changed nothing, instead of "14 applied"', () => {
    expect(describeImport(response(ids(14).map(applied), ids(14)))).toBe(
      'Nothing new: the 14 changes in this file were already on the server.',
    );
    expect(describeImport(response([applied('m0')], ['m0']))).toBe(
      'Nothing new: the change in this file was already on the server.',
    );
  });

  it('counts only what this import did, and says how many were there already', () => {
    expect(
      describeImport(
        response([...ids(2).map(applied), refused('r'), ...ids(3, 'x').map(applied)], ids(3, 'x')),
      ),
    ).toBe(
      'Imported: 2 applied, 0 changed on the server since (merged on the next sync), 1 refused; 3 others were already on the server.',
    );
    expect(describeImport(response(ids(2).map(applied), []))).toBe(
      'Imported: 2 applied, 0 changed on the server since (merged on the next sync), 0 refused.',
    );
  });

  it('says so when the file holds nothing', () => {
    expect(describeImport(response([], []))).toBe('This file holds no changes.');
  });
});

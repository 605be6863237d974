import { describe, expect, it } from 'vitest';
import { chosenAuditFilters, noAuditFilters } from './audit-filters';

describe('chosenAuditFilters: the audit questions as a metric filters them', () => {
  it('leaves out every question left unanswered', () => {
    expect(chosenAuditFilters(noAuditFilters(), 0)).toEqual({});
  });

  it('gives each answered question, the case age as checked, and only known audit kinds', () => {
    const chosen = {
      caseTypeIds: ['ct-1'],
      flagIds: ['f-1', 'f-2'],
      openMonths: '6',
      kinds: ['thematic', 'not-a-kind'],
      roundIds: ['r-1'],
      themes: ['Neglect'],
    };
    const filters = chosenAuditFilters(chosen, 6);
    expect(filters).toEqual({
      caseTypeIds: ['ct-1'],
      flagIds: ['f-1', 'f-2'],
      openLongerThanMonths: 6,
      kinds: ['thematic'],
      roundIds: ['r-1'],
      themes: ['Neglect'],
    });
    // Copies: a later change to the fields does not change filters already sent.
    chosen.flagIds.push('f-3');
    expect(filters.flagIds).toEqual(['f-1', 'f-2']);
  });
});

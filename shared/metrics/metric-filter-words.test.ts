import { describe, expect, it } from 'vitest';
import { metricFilterWords, orList, type FilterNames } from './metric-filter-words';
import type { MetricFilters } from './metric-definition';

// Names as a council's admin keeps them (README: case types and flags the council keeps itself).
const names: FilterNames = {
  teams: new Map([
    ['t-1', 'Front Door (MASH)'],
    ['t-2', 'Children in Care'],
  ]),
  caseTypes: new Map([['cin', 'Child in need']]),
  flags: new Map([
    ['child-protection-plan', 'Child protection plan'],
    ['care-leaver', 'Care leaver'],
    ['at-risk', 'At risk of exploitation – CSE'],
  ]),
  rounds: new Map([
    ['r-1', 'Practice week, March 2026'],
    ['r-2', 'Exploitation audit, May 2026'],
  ]),
};

describe('metricFilterWords', () => {
  it.each<[string, MetricFilters, string, ReadonlyMap<string, string>?]>([
    ['no filter: every audit', {}, 'every submitted audit'],
    ['one flag', { flagIds: ['care-leaver'] }, 'submitted audits of cases flagged Care leaver'],
    [
      'several flags: any of them',
      { flagIds: ['child-protection-plan', 'care-leaver', 'at-risk'] },
      'submitted audits of cases flagged Child protection plan, Care leaver or At risk of exploitation – CSE',
    ],
    [
      'case age, one month',
      { openLongerThanMonths: 1 },
      'submitted audits of cases open longer than 1 month when audited',
    ],
    [
      'flag and case age',
      { flagIds: ['child-protection-plan'], openLongerThanMonths: 6 },
      'submitted audits of cases flagged Child protection plan, open longer than 6 months when audited',
    ],
    [
      'case type, flag and teams',
      { caseTypeIds: ['cin'], flagIds: ['care-leaver'], teamIds: ['t-1', 't-2'] },
      'submitted audits of cases of case type Child in need, flagged Care leaver, in Front Door (MASH) or Children in Care',
    ],
    ['teams only', { teamIds: ['t-2'] }, 'submitted audits, in Children in Care'],
    [
      'kinds and a framework version',
      { kinds: ['practice_week', 'ad_hoc'], frameworks: [{ key: 'lantern-default', version: 2 }] },
      'submitted practice week or ad hoc audits, with the audit tool lantern-default version 2',
    ],
    [
      'an audit tool named by its name',
      { frameworks: [{ key: 'exploitation' }] },
      'submitted audits, with the audit tool Children at risk of exploitation',
      new Map([['exploitation', 'Children at risk of exploitation']]),
    ],
    [
      'a round kind, its rounds by name and a tool',
      { kinds: ['thematic'], roundIds: ['r-1', 'r-2'], frameworks: [{ key: 'lantern-default' }] },
      'submitted thematic audits, in the rounds Practice week, March 2026 or Exploitation audit, May 2026, with the audit tool lantern-default',
    ],
    [
      'one round, and a round no longer listed',
      { roundIds: ['r-2', 'gone'] },
      'submitted audits, in the rounds Exploitation audit, May 2026 or a round no longer listed',
    ],
    [
      'themes, quoted as the QA lead wrote them',
      { themes: ['Children at risk of exploitation', 'Neglect'] },
      'submitted audits, of rounds on the theme “Children at risk of exploitation” or “Neglect”',
    ],
    [
      'a key nothing is called by any more is quoted, never dropped',
      { flagIds: ['gone-flag'] },
      'submitted audits of cases flagged “gone-flag”',
    ],
  ])('%s', (_name, filters, words, tools) => {
    expect(metricFilterWords(filters, tools ? { ...names, tools } : names)).toBe(words);
  });
});

describe('orList', () => {
  it.each<[string[], string]>([
    [[], ''],
    [['A'], 'A'],
    [['A', 'B'], 'A or B'],
    [['A', 'B', 'C'], 'A, B or C'],
  ])('%j reads %s', (words, text) => {
    expect(orList(words)).toBe(text);
  });
});

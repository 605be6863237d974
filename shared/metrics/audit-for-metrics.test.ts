import { describe, expect, it } from 'vitest';
import { auditForMetricsSchema } from './audit-for-metrics';

const valid = {
  id: 'a1',
  status: 'submitted',
  completedAt: '2019-08-31T22:30:00Z',
  teamId: 'cp-1',
  caseTypeId: 'child-protection',
  frameworkKey: 'lantern-default',
  frameworkVersion: 1,
  kind: 'practice_week',
  answers: { 'overall.grade': { kind: 'grade', value: 1 } },
  moderatedAnswers: { 'overall.grade': { kind: 'grade', value: 2 } },
};

describe('auditForMetricsSchema', () => {
  it.each([
    { name: 'a submitted, moderated audit', json: valid },
    { name: 'a draft with no completion time', json: { ...valid, status: 'draft', completedAt: null } },
    { name: 'an offset instead of Z', json: { ...valid, completedAt: '2019-08-31T23:30:00+01:00' } },
    { name: 'no moderation', json: { ...valid, moderatedAnswers: undefined } },
  ])('accepts $name', ({ json }) => {
    expect(auditForMetricsSchema.safeParse(json).success).toBe(true);
  });

  it.each([
    { name: 'a completion time without a zone', json: { ...valid, completedAt: '2019-08-31T22:30:00' } },
    { name: 'answers as an array', json: { ...valid, answers: [{ kind: 'grade', value: 1 }] } },
    { name: 'an unknown status', json: { ...valid, status: 'deleted' } },
    { name: 'an unknown audit kind', json: { ...valid, kind: 'weekly' } },
    {
      name: 'a grade off the scale',
      json: { ...valid, answers: { 'overall.grade': { kind: 'grade', value: 4 } } },
    },
  ])('refuses $name', ({ json }) => {
    expect(auditForMetricsSchema.safeParse(json).success).toBe(false);
  });
});

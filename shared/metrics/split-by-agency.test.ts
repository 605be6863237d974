import { describe, expect, it } from 'vitest';
import type { Answer, AnsweredBy } from '../framework/answer-schema';
import type { AuditForMetrics } from './audit-for-metrics';
import { auditsByAgency } from './split-by-agency';
import { evaluateMetric } from './evaluate-metric';
import type { MetricDefinition } from './metric-definition';

const SAM: AnsweredBy = {
  personId: '00000000-0000-4000-8000-000000000001',
  name: 'Sam',
  agency: 'social_care',
};
const HANA: AnsweredBy = { personId: '00000000-0000-4000-8000-000000000002', name: 'Hana', agency: 'health' };

function audit(id: string, answers: AuditForMetrics['answers'], moderated?: AuditForMetrics['answers']) {
  return {
    id,
    status: 'submitted' as const,
    completedAt: '2026-03-10T10:00:00Z',
    teamId: 't',
    caseTypeId: 'cin',
    frameworkKey: 'lantern-default',
    frameworkVersion: 1,
    kind: 'practice_week' as const,
    answers,
    ...(moderated ? { moderatedAnswers: moderated } : {}),
  };
}
const grade = (value: 0 | 1 | 2 | 3, by?: AnsweredBy): Answer => ({
  kind: 'grade',
  value,
  ...(by ? { by } : {}),
});
const question = (value: 'yes' | 'no', by?: AnsweredBy): Answer => ({
  kind: 'question',
  value,
  ...(by ? { by } : {}),
});
const metric = (item: string, passing: MetricDefinition['passing']): MetricDefinition => ({
  name: item,
  source: { item },
  passing,
  filters: {},
  bucket: 'quarter',
});
const figure = (audits: readonly AuditForMetrics[] | undefined, definition: MetricDefinition) => {
  const { k, n } = evaluateMetric(definition, audits ?? []).overall;
  return { k, n };
};

describe('auditsByAgency', () => {
  // A joint audit led by social care where health typed the overall grade and one question,
  // and a social-care audit from before joint audits (no `by`), moderated down.
  const joint = audit('joint', {
    'overall.grade': grade(1, HANA),
    'assessment.partners': question('yes', HANA),
    'plan.smart': question('no', SAM),
    'plan.grade': grade(2, SAM),
  });
  const old = audit(
    'old',
    { 'overall.grade': grade(1), 'plan.smart': question('yes') },
    { 'overall.grade': grade(3) },
  );
  const split = auditsByAgency([
    { audit: joint, auditorAgency: 'social_care', overallGradeKey: 'overall.grade' },
    { audit: old, auditorAgency: 'social_care', overallGradeKey: 'overall.grade' },
  ]);

  it('counts the overall grade under the lead auditor’s agency, whoever typed it, moderated where moderated', () => {
    const atLeastGood = metric('overall.grade', [0, 1]);
    expect(figure(split.get('social_care'), atLeastGood)).toEqual({ k: 1, n: 2 });
    expect(figure(split.get('health'), atLeastGood)).toEqual({ k: 0, n: 0 });
  });

  it('counts every other answer under the agency of the person who gave it; no `by` is the auditor’s', () => {
    expect(figure(split.get('health'), metric('assessment.partners', ['yes']))).toEqual({ k: 1, n: 1 });
    expect(figure(split.get('social_care'), metric('assessment.partners', ['yes']))).toEqual({ k: 0, n: 0 });
    expect(figure(split.get('social_care'), metric('plan.smart', ['yes']))).toEqual({ k: 1, n: 2 });
  });

  it('loses and adds nothing: the agencies’ counts add up to the whole', () => {
    for (const definition of [metric('overall.grade', [0, 1]), metric('plan.smart', ['yes'])]) {
      const whole = figure([joint, old], definition);
      const parts = [...split.values()].map((audits) => figure(audits, definition));
      expect(parts.reduce((sum, p) => ({ k: sum.k + p.k, n: sum.n + p.n }), { k: 0, n: 0 })).toEqual(whole);
    }
  });

  it('lists only agencies that gave an answer, and leaves its input untouched', () => {
    expect([...split.keys()].sort()).toEqual(['health', 'social_care']);
    expect(joint.answers['overall.grade']).toEqual(grade(1, HANA));
    expect(auditsByAgency([]).size).toBe(0);
  });
});

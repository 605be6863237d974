/** Progress counts judgement items only, so an audit with no concern and no notes can reach 100%. */
import { describe, expect, it } from 'vitest';
import { defaultFrameworkV1 } from './default-framework';
import { auditProgress, sectionProgress } from './audit-progress';
import type { Answers } from './answer-schema';

const framework = defaultFrameworkV1();

describe('auditProgress', () => {
  it('is 0 for an empty audit and 1 when every judgement item is answered', () => {
    expect(auditProgress(framework, {}).fraction).toBe(0);
    const answers: Answers = {};
    for (const section of framework.sections) {
      for (const item of section.items) {
        if (item.kind === 'question') answers[item.key] = { kind: 'question', value: 'yes' };
        if (item.kind === 'grade') answers[item.key] = { kind: 'grade', value: 1 };
        if (item.kind === 'yes-no-note' && item.key !== framework.safeguardingConcernKey)
          answers[item.key] = { kind: 'yes-no-note', value: 'no', note: '' };
        if (item.required && item.kind === 'text') answers[item.key] = { kind: 'text', value: 'x' };
        if (item.required && item.kind === 'case-actions')
          answers[item.key] = {
            kind: 'case-actions',
            value: [{ what: 'a', who: 'b', byWhen: '2026-12-01' }],
          };
      }
    }
    expect(auditProgress(framework, answers)).toMatchObject({ fraction: 1 });
  });

  it('does not count blank text or the safeguarding items', () => {
    const plan = framework.sections.find((s) => s.key === 'plan');
    if (!plan) throw new Error('the default framework has a plan section');
    const before = sectionProgress(framework, plan, {});
    const after = sectionProgress(framework, plan, {
      'plan.smart': { kind: 'question', value: 'no' },
      'plan.evidence': { kind: 'text', value: '   ' },
    });
    expect(after.answered).toBe(before.answered + 1);
    const safeguarding = framework.sections.find((s) => s.kind === 'safeguarding');
    if (!safeguarding) throw new Error('the default framework has a safeguarding section');
    expect(sectionProgress(framework, safeguarding, {}).total).toBe(0);
  });
});

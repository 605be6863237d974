import { describe, expect, it } from 'vitest';
import defaultV1Json from './default-v1.json';
import { defaultFrameworkV1 } from './default-framework';
import { frameworkItems, frameworkSchema } from './framework-schema';

const framework = defaultFrameworkV1();
const items = frameworkItems(framework);
const item = (key: string) => items.find((i) => i.key === key);

describe('the default framework, version 1', () => {
  it('is data that passes the schema', () => {
    expect(frameworkSchema.safeParse(defaultV1Json).error).toBeUndefined();
    expect(framework).toMatchObject({ key: 'lantern-default', version: 1 });
  });

  it('has unique item keys and unique section keys', () => {
    const itemKeys = items.map((i) => i.key);
    const sectionKeys = framework.sections.map((s) => s.key);
    expect(new Set(itemKeys).size).toBe(itemKeys.length);
    expect(new Set(sectionKeys).size).toBe(sectionKeys.length);
  });

  // Source: PRODUCT.md "The default audit framework (version 1)", sections 1–8 in order.
  it('follows PRODUCT.md section by section', () => {
    const graded = framework.sections
      .filter((s) => s.kind !== 'safeguarding' && s.kind !== 'summary')
      .map((s) => s.title);
    expect(graded).toEqual([
      "The child's lived experience and voice",
      'Assessment',
      'Plan',
      'Management oversight and supervision',
      'Thresholds and decision making',
      'Case recording',
      'Impact',
      'Feedback',
    ]);
  });

  // Source: PRODUCT.md "Each section except Feedback ends with a section grade". The safeguarding concern (available
  // at any point) and the closing judgement are not numbered sections: the closing one holds the overall grade.
  it('every section except Feedback ends with a section grade', () => {
    const numbered = framework.sections.filter((s) => s.kind === 'practice' || s.kind === 'feedback');
    for (const section of numbered) {
      const last = section.items.at(-1);
      if (section.title === 'Feedback') expect(section.items.every((i) => i.kind !== 'grade')).toBe(true);
      else expect(last?.kind, section.title).toBe('grade');
    }
    expect(numbered.filter((s) => s.kind === 'feedback').map((s) => s.title)).toEqual(['Feedback']);
  });

  it('each practice section has exactly one grade', () => {
    for (const section of framework.sections.filter((s) => s.kind === 'practice')) {
      expect(section.items.filter((i) => i.kind === 'grade')).toHaveLength(1);
    }
  });

  // Source: PRODUCT.md "the audit ends with an overall grade (required), strengths, areas for development, and actions for the case".
  it('ends with the overall grade (required), strengths, areas for development and actions for the case', () => {
    const summary = framework.sections.at(-1);
    expect(summary?.kind).toBe('summary');
    expect(summary?.items.map((i) => [i.kind, i.label])).toEqual([
      ['grade', 'Overall grade for the case'],
      ['text', 'Strengths'],
      ['text', 'Areas for development'],
      ['case-actions', 'Actions for the case'],
    ]);
    expect(item(framework.overallGradeKey)).toMatchObject({ kind: 'grade', required: true });
  });

  // Source: PRODUCT.md "immediate safeguarding concern (yes/no); yes requires a note ... cannot be submitted without it being acknowledged".
  it('has the immediate safeguarding concern, a note required on yes, and an acknowledgement required on yes', () => {
    expect(item(framework.safeguardingConcernKey)).toMatchObject({
      kind: 'yes-no-note',
      noteRequiredWhen: 'yes',
      required: true,
    });
    expect(item('safeguarding.acknowledged')).toMatchObject({
      kind: 'confirmation',
      label: "I have followed the council's safeguarding procedure for this concern",
      requiredWhen: { itemKey: framework.safeguardingConcernKey, equals: 'yes' },
    });
  });

  // Source: PRODUCT.md "Feedback — obtained from the child or young person; from parents/carers; from a trusted professional (yes/no each, with a note)".
  it('asks for feedback from the child, parents or carers and a trusted professional, yes/no with a note each', () => {
    const feedback = framework.sections.find((s) => s.kind === 'feedback');
    expect(feedback?.items.map((i) => [i.key, i.kind])).toEqual([
      ['feedback.child', 'yes-no-note'],
      ['feedback.parents-carers', 'yes-no-note'],
      ['feedback.professional', 'yes-no-note'],
    ]);
  });

  // Source: PRODUCT.md "Real targets": the plan tracks "seen alone" as its own yes/no percentage.
  it('asks about the child being seen alone as its own question', () => {
    expect(item('lived-experience.seen-alone')).toMatchObject({ kind: 'question', allowNotApplicable: true });
  });

  it('gives every item practice guidance worth reading', () => {
    for (const i of items) expect(i.help.length, i.key).toBeGreaterThan(80);
  });

  it('is handed out as a copy, so no caller can change the shipped version', () => {
    const copy = defaultFrameworkV1();
    copy.title = 'Changed';
    expect(defaultFrameworkV1().title).toBe('Case file audit');
  });
});

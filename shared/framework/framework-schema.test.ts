import { describe, expect, it } from 'vitest';
import { frameworkItems, frameworkSchema, type FrameworkInput } from './framework-schema';

/** The smallest framework that satisfies every rule: one practice section, safeguarding and the overall grade. */
function minimal(): FrameworkInput {
  return {
    key: 'mini',
    version: 1,
    title: 'Mini audit',
    overallGradeKey: 'overall.grade',
    safeguardingConcernKey: 'safeguarding.concern',
    sections: [
      {
        key: 'safeguarding',
        kind: 'safeguarding',
        title: 'Safeguarding',
        items: [
          {
            key: 'safeguarding.concern',
            kind: 'yes-no-note',
            label: 'Concern?',
            noteLabel: 'What?',
            help: 'Help.',
            noteRequiredWhen: 'yes',
          },
          {
            key: 'safeguarding.acknowledged',
            kind: 'confirmation',
            label: 'Done',
            help: 'Help.',
            requiredWhen: { itemKey: 'safeguarding.concern', equals: 'yes' },
          },
        ],
      },
      {
        key: 'plan',
        kind: 'practice',
        title: 'Plan',
        items: [
          { key: 'plan.smart', kind: 'question', label: 'SMART?', help: 'Help.' },
          { key: 'plan.grade', kind: 'grade', label: 'Plan grade', help: 'Help.' },
        ],
      },
      {
        key: 'overall',
        kind: 'summary',
        title: 'Overall',
        items: [{ key: 'overall.grade', kind: 'grade', label: 'Overall', help: 'Help.', required: true }],
      },
    ],
  };
}

/** A copy of the minimal framework changed by `edit` (which may mutate its argument). */
function edited(edit: (f: FrameworkInput) => void): FrameworkInput {
  const framework = minimal();
  edit(framework);
  return framework;
}

describe('frameworkSchema', () => {
  it('accepts a minimal framework and fills in the defaults', () => {
    const framework = frameworkSchema.parse(minimal());
    const smart = frameworkItems(framework).find((item) => item.key === 'plan.smart');
    expect(smart).toMatchObject({ required: false, allowNotApplicable: true });
    expect(frameworkItems(framework).map((item) => item.key)).toEqual([
      'safeguarding.concern',
      'safeguarding.acknowledged',
      'plan.smart',
      'plan.grade',
      'overall.grade',
    ]);
  });

  it.each([
    {
      name: 'an item key used twice',
      edit: (f: FrameworkInput) =>
        f.sections[1]?.items.push({ key: 'plan.smart', kind: 'text', label: 'x', help: 'x' }),
      message: /used twice/,
    },
    {
      name: 'a section key used twice',
      edit: (f: FrameworkInput) => {
        if (f.sections[2]) f.sections[2].key = 'plan';
      },
      message: /used twice/,
    },
    {
      name: 'a practice section that does not end with its grade',
      edit: (f: FrameworkInput) => f.sections[1]?.items.reverse(),
      message: /end with its section grade/,
    },
    {
      name: 'an overall grade that is not a grade',
      edit: (f: FrameworkInput) => {
        f.overallGradeKey = 'plan.smart';
      },
      message: /must be a grade item/,
    },
    {
      name: 'an overall grade that does not exist',
      edit: (f: FrameworkInput) => {
        f.overallGradeKey = 'overall.missing';
      },
      message: /must be a grade item/,
    },
    {
      name: 'a safeguarding concern that is not yes/no',
      edit: (f: FrameworkInput) => {
        f.safeguardingConcernKey = 'plan.smart';
      },
      message: /must be a yes\/no item/,
    },
    {
      name: 'a requirement that depends on a missing item',
      edit: (f: FrameworkInput) => {
        const item = f.sections[0]?.items[1];
        if (item) item.requiredWhen = { itemKey: 'nowhere', equals: 'yes' };
      },
      message: /not another item/,
    },
    {
      name: 'a requirement on "partly" of a yes/no item',
      edit: (f: FrameworkInput) => {
        const item = f.sections[0]?.items[1];
        if (item) item.requiredWhen = { itemKey: 'safeguarding.concern', equals: 'partly' };
      },
      message: /cannot be answered "partly"/,
    },
    {
      name: 'a requirement that depends on a grade',
      edit: (f: FrameworkInput) => {
        const item = f.sections[0]?.items[1];
        if (item) item.requiredWhen = { itemKey: 'plan.grade', equals: 'yes' };
      },
      message: /cannot be answered "yes"/,
    },
    {
      name: 'a key with capitals and spaces',
      edit: (f: FrameworkInput) => {
        const item = f.sections[1]?.items[0];
        if (item) item.key = 'Plan SMART';
      },
      message: /lower-case/,
    },
    {
      name: 'an item without help text',
      edit: (f: FrameworkInput) => {
        const item = f.sections[1]?.items[0];
        if (item) item.help = '';
      },
      message: /./,
    },
    {
      name: 'version 0',
      edit: (f: FrameworkInput) => {
        f.version = 0;
      },
      message: /./,
    },
    {
      name: 'an empty section',
      edit: (f: FrameworkInput) => {
        if (f.sections[2]) f.sections[2].items = [];
      },
      message: /./,
    },
    {
      name: 'an unknown item kind',
      edit: (f: FrameworkInput) => {
        const item = f.sections[1]?.items[0];
        if (item) Object.assign(item, { kind: 'slider' });
      },
      message: /./,
    },
    {
      name: 'an unknown section kind',
      edit: (f: FrameworkInput) => {
        if (f.sections[1]) Object.assign(f.sections[1], { kind: 'appendix' });
      },
      message: /./,
    },
  ])('refuses $name', ({ edit, message }) => {
    const result = frameworkSchema.safeParse(edited(edit));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join('\n')).toMatch(message);
  });
});

import { describe, expect, it } from 'vitest';
import { defaultFrameworkV1 } from '../framework/default-framework';
import {
  metricDefinitionSchema,
  metricItemKeys,
  metricProblems,
  type MetricDefinition,
} from './metric-definition';

const framework = defaultFrameworkV1();

describe('metric definitions from the councils’ plans', () => {
  // Each row is a target from PRODUCT.md's "Real targets", expressed as a metric.
  it.each([
    {
      name: '"audits reaching the standard of at least good"',
      json: { name: 'At least good', source: { item: 'overall.grade' }, passing: [0, 1], bucket: 'month' },
    },
    {
      name: '"cases receive management oversight/supervision"',
      json: {
        name: 'Supervision in line with policy',
        source: { item: 'oversight.supervision' },
        passing: ['yes'],
        bucket: 'month',
      },
    },
    {
      name: '"good quality of supervision" (the section grade)',
      json: {
        name: 'Good supervision',
        source: { item: 'oversight.grade' },
        passing: [0, 1],
        bucket: 'quarter',
      },
    },
    {
      name: '"feedback from children, their families and trusted professionals" (any of)',
      json: {
        name: 'Feedback obtained',
        source: { anyOf: ['feedback.child', 'feedback.parents-carers', 'feedback.professional'] },
        passing: ['yes'],
        bucket: 'financial-quarter',
      },
    },
    {
      name: '"looked after children ... are seen alone" (filtered to a case type, by practice week)',
      json: {
        name: 'Seen alone',
        source: { item: 'lived-experience.seen-alone' },
        passing: ['yes'],
        filters: { caseTypeIds: ['child-looked-after'], kinds: ['practice_week'] },
        bucket: 'practice-week',
      },
    },
  ])('$name parses and fits the default framework', ({ json }) => {
    const definition = metricDefinitionSchema.parse(json);
    expect(definition.filters).toBeDefined();
    expect(metricProblems(definition, framework)).toEqual([]);
  });

  it('reads one item or several', () => {
    expect(metricItemKeys({ item: 'overall.grade' })).toEqual(['overall.grade']);
    expect(metricItemKeys({ anyOf: ['a.b', 'c.d'] })).toEqual(['a.b', 'c.d']);
  });
});

describe('definitions that are refused', () => {
  const valid = {
    name: 'At least good',
    source: { item: 'overall.grade' },
    passing: [0, 1],
    bucket: 'month',
  };
  it.each([
    { name: 'no name', json: { ...valid, name: '' } },
    { name: 'no passing values', json: { ...valid, passing: [] } },
    { name: 'a grade off the scale', json: { ...valid, passing: [4] } },
    { name: 'Not applicable as a pass', json: { ...valid, passing: ['not_applicable'] } },
    { name: '"any of" a single item', json: { ...valid, source: { anyOf: ['overall.grade'] } } },
    {
      name: 'both an item and any of',
      json: { ...valid, source: { item: 'overall.grade', anyOf: ['a.b', 'c.d'] } },
    },
    { name: 'an unknown bucket', json: { ...valid, bucket: 'week' } },
    { name: 'an empty filter list (ambiguous: all or none?)', json: { ...valid, filters: { teamIds: [] } } },
    { name: 'an unknown audit kind', json: { ...valid, filters: { kinds: ['weekly'] } } },
  ])('$name', ({ json }) => {
    expect(metricDefinitionSchema.safeParse(json).success).toBe(false);
  });

  const metric = (
    source: MetricDefinition['source'],
    passing: MetricDefinition['passing'],
  ): MetricDefinition => ({
    name: 'm',
    source,
    passing,
    filters: {},
    bucket: 'month',
  });
  it.each([
    {
      name: 'an item the framework does not have',
      definition: metric({ item: 'plan.unknown' }, ['yes']),
      problem: /not part of version 1/,
    },
    {
      name: 'free text',
      definition: metric({ item: 'overall.strengths' }, ['yes']),
      problem: /cannot be counted/,
    },
    {
      name: 'a grade with question answers as passes',
      definition: metric({ item: 'overall.grade' }, ['yes']),
      problem: /can pass/,
    },
    {
      name: 'a question with grades as passes',
      definition: metric({ item: 'plan.smart' }, [0, 1]),
      problem: /can pass/,
    },
    {
      name: 'a yes/no item passing on "partly"',
      definition: metric({ item: 'feedback.child' }, ['partly']),
      problem: /can pass/,
    },
  ])('against the framework: $name', ({ definition, problem }) => {
    expect(metricProblems(definition, framework)).toEqual([expect.stringMatching(problem)]);
  });
});

describe('a metric counts one audit tool', () => {
  const base = {
    name: 'At least good',
    source: { item: 'overall.grade' },
    passing: [0, 1],
    bucket: 'month',
  };
  it('accepts versions of one tool and refuses two tools, naming the field', () => {
    expect(
      metricDefinitionSchema.safeParse({
        ...base,
        filters: {
          frameworks: [
            { key: 'exploitation', version: 1 },
            { key: 'exploitation', version: 2 },
          ],
        },
      }).success,
    ).toBe(true);
    const mixed = metricDefinitionSchema.safeParse({
      ...base,
      filters: { frameworks: [{ key: 'lantern-default' }, { key: 'exploitation' }] },
    });
    expect(mixed.success).toBe(false);
    expect(mixed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      [
        'filters.frameworks',
        'A measure counts the audits of one audit tool: choose versions of one tool only.',
      ],
    ]);
  });
});

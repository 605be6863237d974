import { describe, expect, it } from 'vitest';
import { copyFramework, toolKeyFromName } from './audit-tools';
import { defaultFrameworkV1 } from './default-framework';
import { frameworkItems, frameworkSchema } from './framework-schema';

describe('a new audit tool copied from another', () => {
  it('keeps every section and item with its key, as version 1 of the new key', () => {
    const source = defaultFrameworkV1();
    const copy = copyFramework(source, 'exploitation', 'Children at risk of exploitation');
    expect(frameworkSchema.parse(copy)).toEqual(copy);
    expect(copy).toMatchObject({
      key: 'exploitation',
      version: 1,
      title: 'Children at risk of exploitation',
    });
    expect(frameworkItems(copy)).toEqual(frameworkItems(source));
    expect(copy.sections.map((s) => s.key)).toEqual(source.sections.map((s) => s.key));
    expect(copy.overallGradeKey).toBe(source.overallGradeKey);
  });

  it('is a deep copy: editing it leaves the source alone', () => {
    const source = defaultFrameworkV1();
    const copy = copyFramework(source, 'exploitation', 'Exploitation');
    const label = source.sections[0]?.items[0]?.label;
    const first = copy.sections[0]?.items[0];
    if (first) first.label = 'Changed';
    expect(source.sections[0]?.items[0]?.label).toBe(label);
  });

  it('makes a key from the name that starts with a letter and is not taken', () => {
    expect(toolKeyFromName('Children at risk of exploitation', new Set())).toBe(
      'children-at-risk-of-exploitation',
    );
    expect(toolKeyFromName('2025 compliance checklist', new Set())).toBe('tool-2025-compliance-checklist');
    expect(toolKeyFromName('Case file audit', new Set(['case-file-audit']))).toBe('case-file-audit-2');
  });
});

/**
 * A complete, submittable audit for the specs that push audits through the API: every item of
 * the framework the server sends answered, with `overall` as every grade.
 */
import type { Framework } from '../../../shared/framework/framework-schema';

export function completeAnswers(framework: Framework, overall: number): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const item of framework.sections.flatMap((section) => section.items)) {
    if (item.kind === 'question') answers[item.key] = { kind: 'question', value: 'yes' };
    else if (item.kind === 'grade') answers[item.key] = { kind: 'grade', value: overall };
    else if (item.kind === 'text') answers[item.key] = { kind: 'text', value: 'Recorded on the case file.' };
    else if (item.kind === 'yes-no-note')
      answers[item.key] = { kind: 'yes-no-note', value: 'no', note: 'Not applicable here.' };
    else if (item.kind === 'case-actions') answers[item.key] = { kind: 'case-actions', value: [] };
  }
  return answers;
}

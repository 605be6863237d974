/**
 * Whether an audit raises an immediate safeguarding concern: the framework's own concern item
 * (`safeguardingConcernKey`) answered "yes". No other yes/no question raises one, however it is
 * answered. Read defensively, so the server can ask of answers read from storage.
 */
import type { Framework } from './framework-schema';
import { isRecord } from './is-record';

export function raisesSafeguardingConcern(
  framework: Pick<Framework, 'safeguardingConcernKey'>,
  answers: unknown,
): boolean {
  const concern = isRecord(answers) ? answers[framework.safeguardingConcernKey] : undefined;
  return isRecord(concern) && concern.kind === 'yes-no-note' && concern.value === 'yes';
}

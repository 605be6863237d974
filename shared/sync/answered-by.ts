/**
 * Who gave each answer (docs/JOINT-AUDITS.md). The device that types an answer in a joint audit
 * stamps it with its person (`by`: id, name, agency); the stamp travels inside the answer, so the
 * answer-by-answer merge keeps it with the words it belongs to. The server holds devices to one
 * rule: a changed answer may name only the person saving it — except that an answer whose words
 * did not change may keep the author it already had (a merge, or a conflict resolved to the other
 * auditor's answer, sends it back as it was).
 */
import type { AnsweredBy, Answer, Answers } from '../framework/answer-schema';
import { sameAnswer } from './merge-answers';

/** The answer without its author: what was said. */
export function withoutAuthor(answer: Answer): Answer {
  const { by: _by, ...said } = answer;
  return said as Answer;
}

/** The answer stamped as given by `by`. */
export const stampAuthor = (answer: Answer, by: AnsweredBy): Answer => ({ ...answer, by });

/**
 * One problem per changed answer that names someone other than `person` as its author.
 * @example
 *   answeredByProblems({}, { q1: { kind: 'text', value: 'x', by: { personId: other, … } } }, me)
 *   // [{ itemKey: 'q1', message: 'This answer names … as its author …' }]
 */
export function answeredByProblems(
  before: Answers,
  after: Answers,
  person: { id: string },
): { itemKey: string; message: string }[] {
  const problems: { itemKey: string; message: string }[] = [];
  for (const [itemKey, answer] of Object.entries(after)) {
    const previous = before[itemKey];
    if (sameAnswer(previous, answer) || !answer.by || answer.by.personId === person.id) continue;
    const keptAuthor =
      previous !== undefined &&
      previous.by?.personId === answer.by.personId &&
      sameAnswer(withoutAuthor(previous), withoutAuthor(answer));
    if (!keptAuthor)
      problems.push({
        itemKey,
        message: `This answer names ${answer.by.name || 'someone else'} as its author, but you are saving it: an answer you change is yours.`,
      });
  }
  return problems;
}

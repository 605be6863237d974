/**
 * Whether an item of an audit applies to the answers given: an item that depends on another
 * answer (`requiredWhen`, e.g. "I have followed the safeguarding procedure" only after "Yes" to a
 * concern) does not apply while that answer is something else, unless it was answered anyway.
 * The screens that list an audit's answers (review, moderation, the whole audit) leave such items
 * out, so nobody reads an irrelevant "Not answered".
 */
import type { Answer, Answers } from './answer-schema';
import type { FrameworkItem } from './framework-schema';

function choiceOf(answer: Answer | undefined): string | null {
  return answer?.kind === 'question' || answer?.kind === 'yes-no-note' ? answer.value : null;
}

/**
 * @example itemApplies(acknowledged, { 'safeguarding.concern': { kind: 'yes-no-note', value: 'no', note: '' } }) // false
 */
export function itemApplies(item: FrameworkItem, answers: Readonly<Answers>): boolean {
  if (!item.requiredWhen || answers[item.key] !== undefined) return true;
  return choiceOf(answers[item.requiredWhen.itemKey]) === item.requiredWhen.equals;
}

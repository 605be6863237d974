/**
 * The words of the trajectory-RAG rule that decided a period's colour (trajectory-rag.ts), read
 * for the measure's direction, so a screen or report can say why a measure is Red or Amber
 * ("Amber: within the tolerance of the trajectory") rather than show a colour alone.
 */
import type { RagRule } from './trajectory-rag';
import type { MeasureDirection } from './measure-kind';

/**
 * @example ragRuleWords(4, 'lower') // 'at or below the trajectory'
 */
export function ragRuleWords(rule: RagRule, direction: MeasureDirection = 'higher'): string {
  const beyond = direction === 'lower' ? 'at or below' : 'at or above';
  switch (rule) {
    case 1:
      return 'too few counted in the period to judge';
    case 2:
      return `${beyond} the final target`;
    case 3:
      return 'a milestone already due was missed by more than the tolerance';
    case 4:
      return `${beyond} the trajectory`;
    case 5:
      return 'short of the trajectory by no more than the tolerance';
    case 6:
      return 'short of the trajectory, but its 95% interval reaches it';
    case 7:
      return 'short of the trajectory by more than the tolerance';
  }
}

/**
 * The default audit framework (version 1) that every new organisation starts with. It lives
 * as data in default-v1.json so it reads like the form it is and can be revised like any
 * other version; here it is parsed once through the schema, so a mistake in the JSON fails
 * loudly at start-up and in the tests rather than in an auditor's hands.
 */
import defaultV1Json from './default-v1.json';
import { frameworkSchema, type Framework } from './framework-schema';

const DEFAULT_V1: Framework = frameworkSchema.parse(defaultV1Json);

/**
 * The default framework, version 1. Returns a fresh deep copy, so a caller that edits it (to
 * draft version 2, say) can never change the shipped version for anyone else.
 * @example defaultFrameworkV1().overallGradeKey // 'overall.grade'
 */
export function defaultFrameworkV1(): Framework {
  return structuredClone(DEFAULT_V1);
}

/**
 * Synthetic answers for a framework, consistent with the overall grade: a better grade
 * means more "Yes" answers and better section grades. Complete answers read like a real
 * audit (demo); grades-only answers keep the large benchmark dataset small.
 */
import { defaultFrameworkV1 } from '../../shared/framework/default-framework';
import type { Framework, FrameworkItem } from '../../shared/framework/framework-schema';
import type { Answer, Answers } from '../../shared/framework/answer-schema';
import type { GradeIndex } from '../../shared/metrics/grade-scale';
import { pick, type Random } from '../../shared/random/seeded-random';
import { findingKind } from '../../shared/findings/finding-kind';

export const DEFAULT_FRAMEWORK: Framework = defaultFrameworkV1();
export const DEFAULT_FRAMEWORK_REF = { key: DEFAULT_FRAMEWORK.key, version: DEFAULT_FRAMEWORK.version };

const STRENGTHS = [
  'The child was seen alone and their views are recorded in their own words.',
  'Clear, analytical chronology that shows the cumulative impact on the child.',
  'Good multi-agency working; the school and health visitor contributed to the assessment.',
  'Direct work with the child is creative and informs the plan.',
  'Supervision is regular, reflective and directs the next steps.',
];
const DEVELOPMENT = [
  'The plan is not specific about what must change, by whom and by when.',
  "Father's role and risk were not assessed.",
  'Management oversight is recorded but does not give the rationale for decisions.',
  "The case record is not written to the child; the child's lived experience is hard to see.",
  'No contingency plan if things do not change.',
];
const ACTIONS = [
  'Update the assessment to include the father',
  'Hold a review meeting to make the plan SMART',
  'Complete direct work with the child and record their views',
  'Manager to record supervision decision and rationale',
];
const WHO = ['Allocated social worker', 'Team manager', 'Independent reviewing officer'];
const SEEN_NOTE = 'Views recorded on the case file.';

/**
 * Every sentence the demo writes into audits as if an auditor had typed it (strengths, areas
 * for development, notes, case actions): what the log-hygiene checks look for in server logs.
 */
export const DEMO_NOTE_TEXTS: readonly string[] = [...STRENGTHS, ...DEVELOPMENT, ...ACTIONS, SEEN_NOTE];

function clampGrade(value: number): GradeIndex {
  return Math.min(3, Math.max(0, Math.round(value))) as GradeIndex;
}

function answerFor(
  item: FrameworkItem,
  grade: GradeIndex,
  random: Random,
  isOverall: boolean,
): Answer | null {
  const quality = (3 - grade) / 3; // 1 for Outstanding … 0 for Inadequate
  switch (item.kind) {
    case 'grade':
      return { kind: 'grade', value: isOverall ? grade : clampGrade(grade + (random() - 0.5) * 1.6) };
    case 'question': {
      if (item.allowNotApplicable && random() < 0.05) return { kind: 'question', value: 'not_applicable' };
      const u = random();
      const value = u < 0.25 + 0.65 * quality ? 'yes' : u < 0.6 + 0.3 * quality ? 'partly' : 'no';
      return { kind: 'question', value };
    }
    case 'yes-no-note': {
      if (item.noteRequiredWhen === 'yes') return { kind: 'yes-no-note', value: 'no', note: '' };
      const yes = random() < 0.3 + 0.5 * quality;
      return {
        kind: 'yes-no-note',
        value: yes ? 'yes' : 'no',
        note: yes ? SEEN_NOTE : '',
      };
    }
    case 'text': {
      // Strengths read as strengths and areas for development as such; any other text by the grade.
      const kind = findingKind(item.key);
      const good = kind ? kind === 'strengths' : grade <= 1;
      return { kind: 'text', value: pick(random, good ? STRENGTHS : DEVELOPMENT) };
    }
    case 'case-actions':
      return {
        kind: 'case-actions',
        value: grade <= 1 ? [] : [{ what: pick(random, ACTIONS), who: pick(random, WHO), byWhen: '' }],
      };
    case 'confirmation':
      return null;
  }
}

/** The answers to the framework's items that `include` keeps, each consistent with `grade`. */
function answersOf(
  grade: number,
  random: Random,
  framework: Framework,
  include: (item: FrameworkItem) => boolean,
): Answers {
  const answers: Answers = {};
  const overall = clampGrade(grade);
  for (const section of framework.sections) {
    for (const item of section.items) {
      if (!include(item)) continue;
      const answer = answerFor(item, overall, random, item.key === framework.overallGradeKey);
      if (answer) answers[item.key] = answer;
    }
  }
  return answers;
}

/** A complete set of answers for the default framework, as a careful auditor would leave it. */
export function syntheticAnswers(
  grade: number,
  random: Random,
  framework: Framework = DEFAULT_FRAMEWORK,
): Answers {
  return answersOf(grade, random, framework, () => true);
}

/** Only the grades (each section's and the overall): the large benchmark dataset's answers. */
export function syntheticGradeAnswers(
  grade: number,
  random: Random,
  framework: Framework = DEFAULT_FRAMEWORK,
): Answers {
  return answersOf(grade, random, framework, (item) => item.kind === 'grade');
}

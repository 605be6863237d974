/**
 * The audit framework format: the form an auditor fills in, kept as data so QA leads can
 * revise it without a release. A framework is identified by `key` and `version`; a version in
 * use is never edited in place, and an item keeps its `key` across versions so trends survive
 * a revision (see framework-revision.ts). Every item carries `help`: the practice guidance the
 * auditor reads while judging it.
 *
 * Rules the schema enforces beyond shape, because the form, the metrics and the server rely
 * on them: keys are unique; every practice section ends with its section grade; the overall
 * grade and the safeguarding concern are named and have the right kinds; a conditional
 * requirement points at another item that can actually take the value it names.
 */
import { z } from 'zod/mini';

/** Stable keys: lower-case words joined by hyphens, namespaced by dots ("plan.contingency"). */
export const itemKeySchema = z.string().check(
  z.regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:\.[a-z][a-z0-9]*(?:-[a-z0-9]+)*)*$/, {
    message:
      'Keys are lower-case words joined by hyphens, optionally namespaced with dots, e.g. "plan.contingency".',
  }),
);

/** Text that may not be empty. */
const nonEmpty = () => z.string().check(z.minLength(1));

/** Makes an item required only when another item has a given answer (e.g. acknowledge only when there is a concern). */
export const requiredWhenSchema = z.object({
  itemKey: itemKeySchema,
  equals: z.enum(['yes', 'partly', 'no']),
});

const itemBase = {
  key: itemKeySchema,
  label: nonEmpty(),
  /** Practice guidance shown beside the item while auditing. */
  help: nonEmpty(),
  /** Must be answered before the audit can be submitted. */
  required: z._default(z.boolean(), false),
  requiredWhen: z.optional(requiredWhenSchema),
};

/** Yes / Partly / No, and Not applicable unless the item says otherwise. */
export const questionItemSchema = z.object({
  ...itemBase,
  kind: z.literal('question'),
  allowNotApplicable: z._default(z.boolean(), true),
});
/** A grade on the four-point scale (a section grade or the overall grade). */
export const gradeItemSchema = z.object({ ...itemBase, kind: z.literal('grade') });
/** Free text (strengths, areas for development). */
export const textItemSchema = z.object({ ...itemBase, kind: z.literal('text') });
/** Yes or no with a free-text note; the note can be made required for one of the answers. */
export const yesNoNoteItemSchema = z.object({
  ...itemBase,
  kind: z.literal('yes-no-note'),
  noteLabel: nonEmpty(),
  noteRequiredWhen: z.optional(z.enum(['yes', 'no'])),
});
/** A list of actions for the case: what, who, by when. */
export const caseActionsItemSchema = z.object({ ...itemBase, kind: z.literal('case-actions') });
/** A statement the auditor ticks to confirm; "answered" means ticked. */
export const confirmationItemSchema = z.object({ ...itemBase, kind: z.literal('confirmation') });

/** Any one item of a framework; `kind` decides the answer it takes (see answer-schema.ts). */
export const frameworkItemSchema = z.discriminatedUnion('kind', [
  questionItemSchema,
  gradeItemSchema,
  textItemSchema,
  yesNoNoteItemSchema,
  caseActionsItemSchema,
  confirmationItemSchema,
]);

/**
 * `practice` sections are judged and end with a section grade; `feedback` gathers views and is
 * not graded; `safeguarding` is the concern the form keeps reachable from every step;
 * `summary` holds the overall judgement and the actions for the case.
 */
export const SECTION_KINDS = ['practice', 'feedback', 'safeguarding', 'summary'] as const;

/** A section of the form: a titled, ordered group of items. */
export const frameworkSectionSchema = z.object({
  key: itemKeySchema,
  title: nonEmpty(),
  description: z.optional(nonEmpty()),
  kind: z.enum(SECTION_KINDS),
  items: z.array(frameworkItemSchema).check(z.minLength(1)),
});

/**
 * One version of an audit framework. Parse every framework that comes from outside (a file, a
 * request, the database) through this schema: it checks the rules in the module comment.
 * @example frameworkSchema.parse(json) // throws a ZodError listing every problem
 */
export const frameworkSchema = z
  .object({
    key: itemKeySchema,
    version: z.number().check(z.int(), z.positive()),
    title: nonEmpty(),
    description: z.optional(nonEmpty()),
    /** The item every audit ends on; moderation and "at least good" metrics read it. */
    overallGradeKey: itemKeySchema,
    /** The yes/no item that raises an immediate safeguarding escalation when "yes". */
    safeguardingConcernKey: itemKeySchema,
    sections: z.array(frameworkSectionSchema).check(z.minLength(1)),
  })
  .check(
    z.superRefine((framework, ctx) => {
      const problem = (message: string, path: (string | number)[]): void =>
        ctx.addIssue({ code: 'custom', message, path });
      const items = new Map<string, FrameworkItem>();
      const sectionKeys = new Set<string>();
      framework.sections.forEach((section, s) => {
        if (sectionKeys.has(section.key))
          problem(`Section key "${section.key}" is used twice.`, ['sections', s, 'key']);
        sectionKeys.add(section.key);
        section.items.forEach((item, i) => {
          if (items.has(item.key))
            problem(`Item key "${item.key}" is used twice.`, ['sections', s, 'items', i, 'key']);
          items.set(item.key, item);
        });
        if (section.kind === 'practice' && section.items.at(-1)?.kind !== 'grade') {
          problem(`Section "${section.title}" must end with its section grade.`, ['sections', s, 'items']);
        }
      });
      if (items.get(framework.overallGradeKey)?.kind !== 'grade') {
        problem(`The overall grade "${framework.overallGradeKey}" must be a grade item.`, [
          'overallGradeKey',
        ]);
      }
      if (items.get(framework.safeguardingConcernKey)?.kind !== 'yes-no-note') {
        problem(`The safeguarding concern "${framework.safeguardingConcernKey}" must be a yes/no item.`, [
          'safeguardingConcernKey',
        ]);
      }
      framework.sections.forEach((section, s) =>
        section.items.forEach((item, i) => {
          if (!item.requiredWhen) return;
          const path = ['sections', s, 'items', i, 'requiredWhen'];
          const other = items.get(item.requiredWhen.itemKey);
          if (!other || other.key === item.key) {
            problem(
              `"${item.key}" depends on "${item.requiredWhen.itemKey}", which is not another item.`,
              path,
            );
          } else if (!(
            other.kind === 'question' ||
            (other.kind === 'yes-no-note' && item.requiredWhen.equals !== 'partly')
          )) {
            problem(
              `"${item.key}" depends on "${other.key}", which cannot be answered "${item.requiredWhen.equals}".`,
              path,
            );
          }
        }),
      );
    }),
  );

/** One item of a framework, with defaults filled in. */
export type FrameworkItem = z.infer<typeof frameworkItemSchema>;
/** 'question' | 'grade' | 'text' | 'yes-no-note' | 'case-actions' | 'confirmation'. */
export type FrameworkItemKind = FrameworkItem['kind'];
/** One section of a framework. */
export type FrameworkSection = z.infer<typeof frameworkSectionSchema>;
/** 'practice' | 'feedback' | 'safeguarding' | 'summary'. */
export type SectionKind = FrameworkSection['kind'];
/** One version of a framework, parsed, with defaults filled in. */
export type Framework = z.infer<typeof frameworkSchema>;
/** What a framework looks like before defaults are filled in (the JSON as written). */
export type FrameworkInput = z.input<typeof frameworkSchema>;

export { frameworkItems } from './framework-items';

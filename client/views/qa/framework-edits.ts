/**
 * Edits to a draft framework, as the editor makes them: reword an item, move it up or down,
 * remove it, add one. Each returns a new framework and leaves its input alone, so the editor
 * can keep the last saved version to compare against. Existing items keep their keys.
 */
import type { Framework, FrameworkItem } from '../../../shared/framework/framework-schema';

const copy = (framework: Framework): Framework => structuredClone(framework);

export function moveItem(framework: Framework, sectionKey: string, itemKey: string, by: -1 | 1): Framework {
  const next = copy(framework);
  const items = next.sections.find((s) => s.key === sectionKey)?.items;
  if (!items) return next;
  const from = items.findIndex((i) => i.key === itemKey);
  const to = from + by;
  if (from < 0 || to < 0 || to >= items.length) return next;
  const [item] = items.splice(from, 1);
  if (item) items.splice(to, 0, item);
  return next;
}

export function removeItem(framework: Framework, sectionKey: string, itemKey: string): Framework {
  const next = copy(framework);
  const section = next.sections.find((s) => s.key === sectionKey);
  if (section) section.items = section.items.filter((i) => i.key !== itemKey);
  return next;
}

export function rewordItem(
  framework: Framework,
  itemKey: string,
  change: { label?: string; help?: string },
): Framework {
  const next = copy(framework);
  for (const section of next.sections)
    for (const item of section.items) if (item.key === itemKey) Object.assign(item, change);
  return next;
}

export type NewItemKind = 'question' | 'text' | 'yes-no-note';

/** Adds an item before the section's grade (a practice section must end with its grade). */
export function addItem(
  framework: Framework,
  sectionKey: string,
  input: { kind: NewItemKind; key: string; label: string; help: string },
): Framework {
  const next = copy(framework);
  const section = next.sections.find((s) => s.key === sectionKey);
  if (!section) return next;
  const base = { key: input.key, label: input.label, help: input.help, required: false };
  const item: FrameworkItem =
    input.kind === 'question'
      ? { ...base, kind: 'question', allowNotApplicable: true }
      : input.kind === 'text'
        ? { ...base, kind: 'text' }
        : { ...base, kind: 'yes-no-note', noteLabel: 'Note' };
  const last = section.items.at(-1);
  const at =
    section.kind === 'practice' && last?.kind === 'grade' ? section.items.length - 1 : section.items.length;
  section.items.splice(at, 0, item);
  return next;
}

/** A framework's items in form order, apart from the schema so the audit form lists them without zod. */
import type { Framework, FrameworkItem } from './framework-schema';

/** Every item of a framework in form order. */
export function frameworkItems(framework: Framework): FrameworkItem[] {
  return framework.sections.flatMap((section) => section.items);
}

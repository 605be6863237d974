/**
 * Refuses a case list that carries a child's name or date of birth (PRODUCT.md: "no child
 * names or dates of birth are asked for"). A column is refused by its header, whether or not
 * it is mapped: the file itself should not travel with them. A name column is told apart from
 * the worker's or the team's name by the words beside "name".
 */
import { columnLetter, normaliseHeader } from './case-fields';

const BIRTH = /\b(dob|d o b|birth|birthday|born)\b/;
const NAME =
  /\b(name|names|forename|forenames|surname|firstname|lastname|fullname|given|family|nickname|alias)\b/;
/** A "name" header with one of these words is a staff or organisation name, not the child's. */
const NOT_THE_CHILD =
  /\b(worker|workers|team|manager|practitioner|officer|staff|social|allocated|iro|chair|agency|school|organisation|service|file|user|author|auditor)\b/;

export interface PersonalDataColumn {
  column: number;
  header: string;
  kind: 'name' | 'date-of-birth';
  message: string;
}

/**
 * The columns that look like a child's name or date of birth, with the words to show.
 * @example personalDataColumns(['Case ref', 'Child name', 'Worker name'])
 * // [{ column: 1, header: 'Child name', kind: 'name', message: 'Column B ("Child name") looks like …' }]
 */
export function personalDataColumns(headers: readonly string[]): PersonalDataColumn[] {
  const found: PersonalDataColumn[] = [];
  headers.forEach((header, column) => {
    const text = normaliseHeader(header);
    const where = `Column ${columnLetter(column)} ("${header.trim()}")`;
    const remedy =
      "Lantern never stores children's names or dates of birth: remove the column from the file and import it again.";
    if (BIRTH.test(text)) {
      found.push({
        column,
        header,
        kind: 'date-of-birth',
        message: `${where} looks like a date of birth. ${remedy}`,
      });
    } else if (NAME.test(text) && !NOT_THE_CHILD.test(text)) {
      found.push({ column, header, kind: 'name', message: `${where} looks like a child's name. ${remedy}` });
    }
  });
  return found;
}

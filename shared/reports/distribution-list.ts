/**
 * A report's distribution list as a QA lead types it: addresses one a line (or separated by
 * commas or semicolons, as pasted from an e-mail's To line). Every address that is not one is
 * named with its line, so the list can be corrected where it is wrong; nothing is saved until
 * none is left.
 */
import { MAX_RECIPIENTS, recipientSchema } from './report-schemas';

export type DistributionList = { ok: true; emails: string[] } | { ok: false; problem: string };

export function readDistributionList(text: string): DistributionList {
  const emails: string[] = [];
  const seen = new Set<string>();
  const wrong: string[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    for (const entry of line.split(/[\s,;]+/).filter(Boolean)) {
      if (!recipientSchema.safeParse(entry).success)
        wrong.push(`line ${String(index + 1)}: “${entry.slice(0, 80)}”`);
      else if (!seen.has(entry.toLowerCase())) {
        seen.add(entry.toLowerCase());
        emails.push(entry);
      }
    }
  });
  if (wrong.length > 0)
    return {
      ok: false,
      problem: `${wrong.length === 1 ? 'This is not an e-mail address' : 'These are not e-mail addresses'} (${wrong.slice(0, 5).join('; ')}${wrong.length > 5 ? `; and ${String(wrong.length - 5)} more` : ''}). Enter addresses such as name@council.gov.uk, one a line.`,
    };
  if (emails.length > MAX_RECIPIENTS)
    return {
      ok: false,
      problem: `Send to at most ${String(MAX_RECIPIENTS)} addresses: this list has ${String(emails.length)}.`,
    };
  return { ok: true, emails };
}

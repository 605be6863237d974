/**
 * A report's distribution list as a QA lead types it: addresses one a line (or separated by
 * commas or semicolons, as pasted from an e-mail's To line). Every address that is not one is
 * named with its line, so the list can be corrected where it is wrong; nothing is saved until
 * none is left.
 */
import { z } from 'zod';
import { MAX_RECIPIENTS } from './report-schemas';

const address = z.email().max(254);

export type DistributionList = { ok: true; emails: string[] } | { ok: false; problem: string };

export function readDistributionList(text: string): DistributionList {
  const emails: string[] = [];
  const wrong: string[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    for (const entry of line.split(/[\s,;]+/).filter(Boolean)) {
      if (address.safeParse(entry).success) emails.push(entry);
      else wrong.push(`line ${String(index + 1)}: “${entry.slice(0, 80)}”`);
    }
  });
  if (wrong.length > 0)
    return {
      ok: false,
      problem: `${wrong.length === 1 ? 'This is not an e-mail address' : 'These are not e-mail addresses'} (${wrong.slice(0, 5).join('; ')}${wrong.length > 5 ? `; and ${String(wrong.length - 5)} more` : ''}). Enter addresses such as name@council.gov.uk, one a line.`,
    };
  const seen = new Set<string>();
  const unique = emails.filter((e) => !seen.has(e.toLowerCase()) && seen.add(e.toLowerCase()));
  if (unique.length > MAX_RECIPIENTS)
    return {
      ok: false,
      problem: `Send to at most ${String(MAX_RECIPIENTS)} addresses: this list has ${String(unique.length)}.`,
    };
  return { ok: true, emails: unique };
}

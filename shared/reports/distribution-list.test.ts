import { describe, expect, it } from 'vitest';
import { readDistributionList } from './distribution-list';

describe('readDistributionList', () => {
  it('reads addresses one a line, or pasted with commas and semicolons, once each', () => {
    expect(
      readDistributionList(
        'a.manager@council.gov.uk\r\nb.head@council.gov.uk; c@council.gov.uk,\n\nA.Manager@council.gov.uk',
      ),
    ).toEqual({
      ok: true,
      emails: ['a.manager@council.gov.uk', 'b.head@council.gov.uk', 'c@council.gov.uk'],
    });
    expect(readDistributionList('  \n ')).toEqual({ ok: true, emails: [] });
  });

  it('names each entry that is not an address with its line', () => {
    const read = readDistributionList('a@council.gov.uk\nnot-an-email\nb@council.gov.uk, c@@x');
    expect(read).toEqual({
      ok: false,
      problem:
        'These are not e-mail addresses (line 2: “not-an-email”; line 3: “c@@x”). Enter addresses such as name@council.gov.uk, one a line.',
    });
    expect(readDistributionList('a@council.gov.uk\nBoard')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('This is not an e-mail address (line 2: “Board”).'),
    });
  });

  it('refuses more than a hundred addresses, saying how many there are', () => {
    const list = Array.from({ length: 101 }, (_, i) => `p${String(i)}@council.gov.uk`).join('\n');
    expect(readDistributionList(list)).toEqual({
      ok: false,
      problem: 'Send to at most 100 addresses: this list has 101.',
    });
  });
});

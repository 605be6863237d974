/** Which e-mail addresses count as verified: the standard claim, or Entra's xms_edov only in its absence. */
import { describe, expect, it } from 'vitest';
import { verifiedEmail } from './verified-email';

describe('verifiedEmail', () => {
  it.each([
    ['email_verified true', { email: 'A@Council.gov.uk', email_verified: true }, 'a@council.gov.uk', true],
    [
      'email_verified "true" (sent as text)',
      { email: 'a@council.gov.uk', email_verified: 'true' },
      'a@council.gov.uk',
      true,
    ],
    ['email_verified false', { email: 'a@council.gov.uk', email_verified: false }, 'a@council.gov.uk', false],
    ['no verification claim at all', { email: 'a@council.gov.uk' }, 'a@council.gov.uk', false],
    [
      "Entra's xms_edov true, no email_verified",
      { email: 'a@council.gov.uk', xms_edov: true },
      'a@council.gov.uk',
      true,
    ],
    ["Entra's xms_edov false", { email: 'a@council.gov.uk', xms_edov: false }, 'a@council.gov.uk', false],
    [
      'email_verified false wins over xms_edov true',
      { email: 'a@council.gov.uk', email_verified: false, xms_edov: true },
      'a@council.gov.uk',
      false,
    ],
    ['verified, but no address', { email_verified: true }, null, false],
    ['an address that is not text', { email: 42, email_verified: true }, null, false],
  ])('%s', (_name, claims, email, verified) => {
    expect(verifiedEmail(claims)).toEqual({ email, verified });
  });
});

import { describe, expect, it } from 'vitest';
import { actionStateAsOf, endOfLondonDay, type ActionEvent } from './action-state';

const events: ActionEvent[] = [
  { kind: 'rag', rag: 'red', text: 'Compliance 52%', byName: 'Farah', at: '2019-03-01T10:00:00.000Z' },
  { kind: 'note', rag: null, text: 'Policy refreshed', byName: 'Farah', at: '2019-04-01T10:00:00.000Z' },
  { kind: 'rag', rag: 'amber', text: 'Compliance 78%', byName: 'Farah', at: '2019-06-01T10:00:00.000Z' },
  { kind: 'sign-off', rag: null, text: 'Panel satisfied', byName: 'Panel', at: '2019-09-01T10:00:00.000Z' },
  {
    kind: 'sign-off-withdrawn',
    rag: null,
    text: 'Evidence incomplete',
    byName: 'Panel',
    at: '2019-09-02T10:00:00.000Z',
  },
];

describe('actionStateAsOf', () => {
  it('is the latest of each kind at or before the moment asked for', () => {
    expect(actionStateAsOf(events, '2019-05-31T23:00:00.000Z')).toEqual({
      rag: 'red',
      ragReason: 'Compliance 52%',
      ragAt: '2019-03-01T10:00:00.000Z',
      latestNote: { text: 'Policy refreshed', byName: 'Farah', at: '2019-04-01T10:00:00.000Z' },
      signedOff: false,
      signOffNote: '',
    });
    expect(actionStateAsOf(events, '2019-09-01T10:00:00.000Z')).toMatchObject({
      rag: 'amber',
      signedOff: true,
    });
  });

  it('takes every event without a moment, so a withdrawn sign-off is withdrawn', () => {
    expect(actionStateAsOf(events, null)).toMatchObject({
      signedOff: false,
      signOffNote: 'Evidence incomplete',
    });
  });

  it('knows nothing before the first event', () => {
    expect(actionStateAsOf(events, '2019-01-01T00:00:00.000Z').rag).toBeNull();
  });
});

describe('endOfLondonDay', () => {
  it.each([
    ['winter: GMT', '2019-01-31', '2019-01-31T23:59:59.999Z'],
    ['summer: midnight BST is 23:00 UTC', '2019-07-01', '2019-07-01T22:59:59.999Z'],
    ['the day the clocks go forward (31 March 2019)', '2019-03-31', '2019-03-31T22:59:59.999Z'],
    ['the day the clocks go back (27 October 2019)', '2019-10-27', '2019-10-27T23:59:59.999Z'],
    ['the Saturday before they go back', '2019-10-26', '2019-10-26T22:59:59.999Z'],
  ])('%s', (_name, date, instant) => expect(endOfLondonDay(date)).toBe(instant));
});

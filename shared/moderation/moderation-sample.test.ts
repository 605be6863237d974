import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { drawModerationSample, type SampleableAudit } from './moderation-sample';

const auditsArb = fc
  .array(fc.integer({ min: 0, max: 5 }), { maxLength: 80 })
  .map((auditors) =>
    auditors.map((a, i) => ({ id: `audit-${String(i).padStart(3, '0')}`, auditorId: `auditor-${a}` })),
  );
const shareArb = fc.double({ min: 0.01, max: 1, noNaN: true });

describe('drawModerationSample', () => {
  it('draws ceil(share × audits), but at least one audit of every auditor', () => {
    fc.assert(
      fc.property(auditsArb, shareArb, fc.nat(), (audits, share, seed) => {
        const draw = drawModerationSample(audits, { share, seed }, ['mod-1', 'mod-2'], new Map());
        const auditors = new Set(audits.map((a) => a.auditorId));
        const drawnAuditors = new Set(draw.drawn.map((d) => d.auditorId));
        expect(drawnAuditors).toEqual(auditors);
        expect(draw.drawn.length).toBe(Math.max(draw.target, auditors.size));
        expect(new Set(draw.drawn.map((d) => d.auditId)).size).toBe(draw.drawn.length);
      }),
    );
  });

  it('is the same for the same seed, whatever order the audits come in', () => {
    fc.assert(
      fc.property(auditsArb, shareArb, fc.nat(), (audits, share, seed) => {
        const a = drawModerationSample(audits, { share, seed }, ['m1', 'm2', 'm3'], new Map());
        const b = drawModerationSample([...audits].reverse(), { share, seed }, ['m3', 'm1', 'm2'], new Map());
        expect(b.drawn).toEqual(a.drawn);
      }),
    );
  });

  it('never gives a moderator their own audit, and balances the moderators', () => {
    fc.assert(
      fc.property(auditsArb, fc.nat(), (audits, seed) => {
        const moderators = ['auditor-0', 'mod-1', 'mod-2'];
        const draw = drawModerationSample(audits, { share: 0.5, seed }, moderators, new Map());
        for (const d of draw.drawn) expect(d.moderatorId).not.toBe(d.auditorId);
        const counts = ['mod-1', 'mod-2'].map((m) => draw.drawn.filter((d) => d.moderatorId === m).length);
        expect(Math.abs((counts[0] ?? 0) - (counts[1] ?? 0))).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('tops up: audits already sampled count towards the share and the one-per-auditor rule', () => {
    const audits: SampleableAudit[] = Array.from({ length: 20 }, (_, i) => ({
      id: `a${String(i).padStart(2, '0')}`,
      auditorId: i < 10 ? 'x' : 'y',
    }));
    const first = drawModerationSample(audits, { share: 0.2, seed: 5 }, ['m'], new Map());
    expect(first.drawn).toHaveLength(4);
    const already = new Map(first.drawn.map((d) => [d.auditId, d.moderatorId ?? 'm']));
    const again = drawModerationSample(audits, { share: 0.2, seed: 5 }, ['m'], already);
    expect(again.drawn).toEqual([]);
    const more = drawModerationSample(audits, { share: 0.3, seed: 5 }, ['m'], already);
    expect(more.drawn).toHaveLength(2);
    expect(more.drawn.some((d) => already.has(d.auditId))).toBe(false);
  });

  it('leaves an audit without a moderator when the only moderator is its auditor', () => {
    const draw = drawModerationSample(
      [{ id: 'a1', auditorId: 'm' }],
      { share: 1, seed: 1 },
      ['m'],
      new Map(),
    );
    expect(draw.drawn).toEqual([{ auditId: 'a1', auditorId: 'm', moderatorId: null }]);
  });
});

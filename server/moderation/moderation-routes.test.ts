/**
 * Moderation over HTTP, on each engine: the sample is reproducible, takes at least one audit
 * per auditor and never gives a moderator their own; a moderator reaches only their own
 * queue; every view is logged; a re-grade needs a reason, keeps the auditor's answers, and
 * makes the moderated grade the one that counts (overall_grade, agreement, the trend); a
 * stale decision is refused; a returned audit goes back to the device as a draft with the
 * note, and comes back ready to moderate again.
 */
import { londonToday } from '../../shared/metrics/london-date';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import type { Client } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import {
  allocateInBulk,
  allocationsIn,
  AMARA,
  BEN,
  createRound,
  MODERATOR,
  personId,
  pullUntil,
  push,
  QA_LEAD,
  sampleRound,
  submittableAnswers,
} from '../../tests/fixtures/case-lists/qa-steps';
import {
  moderationDetailSchema,
  moderationListSchema,
  moderationSampleResultSchema,
} from '../../shared/moderation/moderation-schemas';
import { agreementResponseSchema } from '../../shared/moderation/agreement-schemas';
import type { Round } from '../../shared/rounds/round-schemas';
import { countsAndRebuild } from '../../tests/support/counts-and-rebuild';

describe.each(ENGINES)('moderation on $engine', (engine) => {
  const t = useTestApp(engine);
  let qa: Client;
  let moderator: Client;
  let round: Round;
  let moderatorIds: string[];
  let submitted = 0;
  beforeAll(async () => {
    qa = await t.as(QA_LEAD);
    moderator = await t.as(MODERATOR);
    moderatorIds = [await personId(t, MODERATOR), await personId(t, QA_LEAD)];
    round = await createRound(qa, { moderationShare: 0.25 });
    await sampleRound(qa, round.id, 12, 23);
    await allocateInBulk(qa, round.id, [await personId(t, AMARA), await personId(t, BEN)]);
    for (const [email, grade] of [
      [AMARA, 1],
      [BEN, 2],
    ] as const) {
      const auditor = await t.as(email);
      for (const allocation of await allocationsIn(t, round.id, email)) {
        const result = await push(auditor, allocation, 0, 'submitted', submittableAnswers(grade));
        if (result.status !== 'applied') throw new Error(`push: ${JSON.stringify(result)}`);
        submitted++;
      }
    }
  });

  const draw = async (preview: boolean, seed = 99) =>
    moderationSampleResultSchema.parse(
      await (
        await qa.request(`/api/moderation/rounds/${round.id}/sample`, {
          method: 'POST',
          json: { seed, moderatorIds, preview },
        })
      ).json(),
    );

  it('draws a reproducible sample: the share, at least one per auditor, never a moderator their own', async () => {
    const preview = await draw(true);
    expect(await draw(true)).toEqual(preview);
    expect(preview.submitted).toBe(submitted);
    expect(preview.drawn).toHaveLength(Math.max(2, Math.ceil(0.25 * submitted)));
    expect(new Set(preview.drawn.map((d) => d.auditorName))).toEqual(
      new Set(['Amara Osei (demo)', 'Ben Hartley (demo)']),
    );
    const used = await draw(false);
    expect(used.drawn).toEqual(preview.drawn);
    expect((await draw(false)).drawn).toEqual([]);
  });

  it("shows a moderator their own queue only, and refuses them another moderator's audit", async () => {
    const mine = moderationListSchema.parse(
      await (await moderator.request(`/api/moderation?roundId=${round.id}`)).json(),
    ).moderations;
    expect(mine.every((m) => m.moderatorName === 'Dev Raman (demo)')).toBe(true);
    const all = moderationListSchema.parse(
      await (await qa.request(`/api/moderation?roundId=${round.id}`)).json(),
    ).moderations;
    expect(all).toHaveLength(Math.max(2, Math.ceil(0.25 * submitted)));
    const other = all.find((m) => m.moderatorName !== 'Dev Raman (demo)');
    if (other) expect((await moderator.request(`/api/moderation/${other.id}`)).status).toBe(403);
  });

  /** The auditor's own grades, from the table: a blind moderator is not sent them. */
  const auditorGrades = async (auditId: string): Promise<Record<string, number>> => {
    const [row] = await t.db.query<{ answers: Record<string, { kind: string; value: number }> }>(
      'SELECT answers FROM audits WHERE id = $1',
      [auditId],
    );
    return Object.fromEntries(
      Object.entries(row?.answers ?? {})
        .filter(([, answer]) => answer.kind === 'grade')
        .map(([key, answer]) => [key, answer.value]),
    );
  };
  const saveBlind = (
    client: Client,
    moderationId: string,
    grades: Record<string, number>,
    auditRev: number,
  ) =>
    client.request(`/api/moderation/${moderationId}/blind`, { method: 'POST', json: { grades, auditRev } });

  /** One of Amara's audits in the sample, and what its moderator sees. */
  const amarasModeration = async () => {
    const [moderation] = moderationListSchema
      .parse(await (await qa.request(`/api/moderation?roundId=${round.id}`)).json())
      .moderations.filter((m) => m.auditorName === 'Amara Osei (demo)');
    if (!moderation) throw new Error('expected one of Amara’s audits in the sample');
    const detail = moderationDetailSchema.parse(
      await (await qa.request(`/api/moderation/${moderation.id}`)).json(),
    );
    return { moderation, detail };
  };

  it('re-grades an audit down with a reason: the moderated grade counts, the auditor’s is kept, agreement and trend follow', async () => {
    // A QA lead may moderate any audit of the sample; every auditor has at least one in it.
    const { moderation, detail } = await amarasModeration();
    const viewed = await t.db.query(
      "SELECT detail FROM audit_log WHERE action = 'audit.viewed' AND entity_id = $1",
      [moderation.auditId],
    );
    expect(viewed).toHaveLength(1);

    const grades = await auditorGrades(moderation.auditId);
    grades['overall.grade'] = 3;
    // Blind first: the moderator's own grades, the overall one Inadequate.
    expect((await saveBlind(qa, moderation.id, grades, detail.audit.rev)).status).toBe(200);
    const before = await (await qa.request('/api/moderation/agreement')).json();
    const withoutReason = await qa.request(`/api/moderation/${moderation.id}/decision`, {
      method: 'POST',
      json: { grades, reasons: {}, auditRev: detail.audit.rev },
    });
    expect(withoutReason.status).toBe(400);
    expect(
      ((await withoutReason.json()) as { fields: { path: string }[] }).fields.map((f) => f.path),
    ).toEqual(['overall.grade']);

    const decided = await qa.request(`/api/moderation/${moderation.id}/decision`, {
      method: 'POST',
      json: {
        grades,
        reasons: { 'overall.grade': 'No contingency plan; risks unaddressed.' },
        auditRev: detail.audit.rev,
      },
    });
    expect(decided.status).toBe(200);
    const [audit] = await t.db.query<{
      overall_grade: number;
      answers: { 'overall.grade': { value: number } };
    }>('SELECT overall_grade, answers FROM audits WHERE id = $1', [moderation.auditId]);
    expect(audit?.overall_grade).toBe(3);
    expect(audit?.answers['overall.grade'].value).toBe(1);
    const [row] = await t.db.query(
      'SELECT status, auditor_overall, moderated_overall, reasons FROM moderations WHERE id = $1',
      [moderation.id],
    );
    expect(row).toEqual({
      status: 'regraded',
      auditor_overall: 1,
      moderated_overall: 3,
      reasons: { 'overall.grade': 'No contingency plan; risks unaddressed.' },
    });

    const agreement = agreementResponseSchema.parse(
      await (await qa.request(`/api/moderation/agreement?roundId=${round.id}`)).json(),
    );
    expect(agreement.overall).toMatchObject({
      pairs: 1,
      exact: { k: 0, n: 1 },
      movedDown: { k: 1, n: 1 },
      movedUp: { k: 0, n: 1 },
    });
    // One pair, Good → Inadequate: observed and expected weighted disagreement are both 4, κ = 0.
    expect(agreement.overall.kappa).toBe(0);
    // The audits were completed as they were pushed (tests/fixtures/case-lists/qa-steps.ts).
    const month = londonToday(Date.now()).slice(0, 7);
    const inMonth = agreement.trend.find((p) => p.periodId === month);
    const beforeInMonth = agreementResponseSchema.parse(before).trend.find((p) => p.periodId === month);
    expect(inMonth?.counted.k).toBe((beforeInMonth?.counted.k ?? 0) - 1);
    expect(inMonth?.auditors.k).toBe(beforeInMonth?.auditors.k);
  });

  it('re-grades a section: the moderated section grade counts in every figure, the auditor’s answer is kept', async () => {
    const { moderation, detail } = await amarasModeration();
    // The moderator reconsiders the audit re-graded above: the overall grade stays Inadequate,
    // and now one section moves too.
    const grades = await auditorGrades(moderation.auditId);
    grades['overall.grade'] = 3;
    const section = Object.keys(grades).find((key) => key !== 'overall.grade');
    if (!section) throw new Error('the audit has no section grade');
    const given = grades[section] ?? 0;
    const moved = given === 3 ? 2 : 3;
    grades[section] = moved;
    // Counts of this section's grades in the audit's month and team, as the dashboards read them.
    const counts = async (): Promise<Record<string, number>> => {
      const rows = await t.db.query<{ value: string; audits: number }>(
        `SELECT m.value, m.audits FROM metric_counts m JOIN audits a ON a.id = $1
         WHERE m.item_key = $2 AND m.team_id = a.team_id AND m.case_type = a.case_type AND m.kind = a.kind
           AND m.month = date_trunc('month', a.completed_at AT TIME ZONE 'Europe/London')::date`,
        [moderation.auditId, section],
      );
      return Object.fromEntries(rows.map((r) => [r.value, r.audits]));
    };
    const before = await counts();
    if (detail.moderation.blindState === 'blind')
      expect((await saveBlind(qa, moderation.id, grades, detail.audit.rev)).status).toBe(200);
    const decided = await qa.request(`/api/moderation/${moderation.id}/decision`, {
      method: 'POST',
      json: {
        grades,
        reasons: {
          'overall.grade': 'No contingency plan; risks unaddressed.',
          [section]: 'The plan is not what the case needs.',
        },
        auditRev: detail.audit.rev,
      },
    });
    expect(decided.status).toBe(200);
    const after = await counts();
    expect(after[String(moved)] ?? 0).toBe((before[String(moved)] ?? 0) + 1);
    expect(after[String(given)] ?? 0).toBe((before[String(given)] ?? 0) - 1);
    const [audit] = await t.db.query<{
      answers: Record<string, { value: number }>;
      moderated_grades: unknown;
    }>('SELECT answers, moderated_grades FROM audits WHERE id = $1', [moderation.auditId]);
    expect(audit?.answers[section]?.value).toBe(given);
    expect(audit?.moderated_grades).toMatchObject({ [section]: { kind: 'grade', value: moved } });
    // The maintained counts still equal a rebuild from the audits table.
    const { kept, rebuilt } = await countsAndRebuild(t.db);
    expect(kept).toEqual(rebuilt);
  });

  it('refuses a decision on an out-of-date copy, and a moderator moderating their own audit', async () => {
    const [moderation] = moderationListSchema.parse(
      await (await moderator.request(`/api/moderation?roundId=${round.id}`)).json(),
    ).moderations;
    if (!moderation) return;
    const stale = await moderator.request(`/api/moderation/${moderation.id}/decision`, {
      method: 'POST',
      json: { grades: {}, reasons: {}, auditRev: 99 },
    });
    expect(stale.status).toBe(409);
    // The demo's past practice week has audits by Dev (a moderator who also audits) in its sample.
    const [own] = await t.db.query<{ id: string }>(
      'SELECT m.id FROM moderations m JOIN audits a ON a.id = m.audit_id WHERE a.auditor_id = $1 LIMIT 1',
      [moderatorIds[0]],
    );
    expect((await moderator.request(`/api/moderation/${own!.id}`)).status).toBe(403);
  });

  it('returns an audit to its auditor with a note: a draft on the device, then ready to moderate again', async () => {
    const [moderation] = moderationListSchema
      .parse(await (await qa.request(`/api/moderation?roundId=${round.id}`)).json())
      .moderations.filter((m) => m.status === 'pending' && m.auditorName === 'Ben Hartley (demo)');
    if (!moderation) throw new Error('expected a pending moderation of one of Ben’s audits');
    const detail = moderationDetailSchema.parse(
      await (await qa.request(`/api/moderation/${moderation.id}`)).json(),
    );
    const returned = await qa.request(`/api/moderation/${moderation.id}/return`, {
      method: 'POST',
      json: { note: 'Please add the evidence for the plan grade.', auditRev: detail.audit.rev },
    });
    expect(returned.status).toBe(200);

    const ben = await t.as(BEN);
    const pulled = await pullUntil(ben, (p) =>
      p.audits.some((a) => a.id === moderation.auditId && a.status === 'draft'),
    );
    const doc = pulled.audits.find((a) => a.id === moderation.auditId);
    expect(doc).toMatchObject({
      status: 'draft',
      rev: detail.audit.rev + 1,
      returnedNote: 'Please add the evidence for the plan grade.',
    });
    expect(pulled.allocations.find((a) => a.id === moderation.auditId)?.active).toBe(true);
    const revisions = await t.db.query(
      'SELECT rev, status FROM audit_revisions WHERE audit_id = $1 ORDER BY rev',
      [moderation.auditId],
    );
    expect(revisions.at(-1)).toEqual({ rev: detail.audit.rev + 1, status: 'draft' });

    const allocation = {
      id: moderation.auditId,
      caseId: (
        await t.db.query<{ case_id: string }>('SELECT case_id FROM audits WHERE id = $1', [
          moderation.auditId,
        ])
      )[0]!.case_id,
    };
    expect(
      (await push(ben, allocation, detail.audit.rev + 1, 'submitted', submittableAnswers(2, 5))).status,
    ).toBe('applied');
    const again = moderationListSchema
      .parse(await (await qa.request(`/api/moderation?roundId=${round.id}`)).json())
      .moderations.find((m) => m.id === moderation.id);
    expect(again).toMatchObject({ status: 'returned', resubmitted: true });
  });

  it("keeps moderation blind: no auditor's grade by any route until the moderator's own are saved; agreement on blind grades", async () => {
    // Every remaining submitted audit of the round goes to Dev, so there are fresh ones to grade.
    const more = await qa.request(`/api/moderation/rounds/${round.id}/sample`, {
      method: 'POST',
      json: { share: 1, seed: 5, moderatorIds: [moderatorIds[0]], preview: false },
    });
    expect(more.status).toBe(200);
    const queue = moderationListSchema
      .parse(await (await moderator.request(`/api/moderation?roundId=${round.id}`)).json())
      .moderations.filter((m) => m.status === 'pending');
    const [fresh, legacy] = queue;
    if (!fresh || !legacy) throw new Error('expected two pending moderations for Dev');
    // The queue and the moderation itself carry no grade of the auditor's.
    expect(queue.every((m) => m.blindState === 'blind' && m.auditorOverall === null)).toBe(true);
    const blindDetail = moderationDetailSchema.parse(
      await (await moderator.request(`/api/moderation/${fresh.id}`)).json(),
    );
    expect(Object.values(blindDetail.audit.answers).some((a) => a.kind === 'grade')).toBe(false);
    expect(blindDetail.moderation.auditorOverall).toBeNull();
    expect(blindDetail.itemsToGrade.map((i) => i.key)).toContain('overall.grade');
    const sent = Object.keys(blindDetail.audit.answers);
    expect(blindDetail.itemsToGrade.filter((i) => sent.includes(i.key))).toEqual([]);

    // A QA lead holding a blind moderation cannot read the audit's history (its grades) either;
    // once no blind moderation of theirs is open on it, they can.
    const third = queue[2];
    if (!third) throw new Error('expected a third pending moderation');
    await t.db.query('UPDATE moderations SET moderator_id = $2 WHERE id = $1', [third.id, moderatorIds[1]]);
    expect((await qa.request(`/api/audits/${third.auditId}/history`)).status).toBe(403);
    expect((await qa.request(`/api/audits/${fresh.auditId}/history`)).status).toBe(200);
    // Nor the whole audit, nor what the auditor wrote under strengths and areas for development.
    expect((await qa.request(`/api/audits/${third.auditId}/record`)).status).toBe(403);
    expect((await qa.request(`/api/findings/audits/${third.auditId}`)).status).toBe(403);
    expect((await qa.request(`/api/audits/${fresh.auditId}/record`)).status).toBe(200);

    // No decision before the blind grades; the blind grades need every item, and no reasons.
    const given = await auditorGrades(fresh.auditId);
    const early = await moderator.request(`/api/moderation/${fresh.id}/decision`, {
      method: 'POST',
      json: { grades: given, reasons: {}, auditRev: blindDetail.audit.rev },
    });
    expect(early.status).toBe(409);
    const partial = await saveBlind(moderator, fresh.id, { 'overall.grade': 1 }, blindDetail.audit.rev);
    expect(partial.status).toBe(400);
    const partialFields = ((await partial.json()) as { fields: { path: string }[] }).fields.map(
      (f) => f.path,
    );
    expect(partialFields.length).toBe(Object.keys(given).length - 1);
    // Dev's blind grades agree with the auditor's exactly.
    expect((await saveBlind(moderator, fresh.id, given, blindDetail.audit.rev)).status).toBe(200);
    expect((await saveBlind(moderator, fresh.id, given, blindDetail.audit.rev)).status).toBe(409);
    const revealed = moderationDetailSchema.parse(
      await (await moderator.request(`/api/moderation/${fresh.id}`)).json(),
    );
    expect(revealed.moderation.blindState).toBe('revealed');
    expect(revealed.moderation.auditorOverall).toBe(given['overall.grade']);
    expect(revealed.audit.answers['overall.grade']).toEqual({ kind: 'grade', value: given['overall.grade'] });
    expect(revealed.moderation.blindAnswers['overall.grade']).toEqual({
      kind: 'grade',
      value: given['overall.grade'],
    });

    // Seeing the auditor's grades, Dev then moves the overall grade: the final grade counts,
    // the blind one is kept, and agreement is measured on the blind one (an exact agreement).
    const before = agreementResponseSchema.parse(
      await (await qa.request(`/api/moderation/agreement?roundId=${round.id}`)).json(),
    );
    const final = { ...given, 'overall.grade': 3 };
    const decided = await moderator.request(`/api/moderation/${fresh.id}/decision`, {
      method: 'POST',
      json: {
        grades: final,
        reasons: { 'overall.grade': 'Risks not addressed.' },
        auditRev: revealed.audit.rev,
      },
    });
    expect(decided.status).toBe(200);
    const [row] = await t.db.query<{
      blind_overall: number;
      moderated_overall: number;
      overall_grade: number;
    }>(
      `SELECT m.blind_overall, m.moderated_overall, a.overall_grade FROM moderations m JOIN audits a ON a.id = m.audit_id
       WHERE m.id = $1`,
      [fresh.id],
    );
    expect(row).toEqual({ blind_overall: given['overall.grade'], moderated_overall: 3, overall_grade: 3 });
    const after = agreementResponseSchema.parse(
      await (await qa.request(`/api/moderation/agreement?roundId=${round.id}`)).json(),
    );
    expect(after.overall.pairs).toBe(before.overall.pairs + 1);
    expect(after.overall.exact.k).toBe(before.overall.exact.k + 1);
    expect(after.overall.movedDown.k).toBe(before.overall.movedDown.k);

    // A moderation recorded before blind moderation (no blind grades): final, shown with the
    // auditor's grades, and counted apart from the agreement figures as not blind.
    await t.db.query(
      `UPDATE moderations SET status = 'agreed', auditor_overall = 1, moderated_overall = 1, moderated_at = now()
       WHERE id = $1`,
      [legacy.id],
    );
    const withLegacy = agreementResponseSchema.parse(
      await (await qa.request(`/api/moderation/agreement?roundId=${round.id}`)).json(),
    );
    expect(withLegacy.overall.pairs).toBe(after.overall.pairs);
    expect(withLegacy.notBlind).toBe(after.notBlind + 1);
    const legacyDetail = moderationDetailSchema.parse(
      await (await moderator.request(`/api/moderation/${legacy.id}`)).json(),
    );
    expect(legacyDetail.moderation.blindState).toBe('not_blind');
    expect(legacyDetail.moderation.auditorOverall).toBe(1);
  });
});

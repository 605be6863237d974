/**
 * A round's self-audits against its independent audits: every case of the round with both a
 * submitted self-audit and a submitted independent audit on the same tool, their overall grades
 * (the grade that counts: a moderator's stands in for the auditor's) and section grades, handed
 * to the shared selfAuditAgreement.
 */
import type { Queryable } from '../db/database';
import { answersSchema } from '../../shared/framework/answer-schema';
import { isGradeIndex, type GradeIndex } from '../../shared/metrics/grade-scale';
import { selfAuditAgreement, type AuditGrades } from '../../shared/metrics/self-audit-agreement';
import type { SelfAuditAgreementResponse } from '../../shared/rounds/self-audit-agreement-schemas';
import { loadFramework } from '../frameworks/framework-cache';

interface PairRow {
  reference: string;
  framework_key: string;
  framework_version: number;
  tool_title: string;
  self_name: string;
  independent_name: string;
  self_overall: number | null;
  self_answers: unknown;
  self_moderated: unknown;
  independent_overall: number | null;
  independent_answers: unknown;
  independent_moderated: unknown;
}

function gradesOf(
  overall: number | null,
  answers: unknown,
  moderated: unknown,
  keys: readonly string[],
): AuditGrades {
  const own = answersSchema.safeParse(answers);
  const decided = answersSchema.safeParse(moderated ?? {});
  const sections: Record<string, GradeIndex> = {};
  for (const key of keys) {
    const answer =
      (decided.success ? decided.data[key] : undefined) ?? (own.success ? own.data[key] : undefined);
    if (answer?.kind === 'grade' && isGradeIndex(answer.value)) sections[key] = answer.value;
  }
  return { overall: isGradeIndex(overall) ? overall : null, sections };
}

export async function roundSelfAuditAgreement(
  db: Queryable,
  roundId: string,
): Promise<SelfAuditAgreementResponse> {
  const [allocated] = await db.query<{ n: number }>(
    "SELECT count(*) AS n FROM allocations WHERE round_id = $1 AND stage = 'self' AND audit_id IS NULL AND (active OR finished)",
    [roundId],
  );
  const rows = await db.query<PairRow>(
    `SELECT c.reference, i.framework_key, i.framework_version, coalesce(tool.name, f.title) AS tool_title,
            sp.display_name AS self_name, ip.display_name AS independent_name,
            s.overall_grade AS self_overall, s.answers AS self_answers, s.moderated_grades AS self_moderated,
            i.overall_grade AS independent_overall, i.answers AS independent_answers,
            i.moderated_grades AS independent_moderated
     FROM allocations sx JOIN audits s ON s.id = sx.id
       JOIN allocations ix ON ix.round_id = sx.round_id AND ix.case_id = sx.case_id AND ix.stage = 'independent'
         AND ix.audit_id IS NULL
         AND (ix.active OR ix.finished)
       JOIN audits i ON i.id = ix.id AND i.framework_key = s.framework_key
       JOIN cases c ON c.id = sx.case_id
       JOIN frameworks f ON f.key = i.framework_key AND f.version = i.framework_version
       LEFT JOIN audit_tools tool ON tool.key = i.framework_key
       JOIN people sp ON sp.id = s.auditor_id JOIN people ip ON ip.id = i.auditor_id
     WHERE sx.round_id = $1 AND sx.stage = 'self' AND sx.audit_id IS NULL AND (sx.active OR sx.finished)
       AND s.status = 'submitted' AND NOT s.deleted AND i.status = 'submitted' AND NOT i.deleted
     ORDER BY c.reference`,
    [roundId],
  );
  // The section grades to compare, in form order, with their section titles, over every tool version used.
  const titles = new Map<string, string>();
  for (const ref of new Map(rows.map((r) => [`${r.framework_key}@${r.framework_version}`, r])).values()) {
    const framework = await loadFramework(db, ref.framework_key, ref.framework_version);
    for (const section of framework?.sections ?? []) {
      const last = section.items.at(-1);
      if (section.kind === 'practice' && last?.kind === 'grade' && !titles.has(last.key))
        titles.set(last.key, section.title);
    }
  }
  const keys = [...titles.keys()];
  const pairs = rows.map((r) => ({
    self: gradesOf(r.self_overall, r.self_answers, r.self_moderated, keys),
    independent: gradesOf(r.independent_overall, r.independent_answers, r.independent_moderated, keys),
  }));
  const result = selfAuditAgreement(pairs, keys);
  return {
    compared: rows.length,
    selfAllocated: Number(allocated?.n ?? 0),
    overall: result.overall,
    overallWords: result.overallWords,
    sections: result.sections.map((s) => ({ ...s, title: titles.get(s.key) ?? s.key })),
    cases: rows.map((r) => ({
      reference: r.reference,
      toolTitle: r.tool_title,
      selfAuditorName: r.self_name,
      independentAuditorName: r.independent_name,
      selfOverall: r.self_overall,
      independentOverall: r.independent_overall,
    })),
  };
}

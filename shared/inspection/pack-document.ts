/**
 * The deep-dive pack in blocks (headings, paragraphs, label/value fields and tables): the one
 * shape both the printable page and the Word document are drawn from, so they cannot hold
 * different sections. Per case, every submitted audit of the case, whole: each section of its
 * framework with every item's answer in words and the moderator's grade and reason beside it;
 * then the moderation, the safeguarding alert, the practitioner's responses, the post-audit
 * actions with their status, the accepted revisions and the audit log of views and changes.
 * Pure: the words for an answer come in as `answerWords` (the app's one wording).
 */
import type { Answer } from '../framework/answer-schema';
import type { AuditRecord } from '../audits/audit-record-schemas';
import { RESPONSE_KIND_LABELS } from '../audits/audit-record-schemas';
import { GRADES, type GradeIndex } from '../metrics/grade-scale';
import { londonDate, londonOffsetMinutes, parseZonedTimestamp } from '../metrics/london-date';
import { longDate } from './inspection-window';
import type { PackBlock, PackDocument } from './inspection-schemas';

export interface PackLogEntry {
  at: string;
  who: string;
  what: string;
}

export interface PackAudit {
  record: AuditRecord;
  toolName: string;
  kindLabel: string;
  log: PackLogEntry[];
}

export interface PackCaseInput {
  caseId: string;
  reference: string;
  teamName: string;
  caseTypeLabel: string;
  workerNow: string;
  audits: PackAudit[];
}

export interface PackInput {
  madeAt: string;
  madeBy: string;
  cases: PackCaseInput[];
}

const ACTION_STATES = { open: 'Open', done: 'Done', not_needed: 'Not needed' } as const;
const MODERATION_STATES: Record<string, string> = {
  pending: 'Sampled, not yet moderated',
  agreed: 'Agreed with the auditor',
  regraded: 'Re-graded',
  returned: 'Returned to the auditor',
};

/** '2026-07-31T22:30:00Z' → '31 July 2026, 23:30' (London time). */
export function londonDateTime(timestamp: string): string {
  const ms = parseZonedTimestamp(timestamp);
  const local = new Date(ms + londonOffsetMinutes(ms) * 60_000);
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${longDate(londonDate(timestamp))}, ${hh}:${mm}`;
}

const gradeWords = (grade: GradeIndex | null | undefined): string =>
  grade === null || grade === undefined ? '—' : GRADES[grade].label;

/** The pack in blocks, one entry per case in the order chosen. */
export function packDocument(
  input: PackInput,
  answerWords: (answer: Answer | undefined) => string,
): PackDocument {
  return {
    title: 'Inspection deep-dive pack',
    madeAt: input.madeAt,
    madeAtWords: londonDateTime(input.madeAt),
    madeBy: input.madeBy,
    cases: input.cases.map((c) => ({
      caseId: c.caseId,
      reference: c.reference,
      teamName: c.teamName,
      auditCount: c.audits.length,
      blocks: [
        {
          kind: 'fields',
          rows: [
            { label: 'Case reference', value: c.reference },
            { label: 'Team now', value: c.teamName },
            { label: 'Case type', value: c.caseTypeLabel },
            { label: 'Allocated worker now', value: c.workerNow || '—' },
            { label: 'Submitted audits', value: String(c.audits.length) },
          ],
        },
        ...c.audits.flatMap((audit) => auditBlocks(audit, answerWords)),
      ],
    })),
  };
}

function auditBlocks(audit: PackAudit, answerWords: (answer: Answer | undefined) => string): PackBlock[] {
  const { record } = audit;
  const { audit: a, framework, moderation } = record;
  const moderated = moderation && (moderation.status === 'agreed' || moderation.status === 'regraded');
  const auditorOverall = a.answers[framework.overallGradeKey];
  const blocks: PackBlock[] = [
    {
      kind: 'heading',
      level: 2,
      text: `Audit completed ${a.completedAt ? londonDateTime(a.completedAt) : '—'}: ${audit.toolName}`,
    },
    {
      kind: 'fields',
      rows: [
        { label: 'Audit kind', value: audit.kindLabel },
        { label: 'Team when audited', value: a.teamName },
        { label: 'Auditor', value: a.auditorName },
        { label: "Auditor's overall grade", value: answerWords(auditorOverall) },
        {
          label: "Moderator's overall grade",
          value: moderated
            ? answerWords(moderation.moderatedAnswers[framework.overallGradeKey])
            : 'Not moderated',
        },
        { label: 'The grade that counts', value: gradeWords(a.overallGrade) },
        { label: 'Practitioner', value: record.practitioner?.name ?? '—' },
      ],
    },
  ];
  for (const section of framework.sections) {
    blocks.push({ kind: 'heading', level: 3, text: section.title });
    blocks.push({
      kind: 'table',
      header: ['Item', "Auditor's answer", 'Moderation'],
      rows: section.items.map((item) => {
        const mine = a.answers[item.key];
        const theirs = moderated ? moderation.moderatedAnswers[item.key] : undefined;
        const reason = moderated ? moderation.reasons[item.key] : undefined;
        const moderation_ =
          theirs === undefined ? '' : `${answerWords(theirs)}${reason ? ` — ${reason}` : ''}`;
        return [item.label, answerWords(mine), moderation_];
      }),
    });
  }

  blocks.push({ kind: 'heading', level: 3, text: 'Moderation' });
  if (!moderation) blocks.push({ kind: 'paragraph', text: 'This audit was not sampled for moderation.' });
  else
    blocks.push({
      kind: 'fields',
      rows: [
        { label: 'Moderator', value: moderation.moderatorName },
        { label: 'Outcome', value: MODERATION_STATES[moderation.status] ?? moderation.status },
        { label: 'Moderated', value: moderation.moderatedAt ? londonDateTime(moderation.moderatedAt) : '—' },
        ...(moderation.returnNote ? [{ label: 'Note on return', value: moderation.returnNote }] : []),
      ],
    });

  if (record.alert) {
    blocks.push({ kind: 'heading', level: 3, text: 'Safeguarding alert' });
    blocks.push({
      kind: 'fields',
      rows: [
        { label: 'Raised', value: londonDateTime(record.alert.raisedAt) },
        {
          label: 'Escalated',
          value: record.alert.escalatedAt ? londonDateTime(record.alert.escalatedAt) : '—',
        },
        ...record.alert.acknowledgements.map((ack) => ({
          label: `Acknowledged by ${ack.name}`,
          value: `${londonDateTime(ack.at)}${ack.note ? ` — ${ack.note}` : ''}`,
        })),
      ],
    });
  }

  blocks.push({ kind: 'heading', level: 3, text: "Practitioner's response" });
  if (record.responses.length === 0) blocks.push({ kind: 'paragraph', text: 'No response yet.' });
  else
    blocks.push({
      kind: 'table',
      header: ['When', 'By', 'Kind', 'Response'],
      rows: record.responses.map((r) => [
        londonDateTime(r.createdAt),
        r.authorName,
        RESPONSE_KIND_LABELS[r.kind],
        r.text,
      ]),
    });

  blocks.push({ kind: 'heading', level: 3, text: 'Post-audit actions' });
  if (record.caseActions.length === 0)
    blocks.push({ kind: 'paragraph', text: 'This audit set no actions for the case.' });
  else
    blocks.push({
      kind: 'table',
      header: ['What', 'Who', 'Due', 'Status'],
      rows: record.caseActions.map((x) => [
        x.what,
        x.ownerName ?? x.who,
        longDate(x.dueOn),
        x.state === 'done'
          ? `Done${x.completedOn ? ` on ${longDate(x.completedOn)}` : ''}${x.evidence ? ` — ${x.evidence}` : ''}`
          : x.state === 'not_needed'
            ? `Not needed — ${x.notNeededReason}`
            : ACTION_STATES[x.state],
      ]),
    });

  blocks.push({ kind: 'heading', level: 3, text: 'History' });
  blocks.push({
    kind: 'table',
    header: ['Version', 'When', 'By', 'Answers changed'],
    rows: record.history.map((rev) => [
      `${rev.rev} (${rev.status})`,
      londonDateTime(rev.at),
      rev.by,
      String(rev.changes.length),
    ]),
  });
  blocks.push({ kind: 'heading', level: 4, text: 'Views and changes (audit log)' });
  if (audit.log.length === 0) blocks.push({ kind: 'paragraph', text: 'Nothing in the audit log.' });
  else
    blocks.push({
      kind: 'table',
      header: ['When', 'Who', 'What'],
      rows: audit.log.map((entry) => [londonDateTime(entry.at), entry.who, entry.what]),
    });
  return blocks;
}

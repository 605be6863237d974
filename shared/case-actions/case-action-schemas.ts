/**
 * A case action as the API carries it: one action an audit set for the case (what, who, by
 * when), followed by its owner to completion (server/case-actions/).
 */
import { z } from 'zod';
import { calendarDateSchema } from '../validation/bounded-date';

export const CASE_ACTION_STATES = ['open', 'done', 'not_needed'] as const;
export const caseActionStateSchema = z.enum(CASE_ACTION_STATES);
/** 'open' | 'done' | 'not_needed'. */
export type CaseActionState = z.infer<typeof caseActionStateSchema>;

export const CASE_ACTION_STATE_LABELS: Record<CaseActionState, string> = {
  open: 'Open',
  done: 'Done',
  not_needed: 'Not needed',
};

/** Longest evidence note or reason kept for an action. */
export const MAX_EVIDENCE_LENGTH = 5_000;

const note = z
  .string()
  .trim()
  .max(
    MAX_EVIDENCE_LENGTH,
    `Keep this to ${MAX_EVIDENCE_LENGTH.toLocaleString('en-GB')} characters or fewer.`,
  );

/**
 * A change to an action's progress or owner. Done needs a completion date (not in the future,
 * checked on the server); "not needed" needs a reason. Fields left out are unchanged.
 */
export const caseActionUpdateSchema = z
  .object({
    state: caseActionStateSchema.optional(),
    evidence: note.optional(),
    completedOn: z.optional(z.nullable(calendarDateSchema)),
    notNeededReason: note.optional(),
    /** A new owner (a person id): team managers and QA leads only. */
    ownerId: z.string().uuid('Choose the owner from the list.').optional(),
  })
  .strict();
export type CaseActionUpdate = z.infer<typeof caseActionUpdateSchema>;

/** Where an action stands for the people following it. */
export type CaseActionStanding =
  'open' | 'overdue' | 'escalated' | 'done_on_time' | 'done_late' | 'not_needed';

export const CASE_ACTION_STANDING_LABELS: Record<CaseActionStanding, string> = {
  open: 'Open',
  overdue: 'Overdue',
  escalated: 'Overdue, escalated',
  done_on_time: 'Done on time',
  done_late: 'Done late',
  not_needed: 'Not needed',
};

export interface CaseActionView {
  id: string;
  auditId: string;
  caseReference: string;
  teamId: string;
  teamName: string;
  what: string;
  who: string;
  dueDate: string;
  ownerId: string | null;
  ownerName: string | null;
  state: CaseActionState;
  standing: CaseActionStanding;
  evidence: string;
  completedOn: string | null;
  notNeededReason: string;
  escalatedAt: string | null;
  updatedAt: string;
  /** Whether the caller may change its progress (owner, team manager, QA lead of the service). */
  canUpdate: boolean;
  /** Whether the caller may choose its owner (team manager, QA lead of the service). */
  canChooseOwner: boolean;
}

/** One row of the compliance table: a round, a team or a month, and its figure. */
export interface ComplianceRow {
  key: string;
  label: string;
  onTime: number;
  counted: number;
  text: string;
}

export interface ComplianceReport {
  today: string;
  overall: ComplianceRow;
  byRound: ComplianceRow[];
  byTeam: ComplianceRow[];
  byMonth: ComplianceRow[];
  rule: string;
}

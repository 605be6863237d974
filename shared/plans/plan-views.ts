/**
 * What the plan API answers: the shapes the plan screens, the board report and the XLSX
 * export are drawn from. One definition for server and client, so the two cannot drift.
 */
import type { MetricDefinition } from '../metrics/metric-definition';
import type { Trajectory } from '../metrics/trajectory';
import type { RagColour, RagRule } from '../metrics/trajectory-rag';
import type { TimeBucket } from '../metrics/periods';
import type { MeasureDirection, MeasureKind } from '../metrics/measure-kind';
import type { ActionEvent, ActionState } from './action-state';
import type { AreaRag, ProgressSummary } from './progress-summary';
import type { AreaNoun, ManagerRag, Recurrence, Timescale } from './plan-vocabulary';
import type { ComplianceFilters } from '../case-actions/compliance-measure';

export interface PlanSource {
  kind: 'inspection' | 'peer-review' | 'self-identified';
  title: string;
  date?: string | undefined;
}

/** What a plan is and where it came from: the fields the list of plans and the plan page share. */
export interface PlanHeading {
  id: string;
  title: string;
  kind: 'inspection' | 'merged';
  areaNoun: AreaNoun;
  sources: PlanSource[];
  updatedAt: string;
}

export interface PlanListItem extends PlanHeading {
  headline: string;
}

/** One period of a measure: its figure (null: no data), interval, target and RAG. */
export interface MeasurePoint {
  periodId: string;
  label: string;
  startDate: string;
  endDate: string;
  k: number | null;
  n: number | null;
  fraction: number | null;
  lower: number | null;
  upper: number | null;
  /** The trajectory's value on the period's end date. */
  target: number;
  rag: RagColour;
  rule: RagRule;
  /** The decisive rule in words, read for the measure's direction (shared/metrics/rag-rule-words.ts). */
  ruleWords: string;
  note?: string;
}

export interface MeasureView {
  id: string;
  actionId: string;
  title: string;
  source: 'audits' | 'manual' | 'case_actions';
  /** A share (of audits, of case actions, or by hand), a count or a rate (shared/metrics/measure-kind.ts). */
  kind: MeasureKind;
  direction: MeasureDirection;
  /** What a count or rate counts ("contacts", "per 100 referrals"); empty for a share. */
  unit: string;
  metric: MetricDefinition | null;
  /** A compliance measure's filters (shared/case-actions/compliance-measure.ts); null otherwise. */
  compliance: ComplianceFilters | null;
  /** Which audits (or, for compliance, whose case actions) a counted measure is a percentage of, in words; null when kept by hand. */
  whichAudits: string | null;
  bucket: TimeBucket;
  trajectory: Trajectory;
  tolerance: number;
  minimumN: number;
  /** How the figures were read: the pre-aggregated counts, a scan, or entered by hand. */
  method: 'counts' | 'scan' | 'manual';
  points: MeasurePoint[];
  /** The latest period with enough data to judge, and its RAG; null when none has. */
  latest: MeasurePoint | null;
}

/** With the action's state as of the plan's date (action-state.ts). */
export interface ActionView extends ActionState {
  id: string;
  areaId: string;
  number: string;
  description: string;
  owner: string;
  /** The current target date (the revised one, when revised): overdue is judged on it. */
  targetDate: string | null;
  /** The first target date, when it has been revised since; null otherwise. */
  originalTargetDate: string | null;
  /** Open (not Blue) past its current target date, as of the plan's date. */
  overdue: boolean;
  /** null: due by its target date. */
  timescale: 'ongoing' | 'recurring' | null;
  recurrence: Recurrence | null;
  recurrenceStart: string | null;
  /** "By 30 June 2027", "Ongoing", "Quarterly from April 2027", or '' when nothing is set. */
  timescaleWords: string;
  /** The other areas it also answers (besides the one it is listed under). */
  alsoAnswers: { id: string; reference: string }[];
  /** Its own (primary) area, when it is listed under another area it also answers. */
  primaryAreaReference: string;
  carriedFrom: { planId: string; planTitle: string; actionId: string; number: string } | null;
  carriedTo: { planId: string; planTitle: string; actionId: string; number: string } | null;
  /** A partner owner (a guest of the plan) who updates its progress. */
  ownerPerson: { id: string; name: string; organisation: string } | null;
  /** Each measure's latest RAG, to show beside the manager's when they differ. */
  measures: {
    id: string;
    title: string;
    rag: RagColour;
    periodLabel: string | null;
    fraction: number | null;
    kind: MeasureKind;
    unit: string;
  }[];
  findingCount: number;
}

/** An area's fields as the manager sets them (or a plan import reads them). */
export interface AreaSettings {
  reference: string;
  title: string;
  theme: string;
  source: string;
  timescale: Timescale;
  timescaleDate: string | null;
  recurrence: Recurrence | null;
  recurrenceStart: string | null;
  /** "What will be different for children", in order. */
  outcomes: string[];
}

export interface AreaView extends AreaSettings {
  id: string;
  timescaleWords: string;
  rag: AreaRag;
  actions: ActionView[];
}

export interface PlanView extends PlanHeading {
  /** The London date the plan is shown as of; null for "now". */
  asOf: string | null;
  areas: AreaView[];
  summary: ProgressSummary;
  /** Partner owners (guests of this plan). */
  partners: PartnerOwnerView[];
}

export interface PartnerOwnerView {
  id: string;
  name: string;
  email: string;
  organisation: string;
  agency: string;
  lastDay: string;
}

/** What a partner owner sees: only the actions they own, and nothing else of the plan. */
export interface PartnerActionView {
  planId: string;
  planTitle: string;
  id: string;
  number: string;
  description: string;
  targetDate: string | null;
  originalTargetDate: string | null;
  timescaleWords: string;
  rag: ManagerRag | null;
  ragReason: string;
  notes: { text: string; byName: string; at: string }[];
}

/** An audit finding: an audit's areas for development, or one of its actions for the case. */
export interface FindingView {
  auditId: string;
  caseReference: string;
  teamName: string;
  completedAt: string;
  itemKey: string;
  itemIndex: number;
  kindLabel: string;
  text: string;
  /** Set when listed on an action: the link's id. */
  linkId?: string;
  /** The plan actions this finding informs. */
  informs: { planId: string; actionId: string; number: string; planTitle: string }[];
}

export interface ActionDetailView {
  plan: { id: string; title: string; areaNoun: AreaNoun };
  area: Omit<AreaView, 'actions' | 'rag'>;
  action: ActionView;
  history: ActionEvent[];
  measures: MeasureView[];
  findings: FindingView[];
}

/** The board report: the plan as of a date, with every measure's figures. */
export interface BoardReportView {
  plan: PlanView;
  asOf: string;
  measures: (MeasureView & { actionNumber: string; areaReference: string })[];
  generatedAt: string;
}

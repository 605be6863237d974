/**
 * Which audits a metric counts beyond its team and tool, as the audit trends dashboard and a
 * plan measure both ask it (AuditFilterFields): the case types, flags and age, and the kinds,
 * rounds and round themes of the audits. Held as the fields hold them; given to the server as
 * a metric's filters, leaving out every question left unanswered.
 */
import { auditKindSchema } from '../../../shared/metrics/audit-for-metrics';
import type { MetricFilters } from '../../../shared/metrics/metric-definition';

export interface AuditFilterChoices {
  caseTypeIds: string[];
  flagIds: string[];
  /** As typed: checked with openMonthsFrom before the filters are made. */
  openMonths: string;
  kinds: string[];
  roundIds: string[];
  themes: string[];
}

export const noAuditFilters = (): AuditFilterChoices => ({
  caseTypeIds: [],
  flagIds: [],
  openMonths: '0',
  kinds: [],
  roundIds: [],
  themes: [],
});

/** The choices as a metric's filters; `openMonths` is the checked case age (0: any age). */
export function chosenAuditFilters(chosen: AuditFilterChoices, openMonths: number): MetricFilters {
  const kinds = chosen.kinds.flatMap((k) => auditKindSchema.safeParse(k).data ?? []);
  return {
    ...(chosen.caseTypeIds.length ? { caseTypeIds: [...chosen.caseTypeIds] } : {}),
    ...(chosen.flagIds.length ? { flagIds: [...chosen.flagIds] } : {}),
    ...(openMonths > 0 ? { openLongerThanMonths: openMonths } : {}),
    ...(kinds.length ? { kinds } : {}),
    ...(chosen.roundIds.length ? { roundIds: [...chosen.roundIds] } : {}),
    ...(chosen.themes.length ? { themes: [...chosen.themes] } : {}),
  };
}

/**
 * The columns of the inspection list's CSV and XLSX, in one place so both files (and the
 * screen's table) say the same: each header and the cell a row gives it. The worker column says
 * "now" because Lantern keeps the case's allocated worker as it is, not as it was when audited.
 */
import { GRADES, type GradeIndex } from '../metrics/grade-scale';
import type { InspectionRow } from './inspection-schemas';

export type InspectionCell = string | number | { date: string };

export interface InspectionColumn {
  header: string;
  /** Width in characters for the workbook. */
  width: number;
  cell: (row: InspectionRow) => InspectionCell;
}

const gradeText = (grade: GradeIndex | null): string => (grade === null ? '' : GRADES[grade].label);

export const INSPECTION_COLUMNS: readonly InspectionColumn[] = [
  { header: 'Case reference', width: 18, cell: (r) => r.reference },
  { header: 'Team (when audited)', width: 26, cell: (r) => r.teamName },
  { header: 'Worker (allocated now)', width: 24, cell: (r) => r.workerNow },
  { header: 'Audit date (London)', width: 14, cell: (r) => ({ date: r.auditDate }) },
  { header: 'Audit kind', width: 20, cell: (r) => r.kindLabel },
  { header: 'Audit tool', width: 30, cell: (r) => r.toolName },
  { header: "Auditor's grade", width: 30, cell: (r) => gradeText(r.auditorGrade) },
  { header: 'Moderated grade', width: 30, cell: (r) => gradeText(r.moderatedGrade) },
  { header: 'Re-audit grade', width: 30, cell: (r) => gradeText(r.reauditGrade) },
  { header: 'Open post-audit actions', width: 12, cell: (r) => r.openActions },
];

/**
 * A monthly performance extract into a measure kept by hand: the only code that calls
 * POST /api/plans/:planId/measures/:measureId/values/import. A preview writes nothing; an import
 * writes every row or none, and the action as it now stands goes into the plan store.
 */
import { defineStore } from 'pinia';
import { api } from '../api/http';
import { usePlanStore } from './plan-store';
import type { ActionDetailView } from '../../shared/plans/plan-views';
import type { ExtractMapping } from '../../shared/plans/measure-extract';
import type { FieldProblem } from '../../shared/errors/app-error';
import type { TableChoice } from '../../shared/imports/table-choice';

/** What the server answers for a preview or an import (server/measures/measure-extract-import.ts). */
export interface ExtractAnswer {
  applied: boolean;
  headers: string[];
  mapping: ExtractMapping;
  rows: { row: number; periodId: string; label: string; value: number; k: number | null; n: number | null }[];
  problems: FieldProblem[];
  action?: ActionDetailView;
}

export const useMeasureExtractStore = defineStore('measure-extract', () => {
  async function send(
    planId: string,
    measureId: string,
    file: { fileName: string; content: string } & TableChoice,
    mapping: ExtractMapping | null,
    apply: boolean,
  ): Promise<ExtractAnswer> {
    const answer = await api<ExtractAnswer>(
      `/api/plans/${encodeURIComponent(planId)}/measures/${encodeURIComponent(measureId)}/values/import`,
      { method: 'POST', body: { ...file, ...(mapping ? { mapping } : {}), apply } },
    );
    if (answer.action) usePlanStore().action = answer.action;
    return answer;
  }
  return { send };
});

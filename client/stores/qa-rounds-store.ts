/**
 * The QA lead's rounds on the client: rounds, their samples, cases, allocation and progress,
 * and re-audits. The only client code that calls these APIs; every answer is parsed with the
 * shared schema before a view sees it.
 */
import { defineStore } from 'pinia';
import { api } from '../api/http';
import {
  roundListSchema,
  roundResponseSchema,
  type Round,
  type RoundInput,
} from '../../shared/rounds/round-schemas';
import {
  sampleChoicesResponseSchema,
  samplePreviewResponseSchema,
  type SampleChoicesResponse,
} from '../../shared/rounds/sample-schemas';
import type { SampleResult } from '../../shared/rounds/draw-sample';
import type { SampleSpec } from '../../shared/rounds/sample-spec';
import {
  bulkAllocationResultSchema,
  peopleOptionsSchema,
  roundCasesResponseSchema,
  selfAuditAllocationResultSchema,
  type BulkAllocationResult,
  type RoundCase,
  type SelfAuditAllocationResult,
} from '../../shared/rounds/allocation-schemas';
import {
  selfAuditAgreementResponseSchema,
  type SelfAuditAgreementResponse,
} from '../../shared/rounds/self-audit-agreement-schemas';
import { roundProgressSchema, type RoundProgress } from '../../shared/rounds/progress-schemas';
import { reauditListSchema } from '../../shared/rounds/reaudit-schemas';
import { z } from 'zod';

const post = (body: unknown) => ({ method: 'POST', body });
const roundPath = (id: string) => `/api/rounds/${encodeURIComponent(id)}`;

export const useQaRoundsStore = defineStore('qa-rounds', () => {
  async function rounds(): Promise<Round[]> {
    return roundListSchema.parse(await api('/api/rounds')).rounds;
  }
  async function round(id: string): Promise<Round> {
    return roundResponseSchema.parse(await api(roundPath(id))).round;
  }
  async function createRound(input: RoundInput): Promise<Round> {
    return roundResponseSchema.parse(await api('/api/rounds', post(input))).round;
  }
  async function updateRound(id: string, input: RoundInput): Promise<Round> {
    return roundResponseSchema.parse(await api(roundPath(id), { method: 'PUT', body: input })).round;
  }
  async function sampleChoices(id: string): Promise<SampleChoicesResponse> {
    return sampleChoicesResponseSchema.parse(await api(`${roundPath(id)}/sample/choices`));
  }
  async function previewSample(id: string, spec: SampleSpec): Promise<SampleResult> {
    return samplePreviewResponseSchema.parse(await api(`${roundPath(id)}/sample/preview`, post(spec))).sample;
  }
  async function useSample(id: string, spec: SampleSpec): Promise<SampleResult> {
    return samplePreviewResponseSchema.parse(await api(`${roundPath(id)}/sample`, post(spec))).sample;
  }
  async function cases(id: string): Promise<RoundCase[]> {
    return roundCasesResponseSchema.parse(await api(`${roundPath(id)}/cases`)).cases;
  }
  async function progress(id: string): Promise<RoundProgress> {
    return roundProgressSchema.parse(await api(`${roundPath(id)}/progress`));
  }
  async function people() {
    return peopleOptionsSchema.parse(await api('/api/allocations/people'));
  }
  async function allocateInBulk(
    roundId: string,
    request: {
      auditorIds: string[];
      dueDate: string | null;
      seed: number;
      preview: boolean;
      toolKey?: string;
    },
  ): Promise<BulkAllocationResult> {
    return bulkAllocationResultSchema.parse(
      await api('/api/allocations/bulk', post({ roundId, ...request })),
    );
  }
  async function allocateSelfAudits(
    roundId: string,
    request: { dueDate: string | null; preview: boolean },
  ): Promise<SelfAuditAllocationResult> {
    return selfAuditAllocationResultSchema.parse(
      await api('/api/allocations/self-audits', post({ roundId, ...request })),
    );
  }
  async function selfAuditAgreement(roundId: string): Promise<SelfAuditAgreementResponse> {
    return selfAuditAgreementResponseSchema.parse(await api(`${roundPath(roundId)}/self-audit-agreement`));
  }
  async function allocate(
    roundId: string,
    caseId: string,
    auditorId: string,
    dueDate: string | null,
    toolKey?: string,
  ): Promise<void> {
    await api(
      '/api/allocations',
      post({ roundId, caseId, auditorId, dueDate, ...(toolKey ? { toolKey } : {}) }),
    );
  }
  async function reallocate(
    allocationId: string,
    auditorId: string,
  ): Promise<{ copiedDraft: boolean; jointAuditors: string[] }> {
    return z
      .object({
        allocationId: z.string(),
        copiedDraft: z.boolean(),
        /** A joint audit's further auditors, who move with the case to the new auditor's audit. */
        jointAuditors: z.array(z.string()).default([]),
      })
      .parse(
        await api(`/api/allocations/${encodeURIComponent(allocationId)}/reallocate`, post({ auditorId })),
      );
  }
  async function withdraw(allocationId: string): Promise<void> {
    await api(`/api/allocations/${encodeURIComponent(allocationId)}/withdraw`, post({}));
  }
  async function changeDueDate(allocationId: string, dueDate: string | null): Promise<void> {
    await api(`/api/allocations/${encodeURIComponent(allocationId)}/due-date`, {
      method: 'PUT',
      body: { dueDate },
    });
  }
  async function reaudits() {
    return reauditListSchema.parse(await api('/api/reaudits'));
  }
  async function scheduleReaudit(auditId: string, auditorId: string, dueDate: string | null): Promise<void> {
    await api(`/api/reaudits/${encodeURIComponent(auditId)}`, post({ auditorId, dueDate }));
  }
  return {
    rounds,
    round,
    createRound,
    updateRound,
    sampleChoices,
    previewSample,
    useSample,
    cases,
    progress,
    people,
    allocateInBulk,
    allocateSelfAudits,
    selfAuditAgreement,
    allocate,
    reallocate,
    withdraw,
    changeDueDate,
    reaudits,
    scheduleReaudit,
  };
});

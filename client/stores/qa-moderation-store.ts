/**
 * Moderation on the client: drawing a round's sample, the moderator's queue, one moderation
 * with its audit, the blind grades, the decision, returning an audit, and the agreement dashboard.
 */
import { defineStore } from 'pinia';
import { api } from '../api/http';
import {
  moderationDetailSchema,
  moderationListSchema,
  moderationSampleResultSchema,
  type ModerationDetail,
  type ModerationSampleResult,
  type ModerationSummary,
} from '../../shared/moderation/moderation-schemas';
import { agreementResponseSchema, type AgreementResponse } from '../../shared/moderation/agreement-schemas';

const post = (body: unknown) => ({ method: 'POST', body });

export const useQaModerationStore = defineStore('qa-moderation', () => {
  async function drawSample(
    roundId: string,
    request: { share: number; seed: number; moderatorIds: string[]; preview: boolean },
  ): Promise<ModerationSampleResult> {
    return moderationSampleResultSchema.parse(
      await api(`/api/moderation/rounds/${encodeURIComponent(roundId)}/sample`, post(request)),
    );
  }
  async function list(filter: { roundId?: string; mine?: boolean } = {}): Promise<ModerationSummary[]> {
    const query = new URLSearchParams({
      ...(filter.roundId ? { roundId: filter.roundId } : {}),
      ...(filter.mine ? { mine: '1' } : {}),
    }).toString();
    return moderationListSchema.parse(await api(`/api/moderation${query ? `?${query}` : ''}`)).moderations;
  }
  async function detail(id: string): Promise<ModerationDetail> {
    return moderationDetailSchema.parse(await api(`/api/moderation/${encodeURIComponent(id)}`));
  }
  async function decide(
    id: string,
    grades: Record<string, number>,
    reasons: Record<string, string>,
    auditRev: number,
  ): Promise<void> {
    await api(`/api/moderation/${encodeURIComponent(id)}/decision`, post({ grades, reasons, auditRev }));
  }
  async function saveBlind(id: string, grades: Record<string, number>, auditRev: number): Promise<void> {
    await api(`/api/moderation/${encodeURIComponent(id)}/blind`, post({ grades, auditRev }));
  }
  async function returnToAuditor(id: string, note: string, auditRev: number): Promise<void> {
    await api(`/api/moderation/${encodeURIComponent(id)}/return`, post({ note, auditRev }));
  }
  async function agreement(roundId?: string): Promise<AgreementResponse> {
    return agreementResponseSchema.parse(
      await api(`/api/moderation/agreement${roundId ? `?roundId=${encodeURIComponent(roundId)}` : ''}`),
    );
  }
  return { drawSample, list, detail, saveBlind, decide, returnToAuditor, agreement };
});

/**
 * The improvement plan on the client: the only code that calls the plan API. Views hold no
 * requests of their own; each action here returns the server's answer (the plan or action as
 * it now stands) and keeps the latest in state.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../api/http';
import type {
  ActionDetailView,
  BoardReportView,
  FindingView,
  PartnerActionView,
  PlanListItem,
  PlanView,
} from '../../shared/plans/plan-views';
import type { ManagerRag } from '../../shared/plans/plan-vocabulary';
import type { TableEncoding } from '../../shared/imports/table-choice';

const json = (body: unknown) => ({ method: 'POST', body });

export const usePlanStore = defineStore('plans', () => {
  const plans = ref<PlanListItem[]>([]);
  const plan = ref<PlanView | null>(null);
  const action = ref<ActionDetailView | null>(null);

  async function loadPlans(): Promise<void> {
    plans.value = (await api<{ plans: PlanListItem[] }>('/api/plans')).plans;
  }
  async function createPlan(input: { title: string; kind: string; areaNoun: string }): Promise<PlanView> {
    plan.value = await api<PlanView>('/api/plans', json(input));
    return plan.value;
  }
  async function importPlan(input: {
    title: string;
    areaNoun: string;
    fileName: string;
    content: string;
    sheet?: string;
    encoding?: TableEncoding;
  }): Promise<PlanView> {
    plan.value = await api<PlanView>('/api/plans/import', json(input));
    return plan.value;
  }
  async function loadPlan(id: string, asOf?: string): Promise<PlanView> {
    plan.value = await api<PlanView>(`/api/plans/${encodeURIComponent(id)}${asOf ? `?asOf=${asOf}` : ''}`);
    return plan.value;
  }
  async function addArea(planId: string, input: Record<string, unknown>): Promise<void> {
    plan.value = await api<PlanView>(`/api/plans/${planId}/areas`, json(input));
  }
  async function addAction(planId: string, input: Record<string, unknown>): Promise<ActionDetailView> {
    action.value = await api<ActionDetailView>(`/api/plans/${planId}/actions`, json(input));
    return action.value;
  }
  const actionPath = (planId: string, actionId: string) =>
    `/api/plans/${encodeURIComponent(planId)}/actions/${encodeURIComponent(actionId)}`;
  async function loadAction(planId: string, actionId: string): Promise<void> {
    action.value = await api<ActionDetailView>(actionPath(planId, actionId));
  }
  async function updateAction(
    planId: string,
    actionId: string,
    input: Record<string, string>,
  ): Promise<void> {
    action.value = await api<ActionDetailView>(actionPath(planId, actionId), { method: 'PUT', body: input });
  }
  async function addNote(planId: string, actionId: string, text: string): Promise<void> {
    action.value = await api<ActionDetailView>(`${actionPath(planId, actionId)}/notes`, json({ text }));
  }
  async function setRag(planId: string, actionId: string, rag: ManagerRag, reason: string): Promise<void> {
    action.value = await api<ActionDetailView>(`${actionPath(planId, actionId)}/rag`, json({ rag, reason }));
  }
  async function signOff(planId: string, actionId: string, signedOff: boolean, note: string): Promise<void> {
    action.value = await api<ActionDetailView>(
      `${actionPath(planId, actionId)}/sign-off`,
      json({ signedOff, note }),
    );
  }
  async function addMeasure(planId: string, actionId: string, input: unknown): Promise<void> {
    action.value = await api<ActionDetailView>(`${actionPath(planId, actionId)}/measures`, json(input));
  }
  async function enterValue(planId: string, measureId: string, input: unknown): Promise<void> {
    action.value = await api<ActionDetailView>(`/api/plans/${planId}/measures/${measureId}/values`, {
      method: 'PUT',
      body: input,
    });
  }
  async function searchFindings(q: string): Promise<FindingView[]> {
    return (await api<{ findings: FindingView[] }>(`/api/findings?q=${encodeURIComponent(q)}`)).findings;
  }
  async function auditFindings(auditId: string): Promise<FindingView[]> {
    return (await api<{ findings: FindingView[] }>(`/api/findings/audits/${encodeURIComponent(auditId)}`))
      .findings;
  }
  async function linkFinding(planId: string, actionId: string, finding: FindingView): Promise<void> {
    action.value = await api<ActionDetailView>(
      `${actionPath(planId, actionId)}/findings`,
      json({ auditId: finding.auditId, itemKey: finding.itemKey, itemIndex: finding.itemIndex }),
    );
  }
  async function unlinkFinding(planId: string, actionId: string, linkId: string): Promise<void> {
    action.value = await api<ActionDetailView>(`${actionPath(planId, actionId)}/findings/${linkId}`, {
      method: 'DELETE',
    });
  }
  async function reviseTarget(planId: string, actionId: string, targetDate: string, reason: string) {
    action.value = await api<ActionDetailView>(
      `${actionPath(planId, actionId)}/target-date`,
      json({ targetDate, reason }),
    );
  }
  async function carryForward(
    planId: string,
    input: { fromPlanId: string; areaId: string; actionIds: string[] },
  ): Promise<void> {
    plan.value = await api<PlanView>(`/api/plans/${encodeURIComponent(planId)}/carry-forward`, json(input));
  }
  async function addPartner(
    planId: string,
    input: Record<string, unknown>,
  ): Promise<{ personId: string; passwordLink: { path: string; expiresAt: string } }> {
    const answer = await api<{
      personId: string;
      passwordLink: { path: string; expiresAt: string };
      plan: PlanView;
    }>(`/api/plans/${encodeURIComponent(planId)}/partners`, json(input));
    plan.value = answer.plan;
    return answer;
  }
  /** A partner owner's own actions (and nothing else of any plan). */
  const partnerActions = ref<PartnerActionView[]>([]);
  /** Whether the first load of the partner's actions has ended (answered or failed). */
  const partnerActionsLoaded = ref(false);
  async function loadPartnerActions(): Promise<void> {
    try {
      partnerActions.value = (await api<{ actions: PartnerActionView[] }>('/api/partner-actions')).actions;
    } finally {
      partnerActionsLoaded.value = true;
    }
  }
  async function partnerUpdate(actionId: string, what: 'notes' | 'rag', body: unknown): Promise<void> {
    const { action: updated } = await api<{ action: PartnerActionView }>(
      `/api/partner-actions/${encodeURIComponent(actionId)}/${what}`,
      json(body),
    );
    partnerActions.value = partnerActions.value.map((a) => (a.id === updated.id ? updated : a));
  }
  async function loadReport(planId: string, asOf: string): Promise<BoardReportView> {
    return api<BoardReportView>(`/api/plans/${encodeURIComponent(planId)}/report?asOf=${asOf}`);
  }

  return {
    plans,
    plan,
    action,
    loadPlans,
    createPlan,
    importPlan,
    loadPlan,
    addArea,
    addAction,
    loadAction,
    updateAction,
    addNote,
    setRag,
    signOff,
    addMeasure,
    enterValue,
    searchFindings,
    auditFindings,
    linkFinding,
    unlinkFinding,
    loadReport,
    reviseTarget,
    carryForward,
    addPartner,
    partnerActions,
    partnerActionsLoaded,
    loadPartnerActions,
    partnerUpdate,
  };
});

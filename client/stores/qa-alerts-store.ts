/** Safeguarding alerts on the client: the alerts raised to the signed-in person, and acknowledging one. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../api/http';
import { alertListSchema, type Alert } from '../../shared/alerts/alert-schemas';

export const useQaAlertsStore = defineStore('qa-alerts', () => {
  const alerts = ref<Alert[]>([]);
  const escalationHours = ref(4);
  async function load(): Promise<void> {
    const answer = alertListSchema.parse(await api('/api/alerts'));
    alerts.value = answer.alerts;
    escalationHours.value = answer.escalationHours;
  }
  async function acknowledge(id: string, note: string): Promise<void> {
    await api(`/api/alerts/${encodeURIComponent(id)}/acknowledge`, { method: 'POST', body: { note } });
    await load();
  }
  return { alerts, escalationHours, load, acknowledge };
});

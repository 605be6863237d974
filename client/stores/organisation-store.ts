/**
 * The organisation's name and demo status. Remembered on the device so the demo label and
 * the name still show when Lantern starts offline.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../api/http';
import { organisationInfoSchema, type OrganisationInfo } from '../../shared/organisation/organisation-info';

const STORAGE_KEY = 'lantern.organisation';

function remembered(): OrganisationInfo | null {
  try {
    const parsed = organisationInfoSchema.safeParse(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const useOrganisationStore = defineStore('organisation', () => {
  const info = ref<OrganisationInfo | null>(remembered());

  async function load(): Promise<void> {
    try {
      const fresh = organisationInfoSchema.parse(await api<unknown>('/api/organisation'));
      info.value = fresh;
      localStorage.setItem(STORAGE_KEY, JSON.stringify(fresh));
    } catch {
      // Offline or unreadable: keep what this device last knew.
    }
  }

  return { info, load };
});

/**
 * The organisation's name and demo status. Remembered on the device so the demo label and
 * the name still show when Lantern starts offline.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../api/http';
import type { OrganisationInfo } from '../../shared/organisation/organisation-info';
import { isOrganisationInfo } from 'virtual:startup-checks';
import { startupParse, startupSafeParse } from '../validation/startup-parse';

const STORAGE_KEY = 'lantern.organisation';

function remembered(): OrganisationInfo | null {
  try {
    return startupSafeParse<OrganisationInfo>(
      isOrganisationInfo,
      JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null'),
    );
  } catch {
    return null;
  }
}

export const useOrganisationStore = defineStore('organisation', () => {
  const info = ref<OrganisationInfo | null>(remembered());

  async function load(): Promise<void> {
    try {
      const fresh = startupParse<OrganisationInfo>(
        isOrganisationInfo,
        await api<unknown>('/api/organisation'),
        'The organisation',
      );
      info.value = fresh;
      localStorage.setItem(STORAGE_KEY, JSON.stringify(fresh));
    } catch {
      // Offline or unreadable: keep what this device last knew.
    }
  }

  return { info, load };
});

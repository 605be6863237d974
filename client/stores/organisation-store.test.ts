/** The organisation store: its name and demo label, remembered on the device for offline starts. */
import { describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { withFakeApi } from '../../tests/support/fake-api';
import { useOrganisationStore } from './organisation-store';

const server = withFakeApi();
const demoOrg = { name: 'Northbrook Council (demo)', isDemo: true, firstAdmin: null, demo: null };

describe('organisation store', () => {
  it('remembers the name on the device, so an offline start still shows it and the demo label', async () => {
    server().answer('GET /api/organisation', demoOrg);
    await useOrganisationStore().load();
    setActivePinia(createPinia());
    server().goOffline();
    const offline = useOrganisationStore();
    expect(offline.info).toMatchObject({ name: 'Northbrook Council (demo)', isDemo: true });
    await offline.load();
    expect(offline.info?.name).toBe('Northbrook Council (demo)');
  });

  it('ignores a remembered value that is not an organisation', () => {
    localStorage.setItem('lantern.organisation', '{"name": 42}');
    expect(useOrganisationStore().info).toBeNull();
  });
});

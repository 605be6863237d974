/** The client's entry: Vue, Pinia, the router, the styles, and the service worker. */
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { router } from './router';
import { registerServiceWorker } from './pwa/service-worker-updates';
import './styles/main.css';

import { useSessionStore } from './stores/session-store';
import { useDeviceStore } from './stores/device-store';

async function start(): Promise<void> {
  const app = createApp(App).use(createPinia());
  // Who is signed in is settled before the first route is chosen, so guards never guess.
  const session = useSessionStore();
  await session.restore();
  if (session.person) void useDeviceStore().start();
  app.use(router).mount('#app');
  registerServiceWorker();
  // A first visit only (no worker controls the page yet): its code loads only then.
  if (navigator.serviceWorker && !navigator.serviceWorker.controller && !import.meta.env.DEV)
    void import('./pwa/warm-precache').then((warm) => warm.onFirstVisit());
}

void start();

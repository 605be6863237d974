/**
 * The demo's audit reports, on each engine: in both services the QA lead finds a published
 * monthly report and a published thematic report with audits counted and the coded themes in
 * them, and a draft; the service's manager reads the published ones only.
 */
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { useTestApp } from '../../tests/support/use-test-app';
import type { ReportListItem, ReportView } from '../../shared/reports/report-schemas';

const SERVICES = [
  { qa: 'erin.qalead@demo.lantern.invalid', manager: 'farah.manager@demo.lantern.invalid' },
  { qa: 'hana.qalead@demo.lantern.invalid', manager: 'ivo.manager@demo.lantern.invalid' },
];

describe.each(ENGINES)('the demo’s audit reports on $engine', (engine) => {
  const t = useTestApp(engine);

  it.each(SERVICES)(
    'gives $qa a published monthly and thematic report and a draft',
    async ({ qa, manager }) => {
      const lead = await t.as(qa);
      const list = (await (await lead.request('/api/reports')).json()) as ReportListItem[];
      const published = list.filter((r) => r.status === 'published');
      expect(published.map((r) => r.scope.kind).sort()).toEqual(['month', 'theme']);
      expect(list.filter((r) => r.status === 'draft')).toHaveLength(1);
      for (const item of published) {
        const view = (await (await lead.request(`/api/reports/${item.id}`)).json()) as ReportView;
        expect(view.content.figures.audits, item.title).toBeGreaterThan(0);
        expect(view.content.publishedAt).toBeTruthy();
        expect(view.recommendations.length).toBeGreaterThan(0);
      }
      const monthly = published.find((r) => r.scope.kind === 'month');
      const view = (await (await lead.request(`/api/reports/${monthly?.id}`)).json()) as ReportView;
      expect(view.content.figures.atLeastGood.previous?.n ?? 0).toBeGreaterThan(0);
      // A month the QA lead has coded and moderated: themes with quotes, and agreement to show.
      expect(view.content.themes.uncoded).toBe(0);
      expect(view.content.themes.themes.some((theme) => theme.quotes.length > 0)).toBe(true);
      expect(view.content.figures.agreement.pairs).toBeGreaterThan(0);
      const thematic = published.find((r) => r.scope.kind === 'theme');
      const theme = (await (await lead.request(`/api/reports/${thematic?.id}`)).json()) as ReportView;
      expect(theme.content.figures.audits).toBeGreaterThan(2);
      expect(theme.content.themes.uncoded).toBe(0);
      const reader = await t.as(manager);
      const seen = (await (await reader.request('/api/reports')).json()) as ReportListItem[];
      expect(seen.map((r) => r.id).sort()).toEqual(published.map((r) => r.id).sort());
    },
  );
});

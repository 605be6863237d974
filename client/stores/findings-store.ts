/**
 * Learning from audits on the client, online only like the QA lead's other screens:
 * the service's findings with their themes, the themes, suggestions from past coding, coding,
 * quotes and good-practice marks, and the address of a marked audit's anonymised Word example.
 */
import { defineStore } from 'pinia';
import { api } from '../api/http';
import type {
  CodedFindingView,
  FindingFilters,
  GoodPracticeView,
  ThemeView,
} from '../../shared/findings/finding-schemas';

export interface Suggestion {
  themeId: string;
  name: string;
  score: number;
}

const auditPath = (auditId: string) => `/api/learning/audits/${encodeURIComponent(auditId)}`;
const findingPath = (f: { auditId: string; itemKey: string }) =>
  `${auditPath(f.auditId)}/findings/${encodeURIComponent(f.itemKey)}`;

export const useFindingsStore = defineStore('findings', () => {
  async function findings(filters: FindingFilters): Promise<CodedFindingView[]> {
    const query = new URLSearchParams(
      Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
    );
    return (await api<{ findings: CodedFindingView[] }>(`/api/learning/findings?${query.toString()}`))
      .findings;
  }
  async function themes(): Promise<ThemeView[]> {
    return (await api<{ themes: ThemeView[] }>('/api/learning/themes')).themes;
  }
  async function createTheme(name: string, description = ''): Promise<ThemeView> {
    return (
      await api<{ theme: ThemeView }>('/api/learning/themes', { method: 'POST', body: { name, description } })
    ).theme;
  }
  async function updateTheme(
    id: string,
    change: { name?: string; description?: string; archived?: boolean },
  ): Promise<ThemeView> {
    return (
      await api<{ theme: ThemeView }>(`/api/learning/themes/${encodeURIComponent(id)}`, {
        method: 'PATCH',
        body: change,
      })
    ).theme;
  }
  async function suggestions(finding: CodedFindingView): Promise<Suggestion[]> {
    return (await api<{ suggestions: Suggestion[] }>(`${findingPath(finding)}/suggestions`)).suggestions;
  }
  async function code(finding: CodedFindingView, themeId: string): Promise<CodedFindingView> {
    return (
      await api<{ finding: CodedFindingView }>(
        `${findingPath(finding)}/themes/${encodeURIComponent(themeId)}`,
        { method: 'PUT', body: {} },
      )
    ).finding;
  }
  async function uncode(finding: CodedFindingView, themeId: string): Promise<CodedFindingView> {
    return (
      await api<{ finding: CodedFindingView }>(
        `${findingPath(finding)}/themes/${encodeURIComponent(themeId)}`,
        {
          method: 'DELETE',
        },
      )
    ).finding;
  }
  async function chooseQuote(
    finding: CodedFindingView,
    themeId: string,
    chosen: boolean,
  ): Promise<CodedFindingView> {
    return (
      await api<{ finding: CodedFindingView }>(
        `${findingPath(finding)}/themes/${encodeURIComponent(themeId)}/quote`,
        { method: 'PUT', body: { chosen } },
      )
    ).finding;
  }
  async function markGoodPractice(auditId: string, reason: string): Promise<GoodPracticeView> {
    return (
      await api<{ goodPractice: GoodPracticeView }>(`${auditPath(auditId)}/good-practice`, {
        method: 'PUT',
        body: { reason },
      })
    ).goodPractice;
  }
  async function unmarkGoodPractice(auditId: string): Promise<void> {
    await api(`${auditPath(auditId)}/good-practice`, { method: 'DELETE' });
  }
  const exampleUrl = (auditId: string) => `${auditPath(auditId)}/good-practice.docx`;
  return {
    findings,
    themes,
    createTheme,
    updateTheme,
    suggestions,
    code,
    uncode,
    chooseQuote,
    markGoodPractice,
    unmarkGoodPractice,
    exampleUrl,
  };
});

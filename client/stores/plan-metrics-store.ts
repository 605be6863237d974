/**
 * The dashboard's figures: the choices it offers (teams, case types, case flags, the framework's sections
 * and items), a trend for a query, and every section grade and question over a range. The only
 * code that calls /api/metrics.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../api/http';
import type { MetricPeriodResult } from '../../shared/metrics/evaluate-metric';
import type { Proportion } from '../../shared/metrics/proportion';

export interface MetricOptions {
  teams: { id: string; name: string }[];
  caseTypes: { id: string; name: string }[];
  /** The council's case flags (retired ones named so): audits of cases carrying any of those chosen. */
  caseFlags: { id: string; name: string }[];
  /** The audit tools with a published version, by framework key. */
  tools: { id: string; name: string }[];
  /** The rounds of the person's own service, named with their kind and theme, newest first. */
  rounds: { id: string; name: string }[];
  /** The themes of those rounds (the id is the theme's text). */
  themes: { id: string; name: string }[];
  /** Every agency, for the split by agency. */
  agencies: { id: string; name: string }[];
  framework: { key: string; version: number; overallGradeKey: string };
  sections: { key: string; title: string; items: { key: string; label: string; kind: string }[] }[];
}

export interface TrendAnswer {
  method: 'counts' | 'scan';
  series: { group: string | null; label: string; periods: MetricPeriodResult[]; overall: Proportion }[];
}

export interface ItemsAnswer {
  sections: {
    key: string;
    title: string;
    items: {
      key: string;
      label: string;
      kind: string;
      passingLabel: string;
      overall: Proportion;
      periods: MetricPeriodResult[];
    }[];
  }[];
}

export const usePlanMetricsStore = defineStore('plan-metrics', () => {
  const options = ref<MetricOptions | null>(null);

  async function loadOptions(): Promise<MetricOptions> {
    options.value ??= await api<MetricOptions>('/api/metrics/options');
    return options.value;
  }
  async function trend(query: Record<string, string>): Promise<TrendAnswer> {
    return api<TrendAnswer>(`/api/metrics/trend?${new URLSearchParams(query).toString()}`);
  }
  async function items(query: Record<string, string>): Promise<ItemsAnswer> {
    return api<ItemsAnswer>(`/api/metrics/items?${new URLSearchParams(query).toString()}`);
  }
  return { options, loadOptions, trend, items };
});

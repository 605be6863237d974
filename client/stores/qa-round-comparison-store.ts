/** Two rounds of one audit tool compared (GET /api/round-comparison), for the QA lead's screen. */
import { defineStore } from 'pinia';
import { api } from '../api/http';
import { roundComparisonSchema, type RoundComparison } from '../../shared/rounds/round-comparison-schemas';

export const useQaRoundComparisonStore = defineStore('qa-round-comparison', () => {
  async function compare(first: string, second: string): Promise<RoundComparison> {
    const query = new URLSearchParams({ first, second }).toString();
    return roundComparisonSchema.parse(await api(`/api/round-comparison?${query}`));
  }
  return { compare };
});

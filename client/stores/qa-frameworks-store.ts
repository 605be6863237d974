/** Framework versions on the client: list, load one (a draft for editing or preview), draft, save, publish. */
import { defineStore } from 'pinia';
import { z } from 'zod';
import { api } from '../api/http';
import { frameworkSchema, type Framework } from '../../shared/framework/framework-schema';
import {
  frameworkVersionListSchema,
  saveDraftResponseSchema,
  type FrameworkVersionSummary,
} from '../../shared/rounds/framework-version-schemas';

const path = (key: string, version: number) => `/api/frameworks/${encodeURIComponent(key)}/${version}`;

export const useQaFrameworksStore = defineStore('qa-frameworks', () => {
  async function versions(): Promise<FrameworkVersionSummary[]> {
    return frameworkVersionListSchema.parse(await api('/api/frameworks')).versions;
  }
  async function load(key: string, version: number): Promise<Framework> {
    return frameworkSchema.parse(await api(path(key, version)));
  }
  async function draftFrom(key: string, version: number): Promise<number> {
    return z
      .object({ version: z.number() })
      .parse(await api(`${path(key, version)}/draft`, { method: 'POST', body: {} })).version;
  }
  async function save(framework: Framework) {
    return saveDraftResponseSchema.parse(
      await api(path(framework.key, framework.version), { method: 'PUT', body: { definition: framework } }),
    ).revisionProblems;
  }
  async function publish(key: string, version: number): Promise<void> {
    await api(`${path(key, version)}/publish`, { method: 'POST', body: {} });
  }
  return { versions, load, draftFrom, save, publish };
});

/** Audit tools and their framework versions on the client: list, load one (a draft for editing or preview), draft, save, publish, and new tools copied from another. */
import { defineStore } from 'pinia';
import { z } from 'zod';
import { api } from '../api/http';
import { frameworkSchema, type Framework } from '../../shared/framework/framework-schema';
import {
  auditToolListSchema,
  auditToolResponseSchema,
  type AuditTool,
  type newAuditToolSchema,
} from '../../shared/framework/audit-tools';
import {
  frameworkVersionListSchema,
  saveDraftResponseSchema,
  type FrameworkVersionSummary,
} from '../../shared/rounds/framework-version-schemas';

type NewAuditToolInput = z.input<typeof newAuditToolSchema>;

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
  async function tools(): Promise<AuditTool[]> {
    return auditToolListSchema.parse(await api('/api/audit-tools')).tools;
  }
  /** A new tool copied from a version of another: answers the tool (version 1, a draft). */
  async function createTool(input: NewAuditToolInput): Promise<AuditTool> {
    return auditToolResponseSchema.parse(await api('/api/audit-tools', { method: 'POST', body: input })).tool;
  }
  return { versions, load, draftFrom, save, publish, tools, createTool };
});

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { auditorFiles, componentsLeftOut, keepInPrecache, type BuildManifest } from './auditor-precache';

const manifest: BuildManifest = {
  'index.html': {
    file: 'assets/index-1.js',
    isEntry: true,
    imports: ['_vue-1.js'],
    css: ['assets/index-1.css'],
    dynamicImports: [
      'client/views/HomeView.vue',
      'client/views/SetPasswordView.vue',
      'client/views/auditor/AuditFormView.vue',
      'client/views/manager/DashboardView.vue',
      'client/views/records/AuditRecordView.vue',
    ],
  },
  '_vue-1.js': { file: 'assets/vue-1.js' },
  'client/views/HomeView.vue': { file: 'assets/HomeView-1.js', imports: ['_vue-1.js'] },
  'client/views/SetPasswordView.vue': { file: 'assets/SetPasswordView-1.js', imports: ['_zxcvbn-1.js'] },
  '_zxcvbn-1.js': { file: 'assets/zxcvbn-1.js' },
  'client/views/auditor/AuditFormView.vue': {
    file: 'assets/AuditFormView-1.js',
    imports: ['_ItemField-1.js'],
    css: ['assets/AuditFormView-1.css'],
    // The auditor's form opens a record screen itself: it stays.
    dynamicImports: ['client/views/records/AuditRecordView.vue'],
  },
  '_ItemField-1.js': { file: 'assets/ItemField-1.js' },
  'client/views/manager/DashboardView.vue': { file: 'assets/DashboardView-1.js', imports: ['_uplot-1.js'] },
  '_uplot-1.js': { file: 'assets/uplot-1.js', css: ['assets/uplot-1.css'] },
  'client/views/records/AuditRecordView.vue': { file: 'assets/AuditRecordView-1.js' },
};

describe("the auditor's precache", () => {
  const leftOut = [
    'client/views/SetPasswordView.vue',
    'client/views/manager/DashboardView.vue',
    'client/views/records/AuditRecordView.vue',
  ];
  const files = auditorFiles(manifest, leftOut);

  it('holds the entry, its imports and CSS, and the routes not left out, with what they import', () => {
    expect([...files].sort()).toEqual(
      [
        'assets/AuditFormView-1.css',
        'assets/AuditFormView-1.js',
        'assets/AuditRecordView-1.js',
        'assets/HomeView-1.js',
        'assets/ItemField-1.js',
        'assets/index-1.css',
        'assets/index-1.js',
        'assets/vue-1.js',
      ].sort(),
    );
  });

  it("leaves out other areas' chunks and what only they import, and keeps the HTML, icons and manifest", () => {
    expect(keepInPrecache('assets/DashboardView-1.js', files)).toBe(false);
    expect(keepInPrecache('assets/uplot-1.css', files)).toBe(false);
    expect(keepInPrecache('assets/zxcvbn-1.js', files)).toBe(false);
    expect(keepInPrecache('assets/vue-1.js', files)).toBe(true);
    expect(keepInPrecache('index.html', files)).toBe(true);
    expect(keepInPrecache('icon-192.png', files)).toBe(true);
    expect(keepInPrecache('manifest.webmanifest', files)).toBe(true);
  });

  it("is worked out from the route files: every other area's screens and the online-only ones, none of the auditor's", () => {
    const out = componentsLeftOut('client/router.ts', 'client/area-route-tables.ts', (path) =>
      readFileSync(path, 'utf8'),
    );
    expect(out).toContain('client/views/SetPasswordView.vue');
    expect(out).toContain('client/views/manager/DashboardView.vue');
    expect(out).toContain('client/views/qa/RoundView.vue');
    expect(out).toContain('client/views/admin/PeopleView.vue');
    expect(out.filter((c) => c.startsWith('client/views/auditor/'))).toEqual([]);
    for (const shell of ['HomeView', 'SignInView', 'NotFoundView', 'inbox/InboxView'])
      expect(out).not.toContain(`client/views/${shell}.vue`);
  });

  it("follows the other areas' route tables chunk but not the screens it loads", () => {
    const withTables: BuildManifest = {
      ...manifest,
      'index.html': {
        ...manifest['index.html']!,
        dynamicImports: ['client/views/auditor/AuditFormView.vue', 'client/area-route-tables.ts'],
      },
      'client/area-route-tables.ts': {
        file: 'assets/area-route-tables-1.js',
        dynamicImports: [
          'client/views/manager/DashboardView.vue',
          'client/views/records/AuditRecordView.vue',
        ],
      },
      'client/views/auditor/AuditFormView.vue': {
        file: 'assets/AuditFormView-1.js',
        imports: ['_ItemField-1.js'],
      },
    };
    const tables = auditorFiles(withTables, leftOut, ['client/area-route-tables.ts']);
    expect(tables).toContain('assets/area-route-tables-1.js');
    expect(tables).toContain('assets/AuditFormView-1.js');
    expect(tables).not.toContain('assets/DashboardView-1.js');
    expect(tables).not.toContain('assets/AuditRecordView-1.js');
  });
});

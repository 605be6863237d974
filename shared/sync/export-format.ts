/** The name an export file carries in its `format` field (the file's schema is in export-file.ts). */
export const EXPORT_FORMAT = 'lantern-audit-export';

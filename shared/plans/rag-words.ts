/**
 * A measure's trajectory RAG in words, for tags, tables and exports: colour is never the only
 * signal (WCAG 1.4.1), so every RAG is written out.
 */
import type { RagColour } from '../metrics/trajectory-rag';

export const RAG_WORDS: Record<RagColour, string> = {
  'no-data': 'No data',
  blue: 'Blue',
  red: 'Red',
  green: 'Green',
  amber: 'Amber',
};

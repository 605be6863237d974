/**
 * The stable key a new case type or case flag gets from its first label: lower-case ASCII
 * letters and digits joined by hyphens ("Child protection plan" → "child-protection-plan").
 * Accented letters lose their accents; a label with nothing left ("£") becomes "item". When
 * the key is taken, "-2", "-3" … is added, so two labels never share a key.
 */

/**
 * @param taken keys already in use (compared exactly; keys are lower case)
 * @example keyFromLabel('Child in need (CIN)', new Set()) // 'child-in-need-cin'
 * @example keyFromLabel('Looked after', new Set(['looked-after'])) // 'looked-after-2'
 */
export function keyFromLabel(label: string, taken: ReadonlySet<string>): string {
  const base =
    label
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'item';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Normalises a tax id the way registries compare them: upper case, without spaces, dashes or dots, so that
 * `abc-010101 xy9` and `ABC010101XY9` (a Mexican RFC written two ways) are one company. A `RFC-` scheme prefix, as
 * OCDS publishers write it, is dropped.
 *
 * @example
 * normalizeTaxId(' tcm-951030-a17 ') // 'TCM951030A17'
 */
export function normalizeTaxId(raw: string): string {
  return (
    raw
      .normalize('NFC')
      .toUpperCase()
      // Only when an RFC follows: a company whose RFC begins with the letters RFC keeps them.
      .replace(/^RFC[-:]\s*(?=[A-ZÑ&]{3,4}-?\d{6})/, '')
      .replace(/[\s\u00a0.\-]/g, '')
  );
}

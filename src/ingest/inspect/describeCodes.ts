import { columnKey } from '../mapping/columnKey.js';
import { findCodeKey } from './findCodeKey.js';
import type { ColumnProfile } from './TableInspection.js';
import type { ValueIndex } from './ValueIndex.js';

const DESCRIPTION_WORDS = /desc|nombre|name|denominacion|titulo|title|label|etiqueta/;

/**
 * Pairs each code column with the column beside it that names its codes (`Ramo` and `RAMO_DESCRIPCION`, `Clave de la
 * entidad federativa` and `Entidad Federativa`, `CLAVE_DE_CONCEPTO` and `NOMBRE`), and finds the columns the code
 * needs to name one thing (see `findCodeKey`). Sets `description` and `keyColumns` on the profiles it pairs.
 *
 * @example
 * describeCodes(columns, index); columns[3].keyColumns // ['Ramo'] (UNIDAD)
 */
export function describeCodes(columns: ColumnProfile[], index: ValueIndex): void {
  const codes = columns.filter(
    (column) => (column.type === 'code' || column.type === 'integer-code') && column.distinct > 1,
  );
  for (const code of codes) {
    const next = columns[code.index];
    if (!next || (next.type !== 'text' && next.type !== 'code') || next.distinct < 2) continue;
    if (next.distinct < code.distinct / 2) continue;
    const nextKey = columnKey(next.name).replace(/_/g, ' ');
    const stem = columnKey(code.name)
      .replace(/_/g, ' ')
      .replace(/^(?:id|cve|clave|cod|codigo|num|numero)(?:\s+(?:de|del))?(?:\s+(?:la|el|los|las))?\s+/, '');
    const named = DESCRIPTION_WORDS.test(nextKey) || (stem.length >= 2 && nextKey.includes(stem));
    // Without a name that says so, a text column beside a code is its description when the two go one to one.
    const oneToOne =
      next.type === 'text' &&
      Math.abs(next.distinct - code.distinct) <= 0.1 * code.distinct &&
      index.determines([{ column: code.index - 1 }], [{ column: next.index - 1 }]);
    if (!named && !oneToOne) continue;
    const others = codes
      .filter((other) => other !== code && other.distinct < next.distinct)
      .map((other) => other.index - 1);
    const key = findCodeKey(index, code.index - 1, next.index - 1, others);
    if (key === undefined) continue;
    code.description = next.name;
    code.keyColumns = key.map((at) => columns[at]!.name);
  }
}

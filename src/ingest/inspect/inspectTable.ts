import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import { UnreadableInputError } from '../../errors/UnreadableInputError.js';
import { CsvRecordReader } from '../CsvRecordReader.js';
import { decodeBytes } from '../decode/decodeBytes.js';
import type { Delimiter } from '../detectDelimiter.js';
import { describeCodes } from './describeCodes.js';
import { detectLineEnds } from './detectLineEnds.js';
import { detectTableDelimiter } from './detectTableDelimiter.js';
import { findCurrency } from './findCurrency.js';
import { findHeaderRow } from './findHeaderRow.js';
import { findStageColumn } from './findStageColumn.js';
import { findTotalRows } from './findTotalRows.js';
import { findUnitHints } from './findUnitHints.js';
import type { TotalRow } from './planTotals.js';
import { profileColumn } from './profileColumn.js';
import { suggestMapping } from './suggestMapping.js';
import type { TableInspection } from './TableInspection.js';
import { ValueIndex } from './ValueIndex.js';

export interface InspectTableOptions {
  /** The name used in the report and the suggested mapping's name. Default `input`. */
  file?: string;
  /** For bytes: force an encoding (utf-8, windows-1252, iso-8859-1, cp850, utf-16le/be). Default: detected. */
  encoding?: string;
  /** Default: the delimiter most of the first lines hold. */
  delimiter?: Delimiter;
  /**
   * Profile only the first N data rows (default: all). Faster on a very large file; distinct counts, total rows and
   * the suggested mapping then cover those rows only, while `rowCount` still counts every row.
   */
  sampleRows?: number;
}

const DELIMITERS: readonly string[] = [',', ';', '\t', '|'];
// The header is looked for among this many rows; a few more are read to see the rows under the last candidate.
const HEAD_ROWS = 25;

/**
 * Looks at a table before it is ingested and says what it is: encoding, delimiter, line ends, where the header is
 * (after any title rows), an HXL tag row, how many rows follow, and for each column its type, distinct values and
 * examples; for amount columns the number format and the stage their names suggest; the unit the file states
 * (`Miles de Pesos`) and the currency (a currency column, `£` signs, `Cifras en pesos`), the rows that look like
 * totals, the stage column of a long table; and a mapping that reads it. The mapping is a first draft to check, not a
 * verdict: `notes` say what it chose and why.
 *
 * @example
 * const inspection = inspectTable(bytes, { file: 'pef2016.csv' });
 * inspection.encoding                     // 'cp850'
 * inspection.suggestedMapping?.amounts    // [{ column: 'PEF_2016', stage: 'approved' }]
 * ingestCsv(bytes, { mapping: inspection.suggestedMapping })
 */
export function inspectTable(input: string | Uint8Array, options: InspectTableOptions = {}): TableInspection {
  if (typeof options !== 'object' || options === null) throw new InvalidArgumentError('options', 'expected an object');
  const file = options.file ?? 'input';
  if (typeof file !== 'string' || file === '')
    throw new InvalidArgumentError('options.file', 'must be a non-empty string');
  if (options.delimiter !== undefined && !DELIMITERS.includes(options.delimiter)) {
    throw new InvalidArgumentError('options.delimiter', 'must be ",", ";", "\\t" or "|"');
  }
  const sampleRows = options.sampleRows ?? Infinity;
  if (!(sampleRows === Infinity || (Number.isInteger(sampleRows) && sampleRows > 0))) {
    throw new InvalidArgumentError('options.sampleRows', 'must be a positive whole number');
  }

  let text: string;
  const decoding: Pick<TableInspection, 'encoding' | 'encodingDetected' | 'mixedEncoding'> = {
    encodingDetected: false,
  };
  if (typeof input === 'string') {
    text = input.replace(/^\ufeff/, '');
  } else if (input instanceof Uint8Array) {
    const decoded = decodeBytes(input, { ...(options.encoding ? { encoding: options.encoding } : {}), file });
    text = decoded.text;
    decoding.encoding = decoded.encoding;
    decoding.encodingDetected = decoded.detected;
    if (decoded.mixed) decoding.mixedEncoding = true;
  } else {
    throw new InvalidArgumentError('input', `expected a string or a Uint8Array, got ${typeof input}`);
  }

  const delimiter = options.delimiter ?? detectTableDelimiter(text);
  const reader = new CsvRecordReader({ delimiter });
  const records = [...reader.push(text), ...reader.end()];
  if (records.every((record) => record.fields.every((field) => field.trim() === ''))) {
    throw new UnreadableInputError(file, 'the input is empty');
  }
  const notes: string[] = [];
  let headerAt = findHeaderRow(records.slice(0, HEAD_ROWS).map((record) => record.fields));
  if (headerAt === undefined) {
    headerAt = records.findIndex((record) => record.fields.some((field) => field.trim() !== ''));
    notes.push(`no row among the first 20 looks like a header: row ${records[headerAt]!.row} is taken as one`);
  }
  const header = records[headerAt]!;
  const names = header.fields.map((field) => field.replace(/^\ufeff/, '').trim());
  const preamble = records
    .slice(0, headerAt)
    .map((record) => ({
      row: record.row,
      text: record.fields
        .map((field) => field.trim())
        .filter(Boolean)
        .join(' '),
    }))
    .filter((line) => line.text !== '');
  const after = records.slice(headerAt + 1);
  const tags =
    after[0]?.fields.some((field) => field.trim() !== '') &&
    after[0].fields.every((field) => field.trim() === '' || field.trim().startsWith('#'));
  const data = after
    .slice(tags ? 1 : 0)
    .filter((record) => record.fields.some((field) => field.trim() !== ''))
    .slice(0, sampleRows);
  const rows = data.map((record) => record.fields);
  const rowNumbers = data.map((record) => record.row);

  const columns = names.map((name, at) =>
    profileColumn(
      name,
      at + 1,
      rows.map((row) => row[at] ?? ''),
    ),
  );
  const stageColumn = findStageColumn(rows, columns);
  const totalRows = findTotalRows(rows, rowNumbers, columns);

  // The body: rows of detail, from which the shape of the chain is read.
  const byRow = new Map<number, number[]>();
  const position = new Map(columns.map((column) => [column.name, column.index - 1]));
  for (const candidate of totalRows) {
    byRow.set(candidate.row, [...(byRow.get(candidate.row) ?? []), position.get(candidate.column)!]);
  }
  const stageAt = stageColumn ? position.get(stageColumn.column)! : -1;
  const body: string[][] = [];
  const totals: TotalRow[] = [];
  rows.forEach((row, at) => {
    const hit = byRow.get(rowNumbers[at]!);
    if (hit) totals.push({ fields: row, columns: hit });
    else if (stageAt === -1 || Object.hasOwn(stageColumn!.stages, (row[stageAt] ?? '').trim())) body.push(row);
  });
  const index = new ValueIndex(body);
  describeCodes(columns, index);

  const unitHints = findUnitHints({
    preamble,
    columns,
    rows: rows.length,
    valuesOf: (column) => [...new Set(rows.map((row) => (row[column.index - 1] ?? '').trim()))].filter(Boolean),
  });
  const currency = findCurrency({
    preamble,
    columns,
    rows: rows.length,
    cellsOf: (column) => rows.map((row) => (row[column.index - 1] ?? '').trim()),
  });
  const suggestion = suggestMapping({
    file,
    names,
    columns,
    index,
    totalRows: totals,
    ...(stageColumn ? { stageColumn } : {}),
    unitHints,
    currency: currency.currency,
    ...(decoding.encoding ? { encoding: decoding.encoding } : {}),
    delimiter,
    headerRow: header.row,
  });

  const inspection: TableInspection = {
    file,
    ...decoding,
    delimiter,
    delimiterDetected: options.delimiter === undefined,
    lineEnds: detectLineEnds(text),
    headerRow: header.row,
    preamble: preamble.map((line) => line.text),
    rowCount: after.length,
    rowsProfiled: rows.length,
    columns,
    unitHints,
    currency: currency.currency,
    totalRows,
    notes: [...notes, ...suggestion.notes, ...currency.notes],
  };
  if (tags) inspection.hxlRow = after[0]!.row;
  if (stageColumn) inspection.stageColumn = stageColumn;
  if (suggestion.mapping) inspection.suggestedMapping = suggestion.mapping;
  return inspection;
}

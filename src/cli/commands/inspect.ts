import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { UnreadableInputError } from '../../errors/UnreadableInputError.js';
import { inspectTable, type InspectTableOptions } from '../../ingest/inspect/inspectTable.js';
import type { ColumnProfile, TableInspection } from '../../ingest/inspect/TableInspection.js';
import { toIngestOptions } from '../commonOptions.js';
import { EXIT } from '../exitCodes.js';
import { forTerminal, formatTable } from '../formatTable.js';
import type { Io } from '../Io.js';
import { toJson } from '../toJson.js';
import { UsageError } from '../UsageError.js';

export const INSPECT_HELP = `Usage: cauce inspect <file> [--json] [--encoding E] [--delimiter D] [--mapping-out FILE]

Looks at a CSV file (gzip too) before it is ingested: encoding, delimiter, line ends, the header row (after any title
rows), how many rows follow; each column's type, distinct values and examples; how amounts are written; the unit the
file states; rows that look like totals; and a suggested mapping that reads the file. Check the mapping, then:
  cauce inspect budget.csv --mapping-out budget.mapping.json
  cauce ingest budget.csv --mapping budget.mapping.json

Options:
  --json              print the whole inspection as JSON
  --encoding NAME     utf-8, windows-1252, iso-8859-1, cp850 (default: detected)
  --delimiter D       , ; tab | (default: detected)
  --mapping-out FILE  write the suggested mapping there as JSON
`;

const OPTIONS = {
  json: { type: 'boolean' },
  encoding: { type: 'string' },
  delimiter: { type: 'string' },
  'mapping-out': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

// Columns and total rows printed in the readable report; --json has them all.
const TOTAL_ROWS_SHOWN = 5;

export async function inspectCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  if (values.help) {
    io.out(INSPECT_HELP);
    return EXIT.done;
  }
  if (positionals.length !== 1) throw new UsageError('inspect takes one file');
  const file = positionals[0]!;
  const input = await toIngestOptions({
    ...(values.delimiter !== undefined ? { delimiter: values.delimiter } : {}),
    ...(values.encoding !== undefined ? { encoding: values.encoding } : {}),
  });
  const options: InspectTableOptions = { file: file.split(/[\\/]/).pop() || file };
  if (input.delimiter !== undefined) options.delimiter = input.delimiter;
  if (input.encoding !== undefined) options.encoding = input.encoding;
  const inspection = inspectTable(await readBytes(file), options);

  const mappingOut = values['mapping-out'];
  if (mappingOut !== undefined) {
    if (!inspection.suggestedMapping) {
      io.err(`cauce: no mapping to write for ${forTerminal(file)}: ${forTerminal(inspection.notes.at(-1) ?? '')}\n`);
      return EXIT.unreadable;
    }
    await writeFile(mappingOut, toJson(inspection.suggestedMapping));
    io.err(`wrote the suggested mapping to ${forTerminal(mappingOut)}\n`);
  }
  io.out(values.json ? toJson(inspection) : formatInspection(inspection));
  return EXIT.done;
}

/** The whole file, gunzipped when it is gzip (by its magic bytes, whatever its name). */
async function readBytes(file: string): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UnreadableInputError(file, code === 'ENOENT' ? 'no such file' : String(error), { cause: error });
  }
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (error) {
    throw new UnreadableInputError(file, `not valid gzip: ${(error as Error).message}`, { cause: error });
  }
}

function formatInspection(inspection: TableInspection): string {
  const lines: string[] = [];
  const encoding = inspection.encoding
    ? `${inspection.encoding} (${inspection.encodingDetected ? 'detected' : 'as given'}${inspection.mixedEncoding ? ', mixed' : ''})`
    : 'text';
  const delimiter = inspection.delimiter === '\t' ? 'tab' : `"${inspection.delimiter}"`;
  lines.push(
    `${inspection.file}: ${encoding}, delimiter ${delimiter}, ${inspection.lineEnds.style.toUpperCase()} line ends`,
    `header: row ${inspection.headerRow}${inspection.hxlRow ? `, HXL tags: row ${inspection.hxlRow}` : ''}; ` +
      `${inspection.rowCount} rows after it`,
  );
  if (inspection.preamble.length > 0) lines.push(`above the header: ${inspection.preamble.join(' | ')}`);
  for (const hint of inspection.unitHints) {
    const where = hint.where === 'preamble' ? `row ${hint.row}` : hint.column;
    lines.push(`unit: ${hint.unit} (${JSON.stringify(hint.text)} in ${where}${hint.everyRow ? ', every row' : ''})`);
  }
  const { currency } = inspection;
  lines.push(
    currency.found === 'none'
      ? 'currency: not found (the default, MXN, applies; set "currency" in the mapping)'
      : `currency: ${currency.code ?? `{${currency.column}}`} (from ${currency.found})`,
  );
  const stage = inspection.stageColumn;
  if (stage) {
    const names = Object.entries(stage.stages).map(([value, name]) => `${value}=${name}`);
    lines.push(
      `stage column: ${stage.column} (${names.join(', ')}); ${stage.percentageRows} percentage rows, ` +
        `${stage.labelRows} label rows`,
    );
  }
  if (inspection.totalRows.length > 0) {
    const shown = inspection.totalRows
      .slice(0, TOTAL_ROWS_SHOWN)
      .map((total) => `row ${total.row} ${total.column}=${JSON.stringify(total.value)}`);
    const more = inspection.totalRows.length > TOTAL_ROWS_SHOWN ? ', ...' : '';
    lines.push(`rows that look like totals: ${inspection.totalRows.length} (${shown.join('; ')}${more})`);
  }
  lines.push('');
  const table = formatTable(
    ['>#', 'column', 'type', '>distinct', '>filled', 'format', 'examples'],
    inspection.columns.map((column) => [
      String(column.index),
      column.name,
      column.type,
      String(column.distinct),
      String(column.nonEmpty),
      formatOf(column),
      column.examples.map((example) => JSON.stringify(example.slice(0, 30))).join(' '),
    ]),
  );
  const mapping = inspection.suggestedMapping;
  const tail: string[] = [''];
  if (mapping) {
    tail.push(
      `suggested mapping: ${mapping.chain.map((level) => level.id.split(':')[0]).join(' -> ')}; ` +
        mapping.amounts
          .map((amount) => `${amount.column} (${amount.stage ?? `stage from ${amount.stageFrom}`})`)
          .join(', ') +
        (mapping.number?.unit ? `, in ${mapping.number.unit}` : ''),
      '(--mapping-out FILE writes it as JSON; --json prints everything)',
    );
  } else {
    tail.push('no mapping suggested');
  }
  if (inspection.notes.length > 0) tail.push('', 'notes:', ...inspection.notes.map((note) => `  - ${note}`));
  return `${lines.map(forTerminal).join('\n')}\n${table}${tail.map(forTerminal).join('\n')}\n`;
}

function formatOf(column: ColumnProfile): string {
  const parts: string[] = [];
  const format = column.numberFormat;
  if (format) {
    parts.push(`decimal ${format.decimal}`);
    if (format.thousands) parts.push(`thousands ${JSON.stringify(format.thousands)}`);
    if (format.dashZeros) parts.push('"-" = 0');
    if (format.parentheses) parts.push('(negatives)');
    if (format.currencySigns.length > 0) parts.push(format.currencySigns.join(' '));
    if (format.invalid > 0) parts.push(`${format.invalid} not amounts`);
  }
  if (column.percentage) parts.push('percentages');
  if (column.stage) parts.push(column.stage);
  if (column.description) parts.push(`named by ${column.description}`);
  if (column.keyColumns && column.keyColumns.length > 0) parts.push(`key with ${column.keyColumns.join(', ')}`);
  if (column.packed) parts.push(`packs two values around "${column.packed.separator}"`);
  return parts.join(', ');
}

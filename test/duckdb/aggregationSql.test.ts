import { describe, expect, it } from 'vitest';
import { aggregationSql } from '../../src/node/duckdb/aggregationSql.js';
import { loadDuckDb } from '../../src/node/duckdb/loadDuckDb.js';
import type { Mapping } from '../../src/ingest/mapping/Mapping.js';

const columns = ['RAMO', 'UR', 'PP', 'MONTO'];
const mapping = (change: Partial<Mapping>): Mapping => ({
  chain: [
    { id: 'ramo:{RAMO}', kind: 'agency' },
    { id: 'ur:{UR}', kind: 'unit' },
  ],
  amounts: [{ column: 'MONTO', stage: 'approved' }],
  ...change,
});

describe('aggregationSql', () => {
  it('aggregationSql(parquet source) reads it with file_row_number and sums exact decimals by the flows grain', () => {
    const sql = aggregationSql({ path: 'pagos.parquet', columns: ['from', 'to', 'amount'] });
    expect(sql).toContain("read_parquet('pagos.parquet', file_row_number = true)");
    expect(sql).toContain('file_row_number + 2 AS cauce_row');
    expect(sql).toContain('CAST(SUM(amount) AS VARCHAR) AS amount');
    expect(sql).toContain('DECIMAL(38, 12)');
    expect(sql).toContain('GROUP BY from_id, to_id, stage, currency, period');
  });

  it('aggregationSql(csv source, { scale }) reads every cell as text and sums at that scale', () => {
    const sql = aggregationSql({ path: "it's.csv", columns: ['from', 'to', 'amount'] }, { scale: 2 });
    expect(sql).toContain("read_csv('it''s.csv', header = true, all_varchar = true");
    expect(sql).toContain('row_number() OVER () + 1 AS cauce_row');
    expect(sql).toContain('DECIMAL(38, 2)');
    expect(sql).not.toContain('DECIMAL(38, 12)');
  });

  it.each([
    [
      'chain[1].id',
      {
        chain: [
          { id: 'ramo:{RAMO}', kind: 'agency' },
          { id: 'ur:{UR|pad(3)}', kind: 'unit' },
        ],
      },
    ],
    [
      'chain[1].id',
      {
        chain: [
          { id: 'ramo:{RAMO}', kind: 'agency' },
          { id: 'ur:{UR?}', kind: 'unit' },
        ],
      },
    ],
    ['skip', { skip: [{ name: 'totals', where: { RAMO: 'TOTAL' } }] }],
    ['totals', { totals: [{ name: 'ramo', where: { UR: '' }, node: 'ramo:{RAMO}' }] }],
    ['amounts[0].stageFrom', { amounts: [{ column: 'MONTO', stageFrom: 'PP' }] }],
    ['date', { date: { column: 'PP', format: 'iso' } }],
    ['number.decimal', { number: { decimal: ',' } }],
  ] as Array<[string, Partial<Mapping>]>)('aggregationSql refuses what it cannot push down: %s', (key, change) => {
    expect(() => aggregationSql({ path: 'a.csv', columns }, { mapping: mapping(change) })).toThrow(
      expect.objectContaining({ name: 'MappingError', code: 'invalid_mapping', key }),
    );
  });

  it('aggregationSql names a column the file lacks with the key that needs it', () => {
    expect(() => aggregationSql({ path: 'a.csv', columns: ['RAMO', 'MONTO'] }, { mapping: mapping({}) })).toThrow(
      expect.objectContaining({ name: 'MappingError', key: 'chain[1].id', column: 'UR' }),
    );
  });

  it('aggregationSql refuses options it cannot honour as InvalidArgumentError', () => {
    const source = { path: 'a.csv', columns: ['from', 'to', 'amount'] };
    for (const options of [
      { decimal: ',' as const },
      { unit: 'thousands' as const },
      { scale: 31 },
      { encoding: 'cp850' },
    ]) {
      expect(() => aggregationSql(source, options)).toThrow(expect.objectContaining({ name: 'InvalidArgumentError' }));
    }
    expect(() => aggregationSql({ path: 'a.csv', columns: ['node', 'period', 'opening', 'closing'] })).toThrow(
      expect.objectContaining({ name: 'InvalidArgumentError', argument: 'source' }),
    );
    expect(() => aggregationSql({ path: 'a.csv', columns: ['x', 'y'] })).toThrow(
      expect.objectContaining({ name: 'UnrecognizedFormatError' }),
    );
  });
});

describe('loadDuckDb', () => {
  it('loadDuckDb without @duckdb/node-api throws a MissingDependencyError that says how to install it', async () => {
    const missing = Object.assign(new Error("Cannot find package '@duckdb/node-api'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    const error = await loadDuckDb(() => Promise.reject(missing)).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: 'MissingDependencyError',
      code: 'missing_dependency',
      dependency: '@duckdb/node-api',
    });
    expect((error as Error).message).toContain('npm install @duckdb/node-api');
  });
});

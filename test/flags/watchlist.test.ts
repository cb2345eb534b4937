import { describe, expect, it } from 'vitest';
import { flag, ingestCsv, type WatchlistEntry } from '../../src/index.js';
import { graphOf } from './graphOf.js';

const entry = (taxId: string, status: string, listedOn?: string): WatchlistEntry => ({
  taxId,
  name: taxId,
  status,
  ...(listedOn ? { listedOn } : {}),
  source: 'SAT 69-B',
  provenance: { file: 'sat.csv', firstRow: 9, lastRow: 9, rows: 1 },
});

const graph = () =>
  graphOf(
    [
      ['sep', 'agency'],
      ['fantasma', 'recipient', 'FAN101010AB1'],
      ['limpia', 'recipient', 'LIM101010AB1'],
    ],
    [
      ['sep', 'fantasma', '100', 'paid', { date: '2018-05-31' }],
      ['sep', 'fantasma', '250', 'paid', { date: '2018-06-01' }],
      ['sep', 'fantasma', '700', 'paid', { date: '2019-01-15' }],
      ['sep', 'limpia', '999', 'paid', { date: '2019-01-15' }],
    ],
  );

describe('rule watchlist', () => {
  it('flags payments on and after the listing date by status, and earlier ones as info', () => {
    const { flags } = flag(graph(), {
      rules: ['watchlist'],
      watchlist: [entry('FAN101010AB1', 'definitivo', '2018-06-01')],
    });
    expect(flags.map((f) => [f.severity, f.amount, f.evidence.active, f.evidence.flows])).toEqual([
      ['high', '950', true, 2],
      ['info', '100', false, 1],
    ]);
    expect(flags[0]!.nodes).toEqual(['fantasma', 'sep']);
    expect(flags[0]!.provenance).toContainEqual({ file: 'sat.csv', firstRow: 9, lastRow: 9, rows: 1 });
    expect(flags[0]!.message.es).toContain('SAT 69-B como definitivo');
  });

  it('takes its severity from the status: presunto medium, desvirtuado and sentencia favorable info', () => {
    const severity = (status: string) =>
      flag(graph(), { rules: ['watchlist'], watchlist: [entry('FAN101010AB1', status)] }).flags.map((f) => f.severity);
    expect(severity('presunto')).toEqual(['medium']);
    expect(severity('desvirtuado')).toEqual(['info']);
    expect(severity('sentencia favorable')).toEqual(['info']);
    expect(severity('inhabilitado')).toEqual(['high']);
  });

  it('stays quiet for payees not listed, and matches tax ids however they were written', () => {
    const fromCsv = ingestCsv(
      'tax_id,name,status,listed_on\nfan-101010-ab1,FANTASMA SA,Definitivo,2017-01-01\n',
    ).watchlist;
    const { flags } = flag(graph(), { rules: ['watchlist'], watchlist: fromCsv });
    expect(flags.map((f) => [f.nodes[0], f.amount])).toEqual([['fantasma', '1050']]);
    expect(flag(graph(), { rules: ['watchlist'] }).flags).toEqual([]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { addFlow, buildFlowGraph, flag, type FlowGraph, ingestOcds } from '../../src/index.js';
import { FIXTURE } from '../paths.js';
import { graphOf } from './graphOf.js';

/** An agency and a supplier, with payments (and, when given, the award) under contract C-1. */
function contractGraph(
  payments: string[],
  terms: Record<string, string> = {},
  more: { committed?: string; currency?: string } = {},
): FlowGraph {
  const graph = graphOf(
    [
      ['sep', 'agency'],
      ['acme', 'recipient'],
    ],
    [],
  );
  const flow = (amount: string, stage: 'paid' | 'committed', date: string) =>
    addFlow(graph, {
      from: 'sep',
      to: 'acme',
      amount,
      stage,
      date,
      reference: 'C-1',
      ...(more.currency ? { currency: more.currency } : {}),
      ...(Object.keys(terms).length > 0 ? { attributes: terms } : {}),
      provenance: [{ file: 'pagos.csv', firstRow: 2, lastRow: 2, rows: 1 }],
    });
  if (more.committed) flow(more.committed, 'committed', '2016-01-05');
  payments.forEach((amount, at) => flow(amount, 'paid', `2016-0${at + 2}-01`));
  return graph;
}

const exceeding = (graph: FlowGraph, config?: Record<string, unknown>) =>
  flag(graph, {
    rules: ['payment-exceeds-contract'],
    ...(config ? { config: { 'payment-exceeds-contract': config } } : {}),
  }).flags;

/** The flow graph of one folder of the OCDS samples, each gzip-compressed document read as published. */
function ocdsGraph(folder: string): FlowGraph {
  const dir = FIXTURE(`mx-ocds/${folder}`);
  const results = readdirSync(dir)
    .filter((name) => name.endsWith('.json.gz'))
    .sort()
    .map((name) => ingestOcds(JSON.parse(gunzipSync(readFileSync(`${dir}/${name}`)).toString('utf8')), { file: name }));
  return buildFlowGraph(results);
}

const value = (contractValue: string) => ({ contractValue, contractCurrency: 'MXN' });

describe('rule payment-exceeds-contract', () => {
  it('flags payments one cent over the contract value, with the excess at stake', () => {
    expect(exceeding(contractGraph(['600', '400'], value('1000')))).toEqual([]);
    const [found, ...rest] = exceeding(contractGraph(['600', '400.01'], value('1000')));
    expect(rest).toEqual([]);
    expect(found).toMatchObject({
      rule: 'payment-exceeds-contract',
      severity: 'high',
      nodes: ['sep', 'acme'],
      amount: '0.01',
      currency: 'MXN',
      evidence: {
        reference: 'C-1',
        paid: '1000.01',
        paidStage: 'paid',
        payments: 2,
        contractValue: '1000',
        contractValueFrom: 'contractValue',
        excess: '0.01',
        tolerance: '0.005',
      },
    });
    expect(found!.flows).toHaveLength(2);
    expect(found!.message.en).toBe(
      '2 payments under contract C-1 add up to $1,000.01 against a contract value of $1,000.00: $0.01 more.',
    );
    expect(found!.message.es).toBe(
      '2 pagos del contrato C-1 suman $1,000.01 frente a un valor del contrato de $1,000.00: $0.01 de más.',
    );
  });

  it('lets payments rounded to the cent meet a value stated in fractions of one', () => {
    // Jalisco's contract 4-83-17 is worth 657640.946 and was paid 657640.95.
    expect(exceeding(contractGraph(['657640.95'], value('657640.946')))).toEqual([]);
    expect(exceeding(contractGraph(['657640.95'], value('657640.946')), { tolerance: '0' })).toHaveLength(1);
  });

  it('takes the value with tax where the contract states one, and the award where no flow states a value', () => {
    const withTax = { contractValue: '1000', contractValueWithTax: '1160', contractCurrency: 'MXN' };
    expect(exceeding(contractGraph(['1160'], withTax))).toEqual([]);
    expect(exceeding(contractGraph(['1160.01'], withTax)).map((f) => f.evidence.contractValueFrom)).toEqual([
      'contractValueWithTax',
    ]);
    const [found] = exceeding(contractGraph(['3000', '2500'], {}, { committed: '5000' }));
    expect(found).toMatchObject({ amount: '500', evidence: { contractValue: '5000', contractValueFrom: 'committed' } });
    // The award's flow is part of the evidence: two payments and the commitment.
    expect(found!.flows).toHaveLength(3);
  });

  it('stays quiet without a contract value in the payments currency', () => {
    expect(exceeding(contractGraph(['3000', '2500']))).toEqual([]);
    expect(exceeding(contractGraph(['3000'], value('1000'), { currency: 'USD' }))).toEqual([]);
  });

  it('takes its tolerance from config', () => {
    const graph = contractGraph(['1000.5'], value('1000'));
    expect(exceeding(graph).map((f) => f.amount)).toEqual(['0.5']);
    expect(exceeding(graph, { tolerance: '0.5' })).toEqual([]);
    expect(exceeding(graph, { tolerance: '0.49' }).map((f) => f.amount)).toEqual(['0.5']);
  });

  it('flags Jalisco contract 1-16-17, paid 11,275,200 against its value of 9,396,000', () => {
    const graph = ocdsGraph('jalisco/records');
    // Computed with Python's json (parse_float=Decimal) from the same files: per contract of each compiled release,
    // the sum of its transactions less its value. Four contracts were paid more than their value; three of them by
    // the rounding of a value in tenths of a cent (0.004, 0.004 and 0.002).
    const [found, ...rest] = exceeding(graph);
    expect(rest).toEqual([]);
    expect(found).toMatchObject({
      nodes: ['DEP-GOB-JAL-03.4-1692', 'P00268'],
      amount: '1879200',
      currency: 'MXN',
      evidence: {
        reference: 'ocds-xs1qbl-SFIN-03-0001-00-2017/1-16-17',
        paid: '11275200',
        payments: 4,
        contractValue: '9396000',
        contractValueFrom: 'contractValue',
        excess: '1879200',
      },
    });
    expect(found!.message.en).toBe(
      '4 payments under contract ocds-xs1qbl-SFIN-03-0001-00-2017/1-16-17 add up to $11,275,200.00 against a ' +
        'contract value of $9,396,000.00: $1,879,200.00 more.',
    );
    expect(found!.provenance).toMatchObject([
      { file: 'ocds-xs1qbl-SFIN-03-0001-00-2017.json.gz', firstRow: 1, lastRow: 1 },
    ]);
    expect(
      exceeding(graph, { tolerance: '0' })
        .map((f) => [f.evidence.reference, f.amount])
        .sort(),
    ).toEqual([
      ['ocds-xs1qbl-02-0070-00-2017/22-63969', '0.004'],
      ['ocds-xs1qbl-SFIN-03-0001-00-2017/1-16-17', '1879200'],
      ['ocds-xs1qbl-SFIN-03-0012-00-2017/4-83-17', '0.004'],
      ['ocds-xs1qbl-SSEG-16-0252-00-2017/10-219-17', '0.002'],
    ]);
  });

  it('flags INAI process PC-0001, paid 62,097.70 against a contract of 62,000', () => {
    // From the same file with Python's json module: one transaction of 62097.7 under a contract valued 62000.
    const found = exceeding(ocdsGraph('inai/releases'));
    expect(found.map((f) => [f.evidence.reference, f.evidence.paid, f.evidence.contractValue, f.amount])).toEqual([
      ['PC-0001', '62097.7', '62000', '97.7'],
    ]);
    expect(found[0]!.message.en).toBe(
      '1 payment under contract PC-0001 comes to $62,097.70 against a contract value of $62,000.00: $97.70 more.',
    );
    expect(found[0]!.message.es).toBe(
      '1 pago del contrato PC-0001 suma $62,097.70 frente a un valor del contrato de $62,000.00: $97.70 de más.',
    );
  });
});

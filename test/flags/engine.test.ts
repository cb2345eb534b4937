import { describe, expect, it } from 'vitest';
import { Decimal, flag, type FlagRule, InvalidArgumentError, makeFlag } from '../../src/index.js';
import { graphOf } from './graphOf.js';

const overspent = () =>
  graphOf(
    [
      ['ramo', 'agency'],
      ['pp', 'programme'],
      ['acme', 'recipient'],
    ],
    [
      ['ramo', 'pp', '1000', 'approved'],
      ['pp', 'acme', '1500', 'paid', { date: '2016-05-01' }],
    ],
  );

describe('flag(graph, options): the rule engine', () => {
  it('flag applies config overrides, and runs only the rules asked for', () => {
    const graph = overspent();
    expect(flag(graph, { rules: ['overspend'] }).flags.map((f) => [f.rule, f.severity, f.amount])).toEqual([
      ['overspend', 'high', '500'],
    ]);
    const tuned = flag(graph, { rules: ['overspend'], config: { overspend: { severity: 'low', tolerance: '500' } } });
    expect(tuned.flags).toEqual([]);
    const lowered = flag(graph, {
      rules: ['overspend'],
      config: { overspend: { severity: 'low', tolerance: '499.99' } },
    });
    expect(lowered.flags.map((f) => [f.severity, f.amount])).toEqual([['low', '500']]);
    expect(flag(graph, { config: { overspend: { enabled: false } } }).summary.byRule.overspend).toBeUndefined();
  });

  it('flag runs a user rule through the same interface as the built-in ones, with its own options', () => {
    const bigFlows: FlagRule<{ over: string }> = {
      id: 'big-flow',
      title: { en: 'Big flow', es: 'Flujo grande' },
      severity: 'low',
      defaults: { over: '1000' },
      run({ graph }, options) {
        return graph
          .filterEdges((_edge, flow) => flow.amount.greaterThan(options.over))
          .map((edge) =>
            makeFlag({
              rule: 'big-flow',
              severity: options.severity,
              nodes: [graph.source(edge)],
              flows: [{ edge, flow: graph.getEdgeAttributes(edge) }],
              amount: graph.getEdgeAttribute(edge, 'amount'),
              currency: 'MXN',
              message: { en: 'big', es: 'grande' },
              evidence: { over: options.over },
            }),
          );
      },
    };
    const result = flag(overspent(), {
      rules: ['big-flow'],
      customRules: [bigFlows],
      config: { 'big-flow': { over: '1200' } },
    });
    expect(result.flags.map((f) => [f.rule, f.amount, f.evidence.over])).toEqual([['big-flow', '1500', '1200']]);
    expect(result.flags[0]!.provenance).toEqual([{ file: 'test.csv', firstRow: 2, lastRow: 2, rows: 1 }]);
    expect(result.summary).toMatchObject({ total: 1, byRule: { 'big-flow': 1 }, amountAtStake: { MXN: '1500' } });
  });

  it('flag throws on an unknown rule, an unknown option, an option of the wrong type, or a bad severity', () => {
    const graph = overspent();
    const misuse = (options: Parameters<typeof flag>[1]) => () => flag(graph, options);
    expect(misuse({ rules: ['overspending'] })).toThrow(InvalidArgumentError);
    expect(misuse({ config: { overspend: { tolerence: '5' } } })).toThrow(
      expect.objectContaining({ argument: 'config.overspend.tolerence' }),
    );
    expect(misuse({ config: { overspend: { tolerance: 5 } } })).toThrow(
      expect.objectContaining({ argument: 'config.overspend.tolerance' }),
    );
    expect(misuse({ config: { overspend: { severity: 'critical' } } })).toThrow(InvalidArgumentError);
    expect(
      misuse({
        customRules: [{ id: 'overspend', title: { en: '', es: '' }, severity: 'low', defaults: {}, run: () => [] }],
      }),
    ).toThrow(InvalidArgumentError);
  });

  it('flag sorts flags by severity, then by the amount at stake', () => {
    const rule = (id: string, severity: 'low' | 'high', amount: string): FlagRule => ({
      id,
      title: { en: id, es: id },
      severity,
      defaults: {},
      run: () => [
        makeFlag({
          rule: id,
          severity,
          nodes: [],
          flows: [],
          amount: new Decimal(amount),
          currency: 'MXN',
          message: { en: '', es: '' },
          evidence: {},
        }),
      ],
    });
    const result = flag(graphOf([], []), {
      rules: ['a', 'b', 'c'],
      customRules: [rule('a', 'low', '900'), rule('b', 'high', '5'), rule('c', 'high', '50')],
    });
    expect(result.flags.map((f) => f.rule)).toEqual(['c', 'b', 'a']);
  });
});

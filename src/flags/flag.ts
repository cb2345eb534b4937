import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { Decimal } from '../money/Decimal.js';
import { assertFlowGraph } from '../model/assertFlowGraph.js';
import type { FlowGraph } from '../model/types.js';
import { BUILT_IN_RULES } from './builtInRules.js';
import { FlowIndex } from './FlowIndex.js';
import { resolveRuleOptions } from './resolveRuleOptions.js';
import { type Flag, type FlagOptions, type FlagResult, type FlagRule, SEVERITIES, type Severity } from './types.js';

/**
 * Runs the flag rules over a graph and returns every flag, most severe first, then largest amount. Each rule's
 * options come from its defaults, overridden by `options.config[ruleId]`; users add rules of their own through
 * `options.customRules`, with the shape the built-in rules have. The graph is left as it was found.
 *
 * @example
 * const { flags, summary } = flag(graph, { watchlist: sat69b.watchlist, config: { 'split-payments': { threshold: '300000' } } });
 * summary.bySeverity.high // 3
 */
export function flag(graph: FlowGraph, options: FlagOptions = {}): FlagResult {
  assertFlowGraph(graph);
  if (typeof options !== 'object' || options === null) throw new InvalidArgumentError('options', 'expected an object');
  const rules = new Map<string, FlagRule<any>>();
  for (const rule of [...BUILT_IN_RULES, ...(options.customRules ?? [])]) {
    if (typeof rule?.id !== 'string' || typeof rule.run !== 'function' || typeof rule.defaults !== 'object') {
      throw new InvalidArgumentError('options.customRules', 'each rule needs an id, defaults, a severity and run()');
    }
    if (rules.has(rule.id))
      throw new InvalidArgumentError('options.customRules', `a rule ${JSON.stringify(rule.id)} exists already`);
    rules.set(rule.id, rule);
  }
  const known = () => [...rules.keys()].join(', ');
  for (const id of options.rules ?? []) {
    if (!rules.has(id))
      throw new InvalidArgumentError('options.rules', `no rule ${JSON.stringify(id)}; rules: ${known()}`);
  }
  for (const id of Object.keys(options.config ?? {})) {
    if (!rules.has(id)) throw new InvalidArgumentError(`options.config.${id}`, `no such rule; rules: ${known()}`);
  }
  const selected = options.rules ? new Set(options.rules) : undefined;
  const context = { graph, watchlist: options.watchlist ?? [], index: new FlowIndex(graph) };

  const flags: Flag[] = [];
  for (const rule of rules.values()) {
    const settings = resolveRuleOptions(rule, options.config?.[rule.id]);
    if (selected ? !selected.has(rule.id) : !settings.enabled) continue;
    try {
      for (const found of rule.run(context, settings)) flags.push(found);
    } finally {
      context.index.scratch.release();
    }
  }
  const sorted = ranked(flags);
  return { flags: sorted, summary: summarize(sorted) };
}

/**
 * The flags most severe first, then largest amount; equal ones keep the order the rules gave them. Each amount is read
 * once: reading both amounts in every comparison would parse tens of thousands of them dozens of times each.
 */
function ranked(flags: Flag[]): Flag[] {
  const severity = flags.map((found) => SEVERITIES.indexOf(found.severity));
  const amount = flags.map((found) => new Decimal(found.amount));
  const order = flags.map((_found, at) => at);
  order.sort((a, b) => severity[b]! - severity[a]! || amount[b]!.comparedTo(amount[a]!) || a - b);
  return order.map((at) => flags[at]!);
}

function summarize(flags: Flag[]): FlagResult['summary'] {
  const byRule: Record<string, number> = {};
  const bySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  const atStake = new Map<string, Decimal>();
  for (const found of flags) {
    byRule[found.rule] = (byRule[found.rule] ?? 0) + 1;
    bySeverity[found.severity]++;
    atStake.set(found.currency, (atStake.get(found.currency) ?? new Decimal(0)).plus(found.amount));
  }
  return {
    total: flags.length,
    byRule,
    bySeverity,
    amountAtStake: Object.fromEntries([...atStake].map(([currency, amount]) => [currency, amount.toFixed()])),
  };
}

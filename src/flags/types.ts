import type { WatchlistEntry } from '../ingest/records.js';
import type { FlowGraph, Provenance } from '../model/types.js';
import type { FlowIndex } from './FlowIndex.js';

export const SEVERITIES = ['info', 'low', 'medium', 'high'] as const;

export type Severity = (typeof SEVERITIES)[number];

/** A sentence in each language cauce speaks. */
export interface Bilingual {
  en: string;
  es: string;
}

/**
 * A place where the money looks wrong, explained: which rule, how serious, the nodes and flows involved, the amount at
 * stake, a sentence a journalist can read, the numbers that tripped the rule beside its threshold, and the files and
 * rows they came from.
 */
export interface Flag {
  rule: string;
  severity: Severity;
  nodes: string[];
  /** Edge keys of the flows involved, in the graph the rule ran on. */
  flows: string[];
  /** The amount at stake, exact. */
  amount: string;
  currency: string;
  message: Bilingual;
  /** The numbers that tripped the rule, and the threshold they crossed, as exact strings where they are money. */
  evidence: Record<string, string | number | boolean | string[]>;
  provenance: Provenance[];
}

/** What every rule is given: the graph, the watchlists, and indexes built once and shared. */
export interface RuleContext {
  graph: FlowGraph;
  watchlist: WatchlistEntry[];
  index: FlowIndex;
}

/** Options every rule takes, whatever its own: its severity (overriding the default) and whether it runs. */
export interface CommonRuleOptions {
  severity: Severity;
  enabled: boolean;
}

/**
 * A rule: built-in rules and users' own rules have this same shape. `defaults` holds every option the rule takes and
 * its default value; a user's configuration may override them (and `severity`, and `enabled`), never add others.
 */
export interface FlagRule<Options extends object = Record<string, unknown>> {
  id: string;
  title: Bilingual;
  severity: Severity;
  defaults: Options;
  run(context: RuleContext, options: Options & CommonRuleOptions): Flag[];
}

/** Per-rule overrides, as a config file holds them: `{ "overspend": { "severity": "high" } }`. */
export type FlagConfig = Record<string, Record<string, unknown>>;

export interface FlagOptions {
  /** Run only these rules (by id). Default: every rule, built-in and custom, that is enabled. */
  rules?: string[];
  /** Per-rule option overrides. */
  config?: FlagConfig;
  /** Rules of your own, run with the built-in ones. */
  customRules?: FlagRule<any>[];
  /** Lists of companies or people to check payees against (SAT 69-B, debarments). */
  watchlist?: WatchlistEntry[];
}

export interface FlagSummary {
  total: number;
  byRule: Record<string, number>;
  bySeverity: Record<Severity, number>;
  /** The amounts at stake added up per currency (exact strings); one flow may be at stake under several rules. */
  amountAtStake: Record<string, string>;
}

export interface FlagResult {
  flags: Flag[];
  summary: FlagSummary;
}

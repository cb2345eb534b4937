import type { WatchlistEntry } from '../../ingest/records.js';
import { Decimal } from '../../money/Decimal.js';
import { describeNode } from '../describeNode.js';
import type { IndexedFlow } from '../FlowIndex.js';
import { makeFlag } from '../makeFlag.js';
import { money } from '../money.js';
import { SEVERITIES, type Flag, type FlagRule, type Severity } from '../types.js';

export interface WatchlistOptions {
  /** The severity of each status, lower case; a status not listed takes the rule's severity. */
  statusSeverity: Record<string, Severity>;
  /** The stages whose flows count as payments. */
  stages: string[];
}

/**
 * `watchlist`: a payee whose tax id is on a watchlist (SAT's 69-B list, a debarment list). Its severity follows the
 * listing's status (definitivo high, presunto medium, desvirtuado and sentencia favorable info). Only payments dated
 * on or after the listing date count as active; earlier ones are reported apart, as info, since the payer could not
 * have known. Undated flows count as active, and the evidence says how many there were.
 */
export const watchlist: FlagRule<WatchlistOptions> = {
  id: 'watchlist',
  title: { en: 'Payee on a watchlist', es: 'Beneficiario en una lista de riesgo' },
  severity: 'high',
  defaults: {
    statusSeverity: { definitivo: 'high', presunto: 'medium', desvirtuado: 'info', 'sentencia favorable': 'info' },
    stages: ['paid', 'exercised', 'accrued', 'committed'],
  },
  run({ graph, watchlist: entries }, options) {
    if (entries.length === 0) return [];
    const listed = strongestListing(entries, options.statusSeverity, options.severity);
    const flags: Flag[] = [];
    graph.forEachNode((node, attributes) => {
      const entry = attributes.taxId === undefined ? undefined : listed.get(attributes.taxId);
      if (!entry) return;
      const active: IndexedFlow[] = [];
      const earlier: IndexedFlow[] = [];
      graph.forEachInEdge(node, (edge, flow) => {
        if (!options.stages.includes(flow.stage)) return;
        const before = entry.listedOn !== undefined && flow.date !== undefined && flow.date < entry.listedOn;
        (before ? earlier : active).push({ edge, flow });
      });
      const severity = severityOf(entry, options.statusSeverity, options.severity);
      for (const [flows, isActive] of [
        [active, true],
        [earlier, false],
      ] as const) {
        for (const [currency, group] of byCurrency(flows)) {
          const amount = group.reduce((sum, { flow }) => sum.plus(flow.amount), new Decimal(0));
          const payers = [...new Set(group.map(({ flow }) => flow.from))];
          const who = describeNode(graph, node);
          const total = money(amount, currency);
          const since = entry.listedOn ? ` (listed ${entry.listedOn})` : '';
          const desde = entry.listedOn ? ` (en la lista desde ${entry.listedOn})` : '';
          flags.push(
            makeFlag({
              rule: 'watchlist',
              severity: isActive ? severity : 'info',
              nodes: [node, ...payers],
              flows: group,
              amount,
              currency,
              message: isActive
                ? {
                    en: `${who}, on the ${entry.source ?? 'watchlist'} as ${entry.status}${since}, received ${total.en} in ${group.length === 1 ? '1 flow' : `${group.length} flows`}.`,
                    es: `${who}, en ${entry.source ?? 'la lista'} como ${entry.status}${desde}, recibió ${total.es} en ${group.length === 1 ? '1 flujo' : `${group.length} flujos`}.`,
                  }
                : {
                    en: `${who} received ${total.en} before it was listed as ${entry.status} on ${entry.listedOn}.`,
                    es: `${who} recibió ${total.es} antes de entrar a la lista como ${entry.status} el ${entry.listedOn}.`,
                  },
              evidence: {
                taxId: entry.taxId,
                status: entry.status,
                listedOn: entry.listedOn ?? '',
                source: entry.source ?? '',
                active: isActive,
                flows: group.length,
                undatedFlows: group.filter(({ flow }) => flow.date === undefined).length,
              },
              provenance: [entry.provenance],
            }),
          );
        }
      }
    });
    return flags;
  },
};

/** One listing per tax id: the most severe status, and of equals the earliest listing (SAT lists some RFCs twice). */
function strongestListing(entries: WatchlistEntry[], statusSeverity: Record<string, Severity>, fallback: Severity) {
  const listed = new Map<string, WatchlistEntry>();
  for (const entry of entries) {
    const current = listed.get(entry.taxId);
    if (!current) {
      listed.set(entry.taxId, entry);
      continue;
    }
    const rank = (one: WatchlistEntry) => SEVERITIES.indexOf(severityOf(one, statusSeverity, fallback));
    if (
      rank(entry) > rank(current) ||
      (rank(entry) === rank(current) && (entry.listedOn ?? '') < (current.listedOn ?? ''))
    ) {
      listed.set(entry.taxId, entry);
    }
  }
  return listed;
}

function severityOf(entry: WatchlistEntry, statusSeverity: Record<string, Severity>, fallback: Severity): Severity {
  return Object.hasOwn(statusSeverity, entry.status) ? statusSeverity[entry.status]! : fallback;
}

function byCurrency(flows: IndexedFlow[]): Map<string, IndexedFlow[]> {
  const groups = new Map<string, IndexedFlow[]>();
  for (const item of flows) {
    const list = groups.get(item.flow.currency);
    if (list) list.push(item);
    else groups.set(item.flow.currency, [item]);
  }
  return groups;
}

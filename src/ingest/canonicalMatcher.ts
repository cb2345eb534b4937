import { UnrecognizedFormatError } from '../errors/UnrecognizedFormatError.js';
import { readBalanceRow } from './readBalanceRow.js';
import { readFlowRow } from './readFlowRow.js';
import { readWatchlistRow } from './readWatchlistRow.js';
import { recognizeFormat } from './recognizeFormat.js';
import type { HeaderMatcher, TableInterpreter } from './TableInterpreter.js';

/** Recognises the canonical flows, balances and watchlist tables by their header. */
export function canonicalMatcher(defaultCurrency: string): HeaderMatcher {
  return {
    match(header): TableInterpreter | undefined {
      const format = recognizeFormat(header);
      switch (format) {
        case 'flows':
          return {
            format,
            read(row, sink) {
              const flow = readFlowRow(row, defaultCurrency);
              if (flow) sink.addFlow(flow);
              return undefined;
            },
          };
        case 'balances':
          return {
            format,
            read(row, sink) {
              const balance = readBalanceRow(row, defaultCurrency);
              if (balance) sink.balances.push(balance);
              return undefined;
            },
          };
        case 'watchlist':
          return {
            format,
            read(row, sink) {
              const entry = readWatchlistRow(row);
              if (entry) sink.watchlist.push(entry);
              return undefined;
            },
          };
        default:
          return undefined;
      }
    },
    noHeader: (file, candidates) => new UnrecognizedFormatError(file, candidates[0] ?? []),
  };
}

import { buildFlowGraph, type FlowGraph } from '../../src/index.js';
import { UK_COUNCIL_SPEND } from '../../src/ingest/presets/ukCouncilSpend.js';
import { UK_SPEND } from '../../src/ingest/presets/ukSpend.js';
import { ingestFile } from '../../src/node/index.js';
import { FIXTURE } from '../paths.js';

/** The 38 Cabinet Office months, 2019-06 to 2022-07 (see fixtures/uk-spend/SOURCE.md), as one graph. */
export async function cabinetOfficeGraph(): Promise<FlowGraph> {
  const results = [];
  for (let at = 0; at < 38; at++) {
    const year = 2019 + Math.floor((5 + at) / 12);
    const month = `${year}-${String(((5 + at) % 12) + 1).padStart(2, '0')}`;
    results.push(
      await ingestFile(FIXTURE(`uk-spend/${month}.csv.gz`), { mapping: UK_SPEND.mapping!, file: `${month}.csv` }),
    );
  }
  return buildFlowGraph(results, { defaultCurrency: 'GBP' });
}

/** Leeds City Council's spend over £500 for June 2020, as published. */
export async function leedsJune2020Graph(): Promise<FlowGraph> {
  const result = await ingestFile(FIXTURE('uk-spend/leeds-2020-06.csv.gz'), {
    mapping: UK_COUNCIL_SPEND.mapping!,
    file: 'leeds-2020-06.csv',
  });
  return buildFlowGraph(result, { defaultCurrency: 'GBP' });
}

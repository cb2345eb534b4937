import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { columnKey } from '../ingest/mapping/columnKey.js';
import { assertFlowGraph } from '../model/assertFlowGraph.js';
import type { FlowGraph } from '../model/types.js';
import { csvCell } from './csvCell.js';
import { describeProvenance } from './describeProvenance.js';
import { FLOW_COLUMNS } from '../ingest/readFlowRow.js';

export interface ToFlowsCsvOptions {
  /**
   * Prefix text cells that start with `=`, `+`, `-`, `@`, a tab or a carriage return with an apostrophe, so that a
   * spreadsheet shows them instead of running them as formulas. Default `true`. Amount cells are never touched: cauce
   * writes them itself as plain decimals (`-1234.5`), which spreadsheets and cauce both read as numbers. Turn it off
   * for a file that only programs read and that must give back ids such as `-SIN RFC-` exactly.
   */
  neutralizeFormulas?: boolean;
  /** Write the `provenance` column (`pef.csv:2-17`, see below). Default `true`. */
  provenance?: boolean;
  /** Write each flow's extra attributes (columns of its source that cauce has no field for). Default `true`. */
  attributes?: boolean;
  /** Start with a byte order mark, so that Excel opens the UTF-8 text with its accents right. Default `false`. */
  bom?: boolean;
}

const DEFAULTS: Required<ToFlowsCsvOptions> = {
  neutralizeFormulas: true,
  provenance: true,
  attributes: true,
  bom: false,
};

/** The canonical flows columns, in the order `ingestCsv` documents them. */
const CANONICAL = [...FLOW_COLUMNS.required, ...FLOW_COLUMNS.optional];

/**
 * Writes every flow of the graph as a row of cauce's canonical flows CSV, which `ingestCsv` reads back with no
 * mapping: RFC 4180 quoting, CRLF line ends, amounts exact (`Decimal.toFixed()`, never an exponent), each end's kind,
 * name and tax id on every row, so that graph -> CSV -> `ingestCsv` -> `buildFlowGraph` gives the same flows and
 * nodes. `period` and `provenance` (`file:firstRow-lastRow`, `; ` between files) follow, then one column per extra
 * attribute the flows carry; an attribute whose name is taken by a column before it is written as `name_2`, as
 * `ingestCsv` names a repeated column.
 *
 * What flows cannot hold is left out: node attributes, trust balances and declared totals (see `toGraphJson`).
 * `ingestCsv` reads `period` and `provenance` back as flow attributes, and the new graph's provenance points at the
 * CSV; a cell neutralised against formulas comes back with its leading apostrophe.
 *
 * @example
 * toFlowsCsv(graph).split('\r\n')[1]
 * // 'ramo:23,pp:23-U128,1954356,approved,,MXN,agency,programme,Provisiones Salariales y Económicas,...'
 */
export function toFlowsCsv(graph: FlowGraph, options: ToFlowsCsvOptions = {}): string {
  assertFlowGraph(graph);
  if (typeof options !== 'object' || options === null) throw new InvalidArgumentError('options', 'expected an object');
  const settings = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS) as Array<keyof ToFlowsCsvOptions>) {
    const value = options[key];
    if (value === undefined) continue;
    if (typeof value !== 'boolean') throw new InvalidArgumentError(`options.${key}`, 'must be true or false');
    settings[key] = value;
  }

  const header: string[] = [...CANONICAL];
  if (settings.provenance) header.push('provenance');
  // Attribute name -> its column, in the order flows first show them.
  const attributeColumns = new Map<string, string>();
  if (settings.attributes) {
    const taken = new Set(header.map(columnKey));
    graph.forEachEdge((_edge, flow) => {
      for (const name of Object.keys(flow.attributes ?? {})) {
        if (attributeColumns.has(name)) continue;
        let column = name;
        for (let copy = 2; taken.has(columnKey(column)); copy++) column = `${name}_${copy}`;
        taken.add(columnKey(column));
        attributeColumns.set(name, column);
        header.push(column);
      }
    });
  }

  const cell = (text: string | undefined) => csvCell(text ?? '', settings.neutralizeFormulas);
  const lines: string[] = [header.map(cell).join(',')];
  graph.forEachEdge((_edge, flow, _source, _target, from, to) => {
    const cells = [
      cell(flow.from),
      cell(flow.to),
      // Machine-written plain decimals: neither quoted nor neutralised, so a negative amount stays a number.
      flow.amount.toFixed(),
      cell(flow.stage),
      cell(flow.date),
      cell(flow.currency),
      cell(from.kind),
      cell(to.kind),
      cell(from.name),
      cell(to.name),
      cell(from.taxId),
      cell(to.taxId),
      cell(flow.reference),
      cell(flow.period),
    ];
    if (settings.provenance) cells.push(cell(describeProvenance(flow.provenance)));
    for (const name of attributeColumns.keys()) {
      cells.push(cell(flow.attributes && Object.hasOwn(flow.attributes, name) ? flow.attributes[name] : undefined));
    }
    lines.push(cells.join(','));
  });
  return (settings.bom ? '\ufeff' : '') + lines.join('\r\n') + '\r\n';
}

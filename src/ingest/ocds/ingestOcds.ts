import { IngestError } from '../../errors/IngestError.js';
import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import type { FlowRecord, IngestResult } from '../records.js';
import type { IngestReport, RowIssue } from '../RowIssue.js';
import { OCDS_SKIP_RULES, ocdsRows } from './ocdsRows.js';
import { readAwards } from './readAwards.js';
import { readBudgetBreakdown } from './readBudgetBreakdown.js';
import { readTransactions } from './readTransactions.js';
import { ReleaseReader } from './ReleaseReader.js';
import { appendAll } from '../../util/appendAll.js';

export interface IngestOcdsOptions {
  /** The name used in provenance and row issues. Default `input`. */
  file?: string;
  /** The currency of values that do not state one. Default `MXN`. */
  defaultCurrency?: string;
  /** Throw an IngestError on the first release with an issue instead of reporting it. Default false. */
  strict?: boolean;
}

/**
 * Reads Open Contracting (OCDS 1.0 and 1.1) JSON, already parsed, into flows: a release, a record, a release package
 * or a record package (or a plain list of releases). From each release it reads
 * - awards: buyer -> supplier, `committed`, the award's value and date, reference `ocid/award id`;
 * - payments (`contracts[].implementation.transactions`): payer -> payee, `paid`, reference `ocid/contract id`;
 * - APF's `contracts[].implementation.budgetBreakdown`: budget line -> supplier at each measure's stage.
 * Flows carry in `attributes` the `ocid`, the ids of the award, contract and transaction, the contract's value
 * (`contractValue`, `contractCurrency`) and `path`, the JSON path of the item they were read from.
 *
 * Rows: each release (or record) of the document is one row, numbered by its 1-based position in its list (a
 * document that is one release is row 1); issues name the JSON path of the bad value as their column. Every row is
 * accepted, rejected (it has issues) or skipped under a rule of `OCDS_SKIP_RULES`. A rejected release still gives the
 * flows of its sound parts: a process holds many independent payments, and one without a payee says nothing against
 * the others.
 *
 * @example
 * const { flows, report } = ingestOcds(JSON.parse(text), { file: 'PC-0001.json' });
 * flows[0].stage        // 'committed'
 * report.rowsRead       // 1
 */
export function ingestOcds(json: unknown, options: IngestOcdsOptions = {}): IngestResult {
  if (typeof options !== 'object' || options === null) throw new InvalidArgumentError('options', 'expected an object');
  const file = options.file ?? 'input';
  if (typeof file !== 'string') throw new InvalidArgumentError('options.file', 'expected a string');
  const defaultCurrency = options.defaultCurrency ?? 'MXN';
  if (typeof defaultCurrency !== 'string' || !/^[A-Z]{3}$/.test(defaultCurrency)) {
    throw new InvalidArgumentError('options.defaultCurrency', 'expected an ISO 4217 code such as MXN');
  }
  const strict = options.strict === true;

  const flows: FlowRecord[] = [];
  const report: IngestReport = {
    file,
    format: 'flows',
    mapping: 'ocds',
    rowsRead: 0,
    accepted: 0,
    rejected: 0,
    skipped: 0,
    skippedByRule: {},
    issues: [],
  };
  const reject = (issues: RowIssue[]) => {
    report.rejected++;
    appendAll(report.issues, issues);
    if (strict) throw new IngestError(issues);
  };

  for (const row of ocdsRows(json, file)) {
    report.rowsRead++;
    if (row.malformed) {
      const issue: RowIssue = {
        file,
        row: row.row,
        column: row.path,
        code: 'missing_field',
        message: `${row.path} is not a release or record object`,
        value: JSON.stringify(row.malformed.value) ?? String(row.malformed.value),
      };
      reject([issue]);
      continue;
    }
    if (row.skip !== undefined || !row.release) {
      skip(report, row.skip ?? OCDS_SKIP_RULES.noMoney);
      continue;
    }
    const reader = new ReleaseReader(row.release, { file, row: row.row, path: row.path, defaultCurrency });
    readAwards(reader);
    readTransactions(reader);
    readBudgetBreakdown(reader);
    appendAll(flows, reader.flows);
    if (reader.issues.length > 0) reject(reader.issues);
    else if (reader.flows.length === 0) skip(report, OCDS_SKIP_RULES.noMoney);
    else report.accepted++;
  }
  return { file, format: 'flows', flows, balances: [], watchlist: [], declaredTotals: [], report };
}

function skip(report: IngestReport, rule: string): void {
  report.skipped++;
  report.skippedByRule[rule] = (report.skippedByRule[rule] ?? 0) + 1;
}

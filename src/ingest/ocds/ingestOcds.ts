import { IngestError } from '../../errors/IngestError.js';
import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import type { FlowRecord, IngestResult } from '../records.js';
import type { IngestReport, RowIssue } from '../RowIssue.js';
import { moneyParts } from './moneyParts.js';
import { OCDS_SKIP_RULES, ocdsRows } from './ocdsRows.js';
import { readAwards } from './readAwards.js';
import { readBudgetBreakdown } from './readBudgetBreakdown.js';
import { readTransactions } from './readTransactions.js';
import { ReleaseReader } from './ReleaseReader.js';
import { appendAll } from '../../util/appendAll.js';
import { countUnder } from '../countUnder.js';

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
 * Releases are partial, so the releases of one process (`ocid`) in a package are compiled into one, as a record's
 * compiled release is (by date, later values winning field by field, awards and payments merged by `id`), and read
 * once: an award published before an implementation release that lists only payments is kept, and an award
 * published again, changed or not, is counted once at its latest value.
 *
 * Rows: each release (or record) of the document is one row, numbered by its 1-based position in its list (a
 * document that is one release is row 1); issues name the row and JSON path of the release that published the bad
 * value. Every row is accepted (a flow was read from a value it published; a flow's provenance spans those rows),
 * rejected (it has issues) or skipped under a rule of `OCDS_SKIP_RULES`: `superseded` when all its money parts were
 * published again by a later release of its process, `no-money` when it had none to give. A rejected release still
 * gives the flows of its sound parts: a process holds many independent payments, and one without a payee says
 * nothing against the others.
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

  const { rows, readings } = ocdsRows(json, file);
  // What each row gave, settled once every reading is done: the releases of one process are read together.
  const issuesByRow = new Map<number, RowIssue[]>();
  const rowsWithFlows = new Set<number>();
  const rowsWithMoney = new Set<number>();
  for (const { compiled } of readings) {
    const reader = new ReleaseReader(compiled, { file, defaultCurrency });
    readAwards(reader);
    readTransactions(reader);
    readBudgetBreakdown(reader);
    appendAll(flows, reader.flows);
    for (const issue of reader.issues) {
      const list = issuesByRow.get(issue.row);
      if (list) list.push(issue);
      else issuesByRow.set(issue.row, [issue]);
    }
    for (const row of reader.rowsWithFlows) rowsWithFlows.add(row);
    for (const part of moneyParts(compiled.release)) {
      for (const row of compiled.rowsUnder(part)) rowsWithMoney.add(row);
    }
  }

  for (const row of rows) {
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
    } else if (row.skip !== undefined) {
      skip(report, row.skip);
    } else if (issuesByRow.has(row.row)) {
      reject(issuesByRow.get(row.row)!);
    } else if (rowsWithFlows.has(row.row)) {
      report.accepted++;
    } else if (row.release && !rowsWithMoney.has(row.row) && moneyParts(row.release).length > 0) {
      // Its awards and payments are all in a later release of the process, which gave the flows.
      skip(report, OCDS_SKIP_RULES.superseded);
    } else {
      skip(report, OCDS_SKIP_RULES.noMoney);
    }
  }
  return { file, format: 'flows', flows, balances: [], watchlist: [], declaredTotals: [], report };
}

function skip(report: IngestReport, rule: string): void {
  report.skipped++;
  countUnder(report.skippedByRule, rule);
}

import type { RowIssue } from '../ingest/RowIssue.js';
import { CauceError } from './CauceError.js';

/** Thrown by strict ingest on the first bad row; carries every issue found up to that point. */
export class IngestError extends CauceError {
  readonly issues: readonly RowIssue[];

  constructor(issues: readonly RowIssue[]) {
    const first = issues[0];
    const where = first ? `${first.file}, row ${first.row}${first.column ? `, column ${first.column}` : ''}` : 'input';
    super('ingest_failed', `${where}: ${first ? first.message : 'ingest failed'}`);
    this.name = 'IngestError';
    this.issues = issues;
  }
}

// An investigation a journalist can start from: a budget, the payments made from it, and SAT's 69-B list, joined
// into one graph; then where the money does not add up, and where it looks wrong, each with where it came from.
import { fileURLToPath } from 'node:url';
import { buildFlowGraph, flag, formatAmount, Decimal, reconcile, type Provenance } from '../../src/index.js';
import { ingestFile } from '../../src/node/index.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const [
  budgetFile = here('../../data/ramo23-2016-flows.csv.gz'),
  paymentsFile = here('./pagos-ejemplo.csv'),
  listFile = here('../../test/fixtures/mx-sat-69b/Listado_Completo_69-B.csv.gz'),
] = process.argv.slice(2);

const where = (provenance: Provenance[]) =>
  provenance
    .map((p) => `${p.file.split('/').pop()}:${p.firstRow}${p.lastRow > p.firstRow ? `-${p.lastRow}` : ''}`)
    .join(', ');

// 1. Read: every row is accepted, rejected with its reason, or skipped by a named rule.
const budget = await ingestFile(budgetFile);
const payments = await ingestFile(paymentsFile);
const list = await ingestFile(listFile, { preset: 'sat-69b' });
for (const { report } of [budget, payments, list]) {
  console.log(
    `${report.file.split('/').pop()}: ${report.rowsRead} rows, ${report.accepted} accepted, ${report.rejected} rejected, ${report.skipped} skipped`,
  );
}

// 2. Join: nodes meet by id, so the municipalities the budget funds are the payers of the payments file.
const graph = buildFlowGraph([budget, payments]);

// 3. Does the money add up?
const checks = reconcile(graph);
const mismatches = checks.checks.filter((check) => check.status === 'mismatch');
console.log(`\nreconciliation: ${checks.summary.checked} checks, ${mismatches.length} mismatches`);
for (const check of mismatches
  .sort((a, b) => new Decimal(b.difference).abs().comparedTo(new Decimal(a.difference).abs()))
  .slice(0, 5)) {
  console.log(
    `  ${check.check}: ${check.reason} [${where([...check.provenance.expected, ...check.provenance.actual])}]`,
  );
}

// 4. Where does it look wrong?
const { flags, summary } = flag(graph, {
  watchlist: list.watchlist,
  config: { 'split-payments': { threshold: '500000' } },
});
console.log(`\nflags: ${summary.total} (${summary.bySeverity.high} high, ${summary.bySeverity.medium} medium)`);
for (const found of flags.slice(0, 10)) {
  const amount = formatAmount(new Decimal(found.amount), { currency: found.currency });
  console.log(
    `  [${found.severity}] ${found.rule}: ${found.message.es} (${amount} en juego) [${where(found.provenance)}]`,
  );
}

import type { WatchlistMapping } from '../watchlist/WatchlistMapping.js';
import type { Preset } from './registry.js';

/**
 * SAT's list of taxpayers under article 69-B of the Código Fiscal de la Federación ("Listado completo de
 * contribuyentes"): companies and people presumed to invoice simulated operations. It is a watchlist, not flows: each
 * row becomes an entry with the RFC, the name, the status (`presunto`, `desvirtuado`, `definitivo`, `sentencia
 * favorable`) and the date the party was listed.
 *
 * The listing date is the day SAT first published the party as presunto on its web page (`Publicación página SAT
 * presuntos`), not the later DOF publication: the web page comes first (7 to 84 days before the DOF in the November
 * 2022 list), so from that day a payer could know, and a payment after it is the one worth flagging. The DOF date,
 * the oficio numbers and the dates of each later status are kept on the entry as attributes.
 *
 * The file opens with two title rows (counted as `preamble`). Rows whose RFC SAT replaced with `XXXXXXXXXXXX` and
 * whose name with "Información suprimida en cumplimiento a ..." (a court ordered the data removed) name nobody: they
 * are skipped by the rule `suppressed`. An RFC may be listed more than once (listed, cleared by a court, listed
 * again); every row is kept as its own entry. A note SAT appends to a name after `//` is kept as the attribute `note`.
 */
export const SAT_69B: Preset & { watchlist: WatchlistMapping } = {
  name: 'sat-69b',
  description: "SAT's article 69-B list (EFOS): RFC, name, status and listing date of each listed taxpayer",
  watchlist: {
    kind: 'watchlist',
    name: 'sat-69b',
    entry: {
      taxId: '{RFC}',
      name: '{Nombre del Contribuyente|before(//)}',
      status: '{Situación del contribuyente}',
      listedOn: { column: 'Publicación página SAT presuntos', format: 'dd/mm/yyyy' },
      source: 'SAT 69-B',
      attributes: { note: '{Nombre del Contribuyente|after(//)}' },
    },
    skip: [{ name: 'suppressed', where: { RFC: { matches: '^X{12,13}$' } } }],
  },
};

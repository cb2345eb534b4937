import { Decimal } from '../../money/Decimal.js';
import { idText } from './idText.js';
import { isJsonObject } from './isJsonObject.js';
import type { ReleaseReader } from './ReleaseReader.js';

/**
 * Turns the release's awards into committed flows, buyer -> supplier, for the award's value on the award's date,
 * with reference `ocid/award id`. Unsuccessful and cancelled awards committed nothing and are passed over. Each flow
 * carries the terms of the contracts signed under the award (`contractId`, `contractValue`, `contractCurrency`).
 */
export function readAwards(reader: ReleaseReader): void {
  const contracts = reader.list(reader.release.contracts);
  reader.list(reader.release.awards).forEach((award, index) => {
    const relative = `awards[${index}]`;
    if (!isJsonObject(award)) {
      reader.fail(relative, 'missing_field', `${reader.at(relative)} is not an award object`, award);
      return;
    }
    if (reader.isVoid(award)) return;
    const money = reader.money(award.value, `${relative}.value`);
    const supplier = reader.suppliers(award.suppliers, `${relative}.suppliers`);
    const date = reader.date(award.date, `${relative}.date`);
    const buyer = reader.buyer();
    if (!money || !supplier || !buyer || date === false) return;

    const awardId = idText(award.id);
    const attributes: Record<string, string> = { path: reader.at(relative) };
    if (awardId !== undefined) attributes.awardId = awardId;
    Object.assign(attributes, contractsOf(reader, contracts, awardId));
    reader.addFlow(buyer, supplier, money, 'committed', {
      item: relative,
      ...(date !== undefined ? { date } : {}),
      ...(reader.reference(awardId) !== undefined ? { reference: reader.reference(awardId)! } : {}),
      attributes,
    });
  });
}

/** The terms of the contracts under one award; several contracts are listed together, their values added. */
function contractsOf(reader: ReleaseReader, contracts: unknown[], awardId: string | undefined): Record<string, string> {
  if (awardId === undefined) return {};
  const terms = contracts
    .map((contract, index) => (isJsonObject(contract) && idText(contract.awardID) === awardId ? index : -1))
    .filter((index) => index >= 0)
    .map((index) => reader.contractTerms(index));
  if (terms.length <= 1) return terms[0] ?? {};
  const joined: Record<string, string> = {};
  const ids = terms.map((term) => term.contractId).filter((id) => id !== undefined);
  if (ids.length > 0) joined.contractId = ids.join(' ');
  const currencies = new Set(terms.map((term) => term.contractCurrency));
  // Values in two currencies, or a contract without one, cannot make one total: none is given rather than a wrong one.
  if (currencies.size === 1 && terms.every((term) => term.contractValue !== undefined)) {
    joined.contractValue = terms.reduce((sum, term) => sum.plus(term.contractValue!), new Decimal(0)).toFixed();
    joined.contractCurrency = terms[0]!.contractCurrency!;
  }
  return joined;
}

import { idText } from './idText.js';
import { isJsonObject } from './isJsonObject.js';
import type { ReleaseReader } from './ReleaseReader.js';

/**
 * Turns the payments of each contract (`contracts[].implementation.transactions`) into paid flows, payer -> payee,
 * with reference `ocid/contract id` so that the payments of one contract group together, and the contract's terms
 * beside them. Both field sets are read: 1.1 `payer`, `payee`, `value` and 1.0 `providerOrganization`,
 * `receiverOrganization`, `amount` (CDMX's `amount: {amount, currency}`).
 */
export function readTransactions(reader: ReleaseReader): void {
  reader.list(reader.release.contracts).forEach((contract, contractIndex) => {
    if (!isJsonObject(contract) || !isJsonObject(contract.implementation)) return;
    const transactions = reader.list(contract.implementation.transactions);
    transactions.forEach((transaction, index) => {
      const relative = `contracts[${contractIndex}].implementation.transactions[${index}]`;
      if (!isJsonObject(transaction)) {
        reader.fail(relative, 'missing_field', `${reader.at(relative)} is not a transaction object`, transaction);
        return;
      }
      const valueKey = pick(transaction, 'value', 'amount');
      const payerKey = pick(transaction, 'payer', 'providerOrganization');
      const payeeKey = pick(transaction, 'payee', 'receiverOrganization');
      const money = reader.money(transaction[valueKey], `${relative}.${valueKey}`);
      const payer = reader.organization(transaction[payerKey], `${relative}.${payerKey}`, 'agency');
      const payee = reader.organization(transaction[payeeKey], `${relative}.${payeeKey}`, 'recipient');
      const date = reader.date(transaction.date, `${relative}.date`);
      if (!money || !payer || !payee || date === false) return;

      const terms = reader.contractTerms(contractIndex);
      const attributes: Record<string, string> = { path: reader.at(relative), ...terms };
      const transactionId = idText(transaction.id);
      if (transactionId !== undefined) attributes.transactionId = transactionId;
      const awardId = idText(contract.awardID);
      if (awardId !== undefined) attributes.awardId = awardId;
      const reference = reader.reference(terms.contractId);
      reader.addFlow(payer, payee, money, 'paid', {
        item: relative,
        ...(date !== undefined ? { date } : {}),
        ...(reference !== undefined ? { reference } : {}),
        attributes,
      });
    });
  });
}

/** The 1.1 field when the transaction has it, else the 1.0 one when it has that, else the 1.1 name (for the issue). */
function pick(transaction: Record<string, unknown>, current: string, legacy: string): string {
  if (transaction[current] !== undefined && transaction[current] !== null) return current;
  if (transaction[legacy] !== undefined && transaction[legacy] !== null) return legacy;
  return current;
}

import { isJsonObject, type JsonObject } from './isJsonObject.js';

/**
 * The paths, within a release, of the parts that can hold money: each award, each payment
 * (`contracts[].implementation.transactions[]`) and each budget breakdown
 * (`contracts[].implementation.budgetBreakdown[]`).
 * A release with none has nothing to read; a release whose parts were all published again by a later release of its
 * process is read through that later release.
 *
 * @example
 * moneyParts({ awards: [{ id: 'a1' }], contracts: [{ implementation: { transactions: [{ id: 't1' }] } }] })
 * // ['awards[0]', 'contracts[0].implementation.transactions[0]']
 */
export function moneyParts(release: JsonObject): string[] {
  const parts: string[] = [];
  listOf(release.awards).forEach((_, index) => parts.push(`awards[${index}]`));
  listOf(release.contracts).forEach((contract, index) => {
    if (!isJsonObject(contract) || !isJsonObject(contract.implementation)) return;
    const { transactions, budgetBreakdown } = contract.implementation;
    const at = `contracts[${index}].implementation`;
    listOf(transactions).forEach((_, item) => parts.push(`${at}.transactions[${item}]`));
    listOf(budgetBreakdown).forEach((_, item) => parts.push(`${at}.budgetBreakdown[${item}]`));
  });
  return parts;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

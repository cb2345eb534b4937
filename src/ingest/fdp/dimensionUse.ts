import type { FdpDimension } from './readFdpDescriptor.js';

/** The places a dimension can take in cauce's chain, in the order the chain runs from payer to payee. */
export const CHAIN_ROLES = [
  'payer',
  'administrative',
  'functional',
  'activity',
  'economic',
  'location',
  'payee',
] as const;

export type ChainRole = (typeof CHAIN_ROLES)[number];

/**
 * What cauce does with a dimension: a place in the chain, the time of the row (`time`), its budget phase (`phase`),
 * its direction (`direction`), its reference (`reference`), an entity whose role the package does not say
 * (`entity`), or nothing (`other`, with the reason).
 */
export type DimensionUse =
  { use: ChainRole } | { use: 'time' | 'phase' | 'direction' | 'reference' | 'entity' } | { use: 'other'; why: string };

// Dimension names as the spec's recommendations and OpenSpending's column types spell them, compared without case,
// spaces or punctuation ("invoice-id" = "invoiceID").
const PAYERS = new Set(['payer', 'administrator', 'procurer', 'funder', 'spender', 'buyer']);
const PAYEES = new Set(['payee', 'supplier', 'recipient', 'beneficiary', 'vendor', 'contractor']);
const REFERENCES = new Set([
  'invoiceid',
  'invoice',
  'invoicenumber',
  'receipt',
  'receiptno',
  'receiptnumber',
  'budgetlineid',
  'budgetlineitem',
  'transactionid',
  'reference',
]);
const CLASSIFICATIONS = new Set(['administrative', 'functional', 'economic']);

/**
 * Decides a dimension's use from its `dimensionType` and `classificationType` (spec 0.3: datetime, entity,
 * classification, activity, fact, location, other), from OpenSpending's hyphenated types (`administrative-
 * classification`, `functional-classification`, `economic-classification`), from the roles `payer` and `payee`,
 * and, when those are absent or only say `entity`, from the dimension's name (`administrator`, `supplier`,
 * `invoice-id`, `date`, `phase`, `cofog`...).
 */
export function dimensionUse(dimension: FdpDimension): DimensionUse {
  const type = simple(dimension.dimensionType ?? '');
  const name = simple(dimension.name);
  if (type === 'datetime' || type === 'date' || /^(date|year|fiscalyear|period)/.test(name)) return { use: 'time' };
  if (name === 'phase' || name === 'direction') return { use: name };
  if (type === 'fact' || REFERENCES.has(name)) return { use: 'reference' };
  if (type === 'payer' || PAYERS.has(name)) return { use: 'payer' };
  if (type === 'payee' || PAYEES.has(name)) return { use: 'payee' };

  const classification =
    classificationOf(dimension.classificationType) ??
    classificationOf(dimension.dimensionType?.replace(/-classification$/i, '')) ??
    classificationOf(dimension.name.replace(/-classification$/i, '')) ??
    (name === 'cofog' ? 'functional' : name === 'gfsm' ? 'economic' : undefined);
  if (classification && (type === '' || type === 'classification' || type === `${classification}classification`)) {
    return { use: classification };
  }
  if (type === 'activity' || name === 'activity') return { use: 'activity' };
  if (type === 'location' || name === 'location' || name.startsWith('geo')) return { use: 'location' };
  if (type === 'entity') return { use: 'entity' };
  if (type === 'classification') {
    return { use: 'other', why: 'a classification that names no classificationType' };
  }
  return { use: 'other', why: type ? `dimensionType ${dimension.dimensionType}` : 'no dimensionType' };
}

function classificationOf(value: string | undefined): 'administrative' | 'functional' | 'economic' | undefined {
  const type = simple(value ?? '');
  return CLASSIFICATIONS.has(type) ? (type as 'administrative' | 'functional' | 'economic') : undefined;
}

function simple(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

import type { Decimal } from '../../money/Decimal.js';
import { isIsoDate } from '../../model/isIsoDate.js';
import type { NodeKind } from '../../model/kinds.js';
import type { Stage } from '../../model/stages.js';
import type { Provenance } from '../../model/types.js';
import type { FlowRecord, NodeRef } from '../records.js';
import type { RowIssue, RowIssueCode } from '../RowIssue.js';
import type { CompiledRelease } from './compileReleases.js';
import { idText } from './idText.js';
import { isJsonObject, type JsonObject } from './isJsonObject.js';
import { jsonAmount } from './jsonAmount.js';
import { rfcOf } from './rfcOf.js';

// YYYY-MM-DD, optionally followed by a time and a zone; the date part is kept.
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

// Award statuses that say no money was committed.
const VOID_STATUSES = new Set(['unsuccessful', 'cancelled']);

export interface ReleaseSettings {
  file: string;
  defaultCurrency: string;
}

export interface Money {
  amount: Decimal;
  currency: string;
}

/** What one contract says about itself, kept on the flows that pay it so that payments can be compared to it. */
export type ContractTerms = Record<string, string>;

/**
 * Reads the parts of one OCDS release, as published or compiled from the releases of one process. Getters record an
 * issue (file, row, JSON path, raw value) instead of throwing, so that a release reports every problem it has at
 * once; the flows of its sound parts are kept beside the issues. Issues and flows name the row and the JSON path of
 * the release that published the part, not its place in the compiled release.
 */
export class ReleaseReader {
  readonly flows: FlowRecord[] = [];
  readonly issues: RowIssue[] = [];
  /** The rows that gave at least one flow. */
  readonly rowsWithFlows = new Set<number>();
  readonly ocid: string | undefined;
  readonly release: JsonObject;
  private readonly parties = new Map<string, JsonObject>();
  private buyerRef: NodeRef | null | undefined;
  private readonly terms = new Map<number, ContractTerms>();

  constructor(
    readonly compiled: CompiledRelease,
    readonly settings: ReleaseSettings,
  ) {
    const release = compiled.release;
    this.release = release;
    this.ocid = idText(release.ocid);
    for (const party of this.list(release.parties)) {
      const id = isJsonObject(party) ? idText(party.id) : undefined;
      // The first description of a party wins: INAI lists a supplier twice, once per role.
      if (id !== undefined && !this.parties.has(id)) this.parties.set(id, party as JsonObject);
    }
  }

  /** The path of a part of the release from the document's root, as issues and flows name it. */
  at(relative: string): string {
    return this.compiled.locate(relative).path;
  }

  /** The rows a flow read from the part at `relative` came from: every release that set a value inside it. */
  provenance(relative: string): Provenance {
    const rows = this.compiled.rowsUnder(relative);
    for (const row of rows) this.rowsWithFlows.add(row);
    return { file: this.settings.file, firstRow: rows[0]!, lastRow: rows[rows.length - 1]!, rows: rows.length };
  }

  /** An array as published, or none: OCDS writes absent lists as missing keys, `null` or `[]` alike. */
  list(value: unknown): unknown[] {
    return Array.isArray(value) ? value : [];
  }

  fail(relative: string, code: RowIssueCode, message: string, raw?: unknown): void {
    // A part read twice (an award's suppliers, for the award and for its contract's budget) is reported once.
    const origin = this.compiled.locate(relative);
    if (this.issues.some((issue) => issue.column === origin.path && issue.code === code)) return;
    const issue: RowIssue = {
      file: this.settings.file,
      row: origin.row,
      column: origin.path,
      code,
      message,
    };
    if (raw !== undefined) {
      // String(), not JSON: a number shows as the parser read it, and Infinity as itself rather than `null`.
      issue.value = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : JSON.stringify(raw);
    }
    this.issues.push(issue);
  }

  /** True when an award's status says that no money was committed. */
  isVoid(award: JsonObject): boolean {
    return typeof award.status === 'string' && VOID_STATUSES.has(award.status.trim().toLowerCase());
  }

  /**
   * Reads an OCDS Value (`{amount, currency}`) at `relative`. An absent currency is the default one; an absent
   * Value or amount is a `missing_field`.
   */
  money(value: unknown, relative: string): Money | undefined {
    let raw: unknown = value;
    let currencyRaw: unknown;
    let amountPath = relative;
    if (isJsonObject(value)) {
      raw = value.amount;
      currencyRaw = value.currency;
      amountPath = `${relative}.amount`;
    }
    if (raw === undefined || raw === null || raw === '') {
      this.fail(amountPath, 'missing_field', `${this.at(amountPath)} is missing`);
      return undefined;
    }
    const parsed = jsonAmount(raw);
    if (!parsed.ok) this.fail(amountPath, 'invalid_amount', parsed.message, raw);
    const currency = this.currency(currencyRaw, `${relative}.currency`);
    return parsed.ok && currency !== undefined ? { amount: parsed.value, currency } : undefined;
  }

  private currency(raw: unknown, relative: string): string | undefined {
    if (raw === undefined || raw === null || raw === '') return this.settings.defaultCurrency;
    if (typeof raw === 'string' && /^[A-Za-z]{3}$/.test(raw.trim())) return raw.trim().toUpperCase();
    this.fail(relative, 'bad_currency', `${JSON.stringify(raw)} is not an ISO 4217 currency code`, raw);
    return undefined;
  }

  /** The date part of an ISO date or date-time; an absent date is no date, a malformed one an issue. */
  date(raw: unknown, relative: string): string | undefined | false {
    if (raw === undefined || raw === null || raw === '') return undefined;
    const datePart = typeof raw === 'string' ? ISO_DATE_TIME.exec(raw.trim())?.[1] : undefined;
    if (datePart === undefined || !isIsoDate(datePart)) {
      this.fail(relative, 'bad_date', `${JSON.stringify(raw)} is not an ISO date`, raw);
      return false;
    }
    return datePart;
  }

  /**
   * The node an organization reference stands for: 1.1 references (`{id, name}`, described in `parties`), 1.0
   * organizations (`{identifier, name}`) and 1.0 transaction identifiers (`{id, legalName}`) alike.
   *
   * A recipient with an RFC is known by its RFC, so that a company is one node across releases, processes and
   * publishers (CDMX names the same supplier by a hash in the award and by its RFC in the payments). An agency keeps
   * the id it is published under: one RFC covers many government bodies (GDF9712054NA is every CDMX dependency).
   */
  organization(ref: unknown, relative: string, kind: NodeKind): NodeRef | undefined {
    if (!isJsonObject(ref)) {
      this.fail(relative, 'missing_field', `${this.at(relative)} is missing`, ref ?? undefined);
      return undefined;
    }
    const identifier = isJsonObject(ref.identifier) ? ref.identifier : undefined;
    const published = idText(ref.id) ?? identifierKey(identifier);
    if (published === undefined) {
      this.fail(`${relative}.id`, 'missing_field', `${this.at(relative)} has no id`, ref);
      return undefined;
    }
    const party = this.parties.get(published);
    const partyIdentifier = isJsonObject(party?.identifier) ? party.identifier : undefined;
    const additional = this.list(party?.additionalIdentifiers).map((entry) =>
      isJsonObject(entry) ? entry.id : undefined,
    );
    const taxId = rfcOf([partyIdentifier?.id, ...additional, identifier?.id, published]);
    const node: NodeRef = { id: kind === 'recipient' && taxId !== undefined ? taxId : published, kind };
    const name = [party?.name, ref.name, ref.legalName, partyIdentifier?.legalName, identifier?.legalName]
      .map(idText)
      .find((text) => text !== undefined);
    if (name !== undefined) node.name = name;
    if (taxId !== undefined) node.taxId = taxId;
    return node;
  }

  /**
   * The buyer of the release: `buyer` (1.0 and 1.1), else the one party whose roles say buyer, else the tender's
   * procuring entity. Asked for once per release; a release without one reports it once.
   */
  buyer(): NodeRef | undefined {
    if (this.buyerRef !== undefined) return this.buyerRef ?? undefined;
    const { release } = this;
    let found: NodeRef | undefined;
    if (release.buyer !== undefined && release.buyer !== null) {
      found = this.organization(release.buyer, 'buyer', 'agency');
    } else {
      const buyers = [...this.parties.values()].filter((party) =>
        this.list(party.roles).some((role) => role === 'buyer'),
      );
      const tender = isJsonObject(release.tender) ? release.tender : undefined;
      if (buyers.length === 1) found = this.organization(buyers[0], 'parties', 'agency');
      else if (tender?.procuringEntity !== undefined && tender.procuringEntity !== null) {
        found = this.organization(tender.procuringEntity, 'tender.procuringEntity', 'agency');
      } else this.fail('buyer', 'missing_field', `${this.at('buyer')} is missing and no single party is the buyer`);
    }
    this.buyerRef = found ?? null;
    return found;
  }

  /**
   * The recipient of a list of suppliers. Several suppliers sharing one value are not split (no one published the
   * shares): the money goes to one joint node, `joint:` and the members' ids, that names its members.
   */
  suppliers(list: unknown, relative: string): NodeRef | undefined {
    const entries = this.list(list);
    if (entries.length === 0) {
      this.fail(relative, 'missing_field', `${this.at(relative)} is empty: the money has no recipient`);
      return undefined;
    }
    const members = entries.map((entry, at) => this.organization(entry, `${relative}[${at}]`, 'recipient'));
    if (members.some((member) => member === undefined)) return undefined;
    const unique = [...new Map(members.map((member) => [member!.id, member!])).values()];
    if (unique.length === 1) return unique[0];
    const sorted = unique.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return {
      id: `joint:${sorted.map((member) => member.id).join('+')}`,
      kind: 'recipient',
      name: sorted.map((member) => member.name ?? member.id).join(' + '),
      attributes: { members: sorted.map((member) => member.id).join(' ') },
    };
  }

  /**
   * What a contract says about itself (`contractId`, `contractValue`, `contractCurrency`, and APF's
   * `contractValueWithTax`), read once per contract; a contract value that is there but unreadable is an issue.
   */
  contractTerms(index: number): ContractTerms {
    const cached = this.terms.get(index);
    if (cached) return cached;
    const terms: ContractTerms = {};
    const contract = this.list(this.release.contracts)[index];
    if (isJsonObject(contract)) {
      const id = idText(contract.id);
      if (id !== undefined) terms.contractId = id;
      const relative = `contracts[${index}]`;
      if (contract.value !== undefined && contract.value !== null) {
        const value = this.money(contract.value, `${relative}.value`);
        if (value) {
          terms.contractValue = value.amount.toFixed();
          terms.contractCurrency = value.currency;
        }
      }
      if (isJsonObject(contract.valueWithTax) && contract.valueWithTax.amount !== undefined) {
        const value = this.money(contract.valueWithTax, `${relative}.valueWithTax`);
        if (value) {
          terms.contractValueWithTax = value.amount.toFixed();
          terms.contractCurrency ??= value.currency;
        }
      }
    }
    this.terms.set(index, terms);
    return terms;
  }

  /** `ocid/part`, or whichever of the two exists. */
  reference(part: string | undefined): string | undefined {
    if (this.ocid !== undefined && part !== undefined) return `${this.ocid}/${part}`;
    return this.ocid ?? part;
  }

  addFlow(
    from: NodeRef,
    to: NodeRef,
    money: Money,
    stage: Stage,
    details: { item: string; date?: string; reference?: string; attributes: Record<string, string> },
  ): void {
    const flow: FlowRecord = {
      from,
      to,
      amount: money.amount,
      currency: money.currency,
      stage,
      provenance: this.provenance(details.item),
    };
    if (details.date !== undefined) flow.date = details.date;
    if (details.reference !== undefined) flow.reference = details.reference;
    const attributes: Record<string, string> = {};
    if (this.ocid !== undefined) attributes.ocid = this.ocid;
    flow.attributes = Object.assign(attributes, details.attributes);
    this.flows.push(flow);
  }
}

/** A 1.0 organization's id: `scheme-id`, as OCDS builds party ids, or the bare id when no scheme is named. */
function identifierKey(identifier: JsonObject | undefined): string | undefined {
  const id = idText(identifier?.id);
  if (id === undefined) return undefined;
  const scheme = idText(identifier?.scheme);
  return scheme === undefined ? id : `${scheme}-${id}`;
}

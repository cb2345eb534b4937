import type { AmountUnit } from '../../money/unit.js';
import type { NodeKind } from '../../model/kinds.js';
import type { Stage } from '../../model/stages.js';
import type { Delimiter } from '../detectDelimiter.js';

/**
 * A declarative mapping: how the rows of a published table become flows. JSON-serialisable, so that the same mapping
 * is a file for the CLI (`--mapping FILE`) and an object for the API.
 *
 * Templates such as `"ur:{Ramo}-{UNIDAD}"` build values from columns: `{COLUMN}` is the trimmed cell, `{COLUMN?}` a
 * column some files lack, and filters transform it: `{PP|pad(3)}` (U57 -> U057), `{NOMBRE|before(:)}`,
 * `{NOMBRE|after(:)}`, `{X|upper}`, `{X|lower}`, `{X|fold}` (runs of spaces to one), `{X|taxid}`, `{X|default(none)}`,
 * `{X|slug}` (ascii, lower case, dashes: Michoacán and Michoacan meet), `{X|match(^(XAC\d\d))}` (the first capture
 * group), `{MES|month}` (Enero -> 01), `{X|map(9999=999;N/A=)}` (whole values replaced), `{SUBRAMO?|or(RAMO)}` (another column when this one is empty).
 * Column names match without regard to case, accents or surrounding spaces. In `where` conditions too, a column
 * name ending in `?` may be missing from a file (its cells then read as empty).
 */
export interface Mapping {
  name?: string;
  description?: string;
  /** Force an encoding; default: detected. */
  encoding?: string;
  /** Default: detected. */
  delimiter?: Delimiter;
  /** The row (1-based) that holds the column names; default: the first row that has every column the mapping needs. */
  headerRow?: number;
  /** How amounts are written: decimal mark, unit, and whether exponent notation (5.7e-08) is read exactly. */
  number?: { decimal?: '.' | ','; unit?: AmountUnit; exponent?: boolean };
  /** A currency code, or a template naming a column that holds one. Default MXN (or the caller's default). */
  currency?: string;
  /**
   * Other names a column goes by in some files (schema drift across years): `{ "SUBRAMO": ["SUB_RAMO"] }`. A `*` in an
   * alias stands for any text: `"PEF_*"` matches `PEF_2016` and `PEF_2017`.
   */
  aliases?: Record<string, string[]>;
  /** The nodes each row's money runs through, from payer to final recipient; each consecutive pair makes a flow. */
  chain: NodeLevel[];
  /** The amount columns; each makes the chain's flows at its stage. */
  amounts: AmountColumn[];
  /** Template of the period the row covers, e.g. `"{CICLO}"` or `"2016"`. */
  period?: string;
  /** The column of a payment's date and how it is written: one format, or several tried in order. */
  date?: { column: string; format: DateFormat | DateFormat[] };
  /** Template of the contract or invoice reference. */
  reference?: string;
  /** Rows that declare a total instead of detail; the first rule that matches wins. */
  totals?: TotalRule[];
  /** Rows to skip, each counted under its rule's name; checked before anything else. */
  skip?: SkipRule[];
  /**
   * Add up flows as they are read: `true` (the default) or `'payments'` adds up rows with the same ends, stage,
   * currency, date, period and reference; `'flows'` adds up rows with the same ends, stage, currency and period.
   */
  aggregate?: boolean | 'payments' | 'flows';
}

export interface NodeLevel {
  /** Template of the node id; make it unique across the graph, e.g. `"ur:{Ramo}-{UNIDAD}"`. */
  id: string;
  kind: NodeKind;
  /** Template of the node's name. */
  name?: string;
  /** Template of the node's tax id (RFC). */
  taxId?: string;
  /** Classification attributes, each a template. */
  attributes?: Record<string, string>;
  /** When the id comes out empty, leave this level out of the row's chain instead of rejecting the row. */
  optional?: boolean;
}

export interface AmountColumn {
  column: string;
  /** The stage of the amounts in this column. */
  stage?: Stage;
  /** Or: the column that names each row's stage (long tables such as Cuenta Pública). */
  stageFrom?: string;
  /** With `stageFrom`: the values that name each stage; default: stage names in English or Spanish. */
  stages?: Record<string, Stage>;
  /** What an empty cell means: `reject` the row (default), `skip` this amount, or `zero`. */
  whenEmpty?: 'reject' | 'skip' | 'zero';
  /** The column may be missing from a file (one format with more stages than another); at least one must be there. */
  optional?: boolean;
}

export type DateFormat = 'iso' | 'dd/mm/yyyy' | 'mm/dd/yyyy' | 'dd-mmm-yy' | 'dd/mm/yy' | 'mmmm dd, yyyy';

/** A condition on one cell: a value it equals, or one test. */
export type Matcher =
  | string
  | { equals: string }
  | { in: string[] }
  | { startsWith: string }
  | { matches: string; flags?: string }
  | { empty: boolean }
  | { not: Matcher };

/** All the columns named must match. */
export type Condition = Record<string, Matcher>;

export interface SkipRule {
  name: string;
  where: Condition;
}

export interface TotalRule {
  name: string;
  where: Condition;
  /** Template of the node whose outflows the row declares the total of, e.g. `"ramo:{RAMO}"`. */
  node: string;
}

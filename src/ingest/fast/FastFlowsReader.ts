import type { Stage } from '../../model/stages.js';
import { normalizeTaxId } from '../../model/normalizeTaxId.js';
import type { NodeKind } from '../../model/kinds.js';
import { CsvRecordReader } from '../CsvRecordReader.js';
import { type ChunkDecoder, createDecoder } from '../decode/createDecoder.js';
import type { Encoding } from '../decode/encodings.js';
import { type Delimiter, detectDelimiter } from '../detectDelimiter.js';
import type { NodeRef } from '../records.js';
import type { TableIngester } from '../TableIngester.js';
import { type TableHeader, TableRow, type ValueFormat } from '../TableRow.js';
import { ByteTokens } from './ByteTokens.js';
import { scanPlainAmount } from './scanPlainAmount.js';
import { type RecordCells, scanRecord } from './scanRecord.js';
import { isoDayNumber } from './isoDayNumber.js';
import { type FastPlan, planFor, type ShapePlan, shapePlanFor } from './plans.js';
import { type RowShape, readRowShape, withPlaceholders } from './rowShape.js';

const LF = 0x0a;
// Encodings in which every byte below 0x80 is the ASCII character: delimiters, quotes and line ends can be found in
// the bytes without decoding.
const ASCII_COMPATIBLE: ReadonlySet<Encoding> = new Set(['utf-8', 'windows-1252', 'iso-8859-1', 'cp850']);
const ONE_COLUMN: TableHeader = { names: ['value'], index: new Map([['value', 0]]) };
const INVALID = null;

type Phase = 'header' | 'first-row' | 'fast' | 'shaped' | 'general';

// The shape cache gives up (and the full reader takes the rest) when rows keep bringing new shapes: past this many
// shapes, once there are more than half as many shapes as rows.
const SHAPES_BEFORE_GIVING_UP = 65_536;

/** Can a table in this encoding, read with these settings, take the fast reader? */
export function fastReaderFits(encoding: Encoding | undefined, format: ValueFormat): boolean {
  return encoding !== undefined && ASCII_COMPATIBLE.has(encoding) && format.decimal === '.';
}

/**
 * Reads a canonical flows table at the `flows` grain straight from bytes: cells are found without decoding, values
 * seen before are recognised by their bytes (ByteTokens), plain amounts become integer minor units, and rows are added
 * into the accumulator with no object per row. It is an accelerator, not a second reader: each distinct value is
 * judged once by the same code that reads rows the full way (TableRow), and any row it is not sure of (an empty or
 * bad cell, a formatted amount, a field count that differs, the row under the header) goes to the TableIngester as
 * text, so the outcome (flows, issues, counts) is the full reader's. Quoting beyond a plain quoted cell, or a line
 * ended by CR alone, hands the rest of the table to the full reader.
 */
export class FastFlowsReader {
  private phase: Phase = 'header';
  private carry: Uint8Array = new Uint8Array(0);
  private row = 1;
  private started = false;
  private delimiterByte = 0;
  private delimiterChoice: Delimiter | undefined;
  private general: { reader: CsvRecordReader; decoder: ChunkDecoder } | undefined;
  private plan: FastPlan | undefined;
  private shapes: ShapePlan | undefined;
  private pendingAccepted = 0;
  private readonly cells: RecordCells = { bounds: new Int32Array(64), count: 0 };
  private mixedSeen = false;
  private cellDecoder: ChunkDecoder | undefined;

  constructor(
    private readonly ingester: TableIngester,
    private readonly encoding: Encoding,
    private readonly format: ValueFormat,
    private readonly defaultCurrency: string,
    private readonly file: string,
    delimiter?: Delimiter,
  ) {
    if (delimiter !== undefined) this.useDelimiter(delimiter);
  }

  get delimiter(): Delimiter | undefined {
    return this.delimiterChoice;
  }

  /** True once a value was read as windows-1252 inside a UTF-8 table. */
  get mixed(): boolean {
    return this.mixedSeen || (this.general?.decoder.mixed ?? false);
  }

  push(chunk: Uint8Array): void {
    if (this.general) {
      this.ingester.accept(this.general.reader.push(this.general.decoder.decode(chunk)));
      return;
    }
    let bytes = this.carry.length === 0 ? chunk : concat(this.carry, chunk);
    if (!this.started) {
      if (bytes.length < 3 && this.encoding === 'utf-8') {
        this.carry = bytes;
        return;
      }
      this.started = true;
      if (this.encoding === 'utf-8' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        bytes = bytes.subarray(3);
      }
    }
    const lastLineEnd = bytes.lastIndexOf(LF);
    if (lastLineEnd === -1) {
      this.carry = bytes;
      return;
    }
    const stop = this.readRecords(bytes, 0, lastLineEnd + 1, false);
    this.carry = stop === -1 ? new Uint8Array(0) : bytes.slice(lastLineEnd + 1);
    this.flush();
  }

  end(): void {
    if (this.general) {
      const { reader, decoder } = this.general;
      this.ingester.accept(reader.push(decoder.end()));
      this.ingester.accept(reader.end());
      return;
    }
    const rest = this.carry;
    this.carry = new Uint8Array(0);
    if (rest.length > 0) {
      // The last record has no line end: give it one, so that it reads like the others.
      const closed = concat(rest, Uint8Array.of(LF));
      this.readRecords(closed, 0, closed.length, true);
    }
    if (this.general) this.end();
    this.flush();
  }

  /** Reads the whole records in bytes[start, stop); -1 when the rest went to the full reader. */
  private readRecords(bytes: Uint8Array, start: number, stop: number, final: boolean): number {
    let at = start;
    while (at < stop) {
      if (this.delimiterChoice === undefined) this.useDelimiter(detectDelimiter(this.decode(bytes, at, stop)));
      const next = scanRecord(bytes, at, this.delimiterByte, this.cells);
      if (next === -1) {
        this.handOff(bytes.subarray(at, final ? stop - 1 : bytes.length));
        return -1;
      }
      const fields = this.cells.count;
      if (this.phase === 'fast' && this.readFast(bytes, fields)) {
        this.pendingAccepted++;
      } else if (this.phase !== 'shaped' || !this.readShaped(bytes, fields)) {
        this.readGeneral(bytes, fields);
      }
      this.row++;
      at = next;
      // A table the fast reader has no plan for is read the full way from the row under its header.
      if (this.phase === 'general' && at < stop) {
        this.handOff(bytes.subarray(at, final ? stop - 1 : bytes.length));
        return -1;
      }
    }
    return at;
  }

  private readGeneral(bytes: Uint8Array, count: number): void {
    this.flush();
    const fields: string[] = new Array(count);
    for (let cell = 0; cell < count; cell++) {
      fields[cell] = this.decode(bytes, this.cells.bounds[cell * 2]!, this.cells.bounds[cell * 2 + 1]!);
    }
    this.ingester.accept([{ fields, row: this.row }]);
    if (this.phase === 'header') {
      const matched = this.ingester.matched;
      if (matched) {
        const { header, width, interpreter } = matched;
        this.plan = planFor(header, width, this.ingester.accumulator, interpreter);
        if (!this.plan) this.shapes = shapePlanFor(header, width, this.ingester.accumulator, interpreter);
        // The row under the header may hold HXL tags: the full reader looks at it.
        this.phase = this.plan || this.shapes ? 'first-row' : 'general';
      }
    } else if (this.phase === 'first-row') {
      this.phase = this.plan ? 'fast' : 'shaped';
    }
  }

  /**
   * A mapped table's row: when its amounts are plain and its key cells have been seen together before, the flows the
   * full reader gave for them get this row's amounts, with no string and no object made. False sends the row to the
   * full reader.
   */
  private readShaped(bytes: Uint8Array, count: number): boolean {
    const plan = this.shapes!;
    if (count !== plan.width) return false;
    const bounds = this.cells.bounds;
    const shift = this.format.powerOfTen;
    for (let at = 0; at < plan.amountColumns.length; at++) {
      const column = plan.amountColumns[at]!;
      if (!scanPlainAmount(bytes, bounds[column * 2]!, bounds[column * 2 + 1]!, shift, plan.sum)) return false;
      plan.units[at] = plan.sum.units;
      plan.scales[at] = plan.sum.scale;
    }
    for (let at = 0; at < plan.keyColumns.length; at++) {
      const column = plan.keyColumns[at]!;
      plan.tuple[at] = plan.tokens[at]!.intern(bytes, bounds[column * 2]!, bounds[column * 2 + 1]!);
    }
    plan.rows++;
    let index = plan.table.get(plan.tuple);
    if (index === -1) {
      index = plan.shapes.length;
      plan.shapes.push(this.shapeOf(bytes, count, plan));
      plan.table.set(plan.tuple, index);
      if (index > SHAPES_BEFORE_GIVING_UP && index * 2 > plan.rows) this.phase = 'general';
    }
    const shape = plan.shapes[index]!;
    if (shape.kind === 'general') return false;
    if (shape.kind === 'skip') {
      this.flush();
      this.ingester.countSkipped(shape.rule);
      return true;
    }
    const accumulator = plan.accumulator;
    for (const flow of shape.flows) {
      let group = flow.group;
      if (group === -1) {
        group = accumulator.find(flow.from, flow.to, flow.context);
        if (group === -1) {
          group = accumulator.create(
            flow.from,
            flow.to,
            flow.context,
            flow.fromRef,
            flow.toRef,
            this.row,
            flow.date,
            flow.reference,
          );
        }
        flow.group = group;
      }
      const shared = accumulator.referenceOf(group);
      if (shared !== null && shared !== flow.reference) accumulator.referenceDiffers(group);
      accumulator.add(group, plan.units[flow.amount]!, plan.scales[flow.amount]!, this.row, flow.date);
    }
    const counts = plan.interpreter.normalizations;
    if (counts) for (const [rule, added] of shape.normalizations) counts[rule] = (counts[rule] ?? 0) + added;
    this.pendingAccepted++;
    return true;
  }

  private shapeOf(bytes: Uint8Array, count: number, plan: ShapePlan): RowShape {
    const fields: string[] = new Array(count);
    for (let cell = 0; cell < count; cell++) {
      fields[cell] = this.decode(bytes, this.cells.bounds[cell * 2]!, this.cells.bounds[cell * 2 + 1]!);
    }
    const row = new TableRow(
      this.file,
      this.row,
      plan.header,
      withPlaceholders(fields, plan.amountColumns),
      this.format,
    );
    return readRowShape(plan.interpreter, row, plan.amountColumns.length, this.format.powerOfTen, plan.accumulator);
  }

  /** Adds the row to the accumulator when every cell is one the fast reader is sure of; false otherwise. */
  private readFast(bytes: Uint8Array, count: number): boolean {
    const plan = this.plan!;
    if (count !== plan.width) return false;
    const bounds = this.cells.bounds;
    // Payer and payee are looked up together: most rows repeat a pair seen before.
    const fromStart = bounds[plan.from * 2]!;
    const toStart = bounds[plan.to * 2]!;
    const pair = plan.pairs.internPair(bytes, fromStart, bounds[plan.from * 2 + 1]!, toStart, bounds[plan.to * 2 + 1]!);
    let from = plan.pairFrom[pair];
    let to = plan.pairTo[pair];
    if (from === undefined || to === undefined) {
      const fromToken = plan.fromTokens.intern(bytes, fromStart, bounds[plan.from * 2 + 1]!);
      from = plan.fromNode[fromToken] ?? (plan.fromNode[fromToken] = this.nodeOf(bytes, plan.from));
      const toToken = plan.toTokens.intern(bytes, toStart, bounds[plan.to * 2 + 1]!);
      to = plan.toNode[toToken] ?? (plan.toNode[toToken] = this.nodeOf(bytes, plan.to));
      plan.pairFrom[pair] = from;
      plan.pairTo[pair] = to;
    }
    if (from === -1 || to === -1 || to === from) return false;
    if (
      !scanPlainAmount(bytes, bounds[plan.amount * 2]!, bounds[plan.amount * 2 + 1]!, this.format.powerOfTen, plan.sum)
    )
      return false;

    const context = this.contextOf(bytes, plan);
    if (context === -1) return false;
    let date = 0;
    if (plan.date !== -1) {
      const start = bounds[plan.date * 2]!;
      const end = bounds[plan.date * 2 + 1]!;
      // A cell written exactly YYYY-MM-DD is numbered by its digits, without hashing; any other goes by its bytes.
      const day = isoDayNumber(bytes, start, end);
      if (day !== -1) {
        date = plan.dayValue.get(day) ?? -2;
        if (date === -2) plan.dayValue.set(day, (date = this.dateOf(bytes, plan)));
      } else {
        const token = plan.dateTokens.intern(bytes, start, end);
        date = plan.dateValue[token] ?? (plan.dateValue[token] = this.dateOf(bytes, plan));
      }
      if (date === -1) return false;
    }
    const fromKind = this.kindToken(bytes, plan.fromKind, plan.fromKindTokens, plan.fromKindValue);
    if (fromKind === -1) return false;
    const toKind = this.kindToken(bytes, plan.toKind, plan.toKindTokens, plan.toKindValue);
    if (toKind === -1) return false;

    const accumulator = plan.accumulator;
    // The pair's flow at its last context, found again without the accumulator's look-up.
    let group = plan.pairContext[pair] === context ? plan.pairGroup[pair]! : accumulator.find(from, to, context);
    if (group === -1) {
      const fromRef = this.nodeRef(bytes, plan, from, fromKind, 'from');
      const toRef = this.nodeRef(bytes, plan, to, toKind, 'to');
      const reference = plan.reference === -1 ? '' : this.cellText(bytes, plan.reference);
      group = accumulator.create(from, to, context, fromRef, toRef, this.row, date, reference || undefined);
    } else if (plan.reference !== -1) {
      const shared = accumulator.referenceOf(group);
      if (shared !== null && !this.cellIs(bytes, plan.reference, shared ?? '')) accumulator.referenceDiffers(group);
    }
    plan.pairContext[pair] = context;
    plan.pairGroup[pair] = group;
    accumulator.add(group, plan.sum.units, plan.sum.scale, this.row, date);
    return true;
  }

  private nodeOf(bytes: Uint8Array, column: number): number {
    const id = this.cellText(bytes, column);
    return id === '' ? -1 : this.plan!.accumulator.node(id);
  }

  private contextOf(bytes: Uint8Array, plan: FastPlan): number {
    const stageToken = this.token(bytes, plan.stage, plan.stageTokens);
    const currencyToken = this.token(bytes, plan.currency, plan.currencyTokens);
    const periodToken = this.token(bytes, plan.period, plan.periodTokens);
    const cache = plan.lastContext;
    if (cache.stage === stageToken && cache.currency === currencyToken && cache.period === periodToken) {
      return cache.context;
    }
    const key = `${stageToken},${currencyToken},${periodToken}`;
    let context = plan.contexts.get(key);
    if (context === undefined) {
      const stage = plan.stage === -1 ? 'paid' : this.judge(bytes, plan.stage, (row) => row.stage('value', 'paid'));
      const currency =
        plan.currency === -1
          ? this.defaultCurrency
          : this.judge(bytes, plan.currency, (row) => row.currency('value', this.defaultCurrency));
      const period = plan.period === -1 ? '' : this.cellText(bytes, plan.period);
      context =
        stage === INVALID || currency === INVALID
          ? -1
          : plan.accumulator.context(stage as Stage, currency as string, period === '' ? undefined : period);
      plan.contexts.set(key, context);
    }
    plan.lastContext = { stage: stageToken, currency: currencyToken, period: periodToken, context };
    return context;
  }

  private dateOf(bytes: Uint8Array, plan: FastPlan): number {
    const date = this.judge(bytes, plan.date, (row) => row.date('value'));
    if (date === INVALID) return -1;
    return plan.accumulator.dateNumber(date);
  }

  /** The kind cell's token (-2 when the table has no such column), or -1 when the kind is not one cauce knows. */
  private kindToken(
    bytes: Uint8Array,
    column: number,
    tokens: ByteTokens,
    values: Array<NodeKind | '' | null>,
  ): number {
    if (column === -1) return -2;
    const token = this.token(bytes, column, tokens);
    if (values[token] === undefined) {
      const kind = this.judge(bytes, column, (row) => row.kind('value'));
      values[token] = kind === INVALID ? INVALID : (kind ?? '');
    }
    return values[token] === INVALID ? -1 : token;
  }

  /**
   * The description of a flow's end in its first row. Most rows describe a node as its first row did, so that
   * description is kept per node and handed out again when the kind, name and tax id cells have the same bytes.
   */
  private nodeRef(bytes: Uint8Array, plan: FastPlan, node: number, kindToken: number, end: 'from' | 'to'): NodeRef {
    const nameColumn = end === 'from' ? plan.fromName : plan.toName;
    const taxColumn = end === 'from' ? plan.fromTax : plan.toTax;
    // Compared as bytes with the cells the node was first described with: no hashing, no string.
    const refs = end === 'from' ? plan.fromRefs : plan.toRefs;
    const kept = refs[node];
    if (
      kept !== undefined &&
      kept.kind === kindToken &&
      (nameColumn === -1 || this.cellIs(bytes, nameColumn, kept.name)) &&
      (taxColumn === -1 || this.cellIs(bytes, taxColumn, kept.tax))
    ) {
      return kept.ref;
    }
    const ref: NodeRef = { id: plan.accumulator.nodeName(node) };
    const kind = kindToken < 0 ? '' : (end === 'from' ? plan.fromKindValue : plan.toKindValue)[kindToken];
    if (kind) ref.kind = kind;
    const name = nameColumn === -1 ? '' : this.cellText(bytes, nameColumn);
    if (name !== '') ref.name = name;
    const rawTax = taxColumn === -1 ? '' : this.cellText(bytes, taxColumn);
    const taxId = normalizeTaxId(rawTax);
    if (taxId !== '') ref.taxId = taxId;
    if (kept === undefined) refs[node] = { kind: kindToken, name, tax: rawTax, ref };
    return ref;
  }

  /** The token of a cell, or -1 when the table has no such column. */
  private token(bytes: Uint8Array, column: number, tokens: ByteTokens): number {
    if (column === -1) return -1;
    return tokens.intern(bytes, this.cells.bounds[column * 2]!, this.cells.bounds[column * 2 + 1]!);
  }

  /** What the full reader makes of one cell, through the same TableRow getter; INVALID when it finds a problem. */
  private judge<T>(bytes: Uint8Array, column: number, read: (row: TableRow) => T): T | typeof INVALID {
    const row = new TableRow(this.file, this.row, ONE_COLUMN, [this.cellRaw(bytes, column)], this.format);
    const value = read(row);
    return row.issues.length > 0 ? INVALID : value;
  }

  private cellRaw(bytes: Uint8Array, column: number): string {
    return this.decode(bytes, this.cells.bounds[column * 2]!, this.cells.bounds[column * 2 + 1]!);
  }

  /** Whether a cell reads as `text` (decoded and trimmed), without making a string when the cell is ASCII. */
  private cellIs(bytes: Uint8Array, column: number, text: string): boolean {
    let start = this.cells.bounds[column * 2]!;
    let end = this.cells.bounds[column * 2 + 1]!;
    for (let at = start; at < end; at++) if (bytes[at]! >= 0x80) return this.cellText(bytes, column) === text;
    // ASCII white space, as String.prototype.trim removes it: tab, line ends, vertical tab, form feed, space.
    while (start < end && (bytes[start] === 0x20 || (bytes[start]! >= 0x09 && bytes[start]! <= 0x0d))) start++;
    while (end > start && (bytes[end - 1] === 0x20 || (bytes[end - 1]! >= 0x09 && bytes[end - 1]! <= 0x0d))) end--;
    if (end - start !== text.length) return false;
    for (let at = 0; at < text.length; at++) if (bytes[start + at] !== text.charCodeAt(at)) return false;
    return true;
  }

  /** A cell as the full reader's `text()` gives it: decoded and trimmed. */
  private cellText(bytes: Uint8Array, column: number): string {
    return this.cellRaw(bytes, column).trim();
  }

  private decode(bytes: Uint8Array, start: number, end: number): string {
    let ascii = true;
    for (let at = start; at < end; at++) {
      if (bytes[at]! >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii && end - start <= 4096) {
      return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
    }
    this.cellDecoder ??= createDecoder(this.encoding, true);
    const text = this.cellDecoder.decode(bytes.subarray(start, end)) + this.cellDecoder.end();
    if (this.cellDecoder.mixed) this.mixedSeen = true;
    return text;
  }

  private useDelimiter(delimiter: Delimiter): void {
    this.delimiterChoice = delimiter;
    this.delimiterByte = delimiter.charCodeAt(0);
  }

  /** From here on the full reader reads the table, its rows numbered on from this one. */
  private handOff(rest: Uint8Array): void {
    this.flush();
    const decoder = createDecoder(this.encoding, true);
    const reader = new CsvRecordReader({ delimiter: this.delimiterChoice!, firstRow: this.row });
    this.general = { reader, decoder };
    this.ingester.accept(reader.push(decoder.decode(rest)));
  }

  private flush(): void {
    if (this.pendingAccepted === 0) return;
    this.ingester.countAccepted(this.pendingAccepted);
    this.pendingAccepted = 0;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}

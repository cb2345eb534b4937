const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/** Where the cells of one record lie in its bytes: cell i spans bounds[2i] to bounds[2i + 1], quotes removed. */
export interface RecordCells {
  bounds: Int32Array;
  count: number;
}

/**
 * Finds the cells of the record at `start` (delimited by the byte `delimiter`, ended by LF or CRLF) and returns where
 * the next record starts; -1 when the record needs the full reader's quoting rules: a quote inside a cell, a quoted
 * line end, a lone CR. A cell quoted as a whole ("Constructora del Sur, SA") is read here. The record must end within
 * `bytes`.
 */
export function scanRecord(bytes: Uint8Array, start: number, delimiter: number, cells: RecordCells): number {
  let bounds = cells.bounds;
  let count = 0;
  let cellStart = start;
  let at = start;
  for (;;) {
    const byte = bytes[at]!;
    if (byte === delimiter || byte === LF || byte === CR) {
      if (count * 2 + 2 > bounds.length) bounds = widen(cells);
      bounds[count * 2] = cellStart;
      bounds[count * 2 + 1] = at;
      count++;
      if (byte === CR) {
        if (bytes[at + 1] !== LF) return -1;
        at++;
      }
      if (byte !== delimiter) {
        cells.count = count;
        return at + 1;
      }
      cellStart = ++at;
      continue;
    }
    if (byte === QUOTE) {
      if (at !== cellStart) return -1;
      const close = bytes.indexOf(QUOTE, at + 1);
      if (close === -1) return -1;
      const lineEnd = bytes.indexOf(LF, at + 1);
      if (lineEnd !== -1 && lineEnd < close) return -1;
      const after = bytes[close + 1];
      if (after !== delimiter && after !== LF && after !== CR) return -1;
      if (bytes.subarray(at + 1, close).includes(CR)) return -1;
      if (count * 2 + 2 > bounds.length) bounds = widen(cells);
      bounds[count * 2] = at + 1;
      bounds[count * 2 + 1] = close;
      count++;
      at = close + 1;
      if (after === CR) {
        if (bytes[at + 1] !== LF) return -1;
        at++;
      }
      if (after !== delimiter) {
        cells.count = count;
        return at + 1;
      }
      // A delimiter after the closing quote: the next cell starts after it (empty, if the line ends there).
      cellStart = ++at;
      continue;
    }
    at++;
  }
}

function widen(cells: RecordCells): Int32Array {
  const wider = new Int32Array(cells.bounds.length * 2);
  wider.set(cells.bounds);
  cells.bounds = wider;
  return wider;
}

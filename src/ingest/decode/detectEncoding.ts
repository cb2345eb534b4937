import { CP850_HIGH, WINDOWS_1252_HIGH } from './singleByteTables.js';
import { utf8SequenceLength } from './utf8SequenceLength.js';

export interface EncodingGuess {
  encoding: 'utf-8' | 'windows-1252' | 'cp850' | 'utf-16le' | 'utf-16be';
  /** The sample has a byte-order mark. */
  bom: boolean;
  /** UTF-8 with some bytes that are not: each such byte is read as windows-1252 (a file pasted together). */
  mixed: boolean;
  /** Only ASCII so far: any encoding reads it the same, and more bytes may change the answer. */
  asciiOnly: boolean;
}

const COMMON_LETTERS = new Set('áéíóúñüàèìòùâêîôûãõçÁÉÍÓÚÑÜÀÈÌÒÙÂÊÎÔÛÃÕÇ');
const TYPOGRAPHIC = new Set('–—‘’“”…•€£\u00a0');

/**
 * Guesses the encoding of a published table from a sample of its bytes. A byte-order mark decides; bytes that are
 * valid UTF-8 (with at least one multi-byte character) are UTF-8; otherwise the single-byte code page whose reading
 * makes the high bytes look like the letters of Spanish, Portuguese or French words wins. That tells DOS code page 850
 * (0xA0 = á) from windows-1252 (0xE1 = á) on real files.
 *
 * @example
 * detectEncoding(new Uint8Array([0x43, 0xa0, 0x6d, 0x61, 0x72, 0x61])).encoding // 'cp850' (Cámara)
 */
export function detectEncoding(sample: Uint8Array): EncodingGuess {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) {
    return { encoding: 'utf-8', bom: true, mixed: false, asciiOnly: false };
  }
  if (sample[0] === 0xff && sample[1] === 0xfe)
    return { encoding: 'utf-16le', bom: true, mixed: false, asciiOnly: false };
  if (sample[0] === 0xfe && sample[1] === 0xff)
    return { encoding: 'utf-16be', bom: true, mixed: false, asciiOnly: false };

  const { valid, invalid } = countUtf8(sample);
  if (valid === 0 && invalid === 0) return { encoding: 'utf-8', bom: false, mixed: false, asciiOnly: true };
  // A few stray bytes among many good UTF-8 characters: a UTF-8 file with a pasted-in windows-1252 part.
  if (invalid === 0 || valid >= 4 * invalid)
    return { encoding: 'utf-8', bom: false, mixed: invalid > 0, asciiOnly: false };

  const cp850 = letterScore(sample, CP850_HIGH);
  const windows1252 = letterScore(sample, WINDOWS_1252_HIGH);
  return { encoding: cp850 > windows1252 ? 'cp850' : 'windows-1252', bom: false, mixed: false, asciiOnly: false };
}

/** Counts well-formed multi-byte UTF-8 sequences and bytes that cannot be UTF-8 (a cut sequence at the end is fine). */
function countUtf8(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let at = 0; at < bytes.length;) {
    const length = utf8SequenceLength(bytes, at);
    if (length === -1) break;
    if (length === 0) {
      invalid++;
      at++;
    } else {
      if (length > 1) valid++;
      at += length;
    }
  }
  return { valid, invalid };
}

/**
 * Scores a code page by how its reading of each high byte fits the bytes around it. A letter counts only inside a
 * word and in its case (beside an ASCII letter of the same case, or beside another high byte): a common accented
 * letter scores 2, another letter 1, plus 1 beside a letter of its case (CÓDIGO, not CàDIGO). A typographic sign (an en dash, curly quotes, a no-break
 * space, € or £) scores 1. So windows-1252's " – " (0x96, an en dash between spaces) is not taken for DOS's "û".
 */
function letterScore(bytes: Uint8Array, high: string): number {
  let score = 0;
  for (let at = 0; at < bytes.length; at++) {
    const byte = bytes[at]!;
    if (byte < 0x80) continue;
    const char = high[byte - 0x80]!;
    if (TYPOGRAPHIC.has(char)) {
      score += 1;
      continue;
    }
    if (char.toLowerCase() === char.toUpperCase()) continue;
    const before = bytes[at - 1];
    const after = bytes[at + 1];
    const letters = [asciiLetter(before), asciiLetter(after)].filter((letter) => letter !== undefined);
    const upper = char === char.toUpperCase();
    const sameCase = letters.some((letter) => (letter === letter.toUpperCase()) === upper);
    const highNeighbour = (before ?? 0) >= 0x80 || (after ?? 0) >= 0x80;
    // Inside a word and in its case: "Cámara", "CÓDIGO". A lower-case letter stuck to capitals ("SERVICESá") is not.
    if (!(sameCase || (letters.length === 0 && highNeighbour))) continue;
    score += COMMON_LETTERS.has(char) ? 2 : 1;
    if (sameCase) score += 1;
  }
  return score;
}

function asciiLetter(byte: number | undefined): string | undefined {
  if (byte === undefined) return undefined;
  return (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) ? String.fromCharCode(byte) : undefined;
}

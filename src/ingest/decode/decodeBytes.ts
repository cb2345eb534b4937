import { UnreadableInputError } from '../../errors/UnreadableInputError.js';
import { createDecoder } from './createDecoder.js';
import { detectEncoding } from './detectEncoding.js';
import { type Encoding, toEncoding } from './encodings.js';

export interface DecodedText {
  text: string;
  /** The encoding used: the one the caller forced, or the one detected. */
  encoding: Encoding;
  /** The caller did not force it: cauce guessed it from the bytes. */
  detected: boolean;
  /** A UTF-8 text in which some bytes were not UTF-8 and were read as windows-1252. */
  mixed: boolean;
}

/**
 * Decodes a whole file's bytes to text, detecting the encoding unless one is given (see `detectEncoding`).
 * gzip-compressed bytes need a stream (`ingestCsvStream`), because browsers only unpack gzip asynchronously.
 *
 * @example
 * decodeBytes(bytes).encoding // 'cp850' for Mexico's PEF 2016 file
 */
export function decodeBytes(bytes: Uint8Array, options: { encoding?: string; file?: string } = {}): DecodedText {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new UnreadableInputError(
      options.file ?? 'input',
      'gzip-compressed: read it with ingestCsvStream or ingestFile',
    );
  }
  const forced = options.encoding === undefined ? undefined : toEncoding(options.encoding);
  const encoding = forced ?? detectEncoding(bytes).encoding;
  const decoder = createDecoder(encoding);
  const text = (decoder.decode(bytes) + decoder.end()).replace(/^\ufeff/, '');
  return { text, encoding, detected: forced === undefined, mixed: decoder.mixed };
}

import type { ChunkDecoder } from '../decode/createDecoder.js';

/**
 * A decoder that has already begun: decoders drop a byte-order mark at the start of a stream, and the fast reader
 * decodes from the middle of one, where a U+FEFF is a character of the cell (files joined with `cat`).
 */
export function pastStart(decoder: ChunkDecoder): ChunkDecoder {
  decoder.decode(Uint8Array.of(0x20));
  decoder.end();
  return decoder;
}

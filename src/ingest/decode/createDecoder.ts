import type { Encoding } from './encodings.js';
import { CP850_HIGH, WINDOWS_1252_HIGH } from './singleByteTables.js';
import { utf8LeadLength, utf8SequenceLength } from './utf8SequenceLength.js';

/** Decodes bytes that arrive in chunks; `end()` returns what a cut multi-byte character left, if anything. */
export interface ChunkDecoder {
  decode(bytes: Uint8Array): string;
  end(): string;
  /** True once bytes that were not UTF-8 were read as windows-1252 in a UTF-8 stream. */
  readonly mixed: boolean;
}

/**
 * A decoder for one encoding. UTF-8 streams fall back to windows-1252 byte by byte where a chunk is not UTF-8. A
 * byte-order mark at the start of a UTF-8 stream is dropped, unless `midStream` says the bytes start in the middle of
 * one (a cell, as the fast reader decodes), where a U+FEFF is a character like any other. (UTF-16 is never read
 * mid-stream: the fast reader takes ASCII-compatible encodings only.)
 */
export function createDecoder(encoding: Encoding, midStream = false): ChunkDecoder {
  switch (encoding) {
    case 'utf-8':
      return new Utf8Decoder(midStream);
    case 'utf-16le':
    case 'utf-16be':
      return platformDecoder(encoding);
    case 'cp850':
      return singleByteDecoder(CP850_HIGH);
    case 'windows-1252':
      return singleByteDecoder(WINDOWS_1252_HIGH);
    case 'iso-8859-1':
      return singleByteDecoder(Array.from({ length: 128 }, (_, at) => String.fromCharCode(0x80 + at)).join(''));
  }
}

function platformDecoder(label: string): ChunkDecoder {
  const decoder = new TextDecoder(label);
  return {
    decode: (bytes) => decoder.decode(bytes, { stream: true }),
    end: () => decoder.decode(),
    mixed: false,
  };
}

function singleByteDecoder(high: string): ChunkDecoder {
  const codes = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) codes[byte] = byte < 0x80 ? byte : high.charCodeAt(byte - 0x80);
  return {
    decode(bytes) {
      const parts: string[] = [];
      const block = new Uint16Array(Math.min(bytes.length, 1 << 14));
      for (let start = 0; start < bytes.length; start += block.length) {
        const end = Math.min(start + block.length, bytes.length);
        for (let at = start; at < end; at++) block[at - start] = codes[bytes[at]!]!;
        parts.push(String.fromCharCode.apply(null, block.subarray(0, end - start) as unknown as number[]));
      }
      return parts.join('');
    },
    end: () => '',
    mixed: false,
  };
}

const WINDOWS_1252 = singleByteDecoder(WINDOWS_1252_HIGH);

/**
 * UTF-8 through the platform's fast TextDecoder, strict, one chunk at a time. A chunk that is not valid UTF-8 is
 * decoded byte by byte instead: valid sequences as UTF-8, the rest as windows-1252, so that a file pasted together
 * from two encodings loses no character to U+FFFD.
 */
class Utf8Decoder implements ChunkDecoder {
  // ignoreBOM keeps a U+FEFF that happens to start a later chunk; the stream's own BOM is dropped once, below.
  private readonly strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private carry: Uint8Array = new Uint8Array(0);
  private started: boolean;
  mixed = false;

  constructor(midStream: boolean) {
    this.started = midStream;
  }

  decode(chunk: Uint8Array): string {
    const bytes = this.carry.length === 0 ? chunk : concat(this.carry, chunk);
    const cut = incompleteTail(bytes);
    this.carry = bytes.slice(cut);
    const text = this.decodeWhole(bytes.subarray(0, cut));
    if (this.started || text === '') return text;
    this.started = true;
    return text.replace(/^\ufeff/, '');
  }

  end(): string {
    const rest = this.carry;
    this.carry = new Uint8Array(0);
    return rest.length === 0 ? '' : this.decodeWhole(rest);
  }

  private decodeWhole(bytes: Uint8Array): string {
    try {
      return this.strict.decode(bytes);
    } catch {
      this.mixed = true;
      return decodeLenient(bytes);
    }
  }
}

function decodeLenient(bytes: Uint8Array): string {
  let text = '';
  let runStart = 0;
  const flushUtf8 = (end: number) => {
    if (end > runStart) text += new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(runStart, end));
  };
  for (let at = 0; at < bytes.length;) {
    const length = utf8SequenceLength(bytes, at);
    if (length > 0) {
      at += length;
      continue;
    }
    flushUtf8(at);
    text += WINDOWS_1252.decode(bytes.subarray(at, at + 1));
    at++;
    runStart = at;
  }
  flushUtf8(bytes.length);
  return text;
}

/** Where a multi-byte sequence cut by the end of the chunk starts (the chunk's length when none is cut). */
function incompleteTail(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
    return utf8LeadLength(byte) > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}

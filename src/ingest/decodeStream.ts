import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { LimitExceededError } from '../errors/LimitExceededError.js';
import { UnreadableInputError } from '../errors/UnreadableInputError.js';
import { type ChunkDecoder, createDecoder } from './decode/createDecoder.js';
import { detectEncoding } from './decode/detectEncoding.js';
import { type Encoding, toEncoding } from './decode/encodings.js';

export type ByteOrTextStream = ReadableStream<Uint8Array> | ReadableStream<string>;

/** What the decoding of a stream found out, filled in as the stream is read. */
export interface StreamDecoding {
  encoding?: Encoding;
  detected: boolean;
  mixed: boolean;
  gzip: boolean;
  /** Stop with a LimitExceededError past this many bytes (after gzip is unpacked). */
  maxBytes?: number;
  /** Bytes read so far (after gzip is unpacked). */
  bytes?: number;
  /** Bytes taken from the stream so far, as it delivers them (before gzip is unpacked): what a progress bar compares
   * with a file's size. */
  sourceBytes?: number;
}

// Detection reads ahead until it has seen this many non-ASCII bytes, or this many bytes, or the end.
const ENOUGH_HIGH_BYTES = 64;
const DETECTION_WINDOW = 1 << 20;

/**
 * Turns the chunks `readChunks` gives into text: bytes are decoded in the encoding it decided, a byte-order mark at the
 * start is dropped, and `found.mixed` says at the end whether windows-1252 bytes were met in a UTF-8 stream.
 */
export async function* decodeChunks(
  chunks: AsyncIterable<Uint8Array | string>,
  found: StreamDecoding,
): AsyncGenerator<string> {
  let decoder: ChunkDecoder | undefined;
  let started = false;
  const emit = (text: string) => {
    if (!started && text !== '') {
      started = true;
      return text.replace(/^\ufeff/, '');
    }
    return text;
  };
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') {
      yield emit(chunk);
      continue;
    }
    decoder ??= createDecoder(found.encoding!);
    yield emit(decoder.decode(chunk));
  }
  if (decoder) {
    yield emit(decoder.end());
    found.mixed = decoder.mixed;
  }
}

/**
 * The chunks of a stream as they come, unpacked from gzip: bytes, with `found.encoding` decided (detected or forced)
 * before the first of them is given; or text, for a stream of text. Readers that work on bytes start here.
 */
export async function* readChunks(
  stream: ByteOrTextStream,
  file: string,
  encodingName: string | undefined,
  found: StreamDecoding,
): AsyncGenerator<Uint8Array | string> {
  if (typeof (stream as Partial<ReadableStream>)?.getReader !== 'function') {
    throw new InvalidArgumentError('stream', 'expected a web ReadableStream');
  }
  const forced = encodingName === undefined ? undefined : toEncoding(encodingName);
  const reader = (stream as ReadableStream<Uint8Array | string>).getReader();
  const first = await readOrFail(reader, file);
  if (first.done) return;
  if (typeof first.value === 'string') {
    const countedText = (text: string) => count(found, file, text.length) && text;
    yield countedText(first.value);
    for (let next = await readOrFail(reader, file); !next.done; next = await readOrFail(reader, file)) {
      yield countedText(String(next.value));
    }
    return;
  }
  // gzip is told by its first two bytes, which a stream may deliver one at a time.
  let head = first.value as Uint8Array;
  while (head.length < 2) {
    const next = await readOrFail(reader, file);
    if (next.done) break;
    const joined = new Uint8Array(head.length + (next.value as Uint8Array).length);
    joined.set(head, 0);
    joined.set(next.value as Uint8Array, head.length);
    head = joined;
  }
  let bytes = prepend(head, reader, found);
  if (head[0] === 0x1f && head[1] === 0x8b) {
    found.gzip = true;
    bytes = bytes.pipeThrough(
      new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>,
    );
  }
  const bytesReader = bytes.getReader();
  try {
    // Read ahead until the encoding is clear, then give what was held back and stream the rest.
    const held: Uint8Array[] = [];
    let heldLength = 0;
    let highBytes = 0;
    let ended = false;
    while (forced === undefined && highBytes < ENOUGH_HIGH_BYTES && heldLength < DETECTION_WINDOW) {
      const next = await readOrFail(bytesReader, file);
      if (next.done) {
        ended = true;
        break;
      }
      held.push(next.value);
      heldLength += next.value.length;
      for (const byte of next.value) if (byte >= 0x80) highBytes++;
    }
    found.encoding = forced ?? detectEncoding(joinChunks(held, heldLength)).encoding;
    found.detected = forced === undefined;
    const counted = (chunk: Uint8Array) => count(found, file, chunk.length) && chunk;
    for (const chunk of held) yield counted(chunk);
    if (!ended) {
      for (let next = await readOrFail(bytesReader, file); !next.done; next = await readOrFail(bytesReader, file)) {
        yield counted(next.value);
      }
    }
  } finally {
    // A reader that stops early (a strict ingest that met a bad row) must not leave the file open.
    await bytesReader.cancel().catch(() => undefined);
  }
}

function prepend(
  head: Uint8Array,
  reader: ReadableStreamDefaultReader<Uint8Array | string>,
  found: StreamDecoding,
): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      found.sourceBytes = head.length;
      controller.enqueue(head);
    },
    async pull(controller) {
      const next = await reader.read();
      if (next.done) controller.close();
      else {
        found.sourceBytes = (found.sourceBytes ?? 0) + (next.value as Uint8Array).length;
        controller.enqueue(next.value as Uint8Array);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

async function readOrFail<T>(
  reader: ReadableStreamDefaultReader<T>,
  file: string,
): Promise<ReadableStreamReadResult<T>> {
  try {
    return await reader.read();
  } catch (error) {
    throw new UnreadableInputError(file, `cannot read the input: ${(error as Error).message}`, { cause: error });
  }
}

function joinChunks(chunks: Uint8Array[], length: number): Uint8Array {
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}

/** Adds what was read to the count, and stops past the caller's byte limit (characters, for a text stream). */
function count(found: StreamDecoding, file: string, length: number): true {
  found.bytes = (found.bytes ?? 0) + length;
  if (found.maxBytes !== undefined && found.bytes > found.maxBytes)
    throw new LimitExceededError(file, 'bytes', found.maxBytes);
  return true;
}

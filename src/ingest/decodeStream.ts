import { UnreadableInputError } from '../errors/UnreadableInputError.js';

export type ByteOrTextStream = ReadableStream<Uint8Array> | ReadableStream<string>;

/**
 * Turns a web stream of bytes (or of text) into text chunks: gzip is recognised by its magic bytes and unpacked with
 * the platform's DecompressionStream, a UTF-8 byte-order mark is dropped. Works the same in Node and in browsers.
 */
export async function* decodeStream(
  stream: ByteOrTextStream,
  file: string,
  encoding = 'utf-8',
): AsyncGenerator<string> {
  const reader = (stream as ReadableStream<Uint8Array | string>).getReader();
  const first = await reader.read();
  if (first.done) return;
  if (typeof first.value === 'string') {
    yield first.value.replace(/^\ufeff/, '');
    for (let next = await reader.read(); !next.done; next = await reader.read()) yield String(next.value);
    return;
  }
  let bytes: ReadableStream<Uint8Array> = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(first.value as Uint8Array);
    },
    async pull(controller) {
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value as Uint8Array);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  const head = first.value as Uint8Array;
  if (head[0] === 0x1f && head[1] === 0x8b) {
    bytes = bytes.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding);
  } catch (error) {
    throw new UnreadableInputError(file, `unknown text encoding ${JSON.stringify(encoding)}`, { cause: error });
  }
  const bytesReader = bytes.getReader();
  try {
    for (let next = await bytesReader.read(); !next.done; next = await bytesReader.read()) {
      yield decoder.decode(next.value, { stream: true });
    }
  } catch (error) {
    throw new UnreadableInputError(file, `cannot read the input: ${(error as Error).message}`, { cause: error });
  }
  yield decoder.decode();
}

import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { UnreadableInputError } from '../errors/UnreadableInputError.js';

/** A whole file's bytes, gunzipped when they start with gzip's magic number; missing files are UnreadableInputError. */
export async function readInputBytes(path: string, file = path): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'not a file' : (error as Error).message;
    throw new UnreadableInputError(file, reason, { cause: error });
  }
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (error) {
    throw new UnreadableInputError(file, `not a readable gzip file: ${(error as Error).message}`, { cause: error });
  }
}

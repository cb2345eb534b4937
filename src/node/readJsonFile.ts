import { UnreadableInputError } from '../errors/UnreadableInputError.js';
import { decodeBytes } from '../ingest/decode/decodeBytes.js';
import { readInputBytes } from './readInputBytes.js';

/** Reads a JSON file (gzip and encodings as for tables); a file that is not JSON is UnreadableInputError. */
export async function readJsonFile(path: string, file = path): Promise<unknown> {
  const { text } = decodeBytes(await readInputBytes(path, file), { file });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UnreadableInputError(file, `not JSON: ${(error as Error).message}`, { cause: error });
  }
}

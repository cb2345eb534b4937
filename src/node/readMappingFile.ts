import { readFile } from 'node:fs/promises';
import { MappingError } from '../errors/MappingError.js';
import { UnreadableInputError } from '../errors/UnreadableInputError.js';
import type { Mapping } from '../ingest/mapping/Mapping.js';
import { validateMapping } from '../ingest/mapping/validateMapping.js';

/**
 * Reads a mapping saved as JSON (for instance the one `cauce inspect` suggests) and validates it.
 *
 * @example
 * const mapping = await readMappingFile('pef2016.mapping.json');
 * const result = await ingestFile('pef2016.csv', { mapping });
 */
export async function readMappingFile(path: string): Promise<Mapping> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UnreadableInputError(
      path,
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error),
      {
        cause: error,
      },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (error) {
    throw new MappingError('(file)', `${path} is not JSON: ${(error as Error).message}`);
  }
  return validateMapping(json);
}

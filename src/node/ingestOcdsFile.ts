import type { IngestResult } from '../ingest/records.js';
import { type IngestOcdsOptions, ingestOcds } from '../ingest/ocds/ingestOcds.js';
import { readJsonFile } from './readJsonFile.js';

/**
 * Reads an OCDS JSON file (a release, a record, or a package of them; `.json.gz` too) into flows.
 *
 * @example
 * const result = await ingestOcdsFile('contrataciones/PC-0011.json');
 */
export async function ingestOcdsFile(path: string, options: IngestOcdsOptions = {}): Promise<IngestResult> {
  const file = options.file ?? path;
  return ingestOcds(await readJsonFile(path, file), { ...options, file });
}

import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize } from 'node:path';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { MappingError } from '../errors/MappingError.js';
import { UnreadableInputError } from '../errors/UnreadableInputError.js';
import type { IngestFdpOptions } from '../ingest/fdp/ingestFdp.js';
import { fdpMapping, measuresOf } from '../ingest/fdp/fdpMapping.js';
import { readFdpDescriptor } from '../ingest/fdp/readFdpDescriptor.js';
import type { Mapping } from '../ingest/mapping/Mapping.js';
import type { IngestResult } from '../ingest/records.js';
import { ingestFile } from './ingestFile.js';
import { readJsonFile } from './readJsonFile.js';

/**
 * Reads a Fiscal Data Package from disk: the `datapackage.json` (or its folder), then every resource that carries a
 * measure, streamed from its path beside the descriptor (a `.gz` copy is found too). Every mapping is made before any
 * row is read. A resource path that leaves the package's folder (absolute, `..`, a URL) is refused.
 *
 * @example
 * const results = await ingestFdpFile('madrid-municipal-gastos/datapackage.json');
 */
export async function ingestFdpFile(path: string, options: IngestFdpOptions = {}): Promise<IngestResult[]> {
  const descriptorPath = (await isDirectory(path)) ? join(path, 'datapackage.json') : path;
  const descriptor = await readJsonFile(descriptorPath);
  const pkg = readFdpDescriptor(descriptor);
  const folder = dirname(descriptorPath);
  const plans: Array<{ file: string; path: string; mapping: Mapping }> = [];
  // Lookup tables (resources without a measure) are not read, as in ingestFdp.
  for (const resource of pkg.resources.filter((candidate) => measuresOf(pkg, candidate).length > 0)) {
    const mapping = fdpMapping(pkg, resource, options);
    if (resource.path === undefined) throw new MappingError(`${resource.key}.path`, 'is required to read it from disk');
    const relative = normalize(resource.path);
    if (isAbsolute(relative) || relative.startsWith('..') || /^[a-z][a-z0-9+.-]*:/i.test(resource.path)) {
      throw new InvalidArgumentError(`${resource.key}.path`, 'must be a path inside the package folder');
    }
    const candidate = join(folder, relative);
    const found = (await exists(candidate))
      ? candidate
      : (await exists(`${candidate}.gz`))
        ? `${candidate}.gz`
        : undefined;
    if (!found) throw new UnreadableInputError(candidate, 'no such file (the descriptor names it)');
    plans.push({ file: resource.path, path: found, mapping });
  }
  const results: IngestResult[] = [];
  for (const plan of plans) {
    results.push(
      await ingestFile(plan.path, {
        mapping: plan.mapping,
        file: plan.file,
        ...(options.strict ? { strict: true } : {}),
      }),
    );
  }
  return results;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

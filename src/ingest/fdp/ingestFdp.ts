import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import { MappingError } from '../../errors/MappingError.js';
import { assertStage } from '../../model/stages.js';
import { ingestCsv } from '../ingestCsv.js';
import type { Mapping } from '../mapping/Mapping.js';
import type { IngestResult } from '../records.js';
import { fdpMapping, measuresOf } from './fdpMapping.js';
import type { FdpMappingOptions } from './mappingFromFdp.js';
import { type FdpResource, readFdpDescriptor } from './readFdpDescriptor.js';

export interface IngestFdpOptions extends FdpMappingOptions {
  /** Throw an IngestError on the first bad row instead of reporting it. Default false. */
  strict?: boolean;
}

/**
 * Reads a Fiscal Data Package: every resource that carries a measure is read with the mapping `mappingFromFdp` makes
 * for it, from the CSV text or bytes the caller gives under the resource's `name` (or its `path`). Returns one result
 * per resource, in the descriptor's order; provenance names each by its `path` (else its name). Resources without a
 * measure (lookup tables) are not read. Every mapping is built, and every resource that is read is checked to be
 * given, before any row is read: a descriptor's problem is a MappingError, a missing resource an InvalidArgumentError.
 *
 * @example
 * const [result] = ingestFdp(JSON.parse(datapackageJson), { treasury: csvText });
 * result.report.accepted // 40
 * buildFlowGraph(ingestFdp(descriptor, files));
 */
export function ingestFdp(
  descriptor: unknown,
  resources: Record<string, string | Uint8Array>,
  options: IngestFdpOptions = {},
): IngestResult[] {
  if (typeof options !== 'object' || options === null) throw new InvalidArgumentError('options', 'expected an object');
  if (options.stage !== undefined) assertStage(options.stage, 'options.stage');
  const pkg = readFdpDescriptor(descriptor);
  const read = pkg.resources.filter((resource) => measuresOf(pkg, resource).length > 0);
  if (read.length === 0) throw new MappingError(`${pkg.modelKey}.measures`, 'no measure is a column of any resource');
  const plans: Array<{ resource: FdpResource; mapping: Mapping }> = read.map((resource) => ({
    resource,
    mapping: fdpMapping(pkg, resource, options),
  }));

  if (typeof resources !== 'object' || resources === null || Array.isArray(resources)) {
    throw new InvalidArgumentError('resources', 'expected an object of CSV text or bytes by resource name');
  }
  for (const key of Object.keys(resources)) {
    if (!pkg.resources.some((resource) => resource.name === key || resource.path === key)) {
      throw new InvalidArgumentError(`resources.${key}`, 'names no resource of the package (by name or path)');
    }
  }
  const inputs = plans.map(({ resource }) => {
    const input = Object.hasOwn(resources, resource.name)
      ? resources[resource.name]
      : resource.path !== undefined && Object.hasOwn(resources, resource.path)
        ? resources[resource.path]
        : undefined;
    if (typeof input !== 'string' && !(input instanceof Uint8Array)) {
      throw new InvalidArgumentError(
        `resources.${resource.name}`,
        'is required: the CSV text or bytes of a resource that carries measures',
      );
    }
    return input;
  });

  return plans.map(({ resource, mapping }, at) =>
    ingestCsv(inputs[at]!, { file: resource.path ?? resource.name, mapping, strict: options.strict === true }),
  );
}

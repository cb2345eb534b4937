import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import { MappingError } from '../../errors/MappingError.js';
import type { Stage } from '../../model/stages.js';
import { assertStage } from '../../model/stages.js';
import type { Mapping } from '../mapping/Mapping.js';
import { fdpMapping, measuresOf } from './fdpMapping.js';
import { readFdpDescriptor } from './readFdpDescriptor.js';

export interface FdpMappingOptions {
  /**
   * The stage of measures that name no `phase` when the package has no phase dimension either. Default: `exercised`
   * for a transactional package (its rows are payments made); for any other package such a measure is a MappingError.
   */
  stage?: Stage;
  /**
   * A measure of phase `proposed`, for which cauce has no stage: `error` (default) throws a MappingError naming the
   * measure's `phase`; `skip` leaves the measure unread (and says so in the mapping's description). With a phase
   * column, `skip` skips its proposed rows under the rule `proposed`; without it they are rejected as `unknown_stage`.
   */
  proposed?: 'error' | 'skip';
}

/**
 * Translates a Fiscal Data Package descriptor (`datapackage.json`, spec 0.3, whose `model` is also read under its
 * draft name `mapping`) into the declarative mapping that reads one of its resources. Throws MappingError naming the
 * descriptor's key for anything missing or unusable, before any row is read.
 *
 * - Measures become amounts: phase approved -> `approved`, adjusted -> `modified`, executed -> `exercised` (proposed:
 *   see `options.proposed`; no phase: a `phase` dimension's column, else `options.stage`). All must share one currency
 *   and one factor (1, 1000 or 1000000). Revenue measures are refused; rows of a `direction` column that say revenue
 *   are skipped under the rule `revenue`.
 * - Dimensions become the chain, in this order: payer (`administrator`, `payer`...), administrative classification,
 *   functional classification, activity, economic classification, location, payee (`supplier`, `recipient`...).
 *   Node ids are `{dimension}:{code}`, and a level under a `parent` carries the codes above it
 *   (`administrative:001/002`): codes are read as text, so leading zeros stay. A `labelfor` attribute names its level.
 * - A `date`/datetime dimension gives the period (a year) or the payment date; a `fact` dimension or one named like
 *   `invoice-id` gives the reference. Dimensions that fit none of these are listed in the mapping's `description`.
 *
 * @example
 * const mapping = mappingFromFdp(JSON.parse(datapackageJson));
 * mapping.chain.map((level) => level.id) // ['administrative:{CENTRO}', 'administrative:{CENTRO}/{SECCION}', ...]
 * mapping.amounts                        // [{ column: 'IMPORTE', stage: 'approved' }]
 */
export function mappingFromFdp(descriptor: unknown, resourceName?: string, options: FdpMappingOptions = {}): Mapping {
  if (typeof options !== 'object' || options === null) throw new InvalidArgumentError('options', 'expected an object');
  if (options.stage !== undefined) assertStage(options.stage, 'options.stage');
  const pkg = readFdpDescriptor(descriptor);
  if (resourceName !== undefined) {
    const resource = pkg.resources.find((candidate) => candidate.name === resourceName);
    if (!resource) {
      throw new InvalidArgumentError(
        'resourceName',
        `the package has no resource ${JSON.stringify(resourceName)}; it has ${pkg.resources.map((r) => r.name).join(', ')}`,
      );
    }
    return fdpMapping(pkg, resource, options);
  }
  const resource = pkg.resources.find((candidate) => measuresOf(pkg, candidate).length > 0);
  if (!resource) throw new MappingError(`${pkg.modelKey}.measures`, 'no measure is a column of any resource');
  return fdpMapping(pkg, resource, options);
}

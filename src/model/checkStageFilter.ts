import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { assertStage } from './stages.js';
import type { StageFilter } from './StageTotal.js';

export function checkStageFilter(filter: StageFilter): void {
  if (typeof filter !== 'object' || filter === null) throw new InvalidArgumentError('options', 'expected an object');
  if (filter.stage !== undefined) assertStage(filter.stage, 'options.stage');
  if (filter.currency !== undefined && typeof filter.currency !== 'string') {
    throw new InvalidArgumentError('options.currency', 'must be an ISO 4217 code');
  }
}

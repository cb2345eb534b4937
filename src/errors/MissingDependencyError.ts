import { CauceError } from './CauceError.js';

/** An optional package that a feature needs is not installed: the message says which, and how to install it. */
export class MissingDependencyError extends CauceError {
  /** The npm package to install, e.g. `@duckdb/node-api`. */
  readonly dependency: string;

  constructor(dependency: string, feature: string, options?: { cause?: unknown }) {
    super('missing_dependency', `${feature} needs the package ${dependency}: npm install ${dependency}`, options);
    this.name = 'MissingDependencyError';
    this.dependency = dependency;
  }
}

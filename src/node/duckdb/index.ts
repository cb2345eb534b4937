// The DuckDB engine: Node only, and only with the optional package @duckdb/node-api installed.
export { aggregationSql } from './aggregationSql.js';
export { ingestWithDuckDb } from './ingestWithDuckDb.js';
export type { DuckDbOptions, DuckDbSource } from './DuckDbOptions.js';
export { MissingDependencyError } from '../../errors/MissingDependencyError.js';

import { MissingDependencyError } from '../../errors/MissingDependencyError.js';

export type DuckDbModule = typeof import('@duckdb/node-api');

/**
 * Loads DuckDB's Node package, an optional peer dependency: cauce works without it, and only the DuckDB engine asks
 * for it. A missing package is a MissingDependencyError that says how to install it.
 *
 * @example
 * const { DuckDBInstance } = await loadDuckDb();
 */
export async function loadDuckDb(
  load: () => Promise<DuckDbModule> = () => import('@duckdb/node-api'),
): Promise<DuckDbModule> {
  try {
    return await load();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new MissingDependencyError('@duckdb/node-api', 'the DuckDB engine', { cause: error });
    }
    throw error;
  }
}

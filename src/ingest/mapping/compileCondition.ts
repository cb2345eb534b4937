import { MappingError } from '../../errors/MappingError.js';
import type { Condition, Matcher } from './Mapping.js';

export interface CompiledCondition {
  columns: Array<{ name: string; key: string; optional: boolean }>;
  test(cell: (column: string) => string): boolean;
}

/** Compiles a `where` condition; every named column must match its matcher (cells are compared trimmed). */
export function compileCondition(condition: Condition, key: string): CompiledCondition {
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) {
    throw new MappingError(key, 'expected an object of column: matcher');
  }
  const entries = Object.entries(condition);
  if (entries.length === 0) throw new MappingError(key, 'names no column');
  const tests = entries.map(([column, matcher]) => {
    const test = compileMatcher(matcher, `${key}.${column}`);
    const name = column.replace(/\?$/, '');
    return (cell: (column: string) => string) => test(cell(name).trim());
  });
  return {
    columns: entries.map(([name]) => ({
      name: name.replace(/\?$/, ''),
      key: `${key}.${name}`,
      optional: name.endsWith('?'),
    })),
    test: (cell) => tests.every((test) => test(cell)),
  };
}

function compileMatcher(matcher: Matcher, key: string): (value: string) => boolean {
  if (typeof matcher === 'string') return (value) => value === matcher;
  if (typeof matcher !== 'object' || matcher === null)
    throw new MappingError(key, 'expected a string or a matcher object');
  const [kind, ...others] = Object.keys(matcher).filter((name) => name !== 'flags');
  if (kind === undefined || others.length > 0) {
    throw new MappingError(key, 'a matcher has exactly one of equals, in, startsWith, matches, empty, not');
  }
  const argument = (matcher as Record<string, unknown>)[kind];
  switch (kind) {
    case 'equals':
      return (value) => value === String(argument);
    case 'in': {
      if (!Array.isArray(argument)) throw new MappingError(`${key}.in`, 'expected a list of values');
      const values = new Set(argument.map(String));
      return (value) => values.has(value);
    }
    case 'startsWith':
      return (value) => value.startsWith(String(argument));
    case 'matches': {
      const flags = String((matcher as { flags?: string }).flags ?? '');
      // With g or y a RegExp remembers where it stopped, and the same cell would match on one row and not the next.
      if (/[gy]/.test(flags)) {
        throw new MappingError(`${key}.flags`, `"${flags}": the g and y flags make a condition change from row to row`);
      }
      let pattern: RegExp;
      try {
        pattern = new RegExp(String(argument), flags);
      } catch (error) {
        throw new MappingError(`${key}.matches`, `not a regular expression: ${(error as Error).message}`);
      }
      return (value) => pattern.test(value);
    }
    case 'empty':
      if (typeof argument !== 'boolean') throw new MappingError(`${key}.empty`, 'must be true or false');
      return (value) => (value === '') === argument;
    case 'not': {
      const inner = compileMatcher(argument as Matcher, `${key}.not`);
      return (value) => !inner(value);
    }
    default:
      throw new MappingError(`${key}.${kind}`, 'unknown matcher; use equals, in, startsWith, matches, empty or not');
  }
}

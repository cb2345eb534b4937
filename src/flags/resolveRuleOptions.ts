import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { SEVERITIES, type CommonRuleOptions, type FlagRule } from './types.js';

/**
 * Merges a user's overrides over a rule's defaults. An option the rule does not take, or a value of another type than
 * its default, is a misuse and throws, naming `config.<rule>.<option>`: a typo in a threshold must not pass silently.
 */
export function resolveRuleOptions<Options extends object>(
  rule: FlagRule<Options>,
  overrides: Record<string, unknown> | undefined,
): Options & CommonRuleOptions {
  const options: Record<string, unknown> = { ...rule.defaults, severity: rule.severity, enabled: true };
  if (overrides === undefined) return options as Options & CommonRuleOptions;
  if (typeof overrides !== 'object' || overrides === null) {
    throw new InvalidArgumentError(`config.${rule.id}`, 'expected an object of options');
  }
  for (const [key, value] of Object.entries(overrides)) {
    const where = `config.${rule.id}.${key}`;
    if (key === 'severity') {
      if (!SEVERITIES.includes(value as never))
        throw new InvalidArgumentError(where, `use one of ${SEVERITIES.join(', ')}`);
    } else if (key === 'enabled') {
      if (typeof value !== 'boolean') throw new InvalidArgumentError(where, 'must be true or false');
    } else if (!Object.hasOwn(rule.defaults, key)) {
      const known = Object.keys(rule.defaults);
      throw new InvalidArgumentError(
        where,
        `the rule takes no such option${known.length ? `; it takes ${known.join(', ')}` : ''}`,
      );
    } else {
      const expected = (rule.defaults as Record<string, unknown>)[key];
      // A default of null means "off unless set" (a threshold with no default): any string or number may replace it.
      const fits =
        expected === null || expected === undefined
          ? typeof value === 'string' || typeof value === 'number' || value === null
          : typeof value === typeof expected;
      if (!fits)
        throw new InvalidArgumentError(
          where,
          `must be a ${typeof expected}, like its default ${JSON.stringify(expected)}`,
        );
    }
    options[key] = value;
  }
  return options as Options & CommonRuleOptions;
}

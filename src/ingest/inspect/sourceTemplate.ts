import type { ValueSource } from './ValueIndex.js';

/**
 * The mapping template that reads a value source: `{UNIDAD}`, `{NOMBRE|before(:)}` for the part of a packed column;
 * in an id, a name goes through `slug` (`{ENTE|slug}`), and a part that some rows leave empty through `default(-)`,
 * since an id with an empty part is no id.
 *
 * @example
 * sourceTemplate({ column: 3, part: 'after', slug: true }, names, { id: true }) // '{NOMBRE|after(:)|slug}'
 */
export function sourceTemplate(
  source: ValueSource,
  names: string[],
  options: { id?: boolean; fill?: boolean } = {},
  separator = ':',
): string {
  const filters = [
    ...(source.part === undefined ? [] : [`${source.part}(${separator})`]),
    ...(options.id && source.slug ? ['slug'] : []),
    ...(options.id && options.fill ? ['default(-)'] : []),
  ];
  return `{${[names[source.column]!.trim(), ...filters].join('|')}}`;
}

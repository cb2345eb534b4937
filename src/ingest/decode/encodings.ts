import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';

/** The text encodings cauce reads. `iso-8859-1` is the real Latin-1 (bytes 0x80-0x9F are C1 controls). */
export const ENCODINGS = ['utf-8', 'windows-1252', 'iso-8859-1', 'cp850', 'utf-16le', 'utf-16be'] as const;

export type Encoding = (typeof ENCODINGS)[number];

const ALIASES: Record<string, Encoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  'iso-8859-1': 'iso-8859-1',
  latin1: 'iso-8859-1',
  'latin-1': 'iso-8859-1',
  cp850: 'cp850',
  ibm850: 'cp850',
  'dos-850': 'cp850',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
};

/** Resolves an encoding name a caller gave (case-insensitive, common aliases); throws on an unknown one. */
export function toEncoding(name: string, argument = 'options.encoding'): Encoding {
  const encoding = typeof name === 'string' ? ALIASES[name.trim().toLowerCase()] : undefined;
  if (!encoding || !Object.hasOwn(ALIASES, name.trim().toLowerCase())) {
    throw new InvalidArgumentError(argument, `unknown encoding ${JSON.stringify(name)}; use ${ENCODINGS.join(', ')}`);
  }
  return encoding;
}

import { isIsoDate } from '../../model/isIsoDate.js';
import type { DateFormat } from './Mapping.js';

export const DATE_FORMATS: readonly DateFormat[] = [
  'iso',
  'dd/mm/yyyy',
  'mm/dd/yyyy',
  'dd-mmm-yy',
  'dd/mm/yy',
  'mmmm dd, yyyy',
];

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  ene: 1,
  abr: 4,
  ago: 8,
  dic: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  enero: 1,
  febrero: 2,
  marzo: 3,
  abril: 4,
  mayo: 5,
  junio: 6,
  julio: 7,
  agosto: 8,
  septiembre: 9,
  octubre: 10,
  noviembre: 11,
  diciembre: 12,
};

/** Reads a date in a declared format into YYYY-MM-DD; undefined when the text is not a real date in that format. */
export function parseDate(text: string, format: DateFormat): string | undefined {
  let year: number;
  let month: number;
  let day: number;
  let match: RegExpExecArray | null;
  switch (format) {
    case 'iso':
      match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
      if (!match) return undefined;
      [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
      break;
    case 'dd/mm/yyyy':
    case 'mm/dd/yyyy':
      match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text);
      if (!match) return undefined;
      year = Number(match[3]);
      [day, month] =
        format === 'dd/mm/yyyy' ? [Number(match[1]), Number(match[2])] : [Number(match[2]), Number(match[1])];
      break;
    case 'dd/mm/yy':
      match = /^(\d{1,2})\/(\d{1,2})\/(\d{2})$/.exec(text);
      if (!match) return undefined;
      [day, month, year] = [Number(match[1]), Number(match[2]), twoDigitYear(Number(match[3]))];
      break;
    case 'mmmm dd, yyyy': {
      // "Friday, April 29, 2022" or "April 29, 2022", as spreadsheets write a long date.
      match = /^(?:[A-Za-z]+,\s*)?([A-Za-z]+)\s+(\d{1,2}),?\s+(\d{4})$/.exec(text);
      const named = match ? monthNumber(match[1]!) : undefined;
      if (!match || named === undefined) return undefined;
      [month, day, year] = [named, Number(match[2]), Number(match[3])];
      break;
    }
    case 'dd-mmm-yy': {
      match = /^(\d{1,2})[- ]([A-Za-z]{3})[- ](\d{2}|\d{4})$/.exec(text);
      const named = match ? monthNumber(match[2]!) : undefined;
      if (!match || named === undefined) return undefined;
      [day, month] = [Number(match[1]), named];
      year = match[3]!.length === 2 ? twoDigitYear(Number(match[3])) : Number(match[3]);
      break;
    }
  }
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}

// Two-digit years in public finance files are this century's unless that would put them in the future's far side.
function twoDigitYear(year: number): number {
  return year < 70 ? 2000 + year : 1900 + year;
}

function monthNumber(name: string): number | undefined {
  const key = name.toLowerCase();
  return Object.hasOwn(MONTHS, key) ? MONTHS[key] : undefined;
}

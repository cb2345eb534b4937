/**
 * The first and last day of a period written `2016`, `2016-03`, `2016-Q1`, `2016-T1` (trimestre) or `2016-S2`
 * (semester), as YYYY-MM-DD strings; undefined for a period cauce cannot place on a calendar.
 */
export function periodBounds(period: string): { first: string; last: string } | undefined {
  const text = period.trim().toUpperCase();
  let match = /^(\d{4})$/.exec(text);
  if (match) return { first: `${match[1]}-01-01`, last: `${match[1]}-12-31` };
  match = /^(\d{4})-(\d{2})$/.exec(text);
  if (match && Number(match[2]) >= 1 && Number(match[2]) <= 12) return monthSpan(match[1]!, Number(match[2]), 1);
  match = /^(\d{4})-?[QT]([1-4])$/.exec(text);
  if (match) return monthSpan(match[1]!, (Number(match[2]) - 1) * 3 + 1, 3);
  match = /^(\d{4})-?S([12])$/.exec(text);
  if (match) return monthSpan(match[1]!, (Number(match[2]) - 1) * 6 + 1, 6);
  return undefined;
}

function monthSpan(year: string, firstMonth: number, months: number): { first: string; last: string } {
  const lastMonth = firstMonth + months - 1;
  const lastDay = new Date(Date.UTC(Number(year), lastMonth, 0)).getUTCDate();
  const pad = (value: number) => String(value).padStart(2, '0');
  return { first: `${year}-${pad(firstMonth)}-01`, last: `${year}-${pad(lastMonth)}-${pad(lastDay)}` };
}

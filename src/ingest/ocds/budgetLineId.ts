// APF keys: a programme is ramo + modality + number (`12E023`), a unit is ramo + unit key (`12M7F`).
const PROGRAMME = /^(\d{2})([A-Z]\d{3})$/;
const UNIT = /^(\d{2})([0-9A-Z]{3})$/;

/**
 * The id of the budget line a contract drew on. When the keys have the federal shape, it is the id the `mx-pef`
 * preset gives the same line (`bl:ramo-unit-programme-partida`), so that a contract's payments continue the budget's
 * chain ramo -> unit -> programme -> budget line; otherwise the keys as published.
 *
 * @example
 * budgetLineId('12E023', '12M7F', '25301') // 'bl:12-M7F-E023-25301'
 * budgetLineId('P-7', 'U-1', undefined)   // 'bl:P-7-U-1'
 */
export function budgetLineId(programme: string, unit: string, partida: string | undefined): string {
  const pp = PROGRAMME.exec(programme);
  const ur = UNIT.exec(unit);
  const tail = partida === undefined ? '' : `-${partida}`;
  if (pp && ur && pp[1] === ur[1]) return `bl:${pp[1]}-${ur[2]}-${pp[2]}${tail}`;
  return `bl:${programme}-${unit}${tail}`;
}

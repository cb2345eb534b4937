import type { LineEnds } from './TableInspection.js';

/**
 * Counts a text's line ends: CRLF, LF alone and CR alone (line ends inside quoted fields count too, since they are in
 * the file). A file pasted together from parts often mixes them.
 *
 * @example
 * detectLineEnds('a,b\r\n1,2\r\n') // { style: 'crlf', lf: 0, crlf: 2, cr: 0 }
 */
export function detectLineEnds(text: string): LineEnds {
  let lf = 0;
  let crlf = 0;
  let cr = 0;
  for (let at = 0; at < text.length; at++) {
    const char = text.charCodeAt(at);
    if (char === 13) {
      if (text.charCodeAt(at + 1) === 10) {
        crlf++;
        at++;
      } else cr++;
    } else if (char === 10) lf++;
  }
  const kinds = [lf > 0, crlf > 0, cr > 0].filter(Boolean).length;
  const style = kinds === 0 ? 'none' : kinds > 1 ? 'mixed' : lf > 0 ? 'lf' : crlf > 0 ? 'crlf' : 'cr';
  return { style, lf, crlf, cr };
}

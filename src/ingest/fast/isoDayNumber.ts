/** YYYY-MM-DD's digits as one number (20160131), or -1 when the cell is not exactly ten such characters. */
export function isoDayNumber(bytes: Uint8Array, start: number, end: number): number {
  if (end - start !== 10 || bytes[start + 4] !== 0x2d || bytes[start + 7] !== 0x2d) return -1;
  let value = 0;
  for (let at = start; at < end; at++) {
    if (at === start + 4 || at === start + 7) continue;
    const digit = bytes[at]! - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

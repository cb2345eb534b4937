/** How many bytes a UTF-8 sequence has, judged by its first byte; 0 for a byte no sequence starts with. */
export function utf8LeadLength(byte: number): number {
  if (byte < 0x80) return 1;
  if (byte >= 0xc2 && byte <= 0xdf) return 2;
  if (byte >= 0xe0 && byte <= 0xef) return 3;
  if (byte >= 0xf0 && byte <= 0xf4) return 4;
  return 0;
}

/**
 * The length of the well-formed UTF-8 sequence at `at`: 0 when the bytes there are not UTF-8, -1 when the sequence
 * is cut by the end of the bytes (more may follow in the next chunk).
 */
export function utf8SequenceLength(bytes: Uint8Array, at: number): number {
  const length = utf8LeadLength(bytes[at]!);
  if (length <= 1) return length;
  for (let next = 1; next < length; next++) {
    if (at + next >= bytes.length) return -1;
    if ((bytes[at + next]! & 0xc0) !== 0x80) return 0;
  }
  return length;
}

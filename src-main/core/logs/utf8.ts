/** Bytes in the UTF-8 character a lead byte starts (1 for anything else). */
export function utf8CharLength(lead: number): number {
  return lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
}

/**
 * Length of the longest prefix of `b` that does not end inside a UTF-8
 * character: a multi-byte character cut off at the end is left out.
 */
export function completeUtf8Prefix(b: Buffer): number {
  let i = b.length - 1;
  let back = 0;
  // Walk back over continuation bytes to the lead byte of the last character.
  while (i >= 0 && back < 4 && (b[i]! & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i < 0) return b.length;
  return utf8CharLength(b[i]!) > back + 1 ? i : b.length;
}

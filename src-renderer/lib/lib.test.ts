// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { ansiSegments } from './ansi';
import { diffLineKind } from './diff-lines';
import { errorMessage } from './error-message';
import { formatAge, formatCost, formatCountdown, formatDuration } from './format';
import { dropUtf8Prefix, utf8ByteLength } from './utf8';

describe('formatting', () => {
  it('costs, durations, ages, countdowns', () => {
    expect(formatCost(0.0125)).toBe('$0.0125');
    expect(formatCost(0.01)).toBe('$0.01');
    expect(formatCost(12.3)).toBe('$12.30');
    expect(formatCost(0)).toBe('$0');
    expect(formatDuration(475)).toBe('475 ms');
    expect(formatDuration(12_300)).toBe('12 s');
    expect(formatDuration(245_000)).toBe('4m 05s');
    expect(formatDuration(2 * 3600_000 + 180_000)).toBe('2h 03m');
    const now = Date.parse('2026-01-01T01:00:00Z');
    expect(formatAge('2026-01-01T00:59:30Z', now)).toBe('30s');
    expect(formatAge('2026-01-01T00:10:00Z', now)).toBe('50m');
    expect(formatCountdown(9_000)).toBe('0:09');
    expect(formatCountdown(245_000)).toBe('4:05');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
    expect(formatCountdown(-5)).toBe('0:00');
  });

  it('error messages without transport noise', () => {
    expect(
      errorMessage(new Error("Error invoking remote method 'x': Error: folder /a does not exist")),
    ).toBe('folder /a does not exist');
    expect(errorMessage({ message: 'conflict' })).toBe('conflict');
    expect(errorMessage(undefined)).toBe('something went wrong');
  });
});

describe('utf8 offsets', () => {
  it('counts bytes like the log does', () => {
    expect(utf8ByteLength('abc')).toBe(3);
    expect(utf8ByteLength('é')).toBe(2);
    expect(utf8ByteLength('€')).toBe(3);
    expect(utf8ByteLength('😀')).toBe(4);
    const s = 'aé€😀z';
    expect(utf8ByteLength(s)).toBe(new TextEncoder().encode(s).length);
    expect(dropUtf8Prefix(s, 3)).toBe('€😀z');
    expect(dropUtf8Prefix(s, 10)).toBe('z');
    expect(dropUtf8Prefix(s, 0)).toBe(s);
  });
});

describe('ansi and diff colouring', () => {
  it('turns escape codes into classes and never shows them', () => {
    const segs = ansiSegments('\u001b[31mred\u001b[0m plain \u001b[1;92mbold\u001b[0m');
    expect(segs.map((s) => s.text).join('')).toBe('red plain bold');
    expect(segs[0]).toMatchObject({ text: 'red', className: 'ansi-red-fg' });
    expect(segs.find((s) => s.text === 'bold')?.className).toContain('ansi-bright-green-fg');
    expect(segs.find((s) => s.text === 'bold')?.className).toContain('ansi-bold');
    expect(ansiSegments('\u001b[38;5;208mx')[0]?.color).toBe('rgb(255, 135, 0)');
    expect(ansiSegments('no codes')).toEqual([{ text: 'no codes', className: '' }]);
  });

  it('classifies diff lines', () => {
    expect(diffLineKind('+added')).toBe('add');
    expect(diffLineKind('-removed')).toBe('del');
    expect(diffLineKind('+++ b/a.txt')).toBe('file');
    expect(diffLineKind('--- a/a.txt')).toBe('file');
    expect(diffLineKind('@@ -1 +1 @@')).toBe('hunk');
    expect(diffLineKind('commit 5967acc5faa5aaaa9b1dc8b42f1c2cc8843193e2')).toBe('meta');
    expect(diffLineKind(' context')).toBe('context');
  });
});

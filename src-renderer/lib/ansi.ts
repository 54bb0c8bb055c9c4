import Anser from 'anser';

export interface AnsiSegment {
  text: string;
  /** CSS classes for the 16 theme colours and decorations. */
  className: string;
  /** rgb() for 256-colour and true-colour codes, which no theme class covers. */
  color?: string;
  background?: string;
}

const ESC = '\u001b';

function paletteRgb(n: number): string {
  if (n < 16) return '';
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return `rgb(${v}, ${v}, ${v})`;
  }
  const i = n - 16;
  const level = (x: number): number => (x === 0 ? 0 : 55 + x * 40);
  return `rgb(${level(Math.floor(i / 36))}, ${level(Math.floor(i / 6) % 6)}, ${level(i % 6)})`;
}

const BASE = [
  'black',
  'red',
  'green',
  'yellow',
  'blue',
  'magenta',
  'cyan',
  'white',
  'bright-black',
  'bright-red',
  'bright-green',
  'bright-yellow',
  'bright-blue',
  'bright-magenta',
  'bright-cyan',
  'bright-white',
];

function colour(
  value: string | null,
  truecolor: string | null,
  layer: 'fg' | 'bg',
): { className?: string; rgb?: string } {
  if (!value) return {};
  if (value === 'ansi-truecolor') return truecolor ? { rgb: `rgb(${truecolor})` } : {};
  const palette = /^ansi-palette-(\d+)$/.exec(value);
  if (palette) {
    const n = Number(palette[1]);
    if (n < 16) return { className: `ansi-${BASE[n]}-${layer}` };
    return { rgb: paletteRgb(n) };
  }
  return { className: `${value}-${layer}` };
}

/** Splits one line of terminal output into coloured segments; escape codes never show. */
export function ansiSegments(line: string): AnsiSegment[] {
  if (!line.includes(ESC)) return [{ text: line, className: '' }];
  const entries = Anser.ansiToJson(line, { json: true, use_classes: true, remove_empty: true });
  return entries.map((e) => {
    const fg = colour(e.fg, e.fg_truecolor, 'fg');
    const bg = colour(e.bg, e.bg_truecolor, 'bg');
    const classes = [fg.className, bg.className, ...e.decorations.map((d) => `ansi-${d}`)];
    const seg: AnsiSegment = { text: e.content, className: classes.filter(Boolean).join(' ') };
    if (fg.rgb) seg.color = fg.rgb;
    if (bg.rgb) seg.background = bg.rgb;
    return seg;
  });
}

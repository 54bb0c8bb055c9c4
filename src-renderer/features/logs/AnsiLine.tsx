import { memo } from 'react';
import { ansiSegments } from '../../lib/ansi';

/** What a terminal shows of a line: after a carriage return, only the text that follows it. */
export function visibleText(line: string): string {
  const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line;
  const cr = trimmed.lastIndexOf('\r');
  return cr >= 0 ? trimmed.slice(cr + 1) : trimmed;
}

/** Very long lines are cut for display; the log file keeps them whole. */
const MAX_LINE_CHARS = 20_000;

export const AnsiLine = memo(function AnsiLine({ line }: { line: string }) {
  let text = visibleText(line);
  const cut = text.length > MAX_LINE_CHARS;
  if (cut) text = text.slice(0, MAX_LINE_CHARS);
  return (
    <span className="line-text">
      {ansiSegments(text).map((s, i) =>
        s.className || s.color || s.background ? (
          <span
            key={i}
            className={s.className || undefined}
            style={
              s.color || s.background ? { color: s.color, background: s.background } : undefined
            }
          >
            {s.text}
          </span>
        ) : (
          s.text
        ),
      )}
      {cut && (
        <span className="subtle">
          {' '}
          … (line cut at {MAX_LINE_CHARS.toLocaleString()} characters)
        </span>
      )}
    </span>
  );
});

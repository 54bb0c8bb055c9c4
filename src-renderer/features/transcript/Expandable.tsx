import { useState } from 'react';

/** Long text shown in part, with a button for the rest. */
export function LongText({ text, limit = 4000 }: { text: string; limit?: number }) {
  const [all, setAll] = useState(false);
  if (all || text.length <= limit) return <pre className="plain-text">{text}</pre>;
  return (
    <>
      <pre className="plain-text">{text.slice(0, limit)}</pre>
      <button className="btn-link more-link" onClick={() => setAll(true)}>
        Show all ({(text.length - limit).toLocaleString()} more characters)
      </button>
    </>
  );
}

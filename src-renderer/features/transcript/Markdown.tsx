import { memo } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';

/** Beyond this, text is shown plain: parsing megabytes of Markdown would freeze the window. */
export const MARKDOWN_MAX_CHARS = 50_000;

const components: Components = {
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noreferrer noopener">
      {children}
    </a>
  ),
  // No remote images under our CSP (and none wanted): show where it points.
  img: ({ src, alt }) => (
    <span className="md-image">
      [image{alt ? `: ${alt}` : ''}
      {typeof src === 'string' && src ? ` — ${src}` : ''}]
    </span>
  ),
};

/** Assistant text as Markdown; raw HTML in it is dropped, never rendered. */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  if (text.length > MARKDOWN_MAX_CHARS) {
    return <pre className="plain-text">{text}</pre>;
  }
  return (
    <div className="markdown">
      <ReactMarkdown skipHtml components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
});

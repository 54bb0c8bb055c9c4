// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Markdown, MARKDOWN_MAX_CHARS } from './Markdown';

describe('Markdown', () => {
  afterEach(cleanup);

  it('renders Markdown but never raw HTML', () => {
    const { container } = render(
      <Markdown text={'**bold** and <img src="x" onerror="alert(1)"><script>alert(2)</script>'} />,
    );
    expect(container.querySelector('strong')?.textContent).toBe('bold');
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
  });

  it('shows no remote images, only where they point', () => {
    const { container } = render(<Markdown text="![logo](https://example.com/x.png)" />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('https://example.com/x.png');
  });

  it('shows huge text plain instead of parsing it', () => {
    const { container } = render(<Markdown text={`**x** ${'y'.repeat(MARKDOWN_MAX_CHARS)}`} />);
    expect(container.querySelector('strong')).toBeNull();
    expect(container.querySelector('pre')).not.toBeNull();
  });
});

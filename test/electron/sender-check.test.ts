import { describe, expect, it } from 'vitest';
import { isOurPage, isTrustedSender } from '../../src-main/electron/sender-check';

const PAGE = 'file:///opt/app/dist/renderer/index.html';
const WINDOW = { webContentsId: 7, pageUrl: PAGE };
const ok = { webContentsId: 7, frameUrl: PAGE, isMainFrame: true };

describe('isTrustedSender', () => {
  it('trusts the top frame of our window showing our page', () => {
    expect(isTrustedSender(ok, WINDOW)).toBe(true);
    expect(isTrustedSender({ ...ok, frameUrl: `${PAGE}#/tasks/1` }, WINDOW)).toBe(true);
    expect(isTrustedSender({ ...ok, frameUrl: `${PAGE}?x=1` }, WINDOW)).toBe(true);
  });

  it('turns away everything else', () => {
    expect(isTrustedSender({ ...ok, webContentsId: 8 }, WINDOW)).toBe(false);
    expect(isTrustedSender({ ...ok, isMainFrame: false }, WINDOW)).toBe(false);
    expect(isTrustedSender({ ...ok, frameUrl: null }, WINDOW)).toBe(false);
    expect(isTrustedSender(ok, { ...WINDOW, webContentsId: null })).toBe(false);
    for (const url of [
      'file:///opt/app/dist/renderer/other.html',
      'file:///tmp/index.html',
      'file://evil.host/opt/app/dist/renderer/index.html',
      'https://opt/app/dist/renderer/index.html',
      'http://127.0.0.1:7381/',
      'about:blank',
      'data:text/html,hi',
      'garbage',
    ]) {
      expect(isTrustedSender({ ...ok, frameUrl: url }, WINDOW), url).toBe(false);
    }
  });

  it('compares pages, not strings', () => {
    expect(isOurPage('file:///opt/app/dist/renderer/../renderer/index.html', PAGE)).toBe(true);
    expect(isOurPage('file:///opt/app/dist/renderer/index.html/..', PAGE)).toBe(false);
  });
});

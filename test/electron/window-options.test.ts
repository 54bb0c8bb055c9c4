import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  APP_CSP,
  isAppUrl,
  permissionAllowed,
  rendererIndex,
  shouldOpenExternally,
  webPreferences,
  windowOptions,
  withCsp,
} from '../../src-main/electron/window-options';

const RENDERER = path.resolve('/opt/claudomator/dist/renderer');
const PAGE = pathToFileURL(path.join(RENDERER, 'index.html')).href;

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('webPreferences', () => {
  it('follows the security checklist', () => {
    const prefs = webPreferences('/x/preload.js');
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.preload).toBe('/x/preload.js');
  });

  it('is what the window is built with', () => {
    const opts = windowOptions({
      preloadPath: '/x/preload.js',
      state: { width: 900, height: 600, maximized: false, x: 5, y: 6 },
    });
    expect(opts.webPreferences).toEqual(webPreferences('/x/preload.js'));
    expect(opts).toMatchObject({ width: 900, height: 600, x: 5, y: 6, show: false });
    const centred = windowOptions({
      preloadPath: '/x/preload.js',
      state: { width: 900, height: 600, maximized: false },
    });
    expect(centred).not.toHaveProperty('x');
    expect(centred).not.toHaveProperty('y');
  });

  it('finds the renderer build next to the compiled shell', () => {
    expect(rendererIndex('/app/dist/src-main/electron')).toBe(
      path.resolve('/app/dist/renderer/index.html'),
    );
  });
});

describe('CSP', () => {
  const d = directives(APP_CSP);

  it('allows only our own files by default and never eval', () => {
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(APP_CSP).not.toMatch(/unsafe-eval|wasm-unsafe-eval|unsafe-hashes/);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
  });

  it('names no remote sources and no wildcards', () => {
    for (const [name, values] of d) {
      for (const v of values) {
        expect(v, `${name} ${v}`).not.toMatch(/^\*|^https?:|^wss?:|^blob:/);
        if (v === 'data:') expect(['img-src', 'font-src']).toContain(name);
      }
    }
  });

  it('replaces whatever CSP a response carried and keeps the other headers', () => {
    const out = withCsp({
      'content-security-policy': ["default-src *; script-src 'unsafe-eval'"],
      'Content-Security-Policy-Report-Only': ['default-src *'],
      'Content-Type': ['text/html'],
      'X-Single': 'one',
    });
    expect(out['Content-Security-Policy']).toEqual([APP_CSP]);
    expect(out).not.toHaveProperty('content-security-policy');
    expect(out).not.toHaveProperty('Content-Security-Policy-Report-Only');
    expect(out['Content-Type']).toEqual(['text/html']);
    expect(out['X-Single']).toEqual(['one']);
    expect(withCsp(undefined)['Content-Security-Policy']).toEqual([APP_CSP]);
  });
});

describe('app URLs', () => {
  it('are file:// URLs inside the renderer build only', () => {
    expect(isAppUrl(PAGE, RENDERER)).toBe(true);
    expect(isAppUrl(`${PAGE}#/tasks/1`, RENDERER)).toBe(true);
    expect(isAppUrl(pathToFileURL(path.join(RENDERER, 'assets/x.js')).href, RENDERER)).toBe(true);
    expect(isAppUrl(`${pathToFileURL(RENDERER).href}/../secret.html`, RENDERER)).toBe(false);
    expect(isAppUrl(pathToFileURL(`${RENDERER}-evil/index.html`).href, RENDERER)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', RENDERER)).toBe(false);
    expect(isAppUrl('https://example.com/index.html', RENDERER)).toBe(false);
    expect(isAppUrl('file://otherhost/opt/claudomator/dist/renderer/index.html', RENDERER)).toBe(
      false,
    );
    expect(isAppUrl('not a url', RENDERER)).toBe(false);
  });
});

describe('links', () => {
  it('only https leaves the app, to the browser', () => {
    expect(shouldOpenExternally('https://docs.anthropic.com/')).toBe(true);
    for (const url of [
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,hi',
      'smb://host/share',
      'garbage',
    ]) {
      expect(shouldOpenExternally(url), url).toBe(false);
    }
  });
});

describe('permissions', () => {
  it('are denied, whatever is asked and by whom', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'midi',
      'openExternal',
      'clipboard-read',
      'display-capture',
      'fileSystem',
      'fullscreen',
      'unknown',
    ]) {
      expect(permissionAllowed(permission, PAGE, RENDERER), permission).toBe(false);
    }
  });

  it('except writing to the clipboard from our own page', () => {
    expect(permissionAllowed('clipboard-sanitized-write', PAGE, RENDERER)).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', 'https://evil.example/', RENDERER)).toBe(
      false,
    );
    expect(permissionAllowed('clipboard-sanitized-write', undefined, RENDERER)).toBe(false);
  });
});

// The dependency rules of the shell, checked on the compiled output (what
// actually runs): core never loads Electron, and in the shell only the files
// that must touch Electron do — the rest is plain Node, tested without it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DIST = path.resolve(__dirname, '../../dist/src-main');

function jsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return jsFiles(p);
    return e.name.endsWith('.js') ? [p] : [];
  });
}

const requires = (file: string): string[] =>
  [...fs.readFileSync(file, 'utf8').matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map(
    (m) => m[1]!,
  );

describe('boundaries', () => {
  it('core and server never load electron or the shell', () => {
    for (const dir of ['core', 'server']) {
      for (const file of jsFiles(path.join(DIST, dir))) {
        for (const r of requires(file)) {
          expect(r, path.relative(DIST, file)).not.toBe('electron');
          expect(r, path.relative(DIST, file)).not.toMatch(/(^|\/)electron\//);
        }
      }
    }
  });

  it('only the lifecycle, window, tray, notification and preload files load electron', () => {
    const loading = jsFiles(path.join(DIST, 'electron'))
      .filter((f) => requires(f).includes('electron'))
      .map((f) => path.basename(f))
      .sort();
    expect(loading).toEqual(
      ['app-window.js', 'main.js', 'notifications.js', 'preload.js', 'tray.js'].sort(),
    );
    // start.js decides whether Electron can run without loading it.
    expect(requires(path.join(DIST, 'start.js'))).not.toContain('electron');
  });
});
